// fuzz_scenario.cpp — libFuzzer target: any bytes through the scenario parser and validator.
//
// The parser never throws and either refuses with a message that names a JSON path ("$", "matrices.Q[1]",
// …) or returns a scenario that writes back to JSON which parses to the same scenario. Seeds:
// examples/. Built by the `sanitize` preset (AddressSanitizer + UndefinedBehaviorSanitizer).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "scenario/json_text.hpp"
#include "scenario/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const scenario::Limits* limits : {&scenario::kFileLimits, &scenario::kPageLimits}) {
        const scenario::ParseResult parsed = scenario::parse_scenario(text, *limits);
        if (!parsed.scenario) {
            if (parsed.error.empty()) std::abort();  // a refusal always says why
            continue;
        }
        const std::string written = scenario::dump_json(scenario::to_json(*parsed.scenario));
        const scenario::ParseResult again = scenario::parse_scenario(written, *limits);
        if (!again.scenario || scenario::to_json(*again.scenario) != scenario::to_json(*parsed.scenario)) std::abort();
    }
    return 0;
}
