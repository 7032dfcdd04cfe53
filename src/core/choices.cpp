// choices.cpp — lookups over the descriptors. The descriptors themselves sit beside the code
// that computes each choice (choices.hpp lists where).
#include "choices.hpp"

#include <string>

namespace attn {

std::string_view chosen_name(const Options& options, std::string_view key) {
    std::string_view name;
    for_each_kind([&](const auto& kind) {
        if (kind.key == key) name = chosen(kind, options).name;
    });
    return name;
}

// Whether the chosen value of r.kind is among r.values (or, with r.except, is not).
bool refuses(const Refusal& r, const Options& o) {
    const std::string_view value = chosen_name(o, r.kind);
    bool listed = false;
    for (std::string_view values = r.values; !values.empty();) {
        const std::size_t space = values.find(' ');
        listed |= values.substr(0, space) == value;
        values = space == std::string_view::npos ? std::string_view() : values.substr(space + 1);
    }
    return listed != r.except;
}

// r.why with each "{kind}" replaced by that kind's chosen value: {mask} → mask "causal".
std::string refusal_message(const Refusal& r, const Options& o) {
    std::string out(r.why);
    for_each_kind([&](const auto& kind) {
        const std::string field = "{" + std::string(kind.key) + "}";
        for (std::size_t at = out.find(field); at != std::string::npos; at = out.find(field))
            out.replace(at, field.size(), std::string(kind.key) + " \"" + std::string(chosen(kind, o).name) + "\"");
    });
    return out;
}

std::string first_refusal(const Options& o) {
    std::string message;
    for_each_kind([&](const auto& kind) {
        for (const Refusal& r : chosen(kind, o).refuses)
            if (message.empty() && refuses(r, o)) message = refusal_message(r, o);
    });
    return message;
}

std::string fixed_by(std::string_view key, const Options& o) {
    std::string why;
    for_each_kind([&](const auto& kind) {
        const auto& c = chosen(kind, o);
        for (const Refusal& r : c.refuses)
            if (why.empty() && r.kind == key && r.except && r.values.find(' ') == std::string_view::npos)
                why = "Set by " + std::string(kind.key) + " \"" + std::string(c.name) + "\"" +
                      (c.paper.empty() ? "" : " (" + std::string(c.paper) + ")") + ", which takes only \"" +
                      std::string(r.values) + "\".";
    });
    return why;
}

const IntOption* find_int_option(std::string_view name) {
    for (const IntOption& option : kIntOptions)
        if (option.name == name) return &option;
    return nullptr;
}

}  // namespace attn
