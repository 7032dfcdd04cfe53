// linear_attention.hpp — attention in time linear in the sequence (Katharopoulos et al. 2020).
//
// Replace the softmax's similarity e^(q·k) by a kernel φ(q)·φ(k) with φ(x) = elu(x) + 1 > 0
// (§3.2, eq. 7). The sum over keys then factorises, because φ(qₜ) no longer depends on j:
//   cₜ = Σⱼ φ(qₜ)·φ(kⱼ) vⱼ / Σⱼ φ(qₜ)·φ(kⱼ) = φ(qₜ)ᵀ KV / φ(qₜ)ᵀ Z,
//   KV = Σⱼ φ(kⱼ) vⱼᵀ = φ(K)ᵀV  (d_k, d_v),   Z = Σⱼ φ(kⱼ)  (d_k)                      (eq. 5–6)
// so K and V are summarised once, in O(S·d_k·d_v), instead of building a (T, S) matrix. With a
// causal mask the sums run over j ≤ t and become running prefix sums, updated as t advances
// (eq. 8–10: the "transformer as an RNN" view).
//
// There is no softmax, so no temperature, no hard choice and no other mask: validation refuses
// them. The equivalent (T, S) weights wₜⱼ = φ(qₜ)·φ(kⱼ) / Σₖ φ(qₜ)·φ(kₖ) are still written, for
// the learner to compare with softmax attention; the context does not use them. Both are summed
// with φ rescaled in the log domain, so they are exact even where φ itself underflows (x < −745):
// no row is ever empty, since the mask (none or causal) leaves every query a key.
//
// Shapes: Q (T, d_k), K (S, d_k), V (S, d_v), phi_Q (T, d_k), phi_K (S, d_k), KV (d_k, d_v),
// Z (1, d_k), Z_prefix (T, d_k), mask and weights (T, S), context (T, d_v).
#pragma once

#include <cmath>
#include <vector>

#include "attend.hpp"

