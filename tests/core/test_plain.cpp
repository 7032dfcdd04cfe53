// test_plain.cpp — every fast kernel equals the plain loop written beside it, on every shape the
// other tests use and a few larger ones: the blocked products, the SIMD softmax, the factored
// additive score and the linear-time count of the keys holding 90 % of the weight.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/matmul.hpp"
#include "core/scores.hpp"
#include "core/softmax.hpp"
#include "helpers.hpp"

namespace {

// (rows, cols) pairs: every small shape, and sizes past the kernels' blocks and SIMD lanes.
std::vector<std::pair<std::size_t, std::size_t>> shapes() {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t r = 1; r <= 9; ++r)
        for (std::size_t c = 1; c <= 9; ++c) out.push_back({r, c});
    out.insert(out.end(), {{64, 64}, {37, 5}, {5, 257}, {257, 33}});
    return out;
}

// The largest |a − b| relative to the largest |b| (at least 1).
double relative_diff(const attn::Matrix& a, const attn::Matrix& b) {
    double scale = 1.0;
    for (double x : b) scale = std::max(scale, std::fabs(x));
    return test::max_abs_diff(a, b) / scale;
}

}  // namespace

TEST_CASE("the blocked products equal the triple loop") {
    attn::SplitMix64 rng{3};
    for (const auto& shape : shapes()) {
        const std::size_t m = shape.first, k = shape.second;  // named, so CAPTURE can read them
        for (std::size_t n : {std::size_t{1}, std::size_t{3}, std::size_t{8}, std::size_t{65}}) {
            CAPTURE(m);
            CAPTURE(k);
            CAPTURE(n);
            const attn::Matrix A = test::random_matrix(rng, m, k), B = test::random_matrix(rng, k, n);
            attn::Matrix fast = xt::zeros<double>({m, n}), plain = xt::zeros<double>({m, n});
            attn::Scratch scratch;
            attn::matmul(A, B, fast, scratch);
            attn::matmul_plain(A, B, plain);
            CHECK(relative_diff(fast, plain) < 1e-14);
            const attn::Matrix Bt = xt::transpose(B);
            attn::matmul_transposed(A, Bt, fast, scratch);
            CHECK(relative_diff(fast, plain) < 1e-14);
        }
    }
}

TEST_CASE("the SIMD softmax equals the textbook softmax, masked rows and empty rows too") {
    attn::SplitMix64 rng{5};
    for (const auto& shape : shapes()) {
        const std::size_t T = shape.first, S = shape.second;
        CAPTURE(T);
        CAPTURE(S);
        const attn::Matrix scaled = test::random_matrix(rng, T, S, -30.0, 30.0);
        attn::Matrix mask = test::random_matrix(rng, T, S, 0.0, 2.0);
        for (double& x : mask) x = std::floor(x);
        for (std::size_t j = 0; j < S; ++j) mask(0, j) = 0.0;  // one row with nothing to attend to
        attn::Matrix fast = xt::zeros<double>({T, S}), plain = xt::zeros<double>({T, S});
        std::vector<bool> empty;
        attn::masked_softmax(scaled, mask, fast, empty);
        attn::masked_softmax_plain(scaled, mask, plain);
        CHECK(test::max_abs_diff(fast, plain) < 1e-15);
    }
}

TEST_CASE("the factored additive score equals one tanh per term") {
    attn::SplitMix64 rng{7};
    for (const auto& shape : shapes()) {
        const std::size_t T = shape.first, d_a = shape.second;
        for (std::size_t S : {std::size_t{1}, std::size_t{4}, std::size_t{9}})
            for (double scale : {1.0, 40.0, 400.0}) {  // 400 passes the factoring's bound: the other path
                CAPTURE(T);
                CAPTURE(d_a);
                CAPTURE(scale);
                const attn::Matrix A = test::random_matrix(rng, T, d_a, -scale, scale);
                const attn::Matrix B = test::random_matrix(rng, S, d_a, -scale, scale);
                const attn::Matrix v = test::random_matrix(rng, 1, d_a);
                attn::Matrix fast = xt::zeros<double>({T, S}), plain = xt::zeros<double>({T, S});
                attn::Scratch scratch;
                attn::additive_scores(A, B, v.data(), fast, scratch);
                attn::additive_scores_plain(A, B, v.data(), plain);
                CHECK(test::max_abs_diff(fast, plain) < 1e-14 * static_cast<double>(d_a));
            }
    }
}

TEST_CASE("the linear-time count of keys for 90 % equals sorting and adding") {
    attn::SplitMix64 rng{9};
    attn::Scratch scratch;
    for (const auto& shape : shapes()) {
        const std::size_t rows = shape.first, S = shape.second;
        const attn::Matrix scores = test::random_matrix(rng, rows, S, -8.0, 8.0);
        const attn::Matrix all = xt::ones<double>({rows, S});
        attn::Matrix w = xt::zeros<double>({rows, S});
        attn::masked_softmax_plain(scores, all, w);
        for (std::size_t t = 0; t < rows; ++t) {
            CAPTURE(S);
            double mass = 0.0, heaviest = 0.0;
            for (std::size_t j = 0; j < S; ++j) {
                mass += w(t, j);
                heaviest = std::max(heaviest, w(t, j));
            }
            const double target = 0.9 * mass - 1e-12;
            CHECK(attn::keys_for_mass(&w(t, 0), S, mass, heaviest, target, scratch) ==
                  attn::keys_for_mass_plain(&w(t, 0), S, target));
        }
    }
}
