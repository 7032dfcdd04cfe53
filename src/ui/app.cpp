// app.cpp — lays out the panels and keeps the trace in step with the scenario. See app.hpp.
#include "app.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <initializer_list>
#include <iterator>

#include <imgui_internal.h>

#include "lesson_view.hpp"
#include "panels.hpp"
#include "style.hpp"
#include "core/step_ids.hpp"
#include "scenario/fit.hpp"
#include "scenario/lessons.hpp"
#include "scenario/readings.hpp"

namespace ui {

void RecordRect(AppState& state, const std::string& name, ImVec2 min, ImVec2 max, ItemKind kind) {
    // Where the item may lie: the window's clipped inside, widened to what it scrolls to sideways
    // if it has a scrollbar for that: its content's width, as given (a view out of sight keeps
    // the width it measured when last seen).
    const ImGuiWindow* window = ImGui::GetCurrentWindow();
    const bool sideways = window->Flags & ImGuiWindowFlags_HorizontalScrollbar;
    const float content = window->ContentSizeExplicit.x != 0.0f ? window->ContentSizeExplicit.x : window->ContentSize.x;
    const float x0 = window->InnerClipRect.Min.x - (sideways ? window->Scroll.x : 0.0f);
    const float x1 = sideways ? std::max(window->InnerClipRect.Max.x, window->Pos.x + window->WindowPadding.x * 2.0f + content - window->Scroll.x)
                              : window->InnerClipRect.Max.x;
    const ImRect& shown = window->InnerClipRect;
    // What a popup or a tooltip holds floats above the panels: it belongs to none.
    const bool floats = window->Flags & (ImGuiWindowFlags_Popup | ImGuiWindowFlags_Tooltip);
    state.item_rects[name] = {{min.x, min.y, max.x - min.x, max.y - min.y}, kind, floats ? std::string() : state.current_panel,
                              {x0, x1}, {shown.Min.x, shown.Min.y, shown.Max.x, shown.Max.y}};
    // The item just drawn, when named right after it (a text named after its control is not it).
    if (kind != ItemKind::text && ImGui::IsItemFocused()) state.focused_item = name;
    // A lesson step's highlighted item, brought into its window's view once when the step opens.
    if (name == state.lesson.scroll_to && !floats) {
        if (min.y < shown.Min.y || max.y > shown.Max.y) ImGui::SetScrollFromPosY(min.y - window->Pos.y, 0.2f);
        state.lesson.scroll_to.clear();
    }
}

namespace {

// The current window's rectangle, e.g. a scrolling column's visible part.
void RecordWindowRect(AppState& state, const std::string& name) {
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    RecordRect(state, name, pos, ImVec2(pos.x + size.x, pos.y + size.y), ItemKind::view);
}

// What follows every successful computation: remember its options, count it, put it in words.
void AdoptTrace(AppState& state) {
    state.trace_options = state.scenario.options;
    state.computed = state.scenario;
    ++state.trace_version;
    state.readings = scenario::read_diagnostics(state.trace, state.scenario.query_tokens, state.scenario.key_tokens);
    state.error.clear();
    if (!state.message_is_new) state.edit_message.clear();  // a refusal is old news once an edit went through
    RefreshComparison(state);
}

}  // namespace

void ShowMessage(AppState& state, std::string message) {
    state.edit_message = std::move(message);
    state.message_is_new = true;
}

void RefreshComparison(AppState& state) {
    state.comparison = state.comparing ? scenario::compare(state.scenario, state.trace, state.contrast) : scenario::Comparison{};
}

void Recompute(AppState& state) {
    if (!state.scenario_changed) return;
    state.scenario_changed = false;
    state.unrecorded = true;
    if (std::string over = scenario::check_limits(state.scenario, *state.limits); !over.empty()) {
        // An edit grew it past what this entry point computes: undone, so that the scenario is
        // always one load() takes.
        state.scenario = state.computed;
        ShowMessage(state, over + "; the edit was undone");
        return;
    }
    try {
        const auto start = std::chrono::steady_clock::now();
        scenario::compute_trace_into(state.scenario, state.trace);
        state.recompute_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        AdoptTrace(state);
    } catch (const attn::ShapeError& e) {
        state.error = e.what();  // keep the last good trace on screen; the edit itself is kept too
    }
    const int queries = static_cast<int>(state.trace.rows.size());
    if (state.selected_query >= queries) state.selected_query = queries > 0 ? queries - 1 : 0;
}

std::string LoadScenario(AppState& state, const std::string& json_text) {
    scenario::ParseResult parsed = scenario::parse_scenario(json_text, *state.limits);
    if (!parsed.scenario) return parsed.error;
    try {
        attn::Trace trace = scenario::compute_trace(*parsed.scenario);
        state.scenario = std::move(*parsed.scenario);
        state.trace = std::move(trace);
        state.cell_edit = AppState::CellEdit{};  // a cell open for typing belonged to the old scenario
        AdoptTrace(state);
        state.scenario_changed = false;
        state.unrecorded = true;
        state.origin = state.scenario;
    } catch (const attn::ShapeError& e) {
        return e.what();  // refused: the current scenario stays as it was
    }
    return {};
}

void RecordEdit(AppState& state) {
    if (!state.unrecorded) return;
    if (state.history.record(state.scenario)) ++state.scenario_revision;
    state.unrecorded = false;
}

namespace {

bool Restore(AppState& state, const scenario::Scenario* step) {
    if (!step) return false;
    state.scenario = *step;
    state.scenario_changed = true;
    state.cell_edit = AppState::CellEdit{};
    ++state.scenario_revision;
    return true;
}

}  // namespace

bool Undo(AppState& state) {
    RecordEdit(state);
    return Restore(state, state.history.undo());
}

bool Redo(AppState& state) {
    RecordEdit(state);
    return Restore(state, state.history.redo());
}

void ResetScenario(AppState& state) {
    RecordEdit(state);
    Restore(state, &state.origin);
}

bool PanelHeader(AppState& state, scenario::Panel panel) {
    const std::size_t i = scenario::index_of(panel);
    if (state.hidden[i]) return false;
    const std::string id(scenario::info(panel).id);
    state.current_panel = id;
    ImGui::SetNextItemOpen(!state.folded[i], ImGuiCond_Always);
    const bool open = ImGui::CollapsingHeader(("###Panel/" + id).c_str());  // apart from the Pipeline's step ids
    RecordRect(state, "Panel/" + id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ItemKind::header);
    // The title, drawn where ImGui draws a header's label (after the arrow), shortened with an
    // ellipsis where the header is too narrow for it.
    const ImVec2 pad = ImGui::GetStyle().FramePadding, min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const ImVec2 at(min.x + ImGui::GetFontSize() + pad.x * 3.0f, min.y + pad.y);
    FittedText(state, ImGui::GetWindowDrawList(), "Panel/" + id + "/title", at, max.x - pad.x - at.x,
               ImGui::GetColorU32(ImGuiCol_Text), scenario::info(panel).title);
    state.folded[i] = !open;  // a click or a key on the header folds or opens it
    return open;
}

std::vector<std::string>* TokenRows(AppState& state, std::string_view id) {
    namespace ids = attn::step_id;
    if (id.rfind("head", 0) == 0 && id.find('.') != std::string_view::npos) id.remove_prefix(id.find('.') + 1);
    auto& s = state.scenario;
    const auto among = [&](std::initializer_list<std::string_view> list) {
        return std::find(list.begin(), list.end(), id) != list.end();
    };
    if (id == ids::X) return scenario::one_sequence(s) ? &s.key_tokens : &s.query_tokens;
    if (among({ids::Q, ids::H, ids::mask, "dO", ids::target_weights, ids::target_output, ids::scores, ids::scaled,
               ids::biased, ids::weights, ids::jacobian_diag, ids::alpha, ids::context, ids::output, ids::concat,
               ids::attentional, ids::W_a_q, ids::Q_W_a, ids::W_g_q}))
        return &s.query_tokens;
    if (among({ids::K, ids::V, ids::Y, ids::U_a_k, ids::W_g_k})) return &s.key_tokens;
    return nullptr;
}

bool IsLocked(const AppState& state, std::string_view lock_name) {
    return std::find(state.locked.begin(), state.locked.end(), lock_name) != state.locked.end();
}

void ReportHover(AppState& state, const std::string& step, int row, int col) {
    state.hover_reported = true;
    AppState::Hover& h = state.hover;
    if (h.step == step && h.row == row && h.col == col && h.trace_version == state.trace_version) return;
    h.step = step;
    h.row = row;
    h.col = col;
    h.trace_version = state.trace_version;
    h.why = attn::explain_cell(state.trace, state.trace_options, step, static_cast<std::size_t>(row),
                               static_cast<std::size_t>(col));
}

bool IsHovered(const AppState& state, std::string_view step, std::size_t row, std::size_t col) {
    const AppState::Hover& h = state.hover;
    return h.step == step && h.row == static_cast<int>(row) && h.col == static_cast<int>(col);
}

bool IsSource(const AppState& state, std::string_view step, std::size_t row, std::size_t col) {
    for (const attn::CellRange& range : state.hover.why.sources)
        if (range.contains(step, row, col)) return true;
    return false;
}

void KeepTooltipOff(AppState& state, ImVec2 min, ImVec2 max) { state.source_rects.push_back({min.x, min.y, max.x, max.y}); }

float TooltipWrap() {
    const float screen = ImGui::GetMainViewport()->Size.x - 4.0f * ImGui::GetStyle().WindowPadding.x;
    return std::max(std::min(ImGui::GetFontSize() * 36.0f, screen), ImGui::GetFontSize() * 8.0f);  // a phone: its width
}

void WantExplanationTooltip(AppState& state) { state.explanation_wanted = true; }

namespace {

// The explanation's tooltip, placed at the first corner around the mouse (below right, below
// left, above right, above left) where it lies on screen and covers no source of the value, nor
// the value itself; else where it covers the least of them.
void ExplanationTooltip(AppState& state) {
    const ImVec2 pad = ImGui::GetStyle().WindowPadding;
    const float wrap = TooltipWrap();
    const ImVec2 text = ImGui::CalcTextSize(state.hover.why.text.c_str(), nullptr, false, wrap);
    const ImVec2 size(std::max(text.x + 2.0f * pad.x, state.tooltip_size[0]), std::max(text.y + 2.0f * pad.y, state.tooltip_size[1]));
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const float gap = ImGui::GetFontSize() * 1.5f;  // clear of the pointer and the hovered cell
    auto covered = [&](ImVec2 at) {
        if (at.x < 0.0f || at.y < 0.0f || at.x + size.x > screen.x || at.y + size.y > screen.y) return 1e30f;
        float area = 0.0f;
        for (const auto& r : state.source_rects) {
            const float w = std::min(at.x + size.x, r[2]) - std::max(at.x, r[0]);
            const float h = std::min(at.y + size.y, r[3]) - std::max(at.y, r[1]);
            if (w > 0.0f && h > 0.0f) area += w * h;
        }
        const bool on_mouse = mouse.x > at.x - gap && mouse.x < at.x + size.x + gap && mouse.y > at.y - gap && mouse.y < at.y + size.y + gap;
        return area + (on_mouse ? 1e20f : 0.0f);
    };
    const ImVec2 corners[] = {{mouse.x + gap, mouse.y + gap}, {mouse.x - gap - size.x, mouse.y + gap},
                              {mouse.x + gap, mouse.y - gap - size.y}, {mouse.x - gap - size.x, mouse.y - gap - size.y}};
    ImVec2 best = corners[0];
    for (const ImVec2& at : corners)
        if (covered(at) < covered(best)) best = at;
    best.x = std::clamp(best.x, 0.0f, std::max(screen.x - size.x, 0.0f));  // never off the screen's edge
    best.y = std::clamp(best.y, 0.0f, std::max(screen.y - size.y, 0.0f));
    ImGui::SetNextWindowPos(best);
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(wrap);
    ImGui::TextUnformatted(state.hover.why.text.c_str());
    ImGui::PopTextWrapPos();
    const ImVec2 pos = ImGui::GetWindowPos(), drawn = ImGui::GetWindowSize();
    RecordRect(state, "Tooltip", pos, ImVec2(pos.x + drawn.x, pos.y + drawn.y), ItemKind::view);
    state.tooltip_size = {drawn.x, drawn.y};
    ImGui::EndTooltip();
}

}  // namespace

std::string MissingGlyphs(const std::string& utf8) {
    // Decoded here, not by ImGui: built with 16-bit characters, it reads anything past U+FFFF as
    // U+FFFD, which the font has, and so would name no emoji.
    std::string text;
    const ImFont* font = ImGui::GetFont();
    for (std::size_t i = 0; i < utf8.size();) {
        const unsigned char lead = static_cast<unsigned char>(utf8[i]);
        const int bytes = lead < 0x80 ? 1 : lead >> 5 == 0x6 ? 2 : lead >> 4 == 0xE ? 3 : lead >> 3 == 0x1E ? 4 : 1;
        unsigned int c = bytes == 1 ? lead : lead & (0x7Fu >> bytes);
        for (int k = 1; k < bytes && i + k < utf8.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3Fu);
        if (c > 0xFFFF || !font->FindGlyphNoFallback(static_cast<ImWchar>(c))) {
            char code[16];
            std::snprintf(code, sizeof code, "U+%04X", c);
            text += std::string("\n\xEF\xBF\xBD is ") + code + ", a character the explorer's font lacks.";
        }
        i += static_cast<std::size_t>(bytes);
    }
    return text;
}

float HelpMarkerWidth(const AppState& state) { return std::max(ImGui::CalcTextSize("(?)").x, TouchTarget(state)); }

void HelpMarker(AppState& state, const char* text) {
    const std::string name = "Help/" + std::to_string(state.help_markers++);
    const float target = TouchTarget(state);
    const ImVec2 text_size = ImGui::CalcTextSize("(?)");
    SameLineIfFits(HelpMarkerWidth(state));
    if (target > 0.0f) {
        // A finger needs more than three characters to aim at: a 44 px button around them.
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const ImVec2 size(HelpMarkerWidth(state), std::max(ImGui::GetFrameHeight(), target));
        ImGui::InvisibleButton(name.c_str(), size);
        ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + (size.x - text_size.x) * 0.5f, at.y + (size.y - text_size.y) * 0.5f),
                                            ImGui::GetColorU32(ImGuiCol_TextDisabled), "(?)");
        RecordRect(state, name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    } else {
        ImGui::TextDisabled("(?)");
        NameText(state, name);
    }
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(TooltipWrap());
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

namespace {

// Whether any panel of a column is shown: a column with none gives its width to the other.
bool ColumnShown(const AppState& state, scenario::Column column) {
    for (const scenario::PanelInfo& p : scenario::kPanels)
        if (p.column == column && !state.hidden[scenario::index_of(p.panel)]) return true;
    return false;
}

// One column below a width of kOneColumnEms of the current font (phones, portrait tablets,
// narrow iframes, and large UI scales on small screens), where two would squeeze every panel.
constexpr float kOneColumnEms = 56.0f;
// Decided while no item is active, so that a drag of the UI scale across the breakpoint goes on.
bool OneColumn(AppState& state) {
    if (!ImGui::IsAnyItemActive()) state.one_column = ImGui::GetMainViewport()->WorkSize.x < kOneColumnEms * ImGui::GetFontSize();
    return state.one_column;
}

// What the learner edits: the options, the inputs and the geometry.
void DrawEditPanels(AppState& state, HeatmapPainter& painter) {
    DrawOptionsPanel(state);
    DrawInputsPanel(state, painter);
    DrawGeometryPanel(state);
}

// After the edit panels: a cell no longer drawn closes, and an edit recomputes the trace before
// any panel shows it, so an edit is on screen in the same frame.
void SettleEdits(AppState& state) {
    if (!state.cell_edit.drawn) state.cell_edit = AppState::CellEdit{};  // its cell is gone or folded away
    state.cell_edit.drawn = false;
    Recompute(state);
}

// What the core computed, from the overview down to every step and its cost.
void DrawTracePanels(AppState& state, HeatmapPainter& painter) {
    state.current_panel.clear();
    if (!state.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_PlotHistogram]);
        ImGui::TextWrapped("Cannot compute this scenario: %s. Showing the last valid result.", state.error.c_str());
        ImGui::PopStyleColor();
        NameText(state, "Trace/error");
    }
    DrawApplicationPanel(state, painter);
    DrawHeatmapsPanel(state, painter);
    DrawMultiHeadPanel(state, painter);
    DrawComparePanel(state, painter);
    DrawTokenLinksPanel(state);
    DrawWeightsPanel(state);
    DrawContextUsePanel(state, painter);
    DrawGradientsPanel(state, painter);
    DrawDiagnosticsPanel(state);
    DrawPipelinePanel(state);
    DrawCostPanel(state);
}

