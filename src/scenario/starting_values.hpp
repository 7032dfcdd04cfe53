// starting_values.hpp — the values new matrices start with, shared by input fitting (fit.cpp) and
// the edits (edit.cpp): identities, constant fills, and seeded draws a learner can read and type.
#pragma once

#include <algorithm>
#include <cmath>

#include "core/hard_attention.hpp"
#include "scenario.hpp"

namespace scenario::detail {

inline bool has(const Scenario& s, const char* name) {
    const auto it = s.matrices.find(name);
    return it != s.matrices.end() && attn::is_present(it->second);
}

// (rows, cols) with ones on the diagonal: a projection that passes its input through.
inline attn::Matrix identity(std::size_t rows, std::size_t cols) {
    attn::Matrix m = xt::zeros<double>({rows, cols});
    for (std::size_t i = 0; i < std::min(rows, cols); ++i) m(i, i) = 1.0;
    return m;
}

inline attn::Matrix filled(std::size_t rows, std::size_t cols, double value) {
    attn::Matrix m = xt::zeros<double>({rows, cols});
    std::fill(m.begin(), m.end(), value);
    return m;
}

// Values from −1 to 1 with two decimals, drawn with rng: distinct, still easy to read and type.
inline attn::Matrix draw(std::size_t rows, std::size_t cols, attn::SplitMix64& rng) {
    attn::Matrix m = xt::zeros<double>({rows, cols});
    for (double& x : m) x = std::round((2.0 * rng.uniform() - 1.0) * 100.0) / 100.0;
    return m;
}

}  // namespace scenario::detail
