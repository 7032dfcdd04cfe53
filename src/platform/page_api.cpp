// page_api.cpp — the C functions behind the page's `window.attention` API (web/attention.js wraps
// them; README.md lists the members). Every function marked EMSCRIPTEN_KEEPALIVE here is exported:
// CMakeLists.txt reads their names from this file, so the list is written once. Strings come in
// through the heap (attention.js copies them there; the stack is only 5 MiB) and go out as a
// pointer into one reply buffer, valid until the next call.
#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>

#include "page_api.hpp"
#include "core/choices.hpp"
#include "scenario/json_text.hpp"
#include "scenario/lessons.hpp"
#include "scenario/presets.hpp"
#include "scenario/trace_json.hpp"
#include "scenario/version.hpp"
#include "scenario/view_names.hpp"
#include "ui/app.hpp"
#include "ui/item_rects.hpp"
#include "ui/kept_state.hpp"
#include "ui/lesson_view.hpp"
#include "ui/view.hpp"
#include "core/step_ids.hpp"

namespace {

std::string g_reply;  // the last string returned to JS
platform::Explorer& g_explorer = platform::PageExplorer();

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* attention_state_json() {
    g_reply = scenario::dump_json(scenario::to_json(g_explorer.state.scenario));
    return g_reply.c_str();
}

// The trace, or only the steps whose ids are listed (comma-separated; "" = every step).
EMSCRIPTEN_KEEPALIVE const char* attention_trace_json(const char* ids) {
    std::vector<std::string> only;
    for (std::string_view rest = ids ? ids : ""; !rest.empty();) {
        const std::size_t comma = std::min(rest.find(','), rest.size());
        only.emplace_back(rest.substr(0, comma));
        rest.remove_prefix(std::min(comma + 1, rest.size()));
    }
    g_reply = scenario::trace_json_text(g_explorer.state.trace, only.empty() ? nullptr : &only);
    return g_reply.c_str();
}

// Returns "" on success, else the error; on error nothing changes. The text comes through the
// heap (web/attention.js copies it there), never the stack: scenarios run to tens of megabytes.
EMSCRIPTEN_KEEPALIVE const char* attention_load(const char* json) {
    g_reply = ui::LoadScenario(g_explorer.state, json ? json : "");
    platform::RequestFrames(g_explorer);
    return g_reply.c_str();
}

// Undo or redo one edit, as Ctrl+Z and Ctrl+Shift+Z do; the trace follows at once. 1 when there
// was an edit to walk to, else 0.
EMSCRIPTEN_KEEPALIVE int attention_undo() {
    const bool walked = ui::Undo(g_explorer.state);
    ui::Recompute(g_explorer.state);
    platform::RequestFrames(g_explorer);
    return walked;
}
EMSCRIPTEN_KEEPALIVE int attention_redo() {
    const bool walked = ui::Redo(g_explorer.state);
    ui::Recompute(g_explorer.state);
    platform::RequestFrames(g_explorer);
    return walked;
}

// A scenario the learner opened (file picker, drop or paste), named by `source` ("week3.json",
// "pasted text"): like attention_load, and the message bar says why when it is refused.
EMSCRIPTEN_KEEPALIVE const char* attention_open(const char* json, const char* source) {
    g_reply = ui::LoadScenario(g_explorer.state, json ? json : "");
    ui::ShowMessage(g_explorer.state, g_reply.empty() ? "" : std::string(source ? source : "") + ": " + g_reply);
    platform::RequestFrames(g_explorer);
    return g_reply.c_str();
}

// [SECTION] Lessons (ui/lesson_view.hpp)

// The built-in lessons: [{"id", "title", "summary", "steps"}].
EMSCRIPTEN_KEEPALIVE const char* attention_lessons_json() {
    nlohmann::json list = nlohmann::json::array();
    for (const scenario::Lesson& lesson : scenario::builtin_lessons())
        list.push_back({{"id", lesson.id}, {"title", lesson.title}, {"summary", lesson.summary}, {"steps", lesson.steps.size()}});
    g_reply = scenario::dump_json(list);
    return g_reply.c_str();
}

// Open a lesson at step `step_text` (a whole number from 0, as text: every argument comes through
// the heap): a built-in one by its id, or a lesson file's text (an object when it starts with
// '{'); "" or why not. An empty id closes the open lesson.
EMSCRIPTEN_KEEPALIVE const char* attention_open_lesson(const char* id_or_json, const char* step_text) {
    const std::string text = id_or_json ? id_or_json : "";
    const long step = step_text ? std::strtol(step_text, nullptr, 10) : 0;
    g_reply.clear();
    if (text.empty()) {
        ui::CloseLesson(g_explorer.state);
    } else if (text.front() == '{') {
        const scenario::LessonParse parsed = scenario::parse_lesson(text, scenario::kPageLimits);
        g_reply = !parsed.lesson ? parsed.error
                  : step < 0     ? "the steps count from 0"
                                 : ui::OpenLesson(g_explorer.state, *parsed.lesson, static_cast<std::size_t>(step));
    } else if (const scenario::Lesson* lesson = scenario::find_lesson(text)) {
        g_reply = step < 0 ? "the steps count from 0" : ui::OpenLesson(g_explorer.state, *lesson, static_cast<std::size_t>(step));
    } else {
        g_reply = "no lesson has the id \"" + text + "\" (attention.lessons() lists them)";
    }
    platform::RequestFrames(g_explorer);
    return g_reply.c_str();
}

// The open lesson, {"id", "title", "step", "steps", "answered", "task_done", "focus"}, or null.
EMSCRIPTEN_KEEPALIVE const char* attention_lesson_json() {
    g_reply = scenario::dump_json(ui::LessonJson(g_explorer.state));
    return g_reply.c_str();
}

// Show a message to the learner in the explorer's message bar (a file refused before it was read).
EMSCRIPTEN_KEEPALIVE void attention_show_message(const char* text) {
    ui::ShowMessage(g_explorer.state, text ? text : "");
    platform::RequestFrames(g_explorer);
}

// The largest scenario text the page accepts, in bytes (scenario::kPageLimits).
// (Asked before main() runs, so it is read off the page's limits, not the explorer's state.)
EMSCRIPTEN_KEEPALIVE double attention_text_limit() { return static_cast<double>(scenario::kPageLimits.text_bytes); }

// The explorer's message to the learner (a refused edit or file, how a typed number was read), or "".
EMSCRIPTEN_KEEPALIVE const char* attention_message() { return g_explorer.state.edit_message.c_str(); }

// A named item's rectangle from the last frame in CSS pixels relative to the canvas, or "null".
EMSCRIPTEN_KEEPALIVE const char* attention_rect_json(const char* name) {
    const auto& rects = g_explorer.state.item_rects;
    const auto it = rects.find(name ? name : "");
    if (it == rects.end()) return "null";
    g_reply = scenario::dump_json(ui::ItemBoxJson(it->second, static_cast<float>(emscripten_get_device_pixel_ratio())));
    return g_reply.c_str();
}

// Every named item of the last frame (ui/item_rects.hpp), for the layout checks.
EMSCRIPTEN_KEEPALIVE const char* attention_rects_json() {
    g_reply = scenario::dump_json(ui::ItemRectsJson(g_explorer.state, static_cast<float>(emscripten_get_device_pixel_ratio())));
    return g_reply.c_str();
}

// The number under the mouse and how it was computed (core/explain.hpp), or "null".
EMSCRIPTEN_KEEPALIVE const char* attention_hover_json() {
    const ui::AppState::Hover& h = g_explorer.state.hover;
    if (h.step.empty()) return "null";
    nlohmann::json sources = nlohmann::json::array();
    for (const attn::CellRange& r : h.why.sources)
        sources.push_back({{"step", r.step}, {"rows", {r.row0, r.row1}}, {"cols", {r.col0, r.col1}}});
    g_reply = scenario::dump_json({{"step", h.step}, {"row", h.row}, {"col", h.col}, {"text", h.why.text},
                                   {"sources", sources}});
    return g_reply.c_str();
}

// Why the current scenario cannot be computed (the last good trace stays on screen), or "".
EMSCRIPTEN_KEEPALIVE const char* attention_error() { return g_explorer.state.error.c_str(); }

// The diagnostics in words, one sentence per query (scenario/readings.hpp), as a JSON array.
EMSCRIPTEN_KEEPALIVE const char* attention_readings_json() {
    g_reply = scenario::dump_json(g_explorer.state.readings);
    return g_reply.c_str();
}

// What the page's text view reads out (web/attention.js), at most `n` queries and keys of it:
// {"variant", "queries", "keys", "query_labels", "key_labels", "weights", "readings", "lesson"}
// (the open lesson's step as text, ui/lesson_view.hpp, or ""). A screen
// reader cannot read a million cells; the page never asks C for more than it shows.
EMSCRIPTEN_KEEPALIVE const char* attention_text_view_json(int n) {
    const ui::AppState& s = g_explorer.state;
    const attn::Step* step = s.trace.find(attn::step_id::weights);
    const attn::Matrix weights = step ? step->value : attn::Matrix{};
    const std::size_t T = weights.shape(0), S = weights.shape(1), shown = static_cast<std::size_t>(std::max(n, 0));
    auto first = [shown](const std::vector<std::string>& all) {
        return std::vector<std::string>(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(std::min(shown, all.size())));
    };
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t t = 0; t < std::min(T, shown); ++t) {
        nlohmann::json row = nlohmann::json::array();
        for (std::size_t j = 0; j < std::min(S, shown); ++j) row.push_back(weights(t, j));
        rows.push_back(std::move(row));
    }
    g_reply = scenario::dump_json({{"variant", s.trace.variant}, {"queries", T}, {"keys", S},
                                   {"query_labels", first(s.scenario.query_tokens)}, {"key_labels", first(s.scenario.key_tokens)},
                                   {"weights", rows}, {"readings", first(s.readings)}, {"lesson", ui::LessonPlainText(s)}});
    return g_reply.c_str();
}

