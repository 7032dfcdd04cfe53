// view.cpp — the view as JSON, and back. See view.hpp.
#include "view.hpp"

#include <algorithm>

#include "app.hpp"

namespace ui {

namespace {

using nlohmann::json;

// The ids of the panels whose flag is `value`.
json PanelIds(const std::array<bool, scenario::kPanels.size()>& flags, bool value) {
    json ids = json::array();
    for (const scenario::PanelInfo& p : scenario::kPanels)
        if (flags[scenario::index_of(p.panel)] == value) ids.push_back(p.id);
    return ids;
}

std::vector<std::string> PanelNames() {
    std::vector<std::string> names;
    for (const scenario::PanelInfo& p : scenario::kPanels) names.emplace_back(p.id);
    return names;
}

// A list of panel ids as per-panel flags (true = listed); "" or why not.
std::string ReadPanels(const std::string& field, const json& value, std::array<bool, scenario::kPanels.size()>& listed) {
    if (!value.is_array()) return field + ": expected an array of panel names";
    listed.fill(false);
    for (const json& id : value) {
        const std::optional<scenario::Panel> panel = id.is_string() ? scenario::find_panel(id.get<std::string>()) : std::nullopt;
        if (!panel)
            return field + ": unknown panel " + id.dump() + "; the panels are " + scenario::joined(PanelNames());
        listed[scenario::index_of(*panel)] = true;
    }
    return {};
}

// The view's fields, gathered so that a view is applied whole or not at all.
struct Fields {
    float ui_scale;
    bool light_theme, comparing, compact;
    int selected_query;
    scenario::Contrast contrast;
    std::array<bool, scenario::kPanels.size()> hidden, folded;
    std::vector<std::string> locked;
};

}  // namespace

json ViewJson(const AppState& state, bool before_lesson) {
    const bool lesson = before_lesson && state.lesson.lesson;
    return {{"ui_scale", state.ui_scale},
            {"light_theme", state.light_theme},
            {"selected_query", state.selected_query},
            {"comparing", state.comparing},
            {"contrast", scenario::contrast_name(state.contrast)},
            {"panels", PanelIds(lesson ? state.lesson.hidden_before : state.hidden, false)},
            {"folded", PanelIds(lesson ? state.lesson.folded_before : state.folded, true)},
            {"locked", state.locked},
            {"compact", state.compact}};
}

std::string ApplyView(AppState& state, const json& view) {
    if (!view.is_object()) return "view: expected an object";
    Fields next_view{state.ui_scale, state.light_theme, state.comparing, state.compact, state.selected_query,
                     state.contrast, state.hidden, state.folded, state.locked};
    for (const auto& [key, value] : view.items()) {
        const std::string field = "view." + key;
        if (key == "ui_scale") {
            if (!value.is_number() || value.get<double>() < 0.75 || value.get<double>() > 3.0)
                return field + ": expected a number from 0.75 to 3";
            next_view.ui_scale = value.get<float>();
        } else if (key == "light_theme" || key == "comparing" || key == "compact") {
            if (!value.is_boolean()) return field + ": expected true or false";
            (key == "light_theme" ? next_view.light_theme : key == "comparing" ? next_view.comparing : next_view.compact) =
                value.get<bool>();
        } else if (key == "selected_query") {
            if (!value.is_number_integer() || value.get<long long>() < 0) return field + ": expected a query's index, 0 or more";
            next_view.selected_query = static_cast<int>(std::min<long long>(value.get<long long>(), 1 << 30));
        } else if (key == "contrast") {
            const std::optional<scenario::Contrast> found =
                value.is_string() ? scenario::find_contrast(value.get<std::string>()) : std::nullopt;
            if (!found) return field + ": unknown comparison " + value.dump();
            next_view.contrast = *found;
        } else if (key == "panels") {
            std::array<bool, scenario::kPanels.size()> shown{};
            if (std::string why = ReadPanels(field, value, shown); !why.empty()) return why;
            for (std::size_t i = 0; i < shown.size(); ++i) next_view.hidden[i] = !shown[i];
        } else if (key == "folded") {
            if (std::string why = ReadPanels(field, value, next_view.folded); !why.empty()) return why;
        } else if (key == "locked") {
            const std::vector<std::string>& names = scenario::lock_names();
            if (!value.is_array()) return field + ": expected an array of option names";
            next_view.locked.clear();
            for (const json& name : value) {
                if (!name.is_string() || std::find(names.begin(), names.end(), name.get<std::string>()) == names.end())
                    return field + ": unknown option " + name.dump() + "; the options are " + scenario::joined(names);
                next_view.locked.push_back(name.get<std::string>());
            }
        } else {
            const json all = ViewJson(state);
            std::vector<std::string> settings;
            for (const auto& setting : all.items()) settings.push_back(setting.key());
            return field + ": not a view setting; the settings are " + scenario::joined(settings);
        }
    }
    state.ui_scale = next_view.ui_scale;
    state.light_theme = next_view.light_theme;
    const int queries = static_cast<int>(state.trace.rows.size());
    state.selected_query = std::min(next_view.selected_query, std::max(queries - 1, 0));
    state.comparing = next_view.comparing;
    state.contrast = next_view.contrast;
    state.hidden = next_view.hidden;
    state.folded = next_view.folded;
    state.locked = next_view.locked;
    state.compact = next_view.compact;
    RefreshComparison(state);
    return {};
}

}  // namespace ui
