// panel_weights.cpp — one query's weights over the keys, and its context vector, as labelled bars.
#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "app.hpp"
#include "panels.hpp"
#include "core/step_ids.hpp"

namespace ui {

namespace {

// Horizontal bars, one per label, with the value printed at the bar's end. `lo`…`hi` is the axis.
// Labels take at most a third of the width (longer ones end in an ellipsis); the bars what is left.
void DrawBars(AppState& state, const std::string& id, const char* value_axis, const std::vector<std::string>& labels,
              const std::vector<double>& values, double lo, double hi) {
    const float scale = state.applied_scale;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float avail = ImGui::GetContentRegionAvail().x;
    float label_w = 0.0f;
    for (const auto& l : labels) label_w = std::max(label_w, ImGui::CalcTextSize(l.c_str()).x);
    label_w = std::min(label_w, avail / 3.0f) + ImGui::GetStyle().ItemSpacing.x;
    const float value_w = ImGui::CalcTextSize("-0.000").x + 6.0f * scale;
    const float bar_max = std::max(std::min(220.0f * scale, avail - label_w - value_w), 20.0f * scale);

    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 bar = ImGui::GetColorU32(ImGuiCol_PlotHistogram);
    const float zero_x = origin.x + label_w + bar_max * static_cast<float>((0.0 - lo) / (hi - lo));
    char buf[48];
    for (std::size_t i = 0; i < values.size(); ++i) {
        const float y = origin.y + line * i;
        const std::string row = id + "/" + std::to_string(i);
        FittedText(state, list, row + "/label", ImVec2(origin.x, y), label_w - ImGui::GetStyle().ItemSpacing.x, text,
                   i < labels.size() ? labels[i] : "?");
        const float x = origin.x + label_w + bar_max * static_cast<float>((std::clamp(values[i], lo, hi) - lo) / (hi - lo));
        list->AddRectFilled(ImVec2(std::min(zero_x, x), y + 2.0f), ImVec2(std::max(zero_x, x), y + line - 2.0f), bar);
        std::snprintf(buf, sizeof buf, "%.3f", values[i]);
        AddText(state, list, row + "/value", ImVec2(origin.x + label_w + bar_max + 6.0f * scale, y), text, buf);
    }
    // Value axis: the zero line and the axis name under the bars.
    const float bottom = origin.y + line * values.size();
    list->AddLine(ImVec2(zero_x, origin.y), ImVec2(zero_x, bottom), ImGui::GetColorU32(ImGuiCol_Border));
    std::snprintf(buf, sizeof buf, "%s  (%.3g … %.3g)", value_axis, lo, hi);
    FittedText(state, list, id + "/axis", ImVec2(origin.x + label_w, bottom), avail - label_w,
               ImGui::GetColorU32(ImGuiCol_TextDisabled), buf);
    const ImVec2 size(label_w + bar_max + value_w, bottom + line - origin.y);
    RecordRect(state, id, origin, ImVec2(origin.x + size.x, origin.y + size.y), ItemKind::plot);
    ImGui::Dummy(size);
}

}  // namespace

void DrawWeightsPanel(AppState& state) {
    if (!PanelHeader(state, scenario::Panel::weights)) return;
    const attn::Step* weights = state.trace.find(attn::step_id::weights);
    const attn::Step* context = state.trace.find(attn::step_id::context);
    if (!weights || !context) return;
    const attn::Matrix& w = weights->value;
    const auto& s = state.scenario;

    // One query: its weights over the keys (they sum to 1), then its context vector.
    const int T = static_cast<int>(w.shape(0));
    if (T == 0) return;
    state.selected_query = std::clamp(state.selected_query, 0, T - 1);
    const int q = state.selected_query;
    const std::string query = q < (int)s.query_tokens.size() ? s.query_tokens[q] : std::to_string(q);
    ImGui::TextWrapped("Query \"%s\": its weights over the keys", query.c_str());
    NameText(state, "Trace/weights/query");
    if (T > 1) {
        ImGui::SetNextItemWidth(std::max(ImGui::GetFontSize() * 2.0f, std::min(ImGui::GetFontSize() * 16.0f, ImGui::GetContentRegionAvail().x -
                                                                            ImGui::CalcTextSize("Query").x - ImGui::GetStyle().ItemInnerSpacing.x)));
        ImGui::SliderInt("Query", &state.selected_query, 0, T - 1);
        RecordRect(state, "Trace/weights/choose-query", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    }
    std::vector<double> row(w.shape(1));
    for (std::size_t k = 0; k < row.size(); ++k) row[k] = w(q, k);
    DrawBars(state, "Trace/weights/bars", "weight", s.key_tokens, row, 0.0, 1.0);

    ImGui::TextWrapped("Its context vector: %s", context->formula.c_str());
    NameText(state, "Trace/context/caption");
    const attn::Matrix& c = context->value;
    std::vector<double> c_q(c.shape(1));
    std::vector<std::string> dims;
    double extent = 1e-9;
    for (std::size_t i = 0; i < c_q.size(); ++i) {
        c_q[i] = c(q, i);
        dims.push_back("c[" + std::to_string(i) + "]");
        extent = std::max(extent, std::abs(c_q[i]));
    }
    DrawBars(state, "Trace/context/bars", "value", dims, c_q, -extent, extent);
}

}  // namespace ui
