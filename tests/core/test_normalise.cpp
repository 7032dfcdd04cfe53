// test_normalise.cpp — softmax, its Jacobian, and hard attention by argmax and by sampling.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/simd_math.hpp"
#include "core/softmax.hpp"
#include "helpers.hpp"

namespace {

// One query q = (1) over keys with scores 1, 3, 3, 2 (dot product with d_k = 1).
attn::Inputs four_scores() {
    attn::Inputs in;
    in.Q = {{1.0}};
    in.K = {{1.0}, {3.0}, {3.0}, {2.0}};
    in.V = {{10.0}, {20.0}, {30.0}, {40.0}};
    return in;
}

}  // namespace

TEST_CASE("SplitMix64 reproduces Vigna's reference outputs") {
    attn::SplitMix64 rng{1234567};
    CHECK(rng.next() == 6457827717110365317ull);
    CHECK(rng.next() == 3203168211198807973ull);
    CHECK(rng.next() == 9817491932198370423ull);
    CHECK(rng.next() == 4593380528125082431ull);
    CHECK(rng.next() == 16408922859458223821ull);
    attn::SplitMix64 u{42};
    CHECK(u.uniform() == 0.7415648787718233);  // (z >> 11)·2⁻⁵³, the same in NumPy
}

TEST_CASE("the softmax's exponential is within 2⁻⁵¹ of libm's, relatively, on [−708, 0] and 0 below") {
    CHECK(attn::exp_nonpositive(0.0) == 1.0);
    CHECK(attn::exp_nonpositive(-0.0) == 1.0);
    double worst = 0.0;  // the largest relative difference, in units of 2⁻⁵²
    for (int i = 0; i <= 1000000; ++i) {
        const double x = -708.0 * i / 1000000.0 - 1e-7 * (i % 7);  // odd offsets off any grid
        if (x < -708.0) continue;
        const double expected = std::exp(x);
        worst = std::max(worst, std::fabs(attn::exp_nonpositive(x) - expected) / expected / 0x1p-52);
    }
    CHECK(worst <= 2.0);
    for (const double tiny : {1e-300, 1e-17, 0.25 * std::log(2.0), 0.5 * std::log(2.0)})
        CHECK(attn::exp_nonpositive(-tiny) == doctest::Approx(std::exp(-tiny)).epsilon(3e-16));
    CHECK(attn::exp_nonpositive(-708.5) == 0.0);
    CHECK(attn::exp_nonpositive(-1e30) == 0.0);
    CHECK(attn::exp_nonpositive(-std::numeric_limits<double>::infinity()) == 0.0);
}

TEST_CASE("the softmax Jacobian diagonal is w(1 − w) and vanishes when the softmax saturates") {
    attn::Options o;
    o.score = attn::Score::dot;
    attn::Inputs in;
    in.Q = {{1.0}};
    in.K = {{0.0}, {0.0}};
    in.V = {{1.0}, {2.0}};
    const attn::Trace even = attn::run_attention(in, o);
    CHECK(test::step(even, "jacobian_diag") == attn::Matrix{{0.25, 0.25}});
    // J = [[¼, −¼], [−¼, ¼]]: ‖J‖_F = √(4/16) = ½.
    CHECK(even.rows[0].jacobian_norm == doctest::Approx(0.5).epsilon(1e-15));

    in.K = {{100.0}, {0.0}};  // e^−100: the first weight is 1 to double precision
    const attn::Trace saturated = attn::run_attention(in, o);
    CHECK(test::step(saturated, "jacobian_diag")(0, 0) == 0.0);
    CHECK(saturated.rows[0].jacobian_norm < 1e-40);
    CHECK(saturated.rows[0].jacobian_norm > 0.0);  // tiny, but not lost to cancellation
}

TEST_CASE("hard argmax puts all weight on the highest score, the first one on ties") {
    attn::Options o;
    o.score = attn::Score::dot;
    o.normalise = attn::Normalise::hard_argmax;
    const attn::Trace trace = attn::run_attention(four_scores(), o);
    CHECK(test::step(trace, "weights") == attn::Matrix{{0.0, 1.0, 0.0, 0.0}});
    CHECK(test::step(trace, "context") == attn::Matrix{{20.0}});
    // α is still the softmax, shown beside the one-hot choice.
    const double z = std::exp(1.0) + 2.0 * std::exp(3.0) + std::exp(2.0);
    CHECK(test::step(trace, "alpha")(0, 1) == doctest::Approx(std::exp(3.0) / z).epsilon(1e-14));
    CHECK(trace.rows[0].max_weight == 1.0);
    CHECK(trace.rows[0].entropy == 0.0);
}

TEST_CASE("hard sampling draws the key whose cumulative softmax first exceeds u") {
    attn::Options o;
    o.score = attn::Score::dot;
    o.normalise = attn::Normalise::hard_sample;
    for (std::uint64_t seed : {1u, 2u, 42u, 7777u}) {
        CAPTURE(seed);
        o.seed = seed;
        const attn::Trace trace = attn::run_attention(four_scores(), o);
        attn::SplitMix64 rng{seed};
        const double u = rng.uniform();
        CHECK(test::step(trace, "uniform")(0, 0) == u);
        CHECK(trace.find("uniform")->is_vector);
        const attn::Matrix& alpha = test::step(trace, "alpha");
        double cumulative = 0.0;
        std::size_t expected = 0;
        for (std::size_t j = 0; j < 4; ++j) {
            cumulative += alpha(0, j);
            if (u < cumulative) {
                expected = j;
                break;
            }
        }
        const attn::Matrix& w = test::step(trace, "weights");
        for (std::size_t j = 0; j < 4; ++j) CHECK(w(0, j) == (j == expected ? 1.0 : 0.0));
    }
}

TEST_CASE("hard sampling is deterministic for a seed and draws one number per row, in order") {
    attn::SplitMix64 data{5};
    attn::Inputs in;
    in.Q = test::random_matrix(data, 6, 3, -3.0, 3.0);
    in.K = test::random_matrix(data, 7, 3, -3.0, 3.0);
    in.V = test::random_matrix(data, 7, 2);
    attn::Options o;
    o.normalise = attn::Normalise::hard_sample;
    o.seed = 99;
    o.mask = attn::Mask::padding;
    o.key_lengths = {3, 0, 7, 1, 5, 2};  // row 1 is empty but still draws
    const attn::Trace a = attn::run_attention(in, o), b = attn::run_attention(in, o);
    CHECK(test::step(a, "weights") == test::step(b, "weights"));
    attn::SplitMix64 rng{99};
    for (std::size_t t = 0; t < 6; ++t) CHECK(test::step(a, "uniform")(0, t) == rng.uniform());
    CHECK(a.rows[1].empty);
    for (std::size_t t = 0; t < 6; ++t) {
        double sum = 0.0;
        for (std::size_t j = 0; j < 7; ++j) sum += test::step(a, "weights")(t, j);
        CHECK(sum == (t == 1 ? 0.0 : 1.0));
    }
}

TEST_CASE("a fully masked row gets zero weights and a flag, never NaN") {
    const attn::Matrix scores = {{1.0, 2.0}, {3.0, 4.0}};
    const attn::Matrix mask = {{0.0, 0.0}, {1.0, 0.0}};
    std::vector<bool> empty_rows;
    attn::Matrix weights = xt::zeros<double>({2, 2});
    attn::masked_softmax(scores, mask, weights, empty_rows);
    CHECK(empty_rows == std::vector<bool>{true, false});
    CHECK(weights(0, 0) == 0.0);
    CHECK(weights(0, 1) == 0.0);
    CHECK(weights(1, 0) == 1.0);
}
