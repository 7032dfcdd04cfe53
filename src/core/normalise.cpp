// normalise.cpp — chooses the normaliser and writes its steps. See normalise.hpp.
#include "normalise.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "choices.hpp"
#include "explanation.hpp"
#include "local_attention.hpp"
#include "softmax.hpp"
#include "step_ids.hpp"

namespace attn {

const Choices<Normalise>& normalise_choices() {
    static const Choices<Normalise> choices{
        {Normalise::softmax, "softmax", "Bahdanau 2015", "Soft attention: weights e^s / Σ e^s, every key gets some.",
         "w = e^(s − max) / Σ e^(s − max)", {}, {}, "", {}, "weights jacobian_diag"},
        {Normalise::hard_argmax, "hard_argmax", "Xu 2015", "Hard attention: all weight on the best-scoring key.",
         "w = one-hot at argmax s", {}, {}, "", {}, "alpha jacobian_diag weights"},
        {Normalise::hard_sample, "hard_sample", "Xu 2015",
         "Hard attention (Xu 2015): one key drawn at random from the softmax.",
         "w = one-hot at a key drawn from softmax(s) with the seed", {}, {}, "", {}, "alpha jacobian_diag uniform weights"},
    };
    return choices;
}

// [SECTION] Explanations

namespace {

// The symbol of the scores a normaliser read: s' (scaled), or s'' (biased, score_bias.hpp).
std::string symbol_of(const Step& scores) {
    const std::string_view id = scores.id, biased = step_id::biased;
    return id.size() >= biased.size() && id.substr(id.size() - biased.size()) == biased ? "s''" : "s'";
}

// w = [j = argmax s']; sources: the scores, the mask.
Explanation explain_hard_argmax(const Cell& cell) {
    const Step &scaled = cell.from(0), &mask = cell.from(1);
    const std::size_t t = cell.t, S = scaled.value.shape(1);
    std::size_t best = S;
    for (std::size_t k = 0; k < S; ++k)
        if (mask.value(t, k) != 0.0 && (best == S || scaled.value(t, k) > scaled.value(t, best))) best = k;
    Explanation e;
    e.text = "w" + sub(t, cell.c) + " = [j = argmaxₖ " + symbol_of(scaled) + sub(t) + ",ₖ] = [" + std::to_string(cell.c) +
             " = " + (best == S ? std::string("none: every key is masked") : std::to_string(best)) + "] = " +
             format_number(cell.value());
    e.sources = {row_of(scaled, t), row_of(mask, t)};
    return e;
}

// w = [u falls in key j's share of α]; sources: α, the draws u.
Explanation explain_hard_sample(const Cell& cell) {
    const Step &alpha = cell.from(0), &u = cell.from(1);
    const std::size_t t = cell.t, j = cell.c;
    double below = 0.0;  // Σ_{k<j} αₜₖ, summed in order as the draw does
    for (std::size_t k = 0; k < j; ++k) below += alpha.value(t, k);
    Explanation e;
    e.text = "w" + sub(t, j) + " = [u" + sub(t) + " falls in key " + std::to_string(j) + "'s share of α" + sub(t) +
             "]: u" + sub(t) + " = " + format_number(u.value(0, t)) + ", share [" + format_number(below) + ", " +
             format_number(below + alpha.value(t, j)) + ") → " + format_number(cell.value());
    e.sources = {row_of(alpha, t), cell_of(u, 0, t)};
    return e;
}

// w = align · g; sources: align, the Gaussian.
Explanation explain_local_p(const Cell& cell) { return cellwise(cell, "w", "align", "·", "g", "×"); }

}  // namespace

Explanation explain_softmax(const Cell& cell) {
    const Step &scaled = cell.from(0), &mask = cell.from(1);
    const std::size_t t = cell.t, j = cell.c, S = scaled.value.shape(1);
    const std::string s = symbol_of(scaled), lhs = "w" + sub(t, j);
    Explanation e;
    if (mask.value(t, j) == 0.0) {
        e.text = lhs + " = 0: key " + std::to_string(j) + " is masked (M" + sub(t, j) + " = 0)";
        e.sources = {cell_of(mask, t, j)};
        return e;
    }
    double m = -std::numeric_limits<double>::infinity(), Z = 0.0;
    for (std::size_t k = 0; k < S; ++k)
        if (mask.value(t, k) != 0.0) m = std::max(m, scaled.value(t, k));
    for (std::size_t k = 0; k < S; ++k)
        if (mask.value(t, k) != 0.0) Z += std::exp(scaled.value(t, k) - m);
    e.text = lhs + " = e^(" + s + sub(t, j) + " − m" + sub(t) + ") / Σₖ e^(" + s + sub(t) + ",ₖ − m" + sub(t) + ") = e^(" +
             format_number(scaled.value(t, j)) + " − " + operand(m) + ") / " + format_number(Z) + " = " +
             format_number(cell.value()) + ", with m" + sub(t) + " = " + format_number(m) + " the row's largest allowed " + s;
    e.sources = {cell_of(scaled, t, j), row_of(scaled, t), row_of(mask, t)};
    return e;
}

Explanation explain_jacobian(const Cell& cell) {
    const Step& p = cell.from(0);
    const double w = p.value(cell.t, cell.c);
    Explanation e;
    e.text = "∂p/∂s' = p" + sub(cell.t, cell.c) + " (1 − p" + sub(cell.t, cell.c) + ") = " + format_number(w) + " × (1 − " +
             format_number(w) + ") = " + format_number(cell.value()) + ", with p = " + p.id;
    e.sources = {cell_of(p, cell.t, cell.c)};
    return e;
}

// [SECTION] The normalise stage

Normalised write_normalise(Trace& trace, StepScope& ids, const Matrix& scaled, const Matrix& mask, const Matrix* p,
                           const Options& options, SplitMix64& rng, std::vector<bool>& empty_rows) {
    const std::size_t T = scaled.shape(0), S = scaled.shape(1);
    constexpr const char* kSoftmax = "e^(s'ₜⱼ − mₜ) / Σₖ e^(s'ₜₖ − mₜ) over allowed keys, mₜ = their max s'";

    if (options.mask == Mask::local_p) {
        // Luong 2015, eq. 10: align within the window, times a Gaussian around p_t.
        Matrix& align = trace.write_step(ids(step_id::align), "Softmax within the window",
                                         std::string("alignₜⱼ = ") + kSoftmax, T, S);
        masked_softmax(scaled, mask, align, empty_rows);
        Matrix& diag = trace.write_step(ids(step_id::jacobian_diag), "Softmax Jacobian diagonal",
                                        "∂alignₜⱼ/∂s'ₜⱼ = alignₜⱼ (1 − alignₜⱼ)", T, S);
        softmax_jacobian_diag(align, diag);
        trace.explain(diag, explain_jacobian, {&align});
        Matrix& gaussian = trace.write_step(ids(step_id::gaussian), "Gaussian around p",
                                            "gₜⱼ = exp(−(j − p_t)² / (2σ²)),  σ = D/2", T, S);
        gaussian_window(*p, options.window, gaussian);
        Matrix& weights = trace.write_step(ids(step_id::weights), "Attention weights", "wₜⱼ = alignₜⱼ · gₜⱼ", T, S);
        for (std::size_t i = 0; i < weights.size(); ++i) weights.data()[i] = align.data()[i] * gaussian.data()[i];
        trace.explain(weights, explain_local_p, {&align, &gaussian});
        return {&weights, &align};
    }

    if (options.normalise == Normalise::softmax) {
        Matrix& weights = trace.write_step(ids(step_id::weights), "Attention weights", std::string("wₜⱼ = ") + kSoftmax, T, S);
        masked_softmax(scaled, mask, weights, empty_rows);
        Matrix& diag = trace.write_step(ids(step_id::jacobian_diag), "Softmax Jacobian diagonal",
                                        "∂wₜⱼ/∂s'ₜⱼ = wₜⱼ (1 − wₜⱼ)", T, S);
        softmax_jacobian_diag(weights, diag);
        trace.explain(weights, explain_softmax, {&scaled, &mask});
        trace.explain(diag, explain_jacobian, {&weights});
        return {&weights, &weights};
    }

    // Hard attention (Xu 2015): α is the softmax; the weights pick one key from it.
    Matrix& alpha = trace.write_step(ids(step_id::alpha), "Softmax probabilities α", std::string("αₜⱼ = ") + kSoftmax, T, S);
    masked_softmax(scaled, mask, alpha, empty_rows);
    Matrix& diag = trace.write_step(ids(step_id::jacobian_diag), "Softmax Jacobian diagonal",
                                    "∂αₜⱼ/∂s'ₜⱼ = αₜⱼ (1 − αₜⱼ)", T, S);
    softmax_jacobian_diag(alpha, diag);
    trace.explain(diag, explain_jacobian, {&alpha});
    if (options.normalise == Normalise::hard_argmax) {
        Matrix& weights = trace.write_step(ids(step_id::weights), "Hard weights (argmax)", "wₜⱼ = [j = argmaxₖ s'ₜₖ]", T, S);
        hard_argmax(scaled, mask, weights);
        trace.explain(weights, explain_hard_argmax, {&scaled, &mask});
        return {&weights, &alpha};
    }
    Matrix& uniforms = trace.write_vector_step(ids(step_id::uniform), "Random draws u", "uₜ ~ U[0, 1)  (SplitMix64, seed)", T);
    Matrix& weights = trace.write_step(ids(step_id::weights), "Hard weights (sampled)",
                                      "wₜⱼ = [j = the first k with uₜ < αₜ₀ + … + αₜₖ]", T, S);
    hard_sample(alpha, empty_rows, rng, uniforms, weights);
    trace.explain(weights, explain_hard_sample, {&alpha, &uniforms});
    return {&weights, &alpha};
}

}  // namespace attn
