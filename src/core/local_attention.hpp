// local_attention.hpp — Luong's local-p attention: predict where to look, then favour keys near it.
//
// Luong, Pham and Manning 2015, §3.2. Local-m assumes query t looks around key t, which is just a
// mask (masks.hpp). Local-p predicts a centre for each query from the query itself,
//   p_t = S · sigmoid(v_pᵀ tanh(W_p h_t))                                   (eq. 9)
// (h_t is the query qₜ here, S the number of keys, so p_t ∈ [0, S]), keeps the keys within
// [p_t − D, p_t + D] and multiplies their softmax weights by a Gaussian centred on p_t,
//   aₜ(j) = align(qₜ, kⱼ) · exp(−(j − p_t)² / (2σ²)),  σ = D / 2             (eq. 10)
// The product is not renormalised, as in the paper: a local-p row sums to less than 1.
//
// Shapes: Q (T, d_k), W_p (d_p, d_k), v_p (d_p), p (1, T), gaussian (T, S).
#pragma once

#include "explanation.hpp"
#include "options.hpp"
#include "trace.hpp"

namespace attn {

// Write "W_p", "v_p" and the centres "p"; return p: (1, T).
const Matrix& write_positions(Trace& trace, StepScope& ids, const Matrix& Q, const Inputs& in, std::size_t S);

// p(0, t) = S · sigmoid(v_pᵀ tanh(W_p qₜ)). p: (1, T), overwritten.
void predict_positions(const Matrix& Q, const Matrix& W_p, const Matrix& v_p, std::size_t S, Matrix& p,
                       Scratch& scratch);

// gaussian(t, j) = exp(−(j − p_t)² / (2σ²)) with σ = D / 2, D ≥ 1. gaussian: (T, S), overwritten.
void gaussian_window(const Matrix& p, int D, Matrix& gaussian);

// [SECTION] Backward
//
// The window itself, [p_t − D, p_t + D], is a step in p_t: it does not move when p_t moves a
// little, so the gradient reaches p through the Gaussian alone (and is not defined at an edge).

// From ∂L/∂g (dG, (T, S)) write "grad.p", "grad.W_p_q" (∂L/∂(W_p qₜ), row t), "grad.v_p" and
// "grad.W_p". Returns ∂L/∂(W_p Q): (T, d_p), whose ∂L/∂(W_p Q)·W_p is local-p's share of ∂L/∂Q.
const Matrix& write_positions_backward(Trace& trace, StepScope& ids, const Matrix& dG, const Matrix& Q,
                                       const Options& options);

}  // namespace attn
