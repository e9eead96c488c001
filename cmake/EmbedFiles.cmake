# rightsdesk_embed(TARGET NAMESPACE SYMBOL FILES...) compiles data files into the binary, so that
# the default rules, calendars and migrations always travel with the executable that uses them.
# Generates a source defining `std::span<const EmbeddedFile> NAMESPACE::SYMBOL()`.
function(rightsdesk_embed target namespace symbol)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${target}_embedded.cc)
  # A CMake list holds ';', which the shell would split; hand the script '|' instead.
  string(REPLACE ";" "|" files "${ARGN}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAMESPACE=${namespace} -DSYMBOL=${symbol}
            "-DFILES=${files}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${ARGN} ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    COMMENT "Embedding data files into ${target}"
    VERBATIM)
  add_library(${target} STATIC ${out})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
endfunction()
