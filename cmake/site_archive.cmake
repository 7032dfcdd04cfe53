# site_archive.cmake — run with cmake -P by the site-archive target (package.cmake).
#   -DSITE=<the page's folder> -DVERSION=<x.y.z> -DOUT=<archive.zip> -DREADME=<site-README.md>
# Copies the page into attention-explorer-site-<version>/, puts a gzip-compressed copy beside each
# file for hosts that serve precompressed files, writes the hosts' README, and zips the folder.
get_filename_component(out_dir "${OUT}" DIRECTORY)
set(name "attention-explorer-site-${VERSION}")
set(stage "${out_dir}/site-archive/${name}")
file(REMOVE_RECURSE "${out_dir}/site-archive")
file(MAKE_DIRECTORY "${stage}")
file(GLOB_RECURSE files RELATIVE "${SITE}" "${SITE}/*")
find_program(GZIP gzip REQUIRED)
foreach(file ${files})
  get_filename_component(folder "${stage}/${file}" DIRECTORY)
  file(COPY "${SITE}/${file}" DESTINATION "${folder}")
  # -n: no name or time stamp, so the same page gives the same bytes
  execute_process(COMMAND "${GZIP}" -9 -n -k "${stage}/${file}" RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "gzip ${file} failed")
  endif()
endforeach()
configure_file("${README}" "${stage}/README.md" @ONLY)
file(REMOVE "${OUT}")
execute_process(COMMAND "${CMAKE_COMMAND}" -E tar cf "${OUT}" --format=zip "${name}"
                WORKING_DIRECTORY "${out_dir}/site-archive" RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "zipping ${stage} failed")
endif()
message(STATUS "site archive: ${OUT}")
