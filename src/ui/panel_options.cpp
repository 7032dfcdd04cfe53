// panel_options.cpp — presets, every choice of the variant, their parameters, view settings.
//
// One combo per choice of core/options.hpp, in pipeline order (form → score → mask → normalise →
// algorithm → use), each with a "(?)" for students and a one-line tooltip per value. A parameter
// shows only when its choice uses it. Any change calls scenario::fit_inputs, so a newly chosen
// form or score finds the matrices it reads. Combos are named "Options/<label>" and their items
// "Options/<label>/<value>" for the page's test hook.
#include <algorithm>
#include <string>

#include <imgui.h>

#include "app.hpp"
#include "panels.hpp"
#include "scenario/edit.hpp"
#include "core/option_names.hpp"
#include "scenario/presets.hpp"

namespace ui {

namespace {

// The sliders' ranges: what small, hand-checkable examples need. Scenario files may go further
// (docs/scenario.md), within the core's limits.
constexpr float kTemperatureMin = 0.05f, kTemperatureMax = 5.0f;
constexpr int kSliderMax = 16;  // window D, stride ℓ, tile B

// The frame of the last labelled widget (its item rect also covers the label to its right).
void RecordFrame(AppState& state, const std::string& name) {
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    RecordRect(state, name, min, ImVec2(std::min(max.x, min.x + ImGui::CalcItemWidth()), max.y));
}

// One sentence per value, for the tooltip of each combo item.
const char* Describe(attn::Form f) {
    switch (f) {
        case attn::Form::plain: return "Edit Q, K and V directly.";
        case attn::Form::self: return "One sequence X attends to itself: Q = X·W_Q, K = X·W_K, V = X·W_V.";
        case attn::Form::cross: return "Queries from one sequence X (the decoder), keys and values from another, Y (the encoder).";
        case attn::Form::multi_head: return "Several heads, each with its own slice of W_Q, W_K, W_V; their contexts are concatenated and mixed by W_O.";
    }
    return "";
}
const char* Describe(attn::Score s) {
    switch (s) {
        case attn::Score::dot: return "s = q·k (Luong 2015).";
        case attn::Score::scaled_dot: return "s = q·k / √d_k: the Transformer's score (Vaswani 2017).";
        case attn::Score::general: return "s = qᵀ W_a k: a learned bilinear form (Luong 2015).";
        case attn::Score::additive: return "s = v_aᵀ tanh(W_a q + U_a k): a small neural network (Bahdanau 2015).";
    }
    return "";
}
const char* Describe(attn::Mask m) {
    switch (m) {
        case attn::Mask::none: return "Every query sees every key.";
        case attn::Mask::causal: return "Each token sees only itself and earlier tokens, as in a decoder.";
        case attn::Mask::padding: return "Only the first L keys are real; the rest are padding.";
        case attn::Mask::local_m: return "Luong's local-m: query t sees keys t − D … t + D.";
        case attn::Mask::local_p: return "Luong's local-p: each query predicts a centre p and favours keys near it.";
        case attn::Mask::sliding_window: return "Each token sees itself and the W − 1 tokens before it.";
        case attn::Mask::strided: return "Child 2019: the previous ℓ tokens and every ℓ-th token before them.";
        case attn::Mask::fixed: return "Child 2019: the token's own block of ℓ and the last token of every earlier block.";
        case attn::Mask::custom: return "Your own mask: click cells of the mask heatmap to toggle them.";
    }
    return "";
}
const char* Describe(attn::Normalise n) {
    switch (n) {
        case attn::Normalise::softmax: return "Soft attention: weights e^s / Σ e^s, every key gets some.";
        case attn::Normalise::hard_argmax: return "Hard attention: all weight on the best-scoring key.";
        case attn::Normalise::hard_sample: return "Hard attention (Xu 2015): one key drawn at random from the softmax.";
    }
    return "";
}
const char* Describe(attn::Algorithm a) {
    switch (a) {
        case attn::Algorithm::standard: return "Build the whole score matrix, then the softmax, then W·V.";
        case attn::Algorithm::tiled: return "FlashAttention's online softmax: keys in tiles of B, a running max and sum; same result.";
        case attn::Algorithm::linear: return "Katharopoulos 2020: φ(q)·φ(k) replaces e^(q·k), so the cost grows linearly with length.";
    }
    return "";
}
const char* Describe(attn::ContextUse u) {
    switch (u) {
        case attn::ContextUse::none: return "Stop at the context vectors c.";
        case attn::ContextUse::concat_tanh: return "Luong's attentional vector h̃ = tanh(W_c [c; h]) with the decoder state h.";
        case attn::ContextUse::add: return "Add the context to the decoder state: c + h.";
        case attn::ContextUse::output_projection: return "The Transformer's output projection C·W_O.";
    }
    return "";
}

// A combo over one of the name tables; returns true when the learner picked another value.
template <typename Enum, std::size_t N>
bool EnumCombo(AppState& state, const char* label, Enum& value, const attn::NameTable<Enum, N>& table) {
    bool changed = false;
    const std::string current(attn::name_of(table, value));
    const std::string id = std::string("Options/") + label;
    const bool open = ImGui::BeginCombo(label, current.c_str());
    RecordFrame(state, id);
    if (open) {
        for (const auto& [e, name] : table) {
            const std::string item(name);
            if (ImGui::Selectable(item.c_str(), e == value)) {
                changed = e != value;
                value = e;
            }
            RecordRect(state, id + "/" + item, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Describe(e));
        }
        ImGui::EndCombo();
    }
    return changed;
}

// An integer option as a slider with its own range; returns true when it changed.
bool IntOption(AppState& state, const char* label, int& value, int lo, int hi) {
    const bool changed = ImGui::SliderInt(label, &value, lo, hi, "%d", ImGuiSliderFlags_AlwaysClamp);
    RecordFrame(state, std::string("Options/") + label);
    return changed;
}

}  // namespace

void DrawOptionsPanel(AppState& state) {
    if (!ImGui::CollapsingHeader("Variant & options", ImGuiTreeNodeFlags_DefaultOpen)) return;
    attn::Options& o = state.scenario.options;
    ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);  // room for the labels and (?)

