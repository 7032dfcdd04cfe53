// panel_application.cpp — the Application panel: the view the scenario's field draws it with.
//
// Shown only for a scenario with an application; when an edit has added or removed keys so that
// the view no longer fits them, it says so instead of drawing.
#include <algorithm>
#include <string>

#include <imgui.h>

#include "app.hpp"
#include "application_views.hpp"
#include "layout.hpp"
#include "panels.hpp"
#include "core/step_ids.hpp"

namespace ui {

namespace {

std::string Label(const std::vector<std::string>& tokens, std::size_t i) {
    return i < tokens.size() ? tokens[i] : std::to_string(i);
}

}  // namespace

std::string ApplicationView::Query(std::size_t t) const { return Label(state.scenario.query_tokens, t); }
std::string ApplicationView::Key(std::size_t j) const { return Label(state.scenario.key_tokens, j); }

void ViewCaption(AppState& state, const std::string& name, const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
    NameText(state, name);
}

ImU32 WithAlpha(ImU32 colour, int alpha) {
    return (colour & ~IM_COL32_A_MASK) | (static_cast<ImU32>(std::clamp(alpha, 0, 255)) << IM_COL32_A_SHIFT);
}

double RowMax(const attn::Matrix& weights, int t) {
    double top = 1e-12;
    for (std::size_t j = 0; j < weights.shape(1); ++j) top = std::max(top, weights(t, j));
    return top;
}

void QueryPicker(AppState& state, const char* prompt) {
    const attn::Step* weights = state.trace.find(attn::step_id::weights);
    if (!weights) return;
    ImGui::TextWrapped("%s", prompt);  // a phone at 200 % has no room for it on one line
    NameText(state, "Application/query-prompt");
    for (std::size_t t = 0; t < weights->value.shape(0); ++t) {
        const std::string label = Label(state.scenario.query_tokens, t);
        const bool selected = static_cast<int>(t) == state.selected_query;
        const float touch = TouchTarget(state), width = std::max(ButtonWidth(label.c_str()), touch);  // a finger's 44 px
        SameLineIfFits(width);
        if (selected) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
        if (ImGui::Button((label + "###query" + std::to_string(t)).c_str(), ImVec2(touch > 0.0f ? width : 0.0f, touch)))
            state.selected_query = static_cast<int>(t);
        if (selected) ImGui::PopStyleColor();
        RecordRect(state, "Application/query/" + std::to_string(t), ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    }
}

void DrawApplicationPanel(AppState& state, HeatmapPainter& painter) {
    const auto& app = state.scenario.application;
    if (!app || !PanelHeader(state, scenario::Panel::application)) return;
    const attn::Step* weights = state.trace.find(attn::step_id::weights);
    if (!weights) return;
    ImGui::TextUnformatted(scenario::info(app->view).title);
    NameText(state, "Application/title");
    if (const std::string misfit = scenario::application_fit(*app, weights->value.shape(1)); !misfit.empty()) {
        ImGui::TextWrapped("This view cannot draw the keys as they are now (%s). Undo the edit or reload the "
                           "scenario to see it again.", misfit.c_str());
        NameText(state, "Application/misfit");
        return;
    }
    const int T = static_cast<int>(weights->value.shape(0));
    const ApplicationView v{state, painter, *app, weights->value, std::clamp(state.selected_query, 0, std::max(T - 1, 0))};
    switch (app->view) {
        case scenario::AppView::translation: DrawTranslationView(v); break;
        case scenario::AppView::image: DrawImageView(v); break;
        case scenario::AppView::speech: DrawSpeechView(v); break;
        case scenario::AppView::graph: DrawGraphView(v); break;
        case scenario::AppView::sentiment: DrawSentimentView(v); break;
        case scenario::AppView::series: DrawSeriesView(v); break;
    }
}

}  // namespace ui
