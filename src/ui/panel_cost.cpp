// panel_cost.cpp — the seeds' main limitation made visible: how the time and memory of standard,
// tiled and linear attention grow with the sequence length n, on log-log axes beside the slopes
// of n² and n.
//
// A measurement runs core/cost.hpp's output-only kernels (the trace would make every algorithm
// look quadratic) for n = 16 … 4096 with d = 64, a slice of query rows at a time, and stops each
// frame after kFrameBudgetMs so the explorer never stalls; AppState::animating keeps the frames
// coming until it is done. Memory is each algorithm's working memory from its shapes.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "app.hpp"
#include "core/hard_attention.hpp"
#include "panels.hpp"

namespace ui {

namespace {

constexpr std::size_t kSizes[] = {16, 32, 64, 128, 256, 512, 1024, 2048, 4096};
constexpr attn::Algorithm kAlgorithms[] = {attn::Algorithm::standard, attn::Algorithm::tiled, attn::Algorithm::linear};
constexpr const char* kAlgorithmLabels[] = {"standard", "tiled (B = 64)", "linear"};
constexpr ImU32 kColours[] = {IM_COL32(230, 159, 0, 255), IM_COL32(86, 180, 233, 255), IM_COL32(0, 158, 115, 255)};
constexpr std::size_t kWidth = 64, kTile = 64;  // d and B of every run
constexpr double kFrameBudgetMs = 8.0;           // measuring stops for this frame after this long
constexpr double kSliceWork = 1 << 16;           // rows per slice × keys: a slice takes a millisecond or two
// Browsers' clocks tick in 0.1 ms: a short run repeats until its runs add up to this, and the
// point is their mean.
constexpr double kMeasurableMs = 2.0;
constexpr int kMaxRuns = 1000;

using Clock = std::chrono::steady_clock;
double MsSince(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

// Run slices of the current measurement until this frame's budget is spent.
void StepSweep(AppState::CostSweep& sweep) {
    const Clock::time_point frame_start = Clock::now();
    while (sweep.running && MsSince(frame_start) < kFrameBudgetMs) {
        const std::size_t n = kSizes[sweep.size_index];
        const attn::Algorithm algorithm = kAlgorithms[sweep.algorithm_index];
        if (sweep.next_row == 0) {  // a new run: fresh inputs (not timed), then the once-only part (timed)
            if (sweep.runs == 0) {
                attn::SplitMix64 rng{n};
                for (attn::Matrix* m : {&sweep.Q, &sweep.K, &sweep.V}) {
                    *m = xt::zeros<double>({n, kWidth});
                    for (double& x : *m) x = 2.0 * rng.uniform() - 1.0;
                }
                sweep.out = xt::zeros<double>({n, kWidth});
            }
            const Clock::time_point start = Clock::now();
            attn::prepare_cost_run(algorithm, sweep.K, sweep.V, sweep.scratch);
            sweep.elapsed_ms = MsSince(start);
        }
        const std::size_t rows = std::max<std::size_t>(1, static_cast<std::size_t>(kSliceWork / static_cast<double>(n)));
        const std::size_t t1 = std::min(n, sweep.next_row + rows);
        const Clock::time_point start = Clock::now();
        attn::attend_rows(algorithm, sweep.Q, sweep.K, sweep.V, sweep.next_row, t1, kTile, sweep.scratch, sweep.out);
        sweep.elapsed_ms += MsSince(start);
        sweep.next_row = t1;
        if (t1 < n) continue;
        sweep.next_row = 0;
        sweep.total_ms += sweep.elapsed_ms;
        if (++sweep.runs < kMaxRuns && sweep.total_ms < kMeasurableMs) continue;  // run it again
        sweep.points.push_back({algorithm, n, sweep.total_ms / sweep.runs, attn::working_bytes(algorithm, n, kWidth, kTile)});
        sweep.runs = 0;
        sweep.total_ms = 0.0;
        if (++sweep.algorithm_index == std::size(kAlgorithms)) {
            sweep.algorithm_index = 0;
            sweep.running = ++sweep.size_index < std::size(kSizes);
        }
    }
}

// A log-log plot of one measure (ms or bytes) against n, with the n² and n reference slopes. `value` reads the measure off a point.
using Point = AppState::CostSweep::Point;

template <typename Value>
void LogLogPlot(AppState& state, const char* id, const char* y_label, const char* y_unit, Value value) {
    const auto& points = state.cost.points;
    const float scale = state.applied_scale;
    const float w = 330.0f * scale, h = 230.0f * scale, left = 60.0f * scale, bottom = 36.0f * scale;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 p0(origin.x + left, origin.y + ImGui::GetTextLineHeightWithSpacing()), p1(origin.x + w, origin.y + h - bottom);
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), grid = ImGui::GetColorU32(ImGuiCol_Border);
    list->AddText(origin, text, y_label);

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
        list->AddText(ImVec2(origin.x, y - ImGui::GetTextLineHeight() * 0.5f), text, label);
    }
    for (std::size_t n : kSizes) {
        const float x = at(static_cast<double>(n), 1.0).x;
        list->AddLine(ImVec2(x, p1.y), ImVec2(x, p1.y + 4.0f * scale), grid);
        if (n == 16 || n == 256 || n == 4096) {
            std::snprintf(label, sizeof label, "%zu", n);
            list->AddText(ImVec2(x - ImGui::CalcTextSize(label).x * 0.5f, p1.y + 4.0f * scale), text, label);
        }
    }
    std::snprintf(label, sizeof label, "n (tokens), %s", y_unit);
    list->AddText(ImVec2(p0.x, p1.y + 4.0f * scale + ImGui::GetTextLineHeight()), ImGui::GetColorU32(ImGuiCol_TextDisabled), label);

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
    for (std::size_t a = 0; a < std::size(kAlgorithms); ++a) {
        ImVec2 previous(-1.0f, -1.0f);
        for (const auto& p : points) {
            if (p.algorithm != kAlgorithms[a]) continue;
            const ImVec2 q = at(static_cast<double>(p.n), value(p));
            if (previous.x >= 0.0f) list->AddLine(previous, q, kColours[a], 2.0f * scale);
            list->AddCircleFilled(q, 3.0f * scale, kColours[a]);
            previous = q;
        }
    }
    list->PopClipRect();
    ImGui::Dummy(ImVec2(w, h));
    RecordRect(state, id, p0, p1);
}

}  // namespace

