// panel_options.cpp — presets, every choice of the variant, their parameters, view settings.
//
// One combo per kind of choice (core/choices.hpp), in pipeline order, each with a "(?)" listing
// the values' formulas and a tooltip per value, all read from the descriptors. An option shows
// only when the chosen value reads it. Any change calls scenario::fit_inputs, so a newly chosen
// form or score finds the matrices it reads. Combos are named "Options/<label>" and their items
// "Options/<label>/<value>" for the page's test hook.
#include <algorithm>
#include <string>

#include <imgui.h>

#include "app.hpp"
#include "lesson_view.hpp"
#include "panels.hpp"
#include "core/choices.hpp"
#include "scenario/edit.hpp"
#include "scenario/json_text.hpp"
#include "scenario/lessons.hpp"
#include "scenario/presets.hpp"
#include "scenario/version.hpp"
#include "core/step_ids.hpp"

namespace ui {

namespace {

// The temperature slider's range: what small, hand-checkable examples need. Scenario files may go
// further (docs/scenario.md), within the core's limits; the integer options' ranges are in kIntOptions.
constexpr float kTemperatureMin = 0.05f, kTemperatureMax = 5.0f;

// Under kLabelsAboveEms of the font (a phone, a small iframe) each control's label and "(?)" go
// above it and the control takes the whole width, so that neither is cut; wider, ImGui's label
// sits on the right of a half-width control.
constexpr float kLabelsAboveEms = 26.0f;

// The id to give a control labelled `label`. In a narrow panel the label and its help (if any)
// are drawn now, above the control, and the control's own label is hidden ("###label").
std::string LabelAbove(AppState& state, const std::string& label, const char* help, bool narrow) {
    if (!narrow) return label + "###" + label;  // the same id both ways: a drag across the width goes on
    ImGui::AlignTextToFramePadding();  // level with its "(?)", a frame high (a finger's 44 px on a touch screen)
    ImGui::TextUnformatted(label.c_str());
    NameText(state, "Options/" + label + "/label");
    if (help) HelpMarker(state, help);
    return "###" + label;
}

// After a control: its help beside it, unless LabelAbove drew it above.
void HelpBeside(AppState& state, const char* help, bool narrow) {
    if (!narrow && help) HelpMarker(state, help);
}

// The frame of the last labelled widget, and its label to the right when it has one there (its
// item rect covers both).
void RecordFrame(AppState& state, const std::string& name) {
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const float frame_end = std::min(max.x, min.x + ImGui::CalcItemWidth());
    RecordRect(state, name, min, ImVec2(frame_end, max.y));
    if (max.x > frame_end + 1.0f)
        RecordRect(state, name + "/label", ImVec2(frame_end + ImGui::GetStyle().ItemInnerSpacing.x, min.y), max, ItemKind::text);
}

// A value's tooltip: what it computes, one line for students, and where it comes from.
template <typename Enum>
std::string Tooltip(const attn::Choice<Enum>& c) {
    std::string text = std::string(c.formula) + "\n" + std::string(c.help);
    if (!c.paper.empty()) text += " (" + std::string(c.paper) + ")";
    return text;
}

// A kind's "(?)": what the choice decides, then each value's formula. Built once per kind: the
// descriptors never change.
template <typename Enum>
const std::string& KindHelp(const attn::ChoiceKind<Enum>& kind) {
    static const std::string text = [&] {
        std::string help = std::string(kind.help) + "\n";
        for (const attn::Choice<Enum>& c : kind.choices()) help += "\n" + std::string(c.name) + ": " + std::string(c.formula);
        return help;
    }();
    return text;
}

// A combo over one kind's values, each with its tooltip; returns true when the learner picked another.
// A kind another choice fixes (`fixed`, attn::fixed_by) is greyed by the caller and says why on hover.
template <typename Enum>
bool ChoiceCombo(AppState& state, const attn::ChoiceKind<Enum>& kind, Enum& value, const std::string& fixed, bool narrow) {
    bool changed = false;
    const std::string label(kind.label), current(attn::name_of(kind, value));
    const std::string id = "Options/" + label;
    const bool open = ImGui::BeginCombo(LabelAbove(state, label, KindHelp(kind).c_str(), narrow).c_str(), current.c_str());
    RecordFrame(state, id);
    if (!fixed.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", fixed.c_str());
    if (open) {
        for (const attn::Choice<Enum>& c : kind.choices()) {
            const std::string item(c.name);
            if (ImGui::Selectable(item.c_str(), c.value == value, 0, ImVec2(0.0f, TouchTarget(state)))) {
                changed = c.value != value;
                value = c.value;
            }
            RecordRect(state, id + "/" + item, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tooltip(c).c_str());
        }
        ImGui::EndCombo();
    }
    HelpBeside(state, KindHelp(kind).c_str(), narrow);
    return changed;
}

// An integer option as a slider with its own range; returns true when it changed.
bool IntOption(AppState& state, const std::string& label, const char* help, int& value, int lo, int hi, bool narrow) {
    const bool changed =
        ImGui::SliderInt(LabelAbove(state, label, help, narrow).c_str(), &value, lo, hi, "%d", ImGuiSliderFlags_AlwaysClamp);
    RecordFrame(state, "Options/" + label);
    HelpBeside(state, help, narrow);
    return changed;
}

// The control of an option that is no integer slider (kOtherOptions); returns true when it changed.
bool OtherOptionControl(AppState& state, const attn::OtherOption& option, bool narrow) {
    attn::Options& o = state.scenario.options;
    const std::string label(option.label), help(option.help);
    bool changed = false;
    if (option.name == "temperature") {
        float temperature = static_cast<float>(o.temperature);
        if (ImGui::SliderFloat(LabelAbove(state, label, help.c_str(), narrow).c_str(), &temperature, kTemperatureMin, kTemperatureMax, "%.2f",
                               ImGuiSliderFlags_Logarithmic)) {
            o.temperature = temperature;
            changed = true;
        }
        RecordFrame(state, "Options/" + label);
        HelpBeside(state, help.c_str(), narrow);
    } else if (option.name == "key_lengths") {
        if (o.key_lengths.size() != 1) return false;  // one length per query: the scenario file's to edit
        const attn::Step* weights = state.trace.find(attn::step_id::weights);
        const int keys = weights ? static_cast<int>(weights->value.shape(1)) : o.key_lengths[0];
        changed = IntOption(state, label, help.c_str(), o.key_lengths[0], 0, keys, narrow);
    } else if (option.name == "seed") {
        int seed = static_cast<int>(o.seed);
        if (ImGui::InputInt(LabelAbove(state, label, help.c_str(), narrow).c_str(), &seed) && seed >= 0) {
            o.seed = static_cast<std::uint64_t>(seed);
            changed = true;
        }
        RecordFrame(state, "Options/" + label);
        HelpBeside(state, help.c_str(), narrow);
    }
    return changed;
}

// The options the chosen value of a kind reads: its integer sliders, then its other controls.
template <typename Enum>
bool ChosenOptions(AppState& state, const attn::ChoiceKind<Enum>& kind, bool narrow) {
    attn::Options& o = state.scenario.options;
    const attn::Choice<Enum>& c = attn::chosen(kind, o);
    bool changed = false;
    for (const attn::OptionRead& read : c.options) {
        const attn::IntOption& option = *attn::find_int_option(read.name);
        const std::string help(option.help);
        changed |= IntOption(state, std::string(option.label), help.c_str(), o.*option.field, read.min, option.slider_max,
                             narrow);
    }
    for (const attn::OtherOption& option : attn::kOtherOptions)
        if (option.kind == kind.key && (option.value.empty() || option.value == c.name))
            changed |= OtherOptionControl(state, option, narrow);
    return changed;
}

}  // namespace

void DrawOptionsPanel(AppState& state) {
    if (!PanelHeader(state, scenario::Panel::options)) return;
    attn::Options& o = state.scenario.options;
    const bool narrow = ImGui::GetContentRegionAvail().x < kLabelsAboveEms * ImGui::GetFontSize();
    ImGui::PushItemWidth(narrow ? -FLT_MIN : ImGui::GetContentRegionAvail().x * 0.5f);  // room for the labels and (?)

    // A preset or a file would change what the page locked: with any lock they are greyed.
    ImGui::BeginDisabled(!state.locked.empty());
    constexpr const char* kPresetHelp = "Ready-made scenarios, each showing one idea, then applications of attention "
                                        "(translation, image regions, speech, graphs, sentiment, time series), each "
                                        "drawn as its field draws it; hover one to read what it shows.";
    // The box names the preset last loaded, while the scenario is still the one it started.
    std::string loaded = "choose…";
    for (const scenario::Preset& preset : scenario::presets())
        if (state.origin.title == preset.name) loaded = std::string(preset.name);
    const bool presets_open = ImGui::BeginCombo(LabelAbove(state, "Preset", kPresetHelp, narrow).c_str(), loaded.c_str(),
                                               ImGuiComboFlags_HeightLargest);  // every preset at once
    RecordFrame(state, "Options/Preset");
    if (presets_open) {
        bool applications = false;
        for (const scenario::Preset& preset : scenario::presets()) {
            if (preset.application && !applications) {  // the applications after the ideas, under their own heading
                applications = true;
                ImGui::Separator();
                ImGui::TextDisabled("Applications");
                NameText(state, "Options/Preset/applications");
            }
            const std::string name(preset.name);
            if (ImGui::Selectable(name.c_str(), name == loaded, 0, ImVec2(0.0f, TouchTarget(state))))
                LoadScenario(state, scenario::dump_json(scenario::to_json(scenario::preset_scenario(preset))));
            RecordRect(state, "Options/Preset/" + name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", std::string(preset.description).c_str());
        }
        ImGui::EndCombo();
    }
    HelpBeside(state, kPresetHelp, narrow);
    constexpr const char* kLessonHelp = "Guided lessons: each step shows the panels it is about, asks you to predict "
                                        "before it reveals, and sets tasks the explorer ticks off as you edit.";
    const std::string lesson_now = state.lesson.lesson ? state.lesson.lesson->title : "choose…";
    const bool lessons_open = ImGui::BeginCombo(LabelAbove(state, "Lesson", kLessonHelp, narrow).c_str(), lesson_now.c_str(),
                                               ImGuiComboFlags_HeightLargest);
    RecordFrame(state, "Options/Lesson");
    if (lessons_open) {
        for (const scenario::Lesson& lesson : scenario::builtin_lessons()) {
            const bool open_now = state.lesson.lesson && state.lesson.lesson->id == lesson.id;
            if (ImGui::Selectable((lesson.title + "###" + lesson.id).c_str(), open_now, 0, ImVec2(0.0f, TouchTarget(state))))
                if (std::string error = OpenLesson(state, lesson, 0); !error.empty()) ShowMessage(state, error);
            RecordRect(state, "Options/Lesson/" + lesson.id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", lesson.summary.c_str());
        }
        ImGui::EndCombo();
    }
    HelpBeside(state, kLessonHelp, narrow);
    if (state.can_open_files) {
        if (ImGui::Button(FitLabel("Open scenario file…###open", "Open…###open"))) state.open_file_requested = true;
        RecordRect(state, "Options/open-file", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        HelpMarker(state, "A scenario saved as JSON (docs/scenario.md). You can also drop the file here, or copy its "
                   "text and press Ctrl+V outside any field.");
    }
    ImGui::EndDisabled();
    if (ImGui::Button(FitLabel("Save scenario file…###save", "Save…###save"))) state.save_file_requested = true;
    RecordRect(state, "Options/save-file", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (state.can_open_files)
        HelpMarker(state, "Download the scenario as JSON, to open again later or to share: drop it on any explorer.");
    else
        HelpMarker(state, "Write the scenario as JSON to the path below (the file you opened, or one you type). Drop a "
                   "scenario file on the window to open it.");
    if (state.can_copy_link) {
        SameLineIfFits(ButtonWidth("Copy link") + ImGui::GetStyle().ItemSpacing.x + HelpMarkerWidth(state));  // with its (?)
        if (ImGui::Button("Copy link")) state.copy_link_requested = true;
        RecordRect(state, "Options/copy-link", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        HelpMarker(state, "A link that opens this scenario and this view, for a tutorial, a message or a bookmark. In a "
                   "page of its own the address bar holds it too. A state too large for a link is saved as a file "
                   "instead.");
    }
    if (!state.can_open_files) {
        ImGui::InputText(LabelAbove(state, "Save to", nullptr, narrow).c_str(), state.save_path.data(), state.save_path.size());
        RecordFrame(state, "Options/Save to");
    }

    // One combo per kind, in pipeline order, each followed by the options its chosen value reads.
    bool changed = false;
    // A kind the page locked, or one another choice fixes, is shown greyed and cannot be changed.
    attn::for_each_kind([&](const auto& kind) {
        const std::string fixed = attn::fixed_by(kind.key, o);
        ImGui::BeginDisabled(IsLocked(state, scenario::lock_name(kind.label)) || !fixed.empty());
        changed |= ChoiceCombo(state, kind, o.*kind.field, fixed, narrow);
        changed |= ChosenOptions(state, kind, narrow);
        ImGui::EndDisabled();
    });

    if (changed) {
        scenario::fit_inputs(state.scenario);
        state.scenario_changed = true;
    }

    ImGui::Separator();
    constexpr const char* kScaleHelp = "Zoom the whole explorer, 75 % to 300 %; 2× or more for a projector. The font "
                                       "is redrawn at each size, so it stays sharp.";
    // The scale takes effect when the slider is let go: it resizes the very layout under the mouse.
    float scale = state.scale_being_set > 0.0f ? state.scale_being_set : state.ui_scale;
    if (ImGui::SliderFloat(LabelAbove(state, "UI scale", kScaleHelp, narrow).c_str(), &scale, 0.75f, 3.0f, "%.2f×",
                           ImGuiSliderFlags_AlwaysClamp))
        state.scale_being_set = scale;
    if (!ImGui::IsItemActive() && state.scale_being_set > 0.0f) {
        state.ui_scale = state.scale_being_set;
        state.scale_being_set = 0.0f;
    }
    RecordFrame(state, "Options/UI scale");
    HelpBeside(state, kScaleHelp, narrow);
    ImGui::Checkbox("Light theme", &state.light_theme);
    RecordRect(state, "Options/Light theme", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    HelpMarker(state, "Both themes are high-contrast: black on white, or white on black.");
    // Every panel at once, for a projector: fold them all, then open the one to talk about.
    for (const bool fold : {true, false}) {
        const char* label = fold ? "Fold all" : "Open all";
        SameLineIfFits(ButtonWidth(label) + (fold ? 0.0f : ImGui::GetStyle().ItemSpacing.x + HelpMarkerWidth(state)));
        if (ImGui::Button(label, ImVec2(0.0f, TouchTarget(state)))) state.folded.fill(fold);
        RecordRect(state, std::string("Options/") + label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    }
    HelpMarker(state, "Fold every panel to its header, or open them all: on a projector, fold all, then open the "
               "panel to talk about.");
    ImGui::PopItemWidth();

    // About: which release this is, as every scenario and trace it writes records it.
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("Attention Explorer %s", scenario::explorer_version());
    ImGui::PopStyleColor();
    NameText(state, "Options/About");
    HelpMarker(state, "Every step of attention, computed in double precision and shown with its formula. Scenario "
               "files and traces record this version as explorer_version.");
}

}  // namespace ui
