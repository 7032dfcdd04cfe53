// test_scores.cpp — the five scores and the temperature, each against a case worked by hand.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include <xtensor/xmanipulation.hpp>

#include "core/explain.hpp"
#include "core/matmul.hpp"
#include "core/scores.hpp"
#include "core/simd_math.hpp"
#include "helpers.hpp"

namespace {

// One query over two keys; V picks out which key won.
attn::Inputs two_keys() {
    attn::Inputs in;
    in.Q = {{1.0, 2.0}};
    in.K = {{3.0, 4.0}, {1.0, 0.0}};
    in.V = {{1.0, 0.0}, {0.0, 1.0}};
    return in;
}

}  // namespace

TEST_CASE("dot scores are plain dot products and weigh by e^s") {
    attn::Options o;
    o.score = attn::Score::dot;
    const attn::Trace trace = attn::run_attention(two_keys(), o);
    // q·k₀ = 1·3 + 2·4 = 11, q·k₁ = 1·1 + 2·0 = 1.
    CHECK(test::step(trace, "scores")(0, 0) == 11.0);
    CHECK(test::step(trace, "scores")(0, 1) == 1.0);
    CHECK(test::step(trace, "scaled")(0, 0) == 11.0);  // τ = 1, no √d_k
    const double w0 = 1.0 / (1.0 + std::exp(-10.0));
    CHECK(test::step(trace, "weights")(0, 0) == doctest::Approx(w0).epsilon(1e-14));
    CHECK(test::step(trace, "context")(0, 1) == doctest::Approx(1.0 - w0).epsilon(1e-12));
    CHECK(trace.variant == "dot");
}

TEST_CASE("a temperature divides every score before the softmax") {
    attn::Options o;
    o.score = attn::Score::dot;
    o.temperature = 0.5;
    const attn::Trace trace = attn::run_attention(two_keys(), o);
    CHECK(test::step(trace, "scaled")(0, 0) == 22.0);
    CHECK(test::step(trace, "scaled")(0, 1) == 2.0);
    CHECK(trace.find("scaled")->formula == "s'ₜⱼ = sₜⱼ / τ");
    o.score = attn::Score::scaled_dot;
    const attn::Trace scaled = attn::run_attention(two_keys(), o);
    CHECK(test::step(scaled, "scaled")(0, 0) == doctest::Approx(11.0 / (std::sqrt(2.0) * 0.5)).epsilon(1e-15));
}

TEST_CASE("general scores are qᵀ W_a k (Luong 2015)") {
    attn::Inputs in = two_keys();
    in.W_a = {{0.0, 1.0}, {1.0, 0.0}};  // swaps the query's coordinates
    attn::Options o;
    o.score = attn::Score::general;
    const attn::Trace trace = attn::run_attention(in, o);
    CHECK(test::step(trace, "W_a") == in.W_a);
    CHECK(test::step(trace, "Q_W_a") == attn::Matrix{{2.0, 1.0}});
    // (2, 1)·(3, 4) = 10, (2, 1)·(1, 0) = 2.
    CHECK(test::step(trace, "scores") == attn::Matrix{{10.0, 2.0}});
}

TEST_CASE("general scores accept queries and keys of different widths") {
    attn::Inputs in;
    in.Q = {{1.0, 2.0}};
    in.K = {{1.0, 0.0, 1.0}};
    in.V = {{5.0}};
    in.W_a = {{1.0, 0.0, 0.0}, {0.0, 0.0, 1.0}};  // (d_k of Q = 2, d_k of K = 3)
    attn::Options o;
    o.score = attn::Score::general;
    const attn::Trace trace = attn::run_attention(in, o);
    // Q·W_a = (1, 0, 2); · k = 1 + 2 = 3.
    CHECK(test::step(trace, "scores")(0, 0) == 3.0);
    CHECK(test::step(trace, "context")(0, 0) == 5.0);
}

