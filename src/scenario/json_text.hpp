// json_text.hpp — JSON text with numbers in their shortest form.
//
// nlohmann's dump() prints a double with up to 17 significant digits (0.24472847105479761 where
// 0.2447284710547976 reads back to the same double). Every JSON text the explorer writes (the CLI's
// trace, the page's state(), trace() and the rest) goes through these functions instead, which
// print each number with the fewest digits that read back to exactly the same double ({fmt}'s
// shortest round trip, Dragonbox). JSON has no infinity or NaN: a non-finite value is written null.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace scenario {

// Append x in its shortest round-trip form ("0.5", "1e-7", "-3"), or "null" if x is not finite.
void append_number(std::string& out, double x);

// Append j as compact JSON text (no spaces), numbers as append_number writes them.
void append_json(std::string& out, const nlohmann::json& j);

// j as compact JSON text, numbers in shortest form.
std::string dump_json(const nlohmann::json& j);

}  // namespace scenario
