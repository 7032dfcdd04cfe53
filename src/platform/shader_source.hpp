// shader_source.hpp — our GLSL files carry no #version line; the platform prepends it here,
// as ImGui's GL3 backend does with its own shaders.
#pragma once

#include <string>

namespace platform {

#if defined(__EMSCRIPTEN__)
// WebGL2 / OpenGL ES 3.0: GLSL ES 3.00 needs a default float precision in fragment shaders.
inline constexpr const char* kGlslVersion = "#version 300 es";
inline constexpr const char* kShaderPrologue = "#version 300 es\nprecision highp float;\nprecision highp int;\n";
#else
// Desktop OpenGL 3.3 core.
inline constexpr const char* kGlslVersion = "#version 330 core";
inline constexpr const char* kShaderPrologue = "#version 330 core\n";
#endif

// The full source of an embedded shader for this platform.
inline std::string ShaderSource(const unsigned char* body) {
    return std::string(kShaderPrologue) + reinterpret_cast<const char*>(body);
}

}  // namespace platform
