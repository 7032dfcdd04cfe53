// page_api.hpp — what the page's API (page_api.cpp) needs from the browser's main loop (main_web.cpp).
#pragma once

#include "frame.hpp"

namespace platform {

// The page's one explorer.
Explorer& PageExplorer();

// A Backspace from a touch keyboard: held for one frame, then released (ImGui 1.86 reads key
// states once per frame).
void PressBackspace();

}  // namespace platform
