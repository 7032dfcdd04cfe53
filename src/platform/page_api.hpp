// page_api.hpp — what the page's API (page_api.cpp) needs from the browser's main loop (main_web.cpp).
#pragma once

#include "frame.hpp"
#include "kept_state.hpp"

namespace platform {

// The page's one explorer.
Explorer& PageExplorer();

// A Backspace from a touch keyboard: held for one frame, then released (ImGui 1.86 reads key
// states once per frame).
void PressBackspace();

// The ± key beside a cell open for typing on a touch screen (some phones' decimal keyboards have
// no minus): the text's sign flips, as Home, then '-' or Delete, then End would.
void ToggleSign();

// The link the page was opened with, as web/attention.js decoded it (kept_state_web.cpp).
OpenedLink ReadOpenedLink();

}  // namespace platform
