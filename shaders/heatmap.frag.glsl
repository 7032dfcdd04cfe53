// heatmap.frag.glsl — colours one matrix cell per texel.
// Inputs:   Frag_UV (0…1 across the heatmap).
// Uniforms: Values   (R32F texture, one texel per matrix cell, raw values; sampled GL_NEAREST,
//                     the only filtering WebGL2 allows for R32F),
//           Range    (lo, hi: the value mapped to the colormap's ends; values outside are clamped),
//           Colormap (0 = viridis, 1 = cividis: perceptually uniform, colour-blind safe, for 0…1 data;
//                     2 = diverging blue–white–red, for signed data centred on 0 when Range = (−a, a)),
//           Alpha    (0…1, opacity of the whole heatmap),
//           Smooth   (0 = one flat cell per texel; 1 = upsampled: interpolated bilinearly between
//                     cell centres by hand, since R32F cannot be filtered, for weights laid over
//                     an image, more opaque the higher the value, so the image shows where
//                     little weight lies).
// Outputs:  Out_Color (RGBA, straight alpha; ImGui blends it over the panel).
uniform sampler2D Values;
uniform vec2 Range;
uniform int Colormap;
uniform float Alpha;
uniform int Smooth;
in vec2 Frag_UV;
layout (location = 0) out vec4 Out_Color;

// Each map is 9 stops at u = 0, 1/8, …, 1, interpolated linearly (sRGB, 0…255).
const vec3 VIRIDIS[9] = vec3[9](
    vec3(68.0, 1.0, 84.0), vec3(71.0, 44.0, 122.0), vec3(59.0, 81.0, 139.0), vec3(44.0, 113.0, 142.0),
    vec3(33.0, 144.0, 141.0), vec3(39.0, 173.0, 129.0), vec3(92.0, 200.0, 99.0), vec3(170.0, 220.0, 50.0),
    vec3(253.0, 231.0, 37.0));
const vec3 CIVIDIS[9] = vec3[9](
    vec3(0.0, 34.0, 78.0), vec3(35.0, 62.0, 110.0), vec3(72.0, 85.0, 108.0), vec3(102.0, 105.0, 112.0),
    vec3(125.0, 124.0, 120.0), vec3(153.0, 147.0, 118.0), vec3(186.0, 172.0, 110.0), vec3(221.0, 201.0, 94.0),
    vec3(254.0, 232.0, 56.0));
const vec3 DIVERGING[9] = vec3[9](
    vec3(33.0, 102.0, 172.0), vec3(67.0, 147.0, 195.0), vec3(146.0, 197.0, 222.0), vec3(209.0, 229.0, 240.0),
    vec3(247.0, 247.0, 247.0), vec3(253.0, 219.0, 199.0), vec3(244.0, 165.0, 130.0), vec3(214.0, 96.0, 77.0),
    vec3(178.0, 24.0, 43.0));

vec3 lookup(int map, float u) {
    float x = clamp(u, 0.0, 1.0) * 8.0;
    int i = int(min(floor(x), 7.0));
    float f = x - float(i);
    vec3 a, b;
    if (map == 0) { a = VIRIDIS[i]; b = VIRIDIS[i + 1]; }
    else if (map == 1) { a = CIVIDIS[i]; b = CIVIDIS[i + 1]; }
    else { a = DIVERGING[i]; b = DIVERGING[i + 1]; }
    return mix(a, b, f) / 255.0;
}

float bilinear(vec2 uv) {
    ivec2 size = textureSize(Values, 0);
    vec2 p = uv * vec2(size) - 0.5;  // in texel centres
    vec2 f = fract(p);
    ivec2 i0 = clamp(ivec2(floor(p)), ivec2(0), size - 1), i1 = clamp(i0 + 1, ivec2(0), size - 1);
    float top = mix(texelFetch(Values, i0, 0).r, texelFetch(Values, ivec2(i1.x, i0.y), 0).r, f.x);
    float bottom = mix(texelFetch(Values, ivec2(i0.x, i1.y), 0).r, texelFetch(Values, i1, 0).r, f.x);
    return mix(top, bottom, f.y);
}

void main() {
    float value = Smooth == 1 ? bilinear(Frag_UV) : texture(Values, Frag_UV).r;
    float span = Range.y - Range.x;
    float u = span > 0.0 ? (value - Range.x) / span : 0.5;
    float opacity = Smooth == 1 ? Alpha * (0.15 + 0.85 * clamp(u, 0.0, 1.0)) : Alpha;
    Out_Color = vec4(lookup(Colormap, u), opacity);
}
