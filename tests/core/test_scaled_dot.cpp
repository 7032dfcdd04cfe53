// test_scaled_dot.cpp — scaled dot-product attention against a case worked by hand.
#include <doctest/doctest.h>

#include <cmath>

#include "core/attention.hpp"

namespace {

// One query q = (1, 0) over keys (1, 0), (0, 1), (1, 1); d_k = 2.
attn::Inputs one_query_three_keys() {
    attn::Inputs in;
    in.Q = {{1.0, 0.0}};
    in.K = {{1.0, 0.0}, {0.0, 1.0}, {1.0, 1.0}};
    in.V = {{1.0, 2.0}, {3.0, 4.0}, {5.0, 6.0}};
    return in;
}

}  // namespace

TEST_CASE("scaled dot-product weights match a case worked by hand") {
    const attn::Trace trace = attn::run_attention(one_query_three_keys(), attn::Options{});
    const attn::Step* weights = trace.find("weights");
    REQUIRE(weights != nullptr);
    // scores (1, 0, 1) / √2 → softmax: e^(1/√2) / (2·e^(1/√2) + 1) for keys 0 and 2.
    const double e = std::exp(1.0 / std::sqrt(2.0));
    const double w_big = e / (2.0 * e + 1.0), w_small = 1.0 / (2.0 * e + 1.0);
    CHECK(weights->value(0, 0) == doctest::Approx(w_big).epsilon(1e-12));
    CHECK(weights->value(0, 1) == doctest::Approx(w_small).epsilon(1e-12));
    CHECK(weights->value(0, 2) == doctest::Approx(w_big).epsilon(1e-12));

    const attn::Step* context = trace.find("context");
    REQUIRE(context != nullptr);
    CHECK(context->value(0, 0) == doctest::Approx(w_big * 1 + w_small * 3 + w_big * 5).epsilon(1e-12));
}

TEST_CASE("the trace lists inputs, then scores, scaling, mask, weights, Jacobian and context") {
    const attn::Trace trace = attn::run_attention(one_query_three_keys(), attn::Options{});
    std::vector<std::string> ids;
    for (const auto& step : trace.steps) ids.push_back(step.id);
    CHECK(ids == std::vector<std::string>{"Q", "K", "V", "scores", "scaled", "mask", "weights", "jacobian_diag",
                                          "context"});
    CHECK(trace.find("scaled")->formula == "s'ₜⱼ = sₜⱼ / (√d_k · τ)");
}

TEST_CASE("mismatched widths are refused with both shapes named") {
    attn::Inputs in = one_query_three_keys();
    in.Q = {{1.0, 0.0, 2.0}};
    CHECK_THROWS_WITH_AS(attn::run_attention(in, attn::Options{}),
                         "K has 2 columns but Q has 3 columns: Q (1, 3), K (3, 2)", attn::ShapeError);
}
