// json_text.cpp — see json_text.hpp.
#include "json_text.hpp"

#include <cmath>
#include <iterator>

#include <fmt/format.h>

namespace scenario {

void append_number(std::string& out, double x) {
    if (!std::isfinite(x)) {
        out += "null";
        return;
    }
    const std::size_t start = out.size();
    fmt::format_to(std::back_inserter(out), "{}", x);  // shortest round trip: "1e-07", "1e+30", "0.5"
    // Exponents as JavaScript writes them: "1e-7", "1e30".
    const std::size_t e = out.find('e', start);
    if (e == std::string::npos) return;
    std::size_t digits = e + 1;
    if (out[digits] == '+') out.erase(digits, 1);
    else if (out[digits] == '-') ++digits;
    while (digits + 1 < out.size() && out[digits] == '0') out.erase(digits, 1);
}

void append_json(std::string& out, const nlohmann::json& j) {
    using nlohmann::json;
    switch (j.type()) {
        case json::value_t::object: {
            out += '{';
            bool first = true;
            for (const auto& [key, value] : j.items()) {
                if (!first) out += ',';
                first = false;
                out += json(key).dump(-1, ' ', false, json::error_handler_t::replace);
                out += ':';
                append_json(out, value);
            }
            out += '}';
            break;
        }
        case json::value_t::array: {
            out += '[';
            for (std::size_t i = 0; i < j.size(); ++i) {
                if (i) out += ',';
                append_json(out, j[i]);
            }
            out += ']';
            break;
        }
        case json::value_t::number_float: append_number(out, j.get<double>()); break;
        default: out += j.dump(-1, ' ', false, json::error_handler_t::replace); break;  // strings, integers, booleans, null
    }
}

std::string dump_json(const nlohmann::json& j) {
    std::string out;
    append_json(out, j);
    return out;
}

}  // namespace scenario
