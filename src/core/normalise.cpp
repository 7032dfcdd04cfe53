// normalise.cpp — chooses the normaliser and writes its steps. See normalise.hpp.
#include "normalise.hpp"

#include <string>

#include "choices.hpp"
#include "local_attention.hpp"
#include "softmax.hpp"

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

Normalised write_normalise(Trace& trace, StepScope& ids, const Matrix& scaled, const Matrix& mask, const Matrix* p,
                           const Options& options, SplitMix64& rng, std::vector<bool>& empty_rows) {
    const std::size_t T = scaled.shape(0), S = scaled.shape(1);
    constexpr const char* kSoftmax = "e^(s'ₜⱼ − mₜ) / Σₖ e^(s'ₜₖ − mₜ) over allowed keys, mₜ = their max s'";

    if (options.mask == Mask::local_p) {
        // Luong 2015, eq. 10: align within the window, times a Gaussian around p_t.
        Matrix& align = trace.write_step(ids("align"), "Softmax within the window",
                                         std::string("alignₜⱼ = ") + kSoftmax, T, S);
        masked_softmax(scaled, mask, align, empty_rows);
        Matrix& diag = trace.write_step(ids("jacobian_diag"), "Softmax Jacobian diagonal",
                                        "∂alignₜⱼ/∂s'ₜⱼ = alignₜⱼ (1 − alignₜⱼ)", T, S);
        softmax_jacobian_diag(align, diag);
        Matrix& gaussian = trace.write_step(ids("gaussian"), "Gaussian around p",
                                            "gₜⱼ = exp(−(j − p_t)² / (2σ²)),  σ = D/2", T, S);
        gaussian_window(*p, options.window, gaussian);
        Matrix& weights = trace.write_step(ids("weights"), "Attention weights", "wₜⱼ = alignₜⱼ · gₜⱼ", T, S);
        for (std::size_t i = 0; i < weights.size(); ++i) weights.data()[i] = align.data()[i] * gaussian.data()[i];
        return {&weights, &align};
    }

    if (options.normalise == Normalise::softmax) {
        Matrix& weights = trace.write_step(ids("weights"), "Attention weights", std::string("wₜⱼ = ") + kSoftmax, T, S);
        masked_softmax(scaled, mask, weights, empty_rows);
        Matrix& diag = trace.write_step(ids("jacobian_diag"), "Softmax Jacobian diagonal",
                                        "∂wₜⱼ/∂s'ₜⱼ = wₜⱼ (1 − wₜⱼ)", T, S);
        softmax_jacobian_diag(weights, diag);
        return {&weights, &weights};
    }

    // Hard attention (Xu 2015): α is the softmax; the weights pick one key from it.
    Matrix& alpha = trace.write_step(ids("alpha"), "Softmax probabilities α", std::string("αₜⱼ = ") + kSoftmax, T, S);
    masked_softmax(scaled, mask, alpha, empty_rows);
    Matrix& diag = trace.write_step(ids("jacobian_diag"), "Softmax Jacobian diagonal",
                                    "∂αₜⱼ/∂s'ₜⱼ = αₜⱼ (1 − αₜⱼ)", T, S);
    softmax_jacobian_diag(alpha, diag);
    if (options.normalise == Normalise::hard_argmax) {
        Matrix& weights = trace.write_step(ids("weights"), "Hard weights (argmax)", "wₜⱼ = [j = argmaxₖ s'ₜₖ]", T, S);
        hard_argmax(scaled, mask, weights);
        return {&weights, &alpha};
    }
    Matrix& uniforms = trace.write_vector_step(ids("uniform"), "Random draws u", "uₜ ~ U[0, 1)  (SplitMix64, seed)", T);
    Matrix& weights = trace.write_step(ids("weights"), "Hard weights (sampled)",
                                      "wₜⱼ = [j = the first k with uₜ < αₜ₀ + … + αₜₖ]", T, S);
    hard_sample(alpha, empty_rows, rng, uniforms, weights);
    return {&weights, &alpha};
}

}  // namespace attn
