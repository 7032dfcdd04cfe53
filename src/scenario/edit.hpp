// edit.hpp — edits a learner makes that touch more than one number: tokens, widths, a mask
// click, whole rows; switching a variant's choices is fit.hpp's.
//
// New rows and columns start as zeros or seeded draws (starting_values.hpp); after a change of
// width, fit_inputs repairs every other shape.
#pragma once

#include <cstdint>
#include <string>

#include "fit.hpp"
#include "scenario.hpp"

namespace scenario {

// Flip cell (t, j) of the mask. shown: the (T, S) mask the learner sees (the trace's "mask"
// step). The mask becomes "custom" with `shown` as its start, so the click changes exactly one cell.
void toggle_mask_cell(Scenario& s, const attn::Matrix& shown, std::size_t t, std::size_t j);

// [SECTION] Tokens and dimensions

// The two sides of attention: the queries (rows of Q or X) and the keys (rows of K and V, of Y,
// or of X again in self-attention, where the two sides are one sequence).
enum class Side { queries, keys };

// Add a token at the end of a side: a row in every matrix whose rows are that side's tokens
// (drawn in quarter steps with `seed`; the decoder states and a custom mask grow too), labelled
// `label`. In self-attention a token joins both sides.
void add_token(Scenario& s, Side side, const std::string& label, std::uint64_t seed);

// Remove token `index` of a side. Returns an error message, or "" when done; the last token of a
// side cannot be removed.
std::string remove_token(Scenario& s, Side side, std::size_t index);

// The widths a learner can change: the query/key width d_k (plain form) or the model width d
// (columns of X), and the value width d_v (plain form).
enum class Width { query_key, value };

// Add a column of zeros to the matrices of that width, so every result stays as it was until the
// learner edits the new column; remove one (the last column of that width cannot be removed).
// Matrices that multiply those columns grow or shrink with them (W_Q's rows for X's columns, …);
// fit_inputs then repairs any other shape. remove_width returns an error message or "".
void add_width(Scenario& s, Width width);
std::string remove_width(Scenario& s, Width width, std::size_t column);
std::string remove_last_width(Scenario& s, Width width);  // the width's last column

// [SECTION] Values

// Fill matrix `name` with values in quarter steps from −1 to 1, drawn with `seed`.
void randomise(Scenario& s, const std::string& name, std::uint64_t seed);

// Scale row `row` of matrix `name` to length 1 (a zero row stays zero).
void normalise_row(Scenario& s, const std::string& name, std::size_t row);

// Replace row `row` of matrix `name` with the numbers in `text` ("1, 0.5, -2" or "1 0.5 -2", as
// copied from a spreadsheet or NumPy). Returns an error message and changes nothing when the text
// does not hold exactly one finite number per column, or "" when done.
std::string paste_row(Scenario& s, const std::string& name, std::size_t row, const std::string& text);

}  // namespace scenario
