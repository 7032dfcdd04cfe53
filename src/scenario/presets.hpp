// presets.hpp — ready-made scenarios a learner starts from. Kept small enough to check by hand.
#pragma once

#include <string_view>
#include <vector>

#include "scenario.hpp"

namespace scenario {

struct Preset {
    std::string_view name;         // shown in the preset menu
    std::string_view description;  // one sentence for a student
    std::string_view json;         // the scenario, in the documented schema
};

// Every preset, the default first. The JSON is static data; parse it with parse_scenario.
const std::vector<Preset>& presets();

// A preset parsed, titled with its name and, when its JSON has none, described by its description.
Scenario preset_scenario(const Preset& preset);

// The first preset, parsed: one query over three keys with scaled dot-product attention.
Scenario default_scenario();

}  // namespace scenario
