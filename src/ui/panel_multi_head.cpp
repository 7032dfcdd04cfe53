// panel_multi_head.cpp — the heads of multi-head attention, one weights heatmap each.
//
// It shows steps of the trace as they are (heatmaps explain their cells on hover, like everywhere
// else); nothing is computed here.
#include <algorithm>
#include <string>

#include <imgui.h>

#include "app.hpp"
#include "panels.hpp"
#include "core/step_ids.hpp"

namespace ui {

void DrawMultiHeadPanel(AppState& state, HeatmapPainter& painter) {
    if (state.trace_options.form != attn::Form::multi_head) return;
    if (!PanelHeader(state, scenario::Panel::multi_head)) return;
    const auto& s = state.scenario;
    const attn::Step* output = state.trace.find(attn::step_id::output);
    ImGui::TextWrapped("Each head attends with its own slice of W_Q, W_K and W_V. Their contexts are "
                       "concatenated side by side, then W_O mixes them: %s.", output ? output->formula.c_str() : "");
    NameText(state, "Trace/heads/text");
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
        NameText(state, id + "/caption");
        DrawHeatmap(state, painter, spec);
        ImGui::EndGroup();
    }
    if (const attn::Step* context = state.trace.find(attn::step_id::context))
        SignedHeatmap(state, painter, *context, "Trace/context", &s.query_tokens, 30.0f);
    if (output)
        SignedHeatmap(state, painter, *output, "Trace/output", &s.query_tokens, 30.0f);
}

}  // namespace ui
