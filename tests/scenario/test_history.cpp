// test_history.cpp — undo and redo walk the recorded scenarios; an equal scenario is no new step.
#include <doctest/doctest.h>

#include "scenario/history.hpp"
#include "scenario/presets.hpp"

namespace {

// The default scenario with Q[0][0] set to x.
scenario::Scenario with_q(double x) {
    scenario::Scenario s = scenario::default_scenario();
    s.matrices["Q"](0, 0) = x;
    return s;
}

double q_of(const scenario::Scenario* s) { return s ? s->matrices.at("Q")(0, 0) : -999.0; }

}  // namespace

TEST_CASE("undo and redo walk back and forth through the recorded edits") {
    scenario::History h;
    CHECK(!h.can_undo());
    h.record(with_q(1));
    h.record(with_q(1));  // the same scenario again: no step
    CHECK(!h.can_undo());
    h.record(with_q(2));
    h.record(with_q(3));
    CHECK(q_of(h.undo()) == 2);
    CHECK(q_of(h.undo()) == 1);
    CHECK(h.undo() == nullptr);  // at the first step
    CHECK(q_of(h.redo()) == 2);
    CHECK(q_of(h.redo()) == 3);
    CHECK(h.redo() == nullptr);
}

TEST_CASE("an edit after an undo drops the steps ahead; recording where undo stands adds nothing") {
    scenario::History h;
    for (double x : {1.0, 2.0, 3.0}) h.record(with_q(x));
    h.undo();
    h.record(with_q(2));  // what undo restored, recorded again by the explorer's next frame
    CHECK(h.can_redo());
    h.record(with_q(5));
    CHECK(!h.can_redo());
    CHECK(q_of(h.undo()) == 2);
    CHECK(q_of(h.undo()) == 1);
}

TEST_CASE("any change counts as a step: an option, a label, a description") {
    scenario::History h;
    scenario::Scenario s = scenario::default_scenario();
    h.record(s);
    s.options.temperature = 2.0;
    h.record(s);
    s.key_tokens[0] = "a";
    h.record(s);
    s.description = "x";
    h.record(s);
    int steps = 0;
    while (h.undo()) ++steps;
    CHECK(steps == 3);
}

TEST_CASE("the oldest steps go once there are kMaxSteps") {
    scenario::History h;
    for (std::size_t i = 0; i < scenario::History::kMaxSteps + 10; ++i) h.record(with_q(static_cast<double>(i)));
    std::size_t steps = 0;
    const scenario::Scenario* last = nullptr;
    for (const scenario::Scenario* s; (s = h.undo());) {
        last = s;
        ++steps;
    }
    CHECK(steps == scenario::History::kMaxSteps - 1);
    CHECK(q_of(last) == 10.0);
}
