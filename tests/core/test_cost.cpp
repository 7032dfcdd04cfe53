// test_cost.cpp — the Cost panel times the traced kernels: a block at a time, they give the traced contexts.
#include <doctest/doctest.h>

#include "core/attention.hpp"
#include "core/cost.hpp"
#include "helpers.hpp"

TEST_CASE("the cost runs of standard, tiled and linear attention give the traced contexts exactly, block by block") {
    attn::SplitMix64 rng{11};
    attn::Inputs in;
    in.Q = test::random_matrix(rng, 37, 8);
    in.K = test::random_matrix(rng, 37, 8);
    in.V = test::random_matrix(rng, 37, 5);
    for (const attn::Algorithm algorithm : {attn::Algorithm::standard, attn::Algorithm::tiled, attn::Algorithm::linear}) {
        attn::Options o;
        o.algorithm = algorithm;
        if (algorithm == attn::Algorithm::linear) o.score = attn::Score::dot;  // linear: dot, as cost.hpp's φ
        const attn::Trace trace = attn::run_attention(in, o);
        const attn::Matrix& expected = test::step(trace, "context");
        attn::CostRun run;
        attn::prepare_cost_run(algorithm, in.K, in.V, run);
        attn::Matrix out = xt::zeros<double>({std::size_t{37}, std::size_t{5}});
        for (std::size_t t0 = 0; t0 < 37; t0 += 10) attn::attend_rows(algorithm, in.Q, in.K, in.V, t0, std::min<std::size_t>(t0 + 10, 37), 4, run, out);
        CAPTURE(static_cast<int>(algorithm));
        CHECK(test::max_abs_diff(out, expected) == 0.0);  // the same kernels, so the same digits
    }
}

TEST_CASE("working memory: n² for standard, linear in n for tiled, constant for linear") {
    using attn::working_bytes;
    CHECK(working_bytes(attn::Algorithm::standard, 1024, 64, 64) == 8.0 * 1024 * 1024);
    CHECK(working_bytes(attn::Algorithm::standard, 2048, 64, 64) == 4.0 * working_bytes(attn::Algorithm::standard, 1024, 64, 64));
    CHECK(working_bytes(attn::Algorithm::tiled, 2048, 64, 64) == 8.0 * (64 + 2 * 2048));
    CHECK(working_bytes(attn::Algorithm::linear, 4096, 64, 64) == working_bytes(attn::Algorithm::linear, 16, 64, 64));
}

TEST_CASE("a sweep measures every algorithm at every size, in order, a slice at a time") {
    attn::CostSweep sweep = attn::start_cost_sweep({16, 32}, 8, 4);
    int steps = 0;
    while (attn::step_cost_sweep(sweep, 0.0)) ++steps;  // a zero budget: one slice per step
    REQUIRE(sweep.points.size() == 6);
    CHECK(steps > 6);
    for (std::size_t i = 0; i < 6; ++i) {
        const attn::CostPoint& p = sweep.points[i];
        CAPTURE(i);
        CHECK(p.n == (i < 3 ? 16u : 32u));
        CHECK(p.algorithm == attn::kCostAlgorithms[i % 3]);
        CHECK(p.ms > 0.0);  // a measured time, never a placeholder
        CHECK(p.bytes == attn::working_bytes(p.algorithm, p.n, 8, 4));
    }
}