namespace attn {

// Write "phi_Q", "phi_K", then "KV" and "Z" (global) or "Z_prefix" (causal), "mask" (unless
// shared_mask is given, see attend.hpp), "weights" and "context" for one head.
HeadResult write_linear_attention(Trace& trace, StepScope& ids, const Matrix& Q, const Matrix& K, const Matrix& V,
                                  const Matrix* shared_mask, const Options& options, std::vector<bool>& empty_rows);

// φ(x) = elu(x) + 1 = x + 1 for x > 0 and (eˣ − 1) + 1 = eˣ otherwise; writing eˣ directly
// avoids the rounding of − 1 + 1 near zero.
inline double elu_plus_one(double x) { return x > 0.0 ? x + 1.0 : std::exp(x); }

// phi = φ(X) = elu(X) + 1, entry by entry.
void elu_feature_map(const Matrix& X, Matrix& phi);

// What the context and the weights both read, computed once per head (linear_attention.cpp,
// "Rescaled features"): log φ of Q and K, the key scales c (the column maxima of log φ(K)), and
// φ(K) and φ(Q) rescaled by them, k̃ⱼᵢ = e^(log φ(kⱼᵢ) − cᵢ) and q̃ₜ with largest component 1.
struct LogFeatures {
    Matrix log_phi_Q, log_phi_K;  // (T, d_k), (S, d_k)
    std::vector<double> c;        // (d_k)
    Matrix Q_tilde, K_tilde;      // (T, d_k), (S, d_k)
};
void log_features(const Matrix& Q, const Matrix& K, LogFeatures& features);
// Its two halves: the keys' side (log φ(K), c, K̃), done once per set of keys, and the queries'
// side (log φ(Q), Q̃), which reads c and so comes after; any block of query rows can go alone.
void log_key_features(const Matrix& K, LogFeatures& features);
void log_query_features(const Matrix& Q, LogFeatures& features);

// Global: KV = φ(K)ᵀV, Z = Σⱼ φ(kⱼ), cₜ = φ(qₜ)ᵀKV / φ(qₜ)ᵀZ, summed in rescaled form so that no
// row underflows. It is the two steps below, with the summaries scaled back for the trace.
void linear_attention(const LogFeatures& features, const Matrix& V, Matrix& KV, Matrix& Z, Matrix& context,
                      Scratch& scratch);

// The keys summarised once, in rescaled form: K̃ᵀV (d_k, d_v) and Z̃ = Σⱼ k̃ⱼ (d_k). scratch.work
// holds K̃ᵀ.
struct KeySummary {
    Matrix KV_tilde;
    std::vector<double> z_tilde;
};
void summarise_keys(const LogFeatures& features, const Matrix& V, KeySummary& summary, Scratch& scratch);

// cₜ = q̃ₜᵀ K̃ᵀV / q̃ₜ·Z̃ for every row of Q_tilde (T, d_k); context (T, d_v).
void linear_context(const Matrix& Q_tilde, const KeySummary& summary, Matrix& context, Scratch& scratch);

// Causal: the same with KVₜ = Σ_{j≤t} φ(kⱼ)vⱼᵀ and Zₜ = Σ_{j≤t} φ(kⱼ) (row t of Z_prefix), the key
// scales running over the prefix.
void causal_linear_attention(const LogFeatures& features, const Matrix& V, Matrix& Z_prefix, Matrix& context);

// The equivalent weights wₜⱼ = φ(qₜ)·φ(kⱼ) / Σₖ φ(qₜ)·φ(kₖ) over the keys the mask allows.
void linear_weights(const LogFeatures& features, const Matrix& mask, Matrix& weights, Scratch& scratch);

// ln wₜⱼ of those weights from Q and K themselves, exact where wₜⱼ has underflowed to 0.
double log_linear_weight(const Matrix& Q, const Matrix& K, const Matrix& mask, std::size_t t, std::size_t j);

// [SECTION] Backward
//
// The weights are the masked softmax of the log-kernel κ-scores sₜⱼ = ln φ(qₜ)·φ(kⱼ), and
// cₜ = Σⱼ wₜⱼ vⱼ, so the backward pass runs through them exactly as through the softmax:
//   ∂L/∂sₜⱼ = wₜⱼ (∂L/∂cₜ·vⱼ − ∂L/∂cₜ·cₜ)  (+ the cross-entropy's share),  ∂L/∂V = Wᵀ·∂L/∂C,
//   ∂L/∂φ(qₜᵢ) = Σⱼ ∂L/∂sₜⱼ φ(kⱼᵢ) / κₜⱼ,  ∂L/∂φ(kⱼᵢ) = Σₜ ∂L/∂sₜⱼ φ(qₜᵢ) / κₜⱼ,  κₜⱼ = φ(qₜ)·φ(kⱼ),
//   ∂L/∂x = ∂L/∂φ(x) · φ'(x),  φ'(x) = 1 above 0 and eˣ below.
// φ(x)·∂L/∂φ(x) is taken in the log domain (φ(qₜᵢ)φ(kⱼᵢ)/κₜⱼ from the exponents), so ∂L/∂Q and ∂L/∂K
// are exact where φ underflows; the shown ∂L/∂φ, ∂L/∂KV and ∂L/∂Z are the true values, which may be
// beyond the double range and are then shown as the largest double.

// From ∂L/∂C (dC, or nullptr when the loss reads only the weights) and the cross-entropy of the
// weights (target; dW its "grad.weights", which the share completes): write "grad.KV" and "grad.Z"
// (global) or "grad.Z_prefix" (causal), "grad.log_kernel" (∂L/∂s), "grad.phi_Q", "grad.phi_K",
// "grad.V", "grad.K" and "grad.Q".
HeadGrads write_linear_attention_backward(Trace& trace, StepScope& ids, const Matrix& Q, const Matrix& K,
                                          const Matrix& V, const Matrix* dC, const WeightTarget& target, Matrix* dW,
                                          const Options& options);

}  // namespace attn
