// softmax.hpp — turning scores into weights, and how sensitive the weights are to the scores.
//
// Shapes: scaled scores (T, S), mask (T, S) of 0/1, weights (T, S). The softmax Jacobian is what
// a learner needs to see why unscaled large scores stall learning: once one weight nears 1, every
// wⱼ(1 − wⱼ) nears 0. normalise.hpp chooses between softmax and hard attention.
#pragma once

#include <vector>

#include "explanation.hpp"
#include "tensor.hpp"

namespace attn {

// Row-wise softmax over the keys the mask allows. A row with no allowed key gets all-zero
// weights and empty_rows[t] = true, never NaN. weights is overwritten; empty_rows resized to T.
void masked_softmax(const Matrix& scaled, const Matrix& mask, Matrix& weights, std::vector<bool>& empty_rows);

// The plain version masked_softmax must equal (tests/core/test_plain.cpp): per row, the max m
// over the allowed keys, then wₜⱼ = e^(sₜⱼ − m) / Σₖ e^(sₜₖ − m) with libm's exp, 0 where masked.
void masked_softmax_plain(const Matrix& scaled, const Matrix& mask, Matrix& weights);

// The diagonal of each row's softmax Jacobian: diag(t, j) = ∂wₜⱼ/∂sₜⱼ = wₜⱼ (1 − wₜⱼ).
// weights, diag: (T, S).
void softmax_jacobian_diag(const Matrix& weights, Matrix& diag);

// The softmax's backward pass, row by row: given ∂L/∂w, the gradient of the scores it read,
//   ∂L/∂sₜⱼ = wₜⱼ (∂L/∂wₜⱼ − Σₖ wₜₖ ∂L/∂wₜₖ),
// which is J·∂L/∂wₜ with J = diag(wₜ) − wₜwₜᵀ. Masked keys (w = 0) get 0. w, dw, ds: (T, S).
void softmax_backward(const Matrix& w, const Matrix& dw, Matrix& ds);
// A cell of ∂L/∂s' explained by that formula; sources: w, ∂L/∂w.
Explanation explain_softmax_backward(const Cell& cell);

// ‖J‖_F for one row w of S softmax weights, where J = diag(w) − w·wᵀ is ∂w/∂s.
double softmax_jacobian_norm(const double* w, std::size_t S);

}  // namespace attn