TEST_CASE("the additive score's tanh is within 1e-15 of libm's, odd, and ±1 far out") {
    double worst = 0.0;
    for (int i = -2000000; i <= 2000000; ++i) {
        const double x = i * 1e-5 + 3e-9 * (i % 7);  // [−20, 20], off any grid
        worst = std::max(worst, std::fabs(attn::tanh_by_exp(x) - std::tanh(x)));
    }
    CHECK(worst < 1e-15);
    CHECK(attn::tanh_by_exp(0.0) == 0.0);
    CHECK(std::signbit(attn::tanh_by_exp(-0.0)));
    CHECK(attn::tanh_by_exp(-0.3) == -attn::tanh_by_exp(0.3));
    CHECK(attn::tanh_by_exp(400.0) == 1.0);
    CHECK(attn::tanh_by_exp(-1e30) == -1.0);
}

TEST_CASE("additive scores agree with libm's tanh, by the factored exponentials and past their bound") {
    attn::SplitMix64 rng{9};
    const std::size_t T = 5, S = 7, d_a = 9;  // d_a odd: the partial sums' last term
    const attn::Matrix v = test::random_matrix(rng, 1, d_a);
    for (const double scale : {3.0, 1e3}) {  // |x| ≤ 3: factored; up to 1e3: past kFactorBound
        CAPTURE(scale);
        const attn::Matrix A = scale * test::random_matrix(rng, T, d_a), B = test::random_matrix(rng, S, d_a);
        attn::Matrix scores = xt::zeros<double>({T, S});
        attn::Scratch scratch;
        attn::additive_scores(A, B, v.data(), scores, scratch);
        double worst = 0.0;
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t j = 0; j < S; ++j) {
                double expected = 0.0;
                for (std::size_t a = 0; a < d_a; ++a) expected += v(0, a) * std::tanh(A(t, a) + B(j, a));
                worst = std::max(worst, std::fabs(scores(t, j) - expected));
            }
        CHECK(worst < 1e-14);
    }
}

TEST_CASE("additive scores are v_aᵀ tanh(W_a q + U_a k) (Bahdanau 2015)") {
    attn::Inputs in;
    in.Q = {{1.0, 0.0}};                     // d_k of Q = 2
    in.K = {{0.0, 1.0, 0.0}, {1.0, 1.0, 0.0}};  // d_k of K = 3
    in.V = {{1.0}, {0.0}};
    in.W_a = {{1.0, 0.0}};        // (d_a = 1, 2): W_a q = 1
    in.U_a = {{1.0, -2.0, 0.0}};  // (1, 3): U_a k₀ = −2, U_a k₁ = −1
    in.v_a = {2.0};
    attn::Options o;
    o.score = attn::Score::additive;
    const attn::Trace trace = attn::run_attention(in, o);
    CHECK(test::step(trace, "W_a_q") == attn::Matrix{{1.0}});
    CHECK(test::step(trace, "U_a_k") == attn::Matrix{{-2.0}, {-1.0}});
    CHECK(test::step(trace, "v_a") == attn::Matrix{{2.0}});
    CHECK(trace.find("v_a")->is_vector);
    const attn::Matrix& s = test::step(trace, "scores");
    CHECK(s(0, 0) == doctest::Approx(2.0 * std::tanh(-1.0)).epsilon(1e-15));
    CHECK(s(0, 1) == doctest::Approx(2.0 * std::tanh(0.0)).epsilon(1e-15));
    const double w0 = 1.0 / (1.0 + std::exp(-2.0 * std::tanh(-1.0)));
    CHECK(test::step(trace, "weights")(0, 0) == doctest::Approx(w0).epsilon(1e-14));
}

