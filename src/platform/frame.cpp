// frame.cpp — see frame.hpp.
#include "frame.hpp"

#include <chrono>

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "kept_state.hpp"
#include "shader_source.hpp"
#include "ui/app.hpp"
#include "ui/lesson_view.hpp"
#include "ui/style.hpp"

namespace platform {

namespace {

Explorer& From(GLFWwindow* window) { return *static_cast<Explorer*>(glfwGetWindowUserPointer(window)); }

}  // namespace

void RequestFrames(Explorer& explorer) {
    explorer.frames_wanted = kFramesPerEvent;
    if (explorer.wake) explorer.wake();
}

void InstallEventCallbacks(Explorer& explorer) {
    GLFWwindow* w = explorer.window;
    glfwSetWindowUserPointer(w, &explorer);
    glfwSetCursorPosCallback(w, [](GLFWwindow* w, double, double) { RequestFrames(From(w)); });
    glfwSetMouseButtonCallback(w, [](GLFWwindow* w, int button, int action, int) {
        Explorer& explorer = From(w);
        if (button == GLFW_MOUSE_BUTTON_LEFT && action == GLFW_PRESS) {
            double x = 0.0, y = 0.0;
            glfwGetCursorPos(w, &x, &y);
            explorer.clicks.press(explorer.press_seconds ? explorer.press_seconds() : glfwGetTime(), x, y);
        }
        RequestFrames(explorer);
    });
    glfwSetScrollCallback(w, [](GLFWwindow* w, double, double) { RequestFrames(From(w)); });
    glfwSetKeyCallback(w, [](GLFWwindow* w, int, int, int, int) { RequestFrames(From(w)); });
    glfwSetCharCallback(w, [](GLFWwindow* w, unsigned int) { RequestFrames(From(w)); });
    glfwSetWindowSizeCallback(w, [](GLFWwindow* w, int, int) { RequestFrames(From(w)); });
    glfwSetWindowFocusCallback(w, [](GLFWwindow* w, int) { RequestFrames(From(w)); });
    glfwSetCursorEnterCallback(w, [](GLFWwindow* w, int) { RequestFrames(From(w)); });
}

bool InitImGui(Explorer& explorer) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;                             // no imgui.ini: layout is code
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // Tab, arrows, Enter, Space: every control by keyboard
    InstallEventCallbacks(explorer);                       // first, so ImGui's callbacks chain to ours
    ImGui_ImplGlfw_InitForOpenGL(explorer.window, true);
    ImGui_ImplOpenGL3_Init(kGlslVersion);
    return explorer.painter.Init();
}

bool DrawFrame(Explorer& explorer, float device_pixel_ratio) {
    if (explorer.frames_wanted <= 0) return false;
    --explorer.frames_wanted;
    const auto start = std::chrono::steady_clock::now();
    ui::AppState& state = explorer.state;

    // 1. Fonts and sizes follow the UI scale and the screen's pixel ratio.
    state.device_pixel_ratio = device_pixel_ratio;
    if (ui::StyleNeedsRebuild(state)) {
        ui::ApplyStyle(state);
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
        RequestFrames(explorer);  // the new layout settles over the next frames
    }

    // 2. Build the UI: panels read the state, edits recompute the trace within this frame.
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    explorer.clicks.take(ImGui::GetIO().MouseDoubleClickTime);  // click_timer.hpp
    ui::TakeLessonKeys(state);  // before ImGui sees the keys: an open lesson's PageUp / PageDown are its own
    ImGui::NewFrame();
    explorer.painter.BeginFrame();
    ui::DrawApp(state, explorer.painter);
    ImGui::Render();
    KeepIfChanged(explorer);  // an edit that settled, or a new view, is kept for next time

    // 3. Draw.
    int width = 0, height = 0;
    glfwGetFramebufferSize(explorer.window, &width, &height);
    glViewport(0, 0, width, height);
    const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ++explorer.frames_drawn;
    if (state.animating) RequestFrames(explorer);  // e.g. the Cost panel's measurement, a slice per frame
    explorer.last_frame_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return true;
}

}  // namespace platform
