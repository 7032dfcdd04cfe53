// test_gradient_step.cpp — "take one step" moves the chosen inputs against their gradients and
// lowers the loss; a bad step size or an input without a gradient changes nothing.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/step_ids.hpp"
#include "scenario/gradient_step.hpp"

namespace {

scenario::Scenario parse(const char* json) {
    scenario::ParseResult parsed = scenario::parse_scenario(json);
    REQUIRE_MESSAGE(parsed.scenario, parsed.error);
    return *parsed.scenario;
}

// "Which key should it have picked?": the cross-entropy of its weights against a 1 at "cat".
constexpr const char* kPick = R"({"variant": "scaled_dot", "options": {"loss": "cross_entropy"},
    "tokens": {"queries": ["it"], "keys": ["the", "cat", "sat"]},
    "matrices": {"Q": [[1, 0]], "K": [[1, 0], [0, 1], [1, 1]], "V": [[1, 2], [3, 4], [5, 6]],
                 "target_weights": [[0, 1, 0]]}})";

double loss_of(const attn::Trace& trace) { return trace.value(attn::step_id::loss)(0, 0); }

}  // namespace

TEST_CASE("the inputs a step can move are those the variant reads as given and has gradients of") {
    scenario::Scenario plain = parse(kPick);
    CHECK(scenario::learnable_inputs(plain, scenario::compute_trace(plain)) == std::vector<std::string>{"Q", "K", "V"});

    // Self-attention computes Q, K and V: a Q kept from the plain form is not a parameter.
    scenario::Scenario self = parse(R"({"variant": "scaled_dot", "form": "self", "options": {"loss": "upstream"},
        "tokens": {"queries": ["a", "b"], "keys": ["a", "b"]},
        "matrices": {"X": [[1, 0], [0, 1]], "W_Q": [[1, 0], [0, 1]], "W_K": [[1, 0], [0, 1]],
                     "W_V": [[1, 0], [0, 1]], "Q": [[9, 9], [9, 9]], "dO": [[1, 0], [0, 1]]}})");
    CHECK(scenario::learnable_inputs(self, scenario::compute_trace(self)) ==
          std::vector<std::string>{"X", "W_Q", "W_K", "W_V"});

    // Without a loss there is nothing to step along.
    scenario::Scenario none = plain;
    none.options.loss = attn::Loss::none;
    CHECK(scenario::learnable_inputs(none, scenario::compute_trace(none)).empty());
}

TEST_CASE("steps against the gradient lower the loss and move the weight towards the target") {
    scenario::Scenario s = parse(kPick);
    attn::Trace trace = scenario::compute_trace(s);
    double loss = loss_of(trace), weight = trace.value(attn::step_id::weights)(0, 1);
    for (int i = 0; i < 20; ++i) {
        REQUIRE(scenario::take_gradient_step(s, trace, 0.5, {"Q", "K"}).empty());
        trace = scenario::compute_trace(s);
        CHECK(loss_of(trace) < loss);
        CHECK(trace.value(attn::step_id::weights)(0, 1) > weight);
        loss = loss_of(trace);
        weight = trace.value(attn::step_id::weights)(0, 1);
    }
    CHECK(weight > 0.9);
    // V does not change a loss on the weights, and was not chosen: it stays as it was.
    CHECK(s.matrices.at("V") == parse(kPick).matrices.at("V"));
}

TEST_CASE("a step is exactly x − η·∂L/∂x") {
    scenario::Scenario s = parse(kPick);
    const attn::Trace trace = scenario::compute_trace(s);
    const attn::Matrix before = s.matrices.at("K"), grad = trace.value("grad.K");
    REQUIRE(scenario::take_gradient_step(s, trace, 0.25, {"K"}).empty());
    for (std::size_t k = 0; k < before.size(); ++k) CHECK(s.matrices.at("K").data()[k] == before.data()[k] - 0.25 * grad.data()[k]);
}

TEST_CASE("a bad step changes nothing and says why") {
    const scenario::Scenario original = parse(kPick);
    scenario::Scenario s = original;
    const attn::Trace trace = scenario::compute_trace(s);
    CHECK(scenario::take_gradient_step(s, trace, 0.0, {"Q"}).find("positive") != std::string::npos);
    CHECK(scenario::take_gradient_step(s, trace, -1.0, {"Q"}).find("positive") != std::string::npos);
    CHECK(scenario::take_gradient_step(s, trace, 0.5, {"Q", "target_weights"}).find("target_weights") != std::string::npos);
    CHECK(scenario::take_gradient_step(s, trace, 0.5, {"W_Q"}).find("W_Q") != std::string::npos);
    CHECK(scenario::to_json(s) == scenario::to_json(original));

    // A step past the range every input obeys (|x| ≤ 1e30): refused as a whole, the first input included.
    scenario::Scenario huge = parse(R"({"variant": "scaled_dot", "options": {"loss": "upstream"},
        "tokens": {"queries": ["q"], "keys": ["a", "b"]},
        "matrices": {"Q": [[1, 0]], "K": [[1, 0], [0, 1]], "V": [[1, 0], [0, 1]], "dO": [[1e29, 1e29]]}})");
    const scenario::Scenario huge_before = huge;
    CHECK(scenario::take_gradient_step(huge, scenario::compute_trace(huge), 100.0, {"Q", "V"}).find("smaller") !=
          std::string::npos);
    CHECK(scenario::to_json(huge) == scenario::to_json(huge_before));
}
