// path_edit.hpp — a change to a scenario written as data, for lessons: set one field, named by
// its JSON path as the validation messages write it (docs/scenario.md):
//
//   {"set": "options.temperature", "to": 4}         {"set": "matrices.Q[0][1]", "to": 2.5}
//   {"set": "variant", "to": "additive"}            {"set": "matrices.W_a", "to": [[1, 0], [0, 1]]}
//   {"set": "matrices.dO", "to": null}              (null removes the field)
//
// The edits apply to the scenario's JSON in order and the result is read back with
// parse_scenario_json, so an edit is checked exactly as a hand-written file would be.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario.hpp"

namespace scenario {

struct PathEdit {
    std::string path;    // "matrices.Q[0][1]"
    nlohmann::json to;   // the new value; null removes an object's field
};

// Read one edit from a lesson file; throws FieldError naming `path`.
PathEdit read_path_edit(const nlohmann::json& j, const std::string& path);
std::vector<PathEdit> read_path_edits(const nlohmann::json& j, const std::string& path);

// Apply every edit, or none: returns "" when the edited scenario validates (and `s` holds it), or
// the first problem, "[i] matrices.Q[5]: …", with `s` unchanged.
std::string apply_path_edits(Scenario& s, const std::vector<PathEdit>& edits, const Limits& limits = kFileLimits);

}  // namespace scenario
