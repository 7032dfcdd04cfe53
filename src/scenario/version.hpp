// version.hpp — the explorer's release ("1.0.0"), as CMake's project(VERSION …) states it.
//
// Written into every scenario and trace the explorer writes (explorer_version), printed by
// --version and shown in the About line, so a teacher can tell which release made a file.
#pragma once

namespace scenario {

const char* explorer_version();

}  // namespace scenario
