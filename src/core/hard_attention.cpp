// hard_attention.cpp — argmax and sampled one-hot weights. See hard_attention.hpp for the draw rule.
#include "hard_attention.hpp"

#include <algorithm>

namespace attn {

std::uint64_t SplitMix64::next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double SplitMix64::uniform() {
    constexpr double kTwoToMinus53 = 1.0 / 9007199254740992.0;  // 2⁻⁵³: 53 bits fill a double's mantissa
    return static_cast<double>(next() >> 11) * kTwoToMinus53;
}

// scaled: (T, S)  mask: (T, S)  weights: (T, S)
void hard_argmax(const Matrix& scaled, const Matrix& mask, Matrix& weights) {
    const std::size_t T = scaled.shape(0), S = scaled.shape(1);
    std::fill(weights.begin(), weights.end(), 0.0);
    for (std::size_t t = 0; t < T; ++t) {
        std::size_t best = S;  // S = no allowed key yet
        double best_score = 0.0;
        for (std::size_t j = 0; j < S; ++j)
            if (mask(t, j) != 0.0 && (best == S || scaled(t, j) > best_score)) {
                best = j;
                best_score = scaled(t, j);
            }
        if (best < S) weights(t, best) = 1.0;
    }
}

// alpha: (T, S)  uniforms: (1, T)  weights: (T, S)
void hard_sample(const Matrix& alpha, const std::vector<bool>& empty_rows, SplitMix64& rng, Matrix& uniforms,
                 Matrix& weights) {
    const std::size_t T = alpha.shape(0), S = alpha.shape(1);
    std::fill(weights.begin(), weights.end(), 0.0);
    for (std::size_t t = 0; t < T; ++t) {
        const double u_t = rng.uniform();
        uniforms(0, t) = u_t;
        if (empty_rows[t]) continue;
        std::size_t chosen = S, last_positive = S;
        double cumulative = 0.0;
        for (std::size_t j = 0; j < S && chosen == S; ++j) {
            if (alpha(t, j) > 0.0) last_positive = j;
            cumulative += alpha(t, j);
            if (u_t < cumulative) chosen = j;
        }
        if (chosen == S) chosen = last_positive;  // rounding left u_t ≥ Σⱼ α_tj
        weights(t, chosen) = 1.0;
    }
}

}  // namespace attn
