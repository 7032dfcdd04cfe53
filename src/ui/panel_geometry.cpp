// panel_geometry.cpp — queries and keys as arrows on a plane, dragged directly.
//
// A dot product is geometry: q·k = |q| |k| cos θ, the length of q's shadow on k times |k|. With
// d_k = 2 the plane is the whole space; for wider vectors the learner picks two dimensions and
// drags within them (the others stay as they are). While dragging, every key shows its score and
// its weight for the selected query, the shadow (projection) of the query on each key is drawn,
// and the key arrows thicken with their weight. Only the plain form has Q and K to drag; the
// scores and weights shown are the trace's, so they are right for every score function.
// Tips are named "Geometry/Q/<row>" and "Geometry/K/<row>" for the page's test hook.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <imgui.h>
#include <imgui_internal.h>

#include "app.hpp"
#include "palette.hpp"
#include "panels.hpp"
#include "core/step_ids.hpp"

namespace ui {

namespace {

constexpr float kTipRadius = 12.0f;  // grab distance around a tip, unscaled pixels (a finger's: 22 CSS px)

// An arrow from `from` to `to` with a small head.
void Arrow(ImDrawList* list, ImVec2 from, ImVec2 to, ImU32 colour, float thickness) {
    list->AddLine(from, to, colour, thickness);
    const float dx = to.x - from.x, dy = to.y - from.y, length = std::sqrt(dx * dx + dy * dy);
    if (length < 1.0f) return;
    const float ux = dx / length, uy = dy / length, head = 4.0f * thickness + 4.0f;
    list->AddTriangleFilled(to, ImVec2(to.x - ux * head - uy * head * 0.5f, to.y - uy * head + ux * head * 0.5f),
                            ImVec2(to.x - ux * head + uy * head * 0.5f, to.y - uy * head - ux * head * 0.5f), colour);
}

// Labels beside the arrows' tips, each where it covers no label placed before it: right of the
// tip, left of it, then a line further down or up, inside the plot. A label with no free place
// near its tip is left out (a small plot of many vectors): the Inputs panel names every row.
class LabelPlacer {
public:
    LabelPlacer(ImVec2 p0, ImVec2 p1) : p0_(p0), p1_(p1) {}
    // Where the label goes, or false when nowhere near the tip is free.
    bool Place(ImVec2 tip, ImVec2 size, ImVec2& at) {
        const float line = ImGui::GetTextLineHeight(), gap = 4.0f;
        for (int step = 0; step < 12; ++step) {
            const float dy = static_cast<float>((step / 2 + 1) / 2) * line * ((step / 2) % 2 == 0 ? 1.0f : -1.0f);
            const float x = step % 2 == 0 ? tip.x + gap : tip.x - gap - size.x;
            at = ImVec2(std::clamp(x, p0_.x, std::max(p0_.x, p1_.x - size.x)),
                        std::clamp(tip.y - line + dy, p0_.y, std::max(p0_.y, p1_.y - size.y)));
            if (Free(at, size)) {
                placed_.push_back({at.x, at.y, at.x + size.x, at.y + size.y});
                return true;
            }
        }
        return false;
    }

private:
    bool Free(ImVec2 at, ImVec2 size) const {  // and a space's width from every other label
        const float gap = ImGui::CalcTextSize(" ").x;
        for (const auto& r : placed_)
            if (at.x < r[2] + gap && at.x + size.x + gap > r[0] && at.y < r[3] && at.y + size.y > r[1]) return false;
        return true;
    }
    ImVec2 p0_, p1_;
    std::vector<std::array<float, 4>> placed_;
};

}  // namespace

void DrawGeometryPanel(AppState& state) {
    if (!PanelHeader(state, scenario::Panel::geometry)) return;
    auto& s = state.scenario;
    AppState::Geometry& g = state.geometry;
    if (s.options.form != attn::Form::plain || !s.matrices.count("Q") || !s.matrices.count("K") ||
        s.matrices["Q"].shape(1) != s.matrices["K"].shape(1)) {
        ImGui::TextWrapped("Queries and keys can be dragged here in the plain form, when they have the same width.");
        NameText(state, "Geometry/text");
        return;
    }
    attn::Matrix& Q = s.matrices["Q"];
    attn::Matrix& K = s.matrices["K"];
    const int d_k = static_cast<int>(Q.shape(1));
    if (d_k < 2) {
        ImGui::TextWrapped("With d_k = 1 every query and key lies on one line; add a width (+ d_k) to see a plane.");
        NameText(state, "Geometry/text");
        return;
    }
    g.dim_x = std::clamp(g.dim_x, 0, d_k - 1);
    g.dim_y = std::clamp(g.dim_y, 0, d_k - 1);
    if (d_k > 2) {
        // Each slider with its label, as wide as 5 ems where the line has room.
        const float slider_w = std::max(ImGui::GetFontSize() * 2.0f, std::min(ImGui::GetFontSize() * 5.0f, ImGui::GetContentRegionAvail().x -
                                                                         ImGui::CalcTextSize("x axis").x - ImGui::GetStyle().ItemInnerSpacing.x));
        ImGui::SetNextItemWidth(slider_w);
        ImGui::SliderInt("x axis", &g.dim_x, 0, d_k - 1);
        RecordRect(state, "Geometry/dim-x", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        SameLineIfFits(ImGui::GetItemRectSize().x);
        ImGui::SetNextItemWidth(slider_w);
        ImGui::SliderInt("y axis", &g.dim_y, 0, d_k - 1);
        RecordRect(state, "Geometry/dim-y", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        HelpMarker(state, "The vectors are wider than 2: pick the two dimensions to show and drag in. The other "
                   "dimensions still count in every dot product.");
    }
    const int q_sel = std::clamp(state.selected_query, 0, static_cast<int>(Q.shape(0)) - 1);
    ImGui::TextWrapped("Drag a tip. Orange: queries (the selected one bold), blue: keys, thicker for more weight. "
                       "Dashed: the selected query's shadow on each key.");
    NameText(state, "Geometry/text");

    // The plot: a square, origin in the middle, half-width `extent` in data units.
    const float scale = state.applied_scale;
    const float side = std::min(ImGui::GetContentRegionAvail().x, 320.0f * scale);
    const ImVec2 p0 = ImGui::GetCursorScreenPos(), p1(p0.x + side, p0.y + side);
    const ImVec2 centre((p0.x + p1.x) * 0.5f, (p0.y + p1.y) * 0.5f);
    if (g.dragging.empty()) {  // frozen while dragging
        double largest = 0.5;
        for (const attn::Matrix* m : {&Q, &K})
            for (std::size_t r = 0; r < m->shape(0); ++r)
                largest = std::max({largest, std::abs((*m)(r, g.dim_x)), std::abs((*m)(r, g.dim_y))});
        g.extent = static_cast<float>(largest) * 1.25f;
    }
    const float px_per_unit = side * 0.5f / g.extent;
    auto to_screen = [&](double x, double y) {
        return ImVec2(centre.x + static_cast<float>(x) * px_per_unit, centre.y - static_cast<float>(y) * px_per_unit);
    };

    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImU32 query_colour = RoleColour(Role::query, state.light_theme), key_colour = RoleColour(Role::key, state.light_theme);
    const ImU32 grid = ImGui::GetColorU32(ImGuiCol_Border), text = ImGui::GetColorU32(ImGuiCol_Text);
    list->AddRect(p0, p1, grid);
    list->AddLine(ImVec2(p0.x, centre.y), ImVec2(p1.x, centre.y), grid);
    list->AddLine(ImVec2(centre.x, p0.y), ImVec2(centre.x, p1.y), grid);
    char label[96];
    LabelPlacer labels(p0, p1);
    std::snprintf(label, sizeof label, "dim %d", g.dim_x);
    const ImVec2 x_size = ImGui::CalcTextSize(label);
    // Each label drawn where the placer finds room for it, or left out.
    auto place = [&](const std::string& name, ImVec2 tip, ImU32 colour, const char* text) {
        ImVec2 at;
        if (labels.Place(tip, ImGui::CalcTextSize(text), at)) AddText(state, list, name, at, colour, text);
    };
    place("Geometry/axis-x", ImVec2(p1.x - x_size.x - 6.0f, centre.y + x_size.y + 2.0f), grid, label);
    std::snprintf(label, sizeof label, "dim %d", g.dim_y);
    place("Geometry/axis-y", ImVec2(centre.x, p0.y + ImGui::GetTextLineHeight() + 2.0f), grid, label);
    list->PushClipRect(p0, p1, true);

    // Keys, thickened by their weight for the selected query, with its score and weight beside them.
    const attn::Step* weights = state.trace.find(attn::step_id::weights);
    const attn::Step* scores = state.trace.find(attn::step_id::scaled);
    const bool trace_fits = weights && weights->value.shape(0) == Q.shape(0) && weights->value.shape(1) == K.shape(0);
    const ImVec2 q_tip = to_screen(Q(q_sel, g.dim_x), Q(q_sel, g.dim_y));
    for (std::size_t j = 0; j < K.shape(0); ++j) {
        const double kx = K(j, g.dim_x), ky = K(j, g.dim_y);
        const ImVec2 tip = to_screen(kx, ky);
        const float w = trace_fits ? static_cast<float>(weights->value(q_sel, j)) : 0.0f;
        Arrow(list, centre, tip, key_colour, (1.0f + 5.0f * w) * scale);
        // The shadow of q on k: its foot is (q·k / |k|²) k in the shown plane.
        const double k2 = kx * kx + ky * ky;
        if (k2 > 0.0) {
            const double t = (Q(q_sel, g.dim_x) * kx + Q(q_sel, g.dim_y) * ky) / k2;
            const ImVec2 foot = to_screen(t * kx, t * ky);
            for (float f = 0.0f; f < 1.0f; f += 0.2f)  // dashed
                list->AddLine(ImVec2(q_tip.x + (foot.x - q_tip.x) * f, q_tip.y + (foot.y - q_tip.y) * f),
                              ImVec2(q_tip.x + (foot.x - q_tip.x) * (f + 0.1f), q_tip.y + (foot.y - q_tip.y) * (f + 0.1f)),
                              key_colour, scale);
        }
        const std::string name = j < s.key_tokens.size() ? s.key_tokens[j] : "k" + std::to_string(j);
        // With its score and weight while they take at most two thirds of the plot (the
        // heatmaps have them too).
        if (trace_fits && scores)
            std::snprintf(label, sizeof label, "%s  s'=%.2f  w=%.2f", name.c_str(), scores->value(q_sel, j), w);
        if (!(trace_fits && scores) || ImGui::CalcTextSize(label).x > side * 0.67f) std::snprintf(label, sizeof label, "%s", name.c_str());
        place("Geometry/label/K/" + std::to_string(j), tip, text, label);
    }
    for (std::size_t t = 0; t < Q.shape(0); ++t) {
        const ImVec2 tip = to_screen(Q(t, g.dim_x), Q(t, g.dim_y));
        Arrow(list, centre, tip, query_colour, (static_cast<int>(t) == q_sel ? 3.0f : 1.5f) * scale);
        const std::string name = t < s.query_tokens.size() ? s.query_tokens[t] : "q" + std::to_string(t);
        place("Geometry/label/Q/" + std::to_string(t), tip, query_colour, name.c_str());
    }
    list->PopClipRect();

    // Dragging: press near a tip (queries first), move, release.
    ImGui::InvisibleButton("plane", ImVec2(side, side));
    RecordRect(state, "Geometry/plane", p0, p1, ItemKind::plot);
    const float grab = std::max(kTipRadius * scale, TouchTarget(state) * 0.5f);  // half the side of a tip's square
    auto record_tips = [&](const char* name, const attn::Matrix& m) {
        for (std::size_t r = 0; r < m.shape(0); ++r) {
            const ImVec2 tip = to_screen(m(r, g.dim_x), m(r, g.dim_y));
            RecordRect(state, std::string("Geometry/") + name + "/" + std::to_string(r), ImVec2(tip.x - grab, tip.y - grab),
                       ImVec2(tip.x + grab, tip.y + grab));
        }
    };
    record_tips("Q", Q);
    record_tips("K", K);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (ImGui::IsItemActivated()) {
        auto near = [&](const attn::Matrix& m, std::size_t r) {
            const ImVec2 tip = to_screen(m(r, g.dim_x), m(r, g.dim_y));
            return std::abs(mouse.x - tip.x) <= grab && std::abs(mouse.y - tip.y) <= grab;
        };
        for (std::size_t r = 0; r < Q.shape(0) && g.dragging.empty(); ++r)
            if (near(Q, r)) { g.dragging = "Q"; g.row = static_cast<int>(r); state.selected_query = g.row; }
        for (std::size_t r = 0; r < K.shape(0) && g.dragging.empty(); ++r)
            if (near(K, r)) { g.dragging = "K"; g.row = static_cast<int>(r); }
    }
    if (!g.dragging.empty() && ImGui::IsItemActive()) {
        attn::Matrix& m = s.matrices[g.dragging];
        // Two decimals, as the input cells show them.
        const double x = std::round((mouse.x - centre.x) / px_per_unit * 100.0) / 100.0;
        const double y = std::round((centre.y - mouse.y) / px_per_unit * 100.0) / 100.0;
        if (g.row < static_cast<int>(m.shape(0)) && (m(g.row, g.dim_x) != x || m(g.row, g.dim_y) != y)) {
            m(g.row, g.dim_x) = x;
            m(g.row, g.dim_y) = y;
            state.scenario_changed = true;
            ImGui::MarkItemEdited(ImGui::GetItemID());  // an edit: a finger dragging a tip keeps it (app.cpp, SwipeScroll)
        }
    }
    if (!ImGui::IsItemActive()) g.dragging.clear();
}

}  // namespace ui
