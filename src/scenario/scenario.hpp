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

// Documented limits: larger inputs are refused with a message, never attempted.
inline constexpr std::size_t kMaxTokens = 4096;
inline constexpr std::size_t kMaxWidth = 1024;
inline constexpr int kMaxHeads = 16;

struct Scenario {
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

// The names under which vectors (not matrices) are stored; JSON writes them as flat arrays.
bool is_vector_name(std::string_view name);

}  // namespace scenario
