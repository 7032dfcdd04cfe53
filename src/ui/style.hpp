// style.hpp — fonts, theme and scale: what makes the explorer readable on a projector.
#pragma once

#include <imgui.h>

#include "app_state.hpp"

namespace ui {

// Base font size in pixels at scale 1; large enough for a classroom. The header's title is set
// kTitleScale times larger, the one step of the type's hierarchy above the text.
inline constexpr float kBaseFontPixels = 17.0f;
inline constexpr float kTitleScale = 1.35f;

// The header's title font (built by ApplyStyle beside the text's).
ImFont* TitleFont();

// True when the UI scale, the device pixel ratio, the theme, the compact layout or the pointer
// (a finger or not) changed since ApplyStyle.
bool StyleNeedsRebuild(const AppState& state);

// Rebuild the font atlas and style sizes for scale = ui_scale × device pixel ratio, and the theme.
// Call between frames; the caller (platform) must re-upload the font texture afterwards.
void ApplyStyle(AppState& state);

}  // namespace ui
