// test_linear.cpp — linear attention (Katharopoulos 2020), global and causal.
#include <doctest/doctest.h>

#include <cmath>

#include "core/linear_attention.hpp"
#include "helpers.hpp"

TEST_CASE("the feature map is elu(x) + 1") {
    const attn::Matrix x = {{1.0, 0.0, -1.0, 2.5}};
    attn::Matrix phi = xt::zeros<double>({1, 4});
    attn::elu_feature_map(x, phi);
    CHECK(phi == attn::Matrix{{2.0, 1.0, std::exp(-1.0), 3.5}});
}

TEST_CASE("global linear attention summarises keys and values once as φ(K)ᵀV and Σφ(k)") {
    attn::Inputs in;
    in.Q = {{0.0}, {1.0}};
    in.K = {{0.0}, {1.0}};  // φ(K) = (1, 2)
    in.V = {{3.0}, {6.0}};
    attn::Options o;
    o.score = attn::Score::dot;
    o.algorithm = attn::Algorithm::linear;
    const attn::Trace trace = attn::run_attention(in, o);
    CHECK(test::step(trace, "KV") == attn::Matrix{{1.0 * 3.0 + 2.0 * 6.0}});
    CHECK(test::step(trace, "Z") == attn::Matrix{{3.0}});
    CHECK(trace.find("Z")->is_vector);
    // Any query: c = φ(q)·15 / φ(q)·3 = 5; weights φ(q)φ(k) / Σ = (1/3, 2/3).
    CHECK(test::step(trace, "context") == attn::Matrix{{5.0}, {5.0}});
    CHECK(test::step(trace, "weights")(0, 1) == doctest::Approx(2.0 / 3.0).epsilon(1e-15));
    CHECK(trace.variant == "dot+linear");
    CHECK(trace.rows[0].jacobian_norm == 0.0);  // no softmax
}

TEST_CASE("causal linear attention keeps running sums, so the first query sees only the first value") {
    attn::SplitMix64 rng{31};
    attn::Inputs in;
    in.Q = test::random_matrix(rng, 5, 3);
    in.K = test::random_matrix(rng, 5, 3);
    in.V = test::random_matrix(rng, 5, 2);
    attn::Options o;
    o.score = attn::Score::dot;
    o.algorithm = attn::Algorithm::linear;
    o.mask = attn::Mask::causal;
    const attn::Trace trace = attn::run_attention(in, o);
    const attn::Matrix& c = test::step(trace, "context");
    CHECK(c(0, 0) == doctest::Approx(in.V(0, 0)).epsilon(1e-14));
    // The recurrent form equals the materialised weights times V.
    CHECK(test::max_abs_diff(c, test::naive_product(test::step(trace, "weights"), in.V)) < 1e-14);
    const attn::Matrix& w = test::step(trace, "weights");
    for (std::size_t t = 0; t < 5; ++t)
        for (std::size_t j = t + 1; j < 5; ++j) CHECK(w(t, j) == 0.0);
    // Z_prefix's last row is the global Z.
    o.mask = attn::Mask::none;
    const attn::Trace global = attn::run_attention(in, o);
    for (std::size_t i = 0; i < 3; ++i)
        CHECK(test::step(trace, "Z_prefix")(4, i) == doctest::Approx(test::step(global, "Z")(0, i)).epsilon(1e-15));
}

namespace {

attn::Trace linear_trace(attn::Matrix Q, attn::Matrix K, attn::Matrix V, attn::Mask mask = attn::Mask::none) {
    attn::Inputs in;
    in.Q = std::move(Q);
    in.K = std::move(K);
    in.V = std::move(V);
    attn::Options o;
    o.score = attn::Score::dot;
    o.algorithm = attn::Algorithm::linear;
    o.mask = mask;
    return attn::run_attention(in, o);
}

}  // namespace

