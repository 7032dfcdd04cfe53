// trace_json.hpp — a trace as JSON, the form the CLI prints and the page's trace() returns:
//   {"variant": …, "steps": [{"id", "title", "formula", "shape", "data"}], "diagnostics": {…}}
// Matrices are arrays of rows; vector steps have a one-element shape and a flat array.
#pragma once

#include <nlohmann/json.hpp>

#include "core/trace.hpp"

namespace scenario {

nlohmann::json trace_to_json(const attn::Trace& trace);

}  // namespace scenario
