// attention-cli — read a scenario (JSON, from a file or stdin) and print its full trace as JSON.
//
//   attention-cli scenario.json      attention-cli < scenario.json      attention-cli -
//   attention-cli --choices          every choice's descriptor (core/choices.hpp) as JSON
//   attention-cli lesson check FILE  validate a lesson (docs/lessons.md) and compute every step
//   attention-cli lesson list        the built-in lessons as JSON: [{"id", "title", "steps"}]
//   attention-cli --version          the release, as the explorer's About line shows it
//
// It calls the same core and trace functions as the explorer, so the steps, ids and formulas are
// the same (docs/trace.md); the scenario schema and limits are in docs/scenario.md. Bad input
// gets exactly one line on stderr and exit code 2, and nothing on stdout: the trace is printed
// only once it has been computed in full.
#include <iostream>
#include <new>
#include <string>

#include "scenario/choices_json.hpp"
#include "scenario/lesson_check.hpp"
#include "scenario/lessons.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/trace_json.hpp"
#include "scenario/version.hpp"

namespace {

constexpr int kBadInput = 2;
constexpr int kInternalError = 1;
constexpr const char* kUsage =
    "usage: attention-cli [scenario.json | - | --choices | --version | lesson check FILE | lesson list]";

// One line on stderr: newlines inside the message become spaces.
int report(int code, std::string message) {
    for (char& c : message)
        if (c == '\n' || c == '\r') c = ' ';
    std::cerr << "attention-cli: " << message << "\n";
    return code;
}

// `lesson check FILE`: one line saying what the lesson holds, or its first problem.
int check_lesson_file(const std::string& path) {
    const scenario::FileText input = scenario::read_scenario_file(path, scenario::kFileLimits.text_bytes);
    if (!input.error.empty()) return report(kBadInput, input.error);
    const scenario::LessonParse parsed = scenario::parse_lesson(input.text);
    if (!parsed.lesson) return report(kBadInput, path + ": " + parsed.error);
    const scenario::LessonCheck check = scenario::check_lesson(*parsed.lesson);
    if (!check.error.empty()) return report(kBadInput, path + ": " + check.error);
    std::cout << path << ": lesson \"" << parsed.lesson->id << "\", " << parsed.lesson->steps.size() << " steps, "
              << check.questions << (check.questions == 1 ? " question, " : " questions, ") << check.tasks
              << (check.tasks == 1 ? " task: ok\n" : " tasks: ok\n");
    return 0;
}

int list_lessons() {
    nlohmann::json list = nlohmann::json::array();
    for (const scenario::Lesson& lesson : scenario::builtin_lessons())
        list.push_back({{"id", lesson.id}, {"title", lesson.title}, {"steps", lesson.steps.size()}});
    std::cout << list.dump(1) << "\n";
    return std::cout ? 0 : report(kInternalError, "could not write the lessons to stdout");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && std::string(argv[1]) == "lesson") {
        if (argc == 4 && std::string(argv[2]) == "check") return check_lesson_file(argv[3]);
        if (argc == 3 && std::string(argv[2]) == "list") return list_lessons();
        return report(kBadInput, kUsage);
    }
    // 1. Read the whole input.
    if (argc > 2) return report(kBadInput, kUsage);
    const std::string path = argc == 2 ? argv[1] : "-";
    if (path == "--help" || path == "-h") {
        std::cout << kUsage << "\nPrints the attention trace of a scenario as JSON (docs/scenario.md, docs/trace.md).\n";
        return 0;
    }
    if (path == "--version") {
        std::cout << "attention-cli " << scenario::explorer_version() << "\n";
        return 0;
    }
    if (path == "--choices") {
        std::cout << scenario::choices_json().dump(1) << "\n";
        return std::cout ? 0 : report(kInternalError, "could not write the choices to stdout");
    }
    scenario::FileText input = path == "-"
        ? scenario::read_scenario_stream(std::cin, "standard input", scenario::kFileLimits.text_bytes)
        : scenario::read_scenario_file(path, scenario::kFileLimits.text_bytes);
    if (!input.error.empty()) return report(kBadInput, input.error);
    std::string text = std::move(input.text);

    // 2. Validate, 3. compute, 4. print only when everything succeeded.
    try {
        scenario::ParseResult parsed = scenario::parse_scenario(text);
        if (!parsed.scenario) return report(kBadInput, parsed.error);
        text = std::string();  // release the input before the trace is built
        const attn::Trace trace = scenario::compute_trace(*parsed.scenario);
        scenario::write_trace_json(std::cout, trace);
        std::cout.flush();
        if (!std::cout) return report(kInternalError, "could not write the trace to stdout");
    } catch (const attn::ShapeError& e) {
        return report(kBadInput, e.what());
    } catch (const std::bad_alloc&) {
        return report(kBadInput, "out of memory: the scenario is too large for this machine");
    } catch (const std::exception& e) {
        return report(kInternalError, std::string("internal error: ") + e.what());
    }
    return 0;
}
