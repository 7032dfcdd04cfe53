// main_web.cpp — the browser explorer: Emscripten's GLFW on a WebGL2 canvas, and the C functions
// behind the page's `window.attention` API (web/attention.js).
//
// Reads top to bottom: 1 canvas size, 2 window and WebGL2 context, 3 ImGui and backends, 4 state,
// 5 loop (the browser calls Frame once per animation frame; Frame returns at once when idle).
// Emscripten's GLFW has no hi-DPI support, so the window is created at the canvas's CSS size
// times devicePixelRatio, and ImGui's sizes and font are scaled by that ratio (ui/style.cpp).
#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "frame.hpp"
#include "core/option_names.hpp"
#include "scenario/presets.hpp"
#include "scenario/json_text.hpp"
#include "scenario/trace_json.hpp"
#include "ui/app.hpp"

namespace {

platform::Explorer g_explorer;  // one per page; the JS API below reaches it
bool g_paused = false;          // the main loop sleeps: no animation-frame calls at all while idle
bool g_paused_once = false;     // it has slept once: the first frames are on screen and settled
bool g_text_input = false;      // ImGui wants text: the page focuses its hidden input (touch keyboards)
int g_backspace_frames = 0;     // a Backspace from a touch keyboard: key down for one frame, then up
std::string g_reply;            // the last string returned to JS (valid until the next call)

// The canvas's size in device pixels: its CSS size (pinned by web/style.css) × devicePixelRatio.
void CanvasPixels(int& width, int& height) {
    double css_w = 0.0, css_h = 0.0;
    emscripten_get_element_css_size("#canvas", &css_w, &css_h);
    const double ratio = emscripten_get_device_pixel_ratio();
    width = static_cast<int>(css_w * ratio + 0.5);
    height = static_cast<int>(css_h * ratio + 0.5);
}

// Emscripten 3.1.6's GLFW hands the scroll callback the browser's raw wheel delta, in the
// browser's units (pixels, lines or pages) and with its sign (positive = down), where GLFW
// promises steps with positive = up. web/attention.js records the unit of the last wheel event.
void ScrollCallback(GLFWwindow*, double dx, double dy) {
    const double units_per_step = EM_ASM_DOUBLE({ return Module.wheelUnitsPerStep || 100; });
    ImGuiIO& io = ImGui::GetIO();
    io.MouseWheelH -= static_cast<float>(dx / units_per_step);
    io.MouseWheel -= static_cast<float>(dy / units_per_step);
    platform::RequestFrames(g_explorer);
}

// The browser's clipboard. Emscripten 3.1.6's glfwGetClipboardString and glfwSetClipboardString
// do nothing, so ImGui's copy and paste are wired to the page instead: web/attention.js keeps the
// text of the last paste event in Module.clipboardText (Ctrl+V fires it before ImGui's next
// frame asks), and a copy goes to navigator.clipboard.
const char* GetClipboard(void*) {
    static std::string text;
    char* pasted = reinterpret_cast<char*>(EM_ASM_INT({
        const text = Module.clipboardText || "";
        const size = lengthBytesUTF8(text) + 1;
        const pointer = _malloc(size);
        stringToUTF8(text, pointer, size);
        return pointer;
    }));
    text = pasted;
    std::free(pasted);
    return text.c_str();
}

void SetClipboard(void*, const char* text) {
    EM_ASM({
        Module.clipboardText = UTF8ToString($0);
        if (navigator.clipboard) navigator.clipboard.writeText(Module.clipboardText).catch(() => {});
    }, text);
}

// The time of the left press GLFW is handling, in seconds: web/attention.js records each
// pointerdown's own timeStamp before Emscripten's GLFW sees the mousedown it causes
// (platform/click_timer.hpp says why the frame clock will not do).
double PressSeconds() {
    // Read once: a press with no pointerdown of its own (a synthetic one) falls back to now.
    return EM_ASM_DOUBLE({
        const stamp = Module.pressTimeStamp;
        Module.pressTimeStamp = -1;
        return stamp >= 0 ? stamp / 1000 : performance.now() / 1000;
    });
}

// Resume the paused main loop (Explorer::wake). Only when paused: resuming a running loop would
// start a second chain of animation-frame calls.
void Wake() {
    if (!g_paused) return;
    g_paused = false;
    emscripten_resume_main_loop();
}

void Frame(void*) {
    // Follow the page's size; a resize is an event, so it asks for frames.
    int width = 0, height = 0, current_w = 0, current_h = 0;
    CanvasPixels(width, height);
    glfwGetWindowSize(g_explorer.window, &current_w, &current_h);
    if (width > 0 && height > 0 && (width != current_w || height != current_h)) {
        // Not glfwSetWindowSize: Emscripten's version goes fullscreen (and asks for pointer lock)
        // when the size equals the screen's, as it does for a maximised headless or kiosk page.
        EM_ASM({ Browser.setCanvasSize($0, $1); }, width, height);
        platform::RequestFrames(g_explorer);
    }
    if (g_backspace_frames > 0) {  // 2: press, 1: release (ImGui 1.86 reads key states once per frame)
        ImGui::GetIO().KeysDown[GLFW_KEY_BACKSPACE] = g_backspace_frames-- == 2;
        platform::RequestFrames(g_explorer);
    }
    const bool drew = platform::DrawFrame(g_explorer, static_cast<float>(emscripten_get_device_pixel_ratio()));
    if (g_explorer.state.open_file_requested) {  // the Options panel's button: the page's file picker
        g_explorer.state.open_file_requested = false;
        EM_ASM({ if (Module.openScenarioFile) Module.openScenarioFile(); });
    }
    if (ImGui::GetIO().WantTextInput != g_text_input) {  // a text field opened or closed
        g_text_input = ImGui::GetIO().WantTextInput;
        EM_ASM({ if (Module.onTextInput) Module.onTextInput($0); }, g_text_input);
    }
    if (g_explorer.frames_wanted <= 0) {  // nothing more to draw: sleep until an event (Wake)
        // The first time, the layout has settled (ImGui sizes new windows over their first frames
        // before it places their items): the page is ready.
        if (!g_paused_once) EM_ASM({ if (Module.onFirstFrame) Module.onFirstFrame(); });
        g_paused_once = true;
        g_paused = true;
        emscripten_pause_main_loop();
    }
    if (!drew) return;
    EM_ASM({ if (Module.onFrameDrawn) Module.onFrameDrawn(); });  // the page's text view follows
}

}  // namespace

