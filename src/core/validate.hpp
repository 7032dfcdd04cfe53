// validate.hpp — refuse inputs and options that do not fit together, before computing anything.
//
// Every variant reads some of Inputs' matrices; validate_inputs checks that each of those is
// present, that their shapes agree, that every value is finite with |x| ≤ kMaxAbsInput, and that
// the options make sense for them (heads divide the projection widths, the combination is one
// the papers define, …). The message names the matrices or options involved and both shapes:
//   "K has 2 columns but Q has 3 columns: Q (1, 3), K (3, 2)".
// Because of this gate the stages after it never throw, so a refused edit leaves a trace as it was.
#pragma once

#include "options.hpp"

namespace attn {

// Throws ShapeError (attention.hpp) with the first problem found; returns when the inputs fit.
void validate_inputs(const Inputs& in, const Options& options);

}  // namespace attn
