// panel_pipeline.cpp — the trace as numbered steps, each with its formula and its values.
//
// Hovering a value explains it: its formula filled in with the numbers (core/explain.hpp) in a
// tooltip and in the explanation bar (app.cpp), and the values it was computed from highlighted
// in the earlier steps. Cells are named "Pipeline/<step id>/<row>/<col>" for the page's test hook.
#include <algorithm>
#include <string>
#include <vector>

#include <imgui.h>

#include "app.hpp"
#include "palette.hpp"
#include "panels.hpp"

namespace ui {

namespace {

// Highlight colours (palette.hpp): the hovered value, and the values it was computed from.
constexpr ImU32 kHoveredCell = (kOrange & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 200);
constexpr ImU32 kSourceCell = (kSkyBlue & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 110);

// Values of a step as a table; large matrices show their top-left corner. A table wider than the
// panel scrolls sideways on its own. On a touch screen each value is a 44 px target.
void DrawStepValues(AppState& state, const attn::Step& step) {
    constexpr std::size_t kMaxShown = 12;
    const attn::Matrix& m = step.value;
    const std::size_t rows = std::min(m.shape(0), kMaxShown), cols = std::min(m.shape(1), kMaxShown);
    if (cols == 0) return;
    // Each shown number formatted once: measured for the table's width, then drawn.
    const float target = TouchTarget(state);
    std::vector<std::string> numbers(rows * cols);
    float widest = target;
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < cols; ++c) {
            numbers[r * cols + c] = attn::format_number(m(r, c));
            widest = std::max(widest, ImGui::CalcTextSize(numbers[r * cols + c].c_str()).x);
        }
    ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit;
    const ImVec2 outer = TableFit(std::vector<float>(cols, widest), rows, std::max(ImGui::GetTextLineHeight(), target), flags);
    if (!ImGui::BeginTable(step.id.c_str(), static_cast<int>(cols), flags, outer)) return;
    for (std::size_t r = 0; r < rows; ++r) {
        ImGui::TableNextRow(0, target);
        for (std::size_t c = 0; c < cols; ++c) {
            ImGui::TableSetColumnIndex(static_cast<int>(c));
            const bool hovered = IsHovered(state, step.id, r, c), source = IsSource(state, step.id, r, c);
            if (hovered) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, kHoveredCell);
            else if (source) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, kSourceCell);
            const std::string& number = numbers[r * cols + c];
            if (target > 0.0f) {  // a finger-sized cell, the number centred on its height
                const ImVec2 size = ImGui::CalcTextSize(number.c_str()), at = ImGui::GetCursorScreenPos();
                ImGui::Dummy(ImVec2(std::max(size.x, target), target));
                ImGui::GetWindowDrawList()->AddText(ImVec2(at.x, at.y + (target - size.y) * 0.5f), ImGui::GetColorU32(ImGuiCol_Text),
                                                    number.c_str());
            } else {
                ImGui::TextUnformatted(number.c_str());
            }
            const ImVec2 p0 = ImGui::GetItemRectMin(), p1 = ImGui::GetItemRectMax();
            if (source || hovered) KeepTooltipOff(state, p0, p1);
            RecordRect(state, "Pipeline/" + step.id + "/" + std::to_string(r) + "/" + std::to_string(c), p0, p1);
            if (ImGui::IsItemHovered()) {
                ReportHover(state, step.id, static_cast<int>(r), static_cast<int>(c));
                WantExplanationTooltip(state);
            }
        }
    }
    ImGui::EndTable();
    if (m.shape(0) > kMaxShown || m.shape(1) > kMaxShown) {
        ImGui::TextDisabled("… showing %zu × %zu of %zu × %zu", rows, cols, m.shape(0), m.shape(1));
        NameText(state, "Pipeline/" + step.id + "/shown");
    }
}

}  // namespace

void DrawPipelinePanel(AppState& state) {
    if (!PanelHeader(state, scenario::Panel::pipeline)) return;
    ImGui::TextWrapped("variant %s", state.trace.variant.c_str());
    NameText(state, "Pipeline/variant");
    int number = 1;
    for (const attn::Step& step : state.trace.steps) {
        // The step's number and title on its node, shortened to the width; the formula below it,
        // wrapped.
        const ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_DefaultOpen | ImGuiTreeNodeFlags_SpanAvailWidth |
                                         (state.coarse_pointer ? ImGuiTreeNodeFlags_FramePadding : 0);
        const bool open = ImGui::TreeNodeEx(("###" + step.id).c_str(), flags);
        const std::string name = "Pipeline/" + step.id;
        RecordRect(state, name + "/node", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        const float text_x = min.x + ImGui::GetFontSize() + ImGui::GetStyle().FramePadding.x * 2.0f;
        const float text_y = min.y + (max.y - min.y - ImGui::GetTextLineHeight()) * 0.5f;
        FittedText(state, ImGui::GetWindowDrawList(), name + "/title", ImVec2(text_x, text_y), max.x - text_x,
                   ImGui::GetColorU32(ImGuiCol_Text), std::to_string(number++) + ". " + step.title);
        if (!open) continue;
        if (step.formula != step.id) {
            ImGui::TextWrapped("%s", step.formula.c_str());
            NameText(state, name + "/formula");
        }
        DrawStepValues(state, step);
        ImGui::TreePop();
    }
}

}  // namespace ui