// The page's API (web/attention.js wraps these). Strings returned stay valid until the next call.
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

// A scenario the learner opened (file picker, drop or paste), named by `source` ("week3.json",
// "pasted text"): like attention_load, and the message bar says why when it is refused.
EMSCRIPTEN_KEEPALIVE const char* attention_open(const char* json, const char* source) {
    g_reply = ui::LoadScenario(g_explorer.state, json ? json : "");
    ui::ShowMessage(g_explorer.state, g_reply.empty() ? "" : std::string(source ? source : "") + ": " + g_reply);
    platform::RequestFrames(g_explorer);
    return g_reply.c_str();
}

// Show a message to the learner in the explorer's message bar (a file refused before it was read).
EMSCRIPTEN_KEEPALIVE void attention_show_message(const char* text) {
    ui::ShowMessage(g_explorer.state, text ? text : "");
    platform::RequestFrames(g_explorer);
}

// The largest scenario text the page accepts, in bytes (scenario::kPageLimits).
EMSCRIPTEN_KEEPALIVE double attention_text_limit() { return static_cast<double>(g_explorer.state.limits->text_bytes); }

// The explorer's message to the learner (a refused edit or file, how a typed number was read), or "".
EMSCRIPTEN_KEEPALIVE const char* attention_message() { return g_explorer.state.edit_message.c_str(); }

// A named item's rectangle from the last frame in CSS pixels relative to the canvas, or "null".
EMSCRIPTEN_KEEPALIVE const char* attention_rect_json(const char* name) {
    const auto& rects = g_explorer.state.item_rects;
    const auto it = rects.find(name ? name : "");
    if (it == rects.end()) return "null";
    const float ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
    const auto& r = it->second;
    g_reply = scenario::dump_json({{"x", r[0] / ratio}, {"y", r[1] / ratio}, {"w", r[2] / ratio}, {"h", r[3] / ratio}});
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
// {"variant", "queries", "keys", "query_labels", "key_labels", "weights", "readings"}. A screen
// reader cannot read a million cells; the page never asks C for more than it shows.
EMSCRIPTEN_KEEPALIVE const char* attention_text_view_json(int n) {
    const ui::AppState& s = g_explorer.state;
    const attn::Step* step = s.trace.find("weights");
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
                                   {"weights", rows}, {"readings", first(s.readings)}});
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
        if (const attn::Step* w = c.b.find("weights")) reply["weights"] = scenario::step_to_json(*w)["data"];
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

