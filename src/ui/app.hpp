// app.hpp — the explorer's frame: every panel, in the order a learner reads them.
//
// DrawApp is called once per frame by both platforms (src/platform). It draws the options and
// input panels first, recomputes the trace when an edit changed the scenario, and only then draws
// the panels that show the trace, so an edit is on screen in the same frame.
#pragma once

#include <string>
#include <string_view>

#include "app_state.hpp"
#include "heatmap.hpp"
#include "layout.hpp"

namespace ui {

// Draw the whole explorer for this frame.
void DrawApp(AppState& state, HeatmapPainter& painter);

// Recompute state.trace from state.scenario if it changed. On a refused edit the last good trace
// stays and state.error says why.
void Recompute(AppState& state);

// Recompute the Compare panel's counterpart (after the trace, the contrast or the toggle changed).
void RefreshComparison(AppState& state);

// Tell the learner why an edit or a file was refused, or how it was read; shown until the next edit.
void ShowMessage(AppState& state, std::string message);

// Replace the scenario from JSON text (within state.limits); returns an error message, or an empty string on success.
std::string LoadScenario(AppState& state, const std::string& json_text);

// [SECTION] Panels

// A panel's header (scenario::kPanels): false when the panel is hidden or folded, and then the
// panel draws nothing more. The fold follows state.folded both ways; the header is named
// "Panel/<id>" for the page's test hook.
bool PanelHeader(AppState& state, scenario::Panel panel);

// Whether the page locked an option kind (a scenario::lock_names() name, e.g. "mask").
bool IsLocked(const AppState& state, std::string_view lock_name);

// The tokens that label the rows of an input or a step ("Q", "weights", "head1.K", …): the
// queries, the keys, or nullptr for a matrix whose rows are no tokens (W_Q, …).
std::vector<std::string>* TokenRows(AppState& state, std::string_view id);

// [SECTION] Undo, redo, reset

// The edit in progress, if any, becomes a step of its own (DrawApp calls it once an edit has
// settled; undo and redo call it before they walk the steps).
void RecordEdit(AppState& state);

// Step back or forward through the recorded edits (state.history); false when there is none.
// Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y call them outside a text field, as do the Inputs panel's buttons.
bool Undo(AppState& state);
bool Redo(AppState& state);
// Back to the scenario last loaded (a preset, a file, attention.load), as one more undoable edit.
void ResetScenario(AppState& state);

// [SECTION] Hover and provenance

// A panel reports the cell under the mouse; it is explained (core/explain.hpp) when it changes.
void ReportHover(AppState& state, const std::string& step, int row, int col);
// Whether a cell is the hovered one, or one it was computed from.
bool IsHovered(const AppState& state, std::string_view step, std::size_t row, std::size_t col);
bool IsSource(const AppState& state, std::string_view step, std::size_t row, std::size_t col);
// A cell the explanation's tooltip must not cover (the hovered value, or one of its sources), as
// drawn: its screen rectangle.
void KeepTooltipOff(AppState& state, ImVec2 min, ImVec2 max);
// Where tooltips wrap: 36 ems, or the screen's width on a phone.
float TooltipWrap();
// Ask for the hovered cell's filled-in formula as a tooltip: DrawApp draws it at the end of the
// frame, beside the mouse on the side where it covers neither the cell nor any of its sources.
void WantExplanationTooltip(AppState& state);

// Text that arrives at run time (a token's label, a loaded file) may hold a character the font
// lacks, which ImGui draws as U+FFFD (�): this names each such character and its code point,
// "\n� is U+1F600, a character the explorer's font lacks.", for the text's tooltip; "" when none.
std::string MissingGlyphs(const std::string& utf8);

// Record a named item's screen rectangle for the page's test hook and the layout checks (see
// AppState::item_rects); call it right after the item, so that its keyboard focus is recorded too.
void RecordRect(AppState& state, const std::string& name, ImVec2 min, ImVec2 max, ItemKind kind = ItemKind::control);

}  // namespace ui
