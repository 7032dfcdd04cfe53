// attend.hpp — one head of attention: every stage from the score to the context vector.
//
// This is the middle of the pipeline (options.hpp lists its stages), shared by every form:
// plain, self and cross attention run it once, multi-head attention once per head (with step ids
// prefixed "head<i>."). Each stage lives in its own file, named after it (scores, masks,
// normalise, …; local-p's prediction in local_attention), which also describes its choices; the
// context C = W·V is computed here. The tiled and linear algorithms replace the last stages
// (tiled_attention.hpp, linear_attention.hpp).
//
// Shapes: Q (T, d_k), K (S, d_k), V (S, d_v), weights (T, S), context (T, d_v).
#pragma once

#include <vector>

#include "hard_attention.hpp"
#include "explanation.hpp"
#include "options.hpp"
#include "trace.hpp"

namespace attn {

// Pointers to one head's results inside the trace (valid until the next recompute).
struct HeadResult {
    const Matrix* weights;        // (T, S)
    const Matrix* probabilities;  // (T, S): the softmax behind the weights, or nullptr (linear attention)
    const Matrix* context;        // (T, d_v)
    const Matrix* scaled;         // (T, S): when the weights are the masked softmax of these scores, else nullptr
};

// Run one head and write its steps. shared_mask: the mask multi-head attention built once for
// all heads, or nullptr to build and write it here. rng: hard_sample's stream. empty_rows[t] is
// set for queries with nothing to attend to.
// How a cell of the context C = W·V is explained; sources: the weights, V.
Explanation explain_context(const Cell& cell);

HeadResult attend(Trace& trace, StepScope& ids, const Matrix& Q, const Matrix& K, const Matrix& V,
                  const Matrix* shared_mask, const Inputs& in, const Options& options, SplitMix64& rng,
                  std::vector<bool>& empty_rows);

// [SECTION] Backward

// What the cross-entropy compares with target weights y: this head's weights, or in multi-head
// attention the mean w̄ of the n_h heads' weights.
struct WeightTarget {
    const Matrix* y = nullptr;     // (T, S), or nullptr: the loss does not read the weights
    const Matrix* mean = nullptr;  // (T, S): the weights y is compared with
    std::size_t heads = 1;         // n_h, the heads w̄ is the mean of
};

// The gradients of one head's inputs, inside the trace (valid until the next recompute).
struct HeadGrads {
    const Matrix* dQ;  // (T, d_k)
    const Matrix* dK;  // (S, d_k)
    const Matrix* dV;  // (S, d_v)
};

// The backward pass of attend, for the standard and tiled algorithms: from ∂L/∂C (dC, (T, d_v),
// or nullptr when the loss reads only the weights) and the loss on the weights, write
// "grad.weights" and "grad.V" (tiled: "delta" and "grad.V", tile by tile, tiled_attention.hpp),
// the gradient of the scores the normaliser read ("grad.biased" with a bias, then "grad.scaled"),
// then the score stage's (scores.hpp). L: the loss, which the REINFORCE estimate of hard_sample
// scales by.
// ∂L/∂V = 0 when the loss reads only the weights (a rule with no sources).
Explanation explain_values_unread(const Cell& cell);

// The cross-entropy's share of the gradient of the scores a softmax W (T, S) read, added to dS in
// closed form; its −y / (n_h w̄) also to dW when given (attend.cpp).
void add_cross_entropy_share(const WeightTarget& target, const Matrix& W, Matrix& dS, Matrix* dW);

HeadGrads attend_backward(Trace& trace, StepScope& ids, const Matrix& Q, const Matrix& K, const Matrix& V,
                          const Matrix* dC, const WeightTarget& target, double L, const Options& options);

}  // namespace attn
