// history.cpp — undo and redo of whole scenarios. See history.hpp.
#include "history.hpp"

namespace scenario {

bool same_scenario(const Scenario& a, const Scenario& b) {
    // The JSON form holds every field a learner can change, in one order: what the file would hold.
    return a.matrices == b.matrices && to_json(a) == to_json(b);
}

bool History::record(const Scenario& s) {
    if (!steps_.empty() && same_scenario(steps_[at_], s)) return false;
    if (!steps_.empty()) steps_.resize(at_ + 1);  // an edit after an undo: the steps ahead are gone
    steps_.push_back(s);
    if (steps_.size() > kMaxSteps) steps_.erase(steps_.begin());
    at_ = steps_.size() - 1;
    return true;
}

const Scenario* History::undo() {
    if (!can_undo()) return nullptr;
    return &steps_[--at_];
}

const Scenario* History::redo() {
    if (!can_redo()) return nullptr;
    return &steps_[++at_];
}

}  // namespace scenario
