// test_lesson.cpp — lesson files: references into a trace, conditions, path edits, the text's
// markup, the reader's messages (each names its field), the checks that compute every step,
// and every built-in lesson.
#include <string>

#include <doctest/doctest.h>

#include "scenario/lesson_check.hpp"
#include "scenario/lessons.hpp"

using namespace scenario;

namespace {

const char* kScenario = R"({"variant": "scaled_dot", "tokens": {"queries": ["it"], "keys": ["the", "cat", "sat"]},
    "matrices": {"Q": [[1.0, 0.5]], "K": [[0.2, 0.1], [1.0, 0.8], [-0.5, 0.3]], "V": [[1, 0], [0, 1], [0.5, 0.5]]}})";

attn::Trace trace_of(const char* json) { return compute_trace(*parse_scenario(json).scenario); }

// A one-step lesson around `step` (JSON members after "text"), on kScenario.
std::string lesson_with(const std::string& step_fields, const std::string& text = "Look.") {
    return R"({"id": "t", "title": "T", "summary": "S", "steps": [{"text": ")" + text + R"(", "scenario": )" +
           kScenario + (step_fields.empty() ? "" : ", " + step_fields) + "}]}";
}

std::string error_of(const std::string& lesson_json) {
    const LessonParse parsed = parse_lesson(lesson_json);
    if (!parsed.lesson) return parsed.error;
    return check_lesson(*parsed.lesson).error;
}

}  // namespace

TEST_CASE("a reference reads a cell, a row, a step, a vector's entry or a diagnostic") {
    const attn::Trace trace = trace_of(kScenario);
    std::string error;
    const auto read = [&](const char* text) { return read_ref(trace, *parse_trace_ref(text, error)); };
    CHECK(read("scores[0][1]").values == std::vector<double>{1.4});
    CHECK(read("scores[0]").values.size() == 3);
    CHECK(read("K").values.size() == 6);
    CHECK(read("entropy[0]").values.size() == 1);
    CHECK(read("scores[1]").error == "scores[1]: its rows are 0 to 0");
    CHECK(read("scores[0][3]").error == "scores[0][3]: its columns are 0 to 2");
    CHECK(read("grad.Q").error.find("no step \"grad.Q\"") != std::string::npos);
    CHECK(read("entropy[0][1]").error == "entropy has one value per query: no column");
    for (const char* bad : {"", "scores[", "scores[x]", "scores[0][1][2]", "sco res", "[0]"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_trace_ref(bad, error));
    }
}

TEST_CASE("a quantity takes one number of several: the first of tied extremes") {
    const attn::Trace trace = trace_of(kScenario);
    std::string error;
    const auto take = [&](const char* text, Take t) { return evaluate(trace, Quantity{*parse_trace_ref(text, error), t}); };
    CHECK(*take("scores[0]", Take::argmax).value == 1);
    CHECK(*take("scores[0]", Take::argmin).value == 2);
    CHECK(*take("scores[0]", Take::spread).value == doctest::Approx(1.75));
    CHECK(*take("weights[0]", Take::sum).value == doctest::Approx(1.0));
    CHECK(*take("mask[0]", Take::argmax).value == 0);  // all ones: the first
    CHECK(take("scores[0]", Take::value).error.find("holds 3 numbers") != std::string::npos);
}

