// bench.cpp — how long one full recompute takes, with its whole trace, natively and in WASM.
//
//   bench [--quick] [--save FILE] [--baseline FILE] [--peak GFLOPS] [--backward]
//
// --backward prints only the forward-and-backward table, for comparing two builds of the backward pass.
//
// A plain timing program (std::chrono), not a timed test: Google Benchmark does not build for
// WASM. Each row times run_attention_into on a trace reused across repetitions (as live editing
// does) and reports the median time, the matrix-product rate in GFLOP/s, that rate as a share of
// the assumed peak, and the time budget the project holds that size to. The kernels live in the core
// library's own translation units and there is no link-time optimisation, so every kernel is an
// out-of-line call here, as in the explorer.
//
// WASM/native ratio "in the same run": tests/bench/run_bench.sh runs the native program with
// --save, then the WASM build under Node with --baseline pointing at that file, and the WASM
// table gains a ratio column. A breakdown by stage follows the table for n = 1024, one head, and
// then the cost of each variant at the largest live size (the budget's rows time the default one).
//
// GFLOP/s counts the multiply-adds of the matrix products only (2 per multiply-add): projections,
// Q·Kᵀ, W·V and W_O. exp, the mask, the Jacobian and the diagnostics are extra work on top.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/attention.hpp"
#include "core/diagnostics.hpp"
#include "core/hard_attention.hpp"
#include "core/masks.hpp"
#include "core/matmul.hpp"
#include "core/scores.hpp"
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