// A screen less than 28 ems tall (a phone in landscape, a large scale): the panels need its room,
// so the header and the explanation bar take as little as they can.
bool ShortScreen() { return ImGui::GetMainViewport()->WorkSize.y < 28.0f * ImGui::GetFontSize(); }

// The explanation bar's fixed height: three lines; one in the compact layout, on a short screen
// and in a lesson's focus mode (the explanation's tooltip has it whole).
float ExplanationBarHeight(const AppState& state) {
    const float lines = state.compact || ShortScreen() || state.lesson.focus ? 1.0f : 3.0f;
    return ImGui::GetTextLineHeightWithSpacing() * lines + ImGui::GetStyle().WindowPadding.y * 2.0f;
}

// The first window from `window` up that can scroll along `axis` (0: x, 1: y), or nullptr.
// Sideways only a window with a horizontal scrollbar (a wide matrix's, heatmap's or table's view).
ImGuiWindow* ScrollableFrom(ImGuiWindow* window, int axis) {
    for (; window; window = window->Flags & ImGuiWindowFlags_ChildWindow ? window->ParentWindow : nullptr)
        if (window->ScrollMax[axis] > 0.0f && !(window->Flags & ImGuiWindowFlags_NoScrollWithMouse) &&
            (axis == 1 || window->Flags & ImGuiWindowFlags_HorizontalScrollbar))
            return window;
    return nullptr;
}