// The Compare panel's counterpart, or "null" while not comparing.
EMSCRIPTEN_KEEPALIVE const char* attention_compare_json() {
    const ui::AppState& state = g_explorer.state;
    if (!state.comparing) return "null";
    const scenario::Comparison& c = state.comparison;
    nlohmann::json reply = {{"error", c.error.empty() ? nlohmann::json() : nlohmann::json(c.error)}};
    if (c.error.empty()) {
        reply["variant"] = c.b.variant;
        if (const attn::Step* w = c.b.find(attn::step_id::weights)) reply["weights"] = scenario::step_to_json(*w)["data"];
        reply["largest"] = c.largest;
        reply["at"] = {c.row, c.col};
    }
    g_reply = scenario::dump_json(reply);
    return g_reply.c_str();
}

// {"frame_ms", "recompute_ms"}: the CPU time of the last drawn frame and of the last recompute.
EMSCRIPTEN_KEEPALIVE const char* attention_timings_json() {
    g_reply = scenario::dump_json({{"frame_ms", g_explorer.last_frame_ms}, {"recompute_ms", g_explorer.state.recompute_ms}});
    return g_reply.c_str();
}

// What the page is: {"version", "panels", "locks"}: the release (CMake's project version), the
// panels [{"id", "title"}] in layout order and the option kinds a page can lock
// (scenario/view_names.hpp).
EMSCRIPTEN_KEEPALIVE const char* attention_about_json() {
    nlohmann::json panels = nlohmann::json::array();
    for (const scenario::PanelInfo& p : scenario::kPanels) panels.push_back({{"id", p.id}, {"title", p.title}});
    nlohmann::json presets = nlohmann::json::array();
    for (const scenario::Preset& p : scenario::presets()) {
        nlohmann::json preset = {{"name", p.name}, {"description", p.description}};
        if (p.application) preset["application"] = std::string(scenario::info(scenario::parse_scenario(p.json).scenario->application->view).id);
        presets.push_back(std::move(preset));
    }
    g_reply = scenario::dump_json({{"version", scenario::explorer_version()}, {"panels", panels}, {"locks", scenario::lock_names()},
                                   {"presets", presets}});
    return g_reply.c_str();
}

