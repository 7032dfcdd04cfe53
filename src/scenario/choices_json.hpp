// choices_json.hpp — the descriptors of every choice (core/choices.hpp) as JSON.
//
// `attention-cli --choices` prints it. The NumPy reference draws its random scenarios from it,
// and tests/docs/check_variants.py writes docs/variants.md's tables from it, so neither lists
// the values of a kind again.
#pragma once

#include <nlohmann/json.hpp>

namespace scenario {

// {"kinds": [{"key", "label", "help", "in_options", "values": [{"name", "paper", "help", "formula",
//   "reads": [{"name", "shape", "fill", "if_absent"}], "options": [{"name", "min"}], "same",
//   "refuses": [{"kind", "values", "except", "why"}], "steps"}]}], "int_options": [{"name", "min", "max"}]}
nlohmann::json choices_json();

}  // namespace scenario
