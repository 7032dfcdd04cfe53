// test_forms.cpp — self, cross and multi-head attention: where Q, K and V come from.
#include <doctest/doctest.h>

#include "helpers.hpp"

TEST_CASE("self-attention projects one sequence X into Q, K and V") {
    attn::Inputs in;
    in.X = {{1.0, 2.0}, {3.0, 4.0}};
    in.W_Q = {{1.0, 0.0}, {0.0, 1.0}};
    in.W_K = {{0.0, 1.0}, {1.0, 0.0}};  // swaps columns
    in.W_V = {{1.0, 0.0}, {0.0, 0.0}};  // keeps the first column
    attn::Options o;
    o.form = attn::Form::self;
    const attn::Trace trace = attn::run_attention(in, o);
    CHECK(test::step(trace, "Q") == in.X);
    CHECK(test::step(trace, "K") == attn::Matrix{{2.0, 1.0}, {4.0, 3.0}});
    CHECK(test::step(trace, "V") == attn::Matrix{{1.0, 0.0}, {3.0, 0.0}});
    CHECK(test::step(trace, "scores")(0, 0) == 4.0);  // (1, 2)·(2, 1)
    CHECK(trace.variant == "self/scaled_dot");
    std::vector<std::string> ids;
    for (const auto& s : trace.steps) ids.push_back(s.id);
    CHECK(std::vector<std::string>(ids.begin(), ids.begin() + 7) ==
          std::vector<std::string>{"X", "W_Q", "W_K", "W_V", "Q", "K", "V"});
}

TEST_CASE("cross-attention takes queries from X and keys and values from Y") {
    attn::Inputs in;
    in.X = {{1.0, 1.0}};                // one decoder token, d = 2
    in.Y = {{1.0}, {2.0}, {3.0}};       // three encoder tokens, d_y = 1
    in.W_Q = {{1.0}, {1.0}};            // (2, 1)
    in.W_K = {{1.0}};                   // (1, 1)
    in.W_V = {{10.0}};                  // (1, 1)
    attn::Options o;
    o.form = attn::Form::cross;
    o.score = attn::Score::dot;
    const attn::Trace trace = attn::run_attention(in, o);
    CHECK(test::step(trace, "Q") == attn::Matrix{{2.0}});
    CHECK(test::step(trace, "K") == attn::Matrix{{1.0}, {2.0}, {3.0}});
    CHECK(test::step(trace, "V") == attn::Matrix{{10.0}, {20.0}, {30.0}});
    CHECK(test::step(trace, "scores") == attn::Matrix{{2.0, 4.0, 6.0}});
    CHECK(test::step(trace, "weights").shape(1) == 3);
}

TEST_CASE("multi-head attention equals per-head scaled dot-product attention, concatenated, times W_O") {
    attn::SplitMix64 rng{11};
    const std::size_t T = 5, d = 6, H = 3, d_k = 2, d_v = 3, d_o = 4;
    attn::Inputs in;
    in.X = test::random_matrix(rng, T, d, -2.0, 2.0);
    in.W_Q = test::random_matrix(rng, d, H * d_k);
    in.W_K = test::random_matrix(rng, d, H * d_k);
    in.W_V = test::random_matrix(rng, d, H * d_v);
    in.W_O = test::random_matrix(rng, H * d_v, d_o);
    attn::Options o;
    o.form = attn::Form::multi_head;
    o.heads = static_cast<int>(H);
    SUBCASE("global") {}
    SUBCASE("causal") { o.mask = attn::Mask::causal; }
    const attn::Trace trace = attn::run_attention(in, o);
    CHECK(trace.variant == std::string("multi_head/scaled_dot") + (o.mask == attn::Mask::causal ? "+causal" : ""));

    // The standard formulation, head by head, with the textbook product.
    attn::Matrix concat = xt::zeros<double>({T, H * d_v});
    attn::Matrix mean_weights = xt::zeros<double>({T, T});
    for (std::size_t i = 0; i < H; ++i) {
        CAPTURE(i);
        attn::Inputs head;
        head.Q = test::naive_product(in.X, test::columns(in.W_Q, i * d_k, d_k));
        head.K = test::naive_product(in.X, test::columns(in.W_K, i * d_k, d_k));
        head.V = test::naive_product(in.X, test::columns(in.W_V, i * d_v, d_v));
        attn::Options plain;
        plain.mask = o.mask;
        const attn::Trace one = attn::run_attention(head, plain);
        const std::string p = "head" + std::to_string(i) + ".";
        CHECK(test::max_abs_diff(test::step(trace, p + "Q"), head.Q) < 1e-13);
        CHECK(test::max_abs_diff(test::step(trace, p + "weights"), test::step(one, "weights")) < 1e-13);
        CHECK(test::max_abs_diff(test::step(trace, p + "context"), test::step(one, "context")) < 1e-13);
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t c = 0; c < d_v; ++c) concat(t, i * d_v + c) = test::step(one, "context")(t, c);
        mean_weights += test::step(one, "weights") / static_cast<double>(H);
    }
    CHECK(test::max_abs_diff(test::step(trace, "context"), concat) < 1e-13);
    CHECK(test::max_abs_diff(test::step(trace, "output"), test::naive_product(concat, in.W_O)) < 1e-12);
    CHECK(test::max_abs_diff(test::step(trace, "weights"), mean_weights) < 1e-13);
    CHECK(trace.rows.size() == T);
}

TEST_CASE("multi-head attention with Y is encoder–decoder attention per head") {
    attn::SplitMix64 rng{12};
    attn::Inputs in;
    in.X = test::random_matrix(rng, 2, 3);
    in.Y = test::random_matrix(rng, 4, 5);
    in.W_Q = test::random_matrix(rng, 3, 4);
    in.W_K = test::random_matrix(rng, 5, 4);
    in.W_V = test::random_matrix(rng, 5, 2);
    in.W_O = test::random_matrix(rng, 2, 2);
    attn::Options o;
    o.form = attn::Form::multi_head;
    o.heads = 2;
    const attn::Trace trace = attn::run_attention(in, o);
    CHECK(test::step(trace, "weights").shape(0) == 2);
    CHECK(test::step(trace, "weights").shape(1) == 4);
    CHECK(test::max_abs_diff(test::step(trace, "head1.K"), test::naive_product(in.Y, test::columns(in.W_K, 2, 2))) <
          1e-14);
}