    if (ImGui::BeginCombo("Preset", "choose…")) {
        for (const scenario::Preset& preset : scenario::presets()) {
            const std::string name(preset.name);
            if (ImGui::Selectable(name.c_str())) LoadScenario(state, std::string(preset.json));
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", std::string(preset.description).c_str());
        }
        ImGui::EndCombo();
    }
    HelpMarker("Ready-made scenarios, each showing one idea; hover one to read what it shows.");
    if (state.can_open_files) {
        if (ImGui::Button("Open scenario file…")) state.open_file_requested = true;
        RecordRect(state, "Options/open-file", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        HelpMarker("A scenario saved as JSON (docs/scenario.md). You can also drop the file here, or copy its "
                   "text and press Ctrl+V outside any field.");
    }

    bool changed = false;
    changed |= EnumCombo(state, "Form", o.form, attn::kFormNames);
    HelpMarker("Where Q, K and V come from: given directly, or projected from a sequence of token vectors.");
    if (o.form == attn::Form::multi_head) {
        changed |= IntOption(state, "Heads H", o.heads, 1, scenario::kMaxHeads);
        HelpMarker("How many heads. Each head gets its own slice of W_Q, W_K and W_V; the number of heads "
                   "must divide their widths (other widths are redrawn).");
    }

    changed |= EnumCombo(state, "Score", o.score, attn::kScoreNames);
    HelpMarker("How a query meets a key. dot: s = q·k. scaled_dot: s = q·k / √d_k, which keeps scores from "
               "growing with the width d_k (Vaswani 2017). general: s = qᵀ W_a k. additive: "
               "s = v_aᵀ tanh(W_a q + U_a k) (Bahdanau 2015).");
    float temperature = static_cast<float>(o.temperature);
    if (ImGui::SliderFloat("Temperature τ", &temperature, kTemperatureMin, kTemperatureMax, "%.2f",
                           ImGuiSliderFlags_Logarithmic)) {
        o.temperature = temperature;
        changed = true;
    }
    HelpMarker("Scores are divided by τ before the softmax. τ < 1 sharpens the weights towards the best key; "
               "τ > 1 flattens them towards uniform.");

    changed |= EnumCombo(state, "Mask", o.mask, attn::kMaskNames);
    HelpMarker("Which keys each query may see. Masked keys get weight exactly 0; a query with no key left "
               "gets all-zero weights and a flag, never NaN.");
    if (o.mask == attn::Mask::local_m || o.mask == attn::Mask::local_p || o.mask == attn::Mask::sliding_window) {
        changed |= IntOption(state, "Window D", o.window, o.mask == attn::Mask::local_p ? 1 : 0, kSliderMax);
        HelpMarker("local-m / local-p: keys within D of the centre; local-p's Gaussian has σ = D/2. "
                   "sliding_window: the query and the W − 1 keys before it.");
    }
    if (o.mask == attn::Mask::strided || o.mask == attn::Mask::fixed) {
        changed |= IntOption(state, "Stride ℓ", o.stride, 1, kSliderMax);
        HelpMarker("The block length of the sparse patterns of Child et al. 2019.");
    }
    if (o.mask == attn::Mask::padding && o.key_lengths.size() == 1) {
        const attn::Step* weights = state.trace.find("weights");
        const int keys = weights ? static_cast<int>(weights->value.shape(1)) : o.key_lengths[0];
        changed |= IntOption(state, "Real keys L", o.key_lengths[0], 0, keys);
        HelpMarker("Keys from L on are padding: every query ignores them. L = 0 leaves a query nothing to attend to.");
    }

    changed |= EnumCombo(state, "Normalise", o.normalise, attn::kNormaliseNames);
    HelpMarker("How scores become weights: the softmax (soft attention), or one key only (hard attention).");
    if (o.normalise == attn::Normalise::hard_sample) {
        int seed = static_cast<int>(o.seed);
        if (ImGui::InputInt("Draw seed", &seed) && seed >= 0) {
            o.seed = static_cast<std::uint64_t>(seed);
            changed = true;
        }
        HelpMarker("The random stream of the draws: the same seed always draws the same keys.");
    }

    changed |= EnumCombo(state, "Algorithm", o.algorithm, attn::kAlgorithmNames);
    HelpMarker("How the weighted sum is computed. tiled gives the same numbers as standard, tile by tile; "
               "linear replaces the softmax by a kernel (use score dot and mask none or causal).");
    if (o.algorithm == attn::Algorithm::tiled) {
        changed |= IntOption(state, "Tile B", o.tile, 1, kSliderMax);
        HelpMarker("Keys per tile. The Pipeline shows the running max and sum after each tile.");
    }

    changed |= EnumCombo(state, "Use", o.use, attn::kContextUseNames);
    HelpMarker("What happens to the context vector after the weighted sum.");

    if (changed) {
        scenario::fit_inputs(state.scenario);
        state.scenario_changed = true;
    }

    ImGui::Separator();
    ImGui::SliderFloat("UI scale", &state.ui_scale, 0.75f, 3.0f, "%.2f×", ImGuiSliderFlags_AlwaysClamp);
    RecordFrame(state, "Options/UI scale");
    HelpMarker("Zoom the whole explorer, 75 % to 300 %; 2× or more for a projector. The font is redrawn at "
               "each size, so it stays sharp.");
    ImGui::Checkbox("Light theme", &state.light_theme);
    RecordRect(state, "Options/Light theme", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    HelpMarker("Both themes are high-contrast: black on white, or white on black.");
    ImGui::PopItemWidth();
}

}  // namespace ui
