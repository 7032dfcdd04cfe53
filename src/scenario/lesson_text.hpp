// lesson_text.hpp — a lesson step's text, read into spans the lesson view draws:
//
//   "The *weights* sum to 1: `softmax` turns $sₜⱼ$ into {weights[0][1]} for cat."
//    plain, emphasis (*…*), code (`…`), formula ($…$), and a live value ({reference})
//
// A live value quotes the trace (trace_ref.hpp) as the explanations print numbers (three
// significant digits), so the text can never state a number the computation contradicts.
// Inside code and formulas the other markers are plain characters. A blank line ("\n\n") starts
// a new paragraph; a single newline is a space.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trace_ref.hpp"

namespace scenario {

struct TextSpan {
    enum class Kind { plain, emphasis, code, formula, value, paragraph } kind = Kind::plain;
    std::string text;  // the characters shown; for a value, the reference as written
    TraceRef ref;      // value only
};

// The spans of `text`, or nullopt with `error` set (an unclosed marker, a bad reference).
std::optional<std::vector<TextSpan>> parse_lesson_text(std::string_view text, std::string& error);

// A value span's number as the text shows it, or why the trace does not hold one.
struct ValueText {
    std::string text;
    std::string error;
};
ValueText value_text(const attn::Trace& trace, const TraceRef& ref);

}  // namespace scenario
