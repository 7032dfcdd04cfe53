// choices_json.cpp — the descriptors as JSON. See choices_json.hpp.
#include "choices_json.hpp"

#include <string>

#include "core/choices.hpp"

namespace scenario {

namespace {

using nlohmann::json;

const char* fill_name(attn::Fill fill) {
    switch (fill) {
        case attn::Fill::given: return "given";
        case attn::Fill::identity: return "identity";
        case attn::Fill::ones: return "ones";
        case attn::Fill::halves: return "halves";
        case attn::Fill::half_and_half: return "half_and_half";
        case attn::Fill::drawn: return "drawn";
    }
    return "";
}

// "general additive" → ["general", "additive"]
json words(std::string_view text) {
    json out = json::array();
    while (!text.empty()) {
        const std::size_t space = text.find(' ');
        out.push_back(std::string(text.substr(0, space)));
        text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
    }
    return out;
}

template <typename Enum>
json value_json(const attn::Choice<Enum>& c) {
    json reads = json::array(), options = json::array(), refuses = json::array();
    for (const attn::MatrixRead& r : c.reads)
        reads.push_back({{"name", r.name}, {"shape", r.shape}, {"fill", fill_name(r.fill)}, {"if_absent", words(r.if_absent)}});
    for (const attn::OptionRead& o : c.options) options.push_back({{"name", o.name}, {"min", o.min}});
    for (const attn::Refusal& r : c.refuses)
        refuses.push_back({{"kind", r.kind}, {"values", words(r.values)}, {"except", r.except}, {"why", r.why}});
    return {{"name", c.name}, {"paper", c.paper},   {"help", c.help},       {"formula", c.formula},
            {"reads", reads}, {"options", options}, {"same", words(c.same)}, {"refuses", refuses},
            {"steps", words(c.steps)}};
}

}  // namespace

json choices_json() {
    json kinds = json::array();
    attn::for_each_kind([&](const auto& kind) {
        json values = json::array();
        for (const auto& c : kind.choices()) values.push_back(value_json(c));
        kinds.push_back({{"key", kind.key}, {"label", kind.label}, {"help", kind.help}, {"in_options", kind.in_options},
                         {"values", values}});
    });
    json int_options = json::array();
    for (const attn::IntOption& o : attn::kIntOptions)
        int_options.push_back({{"name", o.name}, {"label", o.label}, {"min", o.min}, {"max", o.max}});
    return {{"kinds", kinds}, {"int_options", int_options}};
}

}  // namespace scenario
