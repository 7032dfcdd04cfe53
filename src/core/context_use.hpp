// context_use.hpp — what happens to the context vector after the weighted sum.
//
// Three uses from the literature (options.hpp's ContextUse):
//   concat_tanh: Luong 2015, eq. 5, the attentional vector h̃ₜ = tanh(W_c [cₜ; hₜ]), which feeds
//                the decoder's prediction; hₜ is the decoder state the query came from.
//   add:         cₜ + hₜ, the residual-style combination (hₜ of the context's width).
//   output_projection: the Transformer's c·W_O (Vaswani 2017, §3.2.2), here for a single head;
//                multi-head attention always applies its W_O (multi_head.hpp).
//
// Shapes: context (T, d_v), H (T, d_h), W_c (d_o, d_v + d_h), W_O (d_v, d_o).
#pragma once

#include "explanation.hpp"
#include "options.hpp"
#include "trace.hpp"

namespace attn {

// Write the use's inputs and result: "H", "W_c", "concat", "attentional" for concat_tanh;
// "H", "output" for add; "W_O", "output" for output_projection; nothing for none.
void write_context_use(Trace& trace, const Matrix& context, const Inputs& in, const Options& options);

// The id of the final output O, the step the loss reads: "attentional" (concat_tanh), "output"
// (add, output_projection, and multi-head attention), or "context" (none).
std::string_view output_step_id(const Options& options);

// The backward pass of write_context_use: from ∂L/∂O (dO, the step "grad.<output_step_id>")
// write the gradients of the use's inputs ("grad.W_O"; "grad.H"; "grad.W_c", "grad.concat",
// "grad.H") and return ∂L/∂C, (T, d_v): "grad.context", or dO itself when there is no use.
const Matrix& write_context_use_backward(Trace& trace, const Matrix& dO, const Matrix& context, const Options& options);

// O = C·W_O backwards, for one head and for the heads' concatenated contexts: writes
// "grad.W_O" = Cᵀ·∂L/∂O (W_O's shape) and returns "grad.context" = ∂L/∂O·W_Oᵀ (C's shape),
// titled `context_title`.
const Matrix& write_output_projection_backward(Trace& trace, const Matrix& dO, const Matrix& C, const Matrix& W_O,
                                               std::string_view context_title);

// How a cell of O = C·W_O is explained (here and in multi-head attention); sources: C, W_O.
Explanation explain_output_projection(const Cell& cell);

}  // namespace attn
