// readings.hpp — a trace's per-query diagnostics in plain words, for the learner.
//
//   "it" attends almost only to "cat" (0.97). Its softmax is saturated: …
//
// Read off the trace's diagnostics (core/trace.hpp's RowDiagnostics) and its weights, with the
// scenario's token labels; nothing is recomputed. The Diagnostics panel shows these sentences
// and the page's live text alternative reads them out.
#pragma once

#include <string>
#include <vector>

#include "core/trace.hpp"

namespace scenario {

// Thresholds of the wording, named so that the sentences and their tests agree.
inline constexpr double kAlmostOnly = 0.9;       // max weight from which a query "attends almost only" to one key
inline constexpr double kAlmostEven = 0.95;     // entropy / ln S from which attention is "almost even"
inline constexpr double kSaturatedPeak = 0.99;   // with a gradient norm below kSaturatedGradient: saturated
inline constexpr double kSaturatedGradient = 0.02;

// One sentence per query row of the trace's weights. Labels default to "query 0", "key 2".
std::vector<std::string> read_diagnostics(const attn::Trace& trace, const std::vector<std::string>& query_tokens,
                                          const std::vector<std::string>& key_tokens);

}  // namespace scenario