attn::Vector random_vector(attn::SplitMix64& rng, std::size_t n) {
    attn::Vector v = xt::zeros<double>({n});
    for (double& x : v) x = 2.0 * rng.uniform() - 1.0;
    return v;
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

// Median and min (ms) of repeated full recomputes into one reused trace, as live editing does;
// the first run, untimed, allocates the trace's buffers.
__attribute__((noinline)) std::pair<double, double> time_recomputes(const attn::Inputs& in, const attn::Options& o,
                                                                     double min_seconds) {
    attn::Trace trace;
    attn::run_attention_into(trace, in, o);
    std::vector<double> times;
    const auto start = Clock::now();
    while (times.size() < 3 || (std::chrono::duration<double>(Clock::now() - start).count() < min_seconds &&
                                times.size() < 2000)) {
        const auto t0 = Clock::now();
        attn::run_attention_into(trace, in, o);
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::sort(times.begin(), times.end());
    return {times[times.size() / 2], times.front()};
}

Result time_case(const Case& c, double min_seconds) {
    attn::Inputs in;
    attn::Options o;
    double flops = 0.0;
    make_case(c, in, o, flops);
    const auto [median, min] = time_recomputes(in, o, min_seconds);
    return {median, min, flops / (median * 1e6)};
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
    attn::Scratch scratch;
    std::vector<bool> empty_rows;
    std::vector<attn::RowDiagnostics> rows;
    attn::Options o;
    std::printf("\nbreakdown, n = %zu, d_k = %zu, one head (median ms):\n", n, d_k);
    std::printf("  %-34s %8.3f\n", "scores Q·Kᵀ (matmul_transposed)",
                time_ms([&] { attn::matmul_transposed(Q, K, scores, scratch); }, reps));
    std::printf("  %-34s %8.3f\n", "scaled ÷ √d_k (scale_scores)",
                time_ms([&] { attn::scale_scores(scores, std::sqrt(static_cast<double>(d_k)), scaled); }, reps));
    std::printf("  %-34s %8.3f\n", "mask (build_mask)", time_ms([&] { attn::build_mask(o, attn::Matrix{}, nullptr, mask); }, reps));
    std::printf("  %-34s %8.3f\n", "softmax (masked_softmax)",
                time_ms([&] { attn::masked_softmax(scaled, mask, weights, empty_rows); }, reps));
    std::printf("  %-34s %8.3f\n", "w(1 − w) (softmax_jacobian_diag)",
                time_ms([&] { attn::softmax_jacobian_diag(weights, diag); }, reps));
    std::printf("  %-34s %8.3f\n", "C = W·V (matmul)", time_ms([&] { attn::matmul(weights, V, context, scratch); }, reps));
    std::printf("  %-34s %8.3f\n", "diagnostics (entropy, keys for 90 %)",
                time_ms([&] { attn::compute_diagnostics(weights, empty_rows, rows, &scaled, scratch); }, reps));
    std::printf("  %-34s %8.3f\n", "Jacobian norms", time_ms([&] { attn::add_jacobian_norms(weights, 1.0, rows); }, reps));
}

// One head at the largest live size (n = 64, d = 128, Q, K and V given), one choice changed at a
// time from scaled dot-product softmax attention: what each variant costs while a learner edits.
void print_variants(double min_seconds) {
    const std::size_t n = 64, d = 128;
    struct Variant {
        const char* name;
        void (*set)(attn::Options&, attn::Inputs&, attn::SplitMix64&);
    };
    const Variant variants[] = {
        {"scaled dot, softmax", [](attn::Options&, attn::Inputs&, attn::SplitMix64&) {}},
        {"self-attention: X·W_Q, X·W_K, X·W_V",
         [](attn::Options& o, attn::Inputs& in, attn::SplitMix64& rng) {
             o.form = attn::Form::self;
             in.X = random_matrix(rng, n, d);
             in.W_Q = random_matrix(rng, d, d);
             in.W_K = random_matrix(rng, d, d);
             in.W_V = random_matrix(rng, d, d);
         }},
        {"dot", [](attn::Options& o, attn::Inputs&, attn::SplitMix64&) { o.score = attn::Score::dot; }},
        {"general (W_a 128×128)",
         [](attn::Options& o, attn::Inputs& in, attn::SplitMix64& rng) {
             o.score = attn::Score::general;
             in.W_a = random_matrix(rng, d, d);
         }},
        {"additive, d_a = 32",
         [](attn::Options& o, attn::Inputs& in, attn::SplitMix64& rng) {
             o.score = attn::Score::additive;
             in.W_a = random_matrix(rng, 32, d);
             in.U_a = random_matrix(rng, 32, d);
             in.v_a = random_vector(rng, 32);
         }},
        {"additive, d_a = 128",
         [](attn::Options& o, attn::Inputs& in, attn::SplitMix64& rng) {
             o.score = attn::Score::additive;
             in.W_a = random_matrix(rng, d, d);
             in.U_a = random_matrix(rng, d, d);
             in.v_a = random_vector(rng, d);
         }},
        {"causal mask", [](attn::Options& o, attn::Inputs&, attn::SplitMix64&) { o.mask = attn::Mask::causal; }},
        {"local-p, D = 8, W_p 128×128",
         [](attn::Options& o, attn::Inputs& in, attn::SplitMix64& rng) {
             o.mask = attn::Mask::local_p;
             o.window = 8;
             in.W_p = random_matrix(rng, d, d);
             in.v_p = random_vector(rng, d);
         }},
        {"hard, sampled", [](attn::Options& o, attn::Inputs&, attn::SplitMix64&) { o.normalise = attn::Normalise::hard_sample; }},
        {"tiled, B = 16",
         [](attn::Options& o, attn::Inputs&, attn::SplitMix64&) {
             o.algorithm = attn::Algorithm::tiled;
             o.tile = 16;
         }},
        {"attentional vector tanh(W_c [c; h])",
         [](attn::Options& o, attn::Inputs& in, attn::SplitMix64& rng) {
             o.use = attn::ContextUse::concat_tanh;
             in.H_dec = random_matrix(rng, n, d);
             in.W_c = random_matrix(rng, d, 2 * d);
         }},
        {"linear (takes the dot score)",
         [](attn::Options& o, attn::Inputs&, attn::SplitMix64&) {
             o.algorithm = attn::Algorithm::linear;
             o.score = attn::Score::dot;
         }},
    };
    std::printf("\nlive size, one choice changed at a time: n = %zu, d = %zu, one head, Q, K, V given (median ms):\n", n, d);
    for (const Variant& v : variants) {
        attn::SplitMix64 rng{11};
        attn::Inputs in;
        attn::Options o;
        in.Q = random_matrix(rng, n, d);
        in.K = random_matrix(rng, n, d);
        in.V = random_matrix(rng, n, d);
        v.set(o, in, rng);
        std::printf("  %-34s %8.3f\n", v.name, time_recomputes(in, o, min_seconds).first);
    }
}

// The live sizes with and without the backward pass: each case's forward pass alone, then with
// loss "upstream" (dO all ones) so that every gradient is written too, and their ratio, which the
// explorer keeps at most 3 so that dragging with gradients shown never drops a frame.
void print_backward(double min_seconds) {
    struct Live {
        const char* name;
        Case c;
        attn::Score score;
    };
    const Live lives[] = {
        {"one head, scaled dot, n 64 d 128", {"qkv", 64, 128, 1, 0.0}, attn::Score::scaled_dot},
        {"one head, general, n 64 d 128", {"qkv", 64, 128, 1, 0.0}, attn::Score::general},
        {"one head, additive, n 64 d_a 128", {"qkv", 64, 128, 1, 0.0}, attn::Score::additive},
        {"multi-head, n 16 d 128 h 8", {"mha", 16, 128, 8, 0.0}, attn::Score::scaled_dot},
        {"multi-head, n 64 d 128 h 1", {"mha", 64, 128, 1, 0.0}, attn::Score::scaled_dot},
        {"multi-head, n 64 d 128 h 8", {"mha", 64, 128, 8, 0.0}, attn::Score::scaled_dot},
    };
    std::printf("\nforward and backward at the live sizes (median ms; ratio ≤ 3 is the aim):\n");
    std::printf("  %-34s %9s %11s %7s\n", "", "forward", "+ backward", "ratio");
    for (const Live& live : lives) {
        attn::Inputs in;
        attn::Options o;
        double flops = 0.0;
        make_case(live.c, in, o, flops);
        o.score = live.score;
        attn::SplitMix64 rng{5};
        const std::size_t d = live.c.d_model;
        if (live.score == attn::Score::general) in.W_a = random_matrix(rng, d, d);
        if (live.score == attn::Score::additive) {
            in.W_a = random_matrix(rng, d, d);
            in.U_a = random_matrix(rng, d, d);
            in.v_a = random_vector(rng, d);
        }
        const double forward = time_recomputes(in, o, min_seconds).first;
        o.loss = attn::Loss::upstream;
        in.dO = xt::ones<double>({live.c.n, d});
        const double both = time_recomputes(in, o, min_seconds).first;
        std::printf("  %-34s %9.3f %11.3f %7.2f\n", live.name, forward, both, both / forward);
    }
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
    bool quick = false, backward_only = false;
    const char* save = nullptr;
    const char* baseline_path = nullptr;
    double peak = kAssumedPeak;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--quick")) quick = true;
        else if (!std::strcmp(argv[i], "--backward")) backward_only = true;
        else if (!std::strcmp(argv[i], "--save") && i + 1 < argc) save = argv[++i];
        else if (!std::strcmp(argv[i], "--baseline") && i + 1 < argc) baseline_path = argv[++i];
        else if (!std::strcmp(argv[i], "--peak") && i + 1 < argc) peak = std::atof(argv[++i]);
        else {
            std::fprintf(stderr, "usage: bench [--quick] [--save FILE] [--baseline FILE] [--peak GFLOPS] [--backward]\n");
            return 2;
        }
    }
    if (backward_only) {
        print_backward(quick ? 0.05 : 0.3);
        return 0;
    }
    const std::map<std::string, double> baseline = baseline_path ? read_baseline(baseline_path) : std::map<std::string, double>{};

    // The reference grid (d_k = 64; h = 8 means d_model = 8·64 with projections), then the
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
    print_variants(quick ? 0.05 : 0.3);
    print_backward(quick ? 0.05 : 0.3);
    std::printf("\nbudgets (WASM is where they apply): %s on %s\n", all_within ? "all met" : "NOT all met", kPlatform);
    return 0;
}
