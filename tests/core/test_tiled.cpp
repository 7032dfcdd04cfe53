// test_tiled.cpp — the FlashAttention-style online softmax: its bookkeeping, and that it
// equals the standard pass for every tile size.
#include <doctest/doctest.h>

#include <cmath>

#include "helpers.hpp"

TEST_CASE("the running max and sum after each tile match a case worked by hand") {
    attn::Inputs in;
    in.Q = {{1.0}};
    in.K = {{1.0}, {3.0}, {2.0}, {5.0}};  // scores 1, 3 | 2, 5 in tiles of 2
    in.V = {{1.0}, {0.0}, {0.0}, {0.0}};
    attn::Options o;
    o.score = attn::Score::dot;
    o.algorithm = attn::Algorithm::tiled;
    o.tile = 2;
    const attn::Trace trace = attn::run_attention(in, o);
    const attn::Matrix& m = test::step(trace, "running_max");
    const attn::Matrix& l = test::step(trace, "running_sum");
    CHECK(m == attn::Matrix{{3.0}, {5.0}});
    const double l0 = std::exp(1.0 - 3.0) + 1.0;
    CHECK(l(0, 0) == doctest::Approx(l0).epsilon(1e-15));
    CHECK(l(1, 0) == doctest::Approx(l0 * std::exp(3.0 - 5.0) + std::exp(2.0 - 5.0) + 1.0).epsilon(1e-15));
    const double z = std::exp(1.0) + std::exp(3.0) + std::exp(2.0) + std::exp(5.0);
    CHECK(test::step(trace, "context")(0, 0) == doctest::Approx(std::exp(1.0) / z).epsilon(1e-14));
    CHECK(trace.variant == "dot+tiled");
}

TEST_CASE("tiled attention equals the standard pass for every tile size and mask") {
    attn::SplitMix64 rng{21};
    attn::Inputs in;
    const std::size_t T = 6, S = 9;
    in.Q = test::random_matrix(rng, T, 4, -3.0, 3.0);
    in.K = test::random_matrix(rng, S, 4, -3.0, 3.0);
    in.V = test::random_matrix(rng, S, 3);
    in.mask = test::random_matrix(rng, T, S, 0.0, 2.0);
    for (double& x : in.mask) x = std::floor(x);
    for (std::size_t j = 0; j < S; ++j) in.mask(2, j) = 0.0;  // an empty row
    attn::Options o;
    for (attn::Mask mask : {attn::Mask::none, attn::Mask::causal, attn::Mask::local_m, attn::Mask::strided,
                            attn::Mask::custom}) {
        o.mask = mask;
        o.algorithm = attn::Algorithm::standard;
        const attn::Trace standard = attn::run_attention(in, o);
        for (int B = 1; B <= static_cast<int>(S) + 1; ++B) {
            CAPTURE(static_cast<int>(mask));
            CAPTURE(B);
            o.algorithm = attn::Algorithm::tiled;
            o.tile = B;
            const attn::Trace tiled = attn::run_attention(in, o);
            CHECK(test::max_abs_diff(test::step(tiled, "weights"), test::step(standard, "weights")) < 1e-15);
            CHECK(test::max_abs_diff(test::step(tiled, "context"), test::step(standard, "context")) < 1e-14);
            CHECK(test::step(tiled, "running_max").shape(0) == (S + B - 1) / B);
            for (std::size_t t = 0; t < T; ++t) CHECK(tiled.rows[t].empty == standard.rows[t].empty);
        }
    }
}

TEST_CASE("a row that has met no allowed key yet has running max −∞ and running sum 0") {
    attn::Inputs in;
    in.Q = {{1.0}};
    in.K = {{1.0}, {2.0}, {3.0}};
    in.V = {{1.0}, {2.0}, {3.0}};
    in.mask = {{0.0, 0.0, 1.0}};
    attn::Options o;
    o.mask = attn::Mask::custom;
    o.algorithm = attn::Algorithm::tiled;
    o.tile = 1;
    const attn::Trace trace = attn::run_attention(in, o);
    CHECK(test::step(trace, "running_max")(0, 0) == -INFINITY);
    CHECK(test::step(trace, "running_sum")(1, 0) == 0.0);
    CHECK(test::step(trace, "running_sum")(2, 0) == 1.0);
    CHECK(test::step(trace, "context")(0, 0) == 3.0);
}
