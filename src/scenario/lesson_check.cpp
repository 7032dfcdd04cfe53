// lesson_check.cpp — see lesson_check.hpp.
#include "lesson_check.hpp"

#include <algorithm>
#include <cmath>

#include "field_error.hpp"

namespace scenario {

namespace {

attn::Trace computed(const Scenario& s, const std::string& path) {
    try {
        return compute_trace(s);
    } catch (const attn::ShapeError& e) {
        fail(path, e.what());
    }
}

// Every live value in `text` (lesson_text.hpp) names a number of the step's trace.
void check_values(const std::string& text, const attn::Trace& trace, const std::string& path) {
    std::string error;
    const auto spans = parse_lesson_text(text, error);
    if (!spans) fail(path, error);
    for (const TextSpan& span : *spans)
        if (span.kind == TextSpan::Kind::value)
            if (const ValueText v = value_text(trace, span.ref); !v.error.empty()) fail(path, "{" + span.text + "}: " + v.error);
}

// A choice bound to an argmax or argmin has one right answer only when no other number ties it.
void check_no_tie(const Quantity& quantity, const attn::Trace& trace, const std::string& path) {
    const std::vector<double> values = read_ref(trace, quantity.of).values;
    const auto best = static_cast<std::size_t>(*evaluate(trace, quantity).value);
    for (std::size_t i = 0; i < values.size(); ++i)
        if (i != best && std::fabs(values[i] - values[best]) <= 1e-9 * std::max(1.0, std::fabs(values[best])))
            fail(path, "choices " + std::to_string(best) + " and " + std::to_string(i) + " tie: both would be right");
}

void check_step(const LessonStep& step, const std::string& path, LessonCheck& counts) {
    const attn::Trace trace = computed(step.scenario, path + ".scenario");
    check_values(step.text, trace, path + ".text");
    if (const auto& q = step.question) {
        ++counts.questions;
        check_values(q->ask, trace, path + ".question.ask");
        check_values(q->explain, trace, path + ".question.explain");
        check_values(q->too_low, trace, path + ".question.too_low");
        check_values(q->too_high, trace, path + ".question.too_high");
        for (std::size_t i = 0; i < q->choices.size(); ++i)
            check_values(q->choices[i].feedback, trace, at(path + ".question.choices", i) + ".feedback");
        const QuantityValue right = right_answer(*q, trace);
        if (!right.value) fail(path + ".question.answer", right.error);
        if (q->answer_of && !q->is_number()) check_no_tie(*q->answer_of, trace, path + ".question.answer");
        for (std::size_t i = 0; i < q->choices.size(); ++i)
            if (static_cast<double>(i) != *right.value && q->choices[i].feedback.empty())
                fail(at(path + ".question.choices", i) + ".feedback", "a wrong choice needs feedback (the right one is choice " +
                                                                      std::to_string(static_cast<std::size_t>(*right.value)) + ")");
    }
    if (const auto& task = step.task) {
        ++counts.tasks;
        check_values(task->goal, trace, path + ".task.goal");
        const ConditionValue start = evaluate(trace, task->when);
        if (!start.error.empty()) fail(path + ".task.when", start.error);
        if (start.met) fail(path + ".task.when", "already met when the step opens: nothing is left to do");
        Scenario solved = step.scenario;
        if (const std::string error = apply_path_edits(solved, task->solution); !error.empty())
            fail(path + ".task.solution", error);
        const ConditionValue end = evaluate(computed(solved, path + ".task.solution"), task->when);
        if (!end.error.empty()) fail(path + ".task.solution", end.error);
        if (!end.met) fail(path + ".task.solution", "leaves the goal unmet");
    }
}

}  // namespace

LessonCheck check_lesson(const Lesson& lesson) {
    LessonCheck out;
    try {
        for (std::size_t i = 0; i < lesson.steps.size(); ++i) check_step(lesson.steps[i], at("steps", i), out);
    } catch (const FieldError& e) {
        out.error = e.what();
    }
    return out;
}

}  // namespace scenario
