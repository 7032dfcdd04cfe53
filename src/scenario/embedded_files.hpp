// embedded_files.hpp — JSON files compiled into the explorer at build time
// (cmake/embed_asset.cmake), in file-name order: the built-in lessons (lessons/, read by
// lessons.hpp) and applications (applications/, offered as presets by presets.hpp).
#pragma once

#include <string_view>
#include <vector>

namespace scenario {

struct EmbeddedFile {
    std::string_view name;  // "02-by-hand.json"
    std::string_view json;
};

const std::vector<EmbeddedFile>& lessons_files();
const std::vector<EmbeddedFile>& applications_files();

}  // namespace scenario
