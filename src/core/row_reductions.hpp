// row_reductions.hpp — the sum and the largest of n values, in four interleaved partial results.
//
// A single running sum makes every addition wait for the previous one (3–4 cycles each); four
// independent ones overlap, and the compiler may pair them into SIMD. The sum is then rounded
// in another order than left to right, a few ulp at most; the maximum is exact in any order.
// term(j) gives the j-th value, so a row can be read through a mask or a formula.
#pragma once

#include <algorithm>
#include <cstddef>

namespace attn {

// Σ term(j) over j in [0, n).
template <typename Term>
double sum_of(std::size_t n, Term term) {
    double partial[4] = {0.0, 0.0, 0.0, 0.0};
    std::size_t j = 0;
    for (; j + 4 <= n; j += 4)
        for (std::size_t i = 0; i < 4; ++i) partial[i] += term(j + i);
    for (; j < n; ++j) partial[0] += term(j);
    return (partial[0] + partial[1]) + (partial[2] + partial[3]);
}

// The largest of floor and every term(j), j in [0, n). A compare-and-select per value, never a
// branch, so random data costs no mispredictions.
template <typename Term>
double max_of(std::size_t n, double floor, Term term) {
    double partial[4] = {floor, floor, floor, floor};
    std::size_t j = 0;
    for (; j + 4 <= n; j += 4)
        for (std::size_t i = 0; i < 4; ++i) {
            const double x = term(j + i);
            partial[i] = partial[i] < x ? x : partial[i];
        }
    for (; j < n; ++j) {
        const double x = term(j);
        partial[0] = partial[0] < x ? x : partial[0];
    }
    return std::max(std::max(partial[0], partial[1]), std::max(partial[2], partial[3]));
}

}  // namespace attn
