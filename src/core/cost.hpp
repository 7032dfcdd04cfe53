// cost.hpp — how time and memory grow with the sequence length n, for the Cost panel.
//
// The explorer's trace keeps every (T, S) step so the learner can see it, which makes every
// algorithm look quadratic. These kernels compute only the output, each the way its algorithm
// does, so the Cost panel can show the seeds' main limitation — standard attention's n² — beside
// the tiled and linear forms:
//   standard: a block of score rows Q·Kᵀ (rows × S), softmax, times V;
//   tiled:    per query, keys in tiles of B with a running max and sum (tiled_attention.hpp);
//   linear:   φ(K)ᵀV and Σ φ(k) once, then each query alone (linear_attention.hpp).
// Each computes query rows [t0, t1) of the output, so a long run can be spread over frames. There
// is no mask and no temperature: scaled dot-product scores, as in Vaswani 2017.
//
// Shapes: Q (T, d), K (S, d), V (S, d_v), out (T, d_v).
#pragma once

#include <vector>

#include "options.hpp"

namespace attn {

// Working memory shared by the slices of one run; prepare_cost_run fills what is computed once.
struct CostScratch {
    Matrix K_t;                  // Kᵀ (d, S): standard and tiled read keys column-wise
    Matrix phi_KV;               // linear: φ(K)ᵀV (d, d_v)
    std::vector<double> phi_Z;   // linear: Σⱼ φ(kⱼ) (d)
    std::vector<double> block;   // standard: a block of score rows; tiled: one tile's scores
};

// The part of a run done once before the rows: Kᵀ, or linear attention's key summaries.
void prepare_cost_run(Algorithm algorithm, const Matrix& K, const Matrix& V, CostScratch& scratch);

// Output rows [t0, t1) of `algorithm` (B = keys per tile for tiled). out must be (T, d_v).
void attend_rows(Algorithm algorithm, const Matrix& Q, const Matrix& K, const Matrix& V, std::size_t t0,
                 std::size_t t1, std::size_t B, CostScratch& scratch, Matrix& out);

// The algorithm's own working memory in bytes for n queries and n keys of width d (values of
// width d too), beyond its inputs and output, read off its shapes: standard holds the n × n
// weights; tiled a B × B block of scores and a running max and sum per query; linear the d × d
// summary φ(K)ᵀV and Σ φ(k).
double working_bytes(Algorithm algorithm, std::size_t n, std::size_t d, std::size_t B);

}  // namespace attn
