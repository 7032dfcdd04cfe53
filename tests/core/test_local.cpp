// test_local.cpp — Luong's local-p attention: predicted centre, window and Gaussian.
#include <doctest/doctest.h>

#include <cmath>

#include "helpers.hpp"

TEST_CASE("local-p centres the window at S·sigmoid(v_pᵀ tanh(W_p q)) and weighs keys by a Gaussian") {
    attn::Inputs in;
    in.Q = {{0.0, 0.0}};  // tanh(W_p q) = 0 → sigmoid(0) = ½ → p = S/2 = 2
    in.K = xt::zeros<double>({4, 2});  // all scores 0: the softmax is uniform over the window
    in.V = {{1.0}, {2.0}, {3.0}, {4.0}};
    in.W_p = {{1.0, 0.0}};
    in.v_p = {1.0};
    attn::Options o;
    o.score = attn::Score::dot;
    o.mask = attn::Mask::local_p;
    o.window = 1;  // keys 1, 2, 3; σ = ½
    const attn::Trace trace = attn::run_attention(in, o);
    CHECK(test::step(trace, "p") == attn::Matrix{{2.0}});
    CHECK(trace.find("p")->is_vector);
    CHECK(test::step(trace, "mask") == attn::Matrix{{0, 1, 1, 1}});
    const double third = 1.0 / 3.0, g = std::exp(-2.0);  // e^(−1² / (2·¼))
    const attn::Matrix& align = test::step(trace, "align");
    CHECK(align(0, 0) == 0.0);
    CHECK(align(0, 2) == doctest::Approx(third).epsilon(1e-15));
    CHECK(test::step(trace, "gaussian")(0, 2) == 1.0);
    CHECK(test::step(trace, "gaussian")(0, 1) == doctest::Approx(g).epsilon(1e-15));
    const attn::Matrix& w = test::step(trace, "weights");
    CHECK(w(0, 1) == doctest::Approx(third * g).epsilon(1e-15));
    CHECK(w(0, 2) == doctest::Approx(third).epsilon(1e-15));
    // Not renormalised, as in the paper: the row sums to less than one.
    CHECK(test::step(trace, "context")(0, 0) == doctest::Approx(third * (2.0 * g + 3.0 + 4.0 * g)).epsilon(1e-14));
    CHECK(trace.variant == "dot+local_p");
}

TEST_CASE("local-p's centre moves with the query") {
    attn::Inputs in;
    in.Q = {{3.0}, {-3.0}};
    in.K = xt::zeros<double>({10, 1});
    in.V = xt::zeros<double>({10, 1});
    in.W_p = {{1.0}};
    in.v_p = {4.0};
    attn::Options o;
    o.mask = attn::Mask::local_p;
    const attn::Trace trace = attn::run_attention(in, o);
    const attn::Matrix& p = test::step(trace, "p");
    CHECK(p(0, 0) == doctest::Approx(10.0 / (1.0 + std::exp(-4.0 * std::tanh(3.0)))).epsilon(1e-15));
    CHECK(p(0, 0) > 9.0);
    CHECK(p(0, 1) < 1.0);
}
