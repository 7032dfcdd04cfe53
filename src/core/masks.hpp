// masks.hpp — which keys each query may attend to.
//
// A mask is a (T, S) matrix of 1 (may attend) and 0 (masked); keys and queries are numbered from
// 0. Every pattern of options.hpp's Mask is here: global, causal, key padding, Luong's local-m
// and local-p windows, the sliding window, Child et al.'s strided and fixed sparse patterns, and
// the learner's own matrix. What a fully masked row becomes is the normaliser's business
// (softmax.hpp: all-zero weights and a flag, never NaN). local-p's predicted centre p_t comes
// from local_attention.hpp.
#pragma once

#include <string_view>

#include "options.hpp"
#include "trace.hpp"

namespace attn {

// Write the "mask" step, (T, S), and return it. p: local-p's centres, (1, T), else nullptr.
const Matrix& write_mask(Trace& trace, StepScope& ids, const Options& options, const Matrix& custom,
                         const Matrix* p, std::size_t T, std::size_t S);

// Fill allowed (T, S) with options.mask's pattern. custom: the user's (T, S) mask (Mask::custom);
// p: (1, T) centres (Mask::local_p), else nullptr.
void build_mask(const Options& options, const Matrix& custom, const Matrix* p, Matrix& allowed);

// The pattern's rule as a formula, e.g. "M(t, j) = [j ≤ t]".
std::string_view mask_formula(Mask mask);

}  // namespace attn
