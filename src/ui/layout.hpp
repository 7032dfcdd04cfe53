// layout.hpp — where items go on a narrow screen, and text that names itself.
//
// Every text item is named (app.hpp's RecordRect, kind text) so that the layout checks can prove
// that no text covers other text and nothing leaves its panel; a label too long for its room is
// shortened with an ellipsis and shown whole on hover.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "app_state.hpp"

namespace ui {

// Put the next item beside the last one when `width` more pixels fit in the window, else below
// it (the ImGui demo's "manual wrapping"), so heatmaps side by side wrap on narrow screens; with
// the heatmaps' room between them.
void BesideIfFits(float width);
// The same with ImGui's usual spacing, for the next item of a toolbar or a line of text.
void SameLineIfFits(float width);
// How wide ImGui draws a button labelled `label`.
float ButtonWidth(const char* label);
// A button's label: `label`, or `shorter` where the line has no room for it.
const char* FitLabel(const char* label, const char* shorter);

// The smallest height and width of a control a finger presses: 44 CSS px on a touch screen, else 0.
float TouchTarget(const AppState& state);

// Name the text item just drawn (ImGui::Text and friends).
void NameText(AppState& state, const std::string& name);
// Draw text at `at` into a draw list and name it.
void AddText(AppState& state, ImDrawList* list, const std::string& name, ImVec2 at, ImU32 colour, const char* text);
// The same within `width`: when the text is wider, it ends in an ellipsis and hovering it shows it
// whole (unless the item under it has a tooltip of its own that says it, whole_on_hover false).
void FittedText(AppState& state, ImDrawList* list, const std::string& name, ImVec2 at, float width, ImU32 colour,
                const std::string& text, bool whole_on_hover = true);

// A table whose columns' contents are `column_widths` wide: within its panel's width it keeps its
// own width; wider, it scrolls sideways in a view of its own, as tall as its `rows` rows of
// `row_height` (header included), so that the column around it scrolls it vertically. Adds the
// flags; returns the outer size for ImGui::BeginTable.
ImVec2 TableFit(const std::vector<float>& column_widths, std::size_t rows, float row_height, ImGuiTableFlags& flags);

}  // namespace ui
