// test_number_text.cpp — a cell takes a number only when its whole text is one.
#include <doctest/doctest.h>

#include "scenario/number_text.hpp"

TEST_CASE("a cell's text is a number only when the whole text is one") {
    using scenario::read_number_text;
    for (const auto& example : {std::pair{"1.5", 1.5}, {"-2", -2.0}, {" .5 ", 0.5}, {"2e-3", 2e-3}, {"+1E2", 100.0},
                                {"7.", 7.0}, {"-1e30", -1e30}}) {
        INFO(example.first);
        const auto read = read_number_text(example.first);
        REQUIRE(read.value);
        CHECK(*read.value == example.second);
        CHECK(read.note.empty());
    }
    const auto comma = read_number_text("1,5");
    REQUIRE(comma.value);
    CHECK(*comma.value == 1.5);
    CHECK(comma.note == "1,5 read as 1.5");
    for (const char* text : {"2*3", "0x10", "abc", "nan", "inf", "1,5,2", "1.5,2", "1e", "--1", "1 2", "e5", "."}) {
        INFO(text);
        const auto read = read_number_text(text);
        CHECK_FALSE(read.value);
        CHECK(read.note.find("is not a number") != std::string::npos);
    }
    CHECK(read_number_text("").note == "the field is empty: type a number");
    CHECK(read_number_text("1e400").note == "1e400 is outside the supported range |x| ≤ 1e30");
    CHECK(read_number_text("2e30").note == "2e30 is outside the supported range |x| ≤ 1e30");
}
