// kept_state.hpp — what the explorer keeps between sessions: the scenario and the view.
//
// The platform stores the text (browser: localStorage; desktop: a file in the user's config
// folder, platform/kept_state_*.cpp) and hands it back at the next start:
//   {"explorer_version": "1.0.0", "scenario": {… the scenario file's schema …},
//    "view": {"ui_scale": 2, "light_theme": true, "selected_query": 0, "comparing": false,
//             "contrast": "scaled vs unscaled"}}
// Reading validates it all before it changes anything, so a damaged text leaves the explorer as
// it was and names what is wrong.
#pragma once

#include <optional>
#include <string>

#include "app_state.hpp"

namespace ui {

// The text to keep, when the scenario (an edit that settled, an undo, a load) or the view changed
// since the last call; nullopt otherwise, so a platform writes only after a change.
std::optional<std::string> TakeKeptState(AppState& state);

// Restore a kept text: "" when done, else why it cannot be read (and nothing changed).
std::string RestoreKeptState(AppState& state, const std::string& text);

}  // namespace ui
