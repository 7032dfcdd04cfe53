// step_ids.hpp — the id of every step a trace can hold, written once (docs/trace.md describes
// each). Within a head of multi-head attention the ids carry the prefix "head<i>." (StepScope).
#pragma once

#include <string>
#include <string_view>

namespace attn::step_id {

// [SECTION] Inputs shown as steps, and the form
inline constexpr std::string_view Q = "Q", K = "K", V = "V", X = "X", Y = "Y";
inline constexpr std::string_view W_Q = "W_Q", W_K = "W_K", W_V = "W_V", W_O = "W_O";

// [SECTION] Scores, scale, bias
inline constexpr std::string_view W_a = "W_a", U_a = "U_a", v_a = "v_a";
inline constexpr std::string_view Q_W_a = "Q_W_a", W_a_q = "W_a_q", U_a_k = "U_a_k";
inline constexpr std::string_view W_g = "W_g", a_g = "a_g", W_g_q = "W_g_q", W_g_k = "W_g_k";
inline constexpr std::string_view scores = "scores", scaled = "scaled", bias = "bias", biased = "biased";

// [SECTION] Mask and local-p
inline constexpr std::string_view W_p = "W_p", v_p = "v_p", p = "p", mask = "mask";
inline constexpr std::string_view W_p_q = "W_p_q";  // W_p qₜ, row by row: only its gradient is a step

// [SECTION] Normalise
inline constexpr std::string_view weights = "weights", jacobian_diag = "jacobian_diag";
inline constexpr std::string_view align = "align", gaussian = "gaussian", alpha = "alpha", uniform = "uniform";

// [SECTION] Tiled and linear attention
inline constexpr std::string_view running_max = "running_max", running_sum = "running_sum";
inline constexpr std::string_view phi_Q = "phi_Q", phi_K = "phi_K", KV = "KV", Z = "Z", Z_prefix = "Z_prefix";
inline constexpr std::string_view delta = "delta";  // the tiled backward pass's row sums
inline constexpr std::string_view log_kernel = "log_kernel";  // ln φ(qₜ)·φ(kⱼ): only its gradient is a step

// [SECTION] The context and its use
inline constexpr std::string_view context = "context", output = "output";
inline constexpr std::string_view H = "H", W_c = "W_c", concat = "concat", attentional = "attentional";

// [SECTION] The loss; each gradient is "grad." and the id of its step, e.g. "grad.head0.weights"
inline constexpr std::string_view target_weights = "target_weights", target_output = "target_output", loss = "loss";
inline constexpr std::string_view grad = "grad.";
inline std::string grad_of(std::string_view id) { return std::string(grad).append(id); }

}  // namespace attn::step_id
