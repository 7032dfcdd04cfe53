// attend.cpp — one head, stage by stage. See attend.hpp.
#include "attend.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "attention.hpp"
#include "choices.hpp"
#include "linear_attention.hpp"
#include "local_attention.hpp"
#include "loss.hpp"
#include "masks.hpp"
#include "matmul.hpp"
#include "normalise.hpp"
#include "score_bias.hpp"
#include "scores.hpp"
#include "softmax.hpp"
#include "step_ids.hpp"
#include "tiled_attention.hpp"

namespace attn {

namespace detail {

// Linear attention has no softmax, so nothing for a temperature to divide.
void check_no_temperature(const Inputs&, const Options& o, const Letters&) {
    if (o.temperature != 1.0)
        throw ShapeError("algorithm \"linear\" replaces the softmax's e^(q·k) by φ(q)·φ(k) (Katharopoulos 2020), which "
                         "has no temperature: set options.temperature to 1");
}

}  // namespace detail

const Choices<Algorithm>& algorithm_choices() {
    constexpr std::string_view kLinear = "algorithm \"linear\" replaces the softmax's e^(q·k) by φ(q)·φ(k) (Katharopoulos 2020)";
    static const std::string no_score = std::string(kLinear) + ", so it takes variant \"dot\", not {variant}";
    static const std::string no_choice =
        std::string(kLinear) + " and has no probabilities to choose from: use normalise \"softmax\"";
    static const std::string no_mask = std::string(kLinear) +
        "; its sums run over all keys or over a causal prefix, so it takes mask \"none\" or \"causal\", not {mask}";
    static const Choices<Algorithm> choices{
        {Algorithm::standard, "standard", "", "Build the whole score matrix, then the softmax, then W·V.",
         "cₜ = Σⱼ softmaxⱼ(s'ₜⱼ) vⱼ", {}, {}, "", {}, "context"},
        {Algorithm::tiled, "tiled", "Dao 2022",
         "FlashAttention's online softmax: keys in tiles of B, a running max and sum; same result.",
         "m, ℓ, C updated tile by tile", {}, {{"tile", 1, ""}}, "",
         {{"normalise", "softmax", true,
           "algorithm \"tiled\" computes the softmax online, tile by tile; it cannot make {normalise}'s one-hot "
           "choice: use algorithm \"standard\""}},
         "running_max running_sum weights jacobian_diag context"},
        {Algorithm::linear, "linear", "Katharopoulos 2020",
         "φ(q)·φ(k) replaces e^(q·k), so the cost grows linearly with length.", "C = φ(Q)·(φ(K)ᵀV) / φ(Q)·Σ φ(k)", {}, {},
         "", {{"variant", "dot", true, no_score}, {"normalise", "softmax", true, no_choice}, {"mask", "none causal", true, no_mask}},
         "phi_Q phi_K KV Z (Z_prefix) weights context", detail::check_no_temperature},
    };
    return choices;
}

Explanation explain_context(const Cell& cell) {
    const Step &w = cell.from(0), &V = cell.from(1);
    const std::size_t t = cell.t, i = cell.c, S = V.value.shape(0), d_v = V.value.shape(1);
    Explanation e;
    e.text = "c" + sub(t, i) + " = Σⱼ w" + sub(t) + "ⱼ vⱼ," + sub(i) + " = " + products(&w.value(t, 0), 1, &V.value(0, i), d_v, S) +
             " = " + format_number(cell.value());
    e.sources = {row_of(w, t), column_of(V, i)};
    return e;
}

HeadResult attend(Trace& trace, StepScope& ids, const Matrix& Q, const Matrix& K, const Matrix& V,
                  const Matrix* shared_mask, const Inputs& in, const Options& options, SplitMix64& rng,
                  std::vector<bool>& empty_rows) {
    const std::size_t T = Q.shape(0), S = K.shape(0), d_v = V.shape(1);
    if (options.algorithm == Algorithm::linear)
        return write_linear_attention(trace, ids, Q, K, V, shared_mask, options, empty_rows);

    // 2–3. score and scale, then the bias by position: (T, S)
    const Matrix& scaled = write_score_bias(trace, ids, write_scores(trace, ids, Q, K, in, options), options);

    // 4. mask: (T, S); local-p first predicts where each query looks
    const Matrix* p = options.mask == Mask::local_p ? &write_positions(trace, ids, Q, in, S) : nullptr;
    const Matrix& mask = shared_mask ? *shared_mask : write_mask(trace, ids, options, in.mask, p, T, S);

    if (options.algorithm == Algorithm::tiled)
        return write_tiled_attention(trace, ids, scaled, mask, V, static_cast<std::size_t>(options.tile), empty_rows);

    // 5. normalise: (T, S)
    const Normalised normalised = write_normalise(trace, ids, scaled, mask, p, options, rng, empty_rows);

    // 6. combine values: (T, d_v)
    Matrix& context = trace.write_step(ids(step_id::context), "Context", "cₜ = Σⱼ wₜⱼ vⱼ  (C = W·V)", T, d_v);
    matmul(*normalised.weights, V, context, trace.scratch);
    trace.explain(context, explain_context, {normalised.weights, &V});
    const bool is_softmax = normalised.weights == normalised.probabilities;  // not hard, not local-p
    return {normalised.weights, normalised.probabilities, &context, is_softmax ? &scaled : nullptr};
}

// [SECTION] Backward

Explanation explain_values_unread(const Cell& cell) {
    return {symbol(cell.step) + sub(cell.t, cell.c) + " = 0: the loss reads only the weights, and V does not change them",
            {}};
}

namespace {

// ∂L/∂wₜⱼ = Σₖ ∂L/∂cₜₖ vⱼₖ, plus the cross-entropy's −yₜⱼ / wₜⱼ on one head or ∂L/∂w̄ₜⱼ / n_h on
// each of several. Sources: ∂L/∂C, V, then y and w (one head) or ∂L/∂w̄ (several); or only ∂L/∂w̄
// when the loss reads no context.
Explanation explain_weights_gradient(const Cell& cell) {
    const std::size_t t = cell.t, j = cell.c;
    const bool heads = cell.options.form == Form::multi_head;
    const std::size_t targets = cell.options.loss != Loss::cross_entropy ? 0 : heads ? 1 : 2;
    const bool from_context = cell.from_count() > targets;
    const std::size_t rest = from_context ? 2 : 0;
    std::string formula, numbers;
    if (from_context) {
        const Step &dC = cell.from(0), &V = cell.from(1);
        formula = "Σₖ ∂L/∂C" + sub(t) + "ₖ V" + sub(j) + "ₖ";
        numbers = products(&dC.value(t, 0), 1, &V.value(j, 0), 1, V.value.shape(1));
    }
    if (targets == 1) {  // several heads: each gets 1/n_h of the mean's gradient
        const Step& d_mean = cell.from(rest);
        formula += std::string(from_context ? " + " : "") + "∂L/∂w̄" + sub(t, j) + " / n_h";
        numbers += std::string(from_context ? " + " : "") + operand(d_mean.value(t, j)) + " / " +
                   std::to_string(cell.options.heads);
    } else if (targets == 2 && cell.from(rest).value(t, j) > 0.0) {  // one head: −y / w
        const Step &y = cell.from(rest), &w = cell.from(rest + 1);
        formula += " − y" + sub(t, j) + " / w" + sub(t, j);
        numbers += " − " + format_number(y.value(t, j)) + " / " + format_number(w.value(t, j));
    }
    Explanation e;
    e.text = "∂L/∂w" + sub(t, j) + " = " + formula + " = " + numbers + " = " + format_number(cell.value());
    for (std::size_t i = 0; i < cell.from_count(); ++i) {
        const Step& s = cell.from(i);
        if (from_context && i < 2) e.sources.push_back(i == 0 ? row_of(s, t) : row_of(s, j));
        else e.sources.push_back(cell_of(s, t, j));
    }
    return e;
}

// Xu 2015's score-function estimate ∂L/∂s'ₜⱼ ≈ L · ([j = jₜ] − αₜⱼ); sources: the one-hot
// weights, α, L.
Explanation explain_reinforce(const Cell& cell) {
    const Step &w = cell.from(0), &alpha = cell.from(1), &L = cell.from(2);
    const std::size_t t = cell.t, j = cell.c;
    Explanation e;
    e.text = symbol(cell.step) + sub(t, j) + " ≈ L · ([j = jₜ] − α" + sub(t, j) + ") = " + format_number(L.value(0, 0)) +
             " × (" + format_number(w.value(t, j)) + " − " + format_number(alpha.value(t, j)) + ") = " +
             format_number(cell.value());
    e.sources = {cell_of(w, t, j), cell_of(alpha, t, j), cell_of(L, 0, 0)};
    return e;
}

// 6. C = W·V  ⇒  ∂L/∂W = ∂L/∂C·Vᵀ (T, S),  ∂L/∂V = Wᵀ·∂L/∂C (S, d_v), with the cross-entropy's
// −y / w (or, in multi-head attention, its share of ∂L/∂w̄) explained in ∂L/∂W; the share itself is
// added by add_cross_entropy_share. Writes "grad.weights" and "grad.V".
std::pair<Matrix*, const Matrix*> write_weights_backward(Trace& trace, StepScope& ids, const Matrix& W, const Matrix& V,
                                                         const Matrix* dC, const WeightTarget& target) {
    const std::size_t T = W.shape(0), S = W.shape(1), d_v = V.shape(1);
    const char* dW_formula = !target.y          ? "∂L/∂wₜⱼ = Σᵢ ∂L/∂cₜᵢ vⱼᵢ  (∂L/∂C·Vᵀ)"
                             : target.heads > 1 ? (dC ? "∂L/∂wₜⱼ = Σᵢ ∂L/∂cₜᵢ vⱼᵢ + ∂L/∂w̄ₜⱼ / n_h" : "∂L/∂wₜⱼ = ∂L/∂w̄ₜⱼ / n_h")
                             : dC               ? "∂L/∂wₜⱼ = Σᵢ ∂L/∂cₜᵢ vⱼᵢ − yₜⱼ / wₜⱼ"
                                                : "∂L/∂wₜⱼ = −yₜⱼ / wₜⱼ";
    Matrix& dW = trace.write_step(ids.grad(step_id::weights), "Gradient of the weights", dW_formula, T, S);
    Matrix& dV = trace.write_step(ids.grad(step_id::V), "Gradient of the values", "∂L/∂vⱼ = Σₜ wₜⱼ ∂L/∂cₜ  (Wᵀ·∂L/∂C)",
                                  S, d_v);
    if (dC) {
        matmul_transposed(*dC, V, dW, trace.scratch);
        matmul_transposed_a(W, *dC, dV, trace.scratch);
        trace.explain(dV, explain_product_transposed_a, {&W, dC});
    } else {  // the loss reads only the weights: V does not change it
        std::fill(dW.begin(), dW.end(), 0.0);
        std::fill(dV.begin(), dV.end(), 0.0);
        trace.explain(dV, explain_values_unread, {});
    }
    if (!target.y) trace.explain(dW, explain_weights_gradient, {dC, &V});
    else if (target.heads > 1) {
        const Matrix& d_mean = trace.value(step_id::grad_of(step_id::weights));
        if (dC) trace.explain(dW, explain_weights_gradient, {dC, &V, &d_mean});
        else trace.explain(dW, explain_weights_gradient, {&d_mean});
    } else if (dC) trace.explain(dW, explain_weights_gradient, {dC, &V, target.y, target.mean});
    else trace.explain(dW, explain_cross_entropy_gradient, {target.y, target.mean});
    return {&dW, &dV};
}

// Local-p's product w = align ⊙ g, backwards: each factor's gradient is ∂L/∂w times the other.
// Sources: ∂L/∂w, the other factor.
Explanation explain_gaussian_gradient(const Cell& cell) { return cellwise(cell, "∂L/∂g", "∂L/∂w", "·", "align", "×"); }
Explanation explain_align_gradient(const Cell& cell) { return cellwise(cell, "∂L/∂align", "∂L/∂w", "·", "g", "×"); }

}  // namespace

// The cross-entropy's share, −yₜⱼ / (n_h w̄ₜⱼ) in ∂L/∂wₜⱼ, taken through the softmax in closed
// form: with rₜⱼ = wₜⱼ / (n_h w̄ₜⱼ), wₜⱼ times it is −yₜⱼ rₜⱼ, so the scores get
// −yₜⱼ rₜⱼ + wₜⱼ Σₖ yₜₖ rₜₖ. No division by a weight that may have underflowed to 0 (one head:
// r = 1 at every key the query sees). The share itself goes into dW when there is one.
void add_cross_entropy_share(const WeightTarget& target, const Matrix& W, Matrix& dS, Matrix* dW) {
    const std::size_t T = W.shape(0), S = W.shape(1);
    const double H = static_cast<double>(target.heads);
    const Matrix &y = *target.y, &mean = *target.mean;
    const auto r = [&](std::size_t t, std::size_t j) {
        return target.heads == 1 ? 1.0 : mean(t, j) > 0.0 ? W(t, j) / (H * mean(t, j)) : 0.0;
    };
    for (std::size_t t = 0; t < T; ++t) {
        double y_r = 0.0;  // Σₖ yₜₖ rₜₖ
        for (std::size_t k = 0; k < S; ++k)
            if (y(t, k) > 0.0) y_r += y(t, k) * r(t, k);
        for (std::size_t j = 0; j < S; ++j) {
            dS(t, j) += W(t, j) * y_r - y(t, j) * r(t, j);  // r ≤ 1, so y = 0 adds exactly W·Σ
            if (dW && y(t, j) > 0.0) (*dW)(t, j) += cross_entropy_gradient(y(t, j), H * mean(t, j));
        }
    }
}

HeadGrads attend_backward(Trace& trace, StepScope& ids, const Matrix& Q, const Matrix& K, const Matrix& V,
                          const Matrix* dC, const WeightTarget& target, double L, const Options& options) {
    const std::size_t T = Q.shape(0), S = K.shape(0);
    const Matrix& W = trace.value(ids(step_id::weights));
    const bool biased = options.bias != ScoreBias::none;
    const std::string_view read_id = biased ? step_id::biased : step_id::scaled;  // what the normaliser read

    if (options.algorithm == Algorithm::linear) {
        // 6–2. The context reads φ(Q), KV and Z, not the weights: only a loss on them reaches the weights.
        Matrix* dW = nullptr;
        if (target.y) {
            dW = &trace.write_step(ids.grad(step_id::weights), "Gradient of the weights",
                                   target.heads > 1 ? "∂L/∂wₜⱼ = ∂L/∂w̄ₜⱼ / n_h" : "∂L/∂wₜⱼ = −yₜⱼ / wₜⱼ", T, S);
            std::fill(dW->begin(), dW->end(), 0.0);  // add_cross_entropy_share fills in the loss's part
            if (target.heads > 1)
                trace.explain(*dW, explain_weights_gradient, {&trace.value(step_id::grad_of(step_id::weights))});
            else
                trace.explain(*dW, explain_cross_entropy_gradient, {target.y, target.mean});
        }
        return write_linear_attention_backward(trace, ids, Q, K, V, dC, target, dW, options);
    }
    Matrix* dS = nullptr;
    const Matrix* dV = nullptr;
    const Matrix* d_position = nullptr;  // local-p: ∂L/∂(W_p Q)

    if (options.algorithm == Algorithm::tiled) {
        // 6–5. values and the online softmax together, tile by tile (FlashAttention's backward)
        const TiledGrads tiled = write_tiled_backward(trace, ids, std::string(ids.grad(read_id)), trace.value(ids(read_id)),
                                                      trace.value(step_id::mask), V, trace.value(ids(step_id::context)), dC,
                                                      target, static_cast<std::size_t>(options.tile));
        dS = tiled.d_scaled;
        dV = tiled.dV;
        if (target.y) add_cross_entropy_share(target, W, *dS, nullptr);
    } else {
        const auto [dW, dV_standard] = write_weights_backward(trace, ids, W, V, dC, target);
        dV = dV_standard;
        // 5. the normaliser, backwards: the gradient of the scores it read, s' (or s'' with a bias)
        if (options.normalise == Normalise::hard_sample) {
            // Xu 2015, eq. 12: a sampled key has no gradient, so hard attention learns from the
            // score-function (REINFORCE) estimate of ∂E[L]/∂s': L · ∂ ln αₜⱼₜ/∂s'ₜ = L · (e_jₜ − αₜ),
            // jₜ the key drawn for query t. Without Xu's baseline and entropy terms.
            const Matrix& alpha = trace.value(ids(step_id::alpha));
            dS = &trace.write_step(ids.grad(read_id), "REINFORCE estimate for the scores",
                                   "∂L/∂s'ₜⱼ ≈ L · ([j = jₜ] − αₜⱼ), jₜ the sampled key (Xu 2015)", T, S);
            for (std::size_t t = 0; t < T; ++t)
                for (std::size_t j = 0; j < S; ++j) (*dS)(t, j) = L * (W(t, j) - alpha(t, j));  // empty rows: 0 − 0
            trace.explain(*dS, explain_reinforce, {&W, &alpha, &trace.value(step_id::loss)});
        } else if (options.mask == Mask::local_p) {
            // Luong 2015, eq. 10: w = align ⊙ g  ⇒  ∂L/∂align = ∂L/∂w ⊙ g,  ∂L/∂g = ∂L/∂w ⊙ align
            const Matrix &align = trace.value(ids(step_id::align)), &g = trace.value(ids(step_id::gaussian));
            Matrix& dG = trace.write_step(ids.grad(step_id::gaussian), "Gradient of the Gaussian",
                                          "∂L/∂gₜⱼ = ∂L/∂wₜⱼ · alignₜⱼ", T, S);
            Matrix& dA = trace.write_step(ids.grad(step_id::align), "Gradient of the softmax within the window",
                                          "∂L/∂alignₜⱼ = ∂L/∂wₜⱼ · gₜⱼ", T, S);
            const auto times = [](const Matrix& a, const Matrix& b, Matrix& out) {
                for (std::size_t k = 0; k < out.size(); ++k) out.data()[k] = a.data()[k] * b.data()[k];
            };
            times(*dW, g, dA);
            dS = &trace.write_step(ids.grad(read_id), "Gradient of the scores, through the softmax",
                                   "∂L/∂s'ₜⱼ = alignₜⱼ (∂L/∂alignₜⱼ − Σₖ alignₜₖ ∂L/∂alignₜₖ)", T, S);
            softmax_backward(align, dA, *dS);
            trace.explain(*dS, explain_softmax_backward, {&align, &dA});
            if (target.y) {
                // One head: the share −y + align·Σy is the softmax's, as −y/w · g = −y/align.
                add_cross_entropy_share(target, align, *dS, dW);
                times(*dW, g, dA);
            }
            times(*dW, align, dG);
            trace.explain(dG, explain_gaussian_gradient, {dW, &align});
            trace.explain(dA, explain_align_gradient, {dW, &g});
            d_position = &write_positions_backward(trace, ids, dG, Q, options);
        } else {
            dS = &trace.write_step(ids.grad(read_id), "Gradient of the scores, through the softmax",
                                   "∂L/∂s'ₜⱼ = wₜⱼ (∂L/∂wₜⱼ − Σₖ wₜₖ ∂L/∂wₜₖ)", T, S);
            softmax_backward(W, *dW, *dS);
            trace.explain(*dS, explain_softmax_backward, {&W, dW});
            if (target.y) add_cross_entropy_share(target, W, *dS, dW);
        }
    }
    const Matrix* d_scaled = dS;
    if (biased) {  // 3. s'' = s' + b, b a constant: ∂L/∂s' = ∂L/∂s''
        d_scaled = &trace.copy_step(ids.grad(step_id::scaled), "Gradient of the scaled scores", "∂L/∂s' = ∂L/∂s''",
                                    *d_scaled);
        trace.explain(*d_scaled, explain_same_gradient, {dS});
    }

    // 2–1. the scale, then the score
    const QKGrads qk = write_scores_backward(trace, ids, *d_scaled, Q, K, d_position, options);
    return {qk.dQ, qk.dK, dV};
}

}  // namespace attn
