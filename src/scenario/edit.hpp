// edit.hpp — edits a learner makes that touch more than one number: switching a variant's
// choices, toggling a mask cell.
//
// A scenario keeps every matrix it has ever had (each variant reads only the ones it needs), so
// switching back and forth loses nothing. What a newly chosen option reads but the scenario lacks
// is filled in here with small, readable values (identities, ones, or a seeded draw where
// identical values would hide the point, as for several heads). The core still validates the
// result; these edits only make the common switches work at once.
#pragma once

#include "scenario.hpp"

namespace scenario {

// Make the scenario's matrices fit its options: what they read and the scenario lacks, or holds
// in a shape that does not fit, is filled in — X / Y and the projections for the self, cross and
// multi-head forms (the plain form takes the projected Q, K, V), W_a, U_a, v_a for the general
// and additive scores, W_p, v_p for local-p, a custom mask, key lengths, decoder states and
// W_c / W_O for the uses of the context. Matrices that fit are kept, and Q, K, V the learner gave
// are never rewritten (a dot score of Q and K of different widths stays refused, with both
// widths named); heads reset to 1 outside multi-head attention.
void fit_inputs(Scenario& s);

// Flip cell (t, j) of the mask. shown: the (T, S) mask the learner sees (the trace's "mask"
// step). The mask becomes "custom" with `shown` as its start, so the click changes exactly one cell.
void toggle_mask_cell(Scenario& s, const attn::Matrix& shown, std::size_t t, std::size_t j);

}  // namespace scenario
