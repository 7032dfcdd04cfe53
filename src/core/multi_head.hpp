// multi_head.hpp — n_h heads side by side, concatenated and projected (Vaswani 2017, §3.2.2).
//
//   MultiHead(X) = Concat(head₀, …, head₍ₙₕ₋₁₎)·W_O,   headᵢ = Attention(X·W_Qᵢ, Y·W_Kᵢ, Y·W_Vᵢ)
//
// where W_Qᵢ is the i-th block of d_k = (columns of W_Q) / H columns of W_Q, and likewise for
// W_K and W_V: one wide matrix per role, as implementations store it, so every number a learner
// edits is visible. Y = X (self-attention) unless Y is given (encoder–decoder attention). Each
// head runs the whole one-head pipeline (attend.hpp) under the id prefix "head<i>.", so it can
// use any mask but local-p, any normaliser and any algorithm; the score is dot or scaled dot, as
// in the paper. The mask is built once, for all heads.
//
// Shapes: X (T, d), Y (S, d_y), W_Q (d, n_h·d_k), W_K (d_y, n_h·d_k), W_V (d_y, n_h·d_v),
// W_O (n_h·d_v, d_o); per head Qᵢ (T, d_k), Kᵢ (S, d_k), Vᵢ (S, d_v); context (T, n_h·d_v).
#pragma once

#include <vector>

#include "hard_attention.hpp"
#include "options.hpp"
#include "trace.hpp"

namespace attn {

// Write every multi-head step: the inputs, "mask", each head's steps, then "weights" (the mean
// of the heads' weights), "context" (the heads' contexts side by side) and "output" = context·W_O.
// Fills trace.rows from the mean weights it shows; a row is empty when it is empty in every head
// (its mean weights are then all zero).
void write_multi_head(Trace& trace, const Inputs& in, const Options& options, SplitMix64& rng);

// The backward pass, after write_multi_head: the loss (loss.hpp), "grad.W_O" and "grad.context"
// from ∂L/∂O, or "grad.weights" for a loss on the mean weights; each head's backward pass under
// "grad.head<i>."; then "grad.Q", "grad.K", "grad.V", all heads' side by side, and the
// projections' gradients (projections.hpp).
void write_multi_head_backward(Trace& trace, const Inputs& in, const Options& options);

}  // namespace attn
