// softmax.cpp — masked, numerically stable softmax and its Jacobian. See softmax.hpp.
#include "softmax.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "row_reductions.hpp"
#include "simd_math.hpp"

namespace attn {

namespace {

constexpr double kNoKey = -std::numeric_limits<double>::infinity();  // the max of no scores

// The largest score the mask allows in one row, kNoKey if none. A masked-out score is replaced by
// −∞ with AND/OR on its bits rather than `m ≠ 0 ? s : −∞`, which the compiler turns into a branch
// per key (4× slower, measured).
double allowed_max(const double* s_t, const double* m_t, std::size_t S) {
    std::uint64_t no_key_bits;
    std::memcpy(&no_key_bits, &kNoKey, sizeof no_key_bits);
    return max_of(S, kNoKey, [&](std::size_t j) {
        std::uint64_t bits;
        std::memcpy(&bits, &s_t[j], sizeof bits);
        const std::uint64_t keep = m_t[j] != 0.0 ? ~std::uint64_t{0} : 0;
        bits = (bits & keep) | (no_key_bits & ~keep);
        double s;
        std::memcpy(&s, &bits, sizeof s);
        return s;
    });
}

}  // namespace

// scaled: (T, S)  mask: (T, S)  weights: (T, S)
void masked_softmax(const Matrix& scaled, const Matrix& mask, Matrix& weights, std::vector<bool>& empty_rows) {
    const std::size_t T = scaled.shape(0), S = scaled.shape(1);
    empty_rows.assign(T, false);
    for (std::size_t t = 0; t < T; ++t) {
        const double* s_t = &scaled(t, 0);
        const double* m_t = &mask(t, 0);
        double* w_t = &weights(t, 0);
        // Subtracting the row max before exp leaves the softmax unchanged (e^(−max) cancels
        // between numerator and denominator) and keeps every exponent ≤ 0, so nothing overflows,
        // even for scores of 1e30; the largest term is e^0 = 1, so the sum is ≥ 1.
        const double max_t = allowed_max(s_t, m_t, S);
        if (max_t == kNoKey) {
            empty_rows[t] = true;  // nothing to attend to: the row stays at zero
            std::fill(w_t, w_t + S, 0.0);
            continue;
        }
        // Every key's e^(s − max), then the masked ones set to 0: no branch, so this loop is SIMD.
        for (std::size_t j = 0; j < S; ++j) {
            const double e_tj = exp_nonpositive(s_t[j] - max_t);
            w_t[j] = m_t[j] != 0.0 ? e_tj : 0.0;
        }
        // One division per row, then multiplications: a SIMD division costs ~5× a multiplication,
        // and w · (1/Σ) differs from w / Σ by at most an ulp, as e^x itself may.
        const double inverse_sum_t = 1.0 / sum_of(S, [&](std::size_t j) { return w_t[j]; });
        for (std::size_t j = 0; j < S; ++j) w_t[j] *= inverse_sum_t;
    }
}

// weights, diag: (T, S)
void softmax_jacobian_diag(const Matrix& weights, Matrix& diag) {
    const double* w = weights.data();
    double* out = diag.data();
    for (std::size_t i = 0, n = weights.size(); i < n; ++i) out[i] = w[i] * (1.0 - w[i]);
}

// w: (S)
double softmax_jacobian_norm(const double* w, std::size_t S) {
    // J = diag(w) − w·wᵀ, so ‖J‖²_F = Σⱼ wⱼ²(1 − wⱼ)² + Σ_{i≠j} wᵢ²wⱼ².
    // The off-diagonal sum equals (Σⱼ wⱼ²)² − Σⱼ wⱼ⁴, but near saturation (one wₖ ≈ 1) that
    // difference of two numbers ≈ 1 loses every digit. So split off the largest weight wₖ:
    //   Σ_{i≠j} wᵢ²wⱼ² = 2 wₖ² R + (R² − Σ_{j≠k} wⱼ⁴),  R = Σ_{j≠k} wⱼ²,
    // where the remaining difference is only as large as the small weights themselves.
    // The largest weight wₖ (the first, on ties), found as the largest value and then its place:
    // a running "if larger, remember j" is a branch per weight.
    const double w_k = max_of(S, 0.0, [&](std::size_t j) { return w[j]; });
    const std::size_t k = static_cast<std::size_t>(std::find(w, w + S, w_k) - w);
    // Two of each sum, over even and odd j, so that consecutive additions do not wait on each other.
    double diagonal_of[2] = {0.0, 0.0}, R_of[2] = {0.0, 0.0}, R4_of[2] = {0.0, 0.0};
    auto add = [&](std::size_t i, double w_j) {
        const double d_j = w_j * (1.0 - w_j), w2 = w_j * w_j;
        diagonal_of[i] += d_j * d_j;
        R_of[i] += w2;
        R4_of[i] += w2 * w2;
    };
    auto add_others = [&](std::size_t begin, std::size_t end) {  // every j ≠ k, without a branch per j
        std::size_t j = begin;
        for (; j + 2 <= end; j += 2) {
            add(0, w[j]);
            add(1, w[j + 1]);
        }
        if (j < end) add(0, w[j]);
    };
    add_others(0, k);
    add_others(k + 1, S);
    const double diagonal = diagonal_of[0] + diagonal_of[1], R = R_of[0] + R_of[1], R4 = R4_of[0] + R4_of[1];
    const double d_k = w_k * (1.0 - w_k);
    return std::sqrt(diagonal + d_k * d_k + 2.0 * w_k * w_k * R + std::max(0.0, R * R - R4));
}

// scaled, mask, weights: (T, S)
void masked_softmax_plain(const Matrix& scaled, const Matrix& mask, Matrix& weights) {
    const std::size_t T = scaled.shape(0), S = scaled.shape(1);
    for (std::size_t t = 0; t < T; ++t) {
        double m = -std::numeric_limits<double>::infinity();
        for (std::size_t j = 0; j < S; ++j)
            if (mask(t, j) != 0.0) m = std::max(m, scaled(t, j));
        double Z = 0.0;
        for (std::size_t j = 0; j < S; ++j)
            if (mask(t, j) != 0.0) Z += std::exp(scaled(t, j) - m);
        for (std::size_t j = 0; j < S; ++j) weights(t, j) = mask(t, j) != 0.0 ? std::exp(scaled(t, j) - m) / Z : 0.0;
    }
}

// w, dw, ds: (T, S)
Explanation explain_softmax_backward(const Cell& cell) {
    const Step &w = cell.from(0), &dw = cell.from(1);
    const std::size_t t = cell.t, j = cell.c, S = w.value.shape(1);
    const double w_dw = dot(&w.value(t, 0), 1, &dw.value(t, 0), 1, S);
    Explanation e;
    const std::string p = symbol(w), dp = symbol(dw);  // w, or local-p's align
    e.text = symbol(cell.step) + sub(t, j) + " = " + p + sub(t, j) + " (" + dp + sub(t, j) + " − Σₖ " + p + sub(t) + "ₖ " +
             dp + sub(t) + "ₖ) = " + format_number(w.value(t, j)) + " × (" + format_number(dw.value(t, j)) + " − " +
             operand(w_dw) + ") = " + format_number(cell.value());
    e.sources = {row_of(w, t), row_of(dw, t)};
    return e;
}

void softmax_backward(const Matrix& w, const Matrix& dw, Matrix& ds) {
    const std::size_t T = w.shape(0), S = w.shape(1);
    for (std::size_t t = 0; t < T; ++t) {
        double w_dw = 0.0;  // Σₖ wₜₖ ∂L/∂wₜₖ
        for (std::size_t k = 0; k < S; ++k) w_dw += w(t, k) * dw(t, k);
        for (std::size_t j = 0; j < S; ++j) ds(t, j) = w(t, j) * (dw(t, j) - w_dw);
    }
}

}  // namespace attn
