// panel_pipeline.cpp — the trace as numbered steps, each with its formula and its values.
#include <cstdio>

#include <imgui.h>

#include "app.hpp"
#include "panels.hpp"

namespace ui {

namespace {

// Values of a step as a table; large matrices show their top-left corner.
void DrawStepValues(const attn::Step& step) {
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
            ImGui::Text("%7.3f", m(r, c));
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s[%zu][%zu] = %.10g", step.id.c_str(), r, c, m(r, c));
        }
    }
    ImGui::EndTable();
    if (m.shape(0) > kMaxShown || m.shape(1) > kMaxShown) ImGui::TextDisabled("… showing %zu × %zu of %zu × %zu", rows, cols, m.shape(0), m.shape(1));
}

}  // namespace

void DrawPipelinePanel(AppState& state) {
    if (!ImGui::CollapsingHeader("Pipeline", ImGuiTreeNodeFlags_DefaultOpen)) return;
    ImGui::TextDisabled("%s", state.trace.variant.c_str());
    int number = 1;
    for (const attn::Step& step : state.trace.steps) {
        char header[160];
        std::snprintf(header, sizeof header, "%d. %s   %s###%s", number++, step.title.c_str(), step.formula.c_str(), step.id.c_str());
        if (ImGui::TreeNodeEx(header, ImGuiTreeNodeFlags_DefaultOpen)) {
            DrawStepValues(step);
            ImGui::TreePop();
        }
    }
}

}  // namespace ui
