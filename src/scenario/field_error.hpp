// field_error.hpp — how the readers of shared files (scenarios, lessons) report the first problem:
// a FieldError whose text starts with the JSON path of the offending field ("steps[2].task.when:
// …"), thrown where it is found and caught once at the top, so the parse functions never throw.
#pragma once

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace scenario {

struct FieldError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

[[noreturn]] inline void fail(const std::string& path, const std::string& what) { throw FieldError(path + ": " + what); }

// A finite number with |x| ≤ 1e30 (core/options.hpp's kMaxAbsInput), or a FieldError at `path`.
double read_number(const nlohmann::json& j, const std::string& path);
// An integer in [lo, hi], or a FieldError at `path`.
int read_int(const nlohmann::json& j, const std::string& path, int lo, int hi);

// "path[i]", as the messages write an array's element.
inline std::string at(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

// "$: malformed JSON (parse error at line 1, column 2: …)": a parser's message without its code,
// bytes outside printable ASCII written as \xNN (it quotes the bytes last read, which need not be
// text), so a message never carries broken UTF-8 or control characters.
std::string malformed_json(const nlohmann::json::exception& e);

}  // namespace scenario
