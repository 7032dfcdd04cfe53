// kept_state.cpp — the scenario and the view as one JSON text, and back. See kept_state.hpp.
#include "kept_state.hpp"

#include <algorithm>

#include "app.hpp"
#include "scenario/json_text.hpp"
#include "scenario/version.hpp"

namespace ui {

namespace {

using nlohmann::json;

// What the kept text depends on: a new scenario revision or any view setting.
AppState::KeptMark Mark(const AppState& s) {
    return {s.scenario_revision, s.ui_scale, s.light_theme, s.selected_query, s.comparing, s.contrast};
}

}  // namespace

std::optional<std::string> TakeKeptState(AppState& state) {
    const auto mark = Mark(state);
    if (state.kept_mark && *state.kept_mark == mark) return std::nullopt;
    state.kept_mark = mark;
    const json view = {{"ui_scale", state.ui_scale},       {"light_theme", state.light_theme},
                       {"selected_query", state.selected_query}, {"comparing", state.comparing},
                       {"contrast", scenario::contrast_name(state.contrast)}};
    return scenario::dump_json({{"explorer_version", scenario::explorer_version()},
                                {"scenario", scenario::to_json(state.scenario)},
                                {"view", view}});
}

std::string RestoreKeptState(AppState& state, const std::string& text) {
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return "it is not a JSON object";
    if (!j.contains("scenario")) return "it holds no scenario";

    // The view: every field optional, each checked before any is applied.
    const json view = j.value("view", json::object());
    if (!view.is_object()) return "view: expected an object";
    float ui_scale = state.ui_scale;
    bool light_theme = state.light_theme, comparing = state.comparing;
    int selected_query = state.selected_query;
    scenario::Contrast contrast = state.contrast;
    for (const auto& [key, value] : view.items()) {
        if (key == "ui_scale" && value.is_number() && value.get<double>() >= 0.75 && value.get<double>() <= 3.0)
            ui_scale = value.get<float>();
        else if (key == "light_theme" && value.is_boolean()) light_theme = value.get<bool>();
        else if (key == "comparing" && value.is_boolean()) comparing = value.get<bool>();
        else if (key == "selected_query" && value.is_number_integer() && value.get<int>() >= 0)
            selected_query = value.get<int>();
        else if (key == "contrast" && value.is_string()) {
            const std::optional<scenario::Contrast> found = scenario::find_contrast(value.get<std::string>());
            if (!found) return "view.contrast: unknown comparison \"" + value.get<std::string>() + "\"";
            contrast = *found;
        } else
            return "view." + key + ": not a view setting, or out of its range";
    }

    // The scenario as a file is loaded: validated and computed, or refused with nothing changed.
    if (std::string error = LoadScenario(state, j.at("scenario").dump()); !error.empty()) return "scenario: " + error;
    state.ui_scale = ui_scale;
    state.light_theme = light_theme;
    const int queries = static_cast<int>(state.trace.rows.size());
    state.selected_query = std::min(selected_query, std::max(queries - 1, 0));
    state.comparing = comparing;
    state.contrast = contrast;
    RefreshComparison(state);
    return {};
}

}  // namespace ui
