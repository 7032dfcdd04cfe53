// attention.hpp — run one attention variant and get its trace.
//
// This is the core's front door: the UI, the CLI and the tests call run_attention (or, to reuse
// the buffers of a previous trace while editing live, run_attention_into) and read the trace
// (trace.hpp). A variant is a path through one pipeline (options.hpp gives its stages), whose
// stages live in small files: projections and multi_head form Q, K, V; attend runs one head
// through the others (its header names their files); context_use and diagnostics follow. Each
// stage's file also holds the descriptors of its choices (choices.hpp). validate.hpp guards the
// door. The step ids of every variant are listed in docs/trace.md.
#pragma once

#include <stdexcept>
#include <string>

#include "options.hpp"
#include "trace.hpp"

namespace attn {

// Thrown when the inputs and options do not fit together: a missing matrix, disagreeing shapes,
// a non-finite value, or an option that makes no sense for them. The message names the matrices
// and their shapes, e.g. "K has 2 columns but Q has 3 columns: Q (1, 3), K (3, 2)".
struct ShapeError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

// Compute the variant chosen by `options` on `inputs`. Returns an owned, fully evaluated trace.
// Throws ShapeError before computing anything when the inputs do not fit the variant.
Trace run_attention(const Inputs& inputs, const Options& options);

// The same, rewriting `trace` in place: buffers whose shape is unchanged are reused, so live
// editing allocates nothing. On ShapeError `trace` is left exactly as it was.
void run_attention_into(Trace& trace, const Inputs& inputs, const Options& options);

// The variant's short name for the trace: [form/]score[+mask][+normalise][+algorithm][+use],
// leaving out the defaults (plain, none, softmax, standard, none), e.g. "scaled_dot" or
// "multi_head/scaled_dot+causal".
std::string variant_name(const Options& options);

}  // namespace attn
