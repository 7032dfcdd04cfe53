// test_validation.cpp — inputs that do not fit are refused before computing, with a message that
// names the matrices (or options) and their shapes.
#include <doctest/doctest.h>

#include "helpers.hpp"

namespace {

attn::Inputs plain_inputs() {
    attn::Inputs in;
    in.Q = {{1.0, 0.0}};
    in.K = {{1.0, 0.0}, {0.0, 1.0}, {1.0, 1.0}};
    in.V = {{1.0, 2.0}, {3.0, 4.0}, {5.0, 6.0}};
    return in;
}

attn::Inputs self_inputs() {
    attn::Inputs in;
    in.X = {{1.0, 0.0, 1.0}, {0.0, 1.0, 0.0}};
    in.W_Q = xt::ones<double>({3, 4});
    in.W_K = xt::ones<double>({3, 4});
    in.W_V = xt::ones<double>({3, 2});
    return in;
}

std::string refusal(const attn::Inputs& in, const attn::Options& o) {
    try {
        attn::run_attention(in, o);
    } catch (const attn::ShapeError& e) {
        return e.what();
    }
    return "(accepted)";
}

}  // namespace

TEST_CASE("mismatched widths are refused with both shapes named") {
    attn::Inputs in = plain_inputs();
    in.Q = {{1.0, 0.0, 2.0}};
    CHECK(refusal(in, {}) == "K has 2 columns but Q has 3 columns: Q (1, 3), K (3, 2)");
    in = plain_inputs();
    in.V = {{1.0}};
    CHECK(refusal(in, {}) == "V has 1 rows but K has 3 rows: K (3, 2), V (1, 1)");
}

TEST_CASE("a missing matrix is named with the shape the variant expects") {
    attn::Inputs in = plain_inputs();
    attn::Options o;
    o.score = attn::Score::general;
    CHECK(refusal(in, o) == "W_a is missing or empty: variant \"general\" reads W_a (d_q, d_k)");
    o = {};
    o.form = attn::Form::self;
    CHECK(refusal(in, o) == "X is missing or empty: form \"self\" reads X (T, d)");
}

TEST_CASE("projections must fit the sequence they multiply") {
    attn::Inputs in = self_inputs();
    in.W_K = xt::ones<double>({2, 4});
    attn::Options o;
    o.form = attn::Form::self;
    CHECK(refusal(in, o) == "W_K has 2 rows but X has 3 columns: X (2, 3), W_K (2, 4)");
}

TEST_CASE("multi-head options must divide the projection widths") {
    attn::Inputs in = self_inputs();
    in.W_O = xt::ones<double>({2, 3});
    attn::Options o;
    o.form = attn::Form::multi_head;
    o.heads = 3;
    CHECK(refusal(in, o) ==
          "options.heads = 3 does not divide the 4 columns of W_Q: W_Q (3, 4) holds one block of equal width per head, side by side");
    o.heads = 2;
    CHECK(refusal(in, o) == "(accepted)");
    in.W_O = xt::ones<double>({3, 3});
    CHECK(refusal(in, o) == "W_O has 3 rows but W_V has 2 columns: W_V (3, 2), W_O (3, 3)");
    o.form = attn::Form::self;
    CHECK(refusal(in, o) == "options.heads = 2 needs form \"multi_head\" (this is form \"self\")");
}

TEST_CASE("the additive score's matrices must agree in their hidden width d_a") {
    attn::Inputs in = plain_inputs();
    in.W_a = xt::ones<double>({3, 2});
    in.U_a = xt::ones<double>({4, 2});
    in.v_a = {1.0, 1.0, 1.0};
    attn::Options o;
    o.score = attn::Score::additive;
    CHECK(refusal(in, o) == "U_a has 4 rows but W_a has 3 rows: W_a (3, 2), U_a (4, 2)");
    in.U_a = xt::ones<double>({3, 2});
    in.v_a = {1.0, 1.0};
    CHECK(refusal(in, o) == "v_a has 2 entries but W_a has 3 rows: W_a (3, 2), v_a (2)");
}

