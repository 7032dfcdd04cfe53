// test_kept_state.cpp — the kept session round-trips the scenario and the view; a damaged text
// is refused with the reason and changes nothing; an open lesson is kept.
#include <doctest/doctest.h>

#include "scenario/lessons.hpp"
#include "ui/app.hpp"
#include "ui/kept_state.hpp"
#include "ui/lesson_view.hpp"
#include "ui/view.hpp"

namespace {

std::string view_of(const ui::AppState& s) { return ui::ViewJson(s).dump(); }

}  // namespace

TEST_CASE("the kept session brings back the scenario and the view") {
    ui::AppState a;
    a.scenario.matrices["Q"](0, 1) = -2.5;
    a.scenario.options.mask = attn::Mask::causal;
    a.ui_scale = 2.0f;
    a.light_theme = true;
    a.comparing = true;
    a.contrast = scenario::Contrast::sharper;
    a.hidden[scenario::index_of(scenario::Panel::cost)] = true;
    a.folded[scenario::index_of(scenario::Panel::pipeline)] = true;
    a.locked = {"mask", "score_bias"};
    a.compact = true;
    const std::optional<std::string> text = ui::TakeKeptState(a);
    REQUIRE(text);
    CHECK(!ui::TakeKeptState(a));  // nothing changed since
    ui::AppState b;
    CHECK(ui::RestoreKeptState(b, *text, ui::ViewPart::whole) == "");
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
        {"{\"scenario\": {}, \"view\": {\"ui_scale\": 40}}", "view.ui_scale: expected a number from 0.75 to 3"},
        {"{\"scenario\": {}, \"view\": {\"zoom\": 2}}", "view.zoom: not a view setting"},
        {"{\"scenario\": {}, \"view\": {\"panels\": [\"inputs\", \"weight\"]}}", "view.panels: unknown panel \"weight\"; the panels are options, inputs,"},
        {"{\"scenario\": {}, \"view\": {\"folded\": \"cost\"}}", "view.folded: expected an array of panel names"},
        {"{\"scenario\": {}, \"view\": {\"locked\": [\"score\", \"masks\"]}}", "view.locked: unknown option \"masks\"; the options are form, score, score_bias,"},
        {"{\"scenario\": {}, \"view\": {\"compact\": 1}}", "view.compact: expected true or false"},
        {"{\"scenario\": {\"variant\": \"magic\"}, \"view\": {\"compact\": true}}", "scenario: variant: unknown value"},
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
        const std::string error = ui::RestoreKeptState(s, text, ui::ViewPart::whole);
        CHECK(error.rfind(why, 0) == 0);
        CHECK(scenario::to_json(s.scenario) == before);
        CHECK(view_of(s) == view);
    }
}

TEST_CASE("a view lists its panels by id, and a view from an earlier release still reads") {
    ui::AppState s;
    CHECK(ui::ApplyView(s, nlohmann::json::parse(R"({"panels": ["weights", "inputs"], "folded": ["inputs"]})")) == "");
    for (const scenario::PanelInfo& p : scenario::kPanels) {
        CAPTURE(p.id);
        CHECK(s.hidden[scenario::index_of(p.panel)] == (p.panel != scenario::Panel::weights && p.panel != scenario::Panel::inputs));
        CHECK(s.folded[scenario::index_of(p.panel)] == (p.panel == scenario::Panel::inputs));
    }
    CHECK(ui::ViewJson(s)["panels"] == nlohmann::json::parse(R"(["inputs", "weights"])"));  // in layout order
    // The first release kept five view fields: the rest keep their defaults.
    ui::AppState old;
    nlohmann::json first = nlohmann::json::parse(R"({"explorer_version": "1.0.0", "view": {"ui_scale": 2,
        "light_theme": true, "selected_query": 0, "comparing": false, "contrast": "scaled vs unscaled"}})");
    first["scenario"] = scenario::to_json(scenario::default_scenario());
    CHECK(ui::RestoreKeptState(old, first.dump(), ui::ViewPart::learners) == "");
    CHECK(old.ui_scale == 2.0f);
    // A kept session brings back the learner's view, not an embedding page's choices.
    ui::AppState page;
    const std::string shown_one = R"({"scenario": )" + scenario::to_json(scenario::default_scenario()).dump() +
                                  R"(, "view": {"panels": ["weights"], "locked": ["mask"], "compact": true, "folded": ["weights"]}})";
    CHECK(ui::RestoreKeptState(page, shown_one, ui::ViewPart::learners) == "");
    CHECK(ui::ViewJson(page)["panels"].size() == scenario::kPanels.size());
    CHECK(page.locked.empty());
    CHECK(!page.compact);
    CHECK(page.folded[scenario::index_of(scenario::Panel::weights)]);
    CHECK(ui::ViewJson(old)["panels"].size() == scenario::kPanels.size());
}

TEST_CASE("an open lesson is kept: it reopens at its step with the learner's edits and answers") {
    ui::AppState a;
    const scenario::Lesson& lesson = *scenario::find_lesson("by-hand");
    REQUIRE(ui::OpenLesson(a, lesson, 4) == "");
    a.scenario.matrices["Q"](0, 0) = 3.0;  // the learner's edit within the step
    a.scenario_changed = true;
    ui::Recompute(a);
    a.lesson.answered[1] = true;
    a.lesson.task_done[4] = true;
    const std::optional<std::string> text = ui::TakeKeptState(a);
    REQUIRE(text);
    const nlohmann::json kept = nlohmann::json::parse(*text);
    CHECK(kept["view"]["panels"].size() == scenario::kPanels.size());  // the explorer as it was before the lesson
    CHECK(kept["lesson"]["id"] == "by-hand");

    ui::AppState b;
    CHECK(ui::RestoreKeptState(b, *text, ui::ViewPart::whole) == "");
    REQUIRE(b.lesson.lesson);
    CHECK(b.lesson.step == 4);
    CHECK(b.scenario.matrices.at("Q")(0, 0) == 3.0);
    CHECK(b.lesson.answered[1]);
    CHECK(b.lesson.task_done[4]);
    CHECK(view_of(b) == view_of(a));  // the step's panels again
    ui::CloseLesson(b);
    CHECK(ui::ViewJson(b)["panels"].size() == scenario::kPanels.size());

    // A lesson this release does not have: the rest of the session still opens.
    nlohmann::json gone = kept;
    gone["lesson"]["id"] = "no-such-lesson";
    ui::AppState c;
    CHECK(ui::RestoreKeptState(c, gone.dump(), ui::ViewPart::whole) == "");
    CHECK(!c.lesson.lesson);
    CHECK(c.scenario.matrices.at("Q")(0, 0) == 3.0);
    CHECK(ui::ViewJson(c)["panels"].size() == scenario::kPanels.size());
}
