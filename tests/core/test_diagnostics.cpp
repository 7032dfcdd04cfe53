// test_diagnostics.cpp — entropy, peak and the keys holding 90 % of each row's mass.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "core/diagnostics.hpp"
#include "helpers.hpp"

namespace {

// The reference count: sort the weights from the heaviest and add them until the target is met.
std::size_t count_by_sorting(std::vector<double> w, double target) {
    std::sort(w.begin(), w.end(), std::greater<>());
    std::size_t count = 0;
    double mass = 0.0;
    while (count < w.size() && mass < target) mass += w[count++];
    return count;
}

}  // namespace

TEST_CASE("diagnostics of a hand-made row of weights") {
    const attn::Matrix w = {{0.5, 0.4, 0.1, 0.0}, {0.25, 0.25, 0.25, 0.25}, {0.0, 0.0, 0.0, 0.0}};
    std::vector<attn::RowDiagnostics> rows;
    attn::Scratch scratch;
    attn::compute_diagnostics(w, {false, false, true}, rows, nullptr, scratch);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].entropy == doctest::Approx(-(0.5 * std::log(0.5) + 0.4 * std::log(0.4) + 0.1 * std::log(0.1))).epsilon(1e-15));
    CHECK(rows[0].max_weight == 0.5);
    CHECK(rows[0].argmax == 0);
    CHECK(rows[0].keys_for_90 == 2);  // 0.5 + 0.4 reaches 0.9 exactly
    CHECK(rows[1].entropy == doctest::Approx(std::log(4.0)).epsilon(1e-15));
    CHECK(rows[1].keys_for_90 == 4);
    CHECK(rows[2].empty);
    CHECK(rows[2].keys_for_90 == 0);
    CHECK(rows[2].entropy == 0.0);
}

TEST_CASE("counting the heaviest keys by buckets and by selection agrees with sorting") {
    attn::SplitMix64 rng{51};
    for (int trial = 0; trial < 200; ++trial) {
        const std::size_t n = 1 + rng.next() % 40;
        std::vector<double> w(n);
        for (double& x : w) x = std::floor(rng.uniform() * 5.0) / 4.0;  // many ties on purpose
        double total = 0.0;
        for (double x : w) total += x;
        const double target = 0.9 * total - 1e-12;
        const std::size_t expected = count_by_sorting(w, target);
        const double heaviest = *std::max_element(w.begin(), w.end());
        CAPTURE(trial);
        attn::Scratch scratch;
        CHECK(attn::keys_for_mass(w.data(), n, total, heaviest, target, scratch) == expected);
        CHECK(attn::count_heaviest(w.data(), n, target) == expected);
    }
}

TEST_CASE("the entropy of a softmax from its scores equals −Σ w ln w") {
    attn::SplitMix64 rng{52};
    for (double scale : {0.1, 3.0, 50.0, 1e30}) {
        CAPTURE(scale);
        attn::Inputs in;
        in.Q = test::random_matrix(rng, 4, 3, -1.0, 1.0);
        in.K = test::random_matrix(rng, 9, 3, -scale, scale);
        in.V = test::random_matrix(rng, 9, 2);
        attn::Options o;
        o.mask = attn::Mask::causal;
        const attn::Trace trace = attn::run_attention(in, o);
        std::vector<attn::RowDiagnostics> direct;
        std::vector<bool> empty(4, false);
        attn::Scratch scratch;
        attn::compute_diagnostics(test::step(trace, "weights"), empty, direct, nullptr, scratch);
        for (std::size_t t = 0; t < 4; ++t) {
            CAPTURE(t);
            CHECK(trace.rows[t].entropy == doctest::Approx(direct[t].entropy).epsilon(1e-12));
            CHECK(trace.rows[t].keys_for_90 == direct[t].keys_for_90);
        }
    }
}

TEST_CASE("the bucketed count agrees with sorting on continuous and extreme weights") {
    attn::SplitMix64 rng{53};
    attn::Scratch scratch;
    for (int trial = 0; trial < 300; ++trial) {
        const std::size_t n = 1 + rng.next() % 300;
        std::vector<double> w(n);
        const double spread = trial % 3 == 0 ? 1.0 : trial % 3 == 1 ? 20.0 : 700.0;  // e^(−700) is near underflow
        double total = 0.0;
        for (double& x : w) total += (x = std::exp(-spread * rng.uniform()));
        const double target = 0.9 * total - 1e-12;
        const std::size_t expected = count_by_sorting(w, target);
        const double heaviest = *std::max_element(w.begin(), w.end());
        CAPTURE(trial);
        CHECK(attn::keys_for_mass(w.data(), n, total, heaviest, target, scratch) == expected);
    }
}
