// style.cpp — the embedded DejaVu Sans subset, the themes, and scaling. See style.hpp.
#include "style.hpp"

#include <algorithm>

#include <imgui.h>

#include "layout.hpp"

// The subset TTF embedded at build time (cmake/assets.cmake).
extern const unsigned char ui_font_ttf[];
extern const std::size_t ui_font_ttf_size;

namespace ui {

namespace {

// Every character the explorer can show, collected at build time (cmake/font_glyphs.py): the
// same ranges the font was cut to.
const ImWchar kGlyphRanges[] = {
#include "glyph_ranges.inc"
    0,
};

// High contrast for projectors and low vision: a pure black (or white) ground, full-strength
// text, and borders and secondary text far stronger than ImGui's defaults.
void MakeHighContrast(ImGuiStyle& style, bool light) {
    ImVec4* c = style.Colors;
    const ImVec4 ground = light ? ImVec4(1, 1, 1, 1) : ImVec4(0, 0, 0, 1);
    const ImVec4 ink = light ? ImVec4(0, 0, 0, 1) : ImVec4(1, 1, 1, 1);
    c[ImGuiCol_WindowBg] = c[ImGuiCol_ChildBg] = ground;
    c[ImGuiCol_PopupBg] = light ? ImVec4(0.97f, 0.97f, 0.97f, 1) : ImVec4(0.06f, 0.06f, 0.06f, 1);
    c[ImGuiCol_Text] = ink;
    c[ImGuiCol_TextDisabled] = light ? ImVec4(0.28f, 0.28f, 0.28f, 1) : ImVec4(0.72f, 0.72f, 0.72f, 1);
    c[ImGuiCol_Border] = light ? ImVec4(0.25f, 0.25f, 0.25f, 1) : ImVec4(0.6f, 0.6f, 0.6f, 1);
    c[ImGuiCol_FrameBg] = light ? ImVec4(0.88f, 0.88f, 0.88f, 1) : ImVec4(0.16f, 0.16f, 0.18f, 1);
    c[ImGuiCol_TableBorderStrong] = c[ImGuiCol_TableBorderLight] = c[ImGuiCol_Border];
    // The explanation and error accents: an orange and a blue that read on both grounds.
    c[ImGuiCol_PlotHistogram] = light ? ImVec4(0.75f, 0.35f, 0.0f, 1) : ImVec4(0.9f, 0.62f, 0.0f, 1);
    c[ImGuiCol_PlotLinesHovered] = light ? ImVec4(0.0f, 0.35f, 0.75f, 1) : ImVec4(0.34f, 0.71f, 0.91f, 1);
}

float ScaleOf(const AppState& state) { return state.ui_scale * state.device_pixel_ratio; }

}  // namespace

ImFont* TitleFont() { return ImGui::GetIO().Fonts->Fonts[1]; }

bool StyleNeedsRebuild(const AppState& state) {
    return ScaleOf(state) != state.applied_scale || state.light_theme != state.applied_light_theme ||
           state.compact != state.applied_compact || state.coarse_pointer != state.applied_coarse_pointer;
}

void ApplyStyle(AppState& state) {
    const float scale = ScaleOf(state);
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the bytes are static data in the binary
    config.OversampleH = 2;               // crisp at fractional positions without a bigger atlas
    for (const float size : {kBaseFontPixels, kBaseFontPixels * kTitleScale})  // the text's first: ImGui's default
        io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(ui_font_ttf), static_cast<int>(ui_font_ttf_size),
                                       size * scale, &config, kGlyphRanges);
    io.Fonts->Build();

    // Sizes are set from the defaults each time, so repeated rescaling does not compound.
    ImGuiStyle style;
    if (state.light_theme) ImGui::StyleColorsLight(&style);
    else ImGui::StyleColorsDark(&style);
    MakeHighContrast(style, state.light_theme);
    style.WindowRounding = 4.0f;
    style.FrameRounding = 3.0f;
    if (state.compact) {  // small iframes: half the room between and around items
        style.WindowPadding = ImVec2(4, 4);
        style.FramePadding = ImVec2(3, 2);
        style.ItemSpacing = ImVec2(4, 3);
        style.ItemInnerSpacing = ImVec2(3, 3);
    }
    style.ScaleAllSizes(scale);
    if (const float target = TouchTarget(state); target > 0.0f) {  // a finger: every control 44 CSS px high, at any scale
        style.FramePadding.y = std::max(style.FramePadding.y, (target - kBaseFontPixels * scale) * 0.5f);
        style.GrabMinSize = std::max(style.GrabMinSize, target * 0.5f);
        style.ScrollbarSize = std::max(style.ScrollbarSize, target * 0.4f);
    }
    ImGui::GetStyle() = style;

    state.applied_scale = scale;
    state.applied_light_theme = state.light_theme;
    state.applied_compact = state.compact;
    state.applied_coarse_pointer = state.coarse_pointer;
}

}  // namespace ui
