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

#include "core/attention.hpp"

namespace scenario {

// Documented limits (docs/scenario.md): larger inputs are refused with a message, never attempted.
inline constexpr std::size_t kMaxTokens = 1024;  // rows of Q, K, V, X, Y, H: T and S
inline constexpr std::size_t kMaxWidth = 1024;   // columns of any matrix, entries of a vector
inline constexpr std::size_t kMaxRows = 1024;    // rows of any matrix (tokens or a width, as for W_Q)
inline constexpr int kMaxHeads = 16;
inline constexpr std::size_t kMaxScoreCells = std::size_t{1} << 23;    // T·S·H: each per-head step holds T·S numbers
inline constexpr std::size_t kMaxAdditiveTerms = std::size_t{1} << 26;  // T·S·d_a tanh terms of the additive score

// Every matrix name a scenario may hold, in teaching order (core/options.hpp's Inputs; "H" is
// Inputs::H_dec, the decoder states).
inline constexpr std::string_view kMatrixNames[] = {"Q", "K", "V", "X", "Y", "W_Q", "W_K", "W_V", "W_O",
                                                    "W_a", "U_a", "v_a", "W_p", "v_p", "W_c", "H", "mask"};

struct Scenario {
    std::string description;                    // one or two sentences for the learner (optional)
    attn::Options options;
    std::vector<std::string> query_tokens;      // one label per row of Q (or X)
    std::vector<std::string> key_tokens;        // one label per row of K (or X / Y)
    std::map<std::string, attn::Matrix> matrices;  // by paper name: "Q", "W_a", "v_a" (as one row), …
};

// A parsed scenario or the first error, which names its JSON path.
struct ParseResult {
    std::optional<Scenario> scenario;
    std::string error;
};

// Parse and validate JSON text. Never throws.
ParseResult parse_scenario(std::string_view json_text);
// Validate an already-parsed JSON value. Never throws.
ParseResult parse_scenario_json(const nlohmann::json& json);

// The scenario as JSON, in the same schema parse_scenario reads.
nlohmann::json to_json(const Scenario& scenario);

// Run the core on the scenario. Throws attn::ShapeError when a matrix does not fit the variant.
attn::Trace compute_trace(const Scenario& scenario);
// The same into an existing trace, reusing its buffers (attn::run_attention_into). On
// ShapeError the trace is left as it was.
void compute_trace_into(const Scenario& scenario, attn::Trace& trace);

// The names under which vectors (not matrices) are stored; JSON writes them as flat arrays.
bool is_vector_name(std::string_view name);
// Whether `name` is one of kMatrixNames.
bool is_matrix_name(std::string_view name);

}  // namespace scenario
