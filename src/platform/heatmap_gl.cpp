// heatmap_gl.cpp — see heatmap_gl.hpp.
#include "heatmap_gl.hpp"

#include <cstdint>
#include <cstdio>
#include <string>

#include "shader_source.hpp"

// Embedded at build time from shaders/ (CMakeLists.txt).
extern const unsigned char shader_heatmap_vert_glsl[];
extern const unsigned char shader_heatmap_frag_glsl[];

namespace platform {

namespace {

GLuint Compile(GLenum kind, const std::string& source, const char* name) {
    GLuint shader = glCreateShader(kind);
    const char* text = source.c_str();
    glShaderSource(shader, 1, &text, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024];
        glGetShaderInfoLog(shader, sizeof log, nullptr, log);
        std::fprintf(stderr, "shader %s failed to compile: %s\n", name, log);
    }
    return shader;
}

}  // namespace

bool GlHeatmapPainter::Init() {
    GLuint vert = Compile(GL_VERTEX_SHADER, ShaderSource(shader_heatmap_vert_glsl), "heatmap.vert.glsl");
    GLuint frag = Compile(GL_FRAGMENT_SHADER, ShaderSource(shader_heatmap_frag_glsl), "heatmap.frag.glsl");
    program_ = glCreateProgram();
    glAttachShader(program_, vert);
    glAttachShader(program_, frag);
    glLinkProgram(program_);
    glDeleteShader(vert);
    glDeleteShader(frag);
    GLint ok = 0;
    glGetProgramiv(program_, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[1024];
        glGetProgramInfoLog(program_, sizeof log, nullptr, log);
        std::fprintf(stderr, "heatmap shader failed to link: %s\n", log);
        return false;
    }
    proj_ = glGetUniformLocation(program_, "ProjMtx");
    values_ = glGetUniformLocation(program_, "Values");
    range_ = glGetUniformLocation(program_, "Range");
    colormap_ = glGetUniformLocation(program_, "Colormap");
    alpha_ = glGetUniformLocation(program_, "Alpha");
    smooth_ = glGetUniformLocation(program_, "Smooth");
    return true;
}

void GlHeatmapPainter::Shutdown() {
    if (!textures_.empty()) glDeleteTextures(static_cast<GLsizei>(textures_.size()), textures_.data());
    textures_.clear();
    if (program_) glDeleteProgram(program_);
    program_ = 0;
}

void GlHeatmapPainter::BeginFrame() {
    used_ = 0;
    calls_.clear();
}

void GlHeatmapPainter::Paint(ImDrawList* list, ImVec2 p0, ImVec2 p1, const attn::Matrix& values, double lo,
                             double hi, ui::Colormap map, float alpha, ui::Sampling sampling) {
    const std::size_t rows = values.shape(0), cols = values.shape(1);
    if (rows == 0 || cols == 0 || program_ == 0) return;
    if (used_ == textures_.size()) {
        GLuint texture = 0;
        glGenTextures(1, &texture);
        textures_.push_back(texture);
    }
    const GLuint texture = textures_[used_++];

    // Upload: one R32F texel per cell, row 0 first, so UV (0, 0) is the top-left cell.
    upload_.assign(values.begin(), values.end());
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);  // R32F: NEAREST only on WebGL2
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, static_cast<GLsizei>(cols), static_cast<GLsizei>(rows), 0, GL_RED,
                 GL_FLOAT, upload_.data());

    calls_.push_back(Call{this, static_cast<float>(lo), static_cast<float>(hi), alpha, static_cast<int>(map),
                          static_cast<int>(sampling)});
    list->AddCallback(&GlHeatmapPainter::UseProgram, &calls_.back());
    list->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture)), p0, p1);
    list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

// Runs inside ImGui_ImplOpenGL3_RenderDrawData: the backend has bound its vertex layout; we swap
// its program for ours and set the same projection it uses. The next command draws the image.
void GlHeatmapPainter::UseProgram(const ImDrawList*, const ImDrawCmd* cmd) {
    const Call& call = *static_cast<const Call*>(cmd->UserCallbackData);
    const GlHeatmapPainter& self = *call.painter;
    const ImDrawData* draw = ImGui::GetDrawData();
    const float L = draw->DisplayPos.x, R = draw->DisplayPos.x + draw->DisplaySize.x;
    const float T = draw->DisplayPos.y, B = draw->DisplayPos.y + draw->DisplaySize.y;
    const float ortho[16] = {2.0f / (R - L), 0, 0, 0,  0, 2.0f / (T - B), 0, 0,  0, 0, -1.0f, 0,
                             (R + L) / (L - R), (T + B) / (B - T), 0, 1.0f};
    glUseProgram(self.program_);
    glUniformMatrix4fv(self.proj_, 1, GL_FALSE, ortho);
    glUniform1i(self.values_, 0);  // the backend binds each command's texture to unit 0
    glUniform2f(self.range_, call.lo, call.hi);
    glUniform1i(self.colormap_, call.map);
    glUniform1f(self.alpha_, call.alpha);
    glUniform1i(self.smooth_, call.smooth);
}

}  // namespace platform
