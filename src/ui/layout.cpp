// layout.cpp — wrapping, touch sizes and named text. See layout.hpp.
#include "layout.hpp"

#include <algorithm>

#include <imgui_internal.h>

#include "app.hpp"

namespace ui {

namespace {

void SameLineWithGap(float width, float gap) {
    const float right = ImGui::GetItemRectMax().x + gap + width;
    if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine(0.0f, gap);
}

}  // namespace

void BesideIfFits(float width) { SameLineWithGap(width, ImGui::GetStyle().ItemSpacing.x * 4.0f); }

void SameLineIfFits(float width) { SameLineWithGap(width, ImGui::GetStyle().ItemSpacing.x); }

float ButtonWidth(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

const char* FitLabel(const char* label, const char* shorter) {
    return ButtonWidth(label) <= ImGui::GetContentRegionAvail().x ? label : shorter;
}

float TouchTarget(const AppState& state) { return state.coarse_pointer ? 44.0f * state.device_pixel_ratio : 0.0f; }

ImVec2 TableFit(const std::vector<float>& column_widths, std::size_t rows, float row_height, ImGuiTableFlags& flags) {
    float width = 0.0f;
    for (float w : column_widths) width += w + 2.0f * ImGui::GetStyle().CellPadding.x + 1.0f;  // and a border
    if (width <= ImGui::GetContentRegionAvail().x) {
        flags |= ImGuiTableFlags_NoHostExtendX;
        return ImVec2(0.0f, 0.0f);
    }
    flags |= ImGuiTableFlags_ScrollX;
    const float borders = static_cast<float>(rows) + 2.0f;  // a pixel's line between rows, and around
    return ImVec2(0.0f, static_cast<float>(rows) * (row_height + 2.0f * ImGui::GetStyle().CellPadding.y) + borders +
                            ImGui::GetStyle().ScrollbarSize);
}

void NameText(AppState& state, const std::string& name) {
    RecordRect(state, name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ItemKind::text);
}

void AddText(AppState& state, ImDrawList* list, const std::string& name, ImVec2 at, ImU32 colour, const char* text) {
    list->AddText(at, colour, text);
    const ImVec2 size = ImGui::CalcTextSize(text);
    RecordRect(state, name, at, ImVec2(at.x + size.x, at.y + size.y), ItemKind::text);
}

void FittedText(AppState& state, ImDrawList* list, const std::string& name, ImVec2 at, float width, ImU32 colour,
                const std::string& text, bool whole_on_hover) {
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    if (size.x <= width) {
        AddText(state, list, name, at, colour, text.c_str());
        return;
    }
    width = std::max(width, 0.0f);
    const ImVec2 end(at.x + width, at.y + size.y);
    list->PushClipRect(at, end, true);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::RenderTextEllipsis(list, at, end, end.x, end.x, text.c_str(), nullptr, &size);
    ImGui::PopStyleColor();
    list->PopClipRect();
    RecordRect(state, name, at, end, ItemKind::text);
    if (!whole_on_hover || !ImGui::IsMouseHoveringRect(at, end) ||
        !ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem))
        return;
    ImGui::BeginTooltip();  // the whole text, named "<name>/whole"
    ImGui::PushTextWrapPos(TooltipWrap());
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    RecordRect(state, name + "/whole", ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ItemKind::text);
    ImGui::EndTooltip();
}

}  // namespace ui
