// panel_inputs.cpp — the editable inputs: drag a cell, double-click (or Ctrl+click) it and type,
// rename a token, add or remove a token or a width, randomise with a seed, normalise, copy or
// paste a row.
//
// Shown first are the matrices the variant reads: those the trace lists as its input steps
// (so no list of "who reads what" is kept here); the others wait under "Not used by this variant".
// Cells are coloured by value (the heatmap shader behind transparent number fields, a diverging
// map centred on 0) and rows carry their token labels. Each row's label is a button that opens
// the row's menu, so every action is reachable by keyboard too. Edits that touch more than one
// number are scenario/edit.hpp's.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "app.hpp"
#include "palette.hpp"
#include "panels.hpp"
#include "scenario/edit.hpp"
#include "scenario/json_text.hpp"
#include "scenario/number_text.hpp"

namespace ui {

namespace {

// Whether the current variant reads matrix `name`: it appears among the trace's input steps.
bool IsRead(const AppState& state, const std::string& name) {
    const attn::Options& o = state.scenario.options;
    if (name == "mask") return o.mask == attn::Mask::custom;  // otherwise the mask is computed
    if ((name == "Q" || name == "K" || name == "V") && o.form != attn::Form::plain) return false;  // projected
    for (const attn::Step& step : state.trace.steps)
        if (step.id == name) return true;
    return false;
}

// Which tokens label the rows of a matrix, and on which side; nullptr for weight matrices.
std::vector<std::string>* RowLabels(AppState& state, const std::string& name, scenario::Side& side) {
    std::vector<std::string>* labels = TokenRows(state, name);
    side = labels == &state.scenario.key_tokens ? scenario::Side::keys : scenario::Side::queries;
    return labels;
}

void Edited(AppState& state, const std::string& refusal = {}) {
    ShowMessage(state, refusal);
    if (refusal.empty()) state.scenario_changed = true;
}

// The row menu: rename the token (both sides in self-attention), normalise, copy, paste, remove.
void RowMenu(AppState& state, const std::string& name, std::size_t r, std::vector<std::string>* labels,
             scenario::Side side) {
    auto& s = state.scenario;
    if (labels && r < labels->size()) {
        char text[64];
        std::snprintf(text, sizeof text, "%s", (*labels)[r].c_str());
        const bool renamed = ImGui::InputText("token", text, sizeof text);
        RecordRect(state, "Inputs/row-menu/token", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        if (renamed) {
            (*labels)[r] = text;
            // In self-attention a token is both a query and a key.
            auto& other = labels == &s.query_tokens ? s.key_tokens : s.query_tokens;
            if (name == "X" && s.options.form != attn::Form::cross && r < other.size()) other[r] = text;
            Edited(state);
        }
    }
    // Each action a finger-sized row on a touch screen, named "Inputs/row-menu/<action>".
    auto action = [&](const char* label, const char* id) {
        const bool chosen = ImGui::Selectable(label, false, 0, ImVec2(0.0f, TouchTarget(state)));
        RecordRect(state, std::string("Inputs/row-menu/") + id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        return chosen;
    };
    if (action("Normalise row (length 1)", "normalise")) {
        scenario::normalise_row(s, name, r);
        Edited(state);
    }
    if (action("Copy row", "copy")) {
        std::string row;
        const attn::Matrix& m = s.matrices[name];
        // Each number in the shortest form that reads back to the same double: "0.1", not "0.100000".
        for (std::size_t c = 0; c < m.shape(1); ++c) {
            if (c) row += ", ";
            scenario::append_number(row, m(r, c));
        }
        ImGui::SetClipboardText(row.c_str());
    }
    if (action("Paste row", "paste")) {
        const char* clipboard = ImGui::GetClipboardText();
        Edited(state, scenario::paste_row(s, name, r, clipboard ? clipboard : ""));
    }
    if (labels && action("Remove this token", "remove")) Edited(state, scenario::remove_token(s, side, r));
}

// One input cell: drag it, or open it for typing with a double-click, Ctrl+click or Enter. ImGui's
// own typing mode is switched off (NoInput): it evaluates "2*3" as 2 and "1,5" as 15 and stores
// 1e400 as infinity. This field reads the whole text (scenario/number_text.hpp); while the text is
// not a number the cell keeps its old value and the message bar says why. Esc restores the value
// the cell had when it was opened.
bool DrawCell(AppState& state, const std::string& name, attn::Matrix& m, std::size_t r, std::size_t c) {
    AppState::CellEdit& edit = state.cell_edit;
    double& x = m(r, c);
    if (edit.matrix != name || edit.row != r || edit.col != c) {
        const bool changed = ImGui::DragScalar("##cell", ImGuiDataType_Double, &x, 0.01f, nullptr, nullptr, "%.2f",
                                               ImGuiSliderFlags_NoInput);
        const bool hovered = ImGui::IsItemHovered();
        if ((hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) ||
            (ImGui::IsItemActivated() && ImGui::GetIO().KeyCtrl) ||
            (ImGui::IsItemFocused() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)))) {
            edit = AppState::CellEdit{name, r, c, x, {}, true, true};
            std::string text;
            scenario::append_number(text, x);
            std::snprintf(edit.text, sizeof edit.text, "%s", text.c_str());
        }
        if (hovered && !ImGui::IsItemActive())
            ImGui::SetTooltip("%s[%zu][%zu] = %.6g\nDrag to change; double-click to type.", name.c_str(), r, c, x);
        return changed;
    }
    edit.drawn = true;
    if (edit.focus) {
        ImGui::SetKeyboardFocusHere();
        edit.focus = false;
    }
    bool changed = false;
    auto set = [&](double value) {
        changed |= value != x;
        x = value;
    };
    const bool edited = ImGui::InputText("##type", edit.text, sizeof edit.text, ImGuiInputTextFlags_AutoSelectAll);
    edit.active = ImGui::IsItemActive();
    if (edited) {
        const scenario::NumberText number = scenario::read_number_text(edit.text);
        set(number.value ? *number.value : edit.original);
        std::string kept;
        if (!number.value) scenario::append_number(kept, edit.original);
        const std::string where = name + "[" + std::to_string(r) + "][" + std::to_string(c) + "]: ";
        ShowMessage(state, number.note.empty() ? "" : where + number.note + (kept.empty() ? "" : "; it keeps " + kept));
    }
    if (ImGui::IsItemDeactivated()) {
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
            set(edit.original);
            ShowMessage(state, "");
        }
        edit.matrix.clear();
    }
    return changed;
}

// A row's label: a button (the row's menu) as wide as the widest label up to a third of the
// panel, its text shortened with an ellipsis when longer.
bool RowLabelButton(AppState& state, const std::string& name, std::size_t r, const std::string& label, float width) {
    const std::string id = "Inputs/" + name + "/row/" + std::to_string(r);
    const ImVec2 at = ImGui::GetCursorScreenPos(), pad = ImGui::GetStyle().FramePadding;
    const bool pressed = ImGui::Button("##row", ImVec2(width, 0.0f));
    RecordRect(state, id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const float text_y = at.y + (ImGui::GetItemRectSize().y - ImGui::GetTextLineHeight()) * 0.5f;
    FittedText(state, ImGui::GetWindowDrawList(), id + "/label", ImVec2(at.x + pad.x, text_y), width - 2.0f * pad.x,
               ImGui::GetColorU32(ImGuiCol_Text), label, false);  // the button's tooltip names it whole
    return pressed;
}

bool DrawMatrixEditor(AppState& state, HeatmapPainter& painter, const std::string& name) {
    attn::Matrix& m = state.scenario.matrices[name];
    const float scale = state.applied_scale;
    const float cell_w = std::max(64.0f * scale, TouchTarget(state));
    const std::size_t rows = m.shape(0), cols = m.shape(1);
    scenario::Side side;
    std::vector<std::string>* labels = RowLabels(state, name, side);
    bool changed = false;

    ImGui::PushID(name.c_str());
    ImGui::AlignTextToFramePadding();
    Role role;
    const bool has_role = RoleOf(name, role);
    if (has_role) ImGui::PushStyleColor(ImGuiCol_Text, RoleColour(role, state.light_theme));  // the same colour as everywhere
    ImGui::TextWrapped("%s  (%zu × %zu)", name.c_str(), rows, cols);  // a long name keeps its shape on the next line
    if (has_role) ImGui::PopStyleColor();
    NameText(state, "Inputs/" + name + "/title");
    SameLineIfFits(ButtonWidth("Randomise"));
    if (state.coarse_pointer ? ImGui::Button("Randomise") : ImGui::SmallButton("Randomise")) {
        scenario::randomise(state.scenario, name, static_cast<std::uint64_t>(state.seed));
        Edited(state);
    }
    RecordRect(state, "Inputs/" + name + "/randomise", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("New values from −1 to 1, drawn with the seed above.");

    // Row labels are buttons opening the row menu; all of equal width.
    float label_w = ImGui::CalcTextSize("00").x;
    if (labels)
        for (const auto& l : *labels) label_w = std::max(label_w, ImGui::CalcTextSize(l.c_str()).x);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    label_w = std::min(label_w + ImGui::GetStyle().FramePadding.x * 2.0f, ImGui::GetContentRegionAvail().x / 3.0f) + spacing;
    label_w = std::max(label_w, TouchTarget(state) + spacing);

    // Wider than the panel, the grid scrolls sideways on its own (its own child window: the column
    // around it keeps its width, and the vertical wheel and swipe pass through to the column).
    const float row_h = ImGui::GetFrameHeight();
    const float grid_w = label_w + cell_w * static_cast<float>(cols);
    const bool scrolls = grid_w > ImGui::GetContentRegionAvail().x;
    if (scrolls) {
        const float height = row_h * static_cast<float>(rows) + ImGui::GetStyle().ScrollbarSize;
        ImGui::SetNextWindowContentSize(ImVec2(grid_w, 0.0f));  // given: a view out of sight measures nothing
        ImGui::BeginChild("grid", ImVec2(0.0f, height), false, ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NavFlattened);
    }

    // Cells touch (no item spacing), so one heatmap behind the whole grid colours them all.
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 grid0(origin.x + label_w, origin.y);
    // Colour range symmetric around 0 so that sign reads at a glance (diverging map); a texture
    // upload, so only when the grid is on screen.
    const ImVec2 grid1(grid0.x + cell_w * cols, grid0.y + row_h * rows);
    if (ImGui::IsRectVisible(grid0, grid1)) {
        const double extent = SymmetricExtent(m);
        painter.Paint(ImGui::GetWindowDrawList(), grid0, grid1, m, -extent, extent, Colormap::diverging, 0.55f, Sampling::cells);
    }
    // Only the rows and columns inside the visible area are drawn: a 128 × 128 matrix is 16 384
    // cells, far too many widgets for every frame.
    const ImVec2 clip_min = ImGui::GetWindowDrawList()->GetClipRectMin(), clip_max = ImGui::GetWindowDrawList()->GetClipRectMax();
    const std::size_t c0 = static_cast<std::size_t>(std::clamp((clip_min.x - grid0.x) / cell_w, 0.0f, static_cast<float>(cols)));
    const std::size_t c1 = static_cast<std::size_t>(std::clamp(std::ceil((clip_max.x - grid0.x) / cell_w), 0.0f, static_cast<float>(cols)));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0.0f, 0.0f));
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows), row_h);
    while (clipper.Step())
        for (std::size_t r = static_cast<std::size_t>(clipper.DisplayStart); r < static_cast<std::size_t>(clipper.DisplayEnd); ++r) {
            ImGui::PushID(static_cast<int>(r));
            const float row_y = ImGui::GetCursorScreenPos().y;
            const std::string label = labels && r < labels->size() ? (*labels)[r] : std::to_string(r);
            if (RowLabelButton(state, name, r, label, label_w - spacing)) ImGui::OpenPopup("row");
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s: row %zu of %s: rename, normalise, copy, paste or remove.%s", label.c_str(), r, name.c_str(),
                                  MissingGlyphs(label).c_str());
            if (ImGui::BeginPopup("row")) {
                RowMenu(state, name, r, labels, side);
                ImGui::EndPopup();
            }
            ImGui::PushStyleColor(ImGuiCol_FrameBg, IM_COL32(0, 0, 0, 0));
            for (std::size_t c = c0; c < c1 && r < m.shape(0) && c < m.shape(1); ++c) {
                ImGui::SameLine();
                ImGui::PushID(static_cast<int>(c));
                const ImVec2 p0(grid0.x + cell_w * static_cast<float>(c), row_y);
                ImGui::SetCursorScreenPos(p0);
                ImGui::SetNextItemWidth(cell_w);
                changed |= DrawCell(state, name, m, r, c);
                RecordRect(state, "Inputs/" + name + "/" + std::to_string(r) + "/" + std::to_string(c), p0,
                           ImVec2(p0.x + cell_w, p0.y + row_h));
                ImGui::PopID();
            }
            ImGui::PopStyleColor();
            ImGui::PopID();
        }
    // The full width, so that the grid's window scrolls sideways to every cell.
    ImGui::Dummy(ImVec2(grid_w, 0.0f));
    ImGui::PopStyleVar();
    if (scrolls) {
        ImGui::EndChild();
        RecordRect(state, "Inputs/" + name + "/scroll", ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ItemKind::view);
    }
    ImGui::PopID();
    return changed;
}

