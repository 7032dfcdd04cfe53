// test_kept_state.cpp — the kept session round-trips the scenario and the view; a damaged text
// is refused with the reason and changes nothing.
#include <doctest/doctest.h>

#include "ui/kept_state.hpp"

namespace {

std::string view_of(const ui::AppState& s) {
    return std::to_string(s.ui_scale) + " " + std::to_string(s.light_theme) + " " + std::to_string(s.selected_query) +
           " " + std::to_string(s.comparing) + " " + std::to_string(static_cast<int>(s.contrast));
}

}  // namespace

TEST_CASE("the kept session brings back the scenario and the view") {
    ui::AppState a;
    a.scenario.matrices["Q"](0, 1) = -2.5;
    a.scenario.options.mask = attn::Mask::causal;
    a.ui_scale = 2.0f;
    a.light_theme = true;
    a.comparing = true;
    a.contrast = scenario::Contrast::sharper;
    const std::optional<std::string> text = ui::TakeKeptState(a);
    REQUIRE(text);
    CHECK(!ui::TakeKeptState(a));  // nothing changed since
    ui::AppState b;
    CHECK(ui::RestoreKeptState(b, *text) == "");
    CHECK(scenario::to_json(b.scenario) == scenario::to_json(a.scenario));
    CHECK(view_of(b) == view_of(a));
    CHECK(b.trace.find("weights") != nullptr);  // computed at once
    a.light_theme = false;
    CHECK(ui::TakeKeptState(a));  // a view change is kept too
}

TEST_CASE("a damaged session is refused with the reason, and nothing changes") {
    const std::pair<const char*, const char*> damaged[] = {
        {"{\"scen", "it is not a JSON object"},
        {"[1, 2]", "it is not a JSON object"},
        {"{\"view\": {}}", "it holds no scenario"},
        {"{\"scenario\": {\"variant\": \"magic\"}}", "scenario: variant: unknown value"},
        {"{\"scenario\": {}, \"view\": {\"ui_scale\": 40}}", "view.ui_scale: not a view setting, or out of its range"},
        {"{\"scenario\": {}, \"view\": {\"contrast\": \"louder\"}}", "view.contrast: unknown comparison \"louder\""},
        {"{\"scenario\": {}, \"view\": 3}", "view: expected an object"},
    };
    for (const auto& entry : damaged) {
        const char* text = entry.first;
        const char* why = entry.second;
        CAPTURE(text);
        ui::AppState s;
        s.light_theme = true;
        const auto before = scenario::to_json(s.scenario);
        const std::string view = view_of(s);
        const std::string error = ui::RestoreKeptState(s, text);
        CHECK(error.rfind(why, 0) == 0);
        CHECK(scenario::to_json(s.scenario) == before);
        CHECK(view_of(s) == view);
    }
}
