// palette.hpp — the explorer's accent colours, from Okabe and Ito's colour-blind-safe palette.
// Orange marks the thing in focus (the hovered number, the selected query, standard attention),
// sky blue what it came from or relates to, bluish green a third series.
#pragma once

#include <imgui.h>

namespace ui {

inline constexpr ImU32 kOrange = IM_COL32(230, 159, 0, 255);
inline constexpr ImU32 kSkyBlue = IM_COL32(86, 180, 233, 255);
inline constexpr ImU32 kBluishGreen = IM_COL32(0, 158, 115, 255);

}  // namespace ui
