// test_presets.cpp — each preset opens as it is named: one named for a form uses that form.
#include <cctype>
#include <string>

#include <doctest/doctest.h>

#include "core/choices.hpp"
#include "scenario/presets.hpp"

TEST_CASE("a preset named for a form has that form") {
    const std::pair<const char*, const char*> forms[] = {{"self", "self"}, {"cross", "cross"}, {"multi-head", "multi_head"}};
    for (const scenario::Preset& preset : scenario::presets()) {
        std::string name(preset.name);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const scenario::Scenario s = *scenario::parse_scenario(preset.json).scenario;
        for (const auto& [word, form] : forms) {
            CAPTURE(preset.name);
            if (name.find(word) != std::string::npos) CHECK(attn::name_of(attn::kFormKind, s.options.form) == form);
        }
    }
}
