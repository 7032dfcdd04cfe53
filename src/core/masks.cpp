// masks.cpp — mask patterns, one rule per pattern. See masks.hpp.
//
// Sparse patterns after Child et al. 2019, §4.2, with stride ℓ = options.stride. Both are
// written, as in the paper's figures, for autoregressive use, so both are also causal:
//   strided: A⁽¹⁾ = the previous ℓ positions, A⁽²⁾ = every ℓ-th position back from t;
//   fixed:   A⁽¹⁾ = t's own block of ℓ positions, A⁽²⁾ = the last position of every block
//            (the paper's "summary" cells, c = 1).
// A query sees the union A⁽¹⁾ ∪ A⁽²⁾, as one head of the paper's merged ("Merged head") attention.
#include "masks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace attn {

const Matrix& write_mask(Trace& trace, StepScope& ids, const Options& options, const Matrix& custom,
                         const Matrix* p, std::size_t T, std::size_t S) {
    Matrix& allowed = trace.write_step(ids("mask"), "Mask (1 = may attend)", mask_formula(options.mask), T, S);
    build_mask(options, custom, p, allowed);
    return allowed;
}

// custom: (T, S)  p: (1, T)  allowed: (T, S)
void build_mask(const Options& options, const Matrix& custom, const Matrix* p, Matrix& allowed) {
    const std::size_t T = allowed.shape(0), S = allowed.shape(1);
    const long D = options.window, l = options.stride;
    // One rule per pattern, each a plain loop over (t, j) with t − j written `back`.
    auto fill = [&](auto&& may_attend) {
        for (std::size_t t = 0; t < T; ++t) {
            double* m_t = &allowed(t, 0);
            for (std::size_t j = 0; j < S; ++j) {
                const long back = static_cast<long>(t) - static_cast<long>(j);
                m_t[j] = may_attend(t, j, back) ? 1.0 : 0.0;
            }
        }
    };
    switch (options.mask) {
        case Mask::none: std::fill(allowed.begin(), allowed.end(), 1.0); return;
        case Mask::causal: fill([](std::size_t, std::size_t, long back) { return back >= 0; }); return;
        case Mask::padding:
            // key_lengths holds one L for every row, or one L_t per row.
            fill([&](std::size_t t, std::size_t j, long) {
                const int L_t = options.key_lengths.size() == 1 ? options.key_lengths[0] : options.key_lengths[t];
                return static_cast<long>(j) < L_t;
            });
            return;
        case Mask::local_m: fill([&](std::size_t, std::size_t, long back) { return std::labs(back) <= D; }); return;
        case Mask::local_p:
            fill([&](std::size_t t, std::size_t j, long) {
                return std::fabs(static_cast<double>(j) - (*p)(0, t)) <= static_cast<double>(D);
            });
            return;
        case Mask::sliding_window: fill([&](std::size_t, std::size_t, long back) { return back >= 0 && back < D; }); return;
        case Mask::strided:
            fill([&](std::size_t, std::size_t, long back) { return back >= 0 && (back < l || back % l == 0); });
            return;
        case Mask::fixed:
            fill([&](std::size_t t, std::size_t j, long back) {
                const long jl = static_cast<long>(j), tl = static_cast<long>(t);
                return back >= 0 && (jl / l == tl / l || jl % l == l - 1);
            });
            return;
        case Mask::custom: fill([&](std::size_t t, std::size_t j, long) { return custom(t, j) != 0.0; }); return;
    }
}

std::string_view mask_formula(Mask mask) {
    switch (mask) {
        case Mask::none: return "M(t, j) = 1";
        case Mask::causal: return "M(t, j) = [j ≤ t]";
        case Mask::padding: return "M(t, j) = [j < L_t]";
        case Mask::local_m: return "M(t, j) = [|j − t| ≤ D]";
        case Mask::local_p: return "M(t, j) = [|j − p_t| ≤ D]";
        case Mask::sliding_window: return "M(t, j) = [0 ≤ t − j < W]";
        case Mask::strided: return "M(t, j) = [j ≤ t] · ([t − j < ℓ] ∨ [(t − j) mod ℓ = 0])";
        case Mask::fixed: return "M(t, j) = [j ≤ t] · ([⌊j/ℓ⌋ = ⌊t/ℓ⌋] ∨ [j mod ℓ = ℓ − 1])";
        case Mask::custom: return "M = the learner's mask";
    }
    return "";
}

}  // namespace attn
