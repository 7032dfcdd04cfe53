// explain.hpp — one number of a trace, explained: its formula with the learner's own numbers
// filled in, and the cells it was computed from (its provenance).
//
//   w₀,₁ = e^(s'₀,₁ − m₀) / Σⱼ e^(s'₀,ⱼ − m₀) = e^(1.84 − 1.84) / 1.31 = 0.766
//
// The UI shows the text when the learner hovers a cell and highlights the source cells in the
// earlier steps; the page's API returns both. Everything is read from the trace (the row max and
// row sum above are recomputed from the "scaled" and "mask" steps), so an explanation always
// matches the numbers on screen. Steps without a cell-level rule (the inputs themselves, running
// statistics) get their value and their step's formula, and no sources.
//
// Read trace.hpp first; docs/trace.md lists the step ids explained here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "options.hpp"
#include "trace.hpp"

namespace attn {

// A rectangle of cells of one step: rows [row0, row1) × columns [col0, col1).
struct CellRange {
    std::string step;  // step id, e.g. "scaled" or "head1.weights"
    std::size_t row0, row1, col0, col1;
    bool contains(std::string_view id, std::size_t row, std::size_t col) const {
        return id == step && row >= row0 && row < row1 && col >= col0 && col < col1;
    }
};

struct Explanation {
    std::string text;                // the formula, filled in, ending "= value"; empty if no such cell
    std::vector<CellRange> sources;  // the cells it was computed from, in earlier steps
};

// Explain cell (row, col) of step `id` of a trace computed with `options`. Returns an empty
// explanation when the trace has no such step or cell. The result is owned and independent of
// the trace.
Explanation explain_cell(const Trace& trace, const Options& options, std::string_view id, std::size_t row,
                         std::size_t col);

// A number as the explanations print it: three significant digits, trailing zeros kept ("2.60"),
// a true minus sign ("−0.500").
std::string format_number(double x);

}  // namespace attn