void DrawCostPanel(AppState& state) {
    if (!ImGui::CollapsingHeader("Cost", ImGuiTreeNodeFlags_DefaultOpen)) return;
    AppState::CostSweep& sweep = state.cost;
    ImGui::TextWrapped("Standard attention compares every query with every key: its time and memory grow "
                       "like n². Tiled attention (FlashAttention) does the same work but keeps only a tile of "
                       "scores; linear attention never compares pairs at all. Measured here, d = 64:");
    if (sweep.running) {
        StepSweep(sweep);
        ImGui::Text("Measuring n = %zu, %s …", kSizes[std::min(sweep.size_index, std::size(kSizes) - 1)],
                    kAlgorithmLabels[sweep.algorithm_index]);
    } else {
        const bool start = ImGui::Button(sweep.points.empty() ? "Measure" : "Measure again");
        RecordRect(state, "Cost/measure", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        if (start) {
            sweep = AppState::CostSweep{};
            sweep.running = true;
        }
        HelpMarker("Runs each algorithm for n = 16, 32, … 4096 tokens, a slice at a time so the explorer stays "
                   "responsive; it takes a few seconds.");
    }
    for (std::size_t a = 0; a < std::size(kAlgorithms); ++a) {
        if (a > 0) ImGui::SameLine();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kColours[a]), "■ %s", kAlgorithmLabels[a]);
    }
    LogLogPlot(state, "Cost/time", "time per pass", "ms", [](const Point& p) { return p.ms; });
    BesideIfFits(330.0f * state.applied_scale);
    LogLogPlot(state, "Cost/memory", "working memory", "bytes", [](const Point& p) { return p.bytes; });
}

}  // namespace ui