// Whether the active item is one a finger drags or types in: a slider, a drag cell or a text
// field (ImGui gives those the left and right keys while active), a scrollbar, or an item that
// has changed a value (a Geometry tip).
bool ActiveItemKeepsFinger() {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    if (g.ActiveIdHasBeenEditedBefore || (g.ActiveIdUsingNavDirMask & (1u << ImGuiDir_Left))) return true;
    ImGuiWindow* window = g.ActiveIdWindow;
    return window && (g.ActiveId == ImGui::GetWindowScrollbarID(window, ImGuiAxis_X) ||
                      g.ActiveId == ImGui::GetWindowScrollbarID(window, ImGuiAxis_Y));
}

// Touch: a finger drags the content under it, as a phone scrolls (ImGui scrolls only by wheel or
// scrollbar). A finger that lands where no item is swipes at once. One that lands on an item that
// a tap presses (a button, a combo, a checkbox, a header, a heatmap's cell, a preset in the list)
// and moves on past the slop lets go of it and swipes. A slider, a drag cell, a text field, a
// scrollbar or a Geometry tip keeps the finger (ActiveItemKeepsFinger).
void SwipeScroll(AppState& state) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    if (!state.touch_input || !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        state.swiped_window = 0;
        state.swiping = false;
        return;
    }
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {  // the finger lands: its move from the last lift is no swipe
        state.swiped_window = g.HoveredWindow ? g.HoveredWindow->ID : 0;
        state.swiping = !ImGui::IsAnyItemActive();
        return;
    }
    if (!state.swiping) {
        const float slop = 10.0f * state.device_pixel_ratio;
        const ImVec2 moved = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.0f);
        if (moved.x * moved.x + moved.y * moved.y < slop * slop) return;
        if (ImGui::IsAnyItemActive() && ActiveItemKeepsFinger()) return;
        ImGui::ClearActiveID();
        state.swiping = true;
    }
    ImGuiWindow* window = state.swiped_window ? ImGui::FindWindowByID(state.swiped_window) : nullptr;
    const ImVec2 delta = ImGui::GetIO().MouseDelta;
    if (ImGuiWindow* w = ScrollableFrom(window, 0); w && delta.x != 0.0f) ImGui::SetScrollX(w, w->Scroll.x - delta.x);
    if (ImGuiWindow* w = ScrollableFrom(window, 1); w && delta.y != 0.0f) ImGui::SetScrollY(w, w->Scroll.y - delta.y);
}