// Tokens, widths and the seed: the edits that reshape the inputs. Each line is a label and its
// buttons, which wrap to the next line where the panel is too narrow.
void DrawShapeToolbar(AppState& state) {
    auto& s = state.scenario;
    const bool plain = s.options.form == attn::Form::plain;
    const bool one_sequence = scenario::one_sequence(s);
    auto label = [&](const char* text) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(text);
        NameText(state, std::string("Inputs/") + text);
    };
    auto button = [&](const std::string& text, const char* id) {
        const float width = std::max(ButtonWidth(text.c_str()), TouchTarget(state));
        SameLineIfFits(width);
        const bool pressed = state.coarse_pointer ? ImGui::Button(text.c_str(), ImVec2(width, 0.0f)) : ImGui::SmallButton(text.c_str());
        RecordRect(state, std::string("Inputs/") + id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        return pressed;
    };
    const std::string next_label = "t" + std::to_string(s.key_tokens.size());
    label("Edits");
    ImGui::BeginDisabled(!state.history.can_undo());
    if (button("Undo", "undo")) Undo(state);
    ImGui::EndDisabled();
    ImGui::BeginDisabled(!state.history.can_redo());
    if (button("Redo", "redo")) Redo(state);
    ImGui::EndDisabled();
    if (button("Reset", "reset")) ResetScenario(state);
    HelpMarker(state, "Undo (Ctrl+Z) and redo (Ctrl+Shift+Z or Ctrl+Y) walk through your edits; one drag is one step. "
               "Reset returns to the preset or file you opened last, and can be undone too.");
    label("Tokens");
    if (one_sequence) {
        if (button("+ token", "add-token")) {
            scenario::add_token(s, scenario::Side::keys, next_label, static_cast<std::uint64_t>(state.seed));
            Edited(state);
        }
    } else {
        if (button("+ query", "add-query")) {
            scenario::add_token(s, scenario::Side::queries, "q" + std::to_string(s.query_tokens.size()),
                                static_cast<std::uint64_t>(state.seed));
            Edited(state);
        }
        if (button("+ key", "add-key")) {
            scenario::add_token(s, scenario::Side::keys, next_label, static_cast<std::uint64_t>(state.seed));
            Edited(state);
        }
    }
    HelpMarker(state, "Add a token; remove one from its row's menu (click the row's label). New rows get values drawn "
               "with the seed.");
    label("Widths");
    const std::string key_width = plain ? "d_k" : "d";
    if (button("+ " + key_width, "add-width")) {
        scenario::add_width(s, scenario::Width::query_key);
        Edited(state);
    }
    if (button("− " + key_width, "remove-width")) Edited(state, scenario::remove_last_width(s, scenario::Width::query_key));
    if (plain) {
        if (button("+ d_v", "add-value-width")) {
            scenario::add_width(s, scenario::Width::value);
            Edited(state);
        }
        if (button("− d_v", "remove-value-width")) Edited(state, scenario::remove_last_width(s, scenario::Width::value));
    }
    HelpMarker(state, "d_k: the width of queries and keys (d: of the sequence X). d_v: the width of values. A new "
               "column starts at 0, so nothing changes until you edit it.");
    // Room for the number beside InputInt's − and + buttons (a finger's 44 px each on a touch screen).
    const float buttons = 2.0f * (ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
    const float room = ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("Seed").x - ImGui::GetStyle().ItemInnerSpacing.x;
    ImGui::SetNextItemWidth(std::max(buttons + ImGui::GetFontSize() * 2.0f, std::min(ImGui::GetFontSize() * 4.0f + buttons, room)));
    ImGui::InputInt("Seed", &state.seed);
    RecordRect(state, "Inputs/seed", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    state.seed = std::max(state.seed, 0);
    if (!state.edit_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_PlotHistogram]);
        ImGui::TextWrapped("%s", state.edit_message.c_str());
        ImGui::PopStyleColor();
        NameText(state, "Inputs/message");
    }
}

}  // namespace

void DrawInputsPanel(AppState& state, HeatmapPainter& painter) {
    if (!PanelHeader(state, scenario::Panel::inputs)) return;
    DrawShapeToolbar(state);
    auto& matrices = state.scenario.matrices;
    std::vector<std::string> read, unused;
    for (const attn::InputField& field : attn::kInputFields) {  // teaching order
        const std::string name(field.name);
        if (matrices.count(name)) (IsRead(state, name) ? read : unused).push_back(name);
    }
    for (const std::string& name : read) {
        state.scenario_changed |= DrawMatrixEditor(state, painter, name);
        ImGui::Spacing();
    }
    const bool unused_open = !unused.empty() && ImGui::TreeNodeEx("Not used by this variant", ImGuiTreeNodeFlags_FramePadding);
    if (!unused.empty()) RecordRect(state, "Inputs/unused", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (unused_open) {
        for (const std::string& name : unused) DrawMatrixEditor(state, painter, name);
        ImGui::TreePop();
    }
}

}  // namespace ui
