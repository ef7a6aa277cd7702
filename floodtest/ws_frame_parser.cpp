#include "ws_frame_parser.hpp"

#include <algorithm>

namespace floodtest {

namespace {

bool known_opcode(std::uint8_t opcode) {
  switch (static_cast<ws_opcode>(opcode)) {
    case ws_opcode::continuation:
    case ws_opcode::text:
    case ws_opcode::binary:
    case ws_opcode::close:
    case ws_opcode::ping:
    case ws_opcode::pong:
      return true;
  }
  return false;
}

} // namespace

ws_frame_event ws_frame_parser::fail() {
  state_ = state::failed;
  return {ws_frame_event::error, {}};
}

ws_frame_event ws_frame_parser::header_done() {
  // The length's most significant bit must be 0 (RFC 6455 5.2).
  if (remaining_ >> 63 != 0)
    return fail();
  close_code_ = 0;
  close_code_bytes_ = 0;
  state_ = remaining_ > 0 ? state::payload : state::end_pending;
  return {ws_frame_event::frame_start, {}};
}

ws_frame_event ws_frame_parser::next(std::string_view& input) {
  if (state_ == state::end_pending) {
    state_ = state::first_byte;
    return {ws_frame_event::frame_end, {}};
  }
  while (!input.empty()) {
    if (state_ == state::failed)
      return {ws_frame_event::need_more, {}};
    if (state_ == state::payload) {
      auto n = static_cast<std::size_t>(
        std::min<std::uint64_t>(remaining_, input.size()));
      auto piece = input.substr(0, n);
      input.remove_prefix(n);
      remaining_ -= n;
      if (opcode() == ws_opcode::close)
        for (char c : piece.substr(0, close_code_size - close_code_bytes_)) {
          close_code_ = static_cast<std::uint16_t>(
            (close_code_ << 8) | static_cast<std::uint8_t>(c));
          ++close_code_bytes_;
        }
      if (remaining_ == 0)
        state_ = state::end_pending;
      return {ws_frame_event::payload, piece};
    }
    auto byte = static_cast<std::uint8_t>(input.front());
    input.remove_prefix(1);
    switch (state_) {
      case state::first_byte:
        if ((byte & ws_header::reserved) != 0 || !known_opcode(byte & ws_header::opcode))
          return fail();
        first_byte_ = byte;
        state_ = state::second_byte;
        break;
      case state::second_byte: {
        auto length = static_cast<std::uint8_t>(byte & ~ws_header::mask);
        bool control = (first_byte_ & ws_header::control) != 0;
        if ((byte & ws_header::mask) != 0
            || (control && ((first_byte_ & ws_header::fin) == 0
                            || length > max_control_payload)))
          return fail();
        remaining_ = 0;
        if (length < ws_header::length_16) {
          remaining_ = length;
          return header_done();
        }
        length_bytes_ = length == ws_header::length_16 ? sizeof(std::uint16_t)
                                                       : sizeof(std::uint64_t);
        state_ = state::extended_length;
        break;
      }
      case state::extended_length:
        remaining_ = (remaining_ << 8) | byte;
        if (--length_bytes_ == 0)
          return header_done();
        break;
      default:
        return fail();
    }
  }
  return {ws_frame_event::need_more, {}};
}

} // namespace floodtest
