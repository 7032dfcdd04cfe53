# third_party.cmake — the libraries we build with, all from Debian packages.
#
# Header-only: xtensor, xtl, nlohmann-json, doctest, and {fmt} (used header-only, FMT_HEADER_ONLY,
# so one build serves native and emcc alike). Native builds find them in /usr/include. emcc must
# never see /usr/include (glibc headers would shadow its own libc), so for the web build we stage
# symlinks to just those five folders and add that folder with -isystem.
#
# Dear ImGui: compiled from Debian's source package, fetched into the build tree by
# scripts/fetch-imgui.sh unless -DIMGUI_DIR points at another checkout.

add_library(header_libs INTERFACE)
target_compile_definitions(header_libs INTERFACE FMT_HEADER_ONLY)
if(EMSCRIPTEN)
  set(staged "${CMAKE_BINARY_DIR}/staged-include")
  file(MAKE_DIRECTORY "${staged}")
  foreach(dir xtensor xtl nlohmann doctest fmt)
    if(NOT EXISTS "/usr/include/${dir}")
      message(FATAL_ERROR "/usr/include/${dir} is missing: run scripts/bootstrap.sh")
    endif()
    file(CREATE_LINK "/usr/include/${dir}" "${staged}/${dir}" SYMBOLIC)
  endforeach()
  target_include_directories(header_libs SYSTEM INTERFACE "${staged}")
endif()

if(ATTN_HEADLESS)
  return()  # no explorer: no Dear ImGui, GLFW or GL
endif()

set(IMGUI_DIR "${PROJECT_SOURCE_DIR}/build/_deps/imgui" CACHE PATH "Dear ImGui source checkout (imgui.h, backends/)")
if(NOT EXISTS "${IMGUI_DIR}/imgui.h")
  execute_process(COMMAND "${PROJECT_SOURCE_DIR}/scripts/fetch-imgui.sh" "${IMGUI_DIR}" RESULT_VARIABLE fetched)
  if(NOT fetched EQUAL 0 OR NOT EXISTS "${IMGUI_DIR}/imgui.h")
    message(FATAL_ERROR "Could not fetch Dear ImGui into ${IMGUI_DIR}; pass -DIMGUI_DIR=<checkout>")
  endif()
endif()

add_library(imgui STATIC
  "${IMGUI_DIR}/imgui.cpp" "${IMGUI_DIR}/imgui_draw.cpp" "${IMGUI_DIR}/imgui_tables.cpp"
  "${IMGUI_DIR}/imgui_widgets.cpp"
  "${IMGUI_DIR}/backends/imgui_impl_glfw.cpp" "${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
target_include_directories(imgui SYSTEM PUBLIC "${IMGUI_DIR}" "${IMGUI_DIR}/backends")
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_DISABLE_DEMO_WINDOWS)
if(EMSCRIPTEN)
  # WebGL2 is OpenGL ES 3.0; the backend defaults to ES2 under Emscripten.
  target_compile_definitions(imgui PUBLIC IMGUI_IMPL_OPENGL_ES3)
else()
  # Desktop GL 3.3 core: libGL exports every core function, so we use its prototypes
  # (src/platform/gl.hpp) instead of the backend's stripped loader, which lacks some we need.
  find_package(OpenGL REQUIRED)
  find_package(glfw3 REQUIRED)
  target_compile_definitions(imgui PUBLIC IMGUI_IMPL_OPENGL_LOADER_CUSTOM)
  target_compile_options(imgui PRIVATE -include "${PROJECT_SOURCE_DIR}/src/platform/gl.hpp")
  target_link_libraries(imgui PUBLIC glfw OpenGL::GL)
endif()
