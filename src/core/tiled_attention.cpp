// tiled_attention.cpp — the online-softmax pass over key tiles. See tiled_attention.hpp.
#include "tiled_attention.hpp"

#include <algorithm>
#include <limits>

#include "attend.hpp"
#include "explanation.hpp"
#include "loss.hpp"
#include "normalise.hpp"
#include "row_reductions.hpp"
#include "simd_math.hpp"
#include "softmax.hpp"
#include "step_ids.hpp"

namespace attn {

HeadResult write_tiled_attention(Trace& trace, StepScope& ids, const Matrix& scaled, const Matrix& mask,
                                 const Matrix& V, std::size_t B, std::vector<bool>& empty_rows) {
    const std::size_t T = scaled.shape(0), S = scaled.shape(1), d_v = V.shape(1);
    const std::size_t n_b = (S + B - 1) / B;
    Matrix& running_max = trace.write_step(ids(step_id::running_max), "Running max after each tile",
                                           "m⁽ᵇ⁾ₜ = max(m⁽ᵇ⁻¹⁾ₜ, max of s'ₜⱼ over j in tile b),  m⁽⁰⁾ = −∞", n_b, T);
    Matrix& running_sum = trace.write_step(ids(step_id::running_sum), "Running sum after each tile",
                                           "ℓ⁽ᵇ⁾ₜ = e^(m⁽ᵇ⁻¹⁾ₜ − m⁽ᵇ⁾ₜ) ℓ⁽ᵇ⁻¹⁾ₜ + Σ of e^(s'ₜⱼ − m⁽ᵇ⁾ₜ) over j in tile b",
                                           n_b, T);
    Matrix& weights = trace.write_step(ids(step_id::weights), "Attention weights (from the final m, ℓ)",
                                       "wₜⱼ = e^(s'ₜⱼ − mₜ) / ℓₜ,  m, ℓ after the last tile", T, S);
    Matrix& diag = trace.write_step(ids(step_id::jacobian_diag), "Softmax Jacobian diagonal", "∂wₜⱼ/∂s'ₜⱼ = wₜⱼ (1 − wₜⱼ)",
                                    T, S);
    Matrix& context = trace.write_step(ids(step_id::context), "Context (online softmax)",
                                       "oₜ ← e^(m − m')·oₜ + Σ of e^(s'ₜⱼ − m') vⱼ over j in the tile, per tile;  cₜ = oₜ / ℓₜ",
                                       T, d_v);
    online_softmax_attention(scaled, mask, V, B, running_max, running_sum, context, empty_rows);
    weights_from_statistics(scaled, mask, &running_max(n_b - 1, 0), &running_sum(n_b - 1, 0), weights);
    softmax_jacobian_diag(weights, diag);
    trace.explain(weights, explain_softmax, {&scaled, &mask});
    trace.explain(diag, explain_jacobian, {&weights});
    trace.explain(context, explain_context, {&weights, &V});
    return {&weights, &weights, &context, &scaled};
}

// scaled, mask: (T, S)  V: (S, d_v)  running_max, running_sum: (n_b, T)  context: (T, d_v)
void online_softmax_attention(const Matrix& scaled, const Matrix& mask, const Matrix& V, std::size_t B,
                              Matrix& running_max, Matrix& running_sum, Matrix& context,
                              std::vector<bool>& empty_rows) {
    const std::size_t T = scaled.shape(0), S = scaled.shape(1), d_v = V.shape(1);
    constexpr double kNoKey = -std::numeric_limits<double>::infinity();  // m before any allowed key
    empty_rows.assign(T, false);
    for (std::size_t t = 0; t < T; ++t) {
        double* o_t = &context(t, 0);  // unnormalised until the end
        std::fill(o_t, o_t + d_v, 0.0);
        double m = kNoKey, l = 0.0;
        for (std::size_t b = 0, j0 = 0; j0 < S; ++b, j0 += B) {
            const std::size_t j1 = std::min(S, j0 + B);
            double m_new = m;
            for (std::size_t j = j0; j < j1; ++j)
                if (mask(t, j) != 0.0) m_new = std::max(m_new, scaled(t, j));
            if (m_new != kNoKey) {
                // e^(m − m') rescales what was summed against the old max; it is 0 when m = −∞.
                const double rescale = exp_nonpositive(m - m_new);
                l *= rescale;
                for (std::size_t i = 0; i < d_v; ++i) o_t[i] *= rescale;
                for (std::size_t j = j0; j < j1; ++j) {
                    if (mask(t, j) == 0.0) continue;
                    const double e_tj = exp_nonpositive(scaled(t, j) - m_new);
                    l += e_tj;
                    const double* v_j = &V(j, 0);
                    for (std::size_t i = 0; i < d_v; ++i) o_t[i] += e_tj * v_j[i];
                }
                m = m_new;
            }
            running_max(b, t) = m;
            running_sum(b, t) = l;
        }
        if (l == 0.0) {
            empty_rows[t] = true;  // no allowed key in any tile: the context stays zero
            continue;
        }
        for (std::size_t i = 0; i < d_v; ++i) o_t[i] /= l;
    }
}

// [SECTION] Backward

namespace {

// Dₜ = Σᵢ ∂L/∂cₜᵢ cₜᵢ; sources: ∂L/∂C, C.
Explanation explain_delta(const Cell& cell) {
    const Step &dC = cell.from(0), &C = cell.from(1);
    const std::size_t t = cell.c, d_v = C.value.shape(1);  // a vector: one value per query
    Explanation e;
    e.text = "D" + sub(t) + " = Σᵢ ∂L/∂C" + sub(t) + "ᵢ C" + sub(t) + "ᵢ = " + products(&dC.value(t, 0), 1, &C.value(t, 0), 1, d_v) +
             " = " + format_number(cell.value());
    e.sources = {row_of(dC, t), row_of(C, t)};
    return e;
}

// ∂L/∂s'ₜⱼ = wₜⱼ (∂L/∂cₜ·vⱼ − Dₜ), plus the cross-entropy's share where the loss also reads the
// weights; sources: w (as recomputed in the tile), ∂L/∂C, V, D, and then y, w̄.
Explanation explain_tiled_scores_gradient(const Cell& cell) {
    const Step &w = cell.from(0), &dC = cell.from(1), &V = cell.from(2), &D = cell.from(3);
    const std::size_t t = cell.t, j = cell.c, d_v = V.value.shape(1);
    std::string formula = "w" + sub(t, j) + " (Σᵢ ∂L/∂C" + sub(t) + "ᵢ V" + sub(j) + "ᵢ − D" + sub(t) + ")";
    std::string numbers = format_number(w.value(t, j)) + " × (" + products(&dC.value(t, 0), 1, &V.value(j, 0), 1, d_v) +
                          " − " + operand(D.value(0, t)) + ")";
    Explanation e;
    e.sources = {cell_of(w, t, j), row_of(dC, t), row_of(V, j), cell_of(D, 0, t)};
    if (cell.from_count() == 6) {
        const std::size_t heads = cell.options.form == Form::multi_head ? static_cast<std::size_t>(cell.options.heads) : 1;
        const ShareText share = cross_entropy_share(w, cell.from(4), cell.from(5), heads, t, j);
        formula += " + " + share.formula;
        numbers += " + " + share.numbers;
        e.sources.push_back(row_of(cell.from(4), t));
    }
    e.text = symbol(cell.step) + sub(t, j) + " = " + formula + " = " + numbers + " = " + format_number(cell.value());
    return e;
}

}  // namespace

TiledGrads write_tiled_backward(Trace& trace, StepScope& ids, const std::string& d_scaled_id, const Matrix& scaled,
                                const Matrix& mask, const Matrix& V, const Matrix& context, const Matrix* dC,
                                const WeightTarget& target, std::size_t B) {
    const std::size_t T = scaled.shape(0), S = scaled.shape(1), d_v = V.shape(1);
    const Matrix &running_max = trace.value(ids(step_id::running_max)), &running_sum = trace.value(ids(step_id::running_sum));
    const double *m = &running_max(running_max.shape(0) - 1, 0), *l = &running_sum(running_sum.shape(0) - 1, 0);
    const auto dot_row = [](const double* a, const double* b, std::size_t n) {
        return sum_of(n, [&](std::size_t i) { return a[i] * b[i]; });
    };

    // Dₜ = Σᵢ ∂L/∂cₜᵢ cₜᵢ  (T)
    Matrix& D = trace.write_vector_step(ids(step_id::delta), "Row sums D of the backward pass",
                                        "Dₜ = Σᵢ ∂L/∂cₜᵢ cₜᵢ  (= Σⱼ wₜⱼ ∂L/∂wₜⱼ)", T);
    for (std::size_t t = 0; t < T; ++t) D(0, t) = dC ? dot_row(&(*dC)(t, 0), &context(t, 0), d_v) : 0.0;
    if (dC) trace.explain(D, explain_delta, {dC, &context});

    Matrix& dV = trace.write_step(ids.grad(step_id::V), "Gradient of the values, tile by tile",
                                  "∂L/∂vⱼ = Σₜ wₜⱼ ∂L/∂cₜ,  wₜⱼ = e^(s'ₜⱼ − mₜ) / ℓₜ recomputed per tile", S, d_v);
    Matrix& dS = trace.write_step(d_scaled_id, "Gradient of the scores, tile by tile",
                                  "∂L/∂s'ₜⱼ = wₜⱼ (∂L/∂cₜ·vⱼ − Dₜ),  wₜⱼ recomputed per tile", T, S);
    std::fill(dV.begin(), dV.end(), 0.0);
    for (std::size_t j0 = 0; j0 < S; j0 += B) {
        const std::size_t j1 = std::min(S, j0 + B);
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t j = j0; j < j1; ++j) {
                const double w = mask(t, j) != 0.0 && l[t] > 0.0 ? exp_nonpositive(scaled(t, j) - m[t]) / l[t] : 0.0;
                if (!dC || w == 0.0) {
                    dS(t, j) = 0.0;
                    continue;
                }
                const double* dc_t = &(*dC)(t, 0);
                double* dv_j = &dV(j, 0);
                for (std::size_t i = 0; i < d_v; ++i) dv_j[i] += w * dc_t[i];
                dS(t, j) = w * (dot_row(dc_t, &V(j, 0), d_v) - D(0, t));
            }
    }
    const Matrix& weights = trace.value(ids(step_id::weights));  // what each tile recomputes
    if (dC) {
        trace.explain(dV, explain_product_transposed_a, {&weights, dC});
        if (target.y) trace.explain(dS, explain_tiled_scores_gradient, {&weights, dC, &V, &D, target.y, target.mean});
        else trace.explain(dS, explain_tiled_scores_gradient, {&weights, dC, &V, &D});
    } else {
        trace.explain(dV, explain_values_unread, {});
        if (target.y) trace.explain(dS, explain_cross_entropy_scores, {&weights, target.y, target.mean});
    }
    return {&dS, &dV};
}

// scaled, mask, weights: (T, S)  m, l: (T)
void weights_from_statistics(const Matrix& scaled, const Matrix& mask, const double* m, const double* l,
                             Matrix& weights) {
    const std::size_t T = scaled.shape(0), S = scaled.shape(1);
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t j = 0; j < S; ++j)
            weights(t, j) = mask(t, j) != 0.0 && l[t] > 0.0 ? exp_nonpositive(scaled(t, j) - m[t]) / l[t] : 0.0;
}

}  // namespace attn
