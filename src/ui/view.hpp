// view.hpp — the view: how the explorer shows a scenario, apart from the scenario itself. The kept
// session, a link and the page's setView all write and read it as one JSON object:
//   {"ui_scale": 2, "light_theme": true, "selected_query": 0, "comparing": false,
//    "contrast": "scaled vs unscaled", "panels": ["inputs", "weights"], "folded": ["cost"],
//    "locked": ["mask"], "compact": false}
// "panels" lists the panels shown (scenario::kPanels ids), in any order; "folded" those shown only
// as their header; "locked" the option kinds that cannot be changed (scenario::lock_names).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "app_state.hpp"

namespace ui {

// The fields an embedding page chooses with its URL options, not the learner: a link carries
// them, a kept session does not bring them back (a page of its own shows every panel again).
inline constexpr const char* kPageViewFields[] = {"panels", "locked", "compact"};

// The whole view, every field. With `before_lesson`, the panels and folds are those from before
// the open lesson showed its step's: what a kept session and a link hold, the lesson beside them
// (kept_state.hpp), so that a session whose lesson cannot be reopened shows the explorer as it was.
nlohmann::json ViewJson(const AppState& state, bool before_lesson = false);

// Apply some or all of a view's fields. They are checked together first: on a wrong field nothing
// changes and the reply names it ("view.panels: unknown panel \"x\"; the panels are …"); "" when done.
std::string ApplyView(AppState& state, const nlohmann::json& view);

}  // namespace ui
