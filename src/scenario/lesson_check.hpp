// lesson_check.hpp — what a lesson file cannot show by itself, checked by computing every step:
// its scenario computes, every {reference} in its texts names a number of its trace, a question's
// bound answer exists (and every wrong choice has feedback), and a task is not met when the step
// opens but is met once its solution is applied. attention-cli's `lesson check` and the tests run it.
#pragma once

#include <string>

#include "lesson.hpp"

namespace scenario {

struct LessonCheck {
    std::string error;  // "" when the lesson holds; else the first problem, "steps[3].task.solution: …"
    std::size_t questions = 0, tasks = 0;
};

LessonCheck check_lesson(const Lesson& lesson);

}  // namespace scenario
