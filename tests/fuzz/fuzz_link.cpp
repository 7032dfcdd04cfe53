// fuzz_link.cpp — libFuzzer target: any bytes as an explorer link (scenario/link.hpp), and what it
// holds through the scenario parser.
//
// The decoder never crashes or reads past its input, never returns more than its limit, and a
// refusal always says why. Seeds: fuzz/seeds/fuzz_link/ (links the page made).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "scenario/link.hpp"
#include "scenario/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view link(reinterpret_cast<const char*>(data), size);
    constexpr std::size_t kMaxBytes = 1 << 20;
    const scenario::LinkText decoded = scenario::decode_link(link, kMaxBytes);
    if (decoded.text.empty() == decoded.error.empty()) std::abort();  // a text or a reason, never both
    if (decoded.text.size() > kMaxBytes) std::abort();
    const nlohmann::json state = nlohmann::json::parse(decoded.text, nullptr, false);
    if (state.is_object() && state.contains("scenario")) {
        const scenario::ParseResult parsed = scenario::parse_scenario(state["scenario"].dump(), scenario::kPageLimits);
        if (!parsed.scenario && parsed.error.empty()) std::abort();
    }
    return 0;
}
