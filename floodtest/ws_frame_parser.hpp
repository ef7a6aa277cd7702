// An incremental parser of the frames a WebSocket server sends (RFC 6455
// 5.2), which keeps no bytes, only 16 bytes of state. It is pulled like
// response_parser: next() consumes input up to the next event. Server frames
// are unmasked and no extension is negotiated, so a mask bit or a reserved
// bit is an error, as are unknown opcodes and control frames that are
// fragmented or longer than 125 bytes.
#pragma once

#include <cstdint>
#include <string_view>

#include "ws_protocol.hpp"

namespace floodtest {

struct ws_frame_event {
  enum kind_t : std::uint8_t {
    need_more,   // the input is used up; call again with more
    frame_start, // a frame's header is read; see opcode(), fin(), payload_left()
    payload,     // `bytes`: a piece of the frame's payload
    frame_end,   // the frame's payload is complete
    error,       // not a frame a server may send; the stream is unusable
  };
  kind_t kind = need_more;
  std::string_view bytes;
};

class ws_frame_parser {
public:
  // Consumes a prefix of `input` (advancing it) and returns the next event.
  ws_frame_event next(std::string_view& input);

  // The current frame's, from its frame_start event on.
  ws_opcode opcode() const {
    return static_cast<ws_opcode>(first_byte_ & ws_header::opcode);
  }
  bool fin() const { return (first_byte_ & ws_header::fin) != 0; }

  // Payload bytes of the current frame not yet returned: at frame_start, its
  // length.
  std::uint64_t payload_left() const { return remaining_; }

  // A close frame's status code, from its frame_end event on; 0 when the
  // frame carries none.
  std::uint16_t close_code() const {
    return close_code_bytes_ == close_code_size ? close_code_ : 0;
  }

private:
  enum class state : std::uint8_t {
    first_byte, second_byte, extended_length, payload, end_pending, failed,
  };

  ws_frame_event header_done();
  ws_frame_event fail();

  std::uint64_t remaining_ = 0;
  std::uint16_t close_code_ = 0;
  state state_ = state::first_byte;
  std::uint8_t first_byte_ = 0;    // FIN, reserved bits, opcode
  std::uint8_t length_bytes_ = 0;  // of the extended length, still to read
  std::uint8_t close_code_bytes_ = 0; // of a close frame's code, read
};

} // namespace floodtest