// Counts successful recomputes: the trace changed when it moves.
EMSCRIPTEN_KEEPALIVE double attention_trace_version() { return static_cast<double>(g_explorer.state.trace_version); }

// The Cost panel's measurements: {"running", "points": [{"algorithm", "n", "ms", "bytes"}]}.
EMSCRIPTEN_KEEPALIVE const char* attention_cost_json() {
    const attn::CostSweep& sweep = g_explorer.state.cost;
    nlohmann::json points = nlohmann::json::array();
    for (const auto& p : sweep.points)
        points.push_back({{"algorithm", attn::name_of(attn::kAlgorithmKind, p.algorithm)}, {"n", p.n}, {"ms", p.ms},
                          {"bytes", p.bytes}});
    g_reply = scenario::dump_json({{"running", sweep.running}, {"points", points}});
    return g_reply.c_str();
}

// Text from a touch keyboard (web/attention.js forwards what desktop keyboards' keypresses do not).
EMSCRIPTEN_KEEPALIVE void attention_type_text(const char* utf8) {
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
    platform::RequestFrames(g_explorer);
}

// A Backspace from a touch keyboard.
EMSCRIPTEN_KEEPALIVE void attention_backspace() { platform::PressBackspace(); }

// The page's ± key (web/attention.js shows it beside a cell opened by touch).
EMSCRIPTEN_KEEPALIVE void attention_toggle_sign() { platform::ToggleSign(); }

