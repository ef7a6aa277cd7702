# Instrumented builds, for every target of the project (each in its own build
# directory):
#   -DCAF_COMET_SANITIZE=address  AddressSanitizer + UndefinedBehaviorSanitizer;
#                                 any UB report aborts, as a memory error does
#   -DCAF_COMET_SANITIZE=thread   ThreadSanitizer
#   -DCAF_COMET_FUZZ=ON           the libFuzzer targets of tests/fuzz (clang++
#                                 only); implies address unless told otherwise
# Code compiled in (ours, and the Boost, nlohmann and CAF headers) is
# instrumented; the prebuilt libcaf is not. Tests read CAF_COMET_SANITIZER
# to skip what means nothing under a sanitizer (memory or timing figures).
set(CAF_COMET_SANITIZE "" CACHE STRING "Sanitizer build: address, thread or empty")
set_property(CACHE CAF_COMET_SANITIZE PROPERTY STRINGS "" address thread)
option(CAF_COMET_FUZZ "Build the libFuzzer targets of tests/fuzz (clang++)" OFF)

if(CAF_COMET_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "CAF_COMET_FUZZ needs clang++ (-DCMAKE_CXX_COMPILER=clang++)")
  endif()
  if(CAF_COMET_SANITIZE STREQUAL "")
    set(CAF_COMET_SANITIZE address)
  endif()
  # Coverage feedback for the code under test; the targets link libFuzzer.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(CAF_COMET_SANITIZE STREQUAL "address")
  # Every UB check aborts, but `null`: it reports and goes on, so that
  # tests/sanitizers/ubsan.supp can silence a null reference inside CAF's
  # headers (suppressions only apply to checks that recover). Run with
  # UBSAN_OPTIONS=halt_on_error=1 (as .ci/sanitize does), any other null
  # report aborts too.
  set(caf_comet_sanitizer_flags -fsanitize=address,undefined
      -fno-sanitize-recover=undefined -fsanitize-recover=null
      -fno-omit-frame-pointer)
elseif(CAF_COMET_SANITIZE STREQUAL "thread")
  set(caf_comet_sanitizer_flags -fsanitize=thread -fno-omit-frame-pointer)
elseif(NOT CAF_COMET_SANITIZE STREQUAL "")
  message(FATAL_ERROR "CAF_COMET_SANITIZE must be address, thread or empty, "
                      "not '${CAF_COMET_SANITIZE}'")
endif()

if(caf_comet_sanitizer_flags)
  message(STATUS "caf-comet: sanitizer build (${CAF_COMET_SANITIZE})")
  add_compile_options(${caf_comet_sanitizer_flags})
  add_link_options(${caf_comet_sanitizer_flags})
  # Boost.MultiIndex's safe mode: a use of an invalidated iterator (say, in
  # the router's tables) is caught. (Not _GLIBCXX_ASSERTIONS: CAF 0.17's
  # headers break its shared_ptr precondition, see tests/sanitizers/ubsan.supp.)
  add_compile_definitions(CAF_COMET_SANITIZER="${CAF_COMET_SANITIZE}"
                          BOOST_MULTI_INDEX_ENABLE_SAFE_MODE)
endif()
