// app_view_signals.cpp — the views of applications over signals: speech (a synthetic spectrogram)
// and a time series, each with the selected query's weights drawn over it.
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

// Frequency up, time across; the selected character's weights as a curve over the frames, and
// every character's weights as an alignment strip beneath, frame under frame.
void DrawSpeechView(const ApplicationView& v) {
    AppState& state = v.state;
    QueryPicker(state, "Character:");
    const std::size_t T = v.weights.shape(0), S = v.weights.shape(1), bands = v.app.bands;
    const float scale = state.applied_scale, line = ImGui::GetTextLineHeightWithSpacing();
    float label_w = 0.0f;
    for (std::size_t t = 0; t < T; ++t) label_w = std::max(label_w, ImGui::CalcTextSize(v.Query(t).c_str()).x);
    const float side = 8.0f * scale + std::max(label_w, ImGui::CalcTextSize("0.000").x + 20.0f * scale);
    const float width = std::max(ImGui::GetContentRegionAvail().x - side, 100.0f * scale);
    const float height = std::min(0.45f * width, 180.0f * scale);
    const ImVec2 p0 = ImGui::GetCursorScreenPos(), p1(p0.x + width, p0.y + height);
    ImDrawList* list = ImGui::GetWindowDrawList();

    const attn::Matrix power = scenario::spectrogram(v.app, S);  // band 0 lowest
    attn::Matrix shown = xt::zeros<double>({bands, S});          // the highest band on top
    for (std::size_t b = 0; b < bands; ++b)
        for (std::size_t f = 0; f < S; ++f) shown(b, f) = power(bands - 1 - b, f);
    v.painter.Paint(list, p0, p1, shown, 0.0, 1.0, Colormap::cividis, 1.0f, Sampling::cells);
    const float frame = width / static_cast<float>(S);
    const double top = RowMax(v.weights, v.query);
    ImVec2 curve[1024];
    for (std::size_t f = 0; f < S && f < 1024; ++f) {
        const float share = static_cast<float>(v.weights(v.query, f) / top);
        const float x0 = p0.x + frame * f;
        list->AddRectFilled(ImVec2(x0, p0.y), ImVec2(x0 + frame, p1.y), WithAlpha(kOrange, static_cast<int>(70 * share)));
        curve[f] = ImVec2(x0 + frame * 0.5f, p1.y - share * height * 0.9f);
    }
    list->AddPolyline(curve, static_cast<int>(std::min<std::size_t>(S, 1024)), kOrange, 0, 2.5f * scale);
    DrawLegend(state, v.painter, list, "Application/speech/power", ImVec2(p1.x + 8.0f * scale, p0.y),
               ImVec2(p1.x + 20.0f * scale, p1.y), 0.0, 1.0, Colormap::cividis);
    ImGui::Dummy(ImVec2(width, height));
    RecordRect(state, "Application/speech/spectrogram", p0, p1, ItemKind::plot);

    // The alignment: one row per character, one column per frame.
    const ImVec2 a0(p0.x, p1.y + 4.0f * scale), a1(p1.x, a0.y + line * T);
    v.painter.Paint(list, a0, a1, v.weights, 0.0, 1.0, Colormap::viridis, 1.0f, Sampling::cells);
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    for (std::size_t t = 0; t < T; ++t)
        FittedText(state, list, "Application/speech/char/" + std::to_string(t),
                   ImVec2(a1.x + 8.0f * scale, a0.y + line * t), side - 8.0f * scale,
                   static_cast<int>(t) == v.query ? RoleColour(Role::query, state.light_theme) : text, v.Query(t));
    ImGui::SetCursorScreenPos(a0);
    ImGui::InvisibleButton("##alignment", ImVec2(width, line * T));
    RecordRect(state, "Application/speech/alignment", a0, a1, ItemKind::plot);
    if (ImGui::IsItemHovered()) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        const int t = std::clamp(static_cast<int>((m.y - a0.y) / line), 0, static_cast<int>(T) - 1);
        const int f = std::clamp(static_cast<int>((m.x - a0.x) / frame), 0, static_cast<int>(S) - 1);
        ReportHover(state, std::string(attn::step_id::weights), t, f);
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) state.selected_query = t;
    }
    ViewCaption(state, "Application/speech/caption",
            "Above: the spectrogram, frequency up and time across, with the selected character's weights as the "
            "orange curve and shading. Below: every character's weights, frame under frame, as an alignment.");
}

