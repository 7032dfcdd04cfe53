// lesson_text.cpp — see lesson_text.hpp.
#include "lesson_text.hpp"

#include "core/explanation.hpp"

namespace scenario {

std::optional<std::vector<TextSpan>> parse_lesson_text(std::string_view text, std::string& error) {
    std::vector<TextSpan> spans;
    std::string plain;
    const auto flush = [&] {
        if (!plain.empty()) spans.push_back({TextSpan::Kind::plain, plain, {}});
        plain.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == '\n') {
            if (i + 1 < text.size() && text[i + 1] == '\n') {
                flush();
                spans.push_back({TextSpan::Kind::paragraph, {}, {}});
                while (i < text.size() && text[i] == '\n') ++i;
            } else {
                plain += ' ';
                ++i;
            }
            continue;
        }
        const char close = c == '*' ? '*' : c == '`' ? '`' : c == '$' ? '$' : c == '{' ? '}' : '\0';
        if (!close) {
            if (c == '}') {
                error = "a '}' at character " + std::to_string(i) + " closes no {reference}";
                return std::nullopt;
            }
            plain += c;
            ++i;
            continue;
        }
        const std::size_t end = text.find(close, i + 1);
        if (end == std::string_view::npos || end == i + 1) {
            error = std::string("the '") + c + "' at character " + std::to_string(i) +
                    (end == i + 1 ? " encloses nothing" : " is never closed");
            return std::nullopt;
        }
        flush();
        const std::string inner(text.substr(i + 1, end - i - 1));
        TextSpan span{c == '*' ? TextSpan::Kind::emphasis : c == '`' ? TextSpan::Kind::code
                      : c == '$' ? TextSpan::Kind::formula : TextSpan::Kind::value, inner, {}};
        if (span.kind == TextSpan::Kind::value) {
            const auto ref = parse_trace_ref(inner, error);
            if (!ref) return std::nullopt;
            span.ref = *ref;
        }
        spans.push_back(std::move(span));
        i = end + 1;
    }
    flush();
    return spans;
}

ValueText value_text(const attn::Trace& trace, const TraceRef& ref) {
    const QuantityValue v = evaluate(trace, Quantity{ref, Take::value});
    if (!v.value) return {"?", v.error};
    return {attn::format_number(*v.value), {}};
}

}  // namespace scenario
