// number_text.hpp — what a learner types into a cell, read as a number or refused with a reason.
//
// A cell accepts a number only when its whole text is one: an optional sign, digits with at most
// one decimal point, an optional exponent ("-1.5", ".5", "2e-3"). A decimal comma is accepted when
// it is the only separator ("1,5" reads 1.5, and the note says so), since many students write it.
// Everything else is refused with a reason: "2*3", "0x10", "abc", "nan", an empty field, and any
// number outside the range every input obeys (|x| ≤ 1e30, core/options.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace scenario {

struct NumberText {
    std::optional<double> value;  // the number, when the text is one
    std::string note;             // why not; or, with a value, how it was read ("1,5 read as 1.5")
};

NumberText read_number_text(std::string_view text);

}  // namespace scenario
