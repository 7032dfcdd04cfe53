// lessons.hpp — the lessons built into the explorer: the files of lessons/, embedded at build time
// (embedded_files.hpp), in file-name order. A teacher's own lesson file is read with
// parse_lesson (lesson.hpp) instead; the format is docs/lessons.md.
#pragma once

#include <string_view>
#include <vector>

#include "embedded_files.hpp"
#include "lesson.hpp"

namespace scenario {

// Every built-in lesson, parsed once (a file that fails to parse is a build's bug: the tests
// parse and check each one). Valid for the program's lifetime.
const std::vector<Lesson>& builtin_lessons();
const Lesson* find_lesson(std::string_view id);

}  // namespace scenario
