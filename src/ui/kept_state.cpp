// kept_state.cpp — the scenario and the view as one JSON text, and back. See kept_state.hpp.
#include "kept_state.hpp"

#include "app.hpp"
#include "lesson_view.hpp"
#include "view.hpp"
#include "scenario/json_text.hpp"
#include "scenario/version.hpp"

namespace ui {

namespace {

using nlohmann::json;

json KeptJson(const AppState& state) {
    json j = {{"explorer_version", scenario::explorer_version()},
              {"scenario", scenario::to_json(state.scenario)},
              {"view", ViewJson(state, true)}};
    if (json lesson = KeptLessonJson(state); !lesson.is_null()) j["lesson"] = std::move(lesson);
    return j;
}

// What changes the kept text besides the scenario: the view and the open lesson.
std::string KeptMark(const AppState& state) {
    return scenario::dump_json(ViewJson(state)) + scenario::dump_json(KeptLessonJson(state));
}

}  // namespace

std::string KeptStateText(const AppState& state) { return scenario::dump_json(KeptJson(state)); }

std::optional<std::string> TakeKeptState(AppState& state) {
    std::pair<long, std::string> mark{state.scenario_revision, KeptMark(state)};
    if (state.kept_mark && *state.kept_mark == mark) return std::nullopt;
    state.kept_mark = std::move(mark);
    return KeptStateText(state);
}

void MarkKept(AppState& state) {
    RecordEdit(state);  // the scenario as it is now is a step already, not a change to keep next frame
    state.kept_mark.emplace(state.scenario_revision, KeptMark(state));
}

std::string RestoreKeptState(AppState& state, const std::string& text, ViewPart part) {
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return "it is not a JSON object";
    if (!j.contains("scenario")) return "it holds no scenario";
    json view = j.value("view", json::object());
    if (part == ViewPart::learners && view.is_object())
        for (const char* field : kPageViewFields) view.erase(field);

    // The view is checked before the scenario changes, and applied after it (the selected query
    // is clamped to the new scenario's queries); a scenario that is refused leaves all as it was.
    const json current = ViewJson(state);
    if (std::string why = ApplyView(state, view); !why.empty()) return why;
    if (std::string error = LoadScenario(state, j.at("scenario").dump()); !error.empty()) {
        ApplyView(state, current);
        return "scenario: " + error;
    }
    if (std::string why = ApplyView(state, view); !why.empty()) return why;
    // A lesson that a later release no longer has is left closed: the rest of the session stands.
    if (j.contains("lesson")) RestoreKeptLesson(state, j["lesson"], j.at("scenario").dump());
    return {};
}

}  // namespace ui
