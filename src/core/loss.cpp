// loss.cpp — the losses' descriptors and their values. See loss.hpp.
#include "loss.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "attention.hpp"
#include "choices.hpp"
#include "linear_attention.hpp"
#include "step_ids.hpp"

namespace attn {

namespace detail {

// A target weight says how much a query should look at a key, so it is never negative.
void check_target_weights(const Inputs& in, const Options&, const Letters&) {
    const Matrix& y = in.target_weights;
    for (std::size_t t = 0; t < y.shape(0); ++t)
        for (std::size_t j = 0; j < y.shape(1); ++j)
            if (y(t, j) < 0.0)
                throw ShapeError("target_weights(" + std::to_string(t) + ", " + std::to_string(j) + ") = " +
                                 std::to_string(y(t, j)) +
                                 ": a target weight says how much a query should look at a key, so it is ≥ 0");
}

}  // namespace detail

namespace {

// ln wₜⱼ where wₜⱼ has underflowed to 0 (scores hundreds apart), from the scores the softmax read:
// ln wₜⱼ = s'ₜⱼ − mₜ − ln Σₖ e^(s'ₜₖ − mₜ) over the keys the query sees (linear attention: from Q, K). In multi-head attention
// w is the mean of the heads' weights: ln w̄ = ln Σᵢ e^(ln wᵢ) − ln n_h.
double log_of_underflowed_weight(const Trace& trace, const Options& options, std::size_t t, std::size_t j) {
    const Matrix& mask = trace.value(step_id::mask);
    const bool heads = options.form == Form::multi_head;
    const std::size_t S = mask.shape(1), H = heads ? static_cast<std::size_t>(options.heads) : 1;
    const std::string read(options.bias == ScoreBias::none ? step_id::scaled : step_id::biased);
    std::vector<double> logs(H);
    for (std::size_t i = 0; i < H; ++i) {
        const std::string head = heads ? "head" + std::to_string(i) + "." : "";
        if (options.algorithm == Algorithm::linear) {  // no scores: from φ(Q)·φ(K)'s exponents
            logs[i] = log_linear_weight(trace.value(head + std::string(step_id::Q)), trace.value(head + std::string(step_id::K)),
                                        mask, t, j);
            continue;
        }
        const Matrix& s = trace.value(head + read);
        double m = -HUGE_VAL, Z = 0.0;
        for (std::size_t k = 0; k < S; ++k)
            if (mask(t, k) != 0.0) m = std::max(m, s(t, k));
        for (std::size_t k = 0; k < S; ++k)
            if (mask(t, k) != 0.0) Z += std::exp(s(t, k) - m);
        logs[i] = s(t, j) - m - std::log(Z);
    }
    const double top = *std::max_element(logs.begin(), logs.end());
    double sum = 0.0;
    for (double l : logs) sum += std::exp(l - top);
    // Local-p's weight is the softmax's times its Gaussian, which is at least e^−2 within the window.
    const double log_gaussian = options.mask == Mask::local_p ? std::log(trace.value(step_id::gaussian)(t, j)) : 0.0;
    return top + std::log(sum) - std::log(static_cast<double>(H)) + log_gaussian;
}

// L with its terms: −Σ y ln w over the targets (sources: y, w), or ½ Σ (O − O*)² (sources: O, O*).
// The first four terms are written out, as in a sum of products.
Explanation explain_loss(const Cell& cell) {
    constexpr std::size_t kShownTerms = 4;
    const Step &a = cell.from(0), &b = cell.from(1);
    const bool cross_entropy = cell.options.loss == Loss::cross_entropy;
    std::string terms;
    std::size_t n = 0;
    for (std::size_t k = 0; k < a.value.size(); ++k) {
        if (cross_entropy && a.value.data()[k] <= 0.0) continue;
        if (n++ == kShownTerms) continue;
        if (n > 1) terms += " + ";
        terms += cross_entropy ? operand(a.value.data()[k]) + "×ln " + format_number(b.value.data()[k])
                               : "(" + format_number(a.value.data()[k]) + " − " + operand(b.value.data()[k]) + ")²";
    }
    if (n > kShownTerms) terms += " + … (" + std::to_string(n) + " terms)";
    Explanation e;
    e.text = cross_entropy ? "L = −Σₜⱼ yₜⱼ ln wₜⱼ = −(" + terms + ") = " + format_number(cell.value())
                           : "L = ½ Σ (O − O*)² = ½ (" + terms + ") = " + format_number(cell.value());
    e.sources = {all_of(a), all_of(b)};
    return e;
}

// ∂L/∂O = O − O*; sources: O, O*.
Explanation explain_squared_error_gradient(const Cell& cell) { return cellwise(cell, "∂L/∂O", "O", "−", "O*", "−"); }

}  // namespace

ShareText cross_entropy_share(const Step& w, const Step& y, const Step& mean, std::size_t heads, std::size_t t,
                              std::size_t j) {
    const std::size_t S = w.value.shape(1);
    const double H = static_cast<double>(heads);
    const auto r = [&](std::size_t k) {
        return heads == 1 ? 1.0 : mean.value(t, k) > 0.0 ? w.value(t, k) / (H * mean.value(t, k)) : 0.0;
    };
    double y_r = 0.0;
    for (std::size_t k = 0; k < S; ++k)
        if (y.value(t, k) > 0.0) y_r += y.value(t, k) * r(k);
    const std::string tj = sub(t, j);
    if (heads == 1)
        return {"w" + tj + " Σₖ y" + sub(t) + "ₖ − y" + tj,
                format_number(w.value(t, j)) + " × " + operand(y_r) + " − " + operand(y.value(t, j))};
    return {"w" + tj + " Σₖ y" + sub(t) + "ₖ r" + sub(t) + "ₖ − y" + tj + " r" + tj + ",  r = w / (n_h w̄)",
            format_number(w.value(t, j)) + " × " + operand(y_r) + " − " + operand(y.value(t, j)) + " × " + operand(r(j))};
}

Explanation explain_cross_entropy_scores(const Cell& cell) {
    const Step &w = cell.from(0), &y = cell.from(1), &mean = cell.from(2);
    const std::size_t heads = cell.options.form == Form::multi_head ? static_cast<std::size_t>(cell.options.heads) : 1;
    const ShareText share = cross_entropy_share(w, y, mean, heads, cell.t, cell.c);
    Explanation e;
    e.text = symbol(cell.step) + sub(cell.t, cell.c) + " = " + share.formula + " = " + share.numbers + " = " +
             format_number(cell.value());
    e.sources = {row_of(w, cell.t), row_of(y, cell.t), row_of(mean, cell.t)};
    return e;
}

Explanation explain_cross_entropy_gradient(const Cell& cell) {
    const Step &y = cell.from(0), &w = cell.from(1);
    const std::size_t t = cell.t, j = cell.c;
    const std::string lhs = symbol(cell.step) + sub(t, j);
    Explanation e;
    e.sources = {cell_of(y, t, j), cell_of(w, t, j)};
    if (y.value(t, j) <= 0.0) {
        e.text = lhs + " = 0: y" + sub(t, j) + " = 0, so w" + sub(t, j) + " is not in L";
        return e;
    }
    e.text = lhs + " = −y" + sub(t, j) + " / w" + sub(t, j) + " = −" + format_number(y.value(t, j)) + " / " +
             format_number(w.value(t, j)) + " = " + format_number(cell.value());
    return e;
}

const Choices<Loss>& loss_choices() {
    // What every loss refuses: the combinations the backward pass does not differentiate.
    static const std::vector<Refusal> not_differentiated{
        {"normalise", "hard_argmax", false,
         "hard attention's argmax has no gradient: its one-hot weights do not move when a score moves a little. Xu "
         "2015 trains hard attention by sampling: use normalise \"hard_sample\" for the REINFORCE estimate"},
    };
    static std::vector<Refusal> soft_only = [] {
        std::vector<Refusal> r = not_differentiated;
        r.push_back({"normalise", "softmax", true,
                     "the cross-entropy −Σ y ln w needs soft weights; {normalise} gives one-hot weights, whose zeros "
                     "have no logarithm: use normalise \"softmax\""});
        return r;
    }();
    static const Choices<Loss> choices{
        {Loss::none, "none", "", "Forward only: no loss, no gradients.", "no L", {}, {}, "", {}, ""},
        {Loss::upstream, "upstream", "",
         "You give ∂L/∂O, the gradient a layer above would send back, as the matrix dO.", "L = Σ dO ⊙ O",
         {{"dO", "(T, d_o)", Fill::ones}}, {}, "", not_differentiated, "loss grad.<step>"},
        {Loss::cross_entropy, "cross_entropy", "",
         "Which key should each query have picked? Target weights y (a 1 at that key), L = −Σ y ln w; a key the mask "
         "hides cannot be picked and is left out.",
         "L = −Σₜⱼ yₜⱼ ln wₜⱼ", {{"target_weights", "(T, S)", Fill::identity}}, {}, "", soft_only,
         "target_weights loss grad.<step>", detail::check_target_weights},
        {Loss::squared_error, "squared_error", "", "How far is the output from a target output O*?",
         "L = ½ Σ (O − O*)²", {{"target_output", "(T, d_o)", Fill::identity}}, {}, "", not_differentiated,
         "target_output loss grad.<step>"},
    };
    return choices;
}

LossResult write_loss(Trace& trace, std::string_view output_id, const Matrix& O, const Matrix& weights,
                      const Inputs& in, const Options& options) {
    LossResult result;
    if (options.loss == Loss::none) return result;
    // The target first, then L, then the gradient it starts: the order they are computed in.
    const Matrix* target = nullptr;
    if (options.loss == Loss::squared_error)
        target = &trace.copy_step(step_id::target_output, "Target output O*", "O*", in.target_output);
    if (options.loss == Loss::cross_entropy) {
        // A key the mask hides has weight 0 whatever is learnt (−ln 0 = ∞): its target is left out.
        const Matrix& mask = trace.value(step_id::mask);
        Matrix& y = trace.write_step(step_id::target_weights, "Target weights y, at the keys each query sees",
                                     "yₜⱼ Mₜⱼ", mask.shape(0), mask.shape(1));
        for (std::size_t k = 0; k < y.size(); ++k) y.data()[k] = in.target_weights.data()[k] * mask.data()[k];
        target = &y;
    }
    switch (options.loss) {
        case Loss::none: break;
        case Loss::upstream:  // L = Σₜᵢ dOₜᵢ Oₜᵢ  dO, O: (T, d_o)
            for (std::size_t k = 0; k < O.size(); ++k) result.L += in.dO.data()[k] * O.data()[k];
            break;
        case Loss::squared_error:  // L = ½ Σₜᵢ (Oₜᵢ − O*ₜᵢ)²  O, O*: (T, d_o)
            for (std::size_t k = 0; k < O.size(); ++k) {
                const double e = O.data()[k] - target->data()[k];
                result.L += 0.5 * e * e;
            }
            break;
        case Loss::cross_entropy:  // L = −Σₜⱼ yₜⱼ ln wₜⱼ over the keys y names, each one the query sees
            for (std::size_t k = 0; k < target->size(); ++k) {
                const double y = target->data()[k], w = weights.data()[k];
                if (y <= 0.0) continue;
                const std::size_t S = weights.shape(1);
                result.L -= y * (w > 0.0 ? std::log(w) : log_of_underflowed_weight(trace, options, k / S, k % S));
            }
            result.target = target;
            break;
    }
    Matrix& L = trace.write_vector_step(step_id::loss, "Loss L", chosen(kLossKind, options).formula, 1);
    L(0, 0) = result.L;
    if (options.loss == Loss::cross_entropy) trace.explain(L, explain_loss, {target, &weights});
    if (options.loss == Loss::squared_error) trace.explain(L, explain_loss, {&O, target});

    const std::string grad_id = step_id::grad_of(output_id);
    if (options.loss == Loss::upstream)
        result.dO = &trace.copy_step(grad_id, "Gradient of the output (given)", "∂L/∂O = dO", in.dO);
    if (options.loss == Loss::squared_error) {
        Matrix& dO = trace.write_step(grad_id, "Gradient of the output", "∂L/∂O = O − O*", O.shape(0), O.shape(1));
        for (std::size_t k = 0; k < O.size(); ++k) dO.data()[k] = O.data()[k] - target->data()[k];
        trace.explain(dO, explain_squared_error_gradient, {&O, target});
        result.dO = &dO;
    }
    return result;
}

}  // namespace attn
