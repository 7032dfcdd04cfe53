// scenario_file.hpp — read a scenario file's text, for the CLI and the desktop app alike.
//
// Reading is separate from parsing (scenario.hpp) so that "cannot read" and "malformed JSON" stay
// different messages: a folder, a missing file or one over the size limit is refused here, with
// the path in the message, before any JSON is looked at.
#pragma once

#include <cstddef>
#include <istream>
#include <string>

namespace scenario {

struct FileText {
    std::string text;   // the file's bytes, when error is empty
    std::string error;  // e.g. "cannot read examples: it is a folder, not a file"
};

// The whole file at `path`, refused when larger than max_bytes.
FileText read_scenario_file(const std::string& path, std::size_t max_bytes);
// The whole of `in` (standard input, say), named `name` in messages, refused when larger than max_bytes.
FileText read_scenario_stream(std::istream& in, const std::string& name, std::size_t max_bytes);

}  // namespace scenario
