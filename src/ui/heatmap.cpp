// heatmap.cpp — a labelled heatmap with a colour scale and the exact value on hover. See heatmap.hpp.
#include "heatmap.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.hpp"
#include "palette.hpp"

namespace ui {

namespace {

// The legend: a column from 1 (top) down to 0, painted with the range (0, 1), which colours it
// exactly as the data's range colours the data.
const attn::Matrix& LegendRamp() {
    constexpr std::size_t kSteps = 64;
    static const attn::Matrix ramp = [] {
        attn::Matrix m = xt::zeros<double>({kSteps, std::size_t{1}});
        for (std::size_t i = 0; i < kSteps; ++i) m(i, 0) = 1.0 - static_cast<double>(i) / (kSteps - 1);
        return m;
    }();
    return ramp;
}

// Black or white text, whichever reads on the map's colour at u = (value − lo) / (hi − lo):
// viridis and cividis are light above ~0.6, the diverging map is light near its centre.
ImU32 TextOn(Colormap map, double u) {
    const bool light = map == Colormap::diverging ? std::abs(u - 0.5) < 0.3 : u > 0.6;
    return light ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255);
}

// The legend beside the cells: a gap, the colour bar, and its end values' labels.
constexpr float kLegendGap = 12.0f, kLegendBar = 14.0f;  // unscaled pixels
constexpr const char* kWidestLegendLabel = "-0.000e+00";
float LegendWidth(float scale) { return (kLegendGap + kLegendBar) * scale + 4.0f + ImGui::CalcTextSize(kWidestLegendLabel).x; }

}  // namespace

double SymmetricExtent(const attn::Matrix& m) {
    double extent = 1e-12;
    for (double x : m) extent = std::max(extent, std::abs(x));
    return extent;
}

float HeatmapWidth(const AppState& state, const HeatmapSpec& spec, std::size_t cols) {
    const float cell = std::max(spec.cell * state.applied_scale, TouchTarget(state));
    const float labels = 3.0f * ImGui::GetFontSize();  // about a token's width
    return labels + cell * static_cast<float>(cols) + LegendWidth(state.applied_scale);
}

void DrawLegend(AppState& state, HeatmapPainter& painter, ImDrawList* list, const std::string& id, ImVec2 l0, ImVec2 l1,
                double lo, double hi, Colormap map) {
    if (ImGui::IsRectVisible(l0, l1)) painter.Paint(list, l0, l1, LegendRamp(), 0.0, 1.0, map, 1.0f, Sampling::cells);
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", hi);
    AddText(state, list, id + "/legend-high", ImVec2(l1.x + 4.0f, l0.y), text, buf);
    std::snprintf(buf, sizeof buf, "%.3g", lo);
    AddText(state, list, id + "/legend-low", ImVec2(l1.x + 4.0f, l1.y - ImGui::GetTextLineHeight()), text, buf);
}

