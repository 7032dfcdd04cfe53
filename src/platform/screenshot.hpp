// screenshot.hpp — save the current framebuffer as a PNG (the desktop smoke test reads it).
#pragma once

#include <string>

namespace platform {

// Read the back buffer (width × height) and write it to `path` as an RGB PNG. False on failure.
bool SaveScreenshot(const std::string& path, int width, int height);

}  // namespace platform
