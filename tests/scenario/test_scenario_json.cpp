// test_scenario_json.cpp — scenario parsing names the offending field and round-trips.
#include <doctest/doctest.h>

#include <sstream>

#include "scenario/presets.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/trace_json.hpp"
#include "scenario/version.hpp"

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
          "variant: unknown value \"magic\" (expected one of: dot, scaled_dot, general, additive, graph)");
    CHECK(parse_scenario(R"({"matrices": {"Q": [[1, 2], [3]]}})").error ==
          "matrices.Q[1]: has 1 entries but row 0 has 2");
    CHECK(parse_scenario(R"({"matrices": {"K": [[1, "x"]]}})").error == "matrices.K[0][1]: expected a finite number");
    CHECK(parse_scenario(R"({"matrices": {"K": [[1e999]]}})").error.find("number overflow") != std::string::npos);
    CHECK(parse_scenario(R"({"options": {"temperature": 0}})").error == "options.temperature: must be between 1e-6 and 1e6");
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

TEST_CASE("unknown matrix names, values beyond 1e30 and mislabelled tokens are refused") {
    using scenario::parse_scenario;
    CHECK(parse_scenario(R"({"matrices": {"Wq": [[1]]}})").error.rfind("matrices.Wq: unknown matrix (expected one of: Q, K, V", 0) == 0);
    CHECK(parse_scenario(R"({"matrices": {"Q": [[1, -2e30]]}})").error ==
          "matrices.Q[0][1]: outside the supported range |x| ≤ 1e30");
    CHECK(parse_scenario(R"({"tokens": {"queries": ["a", "b"]}, "matrices": {"Q": [[1]]}})").error ==
          "tokens.queries: 2 labels but Q has 1 rows");
    CHECK(parse_scenario(R"({"form": "self", "tokens": {"keys": ["a"]}, "matrices": {"X": [[1], [2]]}})").error ==
          "tokens.keys: 1 labels but X has 2 rows");
}

TEST_CASE("sizes over the documented limits are refused before anything is computed") {
    using scenario::parse_scenario;
    std::string rows = "[";
    for (std::size_t i = 0; i <= scenario::kMaxRows; ++i) rows += (i ? ",[0]" : "[0]");
    rows += "]";
    CHECK(parse_scenario(R"({"matrices": {"K": )" + rows + "}}").error == "matrices.K: more than 1024 rows");
    CHECK(parse_scenario(R"({"options": {"heads": 17}})").error == "options.heads: must be between 1 and 16");
    // 1024 queries × 1024 keys × 16 heads is over T·S·n_h ≤ 2²³.
    nlohmann::json big = {{"form", "multi_head"}, {"options", {{"heads", 16}}}};
    big["matrices"]["X"] = nlohmann::json::array();
    for (int t = 0; t < 1024; ++t) big["matrices"]["X"].push_back({0.0});
    CHECK(scenario::parse_scenario_json(big).error ==
          "$: T·S·n_h = 1024·1024·16 = 16777216 score cells exceed the limit of 8388608");
}

TEST_CASE("a description survives the round trip") {
    const auto parsed = scenario::parse_scenario(R"({"description": "Hello", "matrices": {"Q": [[1]]}})");
    REQUIRE_MESSAGE(parsed.scenario, parsed.error);
    CHECK(parsed.scenario->description == "Hello");
    CHECK(scenario::to_json(*parsed.scenario)["description"] == "Hello");
}

TEST_CASE("the streamed trace JSON equals trace_to_json") {
    for (const auto& preset : scenario::presets()) {
        INFO("preset: " << preset.name);
        const auto trace = scenario::compute_trace(*scenario::parse_scenario(preset.json).scenario);
        std::ostringstream out;
        scenario::write_trace_json(out, trace);
        CHECK(nlohmann::json::parse(out.str()) == scenario::trace_to_json(trace));
    }
}

TEST_CASE("compute_trace_into reuses the trace and keeps it when the scenario is refused") {
    scenario::Scenario s = scenario::default_scenario();
    attn::Trace trace;
    scenario::compute_trace_into(s, trace);
    const double* weights = trace.find("weights")->value.data();
    s.matrices["Q"](0, 0) = 2.0;
    scenario::compute_trace_into(s, trace);
    CHECK(trace.find("weights")->value.data() == weights);
    s.matrices["Q"] = attn::Matrix{{1.0, 2.0, 3.0}};
    CHECK_THROWS_AS(scenario::compute_trace_into(s, trace), attn::ShapeError);
    CHECK(trace.find("Q")->value(0, 0) == 2.0);
}

