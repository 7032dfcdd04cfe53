// attention.hpp — run one attention variant and get its trace.
//
// This is the core's front door: the UI, the CLI and the tests call run_attention and read the
// returned trace (trace.hpp). The steps themselves live in small files (scores, masks, softmax…).
#pragma once

#include <stdexcept>
#include <string>

#include "options.hpp"
#include "trace.hpp"

namespace attn {

// Thrown when inputs do not fit the variant; the message names the matrices and their shapes,
// e.g. "K has 3 columns but Q has 2: K (3, 3), Q (2, 2)".
struct ShapeError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

// Compute the variant chosen by `options` on `inputs`. Returns an owned, fully evaluated trace.
// Throws ShapeError when a matrix the variant reads is missing or of the wrong shape.
Trace run_attention(const Inputs& inputs, const Options& options);

// The variant's short name for the trace, e.g. "scaled_dot" or "multi_head/additive".
std::string variant_name(const Options& options);

}  // namespace attn
