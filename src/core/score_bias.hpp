// score_bias.hpp — a term added to the scaled scores by position, before the mask.
//
// ALiBi (Press et al. 2022, "Train Short, Test Long", §3) gives a Transformer no position
// embeddings; instead head h (h = 1 … H) subtracts m_h·|t − j| from every score, with the slopes
// of a geometric sequence m_h = 2^(−8h/n_h). A far key scores lower in every head, steeply in the
// first heads and gently in the last, so some heads look near and others far. The paper uses a
// causal mask, where |t − j| = t − j; the absolute distance also serves attention without one.
//
// Shapes: scaled, bias, biased (T, S).
#pragma once

#include "options.hpp"
#include "trace.hpp"

namespace attn {

// [SECTION] The bias stage

// Write one head's "bias" and "biased" steps and return "biased", or return `scaled` itself
// when options.bias is none. ids.head and ids.heads pick the head's slope.
const Matrix& write_score_bias(Trace& trace, StepScope& ids, const Matrix& scaled, const Options& options);

// [SECTION] Kernels

// m_h = 2^(−8h/n_h) for head h = head + 1 of n_h.
double alibi_slope(std::size_t head, std::size_t heads);

// bias(t, j) = −m·|t − j|. bias: (T, S), overwritten.
void alibi_bias(double m, Matrix& bias);

}  // namespace attn
