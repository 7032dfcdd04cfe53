// number_text.cpp — see number_text.hpp.
#include "number_text.hpp"

#include <cmath>
#include <cstdlib>

#include "core/options.hpp"

namespace scenario {

namespace {

bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

// [+-]? (digits (. digits?)? | . digits) ([eE] [+-]? digits)?  — the whole text, nothing else.
bool is_decimal_number(std::string_view s) {
    std::size_t i = 0, n = s.size();
    auto digits = [&] {
        const std::size_t from = i;
        while (i < n && is_digit(s[i])) ++i;
        return i - from;
    };
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t mantissa = digits();
    if (i < n && s[i] == '.') {
        ++i;
        mantissa += digits();
    }
    if (mantissa == 0) return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
        if (digits() == 0) return false;
    }
    return i == n;
}

}  // namespace

NumberText read_number_text(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {std::nullopt, "the field is empty: type a number"};
    std::string s(text.substr(first, text.find_last_not_of(" \t") - first + 1));
    std::string note;
    const std::size_t comma = s.find(',');
    if (comma != std::string::npos && s.find(',', comma + 1) == std::string::npos && s.find('.') == std::string::npos) {
        const std::string typed = s;
        s[comma] = '.';
        if (is_decimal_number(s)) note = typed + " read as " + s;
    }
    if (!is_decimal_number(s))
        return {std::nullopt, "\"" + std::string(text) + "\" is not a number: type digits with a point and an "
                                                         "optional exponent, like -1.5 or 2e-3"};
    const double x = std::strtod(s.c_str(), nullptr);
    if (!(std::fabs(x) <= attn::kMaxAbsInput))
        return {std::nullopt, s + " is outside the supported range |x| ≤ 1e30"};
    return {x, note};
}

}  // namespace scenario
