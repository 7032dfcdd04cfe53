// app_state.hpp — everything the explorer's panels read and write, in one small struct.
//
// Panels read the scenario and its trace and write edits back here; they never compute
// attention themselves (the core does, in Recompute). The platform layer owns one AppState and
// hands it to DrawApp every frame. Read app.hpp next.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/cost.hpp"
#include "core/explain.hpp"
#include "core/trace.hpp"
#include "scenario/compare.hpp"
#include "scenario/history.hpp"
#include "scenario/lesson.hpp"
#include "scenario/presets.hpp"
#include "scenario/scenario.hpp"
#include "scenario/view_names.hpp"

namespace ui {

// What a named item is, for the layout checks (tests/layout): every item lies inside its panel,
// text never overlaps text, and on a touch screen every control is at least 44 px square.
enum class ItemKind { control, text, plot, header, view };

struct ItemRect {
    std::array<float, 4> box{};    // x, y, w, h in framebuffer pixels
    ItemKind kind = ItemKind::control;
    std::string panel;             // the scenario::kPanels id it is drawn in; "" outside the panels
    std::array<float, 2> reach{};  // the x range its window shows or scrolls to: where it may lie
    std::array<float, 4> shown{};  // what of the screen its window shows (x0, y0, x1, y1): what of it is seen
};

struct AppState {
    // The learner's scenario and the trace computed from it.
    scenario::Scenario scenario = ::scenario::default_scenario();
    attn::Trace trace;           // the last successful computation; kept when an edit is refused
    attn::Options trace_options;  // the options `trace` was computed with
    long trace_version = 0;      // counts successful recomputes
    double recompute_ms = 0.0;   // how long the last recompute took (core and diagnostics), for the benchmarks
    std::vector<std::string> readings;  // the trace's diagnostics in words, one per query (scenario/readings.hpp)
    std::string error;           // why the current scenario cannot be computed, or empty
    std::string edit_message;    // why the last edit was refused (a paste, a removal, a typed cell, a file), or a
                                 // note on how it was read ("1,5 read as 1.5"); empty when there is none
    bool message_is_new = false;  // edit_message was set this frame: the recompute it caused keeps it
    const scenario::Limits* limits = &scenario::kFileLimits;  // the entry point's (the page sets its own)
    scenario::Scenario computed;  // the scenario `trace` was computed from: an edit past the limits returns to it
    int seed = 1;                // for "randomise" and new tokens' values
    bool scenario_changed = true;  // set by edits; Recompute clears it

    // Undo and redo (scenario/history.hpp): an edit is recorded once it has settled, i.e. once no
    // item is active, so one drag is one step. Reset returns to `origin`, what was last loaded.
    scenario::History history;
    bool unrecorded = true;      // the scenario changed since it was last recorded
    scenario::Scenario origin = ::scenario::default_scenario();
    long scenario_revision = 0;  // counts new steps, undos and redos: the kept state follows it

    // What the kept state (kept_state.hpp) was last written for: the revision and the view's text.
    std::optional<std::pair<long, std::string>> kept_mark;

    // The number under the mouse (in the pipeline or a heatmap) and how it was computed. Panels
    // report it with ReportHover (app.hpp); its sources are highlighted in the earlier steps.
    struct Hover {
        std::string step;  // step id, or empty when the mouse is over no number
        int row = -1, col = -1;
        long trace_version = -1;  // the trace the explanation was made from
        attn::Explanation why;
    };
    Hover hover;
    bool hover_reported = false;  // this frame; a frame without a report clears the hover
    // The explanation's tooltip, drawn at the end of the frame where it covers none of the
    // hovered value's sources: their screen rectangles (x0, y0, x1, y1) as drawn this frame.
    bool explanation_wanted = false;
    std::vector<std::array<float, 4>> source_rects;  // and the hovered value's
    std::array<float, 2> tooltip_size{};  // as last drawn: ImGui's padding makes it a little larger than its text

    // View settings (view.hpp reads and writes them as one JSON object).
    float ui_scale = 1.0f;       // the learner's zoom, 0.75 … 3 (projector mode)
    float scale_being_set = 0.0f;  // the UI scale slider's value while it is held (0: not held)
    bool light_theme = false;
    int selected_query = 0;      // row shown in the bar chart
    // Per panel, by scenario::index_of: left out of the layout (an embedding page's choice), or
    // folded to its header (the learner's).
    std::array<bool, scenario::kPanels.size()> hidden{}, folded{};
    std::vector<std::string> locked;  // option kinds shown but not changeable (scenario::lock_names)
    bool compact = false;             // tighter spacing and a one-line explanation bar, for small iframes

