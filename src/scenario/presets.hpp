// presets.hpp — ready-made scenarios a learner starts from. Kept small enough to check by hand.
#pragma once

#include <string_view>
#include <vector>

#include "scenario.hpp"

namespace scenario {

struct Preset {
    std::string name;         // shown in the preset menu
    std::string description;  // one sentence for a student
    std::string_view json;    // the scenario, in the documented schema
    bool application = false; // one of applications/: a scenario with the view its field draws it with
};

// Every preset, the default first, then the applications (applications/*.json, embedded at build
// time: their "title" names them, their "description" describes them). The JSON is static data;
// parse it with parse_scenario.
const std::vector<Preset>& presets();

// A preset parsed, titled with its name and, when its JSON has none, described by its description.
Scenario preset_scenario(const Preset& preset);

// The first preset, parsed: one query over three keys with scaled dot-product attention.
Scenario default_scenario();

}  // namespace scenario
