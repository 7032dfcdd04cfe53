// panel_pipeline.cpp — the trace as numbered steps, each with its formula and its values.
//
// Hovering a value explains it: its formula filled in with the numbers (core/explain.hpp) in a
// tooltip and in the explanation bar (app.cpp), and the values it was computed from highlighted
// in the earlier steps. Cells are named "Pipeline/<step id>/<row>/<col>" for the page's test hook.
#include <cstdio>
#include <string>

#include <imgui.h>

#include "app.hpp"
#include "palette.hpp"
#include "panels.hpp"

namespace ui {

namespace {

// Highlight colours (palette.hpp): the hovered value, and the values it was computed from.
constexpr ImU32 kHoveredCell = (kOrange & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 200);
constexpr ImU32 kSourceCell = (kSkyBlue & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 110);

// Values of a step as a table; large matrices show their top-left corner.
void DrawStepValues(AppState& state, const attn::Step& step) {
    constexpr std::size_t kMaxShown = 12;
    const attn::Matrix& m = step.value;
    const std::size_t rows = std::min(m.shape(0), kMaxShown), cols = std::min(m.shape(1), kMaxShown);
    if (cols == 0) return;
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX;
    if (!ImGui::BeginTable(step.id.c_str(), static_cast<int>(cols), flags)) return;
    for (std::size_t r = 0; r < rows; ++r) {
        ImGui::TableNextRow();
        for (std::size_t c = 0; c < cols; ++c) {
            ImGui::TableSetColumnIndex(static_cast<int>(c));
            if (IsHovered(state, step.id, r, c)) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, kHoveredCell);
            else if (IsSource(state, step.id, r, c)) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, kSourceCell);
            ImGui::TextUnformatted(attn::format_number(m(r, c)).c_str());
            const ImVec2 p0 = ImGui::GetItemRectMin(), p1 = ImGui::GetItemRectMax();
            if (IsSource(state, step.id, r, c) || IsHovered(state, step.id, r, c)) KeepTooltipOff(state, p0, p1);
            RecordRect(state, "Pipeline/" + step.id + "/" + std::to_string(r) + "/" + std::to_string(c), p0, p1);
            if (ImGui::IsItemHovered()) {
                ReportHover(state, step.id, static_cast<int>(r), static_cast<int>(c));
                WantExplanationTooltip(state);
            }
        }
    }
    ImGui::EndTable();
    if (m.shape(0) > kMaxShown || m.shape(1) > kMaxShown)
        ImGui::TextDisabled("… showing %zu × %zu of %zu × %zu", rows, cols, m.shape(0), m.shape(1));
}

}  // namespace

void DrawPipelinePanel(AppState& state) {
    if (!PanelHeader(state, scenario::Panel::pipeline)) return;
    ImGui::TextDisabled("variant %s", state.trace.variant.c_str());
    int number = 1;
    for (const attn::Step& step : state.trace.steps) {
        char header[256];
        std::snprintf(header, sizeof header, "%d. %s   %s###%s", number++, step.title.c_str(), step.formula.c_str(),
                      step.id.c_str());
        if (ImGui::TreeNodeEx(header, ImGuiTreeNodeFlags_DefaultOpen)) {
            DrawStepValues(state, step);
            ImGui::TreePop();
        }
    }
}

}  // namespace ui
