// A fuzz input read as a network delivers it: cut anywhere. The first byte
// chooses the size of the pieces (0: the whole in one piece), the rest is the
// bytes. A parser that keeps no bytes must read the same whole and in pieces,
// which the targets of floodtest's parsers check by reading both ways.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace fuzz {

struct cut_input {
  std::size_t piece = 0;  // bytes per piece
  std::string_view bytes; // what is read
};

inline cut_input cut(const std::uint8_t* data, std::size_t size) {
  if (size == 0)
    return {1, {}};
  return {data[0] == 0 ? size : data[0],
          {reinterpret_cast<const char*>(data) + 1, size - 1}};
}

// Calls `read(piece)` on each piece of `bytes` in turn while it returns true.
template <class Read>
void for_each_piece(std::string_view bytes, std::size_t piece, Read read) {
  while (!bytes.empty()) {
    auto next = bytes.substr(0, piece);
    bytes.remove_prefix(next.size());
    if (!read(next))
      return;
  }
}

} // namespace fuzz
