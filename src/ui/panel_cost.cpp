// panel_cost.cpp — the seeds' main limitation made visible: how the time and memory of standard,
// tiled and linear attention grow with the sequence length n, on log-log axes beside the slopes
// of n² and n.
//
// A measurement is core/cost.hpp's sweep (the trace's kernels, keeping only the output: the
// whole trace would make every algorithm look quadratic) for n = 16 … 4096 with d = 64, smallest n
// first, so that the first points are on the plot within a moment and the larger ones follow. It
// starts on its own the first time the panel is in view (never an empty plot), and again on the
// button. This panel starts it and draws it;
// DrawApp runs a slice of it each frame (AppState::kCostSliceMs), so the explorer never stalls,
// and AppState::animating keeps the frames coming until it is done.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "app.hpp"
#include "palette.hpp"
#include "panels.hpp"

namespace ui {

namespace {

constexpr std::size_t kSizes[] = {16, 32, 64, 128, 256, 512, 1024, 2048, 4096};
constexpr const char* kAlgorithmLabels[] = {"standard", "tiled", "linear"};  // as attn::kCostAlgorithms
constexpr ImU32 kColours[] = {kOrange, kSkyBlue, kBluishGreen};
constexpr std::size_t kWidth = 64, kTile = 64;  // d and B of every run
constexpr float kPlotWidth = 330.0f, kPlotHeight = 230.0f;  // each plot, unscaled pixels

using Point = attn::CostPoint;

template <typename Value>
void LogLogPlot(AppState& state, const char* id, const char* y_label, const char* y_unit, Value value) {
    const auto& points = state.cost.points;
    const float scale = state.applied_scale;
    const float w = std::min(kPlotWidth * scale, ImGui::GetContentRegionAvail().x), h = kPlotHeight * scale;
    const float left = 60.0f * scale, bottom = 36.0f * scale;  // margins: ticks
    const std::string name(id);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    // Below the title, by half a line more: the top decade's label is centred on its line.
    const float top = ImGui::GetTextLineHeightWithSpacing() + ImGui::GetTextLineHeight() * 0.5f;
    const ImVec2 p0(origin.x + left, origin.y + top), p1(origin.x + w, origin.y + h - bottom);
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), grid = ImGui::GetColorU32(ImGuiCol_Border);
    AddText(state, list, name + "/title", origin, text, y_label);

    // Axes: n over [16, 4096]; the measure over the decades its points span.
    double lo = 1e300, hi = 0.0;
    for (const auto& p : points) {
        lo = std::min(lo, std::max(value(p), 1e-6));
        hi = std::max(hi, value(p));
    }
    if (points.empty()) lo = 1.0, hi = 10.0;
    const double y0 = std::floor(std::log10(lo)), y1 = std::max(y0 + 1.0, std::ceil(std::log10(hi)));
    const double x0 = std::log10(16.0), x1 = std::log10(4096.0);
    auto at = [&](double n, double v) {
        return ImVec2(p0.x + static_cast<float>((std::log10(n) - x0) / (x1 - x0)) * (p1.x - p0.x),
                      p1.y - static_cast<float>((std::log10(std::max(v, 1e-300)) - y0) / (y1 - y0)) * (p1.y - p0.y));
    };
    list->AddRect(p0, p1, grid);
    char label[32];
    for (double e = y0; e <= y1; e += 1.0) {  // a line and a label per decade
        const float y = at(16.0, std::pow(10.0, e)).y;
        list->AddLine(ImVec2(p0.x, y), ImVec2(p1.x, y), grid);
        std::snprintf(label, sizeof label, "1e%+d", static_cast<int>(e));
        AddText(state, list, name + "/decade/" + std::to_string(static_cast<int>(e)), ImVec2(origin.x, y - ImGui::GetTextLineHeight() * 0.5f),
                text, label);
    }
    for (std::size_t n : kSizes) {
        const float x = at(static_cast<double>(n), 1.0).x;
        list->AddLine(ImVec2(x, p1.y), ImVec2(x, p1.y + 4.0f * scale), grid);
    }
    // n's labels: the ends, then the middle where it leaves a space's room to both. Each centred
    // on its tick, but inside the plot's width.
    const float space = ImGui::CalcTextSize(" ").x;
    float taken[2][2] = {};  // the ends' x ranges
    int k = 0;
    for (std::size_t n : {std::size_t{16}, std::size_t{4096}, std::size_t{256}}) {
        std::snprintf(label, sizeof label, "%zu", n);
        const float label_w = ImGui::CalcTextSize(label).x;
        const float x = std::min(at(static_cast<double>(n), 1.0).x - label_w * 0.5f, origin.x + w - label_w);
        if (n == 256 && (x < taken[0][1] + space || x + label_w > taken[1][0] - space)) continue;
        if (k < 2) taken[k][0] = x, taken[k][1] = x + label_w, ++k;
        AddText(state, list, name + "/n/" + label, ImVec2(x, p1.y + 4.0f * scale), text, label);
    }
    std::snprintf(label, sizeof label, "n (tokens), %s", y_unit);
    FittedText(state, list, name + "/axis", ImVec2(p0.x, p1.y + 4.0f * scale + ImGui::GetTextLineHeight()), origin.x + w - p0.x,
               ImGui::GetColorU32(ImGuiCol_TextDisabled), label);

