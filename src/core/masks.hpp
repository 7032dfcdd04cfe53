// masks.hpp — which keys each query may attend to.
//
// A mask is a (T, S) matrix of 1 (may attend) and 0 (masked). Read softmax.hpp for what a fully
// masked row becomes.
#pragma once

#include <string>

#include "options.hpp"

namespace attn {

// The (T, S) 0/1 mask for options.mask. Returns an owned matrix.
Matrix build_mask(const Options& options, std::size_t T, std::size_t S);

// The mask's rule as a formula, e.g. "M(t, j) = [j ≤ t]".
std::string mask_formula(Mask mask);

}  // namespace attn
