// lesson_view.cpp — the lesson bar, its keys and its highlights: see lesson_view.hpp.
//
// The bar reads the lesson and the live trace and writes only AppState::LessonRun, the scenario
// (through LoadScenario) and the panels' hidden and folded flags. Whether an answer is right and
// whether a task is met is scenario/lesson.hpp's, so that the tests and the explorer agree.
#include "lesson_view.hpp"

#include <algorithm>

#include <imgui.h>

#include "app.hpp"
#include "core/explanation.hpp"
#include "layout.hpp"
#include "palette.hpp"
#include "panels.hpp"
#include "scenario/json_text.hpp"
#include "scenario/lessons.hpp"
#include "scenario/number_text.hpp"
#include "style.hpp"

namespace ui {

namespace {

// The step's panels are shown, open, and the others hidden; a panel the page hid before the
// lesson opened stays hidden.
void ApplyStepPanels(AppState& state) {
    const AppState::LessonRun& run = state.lesson;
    const scenario::LessonStep& step = run.lesson->steps[run.step];
    for (const scenario::PanelInfo& p : scenario::kPanels) {
        const std::size_t i = scenario::index_of(p.panel);
        const bool in_step = step.panels.empty() || std::find(step.panels.begin(), step.panels.end(), p.id) != step.panels.end();
        state.hidden[i] = run.hidden_before[i] || !in_step;
        state.folded[i] = state.folded[i] && !in_step;
    }
}

// [SECTION] Marked-up text

// Text colours of the markup: emphasis as the header's title, formulas and code in Okabe and
// Ito's reddish purple (apart from the roles' orange, sky blue and green), live values in the
// orange that marks the number in focus.
ImU32 SpanColour(const AppState& state, scenario::TextSpan::Kind kind) {
    using Kind = scenario::TextSpan::Kind;
    switch (kind) {
        case Kind::emphasis: return ImGui::GetColorU32(ImGuiCol_PlotLinesHovered);
        case Kind::code:
        case Kind::formula: return state.light_theme ? IM_COL32(150, 60, 110, 255) : IM_COL32(204, 121, 167, 255);
        case Kind::value: return RoleColour(Role::query, state.light_theme);
        default: return ImGui::GetColorU32(ImGuiCol_Text);
    }
}

// Spans wrapped word by word to the window's width, as one text item named `name`. A live value
// that the trace does not hold (after an edit removed its row) reads "?".
void MarkedText(AppState& state, const std::vector<scenario::TextSpan>& spans, const std::string& name) {
    ImGui::BeginGroup();
    const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
    bool line_start = true;
    const auto word = [&](const std::string& text, ImU32 colour) {
        if (!line_start) {
            ImGui::SameLine(0.0f, 0.0f);
            if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(text.c_str()).x > right) ImGui::NewLine();
        }
        ImGui::PushStyleColor(ImGuiCol_Text, colour);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopStyleColor();
        line_start = false;
    };
    for (const scenario::TextSpan& span : spans) {
        if (span.kind == scenario::TextSpan::Kind::paragraph) {
            ImGui::Dummy(ImVec2(0.0f, ImGui::GetStyle().ItemSpacing.y));
            line_start = true;
            continue;
        }
        const ImU32 colour = SpanColour(state, span.kind);
        if (span.kind == scenario::TextSpan::Kind::value) {
            word(scenario::value_text(state.trace, span.ref).text, colour);
            continue;
        }
        // Each word keeps the space after it, so the line breaks between words.
        for (std::size_t at = 0; at < span.text.size();) {
            const std::size_t space = span.text.find(' ', at);
            const std::size_t end = space == std::string::npos ? span.text.size() : space + 1;
            word(span.text.substr(at, end - at), colour);
            at = end;
        }
    }
    if (line_start) ImGui::Dummy(ImVec2(0.0f, 0.0f));
    ImGui::EndGroup();
    RecordRect(state, name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ItemKind::text);
}

// Text written in the markup that is not a step's own (a question, a feedback): parsed here; the
// lesson's reader has checked it.
void MarkedText(AppState& state, const std::string& text, const std::string& name) {
    std::string error;
    const auto spans = scenario::parse_lesson_text(text, error);
    MarkedText(state, spans ? *spans : std::vector<scenario::TextSpan>{{scenario::TextSpan::Kind::plain, text, {}}}, name);
}

// [SECTION] Questions and tasks

// A choice: a button whose label wraps within the line (ImGui's own buttons do not wrap), at least
// `min_height` tall (a finger's). Its natural width, for placing it beside the last one:
float ChoiceWidth(const std::string& text, float line) {
    return std::min(ImGui::CalcTextSize(text.c_str()).x + ImGui::GetStyle().FramePadding.x * 2.0f, line);
}
bool ChoiceButton(const std::string& text, const char* id, float line, float min_height) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float wrap = line - style.FramePadding.x * 2.0f;
    const ImVec2 text_size = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap);
    const ImVec2 size(std::min(text_size.x + style.FramePadding.x * 2.0f, line),
                      std::max(text_size.y + style.FramePadding.y * 2.0f, min_height));
    const bool pressed = ImGui::InvisibleButton(id, size);
    const ImGuiCol fill = ImGui::IsItemActive() ? ImGuiCol_ButtonActive : ImGui::IsItemHovered() ? ImGuiCol_ButtonHovered : ImGuiCol_Button;
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImDrawList* list = ImGui::GetWindowDrawList();
    list->AddRectFilled(min, max, ImGui::GetColorU32(fill), style.FrameRounding);
    const ImVec2 at(min.x + style.FramePadding.x, min.y + (size.y - text_size.y) * 0.5f);
    list->AddText(nullptr, 0.0f, at, ImGui::GetColorU32(ImGuiCol_Text), text.c_str(), nullptr, wrap);
    return pressed;
}

