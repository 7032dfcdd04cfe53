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

}  // namespace attn
