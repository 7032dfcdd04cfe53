// multi_head.cpp — per-head projections, per-head attention, concatenation, W_O. See multi_head.hpp.
#include "multi_head.hpp"

#include <algorithm>
#include <string>

#include "attend.hpp"
#include "context_use.hpp"
#include "diagnostics.hpp"
#include "explanation.hpp"
#include "loss.hpp"
#include "masks.hpp"
#include "matmul.hpp"
#include "projections.hpp"
#include "step_ids.hpp"

namespace attn {

namespace {

// The summary of the heads: the mean of their weights, head<i>.weights for i = 0, 1, ….
Explanation explain_mean_weight(const Cell& cell) {
    Explanation e;
    std::string terms;
    std::size_t H = 0;
    for (;; ++H) {
        const Step* head = cell.trace.find("head" + std::to_string(H) + ".weights");
        if (!head) break;
        terms += (H ? " + " : "") + format_number(head->value(cell.t, cell.c));
        e.sources.push_back(cell_of(*head, cell.t, cell.c));
    }
    e.text = "w̄" + sub(cell.t, cell.c) + " = (1/n_h) Σᵢ headᵢ.w" + sub(cell.t, cell.c) + " = (" + terms + ") / " +
             std::to_string(H) + " = " + format_number(cell.value());
    return e;
}

// The concatenation: column i is column i mod d_v of head ⌊i / d_v⌋'s context.
Explanation explain_concatenated_context(const Cell& cell) {
    const std::size_t t = cell.t, i = cell.c;
    const Step* head0 = cell.trace.find("head0.context");
    if (!head0) return {};
    const std::size_t d_v = head0->value.shape(1), h = i / d_v;
    const Step* head = cell.trace.find("head" + std::to_string(h) + ".context");
    if (!head) return {};
    Explanation e;
    e.text = "C" + sub(t, i) + " = head" + std::to_string(h) + ".c" + sub(t, i % d_v) + " = " + format_number(cell.value());
    e.sources = {cell_of(*head, t, i % d_v)};
    return e;
}

// Head i's block of ∂L/∂C: columns [i·d_v, (i+1)·d_v); source: ∂L/∂C, from column i·d_v on.
Explanation explain_head_block(const Cell& cell) {
    const Step& dC = cell.from(0);
    const std::size_t column = cell.step.explainer.column + cell.c;
    Explanation e;
    e.text = symbol(cell.step) + "ᵢ" + sub(cell.t, cell.c) + " = ∂L/∂C" + sub(cell.t, column) + " = " +
             format_number(cell.value());
    e.sources = {cell_of(dC, cell.t, column)};
    return e;
}

// The heads' gradients side by side, "grad.Q" from "grad.head<h>.Q": column c is column c mod d
// of head ⌊c / d⌋'s.
Explanation explain_heads_side_by_side(const Cell& cell) {
    const std::string_view name = std::string_view(cell.step.id).substr(step_id::grad.size());
    const auto head_step = [&](std::size_t h) {
        return cell.trace.find(step_id::grad_of("head" + std::to_string(h) + "." + std::string(name)));
    };
    const Step* head0 = head_step(0);
    if (!head0) return {};
    const std::size_t d = head0->value.shape(1), h = cell.c / d;
    const Step* head = head_step(h);
    if (!head) return {};
    Explanation e;
    e.text = symbol(cell.step) + sub(cell.t, cell.c) + " = head" + std::to_string(h) + " " + symbol(*head) +
             sub(cell.t, cell.c % d) + " = " + format_number(cell.value());
    e.sources = {cell_of(*head, cell.t, cell.c % d)};
    return e;
}

}  // namespace

void write_multi_head(Trace& trace, const Inputs& in, const Options& options, SplitMix64& rng) {
    const bool cross = is_present(in.Y);
    const Matrix& X = trace.copy_step(step_id::X, cross ? "Query sequence X (decoder)" : "Input sequence X", "X", in.X);
    const Matrix& Y = cross ? trace.copy_step(step_id::Y, "Key/value sequence Y (encoder)", "Y", in.Y) : X;
    const Matrix& W_Q = trace.copy_step(step_id::W_Q, "Query projections W_Q (all heads)", "W_Q = [W_Q₀ … W_Q₍ₙₕ₋₁₎]", in.W_Q);
    const Matrix& W_K = trace.copy_step(step_id::W_K, "Key projections W_K (all heads)", "W_K = [W_K₀ … W_K₍ₙₕ₋₁₎]", in.W_K);
    const Matrix& W_V = trace.copy_step(step_id::W_V, "Value projections W_V (all heads)", "W_V = [W_V₀ … W_V₍ₙₕ₋₁₎]", in.W_V);
    const Matrix& W_O = trace.copy_step(step_id::W_O, "Output projection W_O", "W_O", in.W_O);
    const std::size_t H = static_cast<std::size_t>(options.heads);
    const std::size_t T = X.shape(0), S = Y.shape(0), d = X.shape(1), d_y = Y.shape(1);
    const std::size_t d_k = W_Q.shape(1) / H, d_v = W_V.shape(1) / H;

    StepScope ids;
    ids.heads = H;
    const Matrix& mask = write_mask(trace, ids, options, in.mask, nullptr, T, S);

    std::vector<HeadResult> heads;
    heads.reserve(H);
    std::vector<bool> empty_rows(T, true), head_empty;  // empty: no allowed key in any head
    for (std::size_t i = 0; i < H; ++i) {
        ids.prefix = "head" + std::to_string(i) + ".";
        ids.head = i;
        // Qᵢ = X·W_Qᵢ: the product reads W_Q's columns [i·d_k, (i+1)·d_k) in place.
        Matrix& Q_i = trace.write_step(ids(step_id::Q), "Queries of this head", "Qᵢ = X·W_Qᵢ  (W_Q's i-th block of d_k columns)",
                                       T, d_k);
        matmul_strided(T, d, d_k, X.data(), d, W_Q.data() + i * d_k, W_Q.shape(1), Q_i.data(), d_k, trace.scratch);
        Matrix& K_i = trace.write_step(ids(step_id::K), "Keys of this head", cross ? "Kᵢ = Y·W_Kᵢ" : "Kᵢ = X·W_Kᵢ", S, d_k);
        matmul_strided(S, d_y, d_k, Y.data(), d_y, W_K.data() + i * d_k, W_K.shape(1), K_i.data(), d_k, trace.scratch);
        Matrix& V_i = trace.write_step(ids(step_id::V), "Values of this head", cross ? "Vᵢ = Y·W_Vᵢ" : "Vᵢ = X·W_Vᵢ", S, d_v);
        matmul_strided(S, d_y, d_v, Y.data(), d_y, W_V.data() + i * d_v, W_V.shape(1), V_i.data(), d_v, trace.scratch);
        trace.explain(Q_i, explain_projection, {&X, &W_Q}, i * d_k);
        trace.explain(K_i, explain_projection, {&Y, &W_K}, i * d_k);
        trace.explain(V_i, explain_projection, {&Y, &W_V}, i * d_v);
        heads.push_back(attend(trace, ids, Q_i, K_i, V_i, &mask, in, options, rng, head_empty));
        for (std::size_t t = 0; t < T; ++t) empty_rows[t] = empty_rows[t] && head_empty[t];
    }

    // weights: (T, S), the mean over heads, a summary for the heatmap and the diagnostics.
    Matrix& weights = trace.write_step(step_id::weights, "Mean attention weights over heads", "w̄ₜⱼ = (1/n_h) Σᵢ headᵢ.wₜⱼ", T, S);
    std::fill(weights.begin(), weights.end(), 0.0);
    for (const HeadResult& head : heads)
        for (std::size_t k = 0; k < weights.size(); ++k) weights.data()[k] += head.weights->data()[k];
    for (double& w : weights) w /= static_cast<double>(H);
    trace.explain(weights, explain_mean_weight, {});

    // context: (T, n_h·d_v), head i's context in columns [i·d_v, (i+1)·d_v).
    Matrix& context = trace.write_step(step_id::context, "Concatenated head contexts",
                                       "C = Concat(head₀.context, …, head₍ₙₕ₋₁₎.context)", T, H * d_v);
    for (std::size_t i = 0; i < H; ++i)
        for (std::size_t t = 0; t < T; ++t)
            std::copy_n(&(*heads[i].context)(t, 0), d_v, &context(t, i * d_v));
    trace.explain(context, explain_concatenated_context, {});

    // output: (T, d_o)
    Matrix& output = trace.write_step(step_id::output, "Output", "O = C·W_O", T, W_O.shape(1));
    matmul(context, W_O, output, trace.scratch);
    trace.explain(output, explain_output_projection, {&context, &W_O});

    compute_diagnostics(weights, empty_rows, trace.rows, nullptr, trace.scratch);  // a mean is no softmax
    for (const HeadResult& head : heads)
        if (head.probabilities) add_jacobian_norms(*head.probabilities, 1.0 / static_cast<double>(H), trace.rows);
}

void write_multi_head_backward(Trace& trace, const Inputs& in, const Options& options) {
    const Matrix &mean = trace.value(step_id::weights), &C = trace.value(step_id::context), &W_O = trace.value(step_id::W_O);
    const LossResult loss = write_loss(trace, step_id::output, trace.value(step_id::output), mean, in, options);
    const std::size_t H = static_cast<std::size_t>(options.heads), T = C.shape(0), S = mean.shape(1);
    const std::size_t d_v = C.shape(1) / H;

    // O = C·W_O, C (T, n_h·d_v)
    const Matrix* dC = loss.dO ? &write_output_projection_backward(trace, *loss.dO, C, W_O,
                                                                   "Gradient of the concatenated contexts")
                               : nullptr;
    // L = −Σ y ln w̄  ⇒  ∂L/∂w̄ = −y / w̄, and each head's weights get 1/n_h of it
    WeightTarget target;
    if (loss.target) {
        Matrix& d_mean = trace.write_step(step_id::grad_of(step_id::weights), "Gradient of the mean weights",
                                          "∂L/∂w̄ₜⱼ = −yₜⱼ / w̄ₜⱼ", T, S);
        for (std::size_t k = 0; k < d_mean.size(); ++k)
            d_mean.data()[k] = loss.target->data()[k] > 0.0 ? cross_entropy_gradient(loss.target->data()[k], mean.data()[k]) : 0.0;
        trace.explain(d_mean, explain_cross_entropy_gradient, {loss.target, &mean});
        target = {loss.target, &mean, H};
    }

    // Each head backwards; its gradients of Q, K, V go into blocks of the all-heads matrices.
    StepScope ids;
    ids.heads = H;
    std::vector<HeadGrads> heads;
    heads.reserve(H);
    for (std::size_t i = 0; i < H; ++i) {
        ids.prefix = "head" + std::to_string(i) + ".";
        ids.head = i;
        const Matrix* dC_i = nullptr;
        if (dC) {
            Matrix& block = trace.write_step(ids.grad(step_id::context), "Gradient of this head's context",
                                             "∂L/∂Cᵢ = columns [i·d_v, (i+1)·d_v) of ∂L/∂C", T, d_v);
            for (std::size_t t = 0; t < T; ++t) std::copy_n(&(*dC)(t, i * d_v), d_v, &block(t, 0));
            trace.explain(block, explain_head_block, {dC}, i * d_v);
            dC_i = &block;
        }
        heads.push_back(attend_backward(trace, ids, trace.value(ids(step_id::Q)), trace.value(ids(step_id::K)),
                                        trace.value(ids(step_id::V)), dC_i, target, loss.L, options));
    }
    const auto side_by_side = [&](std::string_view id, const char* title, const char* formula,
                                  const Matrix* HeadGrads::*of) -> const Matrix& {
        const std::size_t rows = (heads[0].*of)->shape(0), cols = (heads[0].*of)->shape(1);
        Matrix& all = trace.write_step(step_id::grad_of(id), title, formula, rows, H * cols);
        for (std::size_t i = 0; i < H; ++i)
            for (std::size_t r = 0; r < rows; ++r) std::copy_n(&(*(heads[i].*of))(r, 0), cols, &all(r, i * cols));
        trace.explain(all, explain_heads_side_by_side, {});
        return all;
    };
    const Matrix& dQ = side_by_side(step_id::Q, "Gradient of the queries, all heads", "∂L/∂Q = [∂L/∂Q₀ … ∂L/∂Q₍ₙₕ₋₁₎]",
                                    &HeadGrads::dQ);
    const Matrix& dK = side_by_side(step_id::K, "Gradient of the keys, all heads", "∂L/∂K = [∂L/∂K₀ … ∂L/∂K₍ₙₕ₋₁₎]",
                                    &HeadGrads::dK);
    const Matrix& dV = side_by_side(step_id::V, "Gradient of the values, all heads", "∂L/∂V = [∂L/∂V₀ … ∂L/∂V₍ₙₕ₋₁₎]",
                                    &HeadGrads::dV);
    write_form_backward(trace, dQ, dK, dV, is_present(in.Y));
}

}  // namespace attn
