// lesson.cpp — reading a lesson file: see lesson.hpp and docs/lessons.md.
#include "lesson.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "field_error.hpp"
#include "view_names.hpp"

namespace scenario {

using nlohmann::json;

namespace {

std::string read_string(const json& j, const std::string& path, bool allow_empty = false) {
    if (!j.is_string()) fail(path, "expected a string");
    std::string s = j.get<std::string>();
    if (!allow_empty && s.empty()) fail(path, "must not be empty");
    return s;
}

// Only the fields of `allowed` may appear in object `j`.
void check_fields(const json& j, const std::string& path, std::initializer_list<std::string_view> allowed) {
    for (const auto& [key, value] : j.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
        std::string names;
        for (std::string_view a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
        fail(path + "." + key, "unknown field (expected " + names + ")");
    }
}

std::vector<TextSpan> read_text(const json& j, const std::string& path) {
    const std::string text = read_string(j, path);
    std::string error;
    auto spans = parse_lesson_text(text, error);
    if (!spans) fail(path, error);
    return *spans;
}

// An item name as attention.rects() writes it: parts joined by '/', the first a capitalised area.
void check_item_name(const std::string& name, const std::string& path) {
    const bool parts_ok = !name.empty() && name.front() != '/' && name.back() != '/' && name.find("//") == std::string::npos;
    if (!parts_ok || !std::isupper(static_cast<unsigned char>(name.front())) || name.find('/') == std::string::npos)
        fail(path, "\"" + name + "\" is not an item name like \"Trace/weights\" or \"Inputs/Q/0/1\"");
}

Question read_question(const json& j, const std::string& path) {
    if (!j.is_object()) fail(path, "expected an object with \"ask\" and \"answer\"");
    check_fields(j, path, {"ask", "choices", "answer", "within", "too_low", "too_high", "explain"});
    Question q;
    if (!j.contains("ask")) fail(path, "needs \"ask\": the question");
    q.ask = read_string(j["ask"], path + ".ask");
    read_text(j["ask"], path + ".ask");  // its markup, checked
    if (j.contains("choices")) {
        const json& choices = j["choices"];
        if (!choices.is_array() || choices.size() < 2) fail(path + ".choices", "expected at least two choices");
        for (std::size_t i = 0; i < choices.size(); ++i) {
            const std::string at_i = at(path + ".choices", i);
            if (choices[i].is_string()) {
                q.choices.push_back({read_string(choices[i], at_i), {}});
                continue;
            }
            if (!choices[i].is_object()) fail(at_i, "expected a string or {\"text\", \"feedback\"}");
            check_fields(choices[i], at_i, {"text", "feedback"});
            if (!choices[i].contains("text")) fail(at_i, "needs \"text\"");
            Choice c{read_string(choices[i]["text"], at_i + ".text"), {}};
            if (choices[i].contains("feedback")) {
                c.feedback = read_string(choices[i]["feedback"], at_i + ".feedback");
                read_text(choices[i]["feedback"], at_i + ".feedback");
            }
            q.choices.push_back(std::move(c));
        }
    }
    if (!j.contains("answer")) fail(path, "needs \"answer\"");
    const json& answer = j["answer"];
    const std::string answer_path = path + ".answer";
    if (answer.is_object()) {
        check_fields(answer, answer_path, {"of", "take"});
        q.answer_of = read_quantity(answer, answer_path);
        if (!q.is_number() && q.answer_of->take != Take::argmax && q.answer_of->take != Take::argmin)
            fail(answer_path + ".take", "a choice's answer bound to the trace takes the argmax or argmin");
    } else if (q.is_number()) {
        q.answer = read_finite(answer, answer_path);
    } else {
        if (!answer.is_number_integer() || answer.get<long long>() < 0 ||
            answer.get<long long>() >= static_cast<long long>(q.choices.size()))
            fail(answer_path, "expected the index of the right choice, 0 to " + std::to_string(q.choices.size() - 1));
        q.answer = answer.get<double>();
    }
    for (const char* key : {"within", "too_low", "too_high"})
        if (j.contains(key) && !q.is_number()) fail(path + "." + key, "belongs to a number question (this one has choices)");
    if (j.contains("within")) {
        q.within = read_finite(j["within"], path + ".within");
        if (q.within < 0) fail(path + ".within", "must be ≥ 0");
    }
    if (q.is_number()) {
        for (const char* key : {"too_low", "too_high"})
            if (!j.contains(key)) fail(path, std::string("needs \"") + key + "\": the feedback for a wrong number");
        q.too_low = read_string(j["too_low"], path + ".too_low");
        q.too_high = read_string(j["too_high"], path + ".too_high");
        read_text(j["too_low"], path + ".too_low");
        read_text(j["too_high"], path + ".too_high");
    }
    if (j.contains("explain")) {
        q.explain = read_string(j["explain"], path + ".explain");
        read_text(j["explain"], path + ".explain");
    }
    return q;
}

Task read_task(const json& j, const std::string& path) {
    if (!j.is_object()) fail(path, "expected an object with \"goal\", \"when\" and \"solution\"");
    check_fields(j, path, {"goal", "when", "solution"});
    for (const char* key : {"goal", "when", "solution"})
        if (!j.contains(key)) fail(path, std::string("needs \"") + key + "\"");
    Task t;
    t.goal = read_string(j["goal"], path + ".goal");
    read_text(j["goal"], path + ".goal");
    t.when = read_condition(j["when"], path + ".when");
    t.solution = read_path_edits(j["solution"], path + ".solution");
    if (t.solution.empty()) fail(path + ".solution", "expected at least one edit that meets the goal");
    return t;
}

LessonStep read_step(const json& j, const std::string& path, const LessonStep* previous, const Limits& limits) {
    if (!j.is_object()) fail(path, "expected an object with \"text\"");
    check_fields(j, path, {"title", "text", "scenario", "change", "panels", "highlight", "question", "task"});
    LessonStep step;
    if (j.contains("title")) step.title = read_string(j["title"], path + ".title");
    if (!j.contains("text")) fail(path, "needs \"text\"");
    step.text = read_string(j["text"], path + ".text");
    step.spans = read_text(j["text"], path + ".text");
    if (j.contains("scenario") && j.contains("change")) fail(path, "has both \"scenario\" and \"change\": give one");
    if (j.contains("scenario")) {
        ParseResult parsed = parse_scenario_json(j["scenario"], limits);
        if (!parsed.scenario) throw FieldError(path + ".scenario." + parsed.error);
        step.scenario = std::move(*parsed.scenario);
    } else if (!previous) {
        fail(path, "the first step needs a \"scenario\"");
    } else {
        step.scenario = previous->scenario;
        if (j.contains("change")) {
            const std::string error = apply_path_edits(step.scenario, read_path_edits(j["change"], path + ".change"), limits);
            if (!error.empty()) fail(path + ".change", error);
        }
    }
    if (j.contains("panels")) {
        const json& panels = j["panels"];
        if (!panels.is_array() || panels.empty()) fail(path + ".panels", "expected a non-empty array of panel ids");
        for (std::size_t i = 0; i < panels.size(); ++i) {
            const std::string id = read_string(panels[i], at(path + ".panels", i));
            if (!find_panel(id)) {
                std::vector<std::string> ids;
                for (const PanelInfo& p : kPanels) ids.emplace_back(p.id);
                fail(at(path + ".panels", i), "unknown panel \"" + id + "\" (expected one of: " + joined(ids) + ")");
            }
            step.panels.push_back(id);
        }
    }
    if (j.contains("highlight")) {
        if (!j["highlight"].is_array()) fail(path + ".highlight", "expected an array of item names");
        for (std::size_t i = 0; i < j["highlight"].size(); ++i) {
            const std::string name = read_string(j["highlight"][i], at(path + ".highlight", i));
            check_item_name(name, at(path + ".highlight", i));
            step.highlight.push_back(name);
        }
    }
    if (j.contains("question")) step.question = read_question(j["question"], path + ".question");
    if (j.contains("task")) step.task = read_task(j["task"], path + ".task");
    return step;
}

Lesson read_lesson(const json& j, const Limits& limits) {
    if (!j.is_object()) fail("$", "expected a JSON object");
    check_fields(j, "$", {"id", "title", "summary", "steps", "explorer_version"});
    for (const char* key : {"id", "title", "summary", "steps"})
        if (!j.contains(key)) fail("$", std::string("a lesson needs \"") + key + "\"");
    Lesson lesson;
    lesson.id = read_string(j["id"], "id");
    if (!std::all_of(lesson.id.begin(), lesson.id.end(), [](unsigned char c) {
            return std::islower(c) || std::isdigit(c) || c == '-';
        }))
        fail("id", "use lower-case letters, digits and '-' (it appears in links)");
    lesson.title = read_string(j["title"], "title");
    lesson.summary = read_string(j["summary"], "summary");
    const json& steps = j["steps"];
    if (!steps.is_array() || steps.empty()) fail("steps", "expected a non-empty array of steps");
    for (std::size_t i = 0; i < steps.size(); ++i)
        lesson.steps.push_back(read_step(steps[i], at("steps", i), i ? &lesson.steps.back() : nullptr, limits));
    return lesson;
}

}  // namespace

QuantityValue right_answer(const Question& q, const attn::Trace& trace) {
    if (!q.answer_of) return {q.answer, {}};
    QuantityValue v = evaluate(trace, *q.answer_of);
    if (v.value && !q.is_number() && *v.value >= static_cast<double>(q.choices.size()))
        return {std::nullopt, "the answer is choice " + std::to_string(static_cast<std::size_t>(*v.value)) + " but there are " +
                                  std::to_string(q.choices.size()) + " choices"};
    return v;
}

Verdict judge(const Question& q, const attn::Trace& trace, double given) {
    const QuantityValue right = right_answer(q, trace);
    if (!right.value) return {false, right.error};
    if (q.is_number()) {
        if (std::fabs(given - *right.value) <= q.within) return {true, {}};
        return {false, given < *right.value ? q.too_low : q.too_high};
    }
    if (given == *right.value) return {true, {}};
    const auto index = static_cast<std::size_t>(given);
    return {false, given >= 0 && index < q.choices.size() ? q.choices[index].feedback : "no such choice"};
}

LessonParse parse_lesson(std::string_view json_text, const Limits& limits) {
    if (json_text.size() > limits.text_bytes) return {std::nullopt, "$: the lesson is larger than " + std::string(limits.who) + " limit"};
    try {
        return {read_lesson(json::parse(json_text), limits), {}};
    } catch (const FieldError& e) {
        return {std::nullopt, e.what()};
    } catch (const json::exception& e) {
        return {std::nullopt, malformed_json(e)};
    }
}

}  // namespace scenario
