// test_readings.cpp — the Diagnostics panel's sentences.
#include <doctest/doctest.h>

#include "scenario/presets.hpp"
#include "scenario/readings.hpp"

namespace {

std::vector<std::string> readings_of(const char* preset_name) {
    for (const scenario::Preset& preset : scenario::presets())
        if (preset.name == preset_name) {
            const scenario::Scenario s = *scenario::parse_scenario(preset.json).scenario;
            return scenario::read_diagnostics(scenario::compute_trace(s), s.query_tokens, s.key_tokens);
        }
    FAIL("no preset " << preset_name);
    return {};
}

}  // namespace

TEST_CASE("a query with a clear favourite names its two heaviest keys") {
    // w = (0.256, 0.577, 0.167) over "the", "cat", "sat".
    const auto readings = readings_of("One query, three keys");
    REQUIRE(readings.size() == 1);
    CHECK(readings[0] == "\"it\" attends mostly to \"cat\" (0.58) and \"the\" (0.26); 3 keys hold 90 % of its attention.");
}

TEST_CASE("large unscaled scores read as almost-only attention with a saturated softmax") {
    const auto readings = readings_of("Unscaled scores saturate");
    REQUIRE(readings.size() == 1);
    CAPTURE(readings[0]);
    CHECK(readings[0].find("\"q\" attends almost only to \"a\" (0.98).") == 0);
}

TEST_CASE("a fully masked query says it has nothing to attend to") {
    const auto readings = readings_of("Padding and an empty row");
    REQUIRE(readings.size() == 3);
    CHECK(readings[2] == "\"q2\" has no key to attend to: the mask hides every key, so its weights are all 0.");
}

TEST_CASE("a causal first token attends only to itself") {
    const auto readings = readings_of("Causal self-attention");
    REQUIRE(readings.size() == 4);
    CHECK(readings[0] == "\"I\" attends almost only to \"I\" (1.00).");
}

TEST_CASE("equal scores read as attention spread evenly") {
    scenario::Scenario s = scenario::default_scenario();
    s.matrices["Q"] = attn::Matrix{{0.0, 0.0}};  // every score 0: uniform weights
    const auto readings = scenario::read_diagnostics(scenario::compute_trace(s), s.query_tokens, s.key_tokens);
    CHECK(readings[0] == "\"it\" spreads its attention almost evenly over the keys (entropy 1.10 of at most ln 3 = 1.10).");
}
