// condition.hpp — a lesson task's goal, a condition on the live trace, as the lesson file writes it:
//
//   {"of": "weights[0][1]", "above": 0.9}                  the weight on key 1 exceeds 0.9
//   {"of": "weights[0]", "take": "spread", "below": 0.1}   every weight within 0.1 of the others
//   {"of": "weights[0]", "take": "argmax", "equals": 2}    key 2 gets the most weight
//   {"all": [ … ]}   {"any": [ … ]}                        every one, or at least one, of several
//
// A comparison's quantity is trace_ref.hpp's; "equals" holds within "within" (default 1e-9).
// The explorer checks the condition after every edit; a test applies the task's solution and
// checks it there (lesson_check.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "trace_ref.hpp"

namespace scenario {

struct Condition {
    enum class Kind { compare, all, any } kind = Kind::compare;
    // compare: the quantity and its bounds (at least one is set)
    Quantity quantity;
    std::optional<double> above, below, equals;
    double within = 1e-9;
    // all, any
    std::vector<Condition> parts;
};

struct ConditionValue {
    bool met = false;
    std::string error;  // a quantity the trace does not hold: not met, and why
};
ConditionValue evaluate(const attn::Trace& trace, const Condition& condition);

// [SECTION] Reading them from a lesson file (throw FieldError naming `path`)

Condition read_condition(const nlohmann::json& j, const std::string& path);
// {"of": "weights[0]", "take": "max"}: the reference and what to take of it.
Quantity read_quantity(const nlohmann::json& j, const std::string& path);
double read_finite(const nlohmann::json& j, const std::string& path);

}  // namespace scenario
