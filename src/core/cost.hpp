// cost.hpp — how time and memory grow with the sequence length n, for the Cost panel.
//
// The explorer's trace keeps every (T, S) step so the learner can see it, which makes every
// algorithm look quadratic. A cost run calls the same kernels the trace does, but keeps only the
// output and works through the queries a block of rows at a time, so the Cost panel can show the
// seeds' main limitation — standard attention's n² — beside the tiled and linear forms:
//   standard: the block's scores Q·Kᵀ (rows × S), scale_scores, masked_softmax, times V;
//   tiled:    the same scaled scores through online_softmax_attention, B keys per tile;
//   linear:   the keys summarised once (summarise_keys), then each block's queries alone
//             (log_query_features, linear_context).
// There is no mask and no temperature: scaled dot-product scores, as in Vaswani 2017. The tiled
// kernel reads its scores from a materialised block, as in the trace: its time is FlashAttention's
// arithmetic, and its memory is the algorithm's, read off its shapes (working_bytes).
//
// Shapes: Q (T, d), K (S, d), V (S, d_v), out (T, d_v); a block of rows r: scores (r, S).
#pragma once

#include <vector>

#include "linear_attention.hpp"
#include "options.hpp"
#include "scratch.hpp"

namespace attn {

// [SECTION] Kernels

// What one run keeps between its blocks, and between runs, so a rerun at the same sizes
// allocates nothing. prepare_cost_run fills the part computed once.
struct CostRun {
    Matrix K_t;             // standard, tiled: Kᵀ (d, S), so a block's scores are one product
    LogFeatures features;   // linear: the keys' side, then the block's queries' side
    KeySummary summary;     // linear: K̃ᵀV and Z̃
    Matrix Q_rows, scores, scaled, allowed, weights, running_max, running_sum, context;  // one block
    std::vector<bool> empty_rows;
    Scratch scratch;
};

// The part of a run done once before the rows: Kᵀ, or linear attention's key summaries.
void prepare_cost_run(Algorithm algorithm, const Matrix& K, const Matrix& V, CostRun& run);

// Output rows [t0, t1) of `algorithm` (B = keys per tile for tiled). out must be (T, d_v).
void attend_rows(Algorithm algorithm, const Matrix& Q, const Matrix& K, const Matrix& V, std::size_t t0,
                 std::size_t t1, std::size_t B, CostRun& run, Matrix& out);

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
    CostRun run;
};

// A sweep ready to run over `sizes` with width d and tile B.
CostSweep start_cost_sweep(std::vector<std::size_t> sizes, std::size_t d, std::size_t B);

// Run slices of query rows until `budget_ms` is spent (at least one slice) or the sweep is done;
// returns whether it is still running. A slice takes a millisecond or two, so a caller can spread a sweep over frames.
// A run shorter than a clock can resolve repeats, and its point is the mean.
bool step_cost_sweep(CostSweep& sweep, double budget_ms);

}  // namespace attn