    // A cell opened for typing (double-click, Ctrl+click or Enter on it). Its text is read only as
    // a whole (scenario/number_text.hpp): while it is not a number, the cell keeps its old value.
    struct CellEdit {
        std::string matrix;  // empty when no cell is open
        std::size_t row = 0, col = 0;
        double original = 0.0;  // restored by Esc or while the text is not a number
        char text[64] = {};
        bool focus = false;     // give the field keyboard focus on its first frame
        bool drawn = false;     // drawn this frame; a cell no longer on screen closes
        bool active = false;    // the field has keyboard focus and takes the typed text
    };
    CellEdit cell_edit;

    // Scenario files: the platform can open one (the page's file picker) when set; the Options
    // panel's button asks for it by setting open_file_requested.
    bool can_open_files = false;
    bool open_file_requested = false;
    // Saving: the panel's button sets save_file_requested; the page downloads the file, the desktop
    // writes it to save_path (the file it opened, or a path the learner types).
    bool save_file_requested = false;
    // A link to this state (the page: its button copies one; the desktop reads them, --link).
    bool can_copy_link = false;
    bool copy_link_requested = false;
    std::array<char, 1024> save_path{};

    // An open lesson (lesson_view.hpp): the step shown; per step, whether its question was answered
    // right and its task met; the answer being given; the panels and folds from before it opened,
    // which closing it restores (the page's hidden panels stay hidden throughout).
    struct LessonRun {
        std::optional<scenario::Lesson> lesson;  // none: no lesson is open
        std::size_t step = 0;
        std::vector<bool> answered, task_done;
        std::array<char, 32> number{};  // a number question's typed answer
        std::string feedback;           // the last wrong answer's feedback
        bool revealed = false;          // the answer is shown (answered right, or asked for)
        bool tried = false;             // a wrong answer was given: "Show the answer" is offered
        bool focus = false;             // focus mode: only the step's panels, for a projector
        std::array<bool, scenario::kPanels.size()> hidden_before{}, folded_before{};
        float bar_height = 0.0f;        // the lesson bar's content, as last laid out
        std::array<bool, 4> keys_down{};  // PageUp, PageDown, Left, Right as last seen (lesson_view.cpp)
        std::string scroll_to;          // the step's first highlighted item, scrolled into view when next drawn
    };
    LessonRun lesson;

    // Compare panel: a counterpart of the scenario and where its weights differ, kept in step with
    // the trace while comparing.
    bool comparing = false;
    scenario::Contrast contrast = scenario::Contrast::scaling;
    scenario::Comparison comparison;

    // Gradients panel: the head whose gradients are shown, and "take one step": its size η, the
    // learnable inputs it leaves alone (every other one moves), and the loss before the last step
    // with the trace version it was taken on (its recompute is the next one).
    struct Descent {
        int head = 0;
        float eta = 0.5f;
        std::vector<std::string> held;
        double loss_before = 0.0;
        long stepped_from = -1;
    };
    Descent descent;

    // Geometry panel: the two dimensions shown, the vector being dragged, and the plot's half-width
    // (frozen while dragging, so the arrow stays under the mouse).
    struct Geometry {
        int dim_x = 0, dim_y = 1;
        std::string dragging;  // "Q" or "K", or empty
        int row = -1;
        float extent = 0.0f;
    };
    Geometry geometry;

    // Cost panel: a sweep over n = 16 … 4096 of the three algorithms (core/cost.hpp), measured
    // by DrawApp for kCostSliceMs of each frame until it is done.
    attn::CostSweep cost;
    static constexpr double kCostSliceMs = 8.0;
    bool animating = false;  // a panel has work for the next frames: the platform keeps drawing

    // Set by the platform each frame.
    float device_pixel_ratio = 1.0f;
    bool touch_input = false;  // the last press came from a finger (the page's touch events)
    bool coarse_pointer = false;  // a finger is the main pointer (CSS "pointer: coarse"): 44 px targets
    // A finger down: the ImGui id of the window it landed in (0 when none), and whether it swipes
    // (scrolls that window, as phones do) rather than working a control (app.cpp's SwipeScroll).
    unsigned int swiped_window = 0;
    bool swiping = false;
    bool one_column = false;   // the layout (app.cpp), decided while no item is active
    // What ApplyStyle last built the fonts and sizes for (style.hpp).
    float applied_scale = 0.0f;
    bool applied_light_theme = false;
    bool applied_compact = false;
    bool applied_coarse_pointer = false;

    // Named items of the last frame, e.g. "Inputs/Q/0/1" or "Trace/weights", with their screen
    // rectangles: the page's test hook and the layout checks read them.
    std::map<std::string, ItemRect> item_rects;
    std::string current_panel;  // the panel being drawn (PanelHeader sets it), for item_rects
    int help_markers = 0;       // this frame's "(?)" markers so far: each is named by its number
    std::string focused_item;  // the named item holding keyboard focus in the last frame, or empty
    // Whether the wheel over the mouse's window would scroll it up / down (ImGui's own rule): where
    // it would not, an embedded page lets the wheel scroll the page around it.
    bool wheel_scrolls_up = false, wheel_scrolls_down = false;
};

}  // namespace ui
