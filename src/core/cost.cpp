// cost.cpp — the trace's kernels, a block of query rows at a time, for measuring cost. See cost.hpp.
#include "cost.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "hard_attention.hpp"  // SplitMix64, the sweep's inputs
#include "linear_attention.hpp"
#include "matmul.hpp"
#include "scores.hpp"
#include "softmax.hpp"
#include "tiled_attention.hpp"

namespace attn {

namespace {

// m shaped (rows, cols); a block of the same size as the last keeps its storage. Returns
// whether it was reshaped (its contents are then undefined).
bool shape(Matrix& m, std::size_t rows, std::size_t cols) {
    if (m.dimension() == 2 && m.shape(0) == rows && m.shape(1) == cols) return false;
    m.resize({rows, cols});
    return true;
}

// The block's scaled scores s'ₜⱼ = qₜ·kⱼ / √d (rows, S) into run.scaled, and an all-ones mask.
void scaled_scores(const Matrix& Q, std::size_t t0, std::size_t rows, CostRun& run) {
    const std::size_t d = Q.shape(1), S = run.K_t.shape(1);
    shape(run.scores, rows, S);
    shape(run.scaled, rows, S);
    if (shape(run.allowed, rows, S)) run.allowed.fill(1.0);
    matmul_strided(rows, d, S, &Q(t0, 0), d, run.K_t.data(), S, run.scores.data(), S, run.scratch);
    scale_scores(run.scores, std::sqrt(static_cast<double>(d)), run.scaled);
}

// The block's context rows into rows [t0, t0 + rows) of out.
void copy_rows(const Matrix& block, std::size_t t0, Matrix& out) {
    std::copy(block.data(), block.data() + block.size(), &out(t0, 0));
}

}  // namespace

void prepare_cost_run(Algorithm algorithm, const Matrix& K, const Matrix& V, CostRun& run) {
    if (algorithm == Algorithm::linear) {
        // log φ(K) and its scales, then K̃ᵀV and Z̃: summed over the keys once (eq. 5–6).
        log_key_features(K, run.features);
        summarise_keys(run.features, V, run.summary, run.scratch);
        return;
    }
    const std::size_t S = K.shape(0), d = K.shape(1);
    shape(run.K_t, d, S);
    for (std::size_t j = 0; j < S; ++j)
        for (std::size_t i = 0; i < d; ++i) run.K_t(i, j) = K(j, i);
}

// Q: (T, d)  K: (S, d)  V: (S, d_v)  out: (T, d_v)
void attend_rows(Algorithm algorithm, const Matrix& Q, const Matrix& K, const Matrix& V, std::size_t t0,
                 std::size_t t1, std::size_t B, CostRun& run, Matrix& out) {
    const std::size_t S = K.shape(0), d = Q.shape(1), d_v = V.shape(1), rows = t1 - t0;
    switch (algorithm) {
        case Algorithm::standard:  // the whole (rows, S) block of weights: the n² memory, a block at a time
            scaled_scores(Q, t0, rows, run);
            shape(run.weights, rows, S);
            masked_softmax(run.scaled, run.allowed, run.weights, run.empty_rows);
            matmul_strided(rows, S, d_v, run.weights.data(), S, V.data(), d_v, &out(t0, 0), d_v, run.scratch);
            return;
        case Algorithm::tiled: {  // a running max and sum per query, B keys at a time
            scaled_scores(Q, t0, rows, run);
            const std::size_t n_b = (S + B - 1) / B;
            shape(run.running_max, n_b, rows);
            shape(run.running_sum, n_b, rows);
            shape(run.context, rows, d_v);
            online_softmax_attention(run.scaled, run.allowed, V, B, run.running_max, run.running_sum, run.context,
                                     run.empty_rows);
            copy_rows(run.context, t0, out);
            return;
        }
        case Algorithm::linear:  // cₜ = q̃ₜᵀ K̃ᵀV / q̃ₜ·Z̃: no loop over keys at all
            shape(run.Q_rows, rows, d);
            std::copy(&Q(t0, 0), &Q(t0, 0) + rows * d, run.Q_rows.data());
            log_query_features(run.Q_rows, run.features);
            shape(run.context, rows, d_v);
            linear_context(run.features.Q_tilde, run.summary, run.context, run.scratch);
            copy_rows(run.context, t0, out);
            return;
    }
}

double working_bytes(Algorithm algorithm, std::size_t n, std::size_t d, std::size_t B) {
    const double N = static_cast<double>(n), D = static_cast<double>(d), b = static_cast<double>(std::min(B, n));
    constexpr double kBytes = sizeof(double);
    switch (algorithm) {
        case Algorithm::standard: return kBytes * N * N;          // the n × n weights
        case Algorithm::tiled: return kBytes * (b + 2.0 * N);      // a tile of scores, m and ℓ per query
        case Algorithm::linear: return kBytes * (D * D + D);      // φ(K)ᵀV and Σ φ(k)
    }
    return 0.0;
}

// [SECTION] The sweep

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

// Rows per slice × keys: a slice takes a millisecond or two at any n.
constexpr double kSliceWork = 1 << 16;
// Browsers' clocks tick in 0.1 ms: a short run repeats until its runs add up to this much.
constexpr double kMeasurableMs = 2.0;
constexpr int kMaxRuns = 1000;

}  // namespace