TEST_CASE("graph scores are LeakyReLU(a_gᵀ[W_g q ‖ W_g k]), slope 0.2 below zero (Veličković 2018)") {
    attn::Inputs in;
    in.Q = {{1.0, 0.0}, {0.0, 1.0}};
    in.K = {{1.0, 0.0}, {0.0, 1.0}, {1.0, 1.0}};
    in.V = {{1.0}, {0.0}, {0.0}};
    in.W_g = {{2.0, 0.0}, {0.0, 1.0}};   // (d_a = 2, 2): W_g q₀ = (2, 0), W_g q₁ = (0, 1)
    in.a_g = {1.0, -1.0, 0.5, -3.0};     // a₁ = (1, −1), a₂ = (0.5, −3)
    attn::Options o;
    o.score = attn::Score::graph;
    const attn::Trace trace = attn::run_attention(in, o);
    CHECK(test::step(trace, "W_g_q") == attn::Matrix{{2.0, 0.0}, {0.0, 1.0}});
    CHECK(test::step(trace, "W_g_k") == attn::Matrix{{2.0, 0.0}, {0.0, 1.0}, {2.0, 1.0}});
    CHECK(trace.find("a_g")->is_vector);
    // Query terms a₁·W_g q: 2, −1. Key terms a₂·W_g k: 1, −3, −2.
    const attn::Matrix& s = test::step(trace, "scores");
    CHECK(s(0, 0) == 3.0);               // 2 + 1
    CHECK(s(0, 1) == doctest::Approx(-0.2).epsilon(1e-15));  // 0.2 × (2 − 3)
    CHECK(s(0, 2) == 0.0);               // 2 − 2
    CHECK(s(1, 0) == 0.0);               // −1 + 1
    CHECK(s(1, 1) == doctest::Approx(-0.8).epsilon(1e-15));  // 0.2 × (−1 − 3)
    CHECK(s(1, 2) == doctest::Approx(-0.6).epsilon(1e-15));
    CHECK(test::step(trace, "scaled") == s);  // τ = 1, no √d_k
    const attn::Explanation e = attn::explain_cell(trace, o, "scores", 0, 1);
    CHECK(e.text == "s₀,₁ = LeakyReLU(a₁·W_g q₀ + a₂·W_g k₁) = LeakyReLU(2.00 + (−3.00)) = 0.2 × (−1.00) = −0.200");
}

TEST_CASE("the graph score is a query's term plus a key's: every query ranks the keys alike") {
    attn::SplitMix64 rng{7};
    attn::Inputs in;
    in.Q = test::random_matrix(rng, 5, 3);
    in.K = test::random_matrix(rng, 6, 3);
    in.V = test::random_matrix(rng, 6, 2);
    in.W_g = test::random_matrix(rng, 4, 3);
    in.a_g = test::random_vector(rng, 8);
    attn::Options o;
    o.score = attn::Score::graph;
    const attn::Trace trace = attn::run_attention(in, o);
    const attn::Matrix& w = test::step(trace, "weights");
    std::vector<std::size_t> order(6);
    const auto ranked = [&](std::size_t t) {
        for (std::size_t j = 0; j < 6; ++j) order[j] = j;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return w(t, a) > w(t, b); });
        return order;
    };
    const std::vector<std::size_t> first = ranked(0);
    for (std::size_t t = 1; t < 5; ++t) CHECK(ranked(t) == first);
}

TEST_CASE("the matrix product adds in the textbook loop's order: equal to the last bit, on every edge shape") {
    // m covers partial strips of 6 rows, one strip and many; n odd and even; the last shapes are
    // large enough for B to be packed into panels first (matmul.cpp, worth_packing).
    std::vector<std::array<std::size_t, 3>> shapes;  // m, k, n
    for (std::size_t m : {1u, 5u, 6u, 7u, 13u, 24u, 31u})
        for (std::size_t k : {1u, 2u, 7u, 64u})
            for (std::size_t n : {1u, 2u, 3u, 8u, 17u}) shapes.push_back({m, k, n});
    for (std::size_t n : {129u, 130u}) shapes.push_back({25, 130, n});
    attn::SplitMix64 rng{3};
    attn::Scratch scratch;
    for (const auto& shape : shapes) {
        const std::size_t m = shape[0], k = shape[1], n = shape[2];
        CAPTURE(m);
        CAPTURE(k);
        CAPTURE(n);
        const attn::Matrix A = test::random_matrix(rng, m, k), B = test::random_matrix(rng, k, n);
        const attn::Matrix expected = test::naive_product(A, B);
        attn::Matrix C = xt::zeros<double>({m, n});
        attn::matmul(A, B, C, scratch);
        CHECK(test::max_abs_diff(C, expected) == 0.0);
        const attn::Matrix B_t = xt::transpose(B);
        attn::matmul_transposed(A, B_t, C, scratch);
        CHECK(test::max_abs_diff(C, expected) == 0.0);
    }
}
