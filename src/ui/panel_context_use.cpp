// panel_context_use.cpp — what the context vector is used for: its steps after the weighted sum.
//
// It shows steps of the trace as they are; nothing is computed here.
#include <string>

#include <imgui.h>

#include "app.hpp"
#include "panels.hpp"
#include "core/step_ids.hpp"

namespace ui {

void DrawContextUsePanel(AppState& state, HeatmapPainter& painter) {
    const attn::ContextUse use = state.trace_options.use;
    if (use == attn::ContextUse::none) return;
    if (!PanelHeader(state, scenario::Panel::context_use)) return;
    const auto& s = state.scenario;
    // What the use is for, in words; its formula is the trace's.
    const attn::Step* result = state.trace.find(use == attn::ContextUse::concat_tanh ? attn::step_id::attentional : attn::step_id::output);
    const char* why = use == attn::ContextUse::concat_tanh ? "Luong 2015: the context and the decoder state are joined "
                                                             "and squashed, and the result predicts the next word"
                      : use == attn::ContextUse::add       ? "The context is added to the decoder state (a residual connection)"
                                                           : "The Transformer's output projection maps each context to "
                                                             "the model's width";
    ImGui::TextWrapped("%s: %s.", why, result ? result->formula.c_str() : "");
    NameText(state, "Use/text");
    ImGui::Spacing();
    namespace ids = attn::step_id;
    for (std::string_view id : {ids::H, ids::context, ids::concat, ids::attentional, ids::output}) {
        const attn::Step* step = state.trace.find(id);
        if (!step) continue;
        SignedHeatmap(state, painter, *step, (std::string("Use/") + std::string(id)).c_str(), &s.query_tokens, 36.0f);
    }
}

}  // namespace ui
