// app_view_image.cpp — the image view: a procedurally drawn picture split into regions, with the
// selected query's weights laid over it by the heatmap shader, upsampled between region centres.
#include <algorithm>
#include <string>

#include <imgui.h>

#include "app.hpp"
#include "application_views.hpp"
#include "layout.hpp"
#include "core/step_ids.hpp"

namespace ui {

namespace {

ImU32 Colour(const scenario::Colour& c) {
    return IM_COL32(static_cast<int>(255 * c[0]), static_cast<int>(255 * c[1]), static_cast<int>(255 * c[2]), 255);
}

constexpr float kOverlayAlpha = 0.8f;  // at the highest weight; the shader fades it with the weight

}  // namespace

void DrawImageView(const ApplicationView& v) {
    AppState& state = v.state;
    const scenario::Application& app = v.app;
    QueryPicker(state, "Caption word or question:");
    const float scale = state.applied_scale, line = ImGui::GetTextLineHeight();
    const float legend = 16.0f * scale + ImGui::CalcTextSize("0.000").x + 12.0f * scale;
    const float side = std::max(std::min(ImGui::GetContentRegionAvail().x - legend, 340.0f * scale), 80.0f * scale);
    const ImVec2 p0 = ImGui::GetCursorScreenPos(), p1(p0.x + side, p0.y + side);
    ImDrawList* list = ImGui::GetWindowDrawList();
    const auto at = [&](double x, double y) {
        return ImVec2(p0.x + static_cast<float>(x) * side, p0.y + static_cast<float>(y) * side);
    };

    // The picture, shape by shape.
    list->AddRectFilled(p0, p1, Colour(app.background));
    for (const scenario::ImageShape& s : app.shapes) {
        if (s.kind == scenario::ImageShape::Kind::rect) list->AddRectFilled(at(s.at[0], s.at[1]), at(s.at[2], s.at[3]), Colour(s.colour));
        else list->AddCircleFilled(at(s.at[0], s.at[1]), static_cast<float>(s.at[2]) * side, Colour(s.colour), 48);
    }

    // The weights of the selected query over the regions, row by row, as a (rows, cols) image.
    const std::size_t rows = app.grid_rows, cols = app.grid_cols;
    attn::Matrix grid = xt::zeros<double>({rows, cols});
    double top = 1e-12;
    for (std::size_t j = 0; j < rows * cols; ++j) {
        grid(j / cols, j % cols) = v.weights(v.query, j);
        top = std::max(top, v.weights(v.query, j));
    }
    v.painter.Paint(list, p0, p1, grid, 0.0, top, Colormap::viridis, kOverlayAlpha, Sampling::smooth);
    const ImU32 rule = IM_COL32(255, 255, 255, 90);
    for (std::size_t r = 1; r < rows; ++r) list->AddLine(at(0, double(r) / rows), at(1, double(r) / rows), rule, scale);
    for (std::size_t c = 1; c < cols; ++c) list->AddLine(at(double(c) / cols, 0), at(double(c) / cols, 1), rule, scale);

    const ImVec2 l0(p1.x + 8.0f * scale, p0.y), l1(l0.x + 12.0f * scale, p1.y);
    DrawLegend(state, v.painter, list, "Application/image", l0, l1, 0.0, top, Colormap::viridis);
    RecordRect(state, "Application/image/legend", l0, l1, ItemKind::plot);
    ImGui::InvisibleButton("##image", ImVec2(side, side));
    RecordRect(state, "Application/image", p0, p1, ItemKind::plot);
    if (ImGui::IsItemHovered()) {  // the region under the pointer explains its weight
        const ImVec2 m = ImGui::GetIO().MousePos;
        const std::size_t r = std::min(rows - 1, static_cast<std::size_t>((m.y - p0.y) / side * rows));
        const std::size_t c = std::min(cols - 1, static_cast<std::size_t>((m.x - p0.x) / side * cols));
        ReportHover(state, std::string(attn::step_id::weights), v.query, static_cast<int>(r * cols + c));
    }
    ImGui::Dummy(ImVec2(0.0f, line * 0.25f));
    ViewCaption(state, "Application/image/caption",
                "Each region is one key; the colour laid over the picture is the selected word's weight on it, "
                "blended between region centres. Hover a region for its weight's formula.");
}

}  // namespace ui