// Counts successful recomputes: the trace changed when it moves.
EMSCRIPTEN_KEEPALIVE double attention_trace_version() { return static_cast<double>(g_explorer.state.trace_version); }

// The Cost panel's measurements: {"running", "points": [{"algorithm", "n", "ms", "bytes"}]}.
EMSCRIPTEN_KEEPALIVE const char* attention_cost_json() {
    const attn::CostSweep& sweep = g_explorer.state.cost;
    nlohmann::json points = nlohmann::json::array();
    for (const auto& p : sweep.points)
        points.push_back({{"algorithm", attn::name_of(attn::kAlgorithmNames, p.algorithm)}, {"n", p.n}, {"ms", p.ms},
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
EMSCRIPTEN_KEEPALIVE void attention_backspace() {
    g_backspace_frames = 2;
    platform::RequestFrames(g_explorer);
}

// The named item with keyboard focus (e.g. "Options/Mask"), or "".
EMSCRIPTEN_KEEPALIVE const char* attention_focused() { return g_explorer.state.focused_item.c_str(); }

// {"ui_scale", "light_theme", "selected_query", "typing_cell"}: the view settings, and the input
// cell open for typing ("Q/0/1") or null.
EMSCRIPTEN_KEEPALIVE const char* attention_view_json() {
    const ui::AppState& s = g_explorer.state;
    const ui::AppState::CellEdit& e = s.cell_edit;
    const nlohmann::json typing =
        e.matrix.empty() ? nlohmann::json() : nlohmann::json(e.matrix + "/" + std::to_string(e.row) + "/" + std::to_string(e.col));
    g_reply = scenario::dump_json({{"ui_scale", s.ui_scale}, {"light_theme", s.light_theme},
                                   {"selected_query", s.selected_query}, {"typing_cell", typing}});
    return g_reply.c_str();
}

// Free the last reply: a whole trace's text can be a hundred megabytes.
EMSCRIPTEN_KEEPALIVE void attention_release_reply() { std::string().swap(g_reply); }

EMSCRIPTEN_KEEPALIVE void attention_request_frame() { platform::RequestFrames(g_explorer); }

// Frames drawn since start: stays put while the explorer idles (rendering is event-driven).
EMSCRIPTEN_KEEPALIVE double attention_frames_drawn() { return static_cast<double>(g_explorer.frames_drawn); }

}  // extern "C"

int main() {
    // 1. Canvas size in device pixels.
    int width = 0, height = 0;
    CanvasPixels(width, height);

    // 2. Window and WebGL2 (OpenGL ES 3.0) context.
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    g_explorer.window = glfwCreateWindow(width > 0 ? width : 1280, height > 0 ? height : 800, "Attention Explorer",
                                         nullptr, nullptr);
    if (!g_explorer.window) return 1;
    glfwMakeContextCurrent(g_explorer.window);

    // 3. ImGui and its backends. Emscripten's GLFW cannot change the cursor's shape: skip the
    //    backend's per-frame cursor calls.
    if (!platform::InitImGui(g_explorer)) return 1;
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    glfwSetScrollCallback(g_explorer.window, ScrollCallback);  // replaces the backend's, see above
    ImGui::GetIO().GetClipboardTextFn = GetClipboard;
    ImGui::GetIO().SetClipboardTextFn = SetClipboard;

    // 4. State; events wake the main loop when it sleeps.
    g_explorer.wake = Wake;
    g_explorer.press_seconds = PressSeconds;
    g_explorer.state.limits = &scenario::kPageLimits;
    g_explorer.state.can_open_files = true;
    g_explorer.state.scenario = scenario::default_scenario();

    // 5. Loop: one call per animation frame; Frame draws only when something changed.
    emscripten_set_main_loop_arg(Frame, nullptr, 0, false);
    return 0;
}
