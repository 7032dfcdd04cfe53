// test_scenario_json.cpp — scenario parsing names the offending field and round-trips.
#include <doctest/doctest.h>

#include "scenario/presets.hpp"
#include "scenario/scenario.hpp"
#include "scenario/trace_json.hpp"

TEST_CASE("every preset parses and computes") {
    for (const auto& preset : scenario::presets()) {
        INFO("preset: " << preset.name);
        const auto parsed = scenario::parse_scenario(preset.json);
        REQUIRE_MESSAGE(parsed.scenario, parsed.error);
        CHECK_NOTHROW(scenario::compute_trace(*parsed.scenario));
    }
}

TEST_CASE("a scenario survives a round trip through JSON") {
    const scenario::Scenario s = scenario::default_scenario();
    const auto again = scenario::parse_scenario(scenario::to_json(s).dump());
    REQUIRE_MESSAGE(again.scenario, again.error);
    CHECK(scenario::to_json(*again.scenario) == scenario::to_json(s));
}

TEST_CASE("bad input names the JSON path of the offending field") {
    using scenario::parse_scenario;
    CHECK(parse_scenario("{").error.rfind("$: malformed JSON (parse error at line 1, column 2", 0) == 0);
    CHECK(parse_scenario(R"({"variant": "magic"})").error ==
          "variant: unknown value \"magic\" (expected one of: dot, scaled_dot, general, additive)");
    CHECK(parse_scenario(R"({"matrices": {"Q": [[1, 2], [3]]}})").error ==
          "matrices.Q[1]: has 1 entries but row 0 has 2");
    CHECK(parse_scenario(R"({"matrices": {"K": [[1, "x"]]}})").error == "matrices.K[0][1]: expected a finite number");
    CHECK(parse_scenario(R"({"matrices": {"K": [[1e999]]}})").error.find("number overflow") != std::string::npos);
    CHECK(parse_scenario(R"({"options": {"temperature": 0}})").error == "options.temperature: must be > 0");
}

TEST_CASE("the trace JSON has one entry per step with shape and data") {
    const auto trace = scenario::compute_trace(scenario::default_scenario());
    const auto json = scenario::trace_to_json(trace);
    CHECK(json["variant"] == "scaled_dot");
    CHECK(json["steps"].size() == trace.steps.size());
    const auto& weights = json["steps"][6];
    CHECK(weights["id"] == "weights");
    CHECK(weights["shape"] == nlohmann::json::array({1, 3}));
    CHECK(weights["data"][0].size() == 3);
}
