// presets.cpp — the preset scenarios as JSON data. See presets.hpp.
#include "presets.hpp"

namespace scenario {

const std::vector<Preset>& presets() {
    static const std::vector<Preset> all = {
        {"One query, three keys", "Scaled dot-product attention of one query over three keys (Vaswani 2017).",
         R"({"variant": "scaled_dot",
             "tokens": {"queries": ["it"], "keys": ["the", "cat", "sat"]},
             "matrices": {"Q": [[1.0, 0.5]],
                          "K": [[0.2, 0.1], [1.0, 0.8], [-0.5, 0.3]],
                          "V": [[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]]}})"},
        {"Causal self-attention", "Each token attends only to itself and earlier tokens, as in a decoder.",
         R"({"variant": "scaled_dot", "options": {"mask": "causal"},
             "tokens": {"queries": ["I", "saw", "a", "cat"], "keys": ["I", "saw", "a", "cat"]},
             "matrices": {"Q": [[1, 0], [0, 1], [1, 1], [0.5, -1]],
                          "K": [[1, 0], [0, 1], [1, 1], [0.5, -1]],
                          "V": [[1, 0], [0, 1], [1, 1], [0.5, -1]]}})"},
    };
    return all;
}

Scenario default_scenario() { return *parse_scenario(presets().front().json).scenario; }

}  // namespace scenario
