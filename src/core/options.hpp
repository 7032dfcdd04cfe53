// options.hpp — the composable choices that make up an attention variant, and its inputs.
//
// A variant is a path through the same pipeline:
//   form Q, K, V → score → scale / temperature → bias → mask → normalise → combine values → use context.
// Each enum below is one of those choices, so a learner can change one and see only its effect.
// Inputs carry every matrix under its paper's name; a variant reads only the ones it needs.
// choices.hpp describes each value of each choice; read attention.hpp next.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "tensor.hpp"

namespace attn {

// [SECTION] Choices

// How Q, K, V are formed.
enum class Form {
    plain,       // Q, K, V given directly
    self,        // Q = X·W_Q, K = X·W_K, V = X·W_V
    cross,       // Q = X·W_Q from one sequence; K = Y·W_K, V = Y·W_V from another
    multi_head,  // n_h heads, each with its own slice of W_Q, W_K, W_V; concatenated, then ·W_O.
                 // Self-attention over X, or cross-attention when Y is given (Vaswani 2017, §3.2.2)
};

// How a query meets a key.
enum class Score {
    dot,         // s = q·k                                        (Luong 2015, "dot")
    scaled_dot,  // s = q·k / √d_k                                 (Vaswani 2017, eq. 1)
    general,     // s = qᵀ W_a k                                   (Luong 2015, "general")
    additive,    // s = v_aᵀ tanh(W_a q + U_a k)                   (Bahdanau 2015)
    graph,       // s = LeakyReLU(a_gᵀ[W_g q ‖ W_g k])              (Veličković 2018, graph attention)
};

// A term added to the scaled scores by position, before the mask.
enum class ScoreBias {
    none,   // the scores as they are
    alibi,  // −m_h·|t − j|, slopes m_h = 2^(−8h/n_h) for heads h = 1 … n_h (Press 2022, ALiBi)
};

// Which keys each query may see.
enum class Mask {
    none,            // global attention
    causal,          // key j ≤ query t (decoder self-attention)
    padding,         // key j < key_length (variable-length batches)
    local_m,         // Luong local-m: |j − t| ≤ window
    local_p,         // Luong local-p: window around a predicted p_t, Gaussian σ = window/2
    sliding_window,  // causal and t − j < window
    strided,         // Child 2019: t − j < stride, or (t − j) mod stride = 0 (causal)
    fixed,           // Child 2019: same block of size stride, or j is a block's last "summary" column
    custom,          // the user's own (T, S) 0/1 matrix `mask`
};

// How scores become weights.
enum class Normalise {
    softmax,      // w = e^(s − max) / Σ e^(s − max)
    hard_argmax,  // one-hot at the highest score (Xu 2015, deterministic)
    hard_sample,  // one-hot at a key drawn from softmax(s) with `seed` (Xu 2015, stochastic)
};

// How the weighted sum is computed.
enum class Algorithm {
    standard,  // materialise the scores, then softmax, then W·V
    tiled,     // FlashAttention-style online softmax over key tiles of size `tile`
    linear,    // φ(Q)·(φ(K)ᵀV), φ(x) = elu(x) + 1 (Katharopoulos 2020)
};

// What the context vector is used for, after the weighted sum.
enum class ContextUse {
    none,               // stop at c
    concat_tanh,        // h̃ = tanh(W_c [c; h]) (Luong 2015, attentional vector)
    add,                // c + h (same width)
    output_projection,  // c·W_O (the Transformer's output projection)
};

// What the backward pass differentiates (backward.hpp); O is the final output, W the weights.
enum class Loss {
    none,           // no backward pass
    upstream,       // L = Σ dO ⊙ O: the gradient dO of the final output is given
    cross_entropy,  // L = −Σₜⱼ yₜⱼ ln wₜⱼ: the weights against target weights y ("look here")
    squared_error,  // L = ½ Σ (O − O*)²: the output against a target output O*
};

// [SECTION] Options and inputs

struct Options {
    Form form = Form::plain;
    Score score = Score::scaled_dot;
    double temperature = 1.0;  // τ > 0: scores are divided by τ before normalising
    ScoreBias bias = ScoreBias::none;
    Mask mask = Mask::none;
    int window = 2;            // D: the half-width for local-m / local-p, the width for sliding_window
    int stride = 2;            // ℓ for the strided / fixed sparse patterns
    std::vector<int> key_lengths;  // padding: valid keys L_t for each query row (one value = all rows)
    Normalise normalise = Normalise::softmax;
    std::uint64_t seed = 1;    // hard_sample's random stream (hard_attention.hpp gives the draw rule)
    Algorithm algorithm = Algorithm::standard;
    int tile = 4;              // B, keys per tile for Algorithm::tiled
    int heads = 1;             // H for Form::multi_head
    ContextUse use = ContextUse::none;
    Loss loss = Loss::none;
};

// Every input value must be finite with |x| ≤ kMaxAbsInput. Within that bound every step of every
// variant stays finite in double precision (the longest product chain, X·W_Q·(X·W_K)ᵀ·…·W_O, stays
// far below 1e308).
inline constexpr double kMaxAbsInput = 1e30;
// The temperature's range, for the same reason: scores divided by τ stay finite.
inline constexpr double kMinTemperature = 1e-6;
inline constexpr double kMaxTemperature = 1e6;

// Every matrix under its paper's name; a variant reads only the ones it needs and ignores the rest.
// Orientation follows each paper: the Transformer's W_Q, W_K, W_V, W_O multiply row vectors on the
// right (Q = X·W_Q); Luong's and Bahdanau's W_a, U_a, W_p, W_c multiply column vectors on the left
// (W_a·q), so their shapes read (out, in).
struct Inputs {
    Matrix Q, K, V;          // plain: Q (T, d_k), K (S, d_k), V (S, d_v)
    Matrix X, Y;             // self / multi-head: X (T, d); cross: X (T, d), Y (S, d_y)
    Matrix W_Q, W_K, W_V;    // (d, d_k), (d_y, d_k), (d_y, d_v); multi-head: (d, n_h·d_k), … split by column
    Matrix W_O;              // multi-head: (n_h·d_v, d_o); output_projection: (d_v, d_o)
    Matrix W_a;              // general: (d_k of Q, d_k of K); additive: (d_a, d_k of Q)
    Matrix U_a;              // additive: (d_a, d_k of K)
    Vector v_a;              // additive: (d_a)
    Matrix W_g;              // graph: (d_a, d_k), one projection shared by query and key
    Vector a_g;              // graph: (d_a + d_a), the query's half then the key's
    Matrix W_p;              // local-p: (d_p, d_k of Q)
    Vector v_p;              // local-p: (d_p)
    Matrix W_c;              // concat_tanh: (d_o, d_v + d_h)
    Matrix H_dec;            // decoder states h_t for concat_tanh: (T, d_h); for add: (T, d_v)
    Matrix mask;             // custom: (T, S), 1 = may attend, 0 = masked
    Matrix dO;               // loss upstream: ∂L/∂O, the final output's shape
    Matrix target_weights;   // loss cross_entropy: y (T, S), where each query should look
    Matrix target_output;    // loss squared_error: O*, the final output's shape
};

// Every input under its name in JSON and in the descriptors' reads (choices.hpp), in teaching
// order. "H" is H_dec, the decoder states; v_a, a_g and v_p are vectors.
struct InputField {
    std::string_view name;
    Matrix Inputs::*matrix;  // null for a vector
    Vector Inputs::*vector;  // null for a matrix
};
inline const InputField kInputFields[] = {
    {"Q", &Inputs::Q, nullptr},     {"K", &Inputs::K, nullptr},     {"V", &Inputs::V, nullptr},
    {"X", &Inputs::X, nullptr},     {"Y", &Inputs::Y, nullptr},     {"W_Q", &Inputs::W_Q, nullptr},
    {"W_K", &Inputs::W_K, nullptr}, {"W_V", &Inputs::W_V, nullptr}, {"W_O", &Inputs::W_O, nullptr},
    {"W_a", &Inputs::W_a, nullptr}, {"U_a", &Inputs::U_a, nullptr}, {"v_a", nullptr, &Inputs::v_a},
    {"W_g", &Inputs::W_g, nullptr}, {"a_g", nullptr, &Inputs::a_g},
    {"W_p", &Inputs::W_p, nullptr}, {"v_p", nullptr, &Inputs::v_p}, {"W_c", &Inputs::W_c, nullptr},
    {"H", &Inputs::H_dec, nullptr}, {"mask", &Inputs::mask, nullptr}, {"dO", &Inputs::dO, nullptr},
    {"target_weights", &Inputs::target_weights, nullptr}, {"target_output", &Inputs::target_output, nullptr},
};

// Whether an optional input is there: it holds at least one number. An empty matrix, (0, n) or
// (n, 0) as JSON's [] and [[]] give, counts as absent everywhere: validation, limits, labels.
inline bool is_present(const Matrix& m) { return m.size() > 0; }

}  // namespace attn
