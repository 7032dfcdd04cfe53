// heatmap.hpp — drawing a matrix as coloured cells, shared by every panel that shows one.
//
// The colours come from a shader (shaders/heatmap.frag.glsl), which lives in the platform layer;
// panels reach it through the HeatmapPainter interface so that src/ui stays free of GL. DrawHeatmap
// adds what ImPlot's heatmap demo has: square cells, token labels as ticks, a colour scale with the
// data's range beside the plot, and the exact value on hover.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "core/tensor.hpp"
#include "core/trace.hpp"

namespace ui {

enum class Colormap { viridis = 0, cividis = 1, diverging = 2 };  // numbers match the shader's
// One flat square per cell, or upsampled: interpolated between cell centres (weights over an image).
enum class Sampling { cells = 0, smooth = 1 };  // numbers match the shader's

// Implemented by the platform (heatmap_gl.cpp) with our shader.
struct HeatmapPainter {
    virtual ~HeatmapPainter() = default;
    // Queue `values` (rows, cols) to be drawn into [p0, p1] with `map` over [lo, hi] at `alpha`.
    virtual void Paint(ImDrawList* list, ImVec2 p0, ImVec2 p1, const attn::Matrix& values, double lo, double hi,
                       Colormap map, float alpha, Sampling sampling) = 0;
};

struct HeatmapSpec {
    const char* id;                        // the test-hook name, e.g. "Trace/weights"
    const char* step;                      // the trace step shown, e.g. "weights": hover explains it;
                                           // nullptr for a matrix from elsewhere (hover shows its value)
    const attn::Matrix* values;            // (rows, cols)
    const std::vector<std::string>* row_labels;  // may be null
    const std::vector<std::string>* col_labels;  // may be null
    const char* row_axis = "queries";
    const char* col_axis = "keys";
    double lo = 0.0, hi = 1.0;             // the colour range, shown on the legend
    Colormap map = Colormap::viridis;
    float cell = 44.0f;                    // cell size in unscaled pixels: "0.58" fits inside
};

struct HeatmapResult {
    int row = -1, col = -1;  // the hovered cell, or −1
    bool clicked = false;    // the hovered cell was clicked this frame
};

struct AppState;
// max |x| over a matrix (at least 1e-12): the half-width of a diverging colour range centred on 0.
double SymmetricExtent(const attn::Matrix& m);
// About how wide DrawHeatmap draws a matrix of `cols` columns: row labels, cells and legend.
float HeatmapWidth(const AppState& state, const HeatmapSpec& spec, std::size_t cols);

// A heatmap of a signed step (diverging around 0) with its title and formula as the caption,
// beside the previous item when it fits. id names its region; rows label its rows.
void SignedHeatmap(AppState& state, HeatmapPainter& painter, const attn::Step& step, const char* id,
                   const std::vector<std::string>* rows, float cell);

// Draw a heatmap with axes, legend and each value in its cell (when it fits). Hovering a cell
// explains it (app.hpp's ReportHover); cells the hovered value was computed from are outlined.
HeatmapResult DrawHeatmap(AppState& state, HeatmapPainter& painter, const HeatmapSpec& spec);

// A colour scale in [l0, l1], hi at the top and lo at the bottom, with its end values beside it as
// the texts id + "/legend-high" and id + "/legend-low".
void DrawLegend(AppState& state, HeatmapPainter& painter, ImDrawList* list, const std::string& id, ImVec2 l0, ImVec2 l1,
                double lo, double hi, Colormap map);

}  // namespace ui
