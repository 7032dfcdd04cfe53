// write_whole.hpp — write a file so that no reader ever sees half of it (desktop).
#pragma once

#include <string>

namespace platform {

// Write `text` to a temporary file beside `path` and rename it over `path` (atomic on POSIX):
// another program reading `path` sees the old text or the new one. "" when done, else why not.
std::string WriteWhole(const std::string& path, const std::string& text);

}  // namespace platform
