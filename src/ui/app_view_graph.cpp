// app_view_graph.cpp — the graph view: nodes where the application places them, the edges the
// mask allows, and the selected node's weights as the widths of its edges.
#include <algorithm>
#include <string>

#include <imgui.h>

#include "app.hpp"
#include "application_views.hpp"
#include "layout.hpp"
#include "palette.hpp"
#include "core/step_ids.hpp"

namespace ui {

void DrawGraphView(const ApplicationView& v) {
    AppState& state = v.state;
    const attn::Step* mask = state.trace.find(attn::step_id::mask);
    const std::size_t n = v.weights.shape(1);
    const float scale = state.applied_scale;
    const float radius = std::max(14.0f * scale, TouchTarget(state) * 0.5f);
    const float width = std::max(ImGui::GetContentRegionAvail().x, 8.0f * radius);
    const float height = std::min(0.6f * width, 280.0f * scale);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImDrawList* list = ImGui::GetWindowDrawList();
    const auto at = [&](std::size_t j) {
        const auto& xy = v.app.nodes[j];
        return ImVec2(p0.x + radius + static_cast<float>(xy[0]) * (width - 2.0f * radius),
                      p0.y + radius + static_cast<float>(xy[1]) * (height - 2.0f * radius));
    };
    const auto edge = [&](std::size_t i, std::size_t j) {
        return !mask || mask->value(std::min(i, v.weights.shape(0) - 1), j) != 0.0;
    };

    // Every edge thin, then the selected node's as wide as its weights.
    const ImU32 faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j)
            if (edge(i, j) || edge(j, i)) list->AddLine(at(i), at(j), faint, 1.0f * scale);
    const std::size_t q = static_cast<std::size_t>(v.query);
    for (std::size_t j = 0; j < n; ++j) {
        const float w = static_cast<float>(std::clamp(v.weights(q, j), 0.0, 1.0));
        if (w < 0.005f) continue;
        const ImU32 colour = WithAlpha(kOrange, static_cast<int>(90 + 165 * w));
        if (j == q) list->AddCircle(at(j), radius + 3.0f * scale + 5.0f * w * scale, colour, 40, (1.0f + 10.0f * w) * scale);
        else list->AddLine(at(q), at(j), colour, (1.0f + 12.0f * w) * scale);
    }

    // The nodes: the selected one orange, its neighbours in the keys' colour; a click selects one.
    const ImU32 text = IM_COL32(0, 0, 0, 255);
    for (std::size_t j = 0; j < n; ++j) {
        const ImVec2 c = at(j);
        const bool selected = j == q, neighbour = edge(q, j);
        list->AddCircleFilled(c, radius, selected ? kOrange : neighbour ? kSkyBlue : IM_COL32(170, 170, 170, 255), 32);
        const std::string label = v.Key(j);
        const float w = std::min(ImGui::CalcTextSize(label.c_str()).x, 1.6f * radius);
        FittedText(state, list, "Application/graph/label/" + std::to_string(j),
                   ImVec2(c.x - w * 0.5f, c.y - ImGui::GetTextLineHeight() * 0.5f), 1.6f * radius, text, label);
        ImGui::SetCursorScreenPos(ImVec2(c.x - radius, c.y - radius));
        ImGui::InvisibleButton(("##node" + std::to_string(j)).c_str(), ImVec2(2.0f * radius, 2.0f * radius));
        if (ImGui::IsItemClicked() && j < v.weights.shape(0)) state.selected_query = static_cast<int>(j);
        if (ImGui::IsItemHovered()) ReportHover(state, std::string(attn::step_id::weights), v.query, static_cast<int>(j));
        RecordRect(state, "Application/graph/node/" + std::to_string(j), ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    }
    ImGui::SetCursorScreenPos(p0);
    ImGui::Dummy(ImVec2(width, height));
    RecordRect(state, "Application/graph", p0, ImVec2(p0.x + width, p0.y + height), ItemKind::plot);
    ViewCaption(state, "Application/graph/caption",
                "The selected node (orange) attends over its neighbours and itself: each edge is as wide as its "
                "weight, the ring its weight on itself. Click a node to select it; hover one for its weight's "
                "formula.");
}

}  // namespace ui