void Answer(AppState& state, double given) {
    AppState::LessonRun& run = state.lesson;
    const scenario::Question& q = *run.lesson->steps[run.step].question;
    const scenario::Verdict verdict = scenario::judge(q, state.trace, given);
    if (verdict.right) {
        run.answered[run.step] = true;
        run.revealed = true;
        run.feedback.clear();
    } else {
        run.tried = true;
        run.feedback = verdict.feedback;
    }
}

// The right answer as the reveal writes it: a choice's text or the number.
std::string AnswerText(const AppState& state, const scenario::Question& q) {
    const scenario::QuantityValue right = scenario::right_answer(q, state.trace);
    if (!right.value) return "?";
    if (q.is_number()) return attn::format_number(*right.value);
    return q.choices[static_cast<std::size_t>(*right.value)].text;
}

void DrawQuestion(AppState& state, const scenario::Question& q) {
    AppState::LessonRun& run = state.lesson;
    ImGui::Separator();
    MarkedText(state, q.ask, "Lesson/ask");
    ImGui::BeginDisabled(run.revealed);
    if (!q.is_number()) {
        const float line = ImGui::GetContentRegionAvail().x;
        for (std::size_t i = 0; i < q.choices.size(); ++i) {
            const std::string id = "###choice" + std::to_string(i);
            if (i > 0) SameLineIfFits(ChoiceWidth(q.choices[i].text, line));
            if (ChoiceButton(q.choices[i].text, id.c_str(), line, std::max(ImGui::GetFrameHeight(), TouchTarget(state))))
                Answer(state, static_cast<double>(i));
            RecordRect(state, "Lesson/choice/" + std::to_string(i), ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        }
    } else {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
        const bool entered = ImGui::InputText("###answer", run.number.data(), run.number.size(), ImGuiInputTextFlags_EnterReturnsTrue);
        RecordRect(state, "Lesson/answer", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        SameLineIfFits(ButtonWidth("Check"));
        const bool check = ImGui::Button("Check", ImVec2(0.0f, TouchTarget(state)));
        RecordRect(state, "Lesson/check", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        if (entered || check) {
            const scenario::NumberText typed = scenario::read_number_text(run.number.data());
            if (typed.value) Answer(state, *typed.value);
            else run.feedback = typed.note;
        }
    }
    ImGui::EndDisabled();
    if (!run.revealed && !run.feedback.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_PlotHistogram]);
        MarkedText(state, "Not quite. " + run.feedback, "Lesson/feedback");
        ImGui::PopStyleColor();
    }
    if (!run.revealed && run.tried) {
        if (ImGui::Button("Show the answer", ImVec2(0.0f, TouchTarget(state)))) run.revealed = true;
        RecordRect(state, "Lesson/reveal", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    }
    if (run.revealed) {
        const std::string verdict = run.answered[run.step] ? "Right: " : "The answer: ";
        MarkedText(state, verdict + AnswerText(state, q) + (q.explain.empty() ? "" : ". " + q.explain), "Lesson/explain");
    }
}

void DrawTask(AppState& state, const scenario::Task& task) {
    AppState::LessonRun& run = state.lesson;
    // Met once is done: the tick stays while the learner goes on exploring. A trace that failed to
    // compute is not the scenario on screen, so it meets nothing.
    if (!run.task_done[run.step] && state.error.empty() && scenario::evaluate(state.trace, task.when).met)
        run.task_done[run.step] = true;
    ImGui::Separator();
    const bool done = run.task_done[run.step];
    ImGui::PushStyleColor(ImGuiCol_Text, done ? RoleColour(Role::value, state.light_theme) : ImGui::GetColorU32(ImGuiCol_Text));
    MarkedText(state, std::string(done ? "✓ Done: " : "Task: ") + task.goal, "Lesson/task");
    ImGui::PopStyleColor();
}

// [SECTION] Navigation

void DrawNavigation(AppState& state) {
    AppState::LessonRun& run = state.lesson;
    const std::size_t steps = run.lesson->steps.size();
    const float h = TouchTarget(state);
    ImGui::BeginDisabled(run.step == 0);
    if (ImGui::Button("◀ Previous", ImVec2(0.0f, h))) GoToStep(state, run.step - 1);
    ImGui::EndDisabled();
    RecordRect(state, "Lesson/previous", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const std::string progress = "Step " + std::to_string(run.step + 1) + " of " + std::to_string(steps);
    SameLineIfFits(ImGui::CalcTextSize(progress.c_str()).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(progress.c_str());
    NameText(state, "Lesson/progress");
    SameLineIfFits(ButtonWidth("Next ▶"));
    ImGui::BeginDisabled(run.step + 1 >= steps);
    if (ImGui::Button("Next ▶", ImVec2(0.0f, h))) GoToStep(state, run.step + 1);
    ImGui::EndDisabled();
    RecordRect(state, "Lesson/next", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    SameLineIfFits(ButtonWidth("Reset this step"));
    if (ImGui::Button("Reset this step", ImVec2(0.0f, h))) GoToStep(state, run.step);
    RecordRect(state, "Lesson/reset", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    SameLineIfFits(ImGui::GetFrameHeight() + ImGui::CalcTextSize("Focus").x + ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::Checkbox("Focus", &run.focus);
    RecordRect(state, "Lesson/focus", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    HelpMarker(state, "For a projector: the step's panels one above the other at the full width, without the header. "
               "PageUp and PageDown (a presenter's clicker) and the arrow keys go to the previous and next step.");
    SameLineIfFits(ButtonWidth("Close lesson"));
    if (ImGui::Button("Close lesson", ImVec2(0.0f, h))) CloseLesson(state);
    RecordRect(state, "Lesson/close", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

}  // namespace

// [SECTION] Opening, stepping, closing

std::string OpenLesson(AppState& state, const scenario::Lesson& lesson, std::size_t step) {
    if (step >= lesson.steps.size())
        return "lesson \"" + lesson.id + "\" has steps 0 to " + std::to_string(lesson.steps.size() - 1);
    AppState::LessonRun before = state.lesson;
    AppState::LessonRun run;
    run.lesson = lesson;
    run.answered.assign(lesson.steps.size(), false);
    run.task_done.assign(lesson.steps.size(), false);
    run.focus = before.lesson && before.focus;
    run.hidden_before = before.lesson ? before.hidden_before : state.hidden;
    run.folded_before = before.lesson ? before.folded_before : state.folded;
    state.lesson = std::move(run);
    if (std::string error = GoToStep(state, step); !error.empty()) {
        state.lesson = std::move(before);
        return error;
    }
    return {};
}

std::string GoToStep(AppState& state, std::size_t step) {
    AppState::LessonRun& run = state.lesson;
    if (!run.lesson) return "no lesson is open";
    if (step >= run.lesson->steps.size()) return "this lesson has steps 0 to " + std::to_string(run.lesson->steps.size() - 1);
    const scenario::LessonStep& s = run.lesson->steps[step];
    if (std::string error = LoadScenario(state, scenario::dump_json(scenario::to_json(s.scenario))); !error.empty())
        return "step " + std::to_string(step) + ": " + error;
    run.step = step;
    run.number = {};
    run.feedback.clear();
    run.revealed = run.answered[step];
    run.tried = false;
    run.scroll_to = s.highlight.empty() ? std::string() : s.highlight.front();
    ApplyStepPanels(state);
    return {};
}

void CloseLesson(AppState& state) {
    if (!state.lesson.lesson) return;
    state.hidden = state.lesson.hidden_before;
    state.folded = state.lesson.folded_before;
    state.lesson = AppState::LessonRun{};
}

void TakeLessonKeys(AppState& state) {
    ImGuiIO& io = ImGui::GetIO();
    AppState::LessonRun& run = state.lesson;
    const int keys[4] = {io.KeyMap[ImGuiKey_PageUp], io.KeyMap[ImGuiKey_PageDown], io.KeyMap[ImGuiKey_LeftArrow],
                         io.KeyMap[ImGuiKey_RightArrow]};
    // What ImGui knows of the last frame: a field taking text, a drag, the keyboard's cursor shown.
    const bool text_or_drag = io.WantTextInput || ImGui::IsAnyItemActive();
    for (int k = 0; k < 4; ++k) {
        const bool down = keys[k] >= 0 && io.KeysDown[keys[k]];
        const bool pressed = down && !run.keys_down[k];
        run.keys_down[k] = down;
        const bool arrow = k >= 2;
        if (!run.lesson || text_or_drag || (arrow && io.NavVisible)) continue;
        // The key is the lesson's: ImGui never sees it (the backend sets it again on its next press).
        io.KeysDown[keys[k]] = false;
        run.keys_down[k] = false;
        if (!pressed) continue;
        const bool back = k == 0 || k == 2;
        if (back && run.step > 0) GoToStep(state, run.step - 1);
        if (!back && run.step + 1 < run.lesson->steps.size()) GoToStep(state, run.step + 1);
    }
}

// [SECTION] Drawing

void DrawLessonBar(AppState& state) {
    AppState::LessonRun& run = state.lesson;
    if (!run.lesson) return;
    state.current_panel.clear();
    const scenario::LessonStep& step = run.lesson->steps[run.step];
    // As tall as its content was last frame, within two lines and 40 % of the screen; beyond it scrolls.
    const float padding = ImGui::GetStyle().WindowPadding.y * 2.0f;
    const float most = ImGui::GetMainViewport()->WorkSize.y * 0.4f;
    const float height = std::clamp(run.bar_height + padding, ImGui::GetFrameHeightWithSpacing() * 2.0f, most);
    ImGui::BeginChild("Lesson", ImVec2(0.0f, height), true);
    DrawNavigation(state);
    if (!step.title.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_PlotLinesHovered]);
        ImGui::TextWrapped("%s", step.title.c_str());
        ImGui::PopStyleColor();
        NameText(state, "Lesson/title");
    }
    MarkedText(state, step.spans, "Lesson/text");
    if (step.question) DrawQuestion(state, *step.question);
    if (step.task) DrawTask(state, *step.task);
    run.bar_height = ImGui::GetCursorPosY() + ImGui::GetScrollY() - ImGui::GetStyle().ItemSpacing.y;
    ImGui::EndChild();
}

void DrawLessonHighlights(AppState& state) {
    const AppState::LessonRun& run = state.lesson;
    if (!run.lesson) return;
    ImDrawList* list = ImGui::GetForegroundDrawList();
    const float thickness = std::max(2.0f, ImGui::GetFontSize() * 0.15f);
    for (const std::string& name : run.lesson->steps[run.step].highlight) {
        const auto it = state.item_rects.find(name);
        if (it == state.item_rects.end()) continue;  // folded away, or not in this scenario
        const ItemRect& r = it->second;
        // Only what its window shows: a highlight never floats over another panel.
        const ImVec2 min(std::max(r.box[0], r.shown[0]) - thickness, std::max(r.box[1], r.shown[1]) - thickness);
        const ImVec2 max(std::min(r.box[0] + r.box[2], r.shown[2]) + thickness, std::min(r.box[1] + r.box[3], r.shown[3]) + thickness);
        if (max.x > min.x && max.y > min.y) list->AddRect(min, max, kOrange, thickness, 0, thickness);
    }
}

nlohmann::json LessonJson(const AppState& state) {
    const AppState::LessonRun& run = state.lesson;
    if (!run.lesson) return nullptr;
    return {{"id", run.lesson->id}, {"title", run.lesson->title}, {"step", run.step}, {"steps", run.lesson->steps.size()},
            {"answered", run.answered[run.step]}, {"task_done", run.task_done[run.step]}, {"focus", run.focus}};
}

std::string LessonPlainText(const AppState& state) {
    const AppState::LessonRun& run = state.lesson;
    if (!run.lesson) return {};
    const scenario::LessonStep& step = run.lesson->steps[run.step];
    const auto plain = [&](const std::string& text) {
        std::string error, out;
        const auto spans = scenario::parse_lesson_text(text, error);
        if (!spans) return text;
        for (const scenario::TextSpan& span : *spans)
            out += span.kind == scenario::TextSpan::Kind::value ? scenario::value_text(state.trace, span.ref).text
                   : span.kind == scenario::TextSpan::Kind::paragraph ? std::string(" ")
                                                                       : span.text;
        return out;
    };
    std::string out = "Lesson \"" + run.lesson->title + "\", step " + std::to_string(run.step + 1) + " of " +
                      std::to_string(run.lesson->steps.size()) + (step.title.empty() ? "" : ": " + step.title) + ". " +
                      plain(step.text);
    if (const auto& q = step.question) {
        out += " Question: " + plain(q->ask);
        if (!q->is_number())
            for (std::size_t i = 0; i < q->choices.size(); ++i) out += (i ? "; " : " Choices: ") + q->choices[i].text;
        if (run.revealed) out += ". " + std::string(run.answered[run.step] ? "Right: " : "The answer: ") + AnswerText(state, *q);
        else if (!run.feedback.empty()) out += ". Not quite. " + plain(run.feedback);
    }
    if (const auto& task = step.task) out += " Task: " + plain(task->goal) + (run.task_done[run.step] ? " (done)" : "");
    return out;
}

nlohmann::json KeptLessonJson(const AppState& state) {
    const AppState::LessonRun& run = state.lesson;
    if (!run.lesson || !scenario::find_lesson(run.lesson->id)) return nullptr;
    return {{"id", run.lesson->id}, {"step", run.step}, {"answered", run.answered}, {"task_done", run.task_done},
            {"focus", run.focus}};
}

bool RestoreKeptLesson(AppState& state, const nlohmann::json& kept, const std::string& scenario_json) {
    if (!kept.is_object() || !kept.value("id", nlohmann::json()).is_string() || !kept.value("step", nlohmann::json()).is_number_unsigned())
        return false;
    const scenario::Lesson* lesson = scenario::find_lesson(kept["id"].get<std::string>());
    if (!lesson || !OpenLesson(state, *lesson, kept["step"].get<std::size_t>()).empty()) return false;
    LoadScenario(state, scenario_json);  // the learner's edits within the step, over the step's own
    AppState::LessonRun& run = state.lesson;
    for (const char* key : {"answered", "task_done"}) {
        const nlohmann::json& flags = kept.value(key, nlohmann::json());
        std::vector<bool>& into = std::string(key) == "answered" ? run.answered : run.task_done;
        if (flags.is_array() && flags.size() == into.size())
            for (std::size_t i = 0; i < into.size(); ++i) into[i] = flags[i].is_boolean() && flags[i].get<bool>();
    }
    run.revealed = run.answered[run.step];
    run.focus = kept.contains("focus") && kept["focus"].is_boolean() && kept["focus"].get<bool>();
    return true;
}

}  // namespace ui