TEST_CASE("linear attention is exact where φ(q) underflows: the factor of φ(qₜ) cancels") {
    // φ(−1000) = e^(−1000) is 0 in double precision, φ(−740) subnormal; the weights are still
    // φ(k₀) : φ(k₁) = 1 : 3.
    for (double q : {-1000.0, -740.0, -1e30}) {
        INFO("q = " << q);
        const attn::Trace trace = linear_trace({{q}}, {{0.0}, {2.0}}, {{1.0}, {5.0}});
        CHECK_FALSE(trace.rows[0].empty);
        CHECK(test::step(trace, "weights")(0, 0) == doctest::Approx(0.25).epsilon(1e-15));
        CHECK(test::step(trace, "weights")(0, 1) == doctest::Approx(0.75).epsilon(1e-15));
        CHECK(test::step(trace, "context")(0, 0) == doctest::Approx(0.25 * 1.0 + 0.75 * 5.0).epsilon(1e-15));
        CHECK(trace.rows[0].max_weight == doctest::Approx(0.75).epsilon(1e-15));
    }
    // Two dimensions: wⱼ ∝ φ(k_j0) + e^(−1) φ(k_j1), the common e^(−1000) gone.
    const attn::Trace two = linear_trace({{-1000.0, -1001.0}}, {{0.0, 3.0}, {2.0, -1.0}}, {{1.0}, {0.0}});
    const double a = 1.0 + std::exp(-1.0) * 4.0, b = 3.0 + std::exp(-1.0) * std::exp(-1.0);
    CHECK(test::step(two, "weights")(0, 0) == doctest::Approx(a / (a + b)).epsilon(1e-14));
    CHECK(test::step(two, "context")(0, 0) == doctest::Approx(a / (a + b)).epsilon(1e-14));
    // At |x| = 1e30 the key scales must not be rounded away: equal queries weigh Σᵢ φ(kⱼᵢ), 7 : 3.
    const attn::Trace huge = linear_trace({{-1e30, -1e30}}, {{0.0, 5.0}, {1.0, 0.0}}, {{1.0}, {0.0}});
    CHECK(test::step(huge, "weights")(0, 0) == doctest::Approx(0.7).epsilon(1e-15));
    CHECK(test::step(huge, "context")(0, 0) == doctest::Approx(0.7).epsilon(1e-15));
    // Huge and small parts that cancel: w ∝ e^(qᵢ + kⱼᵢ) summed over i. Key 0: e^(−1e16) + e^(−1.5 − 1e16);
    // key 1: e^(−2e16) + e^(−1.5 − 1e16 + 2), so w₀ = (1 + e^(−1.5)) / (1 + e^(−1.5) + e^(0.5)).
    const attn::Trace mixed = linear_trace({{-1e16, -1.5}}, {{0.0, -1e16}, {-1e16, -1e16 + 2.0}}, {{1.0}, {0.0}});
    const double w0 = (1.0 + std::exp(-1.5)) / (1.0 + std::exp(-1.5) + std::exp(0.5));
    CHECK(test::step(mixed, "weights")(0, 0) == doctest::Approx(w0).epsilon(1e-14));
    CHECK(test::step(mixed, "context")(0, 0) == doctest::Approx(w0).epsilon(1e-14));
    // The same at the scale of the limit: exponents −1e30 and −2⁴⁷ − 3 beside −1e30 + 2⁴⁷.
    const double p47 = std::ldexp(1.0, 47);
    const attn::Trace edge = linear_trace({{-1e30, -p47 - 3.0}}, {{0.0, -1e30}, {-1e30, -1e30 + p47}}, {{1.0}, {0.0}});
    // key 0: e^(−1e30) + e^(−p47 − 3 − 1e30); key 1: e^(−2e30) + e^(−p47 − 3 − 1e30 + p47) = e^(−3 − 1e30) (up to
    // the rounding of −1e30 + 2⁴⁷ itself, which is exact: 2⁴⁷ is a multiple of ulp(1e30)).
    const double e0 = 1.0, e1 = std::exp(-3.0);
    CHECK(test::step(edge, "weights")(0, 0) == doctest::Approx(e0 / (e0 + e1)).epsilon(1e-14));
}

TEST_CASE("causal linear attention is exact where a prefix's features underflow beside later keys") {
    // Row 0 sees only φ(−1000); row 1 sees it beside φ(0) = 1.
    const attn::Trace trace = linear_trace({{0.0}, {0.0}}, {{-1000.0}, {0.0}}, {{3.0}, {7.0}}, attn::Mask::causal);
    const attn::Matrix& w = test::step(trace, "weights");
    CHECK(w(0, 0) == 1.0);
    CHECK(w(0, 1) == 0.0);
    CHECK(w(1, 1) == 1.0);
    CHECK(test::step(trace, "context")(0, 0) == doctest::Approx(3.0).epsilon(1e-15));
    CHECK(test::step(trace, "context")(1, 0) == doctest::Approx(7.0).epsilon(1e-15));
    CHECK_FALSE(trace.rows[0].empty);
    // Random extreme inputs: the context equals the shown weights times V, row by row.
    attn::SplitMix64 rng{7};
    for (double scale : {40.0, 800.0, 1e5}) {
        INFO("scale = " << scale);
        attn::Matrix Q = test::random_matrix(rng, 6, 3) * scale, K = test::random_matrix(rng, 6, 3) * scale;
        const attn::Matrix V = test::random_matrix(rng, 6, 2);
        for (attn::Mask mask : {attn::Mask::none, attn::Mask::causal}) {
            const attn::Trace t = linear_trace(Q, K, V, mask);
            const attn::Matrix& weights = test::step(t, "weights");
            CHECK(test::max_abs_diff(test::step(t, "context"), test::naive_product(weights, V)) < 1e-12);
            for (std::size_t r = 0; r < 6; ++r) {
                CHECK_FALSE(t.rows[r].empty);
                double sum = 0.0;
                for (std::size_t j = 0; j < 6; ++j) sum += weights(r, j);
                CHECK(sum == doctest::Approx(1.0).epsilon(1e-14));
            }
        }
    }
}

TEST_CASE("multi-head diagnostics come from the mean weights shown, and a row is empty only in every head") {
    // Head 0's queries are −1000 (φ underflows), head 1's are 0.
    attn::Inputs in;
    in.X = {{1.0}, {1.0}};
    in.W_Q = {{-1000.0, 0.0}};
    in.W_K = {{0.0, 1.0}};
    in.W_V = {{1.0, 1.0}};
    in.W_O = {{1.0}, {1.0}};
    attn::Options o;
    o.form = attn::Form::multi_head;
    o.heads = 2;
    o.score = attn::Score::dot;
    o.algorithm = attn::Algorithm::linear;
    const attn::Trace trace = attn::run_attention(in, o);
    const attn::Matrix& mean = test::step(trace, "weights");
    CHECK(mean(0, 0) == doctest::Approx(0.5).epsilon(1e-15));  // two equal keys in both heads
    CHECK_FALSE(trace.rows[0].empty);
    CHECK(trace.rows[0].max_weight == doctest::Approx(0.5).epsilon(1e-15));
}