CostSweep start_cost_sweep(std::vector<std::size_t> sizes, std::size_t d, std::size_t B) {
    CostSweep sweep;
    sweep.sizes = std::move(sizes);
    sweep.width = d;
    sweep.tile = B;
    sweep.running = !sweep.sizes.empty();
    return sweep;
}

bool step_cost_sweep(CostSweep& sweep, double budget_ms) {
    const Clock::time_point start_of_step = Clock::now();
    // At least one slice per call, so any budget makes progress.
    for (bool first = true; sweep.running && (first || ms_since(start_of_step) < budget_ms); first = false) {
        const std::size_t n = sweep.sizes[sweep.size_index], d = sweep.width;
        const Algorithm algorithm = kCostAlgorithms[sweep.algorithm_index];
        if (sweep.next_row == 0) {  // a new run: inputs once per point (not timed), the once-only part (timed)
            if (sweep.runs == 0) {
                SplitMix64 rng{n};
                for (Matrix* m : {&sweep.Q, &sweep.K, &sweep.V}) {
                    *m = xt::zeros<double>({n, d});
                    for (double& x : *m) x = 2.0 * rng.uniform() - 1.0;
                }
                sweep.out = xt::zeros<double>({n, d});
            }
            const Clock::time_point start = Clock::now();
            prepare_cost_run(algorithm, sweep.K, sweep.V, sweep.run);
            sweep.elapsed_ms = ms_since(start);
        }
        const std::size_t rows = std::max<std::size_t>(1, static_cast<std::size_t>(kSliceWork / static_cast<double>(n)));
        const std::size_t t1 = std::min(n, sweep.next_row + rows);
        const Clock::time_point start = Clock::now();
        attend_rows(algorithm, sweep.Q, sweep.K, sweep.V, sweep.next_row, t1, sweep.tile, sweep.run, sweep.out);
        sweep.elapsed_ms += ms_since(start);
        sweep.next_row = t1;
        if (t1 < n) continue;
        sweep.next_row = 0;
        sweep.total_ms += sweep.elapsed_ms;
        if (++sweep.runs < kMaxRuns && sweep.total_ms < kMeasurableMs) continue;  // run it again
        sweep.points.push_back({algorithm, n, sweep.total_ms / sweep.runs, working_bytes(algorithm, n, d, sweep.tile)});
        sweep.runs = 0;
        sweep.total_ms = 0.0;
        if (++sweep.algorithm_index == std::size(kCostAlgorithms)) {
            sweep.algorithm_index = 0;
            sweep.running = ++sweep.size_index < sweep.sizes.size();
        }
    }
    return sweep.running;
}

}  // namespace attn