// The header: what is open, its title (a lesson's with its step, a preset's name, a file's title)
// in the title font and what it shows below it, or on hover of a "(?)" where it would take more
// than two lines.
void DrawHeader(AppState& state) {
    // A lesson's bar says which step this is: the header keeps to the lesson's title, its summary
    // under a "(?)", so that a projector keeps its room for the panels.
    const auto& lesson = state.lesson.lesson;
    const std::string& title = lesson ? lesson->title : state.scenario.title;
    const std::string& description = lesson ? lesson->summary : state.scenario.description;
    // Beyond two lines (a narrow phone, a long description), in the compact layout or on a short
    // screen, the description moves to a "(?)" after the title: the panels keep the screen.
    const float avail = ImGui::GetContentRegionAvail().x;
    const float lines = ImGui::CalcTextSize(description.c_str(), nullptr, false, avail).y / ImGui::GetTextLineHeight();
    const bool below = !description.empty() && !lesson && !state.compact && !ShortScreen() && lines < 2.5f;
    const bool marker = !description.empty() && !below;
    const float marker_w = marker ? HelpMarkerWidth(state) + 2.0f * ImGui::GetStyle().ItemSpacing.x : 0.0f;
    ImGui::PushFont(TitleFont());
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_PlotLinesHovered]);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + avail - marker_w);  // a phone at 200 % wraps it
    ImGui::TextUnformatted(title.empty() ? "Your scenario" : title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
    NameText(state, "Header/title");
    if (marker) HelpMarker(state, description.c_str());
    // The first screen (the default scenario, as the page opens) says where to begin.
    const auto& lessons = scenario::builtin_lessons();
    if (!lesson && !lessons.empty() && state.origin.title == scenario::presets().front().name) {
        // Shortened where the screen is too narrow for the whole label (a phone at 200 %).
        std::string start = "Start here: " + lessons.front().title + " ▸";
        if (ButtonWidth(start.c_str()) > avail) start = "Start here ▸";
        SameLineIfFits(ButtonWidth(start.c_str()));
        if (ImGui::Button(start.c_str(), ImVec2(0.0f, TouchTarget(state)))) OpenLesson(state, lessons.front(), 0);
        RecordRect(state, "Header/start", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    }
    if (!below) return;
    ImGui::TextWrapped("%s", description.c_str());
    NameText(state, "Header/description");
}

// A bar of fixed height (so that hovering never moves the layout): the number under the mouse
// explained, or a refused edit's message.
void DrawExplanationBar(AppState& state, float height) {
    state.current_panel.clear();
    ImGui::BeginChild("Explanation", ImVec2(0.0f, height), true);
    if (!state.edit_message.empty() && state.hover.why.text.empty()) {  // a refused edit or file, until the next edit
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_PlotHistogram]);
        ImGui::TextWrapped("%s", state.edit_message.c_str());
        ImGui::PopStyleColor();
    } else if (state.hover.why.text.empty()) {  // wrapped, and shorter where the bar has no room for it
        const std::string verb = state.touch_input ? "Tap" : "Hover";
        const std::string hints[] = {verb + " any number in a heatmap or in the Pipeline to see how it was computed.",
                                     verb + " a number to see how it was computed.", verb + " a number to explain it.",
                                     verb + " a number."};
        const float room = height - ImGui::GetStyle().WindowPadding.y * 2.0f + 1.0f;
        const std::string* hint = &hints[0];
        while (hint != &hints[std::size(hints) - 1] &&
               ImGui::CalcTextSize(hint->c_str(), nullptr, false, ImGui::GetContentRegionAvail().x).y > room)
            ++hint;
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
        ImGui::TextWrapped("%s", hint->c_str());
        ImGui::PopStyleColor();
    } else
        ImGui::TextWrapped("%s", state.hover.why.text.c_str());
    NameText(state, "Explanation/text");
    ImGui::EndChild();
}

}  // namespace

