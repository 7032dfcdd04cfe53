// projections.cpp — the forms' descriptors; the plain, self and cross forms. See projections.hpp
// (multi-head attention computes its own: multi_head.hpp).
#include "projections.hpp"

#include "choices.hpp"
#include "explanation.hpp"
#include "matmul.hpp"
#include "step_ids.hpp"

namespace attn {

const Choices<Form>& form_choices() {
    static const Choices<Form> choices{
        {Form::plain, "plain", "", "Edit Q, K and V directly.", "Q, K, V",
         {{"Q", "(T, d_q)"}, {"K", "(S, d_k)"}, {"V", "(S, d_v)"}}, {}, "", {}, "Q K V"},
        {Form::self, "self", "Vaswani 2017",
         "One sequence X attends to itself: Q = X·W_Q, K = X·W_K, V = X·W_V.", "Q = X·W_Q, K = X·W_K, V = X·W_V",
         {{"X", "(T, d)"}, {"W_Q", "(d, d_q)", Fill::identity}, {"W_K", "(d, d_k)", Fill::identity},
          {"W_V", "(d, d_v)", Fill::identity}},
         {}, "S=T", {}, "X W_Q W_K W_V Q K V"},
        {Form::cross, "cross", "Vaswani 2017",
         "Queries from one sequence X (the decoder), keys and values from another, Y (the encoder).",
         "Q = X·W_Q, K = Y·W_K, V = Y·W_V",
         {{"X", "(T, d)"}, {"Y", "(S, d_y)"}, {"W_Q", "(d, d_q)", Fill::identity}, {"W_K", "(d_y, d_k)", Fill::identity},
          {"W_V", "(d_y, d_v)", Fill::identity}},
         {}, "", {}, "X Y W_Q W_K W_V Q K V"},
        {Form::multi_head, "multi_head", "Vaswani 2017",
         "Several heads, each with its own slice of W_Q, W_K, W_V; their contexts are concatenated and mixed by W_O.",
         "headᵢ = Attention(X·W_Qᵢ, Y·W_Kᵢ, Y·W_Vᵢ), O = Concat(head₀, …)·W_O",
         {{"X", "(T, d)"}, {"Y", "(S, d_y)", Fill::given, "S=T d_y=d"}, {"W_Q", "(d, n_h·d_q)", Fill::drawn},
          {"W_K", "(d_y, n_h·d_k)", Fill::drawn}, {"W_V", "(d_y, n_h·d_v)", Fill::drawn}, {"W_O", "(n_h·d_v, d_o)", Fill::drawn}},
         {{"heads", 1, ""}}, "",
         {{"variant", "general additive graph", false,
           "form \"multi_head\" scores each head by dot product, as in Vaswani 2017; {variant} would need its own score weights "
           "per head: use variant \"dot\" or \"scaled_dot\""},
          {"use", "concat_tanh add", false,
           "form \"multi_head\" already ends with its output projection W_O; {use} is defined for a single head: use "
           "\"none\""}},
         "X Y W_Q W_K W_V W_O mask head<i>.Q head<i>.K head<i>.V head<i>.<step> weights context output"},
    };
    return choices;
}

Explanation explain_projection(const Cell& cell) {
    return matrix_product(cell, cell.step.id, cell.from(0), cell.from(1), cell.step.explainer.column + cell.c, cell.t);
}

QKV write_form(Trace& trace, const Inputs& in, const Options& options) {
    if (options.form == Form::plain) {
        const Matrix& Q = trace.copy_step(step_id::Q, "Queries", "Q", in.Q);
        const Matrix& K = trace.copy_step(step_id::K, "Keys", "K", in.K);
        const Matrix& V = trace.copy_step(step_id::V, "Values", "V", in.V);
        return {&Q, &K, &V};
    }
    // self: X: (T, d)  W_Q: (d, d_k)  W_K: (d, d_k)  W_V: (d, d_v)
    // cross: X: (T, d)  Y: (S, d_y)  W_Q: (d, d_k)  W_K: (d_y, d_k)  W_V: (d_y, d_v)
    const bool cross = options.form == Form::cross;
    const Matrix& X = trace.copy_step(step_id::X, cross ? "Query sequence X (decoder)" : "Input sequence X", "X", in.X);
    const Matrix& Y = cross ? trace.copy_step(step_id::Y, "Key/value sequence Y (encoder)", "Y", in.Y) : X;
    const Matrix& W_Q = trace.copy_step(step_id::W_Q, "Query projection W_Q", "W_Q", in.W_Q);
    const Matrix& W_K = trace.copy_step(step_id::W_K, "Key projection W_K", "W_K", in.W_K);
    const Matrix& W_V = trace.copy_step(step_id::W_V, "Value projection W_V", "W_V", in.W_V);
    Matrix& Q = trace.write_step(step_id::Q, "Queries", "Q = X·W_Q", X.shape(0), W_Q.shape(1));
    matmul(X, W_Q, Q, trace.scratch);
    Matrix& K = trace.write_step(step_id::K, "Keys", cross ? "K = Y·W_K" : "K = X·W_K", Y.shape(0), W_K.shape(1));
    matmul(Y, W_K, K, trace.scratch);
    Matrix& V = trace.write_step(step_id::V, "Values", cross ? "V = Y·W_V" : "V = X·W_V", Y.shape(0), W_V.shape(1));
    matmul(Y, W_V, V, trace.scratch);
    trace.explain(Q, explain_projection, {&X, &W_Q});
    trace.explain(K, explain_projection, {&Y, &W_K});
    trace.explain(V, explain_projection, {&Y, &W_V});
    return {&Q, &K, &V};
}

// dQ: (T, d_k)  dK: (S, d_k)  dV: (S, d_v)
void write_form_backward(Trace& trace, const Matrix& dQ, const Matrix& dK, const Matrix& dV, bool cross) {
    const Matrix &X = trace.value(step_id::X), &Y = cross ? trace.value(step_id::Y) : X;
    const Matrix &W_Q = trace.value(step_id::W_Q), &W_K = trace.value(step_id::W_K), &W_V = trace.value(step_id::W_V);

    // Q = X·W_Q  ⇒  ∂L/∂W_Q = Xᵀ·∂L/∂Q;  likewise K and V from Y (X in self-attention)
    Matrix& dW_Q = trace.write_step(step_id::grad_of(step_id::W_Q), "Gradient of W_Q", "∂L/∂W_Q = Xᵀ·∂L/∂Q",
                                    W_Q.shape(0), W_Q.shape(1));
    matmul_transposed_a(X, dQ, dW_Q, trace.scratch);
    trace.explain(dW_Q, explain_product_transposed_a, {&X, &dQ});
    Matrix& dW_K = trace.write_step(step_id::grad_of(step_id::W_K), "Gradient of W_K",
                                    cross ? "∂L/∂W_K = Yᵀ·∂L/∂K" : "∂L/∂W_K = Xᵀ·∂L/∂K", W_K.shape(0), W_K.shape(1));
    matmul_transposed_a(Y, dK, dW_K, trace.scratch);
    trace.explain(dW_K, explain_product_transposed_a, {&Y, &dK});
    Matrix& dW_V = trace.write_step(step_id::grad_of(step_id::W_V), "Gradient of W_V",
                                    cross ? "∂L/∂W_V = Yᵀ·∂L/∂V" : "∂L/∂W_V = Xᵀ·∂L/∂V", W_V.shape(0), W_V.shape(1));
    matmul_transposed_a(Y, dV, dW_V, trace.scratch);
    trace.explain(dW_V, explain_product_transposed_a, {&Y, &dV});

    // ∂L/∂X = ∂L/∂Q·W_Qᵀ, plus ∂L/∂K·W_Kᵀ + ∂L/∂V·W_Vᵀ where K and V come from X too
    Matrix& term = trace.scratch.product;
    const auto add_product = [&](const Matrix& dA, const Matrix& W, Matrix& into) {
        term.resize({into.shape(0), into.shape(1)});
        matmul_transposed(dA, W, term, trace.scratch);
        for (std::size_t k = 0; k < into.size(); ++k) into.data()[k] += term.data()[k];
    };
    if (cross) {
        Matrix& dY = trace.write_step(step_id::grad_of(step_id::Y), "Gradient of the key/value sequence Y",
                                      "∂L/∂Y = ∂L/∂K·W_Kᵀ + ∂L/∂V·W_Vᵀ", Y.shape(0), Y.shape(1));
        matmul_transposed(dK, W_K, dY, trace.scratch);
        add_product(dV, W_V, dY);
        trace.explain(dY, explain_sum_of_products, {&dK, &W_K, &dV, &W_V});
    }
    Matrix& dX = trace.write_step(step_id::grad_of(step_id::X), "Gradient of the input sequence X",
                                  cross ? "∂L/∂X = ∂L/∂Q·W_Qᵀ" : "∂L/∂X = ∂L/∂Q·W_Qᵀ + ∂L/∂K·W_Kᵀ + ∂L/∂V·W_Vᵀ",
                                  X.shape(0), X.shape(1));
    matmul_transposed(dQ, W_Q, dX, trace.scratch);
    if (!cross) {
        add_product(dK, W_K, dX);
        add_product(dV, W_V, dX);
        trace.explain(dX, explain_sum_of_products, {&dQ, &W_Q, &dK, &W_K, &dV, &W_V});
    } else {
        trace.explain(dX, explain_sum_of_products, {&dQ, &W_Q});
    }
}

}  // namespace attn
