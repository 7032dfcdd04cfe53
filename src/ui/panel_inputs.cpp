// panel_inputs.cpp — the editable input matrices: drag a cell, or Ctrl+click it and type.
//
// Cells are coloured by value (the heatmap shader behind transparent number fields) and labelled
// with their tokens. Every edit sets scenario_changed, so the trace follows in the same frame.
#include <algorithm>
#include <cmath>
#include <string>

#include <imgui.h>

#include "app.hpp"
#include "panels.hpp"

namespace ui {

namespace {

// Matrices the current form reads, in teaching order; others in the scenario are shown after.
const char* const kTeachingOrder[] = {"X", "Y", "Q", "K", "V", "W_Q", "W_K", "W_V", "W_O",
                                      "W_a", "U_a", "v_a", "W_p", "v_p", "W_c", "H", "mask"};

// Which tokens label the rows of a matrix: queries for Q, keys for K and V, none for weights.
const std::vector<std::string>* RowLabels(const AppState& state, const std::string& name) {
    if (name == "Q" || name == "X" || name == "H") return &state.scenario.query_tokens;
    if (name == "K" || name == "V" || name == "Y") return &state.scenario.key_tokens;
    return nullptr;
}

bool DrawMatrixEditor(AppState& state, HeatmapPainter& painter, const std::string& name, attn::Matrix& m) {
    const float scale = state.applied_scale;
    const float cell_w = 64.0f * scale;
    const std::size_t rows = m.shape(0), cols = m.shape(1);
    const std::vector<std::string>* labels = RowLabels(state, name);
    bool changed = false;

    // Colour range symmetric around 0 so that sign reads at a glance (diverging map).
    double extent = 1e-9;
    for (double x : m) extent = std::max(extent, std::abs(x));

    ImGui::PushID(name.c_str());
    ImGui::Text("%s  (%zu × %zu)", name.c_str(), rows, cols);
    float label_w = 0.0f;
    if (labels)
        for (const auto& l : *labels) label_w = std::max(label_w, ImGui::CalcTextSize(l.c_str()).x + ImGui::GetStyle().ItemSpacing.x);

    // Cells touch (no item spacing), so one heatmap behind the whole grid colours them all.
    const float row_h = ImGui::GetFrameHeight();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 grid0(origin.x + label_w, origin.y);
    painter.Paint(ImGui::GetWindowDrawList(), grid0, ImVec2(grid0.x + cell_w * cols, grid0.y + row_h * rows), m,
                  -extent, extent, Colormap::diverging, 0.55f);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0.0f, 0.0f));
    ImGui::PushStyleColor(ImGuiCol_FrameBg, IM_COL32(0, 0, 0, 0));
    for (std::size_t r = 0; r < rows; ++r) {
        ImGui::PushID(static_cast<int>(r));
        if (labels) {
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(r < labels->size() ? (*labels)[r].c_str() : "?");
            ImGui::SameLine(label_w + (origin.x - ImGui::GetWindowPos().x));
        }
        for (std::size_t c = 0; c < cols; ++c) {
            if (c > 0) ImGui::SameLine();
            ImGui::PushID(static_cast<int>(c));
            const ImVec2 p0 = ImGui::GetCursorScreenPos();
            ImGui::SetNextItemWidth(cell_w);
            changed |= ImGui::DragScalar("##cell", ImGuiDataType_Double, &m(r, c), 0.01f, nullptr, nullptr, "%.2f");
            if (ImGui::IsItemHovered() && !ImGui::IsItemActive())
                ImGui::SetTooltip("%s[%zu][%zu] = %.6g\nDrag to change, Ctrl+click to type.", name.c_str(), r, c, m(r, c));
            RecordRect(state, "Inputs/" + name + "/" + std::to_string(r) + "/" + std::to_string(c), p0,
                       ImVec2(p0.x + cell_w, p0.y + row_h));
            ImGui::PopID();
        }
        ImGui::PopID();
    }
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    ImGui::PopID();
    return changed;
}

}  // namespace

void DrawInputsPanel(AppState& state, HeatmapPainter& painter) {
    if (!ImGui::CollapsingHeader("Inputs", ImGuiTreeNodeFlags_DefaultOpen)) return;
    auto& matrices = state.scenario.matrices;
    std::vector<std::string> names;
    for (const char* name : kTeachingOrder)
        if (matrices.count(name)) names.push_back(name);
    for (const auto& entry : matrices)
        if (std::find(names.begin(), names.end(), entry.first) == names.end()) names.push_back(entry.first);
    for (const std::string& name : names) {
        state.scenario_changed |= DrawMatrixEditor(state, painter, name, matrices[name]);
        ImGui::Spacing();
    }
}

}  // namespace ui
