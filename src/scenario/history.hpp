// history.hpp — undo and redo: the learner's scenario after each edit, one step per edit.
//
// The explorer records the scenario once an edit has settled (a drag records when the mouse is
// released, so one drag is one step), and only when it differs from the step it stands on. Undo
// and redo walk the steps; an edit after an undo drops the steps ahead of it, as editors do. The
// oldest steps go once there are kMaxSteps.
#pragma once

#include <cstddef>
#include <vector>

#include "scenario.hpp"

namespace scenario {

class History {
public:
    static constexpr std::size_t kMaxSteps = 200;

    // The scenario as it stands after an edit: a new step unless it equals the current one.
    // Returns whether it was one.
    bool record(const Scenario& s);

    // The scenario one step back or forward, which becomes the current step; nullptr at either end.
    const Scenario* undo();
    const Scenario* redo();

    bool can_undo() const { return at_ > 0; }
    bool can_redo() const { return at_ + 1 < steps_.size(); }

private:
    std::vector<Scenario> steps_;
    std::size_t at_ = 0;  // steps_[at_] is the scenario on screen
};

// Whether two scenarios hold the same description, choices, options, tokens and numbers.
bool same_scenario(const Scenario& a, const Scenario& b);

}  // namespace scenario
