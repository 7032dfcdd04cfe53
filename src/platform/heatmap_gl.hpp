// heatmap_gl.hpp — the heatmap painter: uploads a matrix as an R32F texture and draws it through
// shaders/heatmap.*.glsl inside ImGui's draw list (a callback swaps in our program, then restores
// ImGui's). Implements ui::HeatmapPainter.
#pragma once

#include <deque>
#include <vector>

#include "gl.hpp"
#include "ui/heatmap.hpp"

namespace platform {

class GlHeatmapPainter final : public ui::HeatmapPainter {
public:
    // Compile the shaders; needs a current GL context. Returns false (and prints why) on failure.
    bool Init();
    void Shutdown();
    // Start a frame: textures and uniforms queued last frame may be reused.
    void BeginFrame();
    void Paint(ImDrawList* list, ImVec2 p0, ImVec2 p1, const attn::Matrix& values, double lo, double hi,
               ui::Colormap map, float alpha, ui::Sampling sampling) override;

private:
    struct Call {  // uniforms of one queued heatmap, read by the draw callback
        GlHeatmapPainter* painter;
        float lo, hi, alpha;
        int map, smooth;
    };
    static void UseProgram(const ImDrawList* list, const ImDrawCmd* cmd);

    GLuint program_ = 0;
    GLint proj_ = -1, values_ = -1, range_ = -1, colormap_ = -1, alpha_ = -1, smooth_ = -1;
    std::vector<GLuint> textures_;  // pool, one per Paint in a frame
    std::size_t used_ = 0;
    std::deque<Call> calls_;        // stable addresses for the callbacks
    std::vector<float> upload_;     // scratch: values as float
};

}  // namespace platform
