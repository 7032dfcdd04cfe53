// attend.cpp — one head, stage by stage. See attend.hpp.
#include "attend.hpp"

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

HeadGrads attend_backward(Trace& trace, StepScope& ids, const Matrix& Q, const Matrix& K, const Matrix& V,
                          const Matrix* dC, const WeightTarget& target, double L, const Options& options) {
    const std::size_t T = Q.shape(0), S = K.shape(0), d_v = V.shape(1);
    const Matrix& W = trace.value(ids(step_id::weights));
    const double H = static_cast<double>(target.heads);

    // 6. C = W·V  ⇒  ∂L/∂W = ∂L/∂C·Vᵀ (T, S),  ∂L/∂V = Wᵀ·∂L/∂C (S, d_v)
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
    } else {  // the loss reads only the weights: V does not change it
        std::fill(dW.begin(), dW.end(), 0.0);
        std::fill(dV.begin(), dV.end(), 0.0);
    }

    // 5. the normaliser, backwards: the gradient of the scores it read, s' (or s'' with a bias)
    const bool biased = options.bias != ScoreBias::none;
    const std::string_view read_id = biased ? step_id::biased : step_id::scaled;
    Matrix* dS = nullptr;
    if (options.normalise == Normalise::hard_sample) {
        // Xu 2015, eq. 12: a sampled key has no gradient, so hard attention learns from the
        // score-function (REINFORCE) estimate of ∂E[L]/∂s': L · ∂ ln αₜⱼₜ/∂s'ₜ = L · (e_jₜ − αₜ),
        // jₜ the key drawn for query t. Without Xu's baseline and entropy terms.
        const Matrix& alpha = trace.value(ids(step_id::alpha));
        dS = &trace.write_step(ids.grad(read_id), "REINFORCE estimate for the scores",
                               "∂L/∂s'ₜⱼ ≈ L · ([j = jₜ] − αₜⱼ), jₜ the sampled key (Xu 2015)", T, S);
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t j = 0; j < S; ++j) (*dS)(t, j) = L * (W(t, j) - alpha(t, j));  // empty rows: 0 − 0
    } else {
        dS = &trace.write_step(ids.grad(read_id), "Gradient of the scores, through the softmax",
                               "∂L/∂s'ₜⱼ = wₜⱼ (∂L/∂wₜⱼ − Σₖ wₜₖ ∂L/∂wₜₖ)", T, S);
        softmax_backward(W, dW, *dS);
        if (target.y) {
            // The cross-entropy's share, −yₜⱼ / (n_h w̄ₜⱼ) in ∂L/∂wₜⱼ, goes through the softmax in
            // closed form: with rₜⱼ = wₜⱼ / (n_h w̄ₜⱼ), wₜⱼ times it is −yₜⱼ rₜⱼ, so the scores get
            // −yₜⱼ rₜⱼ + wₜⱼ Σₖ yₜₖ rₜₖ. No division by a weight that may have underflowed to 0
            // (one head: r = 1 at every key the query sees).
            const Matrix &y = *target.y, &mean = *target.mean;
            const auto r = [&](std::size_t t, std::size_t j) {
                return target.heads == 1 ? 1.0 : mean(t, j) > 0.0 ? W(t, j) / (H * mean(t, j)) : 0.0;
            };
            for (std::size_t t = 0; t < T; ++t) {
                double y_r = 0.0;  // Σₖ yₜₖ rₜₖ
                for (std::size_t k = 0; k < S; ++k)
                    if (y(t, k) > 0.0) y_r += y(t, k) * r(t, k);
                for (std::size_t j = 0; j < S; ++j) {
                    (*dS)(t, j) += W(t, j) * y_r - y(t, j) * r(t, j);  // r ≤ 1, so y = 0 adds exactly W·Σ
                    if (y(t, j) > 0.0) dW(t, j) += cross_entropy_gradient(y(t, j), H * mean(t, j));
                }
            }
        }
    }
    const Matrix* d_scaled = dS;
    if (biased)  // 3. s'' = s' + b, b a constant: ∂L/∂s' = ∂L/∂s''
        d_scaled = &trace.copy_step(ids.grad(step_id::scaled), "Gradient of the scaled scores", "∂L/∂s' = ∂L/∂s''",
                                    *d_scaled);

    // 2–1. the scale, then the score
    const QKGrads qk = write_scores_backward(trace, ids, *d_scaled, Q, K, options);
    return {qk.dQ, qk.dK, &dV};
}

}  // namespace attn
