// gradient_step.hpp — one step of gradient descent, as an edit: the learner's "take one step".
//
// The backward pass (core/attention.hpp, options.loss) writes ∂L/∂x for every input x it reads
// as the step "grad.<x>". A step moves the chosen inputs against their gradients, x ← x − η·∂L/∂x,
// so that the next recompute has a lower loss for a small enough η. It is an edit like any other:
// it goes through the history and can be undone.
#pragma once

#include <string>
#include <vector>

#include "core/trace.hpp"
#include "scenario.hpp"

namespace scenario {

// The scenario's inputs the step can move: those the chosen variant reads as they are (not the
// computed Q, K, V of a projected form) and that `trace` has a gradient of, in teaching order.
std::vector<std::string> learnable_inputs(const Scenario& s, const attn::Trace& trace);

// x ← x − η·∂L/∂x for each input in `names`, with the gradients of `trace` (computed from `s`).
// Returns why it cannot (η not positive and finite, a name that is not learnable, a value that
// would leave the range every input obeys) and changes
// nothing, or "" when done.
std::string take_gradient_step(Scenario& s, const attn::Trace& trace, double eta, const std::vector<std::string>& names);

}  // namespace scenario
