// test_compare.cpp — counterparts change one choice; the comparison finds where weights differ.
#include <doctest/doctest.h>

#include "scenario/compare.hpp"
#include "scenario/presets.hpp"

namespace {

// Whether two traces differ in their variant or in any number of a step they share.
bool differs(const attn::Trace& a, const attn::Trace& b) {
    if (a.variant != b.variant || a.steps.size() != b.steps.size()) return true;
    for (const attn::Step& step : a.steps) {
        const attn::Step* other = b.find(step.id);
        if (!other || other->value.shape() != step.value.shape() || other->value != step.value) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("each contrast changes its choice and computes on every preset, or says why not") {
    std::size_t compared = 0;
    for (const scenario::Preset& preset : scenario::presets())
        for (const auto& contrast : scenario::kContrastNames) {
            const scenario::Scenario s = *scenario::parse_scenario(preset.json).scenario;
            const attn::Trace a = scenario::compute_trace(s);
            const scenario::Comparison c = scenario::compare(s, a, contrast.first);
            CAPTURE(preset.name);
            CAPTURE(contrast.second);
            CAPTURE(c.error);
            // The papers leave some counterparts undefined (multi-head with the linear kernel's dot
            // score): those say why.
            if (!c.error.empty()) continue;
            REQUIRE(c.b.find("weights") != nullptr);
            CHECK(differs(a, c.b));  // the counterpart changed its choice
            CHECK(c.b.find("weights")->value.shape() == a.find("weights")->value.shape());
            ++compared;
        }
    CHECK(compared > scenario::presets().size());  // most contrasts compute on most presets
}

TEST_CASE("scaling the saturation preset's scores moves the peak weight most") {
    const scenario::Scenario s = *scenario::parse_scenario(scenario::presets()[2].json).scenario;  // dot, d_k = 8
    REQUIRE(s.options.score == attn::Score::dot);
    const scenario::Comparison c = scenario::compare(s, scenario::compute_trace(s), scenario::Contrast::scaling);
    REQUIRE(c.error.empty());
    CHECK(c.b.variant == "scaled_dot");
    // Scores (16, 8, 12): w₀ = 1/(1 + e⁻⁸ + e⁻⁴) = 0.98169 unscaled, 1/(1 + e^(−8/√8) + e^(−4/√8)) = 0.76792
    // scaled; dividing by √8 moves the peak weight most.
    CHECK(c.largest == doctest::Approx(0.98169 - 0.76792).epsilon(1e-4));
    CHECK(c.row == 0);
    CHECK(c.col == 0);
}

TEST_CASE("a causal counterpart zeroes the weights above the diagonal") {
    scenario::Scenario s = *scenario::parse_scenario(scenario::presets()[3].json).scenario;  // self-attention
    const scenario::Comparison c = scenario::compare(s, scenario::compute_trace(s), scenario::Contrast::causality);
    REQUIRE(c.error.empty());
    const attn::Matrix& w = c.b.find("weights")->value;
    CHECK(w(0, 1) == 0.0);
    CHECK(w(0, 2) == 0.0);
    CHECK(w(1, 2) == 0.0);
}
