// kept_state.cpp — the scenario and the view as one JSON text, and back. See kept_state.hpp.
#include "kept_state.hpp"

#include "app.hpp"
#include "view.hpp"
#include "scenario/json_text.hpp"
#include "scenario/version.hpp"

namespace ui {

namespace {

using nlohmann::json;

json KeptJson(const AppState& state) {
    return {{"explorer_version", scenario::explorer_version()},
            {"scenario", scenario::to_json(state.scenario)},
            {"view", ViewJson(state)}};
}

}  // namespace

std::string KeptStateText(const AppState& state) { return scenario::dump_json(KeptJson(state)); }

std::optional<std::string> TakeKeptState(AppState& state) {
    std::pair<long, std::string> mark{state.scenario_revision, scenario::dump_json(ViewJson(state))};
    if (state.kept_mark && *state.kept_mark == mark) return std::nullopt;
    state.kept_mark = std::move(mark);
    return KeptStateText(state);
}

void MarkKept(AppState& state) {
    RecordEdit(state);  // the scenario as it is now is a step already, not a change to keep next frame
    state.kept_mark.emplace(state.scenario_revision, scenario::dump_json(ViewJson(state)));
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
    return ApplyView(state, view);
}

}  // namespace ui
