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
         {{"variant", "general additive", false,
           "form \"multi_head\" scores each head by dot product, as in Vaswani 2017; {variant} would need its own W_a "
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

}  // namespace attn
