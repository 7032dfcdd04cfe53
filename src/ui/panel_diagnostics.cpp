// panel_diagnostics.cpp — how focused each query is, in numbers and in words.
//
// The numbers are the trace's per-row diagnostics (core/diagnostics.hpp); the sentences come from
// scenario/readings.hpp. The gradient column is what shows why unscaled large scores stall
// learning: once one weight nears 1, the softmax's Jacobian, and every gradient through it, nears 0.
#include <algorithm>
#include <array>
#include <cstdio>
#include <iterator>
#include <string>
#include <vector>

#include <imgui.h>

#include "app.hpp"
#include "panels.hpp"

namespace ui {

void DrawDiagnosticsPanel(AppState& state) {
    if (!PanelHeader(state, scenario::Panel::diagnostics)) return;
    const auto& rows = state.trace.rows;
    const auto& s = state.scenario;
    // The table's text first, so that its width is known before it is drawn (layout.hpp's TableFit).
    constexpr const char* kHeaders[] = {"query", "entropy (nats)", "max weight", "keys for 90 %", "‖∂w/∂s‖ (gradient)"};
    constexpr const char* kNames[] = {"query", "entropy", "max", "keys90", "gradient"};
    constexpr int kColumns = static_cast<int>(std::size(kHeaders));
    std::vector<std::array<std::string, kColumns>> cells(rows.size());
    char text[96];
    for (std::size_t t = 0; t < rows.size(); ++t) {
        const attn::RowDiagnostics& row = rows[t];
        cells[t][0] = t < s.query_tokens.size() ? s.query_tokens[t] : "?";
        if (row.empty) {
            cells[t][1] = "nothing to attend to";
            continue;
        }
        const std::string key = row.argmax < s.key_tokens.size() ? s.key_tokens[row.argmax] : std::to_string(row.argmax);
        std::snprintf(text, sizeof text, "%.3f", row.entropy);
        cells[t][1] = text;
        std::snprintf(text, sizeof text, "%.3f  (%s)", row.max_weight, key.c_str());
        cells[t][2] = text;
        cells[t][3] = std::to_string(row.keys_for_90);
        std::snprintf(text, sizeof text, "%.3g", row.jacobian_norm);
        cells[t][4] = text;
    }
    std::vector<float> widths(kColumns);
    for (int c = 0; c < kColumns; ++c) {
        widths[c] = ImGui::CalcTextSize(kHeaders[c]).x;
        for (const auto& row : cells) widths[c] = std::max(widths[c], ImGui::CalcTextSize(row[c].c_str()).x);
    }
    ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    const ImVec2 outer = TableFit(widths, rows.size() + 1, ImGui::GetTextLineHeight(), flags);
    if (ImGui::BeginTable("Diagnostics", kColumns, flags, outer)) {
        for (const char* header : kHeaders) ImGui::TableSetupColumn(header);
        ImGui::TableNextRow(ImGuiTableRowFlags_Headers);  // ImGui's TableHeadersRow, with each header named
        for (int c = 0; c < kColumns; ++c) {
            ImGui::TableSetColumnIndex(c);
            ImGui::TableHeader(kHeaders[c]);
            NameText(state, std::string("Diagnostics/header/") + kNames[c]);
        }
        for (std::size_t t = 0; t < rows.size(); ++t) {
            ImGui::TableNextRow();
            for (int c = 0; c < kColumns; ++c) {
                ImGui::TableNextColumn();
                if (cells[t][c].empty()) continue;
                if (rows[t].empty && c == 1) ImGui::TextDisabled("%s", cells[t][c].c_str());
                else ImGui::TextUnformatted(cells[t][c].c_str());
                NameText(state, "Diagnostics/" + std::to_string(t) + "/" + kNames[c]);
            }
        }
        ImGui::EndTable();
    }
    HelpMarker(state, "Entropy: 0 when a query attends to one key, ln S when it spreads evenly over S keys. "
               "‖∂w/∂s‖: how much the weights move when the scores move; near 0 the softmax is saturated and "
               "learning through it stalls (the reason for scaling by √d_k).");
    for (std::size_t i = 0; i < state.readings.size(); ++i) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s", state.readings[i].c_str());
        NameText(state, "Diagnostics/reading/" + std::to_string(i));
    }
}

}  // namespace ui
