// condition.cpp — see condition.hpp.
#include "condition.hpp"

#include <cmath>

#include "field_error.hpp"

namespace scenario {

using nlohmann::json;

ConditionValue evaluate(const attn::Trace& trace, const Condition& c) {
    if (c.kind != Condition::Kind::compare) {
        const bool all = c.kind == Condition::Kind::all;
        for (const Condition& part : c.parts) {
            const ConditionValue v = evaluate(trace, part);
            if (!v.error.empty()) return v;
            if (v.met != all) return {!all, {}};
        }
        return {all, {}};
    }
    const QuantityValue q = evaluate(trace, c.quantity);
    if (!q.value) return {false, q.error};
    const double x = *q.value;
    const bool met = (!c.above || x > *c.above) && (!c.below || x < *c.below) &&
                     (!c.equals || std::fabs(x - *c.equals) <= c.within);
    return {met, {}};
}

double read_finite(const json& j, const std::string& path) {
    if (!j.is_number() || !std::isfinite(j.get<double>())) fail(path, "expected a finite number");
    return j.get<double>();
}

Quantity read_quantity(const json& j, const std::string& path) {
    if (!j.is_object() || !j.contains("of")) fail(path, "expected {\"of\": \"weights[0][1]\"}, with \"take\" where it names several numbers");
    Quantity q;
    for (const auto& [key, value] : j.items()) {
        if (key == "of") {
            if (!value.is_string()) fail(path + ".of", "expected a reference such as \"weights[0][1]\"");
            std::string error;
            const auto ref = parse_trace_ref(value.get<std::string>(), error);
            if (!ref) fail(path + ".of", error);
            q.of = *ref;
        } else if (key == "take") {
            std::string names;
            bool found = false;
            for (std::size_t i = 0; i < kTakeNames.size(); ++i) {
                names += (i ? ", " : "") + std::string(kTakeNames[i]);
                if (value.is_string() && value.get<std::string>() == kTakeNames[i]) {
                    q.take = static_cast<Take>(i);
                    found = true;
                }
            }
            if (!found) fail(path + ".take", "expected one of: " + names);
        }
    }
    return q;
}

Condition read_condition(const json& j, const std::string& path) {
    if (!j.is_object()) fail(path, "expected an object: {\"of\": …, \"above\": …}, {\"all\": […]} or {\"any\": […]}");
    Condition c;
    if (j.contains("all") || j.contains("any")) {
        const std::string key = j.contains("all") ? "all" : "any";
        if (j.size() != 1) fail(path, "\"" + key + "\" stands alone in its object");
        const json& parts = j[key];
        if (!parts.is_array() || parts.empty()) fail(path + "." + key, "expected a non-empty array of conditions");
        c.kind = key == "all" ? Condition::Kind::all : Condition::Kind::any;
        for (std::size_t i = 0; i < parts.size(); ++i) c.parts.push_back(read_condition(parts[i], at(path + "." + key, i)));
        return c;
    }
    c.quantity = read_quantity(j, path);
    for (const auto& [key, value] : j.items()) {
        const std::string field = path + "." + key;
        if (key == "above") c.above = read_finite(value, field);
        else if (key == "below") c.below = read_finite(value, field);
        else if (key == "equals") c.equals = read_finite(value, field);
        else if (key == "within") {
            c.within = read_finite(value, field);
            if (c.within < 0) fail(field, "must be ≥ 0");
        } else if (key != "of" && key != "take")
            fail(field, "unknown field (expected of, take, above, below, equals, within, all or any)");
    }
    if (!c.above && !c.below && !c.equals) fail(path, "says nothing to check: give \"above\", \"below\" or \"equals\"");
    if (j.contains("within") && !c.equals) fail(path + ".within", "belongs with \"equals\"");
    return c;
}

}  // namespace scenario
