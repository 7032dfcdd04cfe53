// panel_compare.cpp — the learner's variant (A) beside a counterpart (B) that changes one choice,
// and B − A on a diverging map: where scaling, hardness, a mask or a kernel moves the weights.
// The counterpart and the difference come from scenario/compare.hpp.
#include <algorithm>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "app.hpp"
#include "panels.hpp"
#include "core/step_ids.hpp"

namespace ui {

void DrawComparePanel(AppState& state, HeatmapPainter& painter) {
    if (!PanelHeader(state, scenario::Panel::compare)) return;
    const auto& s = state.scenario;
    bool changed = ImGui::Checkbox("Compare with", &state.comparing);
    RecordRect(state, "Compare/on", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const float combo_w = ImGui::GetFontSize() * 12.0f;
    SameLineIfFits(combo_w);
    ImGui::SetNextItemWidth(std::min(combo_w, ImGui::GetContentRegionAvail().x));
    const std::string current(scenario::contrast_name(state.contrast));
    const bool open = ImGui::BeginCombo("##contrast", current.c_str());
    RecordRect(state, "Compare/contrast", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (open) {
        for (const auto& [contrast, name] : scenario::kContrastNames) {
            const std::string item(name);
            if (ImGui::Selectable(item.c_str(), contrast == state.contrast)) {
                changed |= contrast != state.contrast || !state.comparing;
                state.contrast = contrast;
                state.comparing = true;
            }
            RecordRect(state, "Compare/contrast/" + item, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        }
        ImGui::EndCombo();
    }
    HelpMarker(state, "Runs the same queries, keys and values through a second variant that changes one choice, and "
               "shows where the weights move: B − A, red where B gives more weight, blue where less.");
    if (changed) RefreshComparison(state);
    if (!state.comparing) return;

    const scenario::Comparison& c = state.comparison;
    if (!c.error.empty()) {
        ImGui::TextWrapped("The counterpart cannot be computed: %s", c.error.c_str());
        NameText(state, "Compare/error");
        return;
    }
    const attn::Step* a = state.trace.find(attn::step_id::weights);
    const attn::Step* b = c.b.find(attn::step_id::weights);
    if (!a || !b) return;
    const std::string title_a = "A: " + state.trace.variant, title_b = "B: " + c.b.variant;
    HeatmapSpec spec_a{"Compare/a", attn::step_id::weights.data(), &a->value, &s.query_tokens, &s.key_tokens};
    HeatmapSpec spec_b{"Compare/b", nullptr, &b->value, &s.query_tokens, &s.key_tokens};
    ImGui::BeginGroup();
    ImGui::TextWrapped("%s", title_a.c_str());
    NameText(state, "Compare/a/caption");
    DrawHeatmap(state, painter, spec_a);
    ImGui::EndGroup();
    BesideIfFits(HeatmapWidth(state, spec_b, b->value.shape(1)));
    ImGui::BeginGroup();
    ImGui::TextWrapped("%s", title_b.c_str());
    NameText(state, "Compare/b/caption");
    DrawHeatmap(state, painter, spec_b);
    ImGui::EndGroup();
    if (c.difference.size() == 0) return;
    HeatmapSpec spec_d{"Compare/difference", nullptr, &c.difference, &s.query_tokens, &s.key_tokens};
    spec_d.lo = -std::max(c.largest, 1e-12);
    spec_d.hi = std::max(c.largest, 1e-12);
    spec_d.map = Colormap::diverging;
    BesideIfFits(HeatmapWidth(state, spec_d, c.difference.shape(1)));
    ImGui::BeginGroup();
    ImGui::TextUnformatted("B − A");
    NameText(state, "Compare/difference/caption");
    DrawHeatmap(state, painter, spec_d);
    ImGui::EndGroup();
    const std::string query = c.row < s.query_tokens.size() ? s.query_tokens[c.row] : std::to_string(c.row);
    const std::string key = c.col < s.key_tokens.size() ? s.key_tokens[c.col] : std::to_string(c.col);
    if (c.largest > 0.0)
        ImGui::TextWrapped("The largest change: \"%s\" → \"%s\" goes from %.3f to %.3f (%+.3f).", query.c_str(), key.c_str(),
                           a->value(c.row, c.col), b->value(c.row, c.col), c.difference(c.row, c.col));
    else
        ImGui::TextWrapped("The weights are the same.");
    NameText(state, "Compare/largest");
}

}  // namespace ui
