// panel_token_links.cpp — the weights as lines from each query to the keys, thicker for more.
//
// It draws the trace's weights as they are; nothing is computed here.
#include <algorithm>
#include <string>

#include <imgui.h>

#include "app.hpp"
#include "palette.hpp"
#include "panels.hpp"
#include "core/step_ids.hpp"

namespace ui {

void DrawTokenLinksPanel(AppState& state) {
    if (!PanelHeader(state, scenario::Panel::token_links)) return;
    const attn::Step* weights = state.trace.find(attn::step_id::weights);
    if (!weights) return;
    const attn::Matrix& w = weights->value;
    const auto& s = state.scenario;
    const float scale = state.applied_scale;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const std::size_t T = w.shape(0), S = w.shape(1);
    auto name = [](const std::vector<std::string>& tokens, std::size_t i) {
        return i < tokens.size() ? tokens[i] : std::to_string(i);
    };
    // Queries | links | keys: each list of labels takes at most a quarter of the width (longer
    // labels end in an ellipsis), the links what is left up to 160 px.
    const float avail = ImGui::GetContentRegionAvail().x, pad = 6.0f * scale;
    auto widest = [&](const std::vector<std::string>& tokens, std::size_t n, const char* title) {
        float w = ImGui::CalcTextSize(title).x;
        for (std::size_t i = 0; i < n; ++i) w = std::max(w, ImGui::CalcTextSize(name(tokens, i).c_str()).x);
        return std::min(w, avail * 0.25f);
    };
    const float query_w = widest(s.query_tokens, T, "queries"), key_w = widest(s.key_tokens, S, "keys");
    const float gap = std::max(std::min(160.0f * scale, avail - query_w - key_w - 2.0f * pad), 20.0f * scale);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float x_links0 = origin.x + query_w + pad, x_links1 = x_links0 + gap;
    const float height = line * static_cast<float>(std::max(T, S) + 1);
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    AddText(state, list, "Trace/links/queries", origin, RoleColour(Role::query, state.light_theme), "queries");
    AddText(state, list, "Trace/links/keys", ImVec2(x_links1 + pad, origin.y), RoleColour(Role::key, state.light_theme), "keys");
    // Each column is centred vertically, so unequal lengths still read as aligned lists.
    auto y_of = [&](std::size_t i, std::size_t n) {
        return origin.y + line + (height - line - line * static_cast<float>(n)) * 0.5f + line * (static_cast<float>(i) + 0.5f);
    };
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t j = 0; j < S; ++j) {
            const float w_tj = static_cast<float>(std::clamp(w(t, j), 0.0, 1.0));
            if (w_tj < 0.01f) continue;  // invisible anyway
            const bool selected = static_cast<int>(t) == state.selected_query;
            const ImU32 rgb = (selected ? kOrange : kSkyBlue) & ~IM_COL32_A_MASK;  // palette.hpp
            const ImU32 colour = rgb | (static_cast<ImU32>(selected ? 40 + 215 * w_tj : 30 + 160 * w_tj) << IM_COL32_A_SHIFT);
            list->AddLine(ImVec2(x_links0, y_of(t, T)), ImVec2(x_links1, y_of(j, S)), colour, (0.5f + 7.0f * w_tj) * scale);
        }
    for (std::size_t t = 0; t < T; ++t) {  // right-aligned against the links
        const std::string label = name(s.query_tokens, t);
        const float w = std::min(ImGui::CalcTextSize(label.c_str()).x, query_w);
        FittedText(state, list, "Trace/links/query/" + std::to_string(t), ImVec2(x_links0 - 4.0f * scale - w, y_of(t, T) - line * 0.5f),
                   query_w, text, label);
    }
    for (std::size_t j = 0; j < S; ++j)
        FittedText(state, list, "Trace/links/key/" + std::to_string(j), ImVec2(x_links1 + pad, y_of(j, S) - line * 0.5f), key_w, text,
                   name(s.key_tokens, j));
    const float width = x_links1 + pad + key_w - origin.x;
    ImGui::Dummy(ImVec2(width, height));
    RecordRect(state, "Trace/links", origin, ImVec2(origin.x + width, origin.y + height), ItemKind::plot);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("Line width and opacity follow the weights; the selected query's links are orange.");
    ImGui::PopStyleColor();
    NameText(state, "Trace/links/caption");
}

}  // namespace ui
