// scenario.hpp — what a learner edits and shares: variant options, tokens and named matrices.
//
// A scenario is plain data. parse_scenario validates JSON and names the offending field
// ("matrices.Q[1][0]: expected a finite number"); to_json writes it back. compute_trace runs the
// core on it. The JSON schema is documented in docs/scenario.md. Presets live in presets.hpp.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "application.hpp"
#include "core/attention.hpp"

namespace scenario {

// Documented limits (docs/scenario.md): larger inputs are refused with a message, never attempted.
inline constexpr std::size_t kMaxTokens = 1024;  // rows of Q, K, V, X, Y, H: T and S
inline constexpr std::size_t kMaxWidth = 1024;   // columns of any matrix, entries of a vector
inline constexpr std::size_t kMaxRows = 1024;    // rows of any matrix (tokens or a width, as for W_Q)
// Integer options have their ranges in core/choices.hpp's kIntOptions.

// The limits that differ by entry point. Files (attention-cli, the desktop app) take what the core
// computes in seconds; the page takes what a browser tab can also show and serialise as JSON
// within its memory, and in 15 s on a 2-core machine (tests/bench/page_bench.mjs measures it).
struct Limits {
    const char* who;             // for messages: "the page's limit of …"
    std::size_t score_cells;     // T·S·n_h: each per-head step holds T·S numbers
    std::size_t additive_terms;  // T·S·d_a tanh terms of the additive score
    std::size_t text_bytes;      // the scenario's JSON text
};
inline constexpr Limits kFileLimits{"the", std::size_t{1} << 23, std::size_t{1} << 26, std::size_t{256} << 20};
inline constexpr Limits kPageLimits{"the page's", std::size_t{1} << 20, std::size_t{1} << 24, std::size_t{32} << 20};

struct Scenario {
    std::string title;                          // a short name for the explorer's header (optional)
    std::string description;                    // one or two sentences for the learner (optional)
    attn::Options options;
    std::vector<std::string> query_tokens;      // one label per row of Q (or X)
    std::vector<std::string> key_tokens;        // one label per row of K (or X / Y)
    std::map<std::string, attn::Matrix> matrices;  // by paper name: "Q", "W_a", "v_a" (as one row), …
    std::optional<Application> application;     // the view its field draws it with (application.hpp)
};

// A parsed scenario or the first error, which names its JSON path.
struct ParseResult {
    std::optional<Scenario> scenario;
    std::string error;
};

// Parse and validate JSON text within `limits`. Never throws.
ParseResult parse_scenario(std::string_view json_text, const Limits& limits = kFileLimits);
// Validate an already-parsed JSON value. Never throws.
ParseResult parse_scenario_json(const nlohmann::json& json, const Limits& limits = kFileLimits);

// Why the scenario is over `limits` (after edits that grow it, or for another entry point), or "".
std::string check_limits(const Scenario& scenario, const Limits& limits);

// The scenario as JSON, in the same schema parse_scenario reads.
nlohmann::json to_json(const Scenario& scenario);

// Run the core on the scenario. Throws attn::ShapeError when a matrix does not fit the variant.
attn::Trace compute_trace(const Scenario& scenario);
// The same into an existing trace, reusing its buffers (attn::run_attention_into). On
// ShapeError the trace is left as it was.
void compute_trace_into(const Scenario& scenario, attn::Trace& trace);

// T and S: the rows of the queries' source (Q or X) and of the keys' (K, Y or X); 0 when absent.
std::size_t query_count(const Scenario& scenario);
std::size_t key_count(const Scenario& scenario);

// The names under which vectors (not matrices) are stored; JSON writes them as flat arrays.
bool is_vector_name(std::string_view name);
// Whether `name` is one of core/options.hpp's kInputFields.
bool is_matrix_name(std::string_view name);

}  // namespace scenario
