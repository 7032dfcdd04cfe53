// projections.hpp — the form stage: where Q, K and V come from.
//
// plain: given directly. self: one sequence X through three matrices, Q = X·W_Q, K = X·W_K,
// V = X·W_V (Vaswani 2017, §3.2). cross (encoder–decoder attention): queries from the decoder's
// sequence X, keys and values from the encoder's Y, Q = X·W_Q, K = Y·W_K, V = Y·W_V (§3.2.3).
// Multi-head attention projects per head instead: multi_head.hpp.
//
// Shapes: X (T, d), Y (S, d_y), W_Q (d, d_k), W_K (d_y, d_k), W_V (d_y, d_v) — for self, Y = X.
#pragma once

#include "options.hpp"
#include "trace.hpp"

namespace attn {

// Pointers to the Q, K and V steps inside the trace (valid until the next recompute).
struct QKV {
    const Matrix* Q;  // (T, d_k)
    const Matrix* K;  // (S, d_k)
    const Matrix* V;  // (S, d_v)
};

// Write the form's inputs as steps ("X", "W_Q", …) and then "Q", "K", "V".
QKV write_form(Trace& trace, const Inputs& in, const Options& options);

// The backward pass of the projections, from ∂L/∂Q, ∂L/∂K, ∂L/∂V (in multi-head attention all
// heads' side by side, as W_Q holds them): write "grad.W_Q", "grad.W_K", "grad.W_V", then
// "grad.Y" (cross) and "grad.X". Reads the forward steps X, Y, W_Q, W_K, W_V. cross: whether K
// and V come from Y.
void write_form_backward(Trace& trace, const Matrix& dQ, const Matrix& dK, const Matrix& dV, bool cross);

// How a cell of a projection (Q = X·W_Q, or head i's block) is explained; sources: X or Y, then W.
Explanation explain_projection(const Cell& cell);

}  // namespace attn
