// trace_json.hpp — a trace as JSON, the form the CLI prints and the page's trace() returns:
//   {"variant": …, "steps": [{"id", "title", "formula", "shape", "data"}], "diagnostics": {"rows": […]}}
// Matrices are arrays of rows; vector steps have a one-element shape and a flat array. A value
// that is not finite (only tiled attention's running max, −∞ before a row meets an allowed key)
// is written as null, JSON having no infinity. Step ids and fields: docs/trace.md.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/trace.hpp"

namespace scenario {

// The whole trace as one JSON value.
nlohmann::json trace_to_json(const attn::Trace& trace);

// One step: {"id", "title", "formula", "shape", "data"}.
nlohmann::json step_to_json(const attn::Step& step);

// The diagnostics: {"rows": [{"entropy", "max_weight", "argmax", "keys_for_90", "jacobian_norm", "empty"}, …]}.
nlohmann::json diagnostics_to_json(const attn::Trace& trace);

// The same JSON as trace_to_json as text, numbers in shortest form (json_text.hpp), one step per
// line. write_trace_json writes it step by step, so a large trace is never held twice in memory.
void write_trace_json(std::ostream& out, const attn::Trace& trace);
// The same text in one string; with `only`, just the steps with those ids (the page's
// attention.trace(['weights'])).
std::string trace_json_text(const attn::Trace& trace, const std::vector<std::string>* only = nullptr);

}  // namespace scenario
