// main_desktop.cpp — the desktop explorer: GLFW window, OpenGL 3.3 core, event-driven loop.
//
//   attention-explorer [--scenario file.json | --link URL] [--lesson ID|file.json [--step N]]
//                      [--scale 1.5] [--size 1280x800] [--frames N --screenshot out.png [--rects out.json]]
//                      (render N frames, save the picture and the named items' rectangles, exit)
//   attention-explorer --version
//
// Reads top to bottom: 1 arguments, 2 window and GL context, 3 ImGui and backends, 4 state,
// 5 loop, 6 cleanup. The frame itself is shared with the browser build (frame.cpp).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <string>

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "frame.hpp"
#include "kept_state.hpp"
#include "write_whole.hpp"
#include "screenshot.hpp"
#include "scenario/json_text.hpp"
#include "scenario/lessons.hpp"
#include "scenario/link.hpp"
#include "scenario/presets.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/version.hpp"
#include "ui/app.hpp"
#include "ui/item_rects.hpp"
#include "ui/lesson_view.hpp"

namespace {

// Where Save writes: `path` made absolute, so the field shows which file it is.
void SetSavePath(ui::AppState& state, const std::string& path) {
    std::error_code ec;
    const std::string full = std::filesystem::absolute(path, ec).lexically_normal().string();
    std::snprintf(state.save_path.data(), state.save_path.size(), "%s", (ec ? path : full).c_str());
}

// Whether a file's text is a lesson (an object with "steps", docs/lessons.md) rather than a scenario.
bool IsLesson(const std::string& text) {
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    return j.is_object() && j.contains("steps") && j["steps"].is_array();
}

// Open a scenario file (--scenario, or one dropped on the window); it becomes the save path. A
// dropped lesson file opens as a lesson. Returns "" or why it was refused.
std::string OpenScenarioFile(platform::Explorer& explorer, const std::string& path) {
    const scenario::FileText file = scenario::read_scenario_file(path, scenario::kFileLimits.text_bytes);
    if (file.error.empty() && IsLesson(file.text)) {
        const scenario::LessonParse parsed = scenario::parse_lesson(file.text);
        return parsed.lesson ? ui::OpenLesson(explorer.state, *parsed.lesson, 0) : parsed.error;
    }
    const std::string error = file.error.empty() ? ui::LoadScenario(explorer.state, file.text) : file.error;
    if (error.empty()) SetSavePath(explorer.state, path);
    return error;
}

// The Options panel's "Save scenario file…": the scenario as JSON at the save path, written whole.
void SaveScenarioFile(platform::Explorer& explorer) {
    ui::AppState& state = explorer.state;
    const std::string path = state.save_path.data();
    const std::string error = path.empty() ? "type a path to save to"
                                           : platform::WriteWhole(path, scenario::to_json(state.scenario).dump(1) + "\n");
    ui::ShowMessage(state, error.empty() ? "Saved to " + path : "Not saved: " + error);
}

// Open a lesson (--lesson): a built-in one by its id, else a lesson file (docs/lessons.md), at
// `step` (from 0). Returns "" or why not.
std::string OpenLessonArgument(platform::Explorer& explorer, const std::string& id_or_path, long step) {
    const scenario::Lesson* lesson = scenario::find_lesson(id_or_path);
    scenario::LessonParse parsed;
    if (!lesson) {
        const scenario::FileText file = scenario::read_scenario_file(id_or_path, scenario::kFileLimits.text_bytes);
        if (!file.error.empty()) return "no built-in lesson has that id, and " + file.error;
        parsed = scenario::parse_lesson(file.text);
        if (!parsed.lesson) return parsed.error;
        lesson = &*parsed.lesson;
    }
    return step < 0 ? "--step counts from 0" : ui::OpenLesson(explorer.state, *lesson, static_cast<std::size_t>(step));
}

platform::Explorer* g_dropped_on = nullptr;  // GLFW's drop callback carries no user pointer of ours

struct Arguments {
    std::string scenario_path, screenshot_path, rects_path;
    std::string link;  // a page's link: its state opens (scenario/link.hpp)
    std::string lesson;  // a built-in lesson's id or a lesson file
    long step = 0;
    bool link_given = false;
    long frames = -1;  // −1: interactive
    float scale = 1.0f;
    bool scale_given = false;  // --scale wins over the last session's scale
    int width = 1280, height = 800;
};

bool ParseArguments(int argc, char** argv, Arguments& args) {
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
        if (!value) return false;
        if (flag == "--scenario") args.scenario_path = value;
        else if (flag == "--link") {
            args.link = value;
            args.link_given = true;
        }
        else if (flag == "--lesson") args.lesson = value;
        else if (flag == "--step") args.step = std::strtol(value, nullptr, 10);
        else if (flag == "--screenshot") args.screenshot_path = value;
        else if (flag == "--rects") args.rects_path = value;
        else if (flag == "--frames") args.frames = std::strtol(value, nullptr, 10);
        else if (flag == "--scale") {
            args.scale = std::strtof(value, nullptr);
            args.scale_given = true;
        }
        else if (flag == "--size") { if (std::sscanf(value, "%dx%d", &args.width, &args.height) != 2) return false; }
        else return false;
        ++i;
    }
    const bool one_source = !(args.link_given && !args.scenario_path.empty());  // a link holds a scenario too
    return one_source && args.scale >= 0.75f && args.scale <= 3.0f && args.width > 0 && args.height > 0;
}

}  // namespace

