// bench.cpp — how long one full recompute takes, with its whole trace, natively and in WASM.
//
//   bench [--quick] [--save FILE] [--baseline FILE] [--peak GFLOPS]
//
// A plain timing program (std::chrono), not a timed test: Google Benchmark does not build for
// WASM. Each row times run_attention_into on a trace reused across repetitions (as live editing
// does) and reports the median time, the matrix-product rate in GFLOP/s, that rate as a share of
// the assumed peak, and the budget the issue sets for that size. The kernels live in the core
// library's own translation units and there is no link-time optimisation, so every kernel is an
// out-of-line call here, as in the explorer.
//
// WASM/native ratio "in the same run": tests/bench/run_bench.sh runs the native program with
// --save, then the WASM build under Node with --baseline pointing at that file, and the WASM
// table gains a ratio column. A breakdown by stage follows the table for n = 1024, one head.
//
// GFLOP/s counts the multiply-adds of the matrix products only (2 per multiply-add): projections,
// Q·Kᵀ, W·V and W_O. exp, the mask, the Jacobian and the diagnostics are extra work on top.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/attention.hpp"
#include "core/diagnostics.hpp"
#include "core/hard_attention.hpp"
#include "core/masks.hpp"
#include "core/matmul.hpp"
#include "core/softmax.hpp"

