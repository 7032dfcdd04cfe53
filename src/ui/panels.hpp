// panels.hpp — one function per panel, in the order DrawApp lays them out (app.cpp).
#pragma once

#include "app_state.hpp"
#include "heatmap.hpp"

namespace ui {

// Presets, the variant's choices and their parameters, view settings. Edits set scenario_changed.
void DrawOptionsPanel(AppState& state);
// Tokens and the editable input matrices (Q, K, V, …). Edits set state.scenario_changed.
void DrawInputsPanel(AppState& state, HeatmapPainter& painter);
// Queries and keys as arrows on a plane (two chosen dimensions); drag a tip to edit the vector.
void DrawGeometryPanel(AppState& state);
// A scenario with an application (scenario/application.hpp): its weights as its field draws them.
void DrawApplicationPanel(AppState& state, HeatmapPainter& painter);
// Scaled scores, mask and weights as heatmaps; clicking a mask cell toggles it.
void DrawHeatmapsPanel(AppState& state, HeatmapPainter& painter);
// Multi-head attention: each head's weights side by side, then the concatenation and W_O.
void DrawMultiHeadPanel(AppState& state, HeatmapPainter& painter);
// The same inputs through a counterpart variant (scaled vs unscaled, soft vs hard, …), with the
// difference of the weights.
void DrawComparePanel(AppState& state, HeatmapPainter& painter);
// Queries and keys as two columns of tokens joined by lines as wide and opaque as the weights.
void DrawTokenLinksPanel(AppState& state);
// The stage after the weighted sum: the decoder state, the context and what they become.
void DrawContextUsePanel(AppState& state, HeatmapPainter& painter);
// The loss, each gradient ∂L/∂x beside its x, and "take one step" against them (with a loss).
void DrawGradientsPanel(AppState& state, HeatmapPainter& painter);
// One query's weights and its context vector as bars.
void DrawWeightsPanel(AppState& state);
// Per query: entropy, peak, keys for 90 %, softmax gradient, and a reading in plain words.
void DrawDiagnosticsPanel(AppState& state);
// Every step of the trace: title, formula and values; hovering a value explains it.
void DrawPipelinePanel(AppState& state);

// Measured time and memory of standard, tiled and linear attention as n grows, on log-log axes.
void DrawCostPanel(AppState& state);

// A "(?)" marker whose tooltip explains the control before it, beside it where the line has room.
void HelpMarker(AppState& state, const char* text);
// How wide a "(?)" marker is drawn (a finger's 44 px on a touch screen).
float HelpMarkerWidth(const AppState& state);

}  // namespace ui