// The named item with keyboard focus (e.g. "Options/Mask"), or "".
EMSCRIPTEN_KEEPALIVE const char* attention_focused() { return g_explorer.state.focused_item.c_str(); }

// The view (ui/view.hpp) and "typing_cell": the input cell whose field takes typed text ("Q/0/1"),
// or null.
EMSCRIPTEN_KEEPALIVE const char* attention_view_json() {
    const ui::AppState& s = g_explorer.state;
    const ui::AppState::CellEdit& e = s.cell_edit;
    nlohmann::json view = ui::ViewJson(s);
    view["typing_cell"] = e.matrix.empty() || !e.active
                              ? nlohmann::json()
                              : nlohmann::json(e.matrix + "/" + std::to_string(e.row) + "/" + std::to_string(e.col));
    g_reply = scenario::dump_json(view);
    return g_reply.c_str();
}

// Apply some fields of a view (JSON text, ui/view.hpp): "" when done, else the wrong field, and
// nothing changed.
EMSCRIPTEN_KEEPALIVE const char* attention_set_view(const char* json) {
    const nlohmann::json view = nlohmann::json::parse(json ? json : "", nullptr, false);
    g_reply = view.is_discarded() ? "view: not JSON" : ui::ApplyView(g_explorer.state, view);
    platform::RequestFrames(g_explorer);
    return g_reply.c_str();
}

// The state as a link carries it (ui/kept_state.hpp): the scenario and the view.
EMSCRIPTEN_KEEPALIVE const char* attention_state_text() {
    g_reply = ui::KeptStateText(g_explorer.state);
    return g_reply.c_str();
}

// Open a link's state (a link pasted into the address bar of an open page): its text as
// attention.js decoded it, or why it could not (`error`). "" when it opened, else the message
// shown, and nothing changed.
EMSCRIPTEN_KEEPALIVE const char* attention_open_link(const char* text, const char* error) {
    const std::string why = error && *error ? std::string(error) : ui::RestoreKeptState(g_explorer.state, text ? text : "", ui::ViewPart::whole);
    g_reply = why.empty() ? "" : "This link cannot be opened (" + why + "); the explorer is as it was.";
    ui::ShowMessage(g_explorer.state, g_reply);
    platform::RequestFrames(g_explorer);
    return g_reply.c_str();
}

// Free the last reply: a whole trace's text can be a hundred megabytes.
EMSCRIPTEN_KEEPALIVE void attention_release_reply() { std::string().swap(g_reply); }

EMSCRIPTEN_KEEPALIVE void attention_request_frame() { platform::RequestFrames(g_explorer); }

// Frames drawn since start: stays put while the explorer idles (rendering is event-driven).
EMSCRIPTEN_KEEPALIVE double attention_frames_drawn() { return static_cast<double>(g_explorer.frames_drawn); }

}  // extern "C"
