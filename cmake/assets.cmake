# assets.cmake — the UI font and the shaders, embedded into the binary at build time.
#
# The font is DejaVu Sans (Debian's fonts-dejavu-core), cut by pyftsubset to the glyphs the app
# uses: Latin, Greek, sub/superscripts and the math symbols of the formulas. That takes it from
# ~760 KB to a few tens of KB.

set(DEJAVU_TTF "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" CACHE FILEPATH "UI font to subset")
find_program(PYFTSUBSET pyftsubset REQUIRED)
set(font_unicodes "U+0020-007E,U+00A0-00FF,U+0370-03FF,U+2000-206F,U+2070-209F,U+2190-21FF,U+2200-22FF,U+1D00-1D7F,U+25A0-25FF")
set(font_subset "${CMAKE_BINARY_DIR}/assets/ui-font.ttf")
add_custom_command(OUTPUT "${font_subset}"
  COMMAND "${PYFTSUBSET}" "${DEJAVU_TTF}" "--unicodes=${font_unicodes}" "--output-file=${font_subset}"
          --layout-features= --no-hinting --desubroutinize
  DEPENDS "${DEJAVU_TTF}" COMMENT "Subsetting the UI font")

# embed_asset(<target> <file> <symbol>): compile <file> into <target> as <symbol>[] / <symbol>_size.
function(embed_asset target file symbol)
  set(out "${CMAKE_BINARY_DIR}/assets/${symbol}.cpp")
  add_custom_command(OUTPUT "${out}"
    COMMAND "${CMAKE_COMMAND}" -DINPUT=${file} -DOUTPUT=${out} -DSYMBOL=${symbol}
            -P "${PROJECT_SOURCE_DIR}/cmake/embed.cmake"
    DEPENDS "${file}" "${PROJECT_SOURCE_DIR}/cmake/embed.cmake")
  target_sources(${target} PRIVATE "${out}")
endfunction()
