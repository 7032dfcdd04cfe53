// hard_attention.hpp — attending to exactly one key (Xu et al. 2015, §4.1 and §5.2).
//
// Xu's stochastic "hard" attention treats the softmax weights α as a categorical distribution
// over keys and samples one location; its deterministic cousin takes the most likely one. Both
// give one-hot weights, so the context is one value row. The softmax itself is softmax.hpp.
//
// The draw rule, exactly (docs/scenario.md repeats it for readers outside C++ and
// tests/reference reproduces it in NumPy; native and WASM agree because no standard-library
// distribution is involved):
//   state ← seed; for each head in order, for each query row t = 0 … T−1 (empty rows too):
//     state ← state + 0x9E3779B97F4A7C15 (mod 2⁶⁴); z ← mix(state)      (SplitMix64)
//     u_t ← (z >> 11) · 2⁻⁵³                                           (53 bits, in [0, 1))
//     key ← the first j with u_t < α_t0 + … + α_tj (summed in order j = 0, 1, …), or, when
//           rounding leaves u_t ≥ the whole sum, the last j with α_tj > 0.
// mix(z) = z ^= z >> 30, z *= 0xBF58476D1CE4E5B9, z ^= z >> 27, z *= 0x94D049BB133111EB, z ^ (z >> 31).
//
// Shapes: scaled scores, mask, α and weights (T, S); uniforms (1, T).
#pragma once

#include <cstdint>
#include <vector>

#include "tensor.hpp"

namespace attn {

// SplitMix64 (Steele, Lea and Flood 2014), as in Vigna's reference splitmix64.c.
struct SplitMix64 {
    std::uint64_t state;
    std::uint64_t next();  // the next 64 random bits
    double uniform();      // the next u in [0, 1), from the top 53 bits
};

// weights(t, ·) = one-hot at the allowed key with the highest scaled score (the first on ties);
// all zero for a row with no allowed key.
void hard_argmax(const Matrix& scaled, const Matrix& mask, Matrix& weights);

// weights(t, ·) = one-hot at a key drawn from row t of α with one u_t from rng, as above. Empty
// rows still draw (so later rows do not shift) and stay all zero. uniforms(0, t) = u_t.
void hard_sample(const Matrix& alpha, const std::vector<bool>& empty_rows, SplitMix64& rng, Matrix& uniforms,
                 Matrix& weights);

}  // namespace attn
