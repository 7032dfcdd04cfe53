// loss.cpp — the losses' descriptors and their values. See loss.hpp.
#include "loss.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "attention.hpp"
#include "choices.hpp"
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
// ln wₜⱼ = s'ₜⱼ − mₜ − ln Σₖ e^(s'ₜₖ − mₜ) over the keys the query sees. In multi-head attention
// w is the mean of the heads' weights: ln w̄ = ln Σᵢ e^(ln wᵢ) − ln n_h.
double log_of_underflowed_weight(const Trace& trace, const Options& options, std::size_t t, std::size_t j) {
    const Matrix& mask = trace.find(step_id::mask)->value;
    const bool heads = options.form == Form::multi_head;
    const std::size_t S = mask.shape(1), H = heads ? static_cast<std::size_t>(options.heads) : 1;
    const std::string read(options.bias == ScoreBias::none ? step_id::scaled : step_id::biased);
    std::vector<double> logs(H);
    for (std::size_t i = 0; i < H; ++i) {
        const Matrix& s = trace.find(heads ? "head" + std::to_string(i) + "." + read : read)->value;
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
    return top + std::log(sum) - std::log(static_cast<double>(H));
}

}  // namespace

const Choices<Loss>& loss_choices() {
    // What every loss refuses: the combinations the backward pass does not differentiate.
    static const std::vector<Refusal> not_differentiated{
        {"normalise", "hard_argmax", false,
         "hard attention's argmax has no gradient: its one-hot weights do not move when a score moves a little. Xu "
         "2015 trains hard attention by sampling: use normalise \"hard_sample\" for the REINFORCE estimate"},
        {"algorithm", "standard", true,
         "the backward pass follows algorithm \"standard\", not {algorithm}: use algorithm \"standard\""},
        {"mask", "local_p", false,
         "the backward pass does not follow mask \"local_p\"'s predicted window: use another mask"},
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
        const Matrix& mask = trace.find(step_id::mask)->value;
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
    trace.write_vector_step(step_id::loss, "Loss L", chosen(kLossKind, options).formula, 1)(0, 0) = result.L;

    const std::string grad_id = step_id::grad_of(output_id);
    if (options.loss == Loss::upstream)
        result.dO = &trace.copy_step(grad_id, "Gradient of the output (given)", "∂L/∂O = dO", in.dO);
    if (options.loss == Loss::squared_error) {
        Matrix& dO = trace.write_step(grad_id, "Gradient of the output", "∂L/∂O = O − O*", O.shape(0), O.shape(1));
        for (std::size_t k = 0; k < O.size(); ++k) dO.data()[k] = O.data()[k] - target->data()[k];
        result.dO = &dO;
    }
    return result;
}

}  // namespace attn
