// panel_options.cpp — presets, the variant picker and view settings.
#include <imgui.h>

#include "app.hpp"
#include "panels.hpp"
#include "scenario/options_names.hpp"
#include "scenario/presets.hpp"

namespace ui {

namespace {

// A combo over one of scenario's name tables; returns true when the learner picked another value.
template <typename Enum, std::size_t N>
bool EnumCombo(const char* label, Enum& value, const scenario::NameTable<Enum, N>& table) {
    bool changed = false;
    const std::string current(scenario::name_of(table, value));
    if (ImGui::BeginCombo(label, current.c_str())) {
        for (const auto& [e, name] : table) {
            const std::string item(name);
            if (ImGui::Selectable(item.c_str(), e == value)) { changed = e != value; value = e; }
        }
        ImGui::EndCombo();
    }
    return changed;
}

}  // namespace

void DrawOptionsPanel(AppState& state) {
    if (!ImGui::CollapsingHeader("Variant & options", ImGuiTreeNodeFlags_DefaultOpen)) return;
    attn::Options& o = state.scenario.options;

    if (ImGui::BeginCombo("Preset", "choose…")) {
        for (const scenario::Preset& preset : scenario::presets()) {
            const std::string name(preset.name);
            if (ImGui::Selectable(name.c_str())) LoadScenario(state, std::string(preset.json));
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", std::string(preset.description).c_str());
        }
        ImGui::EndCombo();
    }

    state.scenario_changed |= EnumCombo("Score", o.score, scenario::kScoreNames);
    HelpMarker("How a query meets a key. dot: s = q·k. scaled_dot: s = q·k / √d_k, which keeps scores from "
               "growing with the width d_k (Vaswani 2017). general: s = qᵀ W_a k. additive: "
               "s = v_aᵀ tanh(W_a q + U_a k) (Bahdanau 2015).");

    float temperature = static_cast<float>(o.temperature);
    if (ImGui::SliderFloat("Temperature τ", &temperature, 0.05f, 5.0f, "%.2f", ImGuiSliderFlags_Logarithmic)) {
        o.temperature = temperature;
        state.scenario_changed = true;
    }
    HelpMarker("Scores are divided by τ before the softmax. τ < 1 sharpens the weights towards the best key; "
               "τ > 1 flattens them towards uniform.");

    state.scenario_changed |= EnumCombo("Mask", o.mask, scenario::kMaskNames);
    HelpMarker("Which keys each query may see. causal: only earlier tokens and itself, as in a decoder. "
               "Masked keys get weight exactly 0.");

    ImGui::Separator();
    ImGui::SliderFloat("UI scale", &state.ui_scale, 0.75f, 3.0f, "%.2f×");
    HelpMarker("Zoom the whole explorer; 2× or more for a projector.");
    ImGui::SameLine();
    ImGui::Checkbox("Light theme", &state.light_theme);
}

}  // namespace ui
