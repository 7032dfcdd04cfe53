// kept_state.hpp — the explorer's session (ui/kept_state.hpp) kept between runs: read at start,
// written after each change. Where the text lives is each platform's (kept_state_web.cpp:
// localStorage; kept_state_desktop.cpp: a file in the user's config folder); what is done with it
// is the same for both (kept_state.cpp).
#pragma once

#include <functional>
#include <string>

#include "frame.hpp"

namespace platform {

// [SECTION] Both platforms

// A link the explorer was opened with (ui/kept_state.hpp's text in a URL): the state's text, or
// why it could not be read.
struct OpenedLink {
    bool given = false;
    std::string text, error;
};

// What the explorer starts with: the link's state if it was opened with one, else the kept session,
// else the default. A link that cannot be opened says why, opens the default and leaves the kept
// session as it was. A kept text that cannot be restored is set aside, never overwritten, and the
// learner is told where; the explorer starts on the default. `apply_options` applies what the
// platform was started with (the page's URL options, the desktop's --scale) over whichever opened,
// before a failed link's default is counted as kept.
void RestoreKept(Explorer& explorer, const OpenedLink& link, const std::function<void()>& apply_options);

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