// The past values (the first column of V) as a line, the forecast (the context) after them, and
// the forecast step's weight on each past step as a bar beneath it.
void DrawSeriesView(const ApplicationView& v) {
    AppState& state = v.state;
    const attn::Step* values = state.trace.find(attn::step_id::V);
    const attn::Step* context = state.trace.find(attn::step_id::context);
    if (!values || !context || values->value.shape(1) == 0) return;
    const std::size_t S = v.weights.shape(1);
    const float scale = state.applied_scale, line = ImGui::GetTextLineHeightWithSpacing();
    const float width = std::max(ImGui::GetContentRegionAvail().x, 120.0f * scale);
    const float height = std::min(0.55f * width, 220.0f * scale);
    const float plot_h = height * 0.6f, bars_h = height * 0.3f;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImDrawList* list = ImGui::GetWindowDrawList();
    const double forecast = context->value(v.query, 0);
    double lo = forecast, hi = forecast;
    for (std::size_t j = 0; j < S; ++j) {
        lo = std::min(lo, values->value(j, 0));
        hi = std::max(hi, values->value(j, 0));
    }
    if (hi - lo < 1e-12) hi = lo + 1.0;
    const float slot = width / static_cast<float>(S + 1);
    const auto x_of = [&](std::size_t j) { return p0.x + slot * (static_cast<float>(j) + 0.5f); };
    const auto y_of = [&](double value) {
        return p0.y + line + (plot_h - line) * static_cast<float>((hi - value) / (hi - lo));
    };
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), key = RoleColour(Role::key, state.light_theme);
    for (std::size_t j = 0; j + 1 < S; ++j)
        list->AddLine(ImVec2(x_of(j), y_of(values->value(j, 0))), ImVec2(x_of(j + 1), y_of(values->value(j + 1, 0))), key,
                      2.0f * scale);
    for (std::size_t j = 0; j < S; ++j) list->AddCircleFilled(ImVec2(x_of(j), y_of(values->value(j, 0))), 3.5f * scale, key);
    const ImVec2 f(x_of(S), y_of(forecast));
    list->AddLine(ImVec2(x_of(S - 1), y_of(values->value(S - 1, 0))), f, WithAlpha(kOrange, 160), 1.5f * scale);
    list->AddCircle(f, 6.0f * scale, kOrange, 24, 2.5f * scale);
    char buf[48];
    std::snprintf(buf, sizeof buf, "forecast %.2f", forecast);
    const float label_w = ImGui::CalcTextSize(buf).x;
    AddText(state, list, "Application/series/forecast", ImVec2(std::max(p0.x, p0.x + width - label_w), p0.y), kOrange, buf);

    // Bars: the weight on each past step, the tallest as tall as the band.
    const double top = RowMax(v.weights, v.query);
    const float base = p0.y + plot_h + bars_h;
    for (std::size_t j = 0; j < S; ++j) {
        const float h = bars_h * static_cast<float>(v.weights(v.query, j) / top);
        const ImVec2 b0(x_of(j) - slot * 0.35f, base - h), b1(x_of(j) + slot * 0.35f, base);
        list->AddRectFilled(b0, b1, WithAlpha(kOrange, 200));
        RecordRect(state, "Application/series/bar/" + std::to_string(j), b0, b1, ItemKind::plot);
    }
    // The steps' names under the bars, every n-th where they would not fit side by side.
    float widest = 0.0f;
    for (std::size_t j = 0; j < S; ++j) widest = std::max(widest, ImGui::CalcTextSize(v.Key(j).c_str()).x);
    const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>((widest + 6.0f * scale) / slot) + 1);
    for (std::size_t j = 0; j < S; j += every) {
        const std::string label = v.Key(j);
        const float w = ImGui::CalcTextSize(label.c_str()).x;
        AddText(state, list, "Application/series/step/" + std::to_string(j), ImVec2(x_of(j) - w * 0.5f, base + 2.0f * scale),
                text, label.c_str());
    }
    const float total = plot_h + bars_h + line + 4.0f * scale;
    ImGui::Dummy(ImVec2(width, total));
    RecordRect(state, "Application/series", p0, ImVec2(p0.x + width, p0.y + total), ItemKind::plot);
    ViewCaption(state, "Application/series/caption",
            "The series (blue) and its forecast (orange ring), the weighted sum of the past values; the bars are the "
            "forecast step's weight on each past step.");
}

}  // namespace ui
