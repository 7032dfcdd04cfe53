// app_view_words.cpp — the views of applications over words: translation and sentiment.
#include <algorithm>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "app.hpp"
#include "application_views.hpp"
#include "layout.hpp"
#include "palette.hpp"
#include "core/step_ids.hpp"

namespace ui {

namespace {

// The orange of the selected query at an opacity that grows with w in 0…1.
ImU32 WeightColour(double w, int least, int most) {
    return WithAlpha(kOrange, least + static_cast<int>((most - least) * std::clamp(w, 0.0, 1.0)));
}

}  // namespace

// Bahdanau 2015 draws its alignments as a matrix, output words down and input words across; a
// word-order swap shows as crossing links between the two sentences drawn one above the other.
void DrawTranslationView(const ApplicationView& v) {
    AppState& state = v.state;
    const std::size_t T = v.weights.shape(0), S = v.weights.shape(1);
    HeatmapSpec spec{"Application/translation/matrix", attn::step_id::weights.data(), &v.weights,
                     &state.scenario.query_tokens, &state.scenario.key_tokens};
    spec.row_axis = "output";
    spec.col_axis = "input";
    const HeatmapResult hit = DrawHeatmap(state, v.painter, spec);
    if (hit.clicked) state.selected_query = hit.row;

    // The input sentence above, the output below, each word in an equal slot.
    const float scale = state.applied_scale, line = ImGui::GetTextLineHeightWithSpacing();
    const float width = std::max(ImGui::GetContentRegionAvail().x, 120.0f * scale), gap = 3.0f * line;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    const auto slot_x = [&](std::size_t i, std::size_t n) { return o.x + width * (static_cast<float>(i) + 0.5f) / n; };
    const float slot = width / static_cast<float>(std::max(T, S)) - 4.0f * scale;
    const float y_in = o.y, y_out = o.y + line + gap;
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t j = 0; j < S; ++j) {
            const double w = v.weights(t, j);
            if (w < 0.01) continue;
            const bool selected = static_cast<int>(t) == v.query;
            const ImU32 colour = selected ? WeightColour(w, 60, 255) : WithAlpha(kSkyBlue, static_cast<int>(30 + 150 * w));
            list->AddLine(ImVec2(slot_x(j, S), y_in + line), ImVec2(slot_x(t, T), y_out), colour,
                          (0.5f + 6.0f * static_cast<float>(w)) * scale);
        }
    const auto word = [&](const std::string& name, const std::string& label, float x, float y, ImU32 colour) {
        const float w = std::min(ImGui::CalcTextSize(label.c_str()).x, slot);
        FittedText(state, list, name, ImVec2(x - w * 0.5f, y), slot, colour, label);
    };
    for (std::size_t j = 0; j < S; ++j)
        word("Application/translation/input/" + std::to_string(j), v.Key(j), slot_x(j, S), y_in,
             RoleColour(Role::key, state.light_theme));
    for (std::size_t t = 0; t < T; ++t)
        word("Application/translation/output/" + std::to_string(t), v.Query(t), slot_x(t, T), y_out,
             static_cast<int>(t) == v.query ? RoleColour(Role::query, state.light_theme) : text);
    ImGui::Dummy(ImVec2(width, 2.0f * line + gap));
    RecordRect(state, "Application/translation/links", o, ImVec2(o.x + width, o.y + 2.0f * line + gap), ItemKind::plot);
    ViewCaption(state, "Application/translation/caption",
            "Input words above, output words below, joined as strongly as each output word attends to each input "
            "word. Where the word order changes the links cross. Click a row of the matrix to light its links.");
}

// Each word of the review on a background as strong as its weight for the (first) query.
void DrawSentimentView(const ApplicationView& v) {
    AppState& state = v.state;
    const std::size_t S = v.weights.shape(1);
    const float scale = state.applied_scale, line = ImGui::GetTextLineHeightWithSpacing();
    const float width = std::max(ImGui::GetContentRegionAvail().x, 120.0f * scale);
    const float pad = 4.0f * scale, space = ImGui::CalcTextSize(" ").x + 2.0f * pad;
    const double top = RowMax(v.weights, v.query);
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    float x = o.x, y = o.y;
    const float row = line + 2.0f * pad;
    for (std::size_t j = 0; j < S; ++j) {
        const std::string label = v.Key(j);
        const float w = std::min(ImGui::CalcTextSize(label.c_str()).x, width - 2.0f * pad);
        if (x > o.x && x + w + 2.0f * pad > o.x + width) {  // wrap, as text does
            x = o.x;
            y += row;
        }
        const double share = v.weights(v.query, j) / top;
        list->AddRectFilled(ImVec2(x, y), ImVec2(x + w + 2.0f * pad, y + line + pad), WeightColour(share, 0, 220),
                            3.0f * scale);
        FittedText(state, list, "Application/sentiment/word/" + std::to_string(j), ImVec2(x + pad, y + pad * 0.5f), w,
                   share > 0.6 && !state.light_theme ? IM_COL32(0, 0, 0, 255) : text, label);
        x += w + space;
    }
    const float height = y + row - o.y;
    ImGui::Dummy(ImVec2(width, height));
    RecordRect(state, "Application/sentiment/review", o, ImVec2(o.x + width, o.y + height), ItemKind::plot);
    if (const attn::Step* context = state.trace.find(attn::step_id::context)) {
        std::string values;
        char buf[32];
        for (std::size_t c = 0; c < context->value.shape(1); ++c) {
            std::snprintf(buf, sizeof buf, "%.2f", context->value(v.query, c));
            values += (c ? ", " : "") + std::string(buf);
        }
        ImGui::TextWrapped("Context (the weighted sum of the words' values V): (%s)", values.c_str());
        NameText(state, "Application/sentiment/context");
    }
    ViewCaption(state, "Application/sentiment/caption",
            "The stronger a word's background, the more the query attends to it: the words that carry an opinion "
            "decide what the context says.");
}

}  // namespace ui
