// explain.hpp — one number of a trace, explained: its formula with the learner's own numbers
// filled in, and the cells it was computed from (its provenance).
//
//   w₀,₁ = e^(s'₀,₁ − m₀) / Σⱼ e^(s'₀,ⱼ − m₀) = e^(1.84 − 1.84) / 1.31 = 0.766
//
// The UI shows the text when the learner hovers a cell and highlights the source cells in the
// earlier steps; the page's API returns both. Each step's rule is written beside the code that
// computes it (explanation.hpp); steps without one (the inputs themselves, running statistics)
// get their value and their step's formula, and no sources.
//
// Read trace.hpp first; docs/trace.md lists the step ids.
#pragma once

#include <string_view>

#include "explanation.hpp"

namespace attn {

// Explain cell (row, col) of step `id` of a trace computed with `options`. Returns an empty
// explanation when the trace has no such step or cell. The result is owned and independent of
// the trace.
Explanation explain_cell(const Trace& trace, const Options& options, std::string_view id, std::size_t row,
                         std::size_t col);

}  // namespace attn
