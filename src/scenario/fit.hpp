// fit.hpp — make a scenario's matrices fit its options after a learner switches a choice.
//
// A scenario keeps every matrix it has ever had (each variant reads only the ones it needs), so
// switching back and forth loses nothing. What a newly chosen option reads but the scenario lacks
// is filled in here, from the choice's descriptor (core/choices.hpp), with small, readable values
// (identities, ones, or a seeded draw where identical values would hide the point, as for several
// heads). The core still validates the result; this only makes the common switches work at once.
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

// Whether the form reads one sequence for both sides: self-attention, or multi-head without Y.
// Its tokens then label the queries and the keys alike.
bool one_sequence(const Scenario& s);

}  // namespace scenario
