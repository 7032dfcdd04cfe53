// diagnostics.hpp — per-row summaries of the final weights: how focused is each query?
//
// Read off the weights the variant produced (trace.hpp's RowDiagnostics lists the fields): the
// entropy, the largest weight and its key, how many keys hold 90 % of the mass, and the
// softmax's gradient magnitude, which collapses when scores are large and the softmax saturates.
//
// Shapes: weights, scaled scores and probabilities (T, S); rows has T entries.
#pragma once

#include <vector>

#include "trace.hpp"

namespace attn {

// Fill rows (resized to T) from the weights: entropy, max_weight, argmax, keys_for_90 and the
// empty flags; jacobian_norm is set to 0 (add_jacobian_norms adds it). When the weights are the
// masked softmax of `scaled`, pass it: the entropy then costs one log per row instead of one per
// key. Otherwise pass nullptr.
void compute_diagnostics(const Matrix& weights, const std::vector<bool>& empty_rows, std::vector<RowDiagnostics>& rows,
                         const Matrix* scaled, Scratch& scratch);

// rows[t].jacobian_norm += share · ‖J‖_F of row t of a softmax (softmax.hpp). Multi-head
// attention adds each head's with share 1/n_h, giving the mean over heads.
void add_jacobian_norms(const Matrix& probabilities, double share, std::vector<RowDiagnostics>& rows);

// The fewest of the n weights w ≥ 0 (summing to total, the largest being heaviest) whose sum
// reaches target < total, taking the heaviest first: the same count as sorting w in decreasing
// order and adding until the target is met, in O(n).
std::size_t keys_for_mass(const double* w, std::size_t n, double total, double heaviest, double target,
                          Scratch& scratch);

// The plain version keys_for_mass must equal (tests/core/test_plain.cpp): sort a copy of w in
// decreasing order and add until the sum reaches target.
std::size_t keys_for_mass_plain(const double* w, std::size_t n, double target);

// The same by selection, for a few candidates: reorders w[0, n).
std::size_t count_heaviest(double* w, std::size_t n, double target);

}  // namespace attn
