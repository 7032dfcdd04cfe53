// application_views.hpp — the views of the Application panel, one per field of application
// (scenario/application.hpp). Each draws the trace's weights as its field draws them and names
// its items "Application/<view>/…" for the page's rect hook and the layout checks.
#pragma once

#include <string>
#include <vector>

#include "app_state.hpp"
#include "heatmap.hpp"
#include "scenario/application.hpp"

namespace ui {

// What every view reads: the weights (T, S) and the labels of their rows and columns.
struct ApplicationView {
    AppState& state;
    HeatmapPainter& painter;
    const scenario::Application& app;
    const attn::Matrix& weights;
    int query;  // the selected query's row
    std::string Query(std::size_t t) const;
    std::string Key(std::size_t j) const;
};

// A row of buttons, one per query (a caption word, a character, a node), the selected one lit: a
// click selects it in every panel. Named "Application/query/<t>".
void QueryPicker(AppState& state, const char* prompt);
// The muted lines under a view that say how to read it.
void ViewCaption(AppState& state, const std::string& name, const char* text);
// `colour` at opacity `alpha` (0…255).
ImU32 WithAlpha(ImU32 colour, int alpha);
// The largest weight of row t (at least 1e-12): the views scale to it.
double RowMax(const attn::Matrix& weights, int t);

void DrawTranslationView(const ApplicationView& v);  // app_view_words.cpp
void DrawSentimentView(const ApplicationView& v);    // app_view_words.cpp
void DrawImageView(const ApplicationView& v);        // app_view_image.cpp
void DrawSpeechView(const ApplicationView& v);       // app_view_signals.cpp
void DrawSeriesView(const ApplicationView& v);       // app_view_signals.cpp
void DrawGraphView(const ApplicationView& v);        // app_view_graph.cpp

}  // namespace ui
