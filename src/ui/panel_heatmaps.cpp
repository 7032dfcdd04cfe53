// panel_heatmaps.cpp — the weights, the scaled scores and the mask as heatmaps, side by side.
//
// Weights use viridis over their true range 0…1; scores can be negative, so they use the
// diverging map centred on 0 over ±max|s'|; the mask is 0/1 in cividis. Clicking a mask cell
// toggles it (the mask becomes "custom"); clicking a weights row picks the query shown as bars.
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "app.hpp"
#include "panels.hpp"
#include "core/choices.hpp"
#include "scenario/edit.hpp"
#include "core/step_ids.hpp"

namespace ui {

void DrawHeatmapsPanel(AppState& state, HeatmapPainter& painter) {
    if (!PanelHeader(state, scenario::Panel::heatmaps)) return;
    const attn::Step* weights = state.trace.find(attn::step_id::weights);
    if (!weights) return;
    const auto& s = state.scenario;
    ImGui::TextWrapped("%s", weights->formula.c_str());
    NameText(state, "Trace/formula");

    // 1. Weights: rows are queries, columns keys; each row sums to 1 (local-p: at most 1).
    HeatmapSpec w{"Trace/weights", attn::step_id::weights.data(), &weights->value, &s.query_tokens, &s.key_tokens};
    ImGui::BeginGroup();
    ImGui::TextUnformatted("weights w");
    NameText(state, "Trace/weights/caption");
    const HeatmapResult on_w = DrawHeatmap(state, painter, w);
    ImGui::EndGroup();
    if (on_w.clicked) state.selected_query = on_w.row;

    // 2. Scaled scores s', what the softmax sees.
    if (const attn::Step* scaled = state.trace.find(attn::step_id::scaled)) {
        const double extent = SymmetricExtent(scaled->value);
        HeatmapSpec sp{"Trace/scaled", attn::step_id::scaled.data(), &scaled->value, &s.query_tokens, &s.key_tokens};
        sp.lo = -extent;
        sp.hi = extent;
        sp.map = Colormap::diverging;
        BesideIfFits(HeatmapWidth(state, sp, scaled->value.shape(1)));
        ImGui::BeginGroup();
        ImGui::TextUnformatted("scaled scores s'");
        NameText(state, "Trace/scaled/caption");
        DrawHeatmap(state, painter, sp);
        ImGui::EndGroup();
    }

    // 3. The mask: click a cell to allow or forbid that query–key pair.
    if (const attn::Step* mask = state.trace.find(attn::step_id::mask)) {
        HeatmapSpec mp{"Trace/mask", attn::step_id::mask.data(), &mask->value, &s.query_tokens, &s.key_tokens};
        mp.map = Colormap::cividis;
        BesideIfFits(HeatmapWidth(state, mp, mask->value.shape(1)));
        ImGui::BeginGroup();
        const bool mask_locked = IsLocked(state, scenario::lock_name(attn::kMaskKind.label));
        ImGui::TextWrapped("%s", mask_locked ? "mask M" : "mask M (click to toggle)");
        NameText(state, "Trace/mask/caption");
        const HeatmapResult on_mask = DrawHeatmap(state, painter, mp);
        ImGui::EndGroup();
        if (on_mask.clicked && !mask_locked) {
            scenario::toggle_mask_cell(state.scenario, mask->value, static_cast<std::size_t>(on_mask.row),
                                       static_cast<std::size_t>(on_mask.col));
            state.scenario_changed = true;
        }
    }
}

}  // namespace ui
