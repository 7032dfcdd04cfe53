// options.hpp — the composable choices that make up an attention variant, and its inputs.
//
// A variant is a path through the same pipeline:
//   form Q, K, V → score → scale / temperature → mask → normalise → combine values → use context.
// Each enum below is one of those choices, so a learner can change one and see only its effect.
// Inputs carry every matrix under its paper's name; a variant reads only the ones it needs.
// Read attention.hpp next.
#pragma once

#include <cstdint>
#include <vector>

#include "tensor.hpp"

namespace attn {

// [SECTION] Choices

// How Q, K, V are formed.
enum class Form {
    plain,       // Q, K, V given directly
    self,        // Q = X·W_Q, K = X·W_K, V = X·W_V
    cross,       // Q = X·W_Q from one sequence; K = Y·W_K, V = Y·W_V from another
    multi_head,  // self-attention with H heads, concatenated and projected by W_O
};

// How a query meets a key.
enum class Score {
    dot,         // s = q·k                                        (Luong 2015, "dot")
    scaled_dot,  // s = q·k / √d_k                                 (Vaswani 2017, eq. 1)
    general,     // s = qᵀ W_a k                                   (Luong 2015, "general")
    additive,    // s = v_aᵀ tanh(W_a q + U_a k)                   (Bahdanau 2015)
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
    standard,  // materialise S, then softmax, then W·V
    tiled,     // FlashAttention-style online softmax over key tiles of size `tile`
    linear,    // φ(Q)·(φ(K)ᵀV), φ(x) = elu(x) + 1 (Katharopoulos 2020)
};

// What the context vector is used for, after the weighted sum.
enum class ContextUse {
    none,               // stop at c
    concat_tanh,        // h̃ = tanh(W_c [c; h]) (Luong 2015, attentional vector)
    add,                // c + h
    output_projection,  // c·W_O (the Transformer's output projection)
};

// [SECTION] Options and inputs

struct Options {
    Form form = Form::plain;
    Score score = Score::scaled_dot;
    double temperature = 1.0;  // τ > 0: scores are divided by τ before normalising
    Mask mask = Mask::none;
    int window = 2;            // D for local-m / local-p, width for sliding_window
    int stride = 2;            // for strided / fixed sparse patterns
    std::vector<int> key_lengths;  // padding: valid keys for each query row (one value = all rows)
    Normalise normalise = Normalise::softmax;
    std::uint64_t seed = 1;    // hard_sample's random draw
    Algorithm algorithm = Algorithm::standard;
    int tile = 4;              // B, keys per tile for Algorithm::tiled
    int heads = 1;             // H for Form::multi_head
    ContextUse use = ContextUse::none;
};

// Shapes are listed with the variant that reads them; unused ones stay empty.
struct Inputs {
    Matrix Q, K, V;          // plain: Q (T, d_k), K (S, d_k), V (S, d_v)
    Matrix X, Y;             // self/multi-head: X (T, d); cross: X (T, d), Y (S, d)
    Matrix W_Q, W_K, W_V;    // (d, d_k), (d, d_k), (d, d_v); multi-head: (d, H·d_k) split by column
    Matrix W_O;              // (H·d_v, d) for multi-head or output_projection
    Matrix W_a;              // general: (d_k, d_k); additive: (d_a, d_k)
    Matrix U_a;              // additive: (d_a, d_k)
    Vector v_a;              // additive: (d_a)
    Matrix W_p;              // local-p: (d_p, d_k)
    Vector v_p;              // local-p: (d_p)
    Matrix W_c;              // concat_tanh: (d_v + d_h, d_h)... see ContextUse
    Matrix H_dec;            // decoder states h for concat_tanh / add: (T, d_h)
    Matrix mask;             // custom: (T, S), 1 = may attend, 0 = masked
};

}  // namespace attn
