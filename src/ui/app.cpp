// app.cpp — lays out the panels and keeps the trace in step with the scenario. See app.hpp.
#include "app.hpp"

#include "panels.hpp"
#include "scenario/presets.hpp"

namespace ui {

void RecordRect(AppState& state, const std::string& name, ImVec2 min, ImVec2 max) {
    state.item_rects[name] = {min.x, min.y, max.x - min.x, max.y - min.y};
}

void Recompute(AppState& state) {
    if (!state.scenario_changed) return;
    state.scenario_changed = false;
    try {
        state.trace = scenario::compute_trace(state.scenario);
        state.error.clear();
    } catch (const attn::ShapeError& e) {
        state.error = e.what();  // keep the last good trace on screen; the edit itself is kept too
    }
    const int queries = static_cast<int>(state.trace.rows.size());
    if (state.selected_query >= queries) state.selected_query = queries > 0 ? queries - 1 : 0;
}

std::string LoadScenario(AppState& state, const std::string& json_text) {
    scenario::ParseResult parsed = scenario::parse_scenario(json_text);
    if (!parsed.scenario) return parsed.error;
    try {
        attn::Trace trace = scenario::compute_trace(*parsed.scenario);
        state.scenario = std::move(*parsed.scenario);
        state.trace = std::move(trace);
        state.error.clear();
        state.scenario_changed = false;
    } catch (const attn::ShapeError& e) {
        return e.what();  // refused: the current scenario stays as it was
    }
    return {};
}

void HelpMarker(const char* text) {
    ImGui::SameLine();
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

void DrawApp(AppState& state, HeatmapPainter& painter) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("Attention Explorer", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);

    // 1. Left column: what the learner edits. Edits recompute before the right column draws.
    const float left_w = ImGui::GetContentRegionAvail().x * 0.42f;
    ImGui::BeginChild("Edit", ImVec2(left_w, 0.0f), true);
    DrawOptionsPanel(state);
    DrawInputsPanel(state, painter);
    ImGui::EndChild();
    Recompute(state);

    // 2. Right column: what the core computed from it.
    ImGui::SameLine();
    ImGui::BeginChild("Trace", ImVec2(0.0f, 0.0f), true);
    if (!state.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(235, 90, 70, 255));
        ImGui::TextWrapped("Cannot compute this scenario: %s. Showing the last valid result.", state.error.c_str());
        ImGui::PopStyleColor();
    }
    DrawWeightsPanel(state, painter);
    DrawPipelinePanel(state);
    ImGui::EndChild();

    ImGui::End();
}

}  // namespace ui
