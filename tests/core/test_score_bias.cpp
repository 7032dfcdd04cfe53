// test_score_bias.cpp — ALiBi's slopes, its bias by distance, where it sits in the pipeline, and
// what it refuses (Press et al. 2022).
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "core/explain.hpp"
#include "core/score_bias.hpp"
#include "helpers.hpp"
#include "scenario/scenario.hpp"

namespace {

// Plain attention over T = S = n tokens whose queries and keys are all equal, so every score is
// the same and only the bias tells the keys apart.
attn::Inputs equal_tokens(std::size_t n) {
    attn::Inputs in;
    in.Q = xt::ones<double>({n, std::size_t{2}});
    in.K = xt::ones<double>({n, std::size_t{2}});
    in.V = xt::zeros<double>({n, std::size_t{1}});
    for (std::size_t j = 0; j < n; ++j) in.V(j, 0) = static_cast<double>(j);
    return in;
}

}  // namespace

TEST_CASE("ALiBi's slopes are the geometric sequence 2^(−8h/n_h)") {
    // The paper's example for 8 heads: 1/2, 1/4, …, 1/256.
    for (std::size_t h = 0; h < 8; ++h) CHECK(attn::alibi_slope(h, 8) == std::ldexp(1.0, -static_cast<int>(h) - 1));
    CHECK(attn::alibi_slope(0, 1) == 1.0 / 256.0);  // one head takes the last slope of the sequence
    CHECK(attn::alibi_slope(1, 2) == 1.0 / 256.0);
    CHECK(attn::alibi_slope(0, 2) == 1.0 / 16.0);
}

TEST_CASE("the bias is −m·|t − j|, added after scaling and before the mask") {
    attn::Options o;
    o.bias = attn::ScoreBias::alibi;
    o.mask = attn::Mask::causal;
    const attn::Trace trace = attn::run_attention(equal_tokens(4), o);
    CHECK(trace.variant == "scaled_dot+alibi+causal");
    std::string order;
    for (const attn::Step& s : trace.steps) order += s.id + " ";
    CHECK(order.find("scores scaled bias biased mask weights") != std::string::npos);
    const attn::Matrix& bias = test::step(trace, "bias");
    const attn::Matrix& scaled = test::step(trace, "scaled");
    const attn::Matrix& biased = test::step(trace, "biased");
    for (std::size_t t = 0; t < 4; ++t)
        for (std::size_t j = 0; j < 4; ++j) {
            CHECK(bias(t, j) == -std::fabs(static_cast<double>(t) - static_cast<double>(j)) / 256.0);
            CHECK(biased(t, j) == scaled(t, j) + bias(t, j));
        }
    // Equal scores: the causal weights of the last query fall off as e^(−m·(t − j)).
    const attn::Matrix& w = test::step(trace, "weights");
    double Z = 0.0;
    for (std::size_t j = 0; j < 4; ++j) Z += std::exp(-(3.0 - static_cast<double>(j)) / 256.0);
    for (std::size_t j = 0; j < 4; ++j) CHECK(w(3, j) == doctest::Approx(std::exp(-(3.0 - j) / 256.0) / Z).epsilon(1e-15));
    CHECK(w(0, 1) == 0.0);
}

TEST_CASE("without a bias nothing is added and no step is written") {
    const attn::Trace trace = attn::run_attention(equal_tokens(3), attn::Options{});
    CHECK(trace.find("bias") == nullptr);
    CHECK(trace.find("biased") == nullptr);
}

TEST_CASE("each head of multi-head attention has its own slope") {
    attn::SplitMix64 rng{5};
    const attn::Inputs in = test::self_attention_inputs(rng, 5, 4, 2);
    attn::Options o;
    o.form = attn::Form::multi_head;
    o.heads = 4;
    o.bias = attn::ScoreBias::alibi;
    o.algorithm = attn::Algorithm::tiled;  // the online softmax reads the biased scores too
    o.tile = 2;
    const attn::Trace trace = attn::run_attention(in, o);
    for (std::size_t h = 0; h < 4; ++h) {
        const std::string head = "head" + std::to_string(h) + ".";
        CAPTURE(head);
        CHECK(test::step(trace, head + "bias")(0, 4) == -4.0 * std::exp2(-8.0 * static_cast<double>(h + 1) / 4.0));
        const attn::Matrix& s = test::step(trace, head + "biased");
        const attn::Matrix& w = test::step(trace, head + "weights");
        for (std::size_t t = 0; t < 5; ++t) {  // the weights are the softmax of the biased scores
            double m = s(t, 0), Z = 0.0;
            for (std::size_t j = 1; j < 5; ++j) m = std::max(m, s(t, j));
            for (std::size_t j = 0; j < 5; ++j) Z += std::exp(s(t, j) - m);
            for (std::size_t j = 0; j < 5; ++j) CHECK(w(t, j) == doctest::Approx(std::exp(s(t, j) - m) / Z).epsilon(1e-14));
        }
    }
}

TEST_CASE("linear attention refuses a bias: it never forms the scores") {
    attn::Options o;
    o.score = attn::Score::dot;
    o.algorithm = attn::Algorithm::linear;
    o.bias = attn::ScoreBias::alibi;
    CHECK_THROWS_WITH_AS(attn::run_attention(equal_tokens(3), o),
                         "bias \"alibi\" adds to the scores, and algorithm \"linear\" never forms them: use algorithm "
                         "\"standard\" or \"tiled\"",
                         attn::ShapeError);
}

TEST_CASE("hover texts of the bias, the biased scores and the weights that read them") {
    attn::Options o;
    o.bias = attn::ScoreBias::alibi;
    const attn::Trace trace = attn::run_attention(equal_tokens(3), o);
    CHECK(attn::explain_cell(trace, o, "bias", 0, 2).text == "b₀,₂ = −m_h·|t − j| = −m_h × 2 = −0.00781, with m_h = 0.00391");
    const attn::Explanation biased = attn::explain_cell(trace, o, "biased", 2, 0);
    CHECK(biased.text == "s''₂,₀ = s'₂,₀ + b₂,₀ = 1.41 + (−0.00781) = 1.41");
    REQUIRE(biased.sources.size() == 2);
    CHECK(biased.sources[1].step == "bias");
    const attn::Explanation w = attn::explain_cell(trace, o, "weights", 0, 0);
    CHECK(w.text.find("e^(s''₀,₀ − m₀)") != std::string::npos);
    CHECK(w.sources[0].step == "biased");
}

TEST_CASE("scenarios read and write the bias under options") {
    const scenario::ParseResult ok = scenario::parse_scenario(R"({"options": {"bias": "alibi"}})");
    REQUIRE(ok.scenario);
    CHECK(ok.scenario->options.bias == attn::ScoreBias::alibi);
    CHECK(scenario::to_json(*ok.scenario)["options"]["bias"] == "alibi");
    CHECK(scenario::parse_scenario(R"({"options": {"bias": "rope"}})").error ==
          "options.bias: unknown value \"rope\" (expected one of: none, alibi)");
    CHECK(scenario::parse_scenario(R"({"bias": "alibi"})").error == "bias: unknown field");
}
