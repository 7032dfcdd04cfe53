// tiled_attention.cpp — the online-softmax pass over key tiles. See tiled_attention.hpp.
#include "tiled_attention.hpp"

#include <algorithm>
#include <limits>

#include "attend.hpp"
#include "explanation.hpp"
#include "normalise.hpp"
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

// scaled, mask, weights: (T, S)  m, l: (T)
void weights_from_statistics(const Matrix& scaled, const Matrix& mask, const double* m, const double* l,
                             Matrix& weights) {
    const std::size_t T = scaled.shape(0), S = scaled.shape(1);
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t j = 0; j < S; ++j)
            weights(t, j) = mask(t, j) != 0.0 && l[t] > 0.0 ? exp_nonpositive(scaled(t, j) - m[t]) / l[t] : 0.0;
}

}  // namespace attn
