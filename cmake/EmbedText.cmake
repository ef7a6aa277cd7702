# embed_text(<source> <template> <output>): a file compiled into the program,
# so that nothing is read or fetched at run time. Configures <template> into
# <output> with @EMBEDDED_TEXT@ set to the contents of <source> and
# @EMBEDDED_DELIMITER@ to the delimiter of a raw string literal that holds it.
# CMake runs again when <source> changes.
function(embed_text source template output)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${source})
  file(READ ${source} EMBEDDED_TEXT)
  set(EMBEDDED_DELIMITER "caf_comet_page")
  string(FIND "${EMBEDDED_TEXT}" ")${EMBEDDED_DELIMITER}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${source} holds the raw string's delimiter")
  endif()
  configure_file(${template} ${output} @ONLY)
endfunction()
