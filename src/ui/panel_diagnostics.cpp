// panel_diagnostics.cpp — how focused each query is, in numbers and in words.
//
// The numbers are the trace's per-row diagnostics (core/diagnostics.hpp); the sentences come from
// scenario/readings.hpp. The gradient column is what shows why unscaled large scores stall
// learning: once one weight nears 1, the softmax's Jacobian, and every gradient through it, nears 0.
#include <imgui.h>

#include "app.hpp"
#include "panels.hpp"

namespace ui {

void DrawDiagnosticsPanel(AppState& state) {
    if (!PanelHeader(state, scenario::Panel::diagnostics)) return;
    const auto& rows = state.trace.rows;
    const auto& s = state.scenario;
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("Diagnostics", 5, flags)) {
        ImGui::TableSetupColumn("query");
        ImGui::TableSetupColumn("entropy (nats)");
        ImGui::TableSetupColumn("max weight");
        ImGui::TableSetupColumn("keys for 90 %");
        ImGui::TableSetupColumn("‖∂w/∂s‖ (gradient)");
        ImGui::TableHeadersRow();
        for (std::size_t t = 0; t < rows.size(); ++t) {
            const attn::RowDiagnostics& row = rows[t];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(t < s.query_tokens.size() ? s.query_tokens[t].c_str() : "?");
            if (row.empty) {
                ImGui::TableNextColumn();
                ImGui::TextDisabled("nothing to attend to");
                continue;
            }
            const std::string key = row.argmax < s.key_tokens.size() ? s.key_tokens[row.argmax] : std::to_string(row.argmax);
            ImGui::TableNextColumn();
            ImGui::Text("%.3f", row.entropy);
            ImGui::TableNextColumn();
            ImGui::Text("%.3f  (%s)", row.max_weight, key.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%zu", row.keys_for_90);
            ImGui::TableNextColumn();
            ImGui::Text("%.3g", row.jacobian_norm);
        }
        ImGui::EndTable();
    }
    HelpMarker("Entropy: 0 when a query attends to one key, ln S when it spreads evenly over S keys. "
               "‖∂w/∂s‖: how much the weights move when the scores move; near 0 the softmax is saturated and "
               "learning through it stalls (the reason for scaling by √d_k).");
    for (const std::string& sentence : state.readings) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s", sentence.c_str());
    }
}

}  // namespace ui