TEST_CASE("the first preset is one query over three keys with scaled dot-product attention") {
    const auto& first = scenario::presets().front();
    CHECK(first.name == "One query, three keys");
    const scenario::Scenario s = scenario::default_scenario();
    CHECK(s.options.score == attn::Score::scaled_dot);
    CHECK(s.options.form == attn::Form::plain);
    CHECK(s.matrices.at("Q").shape(0) == 1);
    CHECK(s.matrices.at("K").shape(0) == 3);
    CHECK(s.matrices.at("K").shape(1) == 2);
}

TEST_CASE("an empty matrix ([] or [[]]) is absent for validation, limits and labels alike") {
    using scenario::parse_scenario_json;
    // Multi-head with "Y": [[]] is self-attention: S = T, so T·S·n_h counts 1024·1024·16.
    nlohmann::json big = {{"form", "multi_head"}, {"options", {{"heads", 16}}}};
    for (int t = 0; t < 1024; ++t) big["matrices"]["X"].push_back({0.0});
    for (const char* empty : {"[[]]", "[]"}) {
        INFO("Y = " << empty);
        big["matrices"]["Y"] = nlohmann::json::parse(empty);
        CHECK(parse_scenario_json(big).error ==
              "$: T·S·n_h = 1024·1024·16 = 16777216 score cells exceed the limit of 8388608");
    }
    // Key labels count the rows of X, not those of the empty Y.
    nlohmann::json s = nlohmann::json::parse(R"({"form": "multi_head", "options": {"heads": 1},
        "tokens": {"queries": ["a", "b", "c"], "keys": ["a", "b", "c"]},
        "matrices": {"X": [[1], [2], [3]], "Y": [[]], "W_Q": [[1]], "W_K": [[1]], "W_V": [[1]], "W_O": [[1]]}})");
    const auto three = parse_scenario_json(s);
    REQUIRE_MESSAGE(three.scenario, three.error);
    CHECK(scenario::compute_trace(*three.scenario).find("weights")->value.shape(1) == 3);
    s["tokens"]["keys"] = {"a"};
    CHECK(parse_scenario_json(s).error == "tokens.keys: 1 labels but X has 3 rows");
}

TEST_CASE("the page's limits are smaller than the files' and are named in the message") {
    nlohmann::json s = {{"form", "multi_head"}, {"options", {{"heads", 4}}}};
    for (int t = 0; t < 1024; ++t) s["matrices"]["X"].push_back({0.0});
    CHECK(scenario::parse_scenario_json(s, scenario::kPageLimits).error ==
          "$: T·S·n_h = 1024·1024·4 = 4194304 score cells exceed the page's limit of 1048576");
    CHECK(scenario::parse_scenario_json(s).error.find("score cells") == std::string::npos);  // files take it
    const std::string padded = R"({"description": ")" + std::string((32u << 20) + 1, 'x') + R"("})";
    CHECK(scenario::parse_scenario(padded, scenario::kPageLimits).error.rfind("$: the scenario is", 0) == 0);
}

TEST_CASE("a scenario file that is a folder or missing says it cannot be read") {
    CHECK(scenario::read_scenario_file(".", 1 << 20).error == "cannot read .: it is a folder, not a file");
    CHECK(scenario::read_scenario_file("no/such/file.json", 1 << 20).error ==
          "cannot open no/such/file.json: no such file");
}

TEST_CASE("scenarios and traces record the release that wrote them, and reading one ignores it") {
    const std::string version = scenario::explorer_version();
    CHECK(!version.empty());
    const scenario::Scenario s = scenario::default_scenario();
    const nlohmann::json written = scenario::to_json(s);
    CHECK(written.at("explorer_version") == version);
    const auto back = scenario::parse_scenario(written.dump());
    REQUIRE_MESSAGE(back.scenario, back.error);
    CHECK(scenario::to_json(*back.scenario) == written);
    CHECK(scenario::parse_scenario(R"({"explorer_version": "0.1.0"})").scenario.has_value());  // an older release's file
    CHECK(scenario::parse_scenario(R"({"explorer_version": 1})").error == "explorer_version: expected a string");
    const attn::Trace trace = scenario::compute_trace(s);
    CHECK(scenario::trace_to_json(trace).at("explorer_version") == version);
    CHECK(scenario::trace_json_text(trace, nullptr).rfind("{\"explorer_version\": \"" + version + "\",\n", 0) == 0);
}
