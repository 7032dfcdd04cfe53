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
    float query_w = ImGui::CalcTextSize("queries").x;
    for (std::size_t t = 0; t < T; ++t) query_w = std::max(query_w, ImGui::CalcTextSize(name(s.query_tokens, t).c_str()).x);
    const float gap = 160.0f * scale;  // room for the links
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float x_links0 = origin.x + query_w + 6.0f * scale, x_links1 = x_links0 + gap;
    const float height = line * static_cast<float>(std::max(T, S) + 1);
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    list->AddText(origin, dim, "queries");
    list->AddText(ImVec2(x_links1 + 6.0f * scale, origin.y), dim, "keys");
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
    for (std::size_t t = 0; t < T; ++t) {
        const std::string label = name(s.query_tokens, t);
        list->AddText(ImVec2(x_links0 - 4.0f * scale - ImGui::CalcTextSize(label.c_str()).x, y_of(t, T) - line * 0.5f), text,
                      label.c_str());
    }
    for (std::size_t j = 0; j < S; ++j)
        list->AddText(ImVec2(x_links1 + 6.0f * scale, y_of(j, S) - line * 0.5f), text, name(s.key_tokens, j).c_str());
    ImGui::Dummy(ImVec2(x_links1 - origin.x + 80.0f * scale, height));
    RecordRect(state, "Trace/links", origin, ImVec2(x_links1 + 80.0f * scale, origin.y + height));
    ImGui::TextDisabled("Line width and opacity follow the weights; the selected query's links are orange.");
}

}  // namespace ui