void DrawApp(AppState& state, HeatmapPainter& painter) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("Attention Explorer", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);

    // 0. A running Cost measurement takes its slice of this frame, before anything is drawn (also
    //    while its panel is folded).
    if (state.cost.running) attn::step_cost_sweep(state.cost, AppState::kCostSliceMs);

    // 1. Undo and redo by key, outside a text field (where Ctrl+Z undoes the typing) and a drag.
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl && !io.WantTextInput && !ImGui::IsAnyItemActive()) {
        const bool z = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z), false);
        if ((z && io.KeyShift) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Y), false)) Redo(state);
        else if (z) Undo(state);
    }
    state.hover_reported = false;
    state.explanation_wanted = false;
    state.source_rects.clear();
    state.message_is_new = false;
    state.item_rects.clear();  // only what this frame draws
    state.focused_item.clear();
    state.current_panel.clear();
    state.help_markers = 0;
    // 2. The header, then the panels: what the learner edits, then what the core computed from it, in one column
    //    or two, and the explanation bar.
    if (!state.lesson.focus) DrawHeader(state);
    DrawLessonBar(state);
    const bool edit_shown = ColumnShown(state, scenario::Column::edit);
    const bool trace_shown = ColumnShown(state, scenario::Column::trace);
    const float bar_h = ExplanationBarHeight(state), gap = ImGui::GetStyle().ItemSpacing.y;
    if (OneColumn(state) || !edit_shown || !trace_shown || state.lesson.focus) {
        // One column (narrow screens, a lesson's focus mode, or a page that shows one column's
        // panels): every panel in one scrolling window, the edits above what is computed from
        // them. Named as the left column is, so that the edits' ids stay when the layout changes
        // mid-drag.
        ImGui::BeginChild("Edit", ImVec2(0.0f, -bar_h - gap), true);
        RecordWindowRect(state, "Edit");
        RecordWindowRect(state, "Trace");
        if (edit_shown) DrawEditPanels(state, painter);
        SettleEdits(state);
        DrawTracePanels(state, painter);
        ImGui::EndChild();
        DrawExplanationBar(state, bar_h);
    } else {
        // Two columns: the edits on the left, what is computed from them on the right with the
        // explanation bar below it. Neither scrolls sideways (with that, ImGui widens every
        // panel's header to the widest item, and keeps it so): what is wider than its panel, a
        // matrix, a heatmap or a table, scrolls in a view of its own.
        ImGui::BeginChild("Edit", ImVec2(ImGui::GetContentRegionAvail().x * 0.40f, 0.0f), true);
        RecordWindowRect(state, "Edit");
        DrawEditPanels(state, painter);
        ImGui::EndChild();
        SettleEdits(state);
        ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::BeginChild("Trace", ImVec2(0.0f, -bar_h - gap), true);
        RecordWindowRect(state, "Trace");
        DrawTracePanels(state, painter);
        ImGui::EndChild();
        DrawExplanationBar(state, bar_h);
        ImGui::EndGroup();
    }

    // 3. A lesson's step frames the items it names, now that this frame has placed them. The mouse
    //    left every number: nothing to explain or highlight next frame. A running measurement wants
    //    the next frames too.
    DrawLessonHighlights(state);
    if (state.explanation_wanted && !state.hover.why.text.empty()) ExplanationTooltip(state);
    if (!state.hover_reported) state.hover = AppState::Hover{};
    state.animating = state.cost.running;

    // 4. A finger's swipe scrolls. Where the wheel would scroll next, by ImGui's rule
    //    (ImGui::UpdateMouseWheel): from the window under the mouse up through child windows with
    //    nothing to scroll.
    SwipeScroll(state);
    const ImGuiWindow* wheeled = ScrollableFrom(ImGui::GetCurrentContext()->HoveredWindow, 1);
    state.wheel_scrolls_up = wheeled && wheeled->Scroll.y > 0.0f;
    state.wheel_scrolls_down = wheeled && wheeled->Scroll.y < wheeled->ScrollMax.y;

    // 5. An edit that has settled (no drag or typing still going) becomes an undo step.
    if (!ImGui::IsAnyItemActive()) RecordEdit(state);

    ImGui::End();
}

}  // namespace ui
