// softmax.hpp — turning scores into weights.
//
// Shapes: scores (T, S), mask (T, S) of 0/1, weights (T, S).
#pragma once

#include <vector>

#include "tensor.hpp"

namespace attn {

// Row-wise softmax over the keys the mask allows. A row with no allowed key gets all-zero weights
// and empty_rows[t] = true, never NaN. Returns an owned matrix.
Matrix masked_softmax(const Matrix& scores, const Matrix& mask, std::vector<bool>& empty_rows);

}  // namespace attn
