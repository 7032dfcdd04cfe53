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

TEST_CASE("a linear-attention row whose features underflow is flagged empty, not NaN") {
    attn::Inputs in;
    in.Q = {{-1e30}, {1.0}};  // φ(−1e30) = e^(−1e30) = 0
    in.K = {{1.0}, {2.0}};
    in.V = {{1.0}, {2.0}};
    attn::Options o;
    o.score = attn::Score::dot;
    o.algorithm = attn::Algorithm::linear;
    const attn::Trace trace = attn::run_attention(in, o);
    CHECK(trace.rows[0].empty);
    CHECK_FALSE(trace.rows[1].empty);
    CHECK(test::step(trace, "context")(0, 0) == 0.0);
    CHECK(test::step(trace, "weights")(0, 1) == 0.0);
}
