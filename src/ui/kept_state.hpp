// kept_state.hpp — the explorer's state as one text: the scenario and the view. It is what a
// session keeps between runs and what a link carries (web/attention.js compresses it into the
// URL's fragment; scenario/link.hpp reads such links on the desktop).
//
// The platform stores the text (browser: localStorage; desktop: a file in the user's config
// folder, platform/kept_state_*.cpp) and hands it back at the next start:
//   {"explorer_version": "1.0.0", "scenario": {… the scenario file's schema …},
//    "view": {… view.hpp …}, "lesson": {"id", "step", "answered", "task_done", "focus"}}
// "lesson" is there while a built-in lesson is open: it reopens at its step with the learner's
// scenario and answers. Every field of the view is optional, so a text from an earlier release
// still reads. Reading
// validates it all before it changes anything, so a damaged text leaves the explorer as it was
// and names what is wrong.
#pragma once

#include <optional>
#include <string>

#include "app_state.hpp"

namespace ui {

// The state as text, now.
std::string KeptStateText(const AppState& state);

// The text to keep, when the scenario (an edit that settled, an undo, a load) or the view changed
// since the last call; nullopt otherwise, so a platform writes only after a change.
std::optional<std::string> TakeKeptState(AppState& state);

// Count the current state as kept, so that only a later change is written (after a link that
// could not be opened, the stored session must stay as it was).
void MarkKept(AppState& state);

// Restore a kept text: "" when done, else why it cannot be read (and nothing changed). A link
// brings back its whole view; a kept session the learner's part of it (view.hpp: kPageViewFields).
enum class ViewPart { whole, learners };
std::string RestoreKeptState(AppState& state, const std::string& text, ViewPart part);

}  // namespace ui
