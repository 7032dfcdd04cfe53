// main_web.cpp — the browser explorer: Emscripten's GLFW on a WebGL2 canvas and the workarounds it
// needs. The C functions behind the page's `window.attention` API are in page_api.cpp.
//
// Reads top to bottom: 1 canvas size, 2 window and WebGL2 context, 3 ImGui and backends, 4 state,
// 5 loop (the browser calls Frame once per animation frame; Frame returns at once when idle).
// Emscripten's GLFW has no hi-DPI support, so the window is created at the canvas's CSS size
// times devicePixelRatio, and ImGui's sizes and font are scaled by that ratio (ui/style.cpp).
#include <cstdlib>
#include <deque>
#include <string>

#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "frame.hpp"
#include "kept_state.hpp"
#include "page_api.hpp"
#include "scenario/presets.hpp"
#include "ui/app.hpp"

namespace {

platform::Explorer g_explorer;  // one per page; the page's API (page_api.cpp) reaches it
bool g_paused = false;          // the main loop sleeps: no animation-frame calls at all while idle
bool g_paused_once = false;     // it has slept once: the first frames are on screen and settled
bool g_text_input = false;      // ImGui wants text: the page focuses its hidden input (touch keyboards)
// Keys pressed for the page (a touch keyboard's Backspace, the ± key): each held down for one
// frame and released the next (ImGui 1.86 reads key states once per frame); a character is typed.
struct PageKey {
    int key;       // a GLFW key, or 0 for `character`, or kToggleSign
    char character;
};
constexpr int kToggleSign = -1;  // the ± key: its keys are chosen when it comes up, from the text then
std::deque<PageKey> g_page_keys;
bool g_page_key_down = false;
long g_announced_version = -1;  // the trace version the page last heard of

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
    if (!g_page_keys.empty()) {  // one step per frame: press, release (or type), next
        const PageKey next = g_page_keys.front();
        if (next.key == kToggleSign) {  // Home, then '-' or Delete, then End; only in a cell being typed
            g_page_keys.pop_front();
            const ui::AppState::CellEdit& cell = g_explorer.state.cell_edit;
            if (cell.active) {
                const PageKey sign = cell.text[0] == '-' ? PageKey{GLFW_KEY_DELETE, 0} : PageKey{0, '-'};
                g_page_keys.insert(g_page_keys.begin(), {PageKey{GLFW_KEY_HOME, 0}, sign, PageKey{GLFW_KEY_END, 0}});
            }
        } else if (next.key == 0) {
            ImGui::GetIO().AddInputCharacter(static_cast<unsigned int>(next.character));
            g_page_keys.pop_front();
        } else {
            g_page_key_down = !g_page_key_down;
            ImGui::GetIO().KeysDown[next.key] = g_page_key_down;
            if (!g_page_key_down) g_page_keys.pop_front();
        }
        platform::RequestFrames(g_explorer);
    }
    g_explorer.state.touch_input = EM_ASM_INT({ return Module.touchInput ? 1 : 0; });  // web/attention.js
    g_explorer.state.coarse_pointer = EM_ASM_INT({ return Module.coarsePointer ? 1 : 0; });
    const bool drew = platform::DrawFrame(g_explorer, static_cast<float>(emscripten_get_device_pixel_ratio()));
    if (g_explorer.state.open_file_requested) {  // the Options panel's button: the page's file picker
        g_explorer.state.open_file_requested = false;
        EM_ASM({ if (Module.openScenarioFile) Module.openScenarioFile(); });
    }
    if (g_explorer.state.copy_link_requested) {  // the Options panel's button: attention.js makes the link
        g_explorer.state.copy_link_requested = false;
        EM_ASM({ if (Module.copyLink) Module.copyLink(); });
    }
    if (g_explorer.state.trace_version != g_announced_version) {  // attention.on('change'), once per recompute
        g_announced_version = g_explorer.state.trace_version;
        EM_ASM({ if (Module.onTraceChanged) Module.onTraceChanged($0); }, static_cast<double>(g_announced_version));
    }
    EM_ASM({ Module.wheelScrolls = Array.of($0, $1); }, g_explorer.state.wheel_scrolls_up, g_explorer.state.wheel_scrolls_down);
    if (g_explorer.state.save_file_requested) {  // the Options panel's button: a download
        g_explorer.state.save_file_requested = false;
        const std::string text = scenario::to_json(g_explorer.state.scenario).dump(1) + "\n";
        EM_ASM({ if (Module.saveScenarioFile) Module.saveScenarioFile(UTF8ToString($0)); }, text.c_str());
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

platform::Explorer& platform::PageExplorer() { return g_explorer; }

void platform::PressBackspace() {
    g_page_keys.push_back({GLFW_KEY_BACKSPACE, 0});
    RequestFrames(g_explorer);
}

void platform::ToggleSign() {
    g_page_keys.push_back({kToggleSign, 0});
    RequestFrames(g_explorer);
}


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
    g_explorer.state.can_copy_link = true;
    // A link's state, or the last session; then the URL's options (web/attention.js).
    platform::RestoreKept(g_explorer, platform::ReadOpenedLink(), [] { EM_ASM({ Module.applyUrlOptions(); }); });

    // 5. Loop: one call per animation frame; Frame draws only when something changed.
    emscripten_set_main_loop_arg(Frame, nullptr, 0, false);
    return 0;
}
