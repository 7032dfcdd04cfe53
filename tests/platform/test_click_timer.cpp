// test_click_timer.cpp — double-clicks are decided from the presses' own times and places.
#include <doctest/doctest.h>

#include "platform/click_timer.hpp"

TEST_CASE("two presses 230 ms apart are a double-click, however late the frames come") {
    platform::ClickTimer clicks;
    float time = 0.3f;
    CHECK_FALSE(clicks.press(10.00, 100, 100));
    CHECK(clicks.take(time));
    CHECK(time < 0.0f);  // a single press: ImGui must not count it as a repeat
    CHECK_FALSE(clicks.take(time));  // nothing new waiting
    CHECK(clicks.press(10.23, 102, 101));
    CHECK(clicks.take(time));
    CHECK(time > 1e6f);  // a double: ImGui counts it whatever its frame clock says
    CHECK_FALSE(clicks.press(10.40, 102, 101));  // a third press starts again
}

TEST_CASE("presses too far apart in time or place are single clicks") {
    platform::ClickTimer clicks;
    clicks.press(1.0, 0, 0);
    CHECK_FALSE(clicks.press(1.31, 0, 0));
    CHECK_FALSE(clicks.press(1.40, 10, 0));
    CHECK(clicks.press(1.50, 12, 3));
}