HeatmapResult DrawHeatmap(AppState& state, HeatmapPainter& painter, const HeatmapSpec& spec) {
    const attn::Matrix& m = *spec.values;
    const int rows = static_cast<int>(m.shape(0)), cols = static_cast<int>(m.shape(1));
    const float scale = state.applied_scale;
    const float line = ImGui::GetTextLineHeight();
    const std::string id(spec.id);
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);

    // Layout: row labels | cells | gap | legend bar | legend ticks. Column labels above the cells.
    // Row labels take at most a quarter of the width; longer ones end in an ellipsis.
    float label_w = ImGui::CalcTextSize(spec.row_axis).x;
    if (spec.row_labels)
        for (const auto& label : *spec.row_labels) label_w = std::max(label_w, ImGui::CalcTextSize(label.c_str()).x);
    const float avail = ImGui::GetContentRegionAvail().x;
    label_w = std::min(label_w, std::max(avail * 0.25f, 3.0f * ImGui::GetFontSize())) + ImGui::GetStyle().ItemSpacing.x;
    const float legend_w = LegendWidth(scale);
    // Cells shrink to fit the width left for them, so a 64 × 64 matrix stays on screen; below
    // about a line's height the labels thin out. A finger needs 44 px cells: where they do not
    // fit, the heatmap scrolls sideways in a view of its own.
    const float room = avail - label_w - legend_w;
    const float smallest = std::max(2.0f, TouchTarget(state));
    const float cell = std::max(smallest, std::min(spec.cell * scale, cols > 0 ? room / static_cast<float>(cols) : 0.0f));
    const bool scrolls = cell * static_cast<float>(cols) > room + 0.5f;
    const float grid_h = std::max(cell * static_cast<float>(rows), 4.0f * line);
    if (scrolls) {
        // Its width given, not measured: a view scrolled out of sight measures nothing.
        ImGui::SetNextWindowContentSize(ImVec2(label_w + cell * static_cast<float>(cols) + legend_w, 0.0f));
        ImGui::BeginChild((id + "/scroll").c_str(), ImVec2(avail, 3.0f * line + grid_h + ImGui::GetStyle().ScrollbarSize), false,
                          ImGuiWindowFlags_HorizontalScrollbar);
        list = ImGui::GetWindowDrawList();
    }
    const int row_label_step = std::max(1, static_cast<int>(std::ceil(line / cell)));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 p0(origin.x + label_w, origin.y + 2.0f * line);  // two lines: axis name and tick labels
    const ImVec2 p1(p0.x + cell * cols, p0.y + cell * rows);

    // Axis titles: columns above, rows to the left, in their role's colour.
    auto axis_colour = [&](const char* axis) {
        Role role;
        return RoleOf(axis, role) ? RoleColour(role, state.light_theme) : text;
    };
    AddText(state, list, id + "/col-axis", ImVec2(p0.x, origin.y), axis_colour(spec.col_axis), spec.col_axis);
    // The row axis goes under the row labels; a cell shorter than a line lets the last label hang below the grid.
    const float row_axis_y = p1.y + std::max(0.0f, (line - cell) * 0.5f) + 2.0f;
    AddText(state, list, id + "/row-axis", ImVec2(origin.x, row_axis_y), axis_colour(spec.row_axis), spec.row_axis);
    const int col_label_step = std::max(1, static_cast<int>(std::ceil(ImGui::CalcTextSize("000").x / cell)));
    const float label_gap = 2.0f * scale;
    for (int j = 0; j < cols; j += col_label_step) {
        const std::string label = spec.col_labels && j < (int)spec.col_labels->size() ? (*spec.col_labels)[j] : std::to_string(j);
        const float room_j = cell * static_cast<float>(std::min(col_label_step, cols - j)) - label_gap;
        const float w = std::min(ImGui::CalcTextSize(label.c_str()).x, room_j);
        FittedText(state, list, id + "/col/" + std::to_string(j),
                   ImVec2(p0.x + cell * j + std::max(0.0f, (cell - w) * 0.5f), origin.y + line), room_j, text, label);
    }
    for (int t = 0; t < rows; t += row_label_step) {
        const std::string label = spec.row_labels && t < (int)spec.row_labels->size() ? (*spec.row_labels)[t] : std::to_string(t);
        FittedText(state, list, id + "/row/" + std::to_string(t), ImVec2(origin.x, p0.y + cell * t + (cell - line) * 0.5f),
                   label_w - ImGui::GetStyle().ItemSpacing.x, text, label);
    }

    if (ImGui::IsRectVisible(p0, p1)) painter.Paint(list, p0, p1, m, spec.lo, spec.hi, spec.map, 1.0f, Sampling::cells);  // a texture upload
    list->AddRect(p0, p1, ImGui::GetColorU32(ImGuiCol_Border));
    RecordRect(state, id, p0, p1, ItemKind::plot);

    // Each value in its cell when it fits, and outlines around the hovered value's sources.
    const bool values_fit = ImGui::CalcTextSize("0.00").x + 4.0f * scale <= cell;
    const ImU32 source_outline = ImGui::GetColorU32(ImGuiCol_PlotLinesHovered);
    for (int t = 0; t < rows; ++t)
        for (int j = 0; j < cols; ++j) {
            const ImVec2 c0(p0.x + cell * j, p0.y + cell * t), c1(c0.x + cell, c0.y + cell);
            if (spec.step && IsSource(state, spec.step, t, j)) {
                list->AddRect(ImVec2(c0.x + 1.0f, c0.y + 1.0f), ImVec2(c1.x - 1.0f, c1.y - 1.0f), source_outline, 0.0f, 0,
                              2.0f * scale);
                KeepTooltipOff(state, c0, c1);
            }
            if (values_fit) {
                char value[16];
                std::snprintf(value, sizeof value, "%.2f", m(t, j));
                const ImVec2 size = ImGui::CalcTextSize(value);
                if (size.x > cell - 2.0f) continue;  // a large number: the tooltip has it
                const double span = spec.hi - spec.lo;
                const double u = span > 0.0 ? (m(t, j) - spec.lo) / span : 0.5;
                list->AddText(ImVec2(c0.x + (cell - size.x) * 0.5f, c0.y + (cell - size.y) * 0.5f), TextOn(spec.map, u), value);
            }
        }

    // Legend: the same colormap over the data's range, with its end values.
    const ImVec2 l0(p1.x + kLegendGap * scale, p0.y), l1(l0.x + kLegendBar * scale, p0.y + grid_h);
    DrawLegend(state, painter, list, id, l0, l1, spec.lo, spec.hi, spec.map);

    // Reserve the space, then report the hovered cell with its exact value.
    ImGui::PushID(spec.id);
    const ImVec2 total(p1.x + legend_w - origin.x, std::max(l1.y, row_axis_y) + line - origin.y);
    ImGui::SetCursorScreenPos(p0);
    const bool clicked = ImGui::InvisibleButton("cells", ImVec2(std::max(1.0f, p1.x - p0.x), std::max(1.0f, p1.y - p0.y)));
    HeatmapResult result;
    if (ImGui::IsItemHovered() && rows > 0 && cols > 0) {
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        result.row = std::clamp(static_cast<int>((mouse.y - p0.y) / cell), 0, rows - 1);
        result.col = std::clamp(static_cast<int>((mouse.x - p0.x) / cell), 0, cols - 1);
        result.clicked = clicked;
        const int t = result.row, j = result.col;
        const ImVec2 h0(p0.x + cell * j, p0.y + cell * t), h1(h0.x + cell, h0.y + cell);
        list->AddRect(h0, h1, IM_COL32(255, 255, 255, 255), 0.0f, 0, 2.0f * scale);
        KeepTooltipOff(state, h0, h1);
        if (spec.step) {
            ReportHover(state, spec.step, t, j);
            WantExplanationTooltip(state);
        } else {
            ImGui::SetTooltip("%s[%d][%d] = %.6g", spec.id, t, j, m(t, j));
        }
    }
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(total);
    ImGui::PopID();
    if (scrolls) {
        ImGui::EndChild();
        RecordRect(state, id + "/scroll", ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ItemKind::view);
    }
    return result;
}

