// graph_score.hpp — the graph attention network's score (Veličković 2018, eq. 1 and 3).
//
// A node i attends over its neighbours j: both go through one shared projection W_g, a single
// layer a_g reads the two side by side, and a LeakyReLU of slope 0.2 follows:
//   sₜⱼ = LeakyReLU(a_gᵀ [W_g qₜ ‖ W_g kⱼ]) = LeakyReLU(a₁·W_g qₜ + a₂·W_g kⱼ),
// a₁ the first d_a entries of a_g, a₂ the last. The score is a query's term plus a key's term, so
// every query ranks the keys alike; the mask (the graph's edges) decides whom each node sees.
//
// Shapes: Q (T, d_q)  K (S, d_q)  W_g (d_a, d_q)  a_g (d_a + d_a)  scores (T, S).
#pragma once

#include "options.hpp"
#include "trace.hpp"

namespace attn {

// The paper's negative slope: LeakyReLU(x) = x for x > 0, 0.2·x otherwise.
inline constexpr double kLeakySlope = 0.2;

// Write "W_g", "a_g", "W_g_q" (rows W_g qₜ), "W_g_k" (rows W_g kⱼ) and "scores"; return the scores.
Matrix& write_graph_scores(Trace& trace, StepScope& ids, const Matrix& Q, const Matrix& K, const Inputs& in);

// What the graph score's backward pass leaves for the score stage (scores.hpp), inside the trace.
struct GraphGrads {
    Matrix* dQ;            // (T, d_q)
    Matrix* dK;            // (S, d_q)
    const Matrix* dW_g_q;  // ∂L/∂(W_g Q): (T, d_a), the factor ∂L/∂Q = ∂L/∂(W_g Q)·W_g reads
    const Matrix* W_g;     // (d_a, d_q)
};

// From ∂L/∂s (dS, (T, S)) write "grad.a_g", "grad.W_g_q", "grad.W_g_k", "grad.W_g", "grad.K" and
// "grad.Q". With rₜ = Σⱼ ∂L/∂sₜⱼ LeakyReLU'ₜⱼ and cⱼ = Σₜ ∂L/∂sₜⱼ LeakyReLU'ₜⱼ:
//   ∂L/∂a₁ = Σₜ rₜ W_g qₜ   ∂L/∂a₂ = Σⱼ cⱼ W_g kⱼ   ∂L/∂(W_g qₜ) = rₜ a₁   ∂L/∂(W_g kⱼ) = cⱼ a₂
//   ∂L/∂W_g = Σₜ ∂L/∂(W_g qₜ) qₜᵀ + Σⱼ ∂L/∂(W_g kⱼ) kⱼᵀ   ∂L/∂qₜ = W_gᵀ ∂L/∂(W_g qₜ)   ∂L/∂kⱼ likewise
GraphGrads write_graph_scores_backward(Trace& trace, StepScope& ids, const Matrix& dS, const Matrix& Q,
                                       const Matrix& K);

}  // namespace attn