TEST_CASE("non-finite and out-of-range values are refused with their position") {
    attn::Inputs in = plain_inputs();
    in.K(1, 0) = NAN;
    CHECK(refusal(in, {}) == "K(1, 0) = nan is not a finite number");
    in = plain_inputs();
    in.V(2, 1) = 2e30;
    CHECK(refusal(in, {}) == "V(2, 1) = 2e+30 is outside the supported range |x| ≤ 1e30");
}

TEST_CASE("option values are checked against the inputs") {
    attn::Inputs in = plain_inputs();
    attn::Options o;
    o.temperature = 0.0;
    CHECK(refusal(in, o) == "options.temperature = 0 is outside its range 1e-06 … 1e+06");
    o = {};
    o.tile = 0;
    CHECK(refusal(in, o) == "options.tile must be ≥ 1 (got 0)");
    o = {};
    o.mask = attn::Mask::padding;
    o.key_lengths = {1, 2};
    CHECK(refusal(in, o) == "options.key_lengths has 2 entries but mask \"padding\" needs 1 (for every query) or 1 (one per query)");
    o.key_lengths = {4};
    CHECK(refusal(in, o) == "options.key_lengths[0] = 4 is not between 0 and the 3 keys");
    o = {};
    o.mask = attn::Mask::custom;
    in.mask = {{1.0, 0.5, 0.0}};
    CHECK(refusal(in, o) == "mask(0, 1) = 0.500000: a mask holds only 0 (masked) and 1 (may attend)");
    in.mask = {{1.0, 0.0}};
    CHECK(refusal(in, o) == "mask has 2 columns but K has 3 rows: K (3, 2), mask (1, 2)");
}

TEST_CASE("combinations the papers do not define are refused with the reason") {
    attn::Inputs in = plain_inputs();
    attn::Options o;
    o.algorithm = attn::Algorithm::linear;
    CHECK(refusal(in, o) == "algorithm \"linear\" replaces the softmax's e^(q·k) by φ(q)·φ(k) (Katharopoulos 2020), "
                            "so it takes variant \"dot\", not variant \"scaled_dot\"");
    o.score = attn::Score::dot;
    o.normalise = attn::Normalise::hard_argmax;
    CHECK(refusal(in, o).find("use normalise \"softmax\"") != std::string::npos);
    o.normalise = attn::Normalise::softmax;
    o.mask = attn::Mask::local_m;
    CHECK(refusal(in, o).find("takes mask \"none\" or \"causal\", not mask \"local_m\"") != std::string::npos);
    o = {};
    o.algorithm = attn::Algorithm::tiled;
    o.normalise = attn::Normalise::hard_sample;
    CHECK(refusal(in, o).rfind("algorithm \"tiled\" computes the softmax online", 0) == 0);
    o = {};
    o.mask = attn::Mask::local_p;
    o.window = 0;
    CHECK(refusal(in, o) == "mask \"local_p\" needs options.window ≥ 1 (its Gaussian has σ = D/2), not 0");
    o = {};
    o.form = attn::Form::multi_head;
    o.use = attn::ContextUse::concat_tanh;
    in = self_inputs();
    in.W_O = xt::ones<double>({2, 2});
    CHECK(refusal(in, o).find("use \"concat_tanh\" is defined for a single head") != std::string::npos);
}

TEST_CASE("the context's uses check their own matrices") {
    attn::Inputs in = plain_inputs();
    attn::Options o;
    o.use = attn::ContextUse::concat_tanh;
    in.H_dec = {{1.0}};
    in.W_c = xt::ones<double>({2, 2});
    CHECK(refusal(in, o) == "W_c has 2 columns but d_c + d_h = 2 + 1 = 3 (the context C (1, 2), H (1, 1)): W_c (2, 2)");
    o.use = attn::ContextUse::add;
    CHECK(refusal(in, o) == "H has 1 columns but the context C has 2 columns: the context C (1, 2), H (1, 1)");
    o.use = attn::ContextUse::output_projection;
    in.W_O = xt::ones<double>({3, 2});
    CHECK(refusal(in, o) == "W_O has 3 rows but the context C has 2 columns: the context C (1, 2), W_O (3, 2)");
}
