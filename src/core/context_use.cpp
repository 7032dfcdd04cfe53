// context_use.cpp — Luong's attentional vector, addition, output projection. See context_use.hpp.
#include "context_use.hpp"

#include <algorithm>
#include <cmath>

#include "choices.hpp"
#include "explanation.hpp"
#include "matmul.hpp"
#include "step_ids.hpp"

namespace attn {

const Choices<ContextUse>& context_use_choices() {
    static const Choices<ContextUse> choices{
        {ContextUse::none, "none", "", "Stop at the context vectors c.", "c", {}, {}, "", {}, ""},
        {ContextUse::concat_tanh, "concat_tanh", "Luong 2015",
         "Luong's attentional vector h̃ = tanh(W_c [c; h]) with the decoder state h.", "h̃ = tanh(W_c [c; h])",
         {{"H", "(T, d_h)", Fill::halves}, {"W_c", "(d_o, d_c + d_h)", Fill::half_and_half}}, {}, "", {},
         "H W_c concat attentional"},
        {ContextUse::add, "add", "", "Add the context to the decoder state: c + h.", "o = c + h",
         {{"H", "(T, d_c)", Fill::halves}}, {}, "", {}, "H output"},
        {ContextUse::output_projection, "output_projection", "Vaswani 2017", "The Transformer's output projection C·W_O.",
         "O = C·W_O", {{"W_O", "(d_c, d_o)", Fill::identity}}, {}, "", {}, "W_O output"},
    };
    return choices;
}

namespace {

// [SECTION] Explanations

// [c; h]: its first d_v entries are c's, the rest h's; source: the one it copies.
Explanation explain_concat(const Cell& cell) {
    const Step &C = cell.from(0), &H = cell.from(1);
    const std::size_t d_v = C.value.shape(1);
    const bool from_c = cell.c < d_v;
    Explanation e;
    e.text = "[c" + sub(cell.t) + "; h" + sub(cell.t) + "]" + sub(cell.c) + " = " + (from_c ? "c" : "h") +
             sub(cell.t, from_c ? cell.c : cell.c - d_v) + " = " + format_number(cell.value());
    e.sources = {from_c ? cell_of(C, cell.t, cell.c) : cell_of(H, cell.t, cell.c - d_v)};
    return e;
}

// h̃ = tanh(W_c [c; h]); sources: [c; h], W_c.
Explanation explain_attentional(const Cell& cell) {
    const Step &concat = cell.from(0), &W_c = cell.from(1);
    const std::size_t n = concat.value.shape(1);
    const double x = dot(&W_c.value(cell.c, 0), 1, &concat.value(cell.t, 0), 1, n);
    Explanation e;
    e.text = "h̃" + sub(cell.t, cell.c) + " = tanh(Σᵢ W_c" + sub(cell.c) + ",ᵢ [c; h]" + sub(cell.t) + ",ᵢ) = tanh(" +
             products(&W_c.value(cell.c, 0), 1, &concat.value(cell.t, 0), 1, n) + ") = tanh(" + format_number(x) +
             ") = " + format_number(cell.value());
    e.sources = {row_of(W_c, cell.c), row_of(concat, cell.t)};
    return e;
}

// o = c + h; sources: C, H.
Explanation explain_sum(const Cell& cell) { return cellwise(cell, "o", "c", "+", "h", "+"); }

}  // namespace

Explanation explain_output_projection(const Cell& cell) {
    return matrix_product(cell, "O", cell.from(0), cell.from(1), cell.c, cell.t);
}

void write_context_use(Trace& trace, const Matrix& context, const Inputs& in, const Options& options) {
    const std::size_t T = context.shape(0), d_v = context.shape(1);
    switch (options.use) {
        case ContextUse::none: return;
        case ContextUse::concat_tanh: {
            // concat: (T, d_v + d_h)  W_c: (d_o, d_v + d_h)  attentional: (T, d_o)
            const Matrix& H = trace.copy_step(step_id::H, "Decoder states h", "H", in.H_dec);
            const Matrix& W_c = trace.copy_step(step_id::W_c, "Combination weights W_c", "W_c", in.W_c);
            const std::size_t d_h = H.shape(1);
            Matrix& concat = trace.write_step(step_id::concat, "Context beside the decoder state", "[cₜ; hₜ]", T, d_v + d_h);
            for (std::size_t t = 0; t < T; ++t) {
                std::copy_n(&context(t, 0), d_v, &concat(t, 0));
                std::copy_n(&H(t, 0), d_h, &concat(t, d_v));
            }
            Matrix& attentional = trace.write_step(step_id::attentional, "Attentional vector h̃", "h̃ₜ = tanh(W_c [cₜ; hₜ])", T,
                                                   W_c.shape(0));
            matmul_transposed(concat, W_c, attentional, trace.scratch);  // row t = (W_c [cₜ; hₜ])ᵀ
            for (double& x : attentional) x = std::tanh(x);
            trace.explain(concat, explain_concat, {&context, &H});
            trace.explain(attentional, explain_attentional, {&concat, &W_c});
            return;
        }
        case ContextUse::add: {
            // H: (T, d_v)  output: (T, d_v)
            const Matrix& H = trace.copy_step(step_id::H, "Decoder states h", "H", in.H_dec);
            Matrix& output = trace.write_step(step_id::output, "Context plus state", "oₜ = cₜ + hₜ", T, d_v);
            for (std::size_t k = 0; k < output.size(); ++k) output.data()[k] = context.data()[k] + H.data()[k];
            trace.explain(output, explain_sum, {&context, &H});
            return;
        }
        case ContextUse::output_projection: {
            // W_O: (d_v, d_o)  output: (T, d_o)
            const Matrix& W_O = trace.copy_step(step_id::W_O, "Output projection W_O", "W_O", in.W_O);
            Matrix& output = trace.write_step(step_id::output, "Output", "O = C·W_O", T, W_O.shape(1));
            matmul(context, W_O, output, trace.scratch);
            trace.explain(output, explain_output_projection, {&context, &W_O});
            return;
        }
    }
}

std::string_view output_step_id(const Options& options) {
    if (options.form == Form::multi_head) return step_id::output;
    switch (options.use) {
        case ContextUse::none: return step_id::context;
        case ContextUse::concat_tanh: return step_id::attentional;
        case ContextUse::add:
        case ContextUse::output_projection: return step_id::output;
    }
    return step_id::context;
}

const Matrix& write_output_projection_backward(Trace& trace, const Matrix& dO, const Matrix& C, const Matrix& W_O,
                                               std::string_view context_title) {
    // O = C·W_O  ⇒  ∂L/∂W_O = Cᵀ·∂L/∂O (d_c, d_o),  ∂L/∂C = ∂L/∂O·W_Oᵀ (T, d_c)
    Matrix& dW_O = trace.write_step(step_id::grad_of(step_id::W_O), "Gradient of W_O", "∂L/∂W_O = Cᵀ·∂L/∂O",
                                    W_O.shape(0), W_O.shape(1));
    matmul_transposed_a(C, dO, dW_O, trace.scratch);
    trace.explain(dW_O, explain_product_transposed_a, {&C, &dO});
    Matrix& dC = trace.write_step(step_id::grad_of(step_id::context), context_title, "∂L/∂C = ∂L/∂O·W_Oᵀ", C.shape(0),
                                  C.shape(1));
    matmul_transposed(dO, W_O, dC, trace.scratch);
    trace.explain(dC, explain_product_transposed_b, {&dO, &W_O});
    return dC;
}

const Matrix& write_context_use_backward(Trace& trace, const Matrix& dO, const Matrix& context, const Options& options) {
    const std::size_t T = context.shape(0), d_v = context.shape(1);
    const std::string grad_context = step_id::grad_of(step_id::context);
    switch (options.use) {
        case ContextUse::none: return dO;
        case ContextUse::add: {
            // o = c + h  ⇒  ∂L/∂H = ∂L/∂C = ∂L/∂O  (T, d_v)
            const Matrix& dH = trace.copy_step(step_id::grad_of(step_id::H), "Gradient of the decoder states",
                                               "∂L/∂H = ∂L/∂O", dO);
            trace.explain(dH, explain_same_gradient, {&dO});
            const Matrix& dC = trace.copy_step(grad_context, "Gradient of the context", "∂L/∂C = ∂L/∂O", dO);
            trace.explain(dC, explain_same_gradient, {&dO});
            return dC;
        }
        case ContextUse::output_projection:
            return write_output_projection_backward(trace, dO, context, trace.value(step_id::W_O),
                                                    "Gradient of the context");
        case ContextUse::concat_tanh: {
            // h̃ = tanh(W_c [c; h])  ⇒  with ∂L/∂u = ∂L/∂h̃ ⊙ (1 − h̃²), u = W_c [c; h]:
            //   ∂L/∂W_c = Σₜ ∂L/∂uₜ [cₜ; hₜ]ᵀ (d_o, d_v + d_h),  ∂L/∂[c; h] = ∂L/∂U·W_c (T, d_v + d_h)
            const Matrix &W_c = trace.value(step_id::W_c), &concat = trace.value(step_id::concat),
                         &attentional = trace.value(step_id::attentional);
            Matrix& du = trace.scratch.product;
            du.resize({T, W_c.shape(0)});
            for (std::size_t k = 0; k < du.size(); ++k)
                du.data()[k] = dO.data()[k] * (1.0 - attentional.data()[k] * attentional.data()[k]);
            Matrix& dW_c = trace.write_step(step_id::grad_of(step_id::W_c), "Gradient of W_c",
                                            "∂L/∂W_c = Σₜ (∂L/∂h̃ₜ ⊙ (1 − h̃ₜ²)) [cₜ; hₜ]ᵀ", W_c.shape(0), W_c.shape(1));
            matmul_transposed_a(du, concat, dW_c, trace.scratch);
            Matrix& d_concat = trace.write_step(step_id::grad_of(step_id::concat),
                                                "Gradient of [c; h]", "∂L/∂[cₜ; hₜ] = W_cᵀ (∂L/∂h̃ₜ ⊙ (1 − h̃ₜ²))", T,
                                                concat.shape(1));
            matmul(du, W_c, d_concat, trace.scratch);
            const std::size_t d_h = concat.shape(1) - d_v;
            Matrix& dH = trace.write_step(step_id::grad_of(step_id::H),
                                          "Gradient of the decoder states", "∂L/∂hₜ = the last d_h entries of ∂L/∂[cₜ; hₜ]",
                                          T, d_h);
            Matrix& dC = trace.write_step(grad_context, "Gradient of the context",
                                          "∂L/∂cₜ = the first d_v entries of ∂L/∂[cₜ; hₜ]", T, d_v);
            for (std::size_t t = 0; t < T; ++t) {
                std::copy_n(&d_concat(t, 0), d_v, &dC(t, 0));
                std::copy_n(&d_concat(t, d_v), d_h, &dH(t, 0));
            }
            return dC;
        }
    }
    return dO;
}

}  // namespace attn