int main(int argc, char** argv) {
    // 1. Arguments.
    if (argc == 2 && std::string(argv[1]) == "--version") {
        std::printf("attention-explorer %s\n", scenario::explorer_version());
        return 0;
    }
    Arguments args;
    if (!ParseArguments(argc, argv, args)) {
        std::fprintf(stderr, "usage: attention-explorer [--scenario F | --link URL] [--lesson ID|F [--step N]] [--scale 0.75..3] "
                             "[--size WxH] [--frames N --screenshot F.png [--rects F.json]] | --version\n");
        return 2;
    }

    // 2. Window and OpenGL 3.3 core context.
    glfwSetErrorCallback([](int code, const char* text) { std::fprintf(stderr, "GLFW error %d: %s\n", code, text); });
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    platform::Explorer explorer;
    explorer.window = glfwCreateWindow(args.width, args.height, "Attention Explorer", nullptr, nullptr);
    if (!explorer.window) return 1;
    glfwMakeContextCurrent(explorer.window);
    glfwSwapInterval(1);

    // 3. ImGui and its backends.
    if (!platform::InitImGui(explorer)) return 1;

    // 4. State: a link's, else the last session, else the default scenario; then what the
    //    arguments give.
    platform::OpenedLink link;
    if (args.link_given) {
        const scenario::LinkText decoded = scenario::decode_link(args.link, scenario::kFileLimits.text_bytes);
        link = {true, decoded.text, decoded.error};
    }
    platform::RestoreKept(explorer, link, [&] {
        if (args.scale_given) explorer.state.ui_scale = args.scale;
    });
    SetSavePath(explorer.state, "attention-scenario.json");
    g_dropped_on = &explorer;
    glfwSetDropCallback(explorer.window, [](GLFWwindow*, int count, const char** paths) {
        if (count == 0) return;
        if (const std::string error = OpenScenarioFile(*g_dropped_on, paths[0]); !error.empty())
            ui::ShowMessage(g_dropped_on->state, std::string(paths[0]) + ": " + error);
        platform::RequestFrames(*g_dropped_on);
    });
    if (!args.scenario_path.empty()) {
        if (const std::string error = OpenScenarioFile(explorer, args.scenario_path); !error.empty()) {
            std::fprintf(stderr, "attention-explorer: %s: %s\n", args.scenario_path.c_str(), error.c_str());
            return 2;
        }
    }
    if (!args.lesson.empty()) {
        if (const std::string error = OpenLessonArgument(explorer, args.lesson, args.step); !error.empty()) {
            std::fprintf(stderr, "attention-explorer: --lesson %s: %s\n", args.lesson.c_str(), error.c_str());
            return 2;
        }
    }

    // 5. Loop: sleep until an event unless frames are wanted (or a fixed frame count is asked for).
    float x_scale = 1.0f, y_scale = 1.0f;
    glfwGetWindowContentScale(explorer.window, &x_scale, &y_scale);
    while (!glfwWindowShouldClose(explorer.window)) {
        if (args.frames >= 0) {
            glfwPollEvents();
            platform::RequestFrames(explorer);
        } else if (explorer.frames_wanted > 0) {
            glfwPollEvents();
        } else {
            glfwWaitEvents();
        }
        if (!platform::DrawFrame(explorer, x_scale)) continue;
        if (explorer.state.save_file_requested) {
            explorer.state.save_file_requested = false;
            SaveScenarioFile(explorer);
            platform::RequestFrames(explorer);
        }
        if (args.frames >= 0 && explorer.frames_drawn >= args.frames) {
            int width = 0, height = 0;
            glfwGetFramebufferSize(explorer.window, &width, &height);
            if (!args.screenshot_path.empty() && !platform::SaveScreenshot(args.screenshot_path, width, height)) {
                std::fprintf(stderr, "attention-explorer: cannot write %s\n", args.screenshot_path.c_str());
                return 1;
            }
            if (!args.rects_path.empty()) {  // for the layout checks (tests/layout)
                const std::string text = scenario::dump_json(ui::ItemRectsJson(explorer.state, x_scale));
                if (const std::string error = platform::WriteWhole(args.rects_path, text); !error.empty()) {
                    std::fprintf(stderr, "attention-explorer: %s\n", error.c_str());
                    return 1;
                }
            }
            break;
        }
        glfwSwapBuffers(explorer.window);
    }

    // 6. Cleanup.
    explorer.painter.Shutdown();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(explorer.window);
    glfwTerminate();
    return 0;
}
