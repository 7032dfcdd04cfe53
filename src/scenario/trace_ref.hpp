// trace_ref.hpp — numbers of a trace named in a lesson's text, questions and tasks:
//
//   weights[0][1]    one cell of a step (row 0, column 1)       grad.Q      a whole step
//   weights[0]       one row                                    entropy[2]  a query's diagnostic
//
// The name is a step id (docs/trace.md: "scores", "head1.weights", "grad.W_Q", "loss") or one of
// the per-query diagnostics (kDiagnostics). A Quantity reduces the numbers named to one: the
// value of a single cell, or the max, min, spread, sum, argmax or argmin of several. Reading a
// reference that the trace does not hold gives a message, never a number.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/trace.hpp"

namespace scenario {

// The per-query diagnostics a reference may name, as vectors over the queries (core/trace.hpp).
inline constexpr std::array<std::string_view, 4> kDiagnostics{"entropy", "max_weight", "keys_for_90", "jacobian_norm"};

struct TraceRef {
    std::string name;                // a step id or a diagnostic
    std::optional<std::size_t> row;  // absent: every row
    std::optional<std::size_t> col;  // absent: every column (needs a row)
};

// Parse "name[row][col]"; nullopt with `error` set when the text is not one.
std::optional<TraceRef> parse_trace_ref(std::string_view text, std::string& error);
std::string to_string(const TraceRef& ref);

// The numbers a reference names, row by row, or why it names none in this trace.
struct RefValues {
    std::vector<double> values;
    std::string error;
};
RefValues read_ref(const attn::Trace& trace, const TraceRef& ref);

// [SECTION] Quantities

enum class Take { value, max, min, spread, sum, argmax, argmin };
inline constexpr std::array<std::string_view, 7> kTakeNames{"value", "max", "min", "spread", "sum", "argmax", "argmin"};

struct Quantity {
    TraceRef of;
    Take take = Take::value;  // "value" needs exactly one number
};

struct QuantityValue {
    std::optional<double> value;  // argmax/argmin: the index within the numbers named
    std::string error;
};
QuantityValue evaluate(const attn::Trace& trace, const Quantity& quantity);

}  // namespace scenario
