// kept_state.cpp — restoring and keeping the session, the same on both platforms. See kept_state.hpp.
#include "kept_state.hpp"

#include "ui/app.hpp"
#include "ui/kept_state.hpp"

namespace platform {

namespace {

// The kept session, or the default with a message when it cannot be read or restored.
void RestoreKeptSession(Explorer& explorer) {
    ui::AppState& state = explorer.state;
    const KeptText kept = ReadKeptText();
    if (!kept.error.empty()) {
        ui::ShowMessage(state, "Your last session could not be read (" + kept.error + "); the default scenario opened.");
        return;
    }
    if (!kept.found) return;
    const std::string why = ui::RestoreKeptState(state, kept.text, ui::ViewPart::learners);
    if (why.empty()) return;
    const std::string aside = SetKeptTextAside();
    if (aside.empty()) explorer.keep_disabled = true;  // nowhere to keep it: never overwrite it either
    ui::ShowMessage(state, "Your last session could not be restored (" + why + "); " +
                               (aside.empty() ? "it was left as it was" : "it was kept aside as " + aside) +
                               ", and the default scenario opened.");
}

}  // namespace

void RestoreKept(Explorer& explorer, const OpenedLink& link, const std::function<void()>& apply_options) {
    ui::AppState& state = explorer.state;
    ui::Recompute(state);  // the default's trace now, so that the first frame keeps the message below
    if (link.given) {
        const std::string why = link.error.empty() ? ui::RestoreKeptState(state, link.text, ui::ViewPart::whole) : link.error;
        if (!why.empty()) ui::ShowMessage(state, "This link cannot be opened (" + why + "); the default scenario opened.");
        apply_options();
        if (!why.empty()) ui::MarkKept(state);  // the default that opens instead is not written over the kept session
        return;
    }
    RestoreKeptSession(explorer);
    apply_options();
}

void KeepIfChanged(Explorer& explorer) {
    if (explorer.keep_disabled) return;
    const std::optional<std::string> text = ui::TakeKeptState(explorer.state);
    if (!text) return;
    const std::string error = WriteKeptText(*text);
    if (error == explorer.keep_error) return;  // tell the learner when it starts failing, once
    explorer.keep_error = error;
    if (error.empty()) return;
    ui::ShowMessage(explorer.state, "Your edits are not being kept for next time (" + error +
                                        "). The explorer works on; a scenario file keeps them.");
    RequestFrames(explorer);
}

}  // namespace platform
