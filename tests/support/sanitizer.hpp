// Whether this build runs under a sanitizer (cmake/Sanitizers.cmake). Some
// figures mean nothing there: ASan keeps freed memory in quarantine and pads
// every block, so RSS does not measure our memory, and everything runs several
// times slower. A test of such a figure skips itself there, saying why; it
// still runs in every other build.
#pragma once

#include <gtest/gtest.h>

namespace support {

#ifdef CAF_COMET_SANITIZER
inline constexpr const char* sanitizer = CAF_COMET_SANITIZER;
#else
inline constexpr const char* sanitizer = nullptr;
#endif

} // namespace support

// Skips the current test in a sanitizer build, with `why` in the output.
#define SKIP_UNDER_SANITIZER(why)                                            \
  do {                                                                       \
    if (support::sanitizer)                                                  \
      GTEST_SKIP() << "skipped under " << support::sanitizer << ": " << why; \
  } while (false)
