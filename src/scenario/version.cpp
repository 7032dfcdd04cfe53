// version.cpp — the one file CMake hands the version to (ATTN_VERSION), so a new release
// recompiles this file alone.
#include "version.hpp"

namespace scenario {

const char* explorer_version() { return ATTN_VERSION; }

}  // namespace scenario
