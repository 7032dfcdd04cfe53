// attend.cpp — one head, stage by stage. See attend.hpp.
#include "attend.hpp"

#include "attention.hpp"
#include "choices.hpp"
#include "linear_attention.hpp"
#include "local_attention.hpp"
#include "masks.hpp"
#include "matmul.hpp"
#include "normalise.hpp"
#include "score_bias.hpp"
#include "scores.hpp"
#include "tiled_attention.hpp"
#include "step_ids.hpp"

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

}  // namespace attn
