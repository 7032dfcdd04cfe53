// test_link.cpp — the desktop reads the links the page writes (scenario/link.hpp): a link the
// page made in Chromium opens, and a damaged one says why.
#include <fstream>
#include <sstream>
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "scenario/link.hpp"
#include "scenario/presets.hpp"
#include "scenario/scenario.hpp"

namespace {

// A link made by the page of release 1.0.0 (attention.link(): the default scenario in the light
// theme with the Cost panel folded); the fuzz target starts from it too.
std::string PageLink() {
    std::ifstream in(std::string(ATTN_TESTS_DIR) + "/fuzz/seeds/fuzz_link/page-link.txt");
    std::stringstream text;
    text << in.rdbuf();
    std::string link = text.str();
    while (!link.empty() && (link.back() == '\n' || link.back() == '\r')) link.pop_back();
    return link;
}

}  // namespace

TEST_CASE("a link the page made opens its scenario and its view") {
    const std::string link = PageLink();
    REQUIRE(link.find("#s=1.") != std::string::npos);
    const scenario::LinkText decoded = scenario::decode_link(link, scenario::kFileLimits.text_bytes);
    REQUIRE(decoded.error == "");
    const nlohmann::json state = nlohmann::json::parse(decoded.text);
    CHECK(state["view"]["light_theme"] == true);
    CHECK(state["view"]["folded"] == nlohmann::json::array({"cost"}));
    const scenario::ParseResult parsed = scenario::parse_scenario(state["scenario"].dump());
    REQUIRE(parsed.scenario);
    CHECK(parsed.scenario->matrices == scenario::default_scenario().matrices);
    // The fragment alone reads the same.
    CHECK(scenario::decode_link(link.substr(link.find('#')), scenario::kFileLimits.text_bytes).text == decoded.text);
}

TEST_CASE("a damaged link says why, and gives no text") {
    const std::string link = PageLink();
    const std::string code = link.substr(link.find("#s=") + 3);
    const struct {
        std::string link;
        const char* why;
    } damaged[] = {
        {"https://example.org/index.html", "it holds no explorer state"},
        {"#s=2.abcd", "it was made by a newer explorer (its format is \"2\")"},
        {"#s=1.ab!d", "it is not an explorer link"},
        {"#s=1.a", "it is not an explorer link"},
        {"#s=" + code.substr(0, code.size() / 2), "it ends too early"},
        {"#s=1.____", "its data is damaged"},
        {"#s=" + code + "AAAA", "it has bytes after its end"},
        {"#s=1.AwA", "it holds an empty state"},
    };
    for (const auto& entry : damaged) {
        CAPTURE(entry.link);
        const scenario::LinkText decoded = scenario::decode_link(entry.link, scenario::kFileLimits.text_bytes);
        CHECK(decoded.text.empty());
        CHECK(decoded.error.rfind(entry.why, 0) == 0);
    }
    // Past the limit: refused while it is inflated, not after.
    CHECK(scenario::decode_link(link, 400).error == "it holds more than 400 bytes");
}
