# assets.cmake — the UI font and the shaders, embedded into the binary at build time.
#
# The font is DejaVu Sans (Debian's fonts-dejavu-core), cut by pyftsubset to the glyphs the app
# uses: Latin, Greek, sub/superscripts and the math symbols of the formulas. That takes it from
# ~760 KB to a few tens of KB.

set(DEJAVU_TTF "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" CACHE FILEPATH "UI font to subset")
find_program(PYFTSUBSET pyftsubset REQUIRED)
# Latin-1; combining tilde and macron (h̃, w̄); Greek letters; dashes, ‖ (norms), quotes, bullet, ellipsis, prime; super/subscripts with ᵀ ᵢ ⱼ;
# arrows; the math operators the formulas use (∂ ∇ ∈ ∑ − √ ∝ ∞ ‖ ≈ ≠ ≤ ≥ ⊗ ⊙ ⋅); ■ ▲ ▶ ▼.
set(font_unicodes "U+0020-007E,U+00A0-00FF,U+0303-0304,U+0391-03C9,U+2013-2014,U+2016,U+2018-201D,U+2022,U+2026,U+2032,U+2070-209C,U+1D40,U+1D62,U+2C7C,U+2190-2193,U+21D2,U+2202,U+2207,U+2208,U+2211,U+2212,U+221A,U+221D,U+221E,U+2225,U+2248,U+2260,U+2264,U+2265,U+2297,U+2299,U+22C5,U+25A0,U+25B2,U+25B6,U+25BC")
set(font_subset "${CMAKE_BINARY_DIR}/assets/ui-font.ttf")
file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/assets")
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
