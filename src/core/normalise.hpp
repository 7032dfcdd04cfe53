// normalise.hpp — the normalise stage: scaled, masked scores → weights.
//
// Three choices (options.hpp's Normalise): the softmax; hard attention by argmax; hard attention
// by a seeded sample. Luong's local-p then multiplies the softmax by its Gaussian. Whatever the
// choice, the stage also writes "jacobian_diag", the diagonal of the softmax Jacobian, so the UI
// can show how saturated the softmax is. The tiled and linear algorithms normalise on their own
// (tiled_attention.hpp, linear_attention.hpp).
//
// Shapes: scaled, mask, weights (T, S); p (1, T).
#pragma once

#include <vector>

#include "hard_attention.hpp"
#include "options.hpp"
#include "explanation.hpp"
#include "trace.hpp"

namespace attn {

struct Normalised {
    const Matrix* weights;        // (T, S): what the values are combined with
    const Matrix* probabilities;  // (T, S): the softmax behind them (α for hard attention, align for local-p)
};

// Write the normalise steps of one head. p: local-p's centres, else nullptr. rng: hard_sample's
// stream, shared by all heads. empty_rows[t] is set for rows with no allowed key.
Normalised write_normalise(Trace& trace, StepScope& ids, const Matrix& scaled, const Matrix& mask, const Matrix* p,
                           const Options& options, SplitMix64& rng, std::vector<bool>& empty_rows);

// How a cell of the softmax weights is explained, with the row's max and sum recomputed; sources:
// the scores the softmax read (scaled or biased), the mask. Also the tiled algorithm's weights.
Explanation explain_softmax(const Cell& cell);
// ∂p/∂s' = p(1 − p); source: the softmax p.
Explanation explain_jacobian(const Cell& cell);

}  // namespace attn
