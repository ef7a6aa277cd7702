// Compares a presented secret (bearer token, cluster cookie) with the
// expected one in time that depends only on the length, so timing does not
// tell how much of a guess is right.
#pragma once

#include <string_view>

namespace router {

inline bool same_secret(std::string_view presented, std::string_view expected) {
  if (presented.size() != expected.size())
    return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < expected.size(); ++i)
    diff |= static_cast<unsigned char>(presented[i] ^ expected[i]);
  return diff == 0;
}

} // namespace router
