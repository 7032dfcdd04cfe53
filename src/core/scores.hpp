// scores.hpp — how queries meet keys, and how weights combine values.
//
// Shapes: Q (T, d_k), K (S, d_k), V (S, d_v), W (T, S). See tensor.hpp for the legend.
#pragma once

#include "tensor.hpp"

namespace attn {

// S = Q·Kᵀ: (T, S). Returns an owned matrix.
Matrix dot_scores(const Matrix& Q, const Matrix& K);

// C = W·V: (T, d_v). Returns an owned matrix.
Matrix weighted_sum(const Matrix& W, const Matrix& V);

}  // namespace attn
