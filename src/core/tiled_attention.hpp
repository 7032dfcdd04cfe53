// tiled_attention.hpp — softmax attention one tile of keys at a time, with an online softmax.
//
// FlashAttention (Dao et al. 2022, Algorithm 1) never holds a whole row of scores: it walks the
// keys in tiles of B and keeps, per query, a running max m and a running sum ℓ of exponentials
// (the online softmax of Milakov & Gimelshein 2018). When a tile raises the max from m to m',
// everything summed so far was scaled by e^(−m) and must now be scaled by e^(−m'), so ℓ and the
// unnormalised output o are multiplied by e^(m − m'):
//   m' = max(m, max_{j in tile} s'ₜⱼ)
//   ℓ' = e^(m − m') ℓ + Σ_{j in tile} e^(s'ₜⱼ − m')
//   o' = e^(m − m') o + Σ_{j in tile} e^(s'ₜⱼ − m') vⱼ
// and after the last tile cₜ = o / ℓ (dividing once at the end, as FlashAttention-2 does). The
// result equals the standard softmax pass up to rounding. Only allowed keys (mask = 1) count; a
// row that has met no allowed key yet still has m = −∞ and ℓ = 0.
//
// The explorer materialises the scaled scores anyway (they are a step of the trace), so the
// tiles read them from there; what is shown is the bookkeeping, not the memory saving.
//
// Shapes: scaled, mask (T, S); V (S, d_v); running_max, running_sum (n_b, T) with n_b = ⌈S/B⌉.
#pragma once

#include <string>
#include <vector>

#include "attend.hpp"

namespace attn {

// Write "running_max", "running_sum", "weights", "jacobian_diag" and "context" for one head.
HeadResult write_tiled_attention(Trace& trace, StepScope& ids, const Matrix& scaled, const Matrix& mask,
                                 const Matrix& V, std::size_t B, std::vector<bool>& empty_rows);

// The online pass above. Row b of running_max / running_sum holds m and ℓ after tile b.
// context: (T, d_v), overwritten; empty_rows resized to T.
void online_softmax_attention(const Matrix& scaled, const Matrix& mask, const Matrix& V, std::size_t B,
                              Matrix& running_max, Matrix& running_sum, Matrix& context,
                              std::vector<bool>& empty_rows);

// The weights the pass used, rebuilt from its final m and ℓ: wₜⱼ = e^(s'ₜⱼ − mₜ) / ℓₜ on allowed
// keys (what FlashAttention's backward pass recomputes). m, l: the last rows of the running steps.
void weights_from_statistics(const Matrix& scaled, const Matrix& mask, const double* m, const double* l,
                             Matrix& weights);

// [SECTION] Backward

// FlashAttention's backward pass (Dao et al. 2022, Algorithm 4) for one head: tile by tile of keys
// the weights are recomputed from the final m and ℓ, never read from a stored row, and with
//   Dₜ = Σᵢ ∂L/∂cₜᵢ cₜᵢ                      (which equals Σⱼ wₜⱼ ∂L/∂wₜⱼ: no row of ∂L/∂w is held)
//   ∂L/∂vⱼ = Σₜ wₜⱼ ∂L/∂cₜ,   ∂L/∂s'ₜⱼ = wₜⱼ (∂L/∂cₜ·vⱼ − Dₜ)
// the same gradients as the standard pass. Writes "delta" (D), "grad.V" and `d_scaled_id` (∂L/∂s'
// of the scores the softmax read). dC null: the loss reads only the weights, and both are 0. The
// cross-entropy's share of ∂L/∂s' (target) is the caller's to add; the explanations include it.
// scaled, mask: (T, S)  V: (S, d_v)  context, dC: (T, d_v)
struct TiledGrads {
    Matrix* d_scaled;  // (T, S)
    const Matrix* dV;  // (S, d_v)
};
TiledGrads write_tiled_backward(Trace& trace, StepScope& ids, const std::string& d_scaled_id, const Matrix& scaled,
                                const Matrix& mask, const Matrix& V, const Matrix& context, const Matrix* dC,
                                const WeightTarget& target, std::size_t B);

}  // namespace attn
