# assets.cmake — the UI font, subset at build time (embed_asset.cmake embeds it and the shaders).
#
# The font is DejaVu Sans (Debian's fonts-dejavu-core), cut by pyftsubset to the characters the
# app can show: font_glyphs.py collects them from the sources, examples, lessons, applications and page files
# (and fails the build when the font lacks one, or a string holds LaTeX), for the subset and for
# the ranges ImGui builds its atlas from (ui/style.cpp). That takes it from ~760 KB to a few tens of KB.

set(DEJAVU_TTF "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" CACHE FILEPATH "UI font to subset")
find_program(PYFTSUBSET pyftsubset REQUIRED)
set(glyph_roots src examples web lessons applications)
set(glyph_sources)
foreach(root ${glyph_roots})
  file(GLOB_RECURSE found CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/${root}/*")
  list(APPEND glyph_sources ${found})
endforeach()
set(assets "${CMAKE_BINARY_DIR}/assets")
set(font_unicodes "${assets}/ui-font-unicodes.txt")
set(font_ranges "${assets}/glyph_ranges.inc")
set(font_subset "${assets}/ui-font.ttf")
file(MAKE_DIRECTORY "${assets}")
add_custom_command(OUTPUT "${font_unicodes}" "${font_ranges}"
  COMMAND /usr/bin/python3 "${PROJECT_SOURCE_DIR}/cmake/font_glyphs.py" "${DEJAVU_TTF}" "${font_unicodes}" "${font_ranges}"
          ${glyph_roots}
  WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
  DEPENDS "${PROJECT_SOURCE_DIR}/cmake/font_glyphs.py" "${DEJAVU_TTF}" ${glyph_sources}
  COMMENT "Collecting the characters the explorer shows")
add_custom_command(OUTPUT "${font_subset}"
  COMMAND "${PYFTSUBSET}" "${DEJAVU_TTF}" "--unicodes-file=${font_unicodes}" "--output-file=${font_subset}"
          --layout-features= --no-hinting --desubroutinize
  DEPENDS "${DEJAVU_TTF}" "${font_unicodes}" COMMENT "Subsetting the UI font")
