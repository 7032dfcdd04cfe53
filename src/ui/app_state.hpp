// app_state.hpp — everything the explorer's panels read and write, in one small struct.
//
// Panels read the scenario and its trace and write edits back here; they never compute
// attention themselves (the core does, in Recompute). The platform layer owns one AppState and
// hands it to DrawApp every frame. Read app.hpp next.
#pragma once

#include <array>
#include <map>
#include <string>

#include "core/trace.hpp"
#include "scenario/scenario.hpp"

namespace ui {

struct AppState {
    // The learner's scenario and the trace computed from it.
    scenario::Scenario scenario;
    attn::Trace trace;           // the last successful computation; kept when an edit is refused
    std::string error;           // why the current scenario cannot be computed, or empty
    bool scenario_changed = true;  // set by edits; Recompute clears it

    // View settings.
    float ui_scale = 1.0f;       // the learner's zoom, 0.75 … 3 (projector mode)
    bool light_theme = false;
    int selected_query = 0;      // row shown in the bar chart

    // Set by the platform each frame.
    float device_pixel_ratio = 1.0f;
    // What ApplyStyle last built the fonts and sizes for (style.hpp).
    float applied_scale = 0.0f;
    bool applied_light_theme = false;

    // Screen rectangles (x, y, w, h in framebuffer pixels) of named items from the last frame,
    // e.g. "Inputs/Q/0/1" or "Trace/weights"; the page's test hook reads them.
    std::map<std::string, std::array<float, 4>> item_rects;
};

}  // namespace ui
