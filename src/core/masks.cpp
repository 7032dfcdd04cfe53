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
#include <string>

#include "attention.hpp"
#include "choices.hpp"
#include "explanation.hpp"
#include "shape_rules.hpp"
#include "step_ids.hpp"

namespace attn {

namespace detail {
void check_key_lengths(const Inputs& in, const Options& o, const Letters& letters);
void check_mask_values(const Inputs& in, const Options& o, const Letters& letters);
}  // namespace detail

const Choices<Mask>& mask_choices() {
    static const Choices<Mask> choices{
        {Mask::none, "none", "", "Every query sees every key.", mask_formula(Mask::none), {}, {}, "", {}, "mask"},
        {Mask::causal, "causal", "Vaswani 2017", "Each token sees only itself and earlier tokens, as in a decoder.",
         mask_formula(Mask::causal), {}, {}, "", {}, "mask"},
        {Mask::padding, "padding", "", "Only the first L keys are real; the rest are padding.",
         mask_formula(Mask::padding), {}, {}, "", {}, "mask", detail::check_key_lengths},
        {Mask::local_m, "local_m", "Luong 2015", "Luong's local-m: query t sees keys t − D … t + D.",
         mask_formula(Mask::local_m), {}, {{"window", 0, ""}}, "", {}, "mask"},
        {Mask::local_p, "local_p", "Luong 2015",
         "Luong's local-p: each query predicts a centre p and favours keys near it.", mask_formula(Mask::local_p),
         {{"W_p", "(d_p, d_q)", Fill::identity}, {"v_p", "(d_p)", Fill::ones}},
         {{"window", 1, "its Gaussian has σ = D/2"}}, "",
         {{"form", "multi_head", false,
           "mask \"local_p\" predicts one centre per query from W_p; it is defined for a single head, not {form}"},
          {"normalise", "softmax", true,
           "mask \"local_p\" multiplies softmax weights by a Gaussian (Luong 2015); it needs normalise \"softmax\", not "
           "{normalise}"},
          {"algorithm", "tiled", false,
           "{algorithm} computes plain softmax attention; mask \"local_p\" reweights it with a Gaussian afterwards: use "
           "algorithm \"standard\""}},
         "W_p v_p p mask align jacobian_diag gaussian weights"},
        {Mask::sliding_window, "sliding_window", "", "Each token sees itself and the D − 1 tokens before it.",
         mask_formula(Mask::sliding_window), {}, {{"window", 0, ""}}, "", {}, "mask"},
        {Mask::strided, "strided", "Child 2019", "Child 2019: the previous ℓ tokens and every ℓ-th token before them.",
         mask_formula(Mask::strided), {}, {{"stride", 1, ""}}, "", {}, "mask"},
        {Mask::fixed, "fixed", "Child 2019",
         "Child 2019: the token's own block of ℓ and the last token of every earlier block.", mask_formula(Mask::fixed),
         {}, {{"stride", 1, ""}}, "", {}, "mask"},
        {Mask::custom, "custom", "", "Your own mask: click cells of the mask heatmap to toggle them.",
         mask_formula(Mask::custom), {{"mask", "(T, S)", Fill::ones}}, {}, "", {}, "mask", detail::check_mask_values},
    };
    return choices;
}

namespace {

// M = 1 or 0 by the mask's rule; local-p's source is the predicted centre p_t.
Explanation explain_mask(const Cell& cell) {
    Explanation e;
    e.text = "M" + sub(cell.t, cell.c) + " = " + (cell.value() != 0.0 ? "1 (may attend)" : "0 (masked)") + ", by " +
             cell.step.formula + " with t = " + std::to_string(cell.t) + ", j = " + std::to_string(cell.c);
    if (cell.from_count() > 0) e.sources = {cell_of(cell.from(0), 0, cell.t)};
    return e;
}

}  // namespace

const Matrix& write_mask(Trace& trace, StepScope& ids, const Options& options, const Matrix& custom,
                         const Matrix* p, std::size_t T, std::size_t S) {
    Matrix& allowed = trace.write_step(ids(step_id::mask), "Mask (1 = may attend)", mask_formula(options.mask), T, S);
    build_mask(options, custom, p, allowed);
    if (p) trace.explain(allowed, explain_mask, {p});
    else trace.explain(allowed, explain_mask, {});
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
        case Mask::sliding_window: return "M(t, j) = [0 ≤ t − j < D]";
        case Mask::strided: return "M(t, j) = [j ≤ t] · ([t − j < ℓ] ∨ [(t − j) mod ℓ = 0])";
        case Mask::fixed: return "M(t, j) = [j ≤ t] · ([⌊j/ℓ⌋ = ⌊t/ℓ⌋] ∨ [j mod ℓ = ℓ − 1])";
        case Mask::custom: return "M = the learner's mask";
    }
    return "";
}

namespace detail {

// key_lengths holds one L for every query, or one L_t per query, each between 0 and S.
void check_key_lengths(const Inputs&, const Options& o, const Letters& letters) {
    const std::size_t T = letters["T"], S = letters["S"], n = o.key_lengths.size();
    if (n != 1 && n != T)
        throw ShapeError("options.key_lengths has " + std::to_string(n) +
                         " entries but mask \"padding\" needs 1 (for every query) or " + std::to_string(T) +
                         " (one per query)");
    for (std::size_t t = 0; t < n; ++t)
        if (o.key_lengths[t] < 0 || static_cast<std::size_t>(o.key_lengths[t]) > S)
            throw ShapeError("options.key_lengths[" + std::to_string(t) + "] = " + std::to_string(o.key_lengths[t]) +
                             " is not between 0 and the " + std::to_string(S) + " keys");
}

void check_mask_values(const Inputs& in, const Options&, const Letters&) {
    for (std::size_t t = 0; t < in.mask.shape(0); ++t)
        for (std::size_t j = 0; j < in.mask.shape(1); ++j)
            if (in.mask(t, j) != 0.0 && in.mask(t, j) != 1.0)
                throw ShapeError("mask(" + std::to_string(t) + ", " + std::to_string(j) + ") = " +
                                 std::to_string(in.mask(t, j)) + ": a mask holds only 0 (masked) and 1 (may attend)");
}

}  // namespace detail

}  // namespace attn
