// helpers.hpp — small tools shared by the core tests: reading steps, random matrices, differences.
//
// Random test data comes from the core's own SplitMix64, so it is the same natively and in WASM.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/attention.hpp"
#include "core/hard_attention.hpp"

namespace test {

// The step with this id; fails the test when it is missing.
inline const attn::Matrix& step(const attn::Trace& trace, const std::string& id) {
    const attn::Step* s = trace.find(id);
    INFO("variant: " << trace.variant << ", step id: " << id);
    REQUIRE(s != nullptr);
    return s->value;
}

// A (rows, cols) matrix of values uniform in [lo, hi).
inline attn::Matrix random_matrix(attn::SplitMix64& rng, std::size_t rows, std::size_t cols, double lo = -1.0,
                                  double hi = 1.0) {
    attn::Matrix m = xt::zeros<double>({rows, cols});
    for (double& x : m) x = lo + (hi - lo) * rng.uniform();
    return m;
}

inline attn::Vector random_vector(attn::SplitMix64& rng, std::size_t n) {
    attn::Vector v = xt::zeros<double>({n});
    for (double& x : v) x = -1.0 + 2.0 * rng.uniform();
    return v;
}

// Random inputs for self-attention over T tokens of width d, projected to width d (split into heads
// by Options::heads) and by W_O to width d_o; drawn in the order X, W_Q, W_K, W_V, W_O.
inline attn::Inputs self_attention_inputs(attn::SplitMix64& rng, std::size_t T, std::size_t d, std::size_t d_o) {
    attn::Inputs in;
    in.X = random_matrix(rng, T, d);
    in.W_Q = random_matrix(rng, d, d);
    in.W_K = random_matrix(rng, d, d);
    in.W_V = random_matrix(rng, d, d);
    in.W_O = random_matrix(rng, d, d_o);
    return in;
}

// max |a − b| over all entries; infinity when the shapes differ.
inline double max_abs_diff(const attn::Matrix& a, const attn::Matrix& b) {
    if (a.shape(0) != b.shape(0) || a.shape(1) != b.shape(1)) return INFINITY;
    double worst = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::fabs(a.data()[i] - b.data()[i]));
    return worst;
}

// C = A·B by the textbook triple loop, as an independent check of the core's products.
inline attn::Matrix naive_product(const attn::Matrix& A, const attn::Matrix& B) {
    attn::Matrix C = xt::zeros<double>({A.shape(0), B.shape(1)});
    for (std::size_t i = 0; i < A.shape(0); ++i)
        for (std::size_t j = 0; j < B.shape(1); ++j)
            for (std::size_t p = 0; p < A.shape(1); ++p) C(i, j) += A(i, p) * B(p, j);
    return C;
}

// Columns [c0, c0 + n) of M.
inline attn::Matrix columns(const attn::Matrix& M, std::size_t c0, std::size_t n) {
    attn::Matrix out = xt::zeros<double>({M.shape(0), n});
    for (std::size_t r = 0; r < M.shape(0); ++r)
        for (std::size_t c = 0; c < n; ++c) out(r, c) = M(r, c0 + c);
    return out;
}

}  // namespace test
