// panel_stages.cpp — three views of parts of the trace: the heads of multi-head attention, the
// weights as links between tokens, and what the context is used for.
//
// Each shows steps of the trace as they are (heatmaps explain their cells on hover, like
// everywhere else); nothing is computed here.
#include <algorithm>
#include <cmath>
#include <string>

#include <imgui.h>

#include "app.hpp"
#include "palette.hpp"
#include "panels.hpp"
#include "core/step_ids.hpp"

namespace ui {

namespace {

// A heatmap of a signed step with a caption, beside the previous item when it fits.
void SignedHeatmap(AppState& state, HeatmapPainter& painter, const attn::Step& step, const char* id,
                   const std::vector<std::string>* rows, float cell) {
    HeatmapSpec spec{id, step.id.c_str(), &step.value, rows, nullptr, "queries", "columns"};
    spec.lo = -SymmetricExtent(step.value);
    spec.hi = -spec.lo;
    spec.map = Colormap::diverging;
    spec.cell = cell;
    BesideIfFits(HeatmapWidth(state, spec, step.value.shape(1)));
    ImGui::BeginGroup();
    if (step.formula == step.id) ImGui::TextUnformatted(step.title.c_str());
    else ImGui::Text("%s:  %s", step.title.c_str(), step.formula.c_str());
    DrawHeatmap(state, painter, spec);
    ImGui::EndGroup();
}

}  // namespace

void DrawMultiHeadPanel(AppState& state, HeatmapPainter& painter) {
    if (state.trace_options.form != attn::Form::multi_head) return;
    if (!ImGui::CollapsingHeader("Multi-head", ImGuiTreeNodeFlags_DefaultOpen)) return;
    const auto& s = state.scenario;
    const attn::Step* output = state.trace.find(attn::step_id::output);
    ImGui::TextWrapped("Each head attends with its own slice of W_Q, W_K and W_V. Their contexts are "
                       "concatenated side by side, then W_O mixes them: %s.", output ? output->formula.c_str() : "");
    for (int h = 0;; ++h) {
        const std::string prefix = "head" + std::to_string(h) + ".";
        const attn::Step* w = state.trace.find(prefix + std::string(attn::step_id::weights));
        if (!w) break;
        const std::string id = "Trace/" + prefix + "weights";
        HeatmapSpec spec{id.c_str(), w->id.c_str(), &w->value, &s.query_tokens, &s.key_tokens};
        spec.cell = 30.0f;
        if (h > 0) BesideIfFits(HeatmapWidth(state, spec, w->value.shape(1)));
        ImGui::BeginGroup();
        ImGui::Text("head %d", h);
        DrawHeatmap(state, painter, spec);
        ImGui::EndGroup();
    }
    if (const attn::Step* context = state.trace.find(attn::step_id::context))
        SignedHeatmap(state, painter, *context, "Trace/context", &s.query_tokens, 30.0f);
    if (output)
        SignedHeatmap(state, painter, *output, "Trace/output", &s.query_tokens, 30.0f);
}

void DrawTokenLinksPanel(AppState& state) {
    if (!ImGui::CollapsingHeader("Token links", ImGuiTreeNodeFlags_DefaultOpen)) return;
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

void DrawContextUsePanel(AppState& state, HeatmapPainter& painter) {
    const attn::ContextUse use = state.trace_options.use;
    if (use == attn::ContextUse::none) return;
    if (!ImGui::CollapsingHeader("Using the context", ImGuiTreeNodeFlags_DefaultOpen)) return;
    const auto& s = state.scenario;
    // What the use is for, in words; its formula is the trace's.
    const attn::Step* result = state.trace.find(use == attn::ContextUse::concat_tanh ? attn::step_id::attentional : attn::step_id::output);
    const char* why = use == attn::ContextUse::concat_tanh ? "Luong 2015: the context and the decoder state are joined "
                                                             "and squashed, and the result predicts the next word"
                      : use == attn::ContextUse::add       ? "The context is added to the decoder state (a residual connection)"
                                                           : "The Transformer's output projection maps each context to "
                                                             "the model's width";
    ImGui::TextWrapped("%s: %s.", why, result ? result->formula.c_str() : "");
    ImGui::Spacing();
    namespace ids = attn::step_id;
    for (std::string_view id : {ids::H, ids::context, ids::concat, ids::attentional, ids::output}) {
        const attn::Step* step = state.trace.find(id);
        if (!step) continue;
        SignedHeatmap(state, painter, *step, (std::string("Use/") + std::string(id)).c_str(), &s.query_tokens, 36.0f);
    }
}

}  // namespace ui
