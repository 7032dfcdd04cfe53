// click_timer.hpp — double-clicks decided from the input events' own times, not from frames.
//
// ImGui 1.86 has no input queue: it learns of a press in the first frame after it and times a
// double-click on its frame clock (io.MouseDoubleClickTime, 0.3 s). On a loaded machine frames
// come 70–90 ms apart, so a double-click 230 ms apart can span more than 0.3 s of frames and is
// missed. The platform records each left press's own time (the browser's PointerEvent.timeStamp,
// GLFW's clock in the desktop's event callback) and decides there; before the frame that sees the
// press, DrawFrame sets io.MouseDoubleClickTime so that ImGui's own test gives the same answer
// (a huge value for a double, a negative one for a single press). Debian's imgui stays unpatched.
#pragma once

namespace platform {

struct ClickTimer {
    static constexpr double kMaxInterval = 0.3;  // seconds between presses, as ImGui's default
    static constexpr double kMaxDistance = 6.0;  // pixels between them, as ImGui's default

    // A left press at `seconds` and (x, y) pixels; returns whether it completes a double-click.
    bool press(double seconds, double x, double y) {
        const double dx = x - last_x_, dy = y - last_y_;
        const bool repeated = !last_was_double_ && seconds - last_time_ >= 0.0 && seconds - last_time_ < kMaxInterval &&
                              dx * dx + dy * dy < kMaxDistance * kMaxDistance;
        last_time_ = seconds;
        last_x_ = x;
        last_y_ = y;
        last_was_double_ = repeated;  // a third press starts again, as a single
        pending_ = true;
        return repeated;
    }

    // The value for io.MouseDoubleClickTime in the frame that sees the last press; returns false
    // when no press is waiting (leave ImGui's value as it is).
    bool take(float& double_click_time) {
        if (!pending_) return false;
        pending_ = false;
        double_click_time = last_was_double_ ? 1e9f : -1.0f;
        return true;
    }

private:
    double last_time_ = -1e9, last_x_ = 0.0, last_y_ = 0.0;
    bool last_was_double_ = false;
    bool pending_ = false;
};

}  // namespace platform
