// test_json_text.cpp — numbers in JSON text read back exactly and have no shorter form.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "scenario/json_text.hpp"

namespace {

// The significant digits of a number's text: "-0.0012e5" has 2.
int significant_digits(const std::string& text) {
    std::string digits;
    for (char ch : text) {
        if (ch == 'e') break;
        if (ch >= '0' && ch <= '9') digits += ch;
    }
    const auto first = digits.find_first_not_of('0');
    if (first == std::string::npos) return 1;
    const auto last = digits.find_last_not_of('0');
    return static_cast<int>(last - first + 1);
}

double bits_to_double(std::uint64_t bits) {
    double x;
    std::memcpy(&x, &bits, sizeof x);
    return x;
}

}  // namespace

TEST_CASE("numbers are written in the shortest form that reads back to the same double") {
    using scenario::dump_json;
    CHECK(dump_json(nlohmann::json(0.2447284710547976)) == "0.2447284710547976");
    CHECK(dump_json(nlohmann::json(0.1)) == "0.1");
    CHECK(dump_json(nlohmann::json(1e-7)) == "1e-7");
    CHECK(dump_json(nlohmann::json(-1e30)) == "-1e30");
    CHECK(dump_json(nlohmann::json(2.0)) == "2");
    CHECK(dump_json(nlohmann::json(-HUGE_VAL)) == "null");
    CHECK(dump_json(nlohmann::json{{"a", {1.5, 2}}, {"b", "x\"y"}}) == R"({"a":[1.5,2],"b":"x\"y"})");

    // 10⁶ doubles: half uniform in [0, 1) as weights are, half random bit patterns over every
    // exponent. Each reads back bit for bit, and one digit fewer never does.
    std::mt19937_64 rng(2024);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    int failures = 0;
    for (int i = 0; i < 1'000'000 && failures < 10; ++i) {
        double x = i % 2 ? unit(rng) : bits_to_double(rng());
        if (!std::isfinite(x)) continue;
        std::string text;
        scenario::append_number(text, x);
        const double back = std::strtod(text.c_str(), nullptr);
        const int n = significant_digits(text);
        bool shorter = false;
        if (n > 1) {
            char fewer[40];
            std::snprintf(fewer, sizeof fewer, "%.*e", n - 2, x);  // n − 1 significant digits
            shorter = std::strtod(fewer, nullptr) == x;
        }
        if (std::memcmp(&back, &x, sizeof x) != 0 || shorter) {
            ++failures;
            FAIL_CHECK(text << (shorter ? " has a shorter form" : " does not read back"));
        }
    }
    CHECK(failures == 0);
}
