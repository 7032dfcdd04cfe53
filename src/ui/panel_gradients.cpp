// panel_gradients.cpp — the backward pass: each gradient ∂L/∂x beside the x it belongs to, and
// "take one step" against them.
//
// The loss and every "grad.<id>" step come from the core (options.loss); the step itself is
// scenario/gradient_step.hpp's edit. Gradients are listed in the order the backward pass wrote
// them, from the output back to the inputs, so the panel reads as the chain rule runs. In
// multi-head attention one head's gradients are shown at a time.
#include <algorithm>
#include <cmath>
#include <string>

#include <imgui.h>

#include "app.hpp"
#include "layout.hpp"
#include "panels.hpp"
#include "core/step_ids.hpp"
#include "scenario/gradient_step.hpp"

namespace ui {

namespace {

constexpr float kCell = 44.0f;                  // unscaled pixels: room for each value in its cell
constexpr float kEtaMin = 0.01f, kEtaMax = 10.0f;  // the step sizes the slider offers

// The id a gradient step belongs to: "grad.head1.Q" → "head1.Q".
std::string_view forward_id(std::string_view grad_id) { return grad_id.substr(attn::step_id::grad.size()); }

// Whether a gradient is shown for the chosen head: "grad.head<h>." ones only for head h.
bool ShownForHead(std::string_view id, int head) {
    if (id.rfind("head", 0) != 0) return true;
    return id.rfind("head" + std::to_string(head) + ".", 0) == 0;
}

// The step size, the inputs to move and the button; the loss before and after the last step.
void DrawStepControls(AppState& state, double loss) {
    AppState::Descent& d = state.descent;
    const std::vector<std::string> learnable = scenario::learnable_inputs(state.scenario, state.trace);
    if (learnable.empty()) return;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Step size η");
    NameText(state, "Gradients/eta/label");
    SameLineIfFits(ImGui::GetFontSize() * 8.0f);
    ImGui::SetNextItemWidth(std::min(ImGui::GetFontSize() * 10.0f, ImGui::GetContentRegionAvail().x));
    ImGui::SliderFloat("##eta", &d.eta, kEtaMin, kEtaMax, "%.2f", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
    RecordRect(state, "Gradients/eta", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Move");
    NameText(state, "Gradients/move/label");
    std::vector<std::string> moved;
    for (const std::string& name : learnable) {
        bool move = std::find(d.held.begin(), d.held.end(), name) == d.held.end();
        SameLineIfFits(ImGui::GetFrameHeight() + ImGui::CalcTextSize(name.c_str()).x + ImGui::GetStyle().ItemInnerSpacing.x);
        if (ImGui::Checkbox((name + "###move/" + name).c_str(), &move)) {
            if (move) d.held.erase(std::remove(d.held.begin(), d.held.end(), name), d.held.end());
            else d.held.push_back(name);
        }
        RecordRect(state, "Gradients/move/" + name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        if (move) moved.push_back(name);
    }
    HelpMarker(state, "The inputs the step changes. The others keep their values, as a model's frozen weights do.");

    ImGui::BeginDisabled(moved.empty());
    const char* full = "Take one step: x − η·∂L/∂x";  // the rule itself, where the column has room for it
    const bool fits = ButtonWidth(full) <= ImGui::GetContentRegionAvail().x;
    const bool pressed = ImGui::Button(fits ? full : "Take one step");
    ImGui::EndDisabled();
    RecordRect(state, "Gradients/step", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (pressed) {
        const std::string refusal = scenario::take_gradient_step(state.scenario, state.trace, d.eta, moved);
        ShowMessage(state, refusal);
        if (refusal.empty()) {
            state.scenario_changed = true;
            d.loss_before = loss;
            d.stepped_from = state.trace_version;
        }
    }
    // The step's recompute is the next one: until another edit, say what it did to L.
    if (d.stepped_from >= 0 && state.trace_version == d.stepped_from + 1) {
        ImGui::TextWrapped("The step took L from %.6g to %.6g.", d.loss_before, loss);
        NameText(state, "Gradients/stepped");
    }
}

}  // namespace

void DrawGradientsPanel(AppState& state, HeatmapPainter& painter) {
    const attn::Step* loss = state.trace.find(attn::step_id::loss);
    if (!loss) return;  // no loss chosen: no backward pass
    if (!PanelHeader(state, scenario::Panel::gradients)) return;
    const double L = loss->value(0, 0);
    ImGui::TextWrapped("L = %.6g:  %s", L, loss->formula.c_str());
    NameText(state, "Gradients/loss");
    ImGui::TextWrapped("Each gradient ∂L/∂x sits beside its x: where it is positive, making x larger raises the "
                       "loss; a step against it lowers L when η is small enough.");
    NameText(state, "Gradients/text");
    DrawStepControls(state, L);
    if (!state.edit_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_PlotHistogram]);
        ImGui::TextWrapped("%s", state.edit_message.c_str());
        ImGui::PopStyleColor();
        NameText(state, "Gradients/message");
    }

    const int heads = state.trace_options.form == attn::Form::multi_head ? state.trace_options.heads : 1;
    int& head = state.descent.head;
    head = std::clamp(head, 0, heads - 1);
    if (heads > 1) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Head");
        NameText(state, "Gradients/head/label");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(std::min(ImGui::GetFontSize() * 8.0f, ImGui::GetContentRegionAvail().x));
        ImGui::SliderInt("##head", &head, 0, heads - 1, "head %d", ImGuiSliderFlags_AlwaysClamp);
        RecordRect(state, "Gradients/head", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    }

    // Each gradient on a line of its own, its forward step on the left.
    for (const attn::Step& grad : state.trace.steps) {
        if (grad.id.rfind(attn::step_id::grad, 0) != 0) continue;
        const std::string_view of = forward_id(grad.id);
        if (!ShownForHead(of, head)) continue;
        ImGui::Separator();
        const std::vector<std::string>* rows = TokenRows(state, of);
        if (const attn::Step* x = state.trace.find(of)) {
            SignedHeatmap(state, painter, *x, ("Gradients/" + x->id).c_str(), rows, kCell);
            SignedHeatmap(state, painter, grad, ("Gradients/" + grad.id).c_str(), rows, kCell);
        } else {
            SignedHeatmap(state, painter, grad, ("Gradients/" + grad.id).c_str(), rows, kCell);
        }
    }
}

}  // namespace ui
