// lesson_check.cpp — see lesson_check.hpp.
#include "lesson_check.hpp"

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

void check_step(const LessonStep& step, const std::string& path, LessonCheck& counts) {
    const attn::Trace trace = computed(step.scenario, path + ".scenario");
    for (const TextSpan& span : step.spans)
        if (span.kind == TextSpan::Kind::value)
            if (const ValueText v = value_text(trace, span.ref); !v.error.empty()) fail(path + ".text", "{" + span.text + "}: " + v.error);
    if (const auto& q = step.question) {
        ++counts.questions;
        const QuantityValue right = right_answer(*q, trace);
        if (!right.value) fail(path + ".question.answer", right.error);
        for (std::size_t i = 0; i < q->choices.size(); ++i)
            if (static_cast<double>(i) != *right.value && q->choices[i].feedback.empty())
                fail(at(path + ".question.choices", i) + ".feedback", "a wrong choice needs feedback (the right one is choice " +
                                                                      std::to_string(static_cast<std::size_t>(*right.value)) + ")");
    }
    if (const auto& task = step.task) {
        ++counts.tasks;
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
