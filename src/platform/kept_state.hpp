// kept_state.hpp — the explorer's session (ui/kept_state.hpp) kept between runs: read at start,
// written after each change. Where the text lives is each platform's (kept_state_web.cpp:
// localStorage; kept_state_desktop.cpp: a file in the user's config folder); what is done with it
// is the same for both (kept_state.cpp).
#pragma once

#include <string>

#include "frame.hpp"

namespace platform {

// [SECTION] Both platforms

// Restore the kept session, if any. A text that cannot be restored is set aside, never
// overwritten, and the learner is told where; the explorer starts on the default.
void RestoreKept(Explorer& explorer);

// Write the session if it changed since the last write. When storage fails (full, disabled) the
// learner is told once, and the explorer works on in memory.
void KeepIfChanged(Explorer& explorer);

// [SECTION] Each platform's storage

struct KeptText {
    bool found = false;
    std::string text;
    std::string error;  // why the storage could not be read
};
KeptText ReadKeptText();
// "" when written, else why not. A write is whole or not at all: no reader sees half a text.
std::string WriteKeptText(const std::string& text);
// Keep the current text under a new name; returns that name ("" when it could not be kept).
std::string SetKeptTextAside();

}  // namespace platform
