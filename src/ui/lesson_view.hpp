// lesson_view.hpp — a lesson in the explorer (scenario/lesson.hpp; the format is docs/lessons.md).
//
// While a lesson is open, a bar below the header holds its step: the text with its live values,
// the question to answer before the reveal, the task ticked off once the live trace meets it,
// and Previous / Next, the progress, "Reset this step", focus mode and Close. The step's panels
// are shown and the others hidden, and the items it names are framed; focus mode, for a
// projector, lays the step's panels out one above the other at the full width, without the
// header. Keys: PageUp / PageDown, as a presenter's clicker sends them, and the
// left and right arrows while the keyboard is not walking the controls (Tab starts that).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "app_state.hpp"

namespace ui {

// Open `lesson` at `step` (from 0): its scenario loads as an edit that undo takes back. Returns ""
// or why not (no such step, a scenario the page cannot take); nothing changes then.
std::string OpenLesson(AppState& state, const scenario::Lesson& lesson, std::size_t step);
// Go to another step of the open lesson; "" or why not.
std::string GoToStep(AppState& state, std::size_t step);
// Close the lesson: the panels and folds from before it opened come back; the scenario stays.
void CloseLesson(AppState& state);

// Before ImGui::NewFrame: the lesson's keys step it, and ImGui does not see them (it would scroll
// or move its keyboard cursor with them).
void TakeLessonKeys(AppState& state);

// The lesson bar, drawn by DrawApp below the header while a lesson is open.
void DrawLessonBar(AppState& state);
// After the panels: a frame around each item the step highlights (by its item_rects name).
void DrawLessonHighlights(AppState& state);

// {"id", "title", "step", "steps", "answered", "task_done", "focus"} of the open lesson, or null.
nlohmann::json LessonJson(const AppState& state);

// The lesson bar as plain text, its live values filled in, for the page's text view (screen
// readers): "Lesson "…", step 2 of 5: Scores. … Question: … Task: … (done)." "" with no lesson.
std::string LessonPlainText(const AppState& state);

// [SECTION] Kept with the session (kept_state.hpp)

// {"id", "step", "answered": [per step], "task_done": [per step], "focus"} of an open built-in
// lesson; null when none is open (a lesson of a teacher's own reopens from its file or address).
nlohmann::json KeptLessonJson(const AppState& state);
// Reopen a kept lesson at its step with the learner's scenario (`scenario_json`) and answers;
// false, leaving it closed, when it cannot be (no such lesson, a step it no longer has).
bool RestoreKeptLesson(AppState& state, const nlohmann::json& kept, const std::string& scenario_json);

}  // namespace ui