void SignedHeatmap(AppState& state, HeatmapPainter& painter, const attn::Step& step, const char* id,
                   const std::vector<std::string>* rows, float cell) {
    // The rows' axis says whose rows they are: V's and ∂L/∂V's are the keys', W_Q's no tokens'.
    const char* row_axis = rows == &state.scenario.query_tokens ? "queries" : rows == &state.scenario.key_tokens ? "keys" : "rows";
    HeatmapSpec spec{id, step.id.c_str(), &step.value, rows, nullptr, row_axis, "columns"};
    spec.lo = -SymmetricExtent(step.value);
    spec.hi = -spec.lo;
    spec.map = Colormap::diverging;
    spec.cell = cell;
    const float width = HeatmapWidth(state, spec, step.value.shape(1));
    BesideIfFits(width);
    ImGui::BeginGroup();
    // The caption wraps at the heatmap's width (at least 16 ems), so that a long formula does not
    // widen the group and push the next heatmap onto a line of its own; never past the panel's edge.
    ImGui::PushTextWrapPos(std::min(ImGui::GetCursorPosX() + std::max(width, ImGui::GetFontSize() * 16.0f),
                                    ImGui::GetContentRegionMax().x));
    if (step.formula == step.id) ImGui::TextWrapped("%s", step.title.c_str());
    else ImGui::TextWrapped("%s:  %s", step.title.c_str(), step.formula.c_str());
    ImGui::PopTextWrapPos();
    NameText(state, std::string(id) + "/caption");
    DrawHeatmap(state, painter, spec);
    ImGui::EndGroup();
}


}  // namespace ui