namespace {

#ifdef __EMSCRIPTEN__
constexpr const char* kPlatform = "wasm";
// One Zen 3 core with WASM SIMD128: two-lane f64 vectors and no fused multiply-add.
constexpr double kAssumedPeak = 25.0;
#else
constexpr const char* kPlatform = "native";
// One Zen 3 core with AVX2 FMA: 2 FMA units × 4 lanes × 2 flops × ~3.2 GHz. This build targets
// plain x86-64 (SSE2, no FMA), whose own ceiling is about half of that.
constexpr double kAssumedPeak = 51.0;
#endif

using Clock = std::chrono::steady_clock;

struct Case {
    std::string name;  // "qkv" (Q, K, V given) or "mha" (X with W_Q, W_K, W_V, W_O)
    std::size_t n, d_model, heads;
    double budget_ms;  // 0 = no budget for this size
};

struct Result {
    double median_ms, min_ms, gflops;
};

// Random inputs in [−1, 1) from the core's own generator.
attn::Matrix random_matrix(attn::SplitMix64& rng, std::size_t rows, std::size_t cols) {
    attn::Matrix m = xt::zeros<double>({rows, cols});
    for (double& x : m) x = 2.0 * rng.uniform() - 1.0;
    return m;
}

// Inputs and options of a case: "qkv" is one head of width d_model over given Q, K, V; "mha" is
// multi-head self-attention of H heads, d_k = d_model / H, projections included.
void make_case(const Case& c, attn::Inputs& in, attn::Options& o, double& flops) {
    attn::SplitMix64 rng{2024};
    const double n = static_cast<double>(c.n), d = static_cast<double>(c.d_model);
    if (c.name == "qkv") {
        in.Q = random_matrix(rng, c.n, c.d_model);
        in.K = random_matrix(rng, c.n, c.d_model);
        in.V = random_matrix(rng, c.n, c.d_model);
        flops = 2.0 * n * n * d * 2.0;  // Q·Kᵀ and W·V
    } else {
        in.X = random_matrix(rng, c.n, c.d_model);
        in.W_Q = random_matrix(rng, c.d_model, c.d_model);
        in.W_K = random_matrix(rng, c.d_model, c.d_model);
        in.W_V = random_matrix(rng, c.d_model, c.d_model);
        in.W_O = random_matrix(rng, c.d_model, c.d_model);
        o.form = attn::Form::multi_head;
        o.heads = static_cast<int>(c.heads);
        flops = 4.0 * 2.0 * n * d * d        // X·W_Q, X·W_K, X·W_V, C·W_O
                + 2.0 * n * n * d * 2.0;     // every head's Q·Kᵀ and W·V: H · d_k = d
    }
}

// Median and min of repeated full recomputes into one reused trace.
__attribute__((noinline)) Result time_case(const Case& c, double min_seconds) {
    attn::Inputs in;
    attn::Options o;
    double flops = 0.0;
    make_case(c, in, o, flops);
    attn::Trace trace;
    attn::run_attention_into(trace, in, o);  // warm-up: allocates the trace's buffers once
    std::vector<double> times;
    const auto start = Clock::now();
    while (times.size() < 3 || (std::chrono::duration<double>(Clock::now() - start).count() < min_seconds &&
                                times.size() < 2000)) {
        const auto t0 = Clock::now();
        attn::run_attention_into(trace, in, o);
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::sort(times.begin(), times.end());
    const double median = times[times.size() / 2];
    return {median, times.front(), flops / (median * 1e6)};
}

template <typename F>
__attribute__((noinline)) double time_ms(F&& f, int reps) {
    f();
    std::vector<double> times;
    for (int r = 0; r < reps; ++r) {
        const auto t0 = Clock::now();
        f();
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

// The standard pipeline's kernels one by one, for n = 1024 and d_k = 64: where the time goes.
void print_breakdown(int reps) {
    const std::size_t n = 1024, d_k = 64;
    attn::SplitMix64 rng{7};
    const attn::Matrix Q = random_matrix(rng, n, d_k), K = random_matrix(rng, n, d_k), V = random_matrix(rng, n, d_k);
    attn::Matrix scores = xt::zeros<double>({n, n}), scaled = scores, mask = scores, weights = scores,
                 diag = scores, context = xt::zeros<double>({n, d_k});
    std::vector<double> scratch;
    std::vector<bool> empty_rows;
    std::vector<attn::RowDiagnostics> rows;
    attn::Options o;
    std::printf("\nbreakdown, n = %zu, d_k = %zu, one head (median ms):\n", n, d_k);
    std::printf("  %-34s %8.3f\n", "S = Q·Kᵀ (matmul_transposed)",
                time_ms([&] { attn::matmul_transposed(Q, K, scores, scratch); }, reps));
    std::printf("  %-34s %8.3f\n", "S' = S / √d_k (scale_scores)", time_ms([&] {
                    const double* s = scores.data();
                    for (std::size_t i = 0; i < scores.size(); ++i) scaled.data()[i] = s[i] / 8.0;
                }, reps));
    std::printf("  %-34s %8.3f\n", "mask (build_mask)", time_ms([&] { attn::build_mask(o, attn::Matrix{}, nullptr, mask); }, reps));
    std::printf("  %-34s %8.3f\n", "softmax (masked_softmax)",
                time_ms([&] { attn::masked_softmax(scaled, mask, weights, empty_rows); }, reps));
    std::printf("  %-34s %8.3f\n", "w(1 − w) (softmax_jacobian_diag)",
                time_ms([&] { attn::softmax_jacobian_diag(weights, diag); }, reps));
    std::printf("  %-34s %8.3f\n", "C = W·V (matmul)", time_ms([&] { attn::matmul(weights, V, context); }, reps));
    std::printf("  %-34s %8.3f\n", "diagnostics (entropy, keys for 90 %)",
                time_ms([&] { attn::compute_diagnostics(weights, empty_rows, rows, &scaled); }, reps));
    std::printf("  %-34s %8.3f\n", "Jacobian norms", time_ms([&] { attn::add_jacobian_norms(weights, 1.0, rows); }, reps));
}

std::map<std::string, double> read_baseline(const char* path) {
    std::map<std::string, double> ms;
    std::ifstream in(path);
    std::string key;
    double value = 0.0;
    while (in >> key >> value) ms[key] = value;
    return ms;
}

std::string key_of(const Case& c) {
    return c.name + "/n" + std::to_string(c.n) + "/d" + std::to_string(c.d_model) + "/h" + std::to_string(c.heads);
}

}  // namespace

int main(int argc, char** argv) {
    bool quick = false;
    const char* save = nullptr;
    const char* baseline_path = nullptr;
    double peak = kAssumedPeak;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--quick")) quick = true;
        else if (!std::strcmp(argv[i], "--save") && i + 1 < argc) save = argv[++i];
        else if (!std::strcmp(argv[i], "--baseline") && i + 1 < argc) baseline_path = argv[++i];
        else if (!std::strcmp(argv[i], "--peak") && i + 1 < argc) peak = std::atof(argv[++i]);
        else {
            std::fprintf(stderr, "usage: bench [--quick] [--save FILE] [--baseline FILE] [--peak GFLOPS]\n");
            return 2;
        }
    }
    const std::map<std::string, double> baseline = baseline_path ? read_baseline(baseline_path) : std::map<std::string, double>{};

    // The grid (d_k = 64; h = 8 means d_model = 8·64 with projections), then the
    // live-editing sizes (n ≤ 64, d_model ≤ 128, h ≤ 8, projections included) with their budget.
    const double kLiveBudgetMs = 1.0, kLargeBudgetMs = 40.0;
    std::vector<Case> cases;
    for (std::size_t n : {16, 64, 256, 1024}) cases.push_back({"qkv", n, 64, 1, n == 1024 ? kLargeBudgetMs : 0.0});
    for (std::size_t n : {16, 64, 256, 1024}) cases.push_back({"mha", n, 512, 8, 0.0});
    for (std::size_t n : {16, 64})
        for (std::size_t h : {1, 8}) cases.push_back({"mha", n, 128, h, kLiveBudgetMs});

    std::printf("attention bench, %s, one thread, double precision, full trace per recompute\n", kPlatform);
    std::printf("assumed peak: %.0f GFLOP/s (%s)%s\n", peak,
                std::strcmp(kPlatform, "wasm") ? "one Zen 3 core, AVX2 FMA" : "one Zen 3 core, WASM SIMD128",
                baseline.empty() ? "" : "; ratio = this run / the native baseline");
    std::printf("%-5s %5s %7s %3s %10s %10s %9s %7s %12s%s\n", "form", "n", "d_model", "h", "median ms", "min ms",
                "GFLOP/s", "% peak", "budget", baseline.empty() ? "" : "  wasm/native");
    std::ofstream saved;
    if (save) saved.open(save);
    const double min_seconds = quick ? 0.05 : 0.5;
    // Warm up first: WASM engines start with a baseline compiler and switch hot functions to the
    // optimising one only after a while, which would otherwise be charged to the first rows.
    for (const Case& c : cases)
        if (c.n <= 256) time_case(c, 0.1);
    bool all_within = true;
    for (const Case& c : cases) {
        const Result r = time_case(c, min_seconds);
        std::string budget = "-";
        if (c.budget_ms > 0.0) {
            const bool ok = r.median_ms < c.budget_ms;
            all_within = all_within && ok;
            char text[32];
            std::snprintf(text, sizeof text, "%s < %g ms", ok ? "ok" : "OVER", c.budget_ms);
            budget = text;
        }
        std::printf("%-5s %5zu %7zu %3zu %10.3f %10.3f %9.2f %6.1f%% %12s", c.name.c_str(), c.n, c.d_model, c.heads,
                    r.median_ms, r.min_ms, r.gflops, 100.0 * r.gflops / peak, budget.c_str());
        const auto it = baseline.find(key_of(c));
        if (it != baseline.end()) std::printf("  %11.2f", r.median_ms / it->second);
        std::printf("\n");
        if (saved) saved << key_of(c) << " " << r.median_ms << "\n";
    }
    print_breakdown(quick ? 3 : 11);
    std::printf("\nbudgets (WASM is where they apply): %s on %s\n", all_within ? "all met" : "NOT all met", kPlatform);
    return 0;
}
