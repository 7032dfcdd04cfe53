// palette.hpp — the explorer's accent colours, from Okabe and Ito's colour-blind-safe palette.
// Orange marks the thing in focus (the hovered number, the selected query, standard attention),
// sky blue what it came from or relates to, bluish green a third series. The same colours name
// the roles everywhere: queries orange, keys sky blue, values bluish green (the inputs' titles,
// the heatmaps' axes, the Geometry's arrows, the Token links' columns).
#pragma once

#include <string_view>

#include <imgui.h>

namespace ui {

inline constexpr ImU32 kOrange = IM_COL32(230, 159, 0, 255);
inline constexpr ImU32 kSkyBlue = IM_COL32(86, 180, 233, 255);
inline constexpr ImU32 kBluishGreen = IM_COL32(0, 158, 115, 255);

// A role's colour for text: the palette's on the dark theme, darker shades of it on the light
// one, where the light colours would not read on white.
enum class Role { query, key, value };
inline ImU32 RoleColour(Role role, bool light) {
    switch (role) {
        case Role::query: return light ? IM_COL32(168, 92, 0, 255) : kOrange;
        case Role::key: return light ? IM_COL32(0, 96, 168, 255) : kSkyBlue;
        case Role::value: return light ? IM_COL32(0, 112, 80, 255) : kBluishGreen;
    }
    return kOrange;
}

// The role a matrix or an axis plays, when it plays one: Q, H and "queries" are queries; K, Y and
// "keys" keys; V values.
inline bool RoleOf(std::string_view name, Role& role) {
    if (name == "Q" || name == "H" || name == "queries") role = Role::query;
    else if (name == "K" || name == "Y" || name == "keys") role = Role::key;
    else if (name == "V") role = Role::value;
    else return false;
    return true;
}

}  // namespace ui
