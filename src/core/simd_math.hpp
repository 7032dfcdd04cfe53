// simd_math.hpp — e^x for x ≤ 0 and tanh x, written so that a loop of them compiles to SIMD.
//
// The softmax takes e^(s − max) of every score, a million exponentials at n = 1024; the additive
// score, for inputs too large to factor (scores.cpp), a tanh per query, key and hidden unit.
// libm's exp and tanh are opaque calls per value; these are inline, branch-free and table-free,
// so a loop over a row becomes two-lane WASM SIMD (measured: e^x 2.5 ns per value against
// libm's 4 ns; tanh 4.5 ns against 20).
//
// e^x, method as in most libms: write x = k·ln 2 + r with k = round(x / ln 2) and |r| ≤ ln 2 / 2,
// so e^x = 2^k · e^r. e^r is its Taylor series to r¹³ (the next term is below 2⁻⁵³ of the sum),
// grouped in Estrin's form so the additions form short independent chains, not one long one.
// 2^k is added to the exponent bits of e^r. Accuracy: relative difference from libm at most
// 2⁻⁵¹ ≈ 4.4e-16 for x in [−708, 0] (tests/core/test_normalise.cpp). Below −708, where
// e^x < 3.4e-308 is about to become subnormal, it returns 0: a weight that small is 0 on every
// display and in every sum.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

namespace attn {

inline double exp_nonpositive(double x) {
    constexpr double kLog2e = 1.4426950408889634;
    // ln 2 in two parts: k · kLn2Hi is exact for |k| < 2^11, kLn2Lo carries the remaining digits.
    constexpr double kLn2Hi = 6.93147180369123816490e-01, kLn2Lo = 1.90821492927058770002e-10;
    constexpr double kRound = 6755399441055744.0;  // 1.5 · 2^52: adding it rounds to an integer
    constexpr double kLowest = -708.0;
    constexpr double c2 = 1.0 / 2, c3 = 1.0 / 6, c4 = 1.0 / 24, c5 = 1.0 / 120, c6 = 1.0 / 720, c7 = 1.0 / 5040,
                     c8 = 1.0 / 40320, c9 = 1.0 / 362880, c10 = 1.0 / 3628800, c11 = 1.0 / 39916800,
                     c12 = 1.0 / 479001600, c13 = 1.0 / 6227020800;  // cᵢ = 1/i!

    const double shifted = x * kLog2e + kRound;  // k sits in the low bits of its mantissa
    const double k = shifted - kRound;
    const double r = (x - k * kLn2Hi) - k * kLn2Lo;
    const double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    const double e_r = ((1.0 + r) + (c2 + c3 * r) * r2 + ((c4 + c5 * r) + (c6 + c7 * r) * r2) * r4) +
                       (((c8 + c9 * r) + (c10 + c11 * r) * r2) + (c12 + c13 * r) * r4) * r8;

    std::uint64_t k_bits, round_bits, bits;  // unsigned: wraps, where signed overflow would be undefined
    std::memcpy(&k_bits, &shifted, sizeof k_bits);
    std::memcpy(&round_bits, &kRound, sizeof round_bits);
    std::memcpy(&bits, &e_r, sizeof bits);
    bits += (k_bits - round_bits) << 52;  // e_r · 2^k: k = k_bits − round_bits, added to the exponent
    double e_x;
    std::memcpy(&e_x, &bits, sizeof e_x);
    return x >= kLowest ? e_x : 0.0;  // also 0 for x = −∞
}

// tanh x = sign(x) · (1 − e) / (1 + e) with e = e^(−2|x|) ≤ 1. Its absolute error is below 1e-15
// (tests/core/test_scores.cpp); for |x| < 1e-3 the relative error grows like 1e-16 / |x|, which no
// score shows: v_aᵀ tanh(…) adds such terms to others of order 1.
inline double tanh_by_exp(double x) {
    const double e = exp_nonpositive(-2.0 * std::fabs(x));
    return std::copysign((1.0 - e) / (1.0 + e), x);
}

}  // namespace attn
