// item_rects.hpp — the last frame's named items as JSON, for the page's test hook
// (attention.rects()) and the desktop's --rects file, which the layout checks read
// (tests/layout/check_layout.mjs):
//   {"Inputs/Q/0/0": {"x": 12, "y": 80, "w": 64, "h": 23, "kind": "control", "panel": "inputs",
//                     "reach": [8, 380], "shown": [8, 60, 380, 700]}, …}
// in CSS pixels (framebuffer pixels divided by `pixel_ratio`).
#pragma once

#include <nlohmann/json.hpp>

#include "app_state.hpp"

namespace ui {

// "control", "text", "plot", "header" or "view".
const char* ItemKindName(ItemKind kind);

// One item's rectangle: {"x", "y", "w", "h"}.
nlohmann::json ItemBoxJson(const ItemRect& item, float pixel_ratio);

// Every named item, with its kind, its panel and its reach.
nlohmann::json ItemRectsJson(const AppState& state, float pixel_ratio);

}  // namespace ui
