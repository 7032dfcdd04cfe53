// frame.hpp — the one frame function both main loops call, and the state they share.
//
// Rendering is event-driven: GLFW input callbacks (installed before ImGui's, which chain to them)
// ask for a few frames, and a loop with nothing to draw sleeps (desktop: glfwWaitEvents; browser:
// the main loop pauses until an event wakes it), so an idle explorer burns no CPU. No application logic here: that is src/ui.
#pragma once

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <string>

#include "click_timer.hpp"
#include "heatmap_gl.hpp"
#include "ui/app_state.hpp"

namespace platform {

// Frames to draw after an event: ImGui reacts to some input one frame late (hover after a
// layout change, a widget activated on release), so one frame is not always enough.
inline constexpr int kFramesPerEvent = 3;

struct Explorer {
    GLFWwindow* window = nullptr;
    ui::AppState state;
    GlHeatmapPainter painter;
    int frames_wanted = kFramesPerEvent;  // > 0: draw; counts down
    void (*wake)() = nullptr;             // called by RequestFrames: the browser resumes its paused loop
    double (*press_seconds)() = nullptr;  // the time of the left press being handled (browser: its event's
                                          // timeStamp); nullptr: GLFW's clock when the callback runs
    ClickTimer clicks;
    long frames_drawn = 0;
    std::string keep_error;      // why the session could not be kept last time (kept_state.hpp), or empty
    bool keep_disabled = false;  // a session that could not be restored nor set aside is never overwritten
    double last_frame_ms = 0.0;  // CPU time of the last drawn frame: UI, recompute, GL calls (not the GPU's work)
};

// Ask for frames, e.g. after the page's JS API loaded a scenario.
void RequestFrames(Explorer& explorer);

// Set up GLFW callbacks that request frames. Call before ImGui_ImplGlfw_InitForOpenGL.
void InstallEventCallbacks(Explorer& explorer);

// Create the ImGui context with keyboard navigation, install our callbacks and then ImGui's
// GLFW and OpenGL 3 backends, and compile the heatmap shader. Needs a current GL context.
bool InitImGui(Explorer& explorer);

// Draw one frame if one is wanted; returns whether it drew.
bool DrawFrame(Explorer& explorer, float device_pixel_ratio);

}  // namespace platform
