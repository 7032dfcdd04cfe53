// test_application.cpp — applications: every one opens, fits its keys and computes; the
// "application" field is read with messages that name the offending field and written back.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "scenario/presets.hpp"
#include "scenario/edit.hpp"

namespace {

std::string error_of(const std::string& json) { return scenario::parse_scenario(json).error; }

const std::string kPlain = R"("matrices": {"Q": [[1, 0]], "K": [[1, 0], [0, 1]], "V": [[1], [2]]})";

}  // namespace

TEST_CASE("every application opens as a preset, fits its keys, computes and reads back the same") {
    std::size_t seen = 0;
    bool views[scenario::kAppViews.size()] = {};
    for (const scenario::Preset& preset : scenario::presets()) {
        if (!preset.application) continue;
        CAPTURE(preset.name);
        ++seen;
        const scenario::ParseResult parsed = scenario::parse_scenario(preset.json);
        REQUIRE(parsed.error == "");
        const scenario::Scenario& s = *parsed.scenario;
        REQUIRE(s.application);
        views[static_cast<std::size_t>(s.application->view)] = true;
        CHECK(!preset.description.empty());
        const attn::Trace trace = scenario::compute_trace(s);
        CHECK(scenario::application_fit(*s.application, trace.find("weights")->value.shape(1)) == "");
        const scenario::ParseResult again = scenario::parse_scenario(scenario::to_json(s).dump());
        REQUIRE(again.error == "");
        CHECK(scenario::application_json(*again.scenario->application) == scenario::application_json(*s.application));
    }
    CHECK(seen == scenario::kAppViews.size());
    CHECK(std::all_of(std::begin(views), std::end(views), [](bool v) { return v; }));  // one of each view
}

TEST_CASE("the application field names the offending field") {
    CHECK(error_of("{" + kPlain + R"(, "application": {"view": "radar"}})") ==
          "application.view: unknown view \"radar\" (expected one of: translation, image, speech, graph, sentiment, series)");
    CHECK(error_of("{" + kPlain + R"(, "application": {"view": "graph"}})") == "application.nodes: the \"graph\" view needs it");
    CHECK(error_of("{" + kPlain + R"(, "application": {"view": "graph", "nodes": [[0, 0], [0.5, 2]]}})") ==
          "application.nodes[1][1]: must be between 0 and 1");
    CHECK(error_of("{" + kPlain + R"(, "application": {"view": "graph", "nodes": [[0, 0]]}})") ==
          "application.nodes: 1 nodes but 2 keys");
    CHECK(error_of("{" + kPlain + R"(, "application": {"view": "image", "grid": [2, 2]}})") ==
          "application.grid: 4 regions but 2 keys");
    CHECK(error_of("{" + kPlain + R"(, "application": {"view": "image", "grid": [1, 2], "shapes": [{"rect": [0.5, 0, 0.2, 1]}]}})") ==
          "application.shapes[0].rect: x1 and y1 must exceed x0 and y0");
    CHECK(error_of("{" + kPlain + R"(, "application": {"view": "speech", "bands": 8, "segments": [{"frames": [1, 2]}]}})") ==
          "application.segments[0].frames: frame 2 but 2 keys (frames 0 to 1)");
    CHECK(error_of("{" + kPlain + R"(, "application": {"view": "series", "nodes": []}})") ==
          "application.nodes: unknown field for view \"series\"");
}

TEST_CASE("the spectrogram has energy at a segment's formants, in its frames only") {
    scenario::Application a;
    a.view = scenario::AppView::speech;
    a.bands = 20;
    a.segments = {{2, 3, {0.25}, 1.0}};
    const attn::Matrix m = scenario::spectrogram(a, 6);
    REQUIRE(m.shape(0) == 20);
    REQUIRE(m.shape(1) == 6);
    CHECK(*std::min_element(m.begin(), m.end()) >= 0.0);
    CHECK(*std::max_element(m.begin(), m.end()) <= 1.0);
    const std::size_t formant_band = 4;  // band centres (b + 0.5) / 20: band 4 is at 0.225
    CHECK(m(formant_band, 2) > 0.8);
    CHECK(m(formant_band, 0) < 0.05);  // before the sound: the floor
    CHECK(m(19, 2) < 0.05);            // far from the formant
}

TEST_CASE("a key added to an application still computes; the view then says it no longer fits") {
    for (const scenario::Preset& preset : scenario::presets()) {
        if (!preset.application) continue;
        CAPTURE(preset.name);
        scenario::Scenario s = scenario::preset_scenario(preset);
        scenario::add_token(s, scenario::Side::keys, "new", 1);
        CHECK_NOTHROW(scenario::compute_trace(s));
        const scenario::AppView v = s.application->view;
        const bool counts_keys = v == scenario::AppView::graph || v == scenario::AppView::image;
        CHECK(scenario::application_fit(*s.application, scenario::key_count(s)).empty() == !counts_keys);
    }
}
