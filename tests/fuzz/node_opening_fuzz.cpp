// The node port's check of a peer's first bytes (app/basp_opening.hpp) on
// arbitrary bytes, fed as the relay feeds it: every prefix as it grows. It
// must decide without reading past what it is given, and once it has
// accepted or refused, more bytes must not change its mind (the relay stops
// asking then); a refusal always says why.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/basp_opening.hpp"

namespace {

void check(bool ok) {
  if (!ok)
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view all{reinterpret_cast<const char*>(data), size};
  using kind = net::opening_verdict::kind;
  auto decided = kind::need_more;
  for (std::size_t n = 0; n <= all.size(); ++n) {
    auto verdict = app::check_basp_opening(all.substr(0, n));
    if (verdict.what == kind::refuse)
      check(!verdict.reason.empty());
    if (decided != kind::need_more)
      check(verdict.what == decided);
    decided = verdict.what;
  }
  return 0;
}
