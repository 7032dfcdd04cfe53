// heatmap.vert.glsl — places a heatmap quad; ImGui's draw list supplies the vertices.
// Inputs:   Position (pixels, ImGui display space), UV (0…1 across the heatmap), Color (unused).
// Uniforms: ProjMtx (orthographic, pixels → clip space; the same matrix ImGui's backend uses).
// Outputs:  Frag_UV (0…1), interpolated for the fragment shader.
// The attribute locations match imgui_impl_opengl3's, so its vertex layout feeds us unchanged.
layout (location = 0) in vec2 Position;
layout (location = 1) in vec2 UV;
layout (location = 2) in vec4 Color;
uniform mat4 ProjMtx;
out vec2 Frag_UV;

void main() {
    Frag_UV = UV;
    gl_Position = ProjMtx * vec4(Position.xy, 0.0, 1.0);
}
