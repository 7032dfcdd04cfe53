// lesson.hpp — a lesson: a guided path through the explorer, written as data (docs/lessons.md).
//
//   {"id": "by-hand", "title": "…", "summary": "…",
//    "steps": [{"title": "…", "text": "…", "scenario": {…} or "change": [edits],
//               "panels": ["inputs", "heatmaps"], "highlight": ["Trace/weights"],
//               "question": {…}, "task": {…}}, …]}
//
// parse_lesson validates the file and names the offending field, as parse_scenario does; every
// step's scenario is resolved as it is read (the first step's own, each later step's own or the
// previous one's with its `change`). What a file cannot show by itself (that its references
// exist in the traces, that each task can be met) is lesson_check.hpp's. Built-in lessons are
// lessons.hpp's.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "condition.hpp"
#include "lesson_text.hpp"
#include "path_edit.hpp"
#include "scenario.hpp"

namespace scenario {

// [SECTION] Questions: predict before revealing

struct Choice {
    std::string text;
    std::string feedback;  // shown when this wrong choice is picked
};

struct Question {
    std::string ask;
    std::vector<Choice> choices;  // a choice question; empty for a number
    // The right answer: a choice's index or a number, written down or bound to the trace (for a
    // choice, by argmax or argmin over as many numbers as there are choices).
    std::optional<double> answer;
    std::optional<Quantity> answer_of;
    double within = 0.01;                // a number's tolerance
    std::string too_low, too_high;       // a wrong number's feedback
    std::string explain;                 // shown with the answer
    bool is_number() const { return choices.empty(); }
};

// The right answer in this trace (a choice's index, or the number), or why there is none.
QuantityValue right_answer(const Question& q, const attn::Trace& trace);

// What the explorer says to an answer: a choice's index, or the number typed.
struct Verdict {
    bool right = false;
    std::string feedback;  // a wrong answer's feedback ("" when right)
};
Verdict judge(const Question& q, const attn::Trace& trace, double given);

// [SECTION] Tasks: a goal on the live trace

struct Task {
    std::string goal;                 // "Make the weight on *cat* exceed 0.9."
    Condition when;                   // met: the task is done
    std::vector<PathEdit> solution;   // edits of the step's scenario that meet it
};

// [SECTION] Lessons

struct LessonStep {
    std::string title;
    std::string text;
    std::vector<TextSpan> spans;          // text, parsed
    Scenario scenario;                    // resolved: what "reset this step" restores
    std::vector<std::string> panels;      // panel ids (view_names.hpp); empty: every panel
    std::vector<std::string> highlight;   // item names, as attention.rects() lists them
    std::optional<Question> question;
    std::optional<Task> task;
};

struct Lesson {
    std::string id;  // lower case, digits and '-': "by-hand"
    std::string title;
    std::string summary;
    std::vector<LessonStep> steps;
};

struct LessonParse {
    std::optional<Lesson> lesson;
    std::string error;  // "steps[2].question.answer: …"
};

// Parse and validate a lesson file; a step's scenario is held to `limits`. Never throws.
LessonParse parse_lesson(std::string_view json_text, const Limits& limits = kFileLimits);

}  // namespace scenario
