// panels.hpp — one function per panel, in the order DrawApp lays them out (app.cpp).
#pragma once

#include "app_state.hpp"
#include "heatmap.hpp"

namespace ui {

// Variant picker, options and view settings. Edits set state.scenario_changed.
void DrawOptionsPanel(AppState& state);
// Tokens and the editable input matrices (Q, K, V, …). Edits set state.scenario_changed.
void DrawInputsPanel(AppState& state, HeatmapPainter& painter);
// The weight matrix as a heatmap, one query's weights and its context vector as bars.
void DrawWeightsPanel(AppState& state, HeatmapPainter& painter);
// Every step of the trace: title, formula and values.
void DrawPipelinePanel(AppState& state);

// A "(?)" marker whose tooltip explains the control before it.
void HelpMarker(const char* text);

}  // namespace ui
