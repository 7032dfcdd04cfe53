// cost.cpp — output-only attention for measuring cost. See cost.hpp.
#include "cost.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "simd_math.hpp"
#include "hard_attention.hpp"
#include "linear_attention.hpp"
#include "matmul.hpp"

namespace attn {

void prepare_cost_run(Algorithm algorithm, const Matrix& K, const Matrix& V, CostScratch& scratch) {
    const std::size_t S = K.shape(0), d = K.shape(1), d_v = V.shape(1);
    if (algorithm == Algorithm::linear) {
        // φ(K)ᵀV and Σ φ(k): summed over the keys once, then every query reads them (eq. 5–6).
        Matrix phi_K = xt::zeros<double>({S, d});
        elu_feature_map(K, phi_K);
        scratch.phi_KV = xt::zeros<double>({d, d_v});
        scratch.phi_Z.assign(d, 0.0);
        for (std::size_t j = 0; j < S; ++j)
            for (std::size_t i = 0; i < d; ++i) {
                scratch.phi_Z[i] += phi_K(j, i);
                for (std::size_t c = 0; c < d_v; ++c) scratch.phi_KV(i, c) += phi_K(j, i) * V(j, c);
            }
        return;
    }
    scratch.K_t = xt::zeros<double>({d, S});
    for (std::size_t j = 0; j < S; ++j)
        for (std::size_t i = 0; i < d; ++i) scratch.K_t(i, j) = K(j, i);
}

// Q: (T, d)  K: (S, d)  V: (S, d_v)  out: (T, d_v)
void attend_rows(Algorithm algorithm, const Matrix& Q, const Matrix& K, const Matrix& V, std::size_t t0,
                 std::size_t t1, std::size_t B, CostScratch& scratch, Matrix& out) {
    const std::size_t S = K.shape(0), d = Q.shape(1), d_v = V.shape(1), rows = t1 - t0;
    const double scale = 1.0 / std::sqrt(static_cast<double>(d));
    switch (algorithm) {
        case Algorithm::standard: {
            // The whole row block of scores, (rows, S): the n² memory, a block at a time.
            scratch.block.resize(rows * S);
            double* s = scratch.block.data();
            matmul_strided(rows, d, S, &Q(t0, 0), d, scratch.K_t.data(), S, s, S);
            for (std::size_t r = 0; r < rows; ++r) {
                double* s_r = s + r * S;
                double max_r = -std::numeric_limits<double>::infinity();
                for (std::size_t j = 0; j < S; ++j) max_r = std::max(max_r, s_r[j] * scale);
                double sum_r = 0.0;
                for (std::size_t j = 0; j < S; ++j) sum_r += (s_r[j] = exp_nonpositive(s_r[j] * scale - max_r));
                for (std::size_t j = 0; j < S; ++j) s_r[j] /= sum_r;
            }
            matmul_strided(rows, S, d_v, s, S, V.data(), d_v, &out(t0, 0), d_v);
            return;
        }
        case Algorithm::tiled: {
            // One query at a time, one tile of B scores at a time (tiled_attention.hpp explains
            // the running max m and sum ℓ).
            scratch.block.resize(B);
            for (std::size_t t = t0; t < t1; ++t) {
                double* o_t = &out(t, 0);
                std::fill(o_t, o_t + d_v, 0.0);
                double m = -std::numeric_limits<double>::infinity(), l = 0.0;
                for (std::size_t j0 = 0; j0 < S; j0 += B) {
                    const std::size_t width = std::min(B, S - j0);
                    double* s = scratch.block.data();
                    matmul_strided(1, d, width, &Q(t, 0), d, scratch.K_t.data() + j0, S, s, width);
                    double m_new = m;
                    for (std::size_t j = 0; j < width; ++j) m_new = std::max(m_new, s[j] * scale);
                    const double rescale = exp_nonpositive(m - m_new);
                    l *= rescale;
                    for (std::size_t i = 0; i < d_v; ++i) o_t[i] *= rescale;
                    for (std::size_t j = 0; j < width; ++j) {
                        const double e = exp_nonpositive(s[j] * scale - m_new);
                        l += e;
                        const double* v_j = &V(j0 + j, 0);
                        for (std::size_t i = 0; i < d_v; ++i) o_t[i] += e * v_j[i];
                    }
                    m = m_new;
                }
                for (std::size_t i = 0; i < d_v; ++i) o_t[i] /= l;
            }
            return;
        }
        case Algorithm::linear: {
            // cₜ = φ(qₜ)ᵀ KV / φ(qₜ)ᵀ Z: no loop over keys at all.
            for (std::size_t t = t0; t < t1; ++t) {
                double denominator = 0.0;
                double* c_t = &out(t, 0);
                std::fill(c_t, c_t + d_v, 0.0);
                for (std::size_t i = 0; i < d; ++i) {
                    const double phi = elu_plus_one(Q(t, i));
                    denominator += phi * scratch.phi_Z[i];
                    for (std::size_t c = 0; c < d_v; ++c) c_t[c] += phi * scratch.phi_KV(i, c);
                }
                for (std::size_t c = 0; c < d_v; ++c) c_t[c] /= denominator;
            }
            return;
        }
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
            prepare_cost_run(algorithm, sweep.K, sweep.V, sweep.scratch);
            sweep.elapsed_ms = ms_since(start);
        }
        const std::size_t rows = std::max<std::size_t>(1, static_cast<std::size_t>(kSliceWork / static_cast<double>(n)));
        const std::size_t t1 = std::min(n, sweep.next_row + rows);
        const Clock::time_point start = Clock::now();
        attend_rows(algorithm, sweep.Q, sweep.K, sweep.V, sweep.next_row, t1, sweep.tile, sweep.scratch, sweep.out);
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