    list->PushClipRect(p0, p1, true);
    // Reference slopes n² and n through standard attention's point at the largest n measured (the
    // most accurate one): straight lines on log-log axes.
    const Point* anchor = nullptr;
    for (const Point& p : points)
        if (p.algorithm == attn::Algorithm::standard && (!anchor || p.n > anchor->n)) anchor = &p;
    if (anchor) {
        const double n_a = static_cast<double>(anchor->n), v_a = value(*anchor);
        for (int power : {2, 1}) {
            const ImVec2 a = at(16.0, v_a * std::pow(16.0 / n_a, power)), b = at(4096.0, v_a * std::pow(4096.0 / n_a, power));
            for (float f = 0.0f; f < 1.0f; f += 0.04f)
                list->AddLine(ImVec2(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f),
                              ImVec2(a.x + (b.x - a.x) * (f + 0.02f), a.y + (b.y - a.y) * (f + 0.02f)), grid, scale);
            const double n_tag = power == 2 ? 64.0 : 512.0;
            const ImVec2 tag = at(n_tag, v_a * std::pow(n_tag / n_a, power));
            list->AddText(ImVec2(tag.x + 4.0f, tag.y), grid, power == 2 ? "∝ n²" : "∝ n");
        }
    }
    for (std::size_t a = 0; a < std::size(attn::kCostAlgorithms); ++a) {
        ImVec2 previous(-1.0f, -1.0f);
        for (const auto& p : points) {
            if (p.algorithm != attn::kCostAlgorithms[a]) continue;
            const ImVec2 q = at(static_cast<double>(p.n), value(p));
            if (previous.x >= 0.0f) list->AddLine(previous, q, kColours[a], 2.0f * scale);
            list->AddCircleFilled(q, 3.0f * scale, kColours[a]);
            previous = q;
        }
    }
    list->PopClipRect();
    ImGui::Dummy(ImVec2(w, h));
    RecordRect(state, name, p0, p1, ItemKind::plot);
}

}  // namespace

void DrawCostPanel(AppState& state) {
    attn::CostSweep& sweep = state.cost;  // measured by DrawApp, a slice per frame, before anything is drawn
    if (!PanelHeader(state, scenario::Panel::cost)) return;
    const auto start = [&sweep] { sweep = attn::start_cost_sweep({std::begin(kSizes), std::end(kSizes)}, kWidth, kTile); };
    if (sweep.points.empty() && !sweep.running && ImGui::IsItemVisible()) start();  // first in view
    ImGui::TextWrapped("Standard attention compares every query with every key: its time and memory grow "
                       "like n². Tiled attention (FlashAttention) does the same work but keeps only a tile of "
                       "scores; linear attention never compares pairs at all. Time is measured here; memory is each "
                       "algorithm's working memory, read off its shapes.");
    NameText(state, "Cost/text");
    if (sweep.running) {
        ImGui::Text("Measuring n = %zu, %s …", kSizes[std::min(sweep.size_index, std::size(kSizes) - 1)],
                    kAlgorithmLabels[sweep.algorithm_index]);
        NameText(state, "Cost/measuring");
    } else {
        const bool again = ImGui::Button(sweep.points.empty() ? "Measure" : "Measure again");
        RecordRect(state, "Cost/measure", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        if (again) start();
        HelpMarker(state, "Runs each algorithm for n = 16, 32, … 4096 tokens, a slice at a time so the explorer stays "
                   "responsive; it takes a few seconds.");
    }
    // The legend, on as many lines as the width needs.
    for (std::size_t a = 0; a < std::size(attn::kCostAlgorithms); ++a) {
        const std::string entry = std::string("■ ") + kAlgorithmLabels[a];
        if (a > 0) SameLineIfFits(ImGui::CalcTextSize(entry.c_str()).x);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kColours[a]), "%s", entry.c_str());
        NameText(state, std::string("Cost/legend/") + kAlgorithmLabels[a]);
    }
    char sizes[48];
    std::snprintf(sizes, sizeof sizes, "(d = %zu, tile B = %zu)", kWidth, kTile);
    SameLineIfFits(ImGui::CalcTextSize(sizes).x);
    ImGui::TextDisabled("%s", sizes);
    NameText(state, "Cost/legend/sizes");
    LogLogPlot(state, "Cost/time", "time per pass", "ms", [](const Point& p) { return p.ms; });
    BesideIfFits(kPlotWidth * state.applied_scale);
    LogLogPlot(state, "Cost/memory", "working memory", "bytes", [](const Point& p) { return p.bytes; });
}

}  // namespace ui
