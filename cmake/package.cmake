# package.cmake — the two things a school or a host installs, both named with the one version.
#
#   cmake --build --preset desktop --target package      attention-explorer_<version>_amd64.deb
#   cmake --build --preset web --target site-archive     attention-explorer-site-<version>.zip
#
# The Debian package holds both programs, the menu entry and its icon, the examples, lessons and applications;
# dpkg-shlibdeps reads the libraries the binaries link (GLFW, OpenGL, zlib, the C++ runtime) into Depends, so
# `apt install ./attention-explorer_<version>_amd64.deb` pulls in exactly what they link. The site
# archive is the page's folder as any static host serves it (packaging/site-README.md).

if(EMSCRIPTEN)
  # The page's files are the site target's; the script adds precompressed copies and the README.
  set(site_archive "${CMAKE_BINARY_DIR}/attention-explorer-site-${PROJECT_VERSION}.zip")
  add_custom_target(site-archive
    COMMAND "${CMAKE_COMMAND}" -DSITE=${site} -DVERSION=${PROJECT_VERSION} -DOUT=${site_archive}
            -DREADME=${PROJECT_SOURCE_DIR}/packaging/site-README.md -P "${PROJECT_SOURCE_DIR}/cmake/site_archive.cmake"
    DEPENDS attention-explorer site
    COMMENT "Packing the site into ${site_archive}")
  return()
endif()

include(GNUInstallDirs)
install(TARGETS attention-explorer attention-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES packaging/attention-explorer.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES packaging/attention-explorer.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(DIRECTORY examples lessons applications DESTINATION ${CMAKE_INSTALL_DATADIR}/attention-explorer)
install(FILES README.md CHANGELOG.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/attention-explorer)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME attention-explorer)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "interactive explorer of the attention mechanism")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Edit queries, keys and values and watch every step of attention update live:
scores, scaling, masking, softmax, the context vector and how it is used, each
with its formula filled in with the learner's own numbers. For teachers,
students and tutorial authors. Includes attention-cli, which prints a
scenario's every intermediate step as JSON.")
set(CPACK_PACKAGE_CONTACT "Attention Explorer developers")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "Attention Explorer developers")
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # attention-explorer_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# GLFW opens libGL.so.1 (GLX) at run time, which no binary links: named here.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libgl1")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_OUTPUT_FILE_PREFIX "${CMAKE_BINARY_DIR}/packages")
include(CPack)
