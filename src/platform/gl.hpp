// gl.hpp — the one place that picks the OpenGL headers.
#pragma once

#if defined(__EMSCRIPTEN__)
// WebGL2 / OpenGL ES 3.0
#include <GLES3/gl3.h>
#else
// Desktop OpenGL 3.3 core: Mesa's libGL exports every core entry point, so prototypes suffice.
#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/glcorearb.h>
#endif
