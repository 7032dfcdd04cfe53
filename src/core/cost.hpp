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

// [SECTION] Kernels

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
// weights; tiled one tile of B scores and the running max m and sum ℓ of every query (which
// FlashAttention keeps for its backward pass); linear the d × d summary φ(K)ᵀV and Σ φ(k).
double working_bytes(Algorithm algorithm, std::size_t n, std::size_t d, std::size_t B);

// [SECTION] A sweep over sizes, a slice at a time

inline constexpr Algorithm kCostAlgorithms[] = {Algorithm::standard, Algorithm::tiled, Algorithm::linear};

struct CostPoint {
    Algorithm algorithm;
    std::size_t n;
    double ms;     // time of one pass: prepare_cost_run and attend_rows over all rows (mean of the runs)
    double bytes;  // working_bytes
};

// Every algorithm at every size, in order; step_cost_sweep advances it. Owns its inputs.
struct CostSweep {
    std::vector<std::size_t> sizes;  // n, in order
    std::size_t width = 64, tile = 64;  // d and B of every run
    std::vector<CostPoint> points;   // measured so far
    bool running = false;
    // The run in progress: which size and algorithm, the next query row, and its time so far.
    std::size_t size_index = 0, algorithm_index = 0, next_row = 0;
    int runs = 0;                    // short runs repeat until their total is measurable
    double elapsed_ms = 0.0, total_ms = 0.0;
    Matrix Q, K, V, out;
    CostScratch scratch;
};

// A sweep ready to run over `sizes` with width d and tile B.
CostSweep start_cost_sweep(std::vector<std::size_t> sizes, std::size_t d, std::size_t B);

// Run slices of query rows until `budget_ms` is spent (at least one slice) or the sweep is done;
// returns whether it is still running. A slice takes a millisecond or two, so a caller can spread a sweep over frames.
// A run shorter than a clock can resolve repeats, and its point is the mean.
bool step_cost_sweep(CostSweep& sweep, double budget_ms);

}  // namespace attn
