// scores.hpp — how a query meets a key, then the scale and temperature.
//
// Five scores, each from its paper (options.hpp): dot q·k, scaled dot q·k / √d_k, general
// qᵀ W_a k, additive v_aᵀ tanh(W_a q + U_a k), graph LeakyReLU(a_gᵀ[W_g q ‖ W_g k])
// (graph_score.hpp). write_scores writes the parameters a score reads
// and its intermediates as steps, then "scores" and "scaled". It does not mask: masks.hpp does.
//
// Shapes: Q (T, d_k), K (S, d_k) — for general and additive Q and K may differ in width.
#pragma once

#include "options.hpp"
#include "trace.hpp"

namespace attn {

// [SECTION] The score stage

// Write one head's score steps ("W_a"…, "scores", "scaled") and return "scaled": (T, S).
const Matrix& write_scores(Trace& trace, StepScope& ids, const Matrix& Q, const Matrix& K, const Inputs& in,
                           const Options& options);

// The gradients of the score stage's inputs, inside the trace (valid until the next recompute).
struct QKGrads {
    const Matrix* dQ;  // (T, d_q)
    const Matrix* dK;  // (S, d_k)
};

// The backward pass of write_scores: from ∂L/∂s' (d_scaled, (T, S)) write "grad.scores", the
// gradients of the score's parameters and intermediates ("grad.W_a", "grad.Q_W_a", …), then
// "grad.K" and "grad.Q". Reads the forward steps of the same head from the trace. d_position:
// local-p's ∂L/∂(W_p Q) (T, d_p), its centres' use of Q, whose ∂L/∂(W_p Q)·W_p ∂L/∂Q adds; or nullptr.
QKGrads write_scores_backward(Trace& trace, StepScope& ids, const Matrix& d_scaled, const Matrix& Q, const Matrix& K,
                              const Matrix* d_position, const Options& options);

// [SECTION] Kernels

// scores(t, j) = Σ_a v_a[a] · tanh(A(t, a) + B(j, a)), the additive score once A's rows hold W_a qₜ
// and B's rows hold U_a kⱼ. A: (T, d_a)  B: (S, d_a)  v_a: d_a values  scores: (T, S), overwritten.
void additive_scores(const Matrix& A, const Matrix& B, const double* v_a, Matrix& scores, Scratch& scratch);

// The plain version additive_scores must equal (tests/core/test_plain.cpp): one libm tanh per
// term, scores(t, j) = Σ_a v_a[a] · tanh(A(t, a) + B(j, a)), summed in order.
void additive_scores_plain(const Matrix& A, const Matrix& B, const double* v_a, Matrix& scores);

// The additive score's backward pass: given dS = ∂L/∂s (T, S), with hₜⱼₐ = tanh(A(t, a) + B(j, a)),
//   dv_a[a] = Σₜⱼ dSₜⱼ hₜⱼₐ,   dA(t, a) = Σⱼ dSₜⱼ v_a[a] (1 − hₜⱼₐ²),   dB(j, a) = Σₜ dSₜⱼ v_a[a] (1 − hₜⱼₐ²).
// dA: (T, d_a)  dB: (S, d_a)  dv_a: d_a values; all overwritten. Uses scratch.work.
void additive_scores_backward(const Matrix& A, const Matrix& B, const double* v_a, const Matrix& dS, Matrix& dA,
                              Matrix& dB, double* dv_a, Scratch& scratch);

// scaled = scores / divisor, entry by entry. scores, scaled: (T, S).
void scale_scores(const Matrix& scores, double divisor, Matrix& scaled);

}  // namespace attn