TEST_CASE("a condition compares, and all/any combine") {
    const attn::Trace trace = trace_of(kScenario);
    const auto met = [&](const char* json) { return evaluate(trace, read_condition(nlohmann::json::parse(json), "when")).met; };
    CHECK(met(R"({"of": "scores[0][1]", "above": 1})"));
    CHECK_FALSE(met(R"({"of": "scores[0][1]", "below": 1})"));
    CHECK(met(R"({"of": "scores[0][1]", "equals": 1.4})"));
    CHECK(met(R"({"of": "weights[0]", "take": "argmax", "equals": 1})"));
    CHECK(met(R"({"any": [{"of": "scores[0][0]", "above": 9}, {"of": "scores[0][1]", "above": 1}]})"));
    CHECK_FALSE(met(R"({"all": [{"of": "scores[0][0]", "above": 9}, {"of": "scores[0][1]", "above": 1}]})"));
    const auto error = [&](const char* json) {
        try {
            read_condition(nlohmann::json::parse(json), "when");
        } catch (const std::exception& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(error(R"({"of": "scores[0][1]"})").find("when: says nothing to check") == 0);
    CHECK(error(R"({"of": "scores[0][1]", "above": 1, "within": 2})") == "when.within: belongs with \"equals\"");
    CHECK(error(R"({"of": "scores", "take": "median", "above": 1})").find("when.take: expected one of") == 0);
    CHECK(error(R"({"all": []})") == "when.all: expected a non-empty array of conditions");
    CHECK(error(R"({"all": [{"of": "x", "abov": 1}]})").find("when.all[0].abov: unknown field") == 0);
}

TEST_CASE("path edits set a field, remove one with null, and change nothing when one fails") {
    Scenario s = *parse_scenario(kScenario).scenario;
    CHECK(apply_path_edits(s, {{"matrices.Q[0][1]", 2.5}, {"options.temperature", 4}}) == "");
    CHECK(s.matrices.at("Q")(0, 1) == 2.5);
    CHECK(s.options.temperature == 4);
    CHECK(apply_path_edits(s, {{"matrices.target_weights", nlohmann::json::parse("[[0, 1, 0]]")},
                               {"options.loss", "cross_entropy"}}) == "");
    CHECK(s.matrices.count("target_weights"));
    CHECK(apply_path_edits(s, {{"options.loss", "none"}, {"matrices.target_weights", nullptr}}) == "");
    CHECK_FALSE(s.matrices.count("target_weights"));
    const Scenario before = s;
    CHECK(apply_path_edits(s, {{"options.temperature", 1}, {"matrices.Q[3][0]", 1}}) == "[1] matrices.Q[3][0]: matrices.Q has 1 entries");
    CHECK(apply_path_edits(s, {{"matrices.Q[0][0]", "two"}}) == "matrices.Q[0][0]: expected a finite number");
    CHECK(apply_path_edits(s, {{"variant", "cubic"}}).find("variant: unknown value \"cubic\"") == 0);
    CHECK(s.options.temperature == before.options.temperature);
    CHECK(s.matrices.at("Q")(0, 0) == before.matrices.at("Q")(0, 0));
}

TEST_CASE("a lesson's text is read into spans; a live value quotes the trace") {
    std::string error;
    const auto spans = *parse_lesson_text("The *weights* of `softmax`: $wⱼ$ = {weights[0][1]}.\n\nNext.", error);
    REQUIRE(spans.size() == 11);
    CHECK(spans[1].kind == TextSpan::Kind::emphasis);
    CHECK(spans[3].kind == TextSpan::Kind::code);
    CHECK(spans[5].kind == TextSpan::Kind::formula);
    CHECK(spans[7].kind == TextSpan::Kind::value);
    CHECK(spans[8].text == ".");
    CHECK(spans[9].kind == TextSpan::Kind::paragraph);
    CHECK(spans[10].text == "Next.");
    CHECK(value_text(trace_of(kScenario), spans[7].ref).text == "0.577");
    for (const char* bad : {"an *open emphasis", "a `code", "a $formula", "{weights[0]", "a } alone", "empty **"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_lesson_text(bad, error));
    }
}

TEST_CASE("a lesson file's problems name their field") {
    const std::pair<std::string, std::string> cases[] = {
        {"[]", "$: expected a JSON object"},
        {R"({"id": "t", "title": "T", "summary": "S"})", "$: a lesson needs \"steps\""},
        {R"({"id": "T T", "title": "T", "summary": "S", "steps": [1]})", "id: use lower-case letters"},
        {R"({"id": "t", "title": "T", "summary": "S", "steps": [{"text": "x"}]})", "steps[0]: the first step needs a \"scenario\""},
        {lesson_with(R"("panels": ["heatmap"])"), "steps[0].panels[0]: unknown panel \"heatmap\""},
        {lesson_with(R"("highlight": ["weights"])"), "steps[0].highlight[0]: \"weights\" is not an item name"},
        {lesson_with(R"("colour": 1)"), "steps[0].colour: unknown field"},
        {lesson_with("", "a {scores[0]"), "steps[0].text: the '{' at character 2 is never closed"},
        {lesson_with(R"("question": {"ask": "?", "answer": 1})"), "steps[0].question: needs \"too_low\""},
        {lesson_with(R"("question": {"ask": "?", "choices": ["a", "b"], "answer": 2})"),
         "steps[0].question.answer: expected the index of the right choice, 0 to 1"},
        {lesson_with(R"("question": {"ask": "?", "choices": ["a", "b"], "answer": {"of": "weights[0]", "take": "max"}})"),
         "steps[0].question.answer.take: a choice's answer bound to the trace takes the argmax or argmin"},
        {lesson_with(R"("task": {"goal": "g", "when": {"of": "weights[0][1]", "above": 0.9}, "solution": []})"),
         "steps[0].task.solution: expected at least one edit"},
        {R"({"id": "t", "title": "T", "summary": "S", "steps": [{"text": "x", "scenario": {"variant": "cubic"}}]})",
         "steps[0].scenario.variant: unknown value \"cubic\""},
        {R"({"id": "t", "title": "T", "summary": "S", "steps": [{"text": "x", "scenario": )" + std::string(kScenario) +
             R"(}, {"text": "y", "change": [{"set": "matrices.Q[0][0]", "to": null}]}]})",
         "steps[1].change: matrices.Q[0][0]: expected a finite number"},
        {"{\"id\": ", "$: malformed JSON"},
    };
    for (const auto& c : cases) {
        const std::string& message = c.second;
        CAPTURE(c.first);
        const LessonParse parsed = parse_lesson(c.first);
        REQUIRE_FALSE(parsed.lesson);
        CHECK(parsed.error.substr(0, message.size()) == message);
    }
}

TEST_CASE("checking a lesson computes every step: references, answers and tasks must hold") {
    CHECK(error_of(lesson_with("", "w = {weights[0][1]}")) == "");
    CHECK(error_of(lesson_with("", "g = {grad.Q[0][0]}")).find("steps[0].text: {grad.Q[0][0]}: this trace has no step") == 0);
    CHECK(error_of(lesson_with(R"("question": {"ask": "?", "choices": ["a", "b"], "answer": 1, "explain": "{scores[0][7]}"})"))
              .find("steps[0].question.explain: {scores[0][7]}: scores[0][7]: its columns are 0 to 2") == 0);
    CHECK(error_of(lesson_with(R"("question": {"ask": "?", "choices": ["a", "b", "c"], "answer": {"of": "weights[0]", "take": "argmax"}})"))
              .find("steps[0].question.choices[0].feedback: a wrong choice needs feedback (the right one is choice 1)") == 0);
    CHECK(error_of(lesson_with(R"("question": {"ask": "?", "choices": ["a", "b", "c"], "answer": {"of": "mask[0]", "take": "argmax"}})")) ==
          "steps[0].question.answer: choices 0 and 1 tie: both would be right");
    CHECK(error_of(lesson_with(R"("question": {"ask": "?", "choices": ["a", "b"], "answer": {"of": "weights[0]", "take": "argmin"}})")) ==
          "steps[0].question.answer: the answer is choice 2 but there are 2 choices");
    CHECK(error_of(lesson_with(R"("task": {"goal": "g", "when": {"of": "weights[0][1]", "above": 0.5}, "solution": [{"set": "options.temperature", "to": 2}]})")) ==
          "steps[0].task.when: already met when the step opens: nothing is left to do");
    CHECK(error_of(lesson_with(R"("task": {"goal": "g", "when": {"of": "weights[0][1]", "above": 0.9}, "solution": [{"set": "options.temperature", "to": 2}]})")) ==
          "steps[0].task.solution: leaves the goal unmet");
    CHECK(error_of(lesson_with(R"("task": {"goal": "g", "when": {"of": "weights[0][1]", "above": 0.9}, "solution": [{"set": "options.temperature", "to": 0.1}]})")) == "");
}

TEST_CASE("a question judges an answer: the bound number, within its tolerance, with feedback") {
    const LessonParse parsed = parse_lesson(lesson_with(
        R"("question": {"ask": "?", "answer": {"of": "weights[0][1]"}, "within": 0.01, "too_low": "low", "too_high": "high"})"));
    const Question& q = *parsed.lesson->steps[0].question;
    const attn::Trace trace = trace_of(kScenario);
    CHECK(judge(q, trace, 0.58).right);
    CHECK(judge(q, trace, 0.5).feedback == "low");
    CHECK(judge(q, trace, 0.6).feedback == "high");
    const LessonParse choice = parse_lesson(lesson_with(
        R"("question": {"ask": "?", "choices": [{"text": "a", "feedback": "no a"}, "b", {"text": "c", "feedback": "no c"}], "answer": 1})"));
    CHECK(judge(*choice.lesson->steps[0].question, trace, 1).right);
    CHECK(judge(*choice.lesson->steps[0].question, trace, 2).feedback == "no c");
}

TEST_CASE("every built-in lesson parses, computes and can be completed") {
    REQUIRE(!lessons_files().empty());
    CHECK(builtin_lessons().size() == lessons_files().size());
    for (const EmbeddedFile& file : lessons_files()) {
        CAPTURE(file.name);
        const LessonParse parsed = parse_lesson(file.json, kPageLimits);
        REQUIRE_MESSAGE(parsed.lesson, parsed.error);
        CHECK(check_lesson(*parsed.lesson).error == "");
        CHECK(find_lesson(parsed.lesson->id) != nullptr);
        bool asks = false;
        for (const LessonStep& step : parsed.lesson->steps) asks = asks || step.question || step.task;
        CHECK_MESSAGE(asks, "a lesson asks at least one question or sets one task");
    }
}
