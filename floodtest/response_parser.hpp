// An incremental HTTP/1.1 response parser that keeps no bytes, only a few
// bytes of state: floodtest holds tens of thousands of streams, and a Beast
// parser with its buffer per stream would cost more than the stream itself.
//
// It is pulled: next() consumes input up to the next event and returns it.
// It understands what a streaming client needs: the status code, chunked
// framing, Content-Length and close-delimited bodies, and a 101 head after
// which the input is another protocol's (next() then leaves it unread). Header values other
// than Transfer-Encoding and Content-Length are skipped unread.
#pragma once

#include <cstdint>
#include <string_view>

namespace floodtest {

struct parse_event {
  enum kind_t : std::uint8_t {
    need_more, // the input is used up; call again with more
    head,      // the response head is complete; see status()
    data,      // `bytes` of body: a piece of a chunk, or of a plain body
    chunk_end, // a chunk (or, for a plain body, a received piece) ended
    end,       // the response is complete
    error,     // not a response we understand; the stream is unusable
  };
  kind_t kind = need_more;
  std::string_view bytes;
};

class response_parser {
public:
  // Consumes a prefix of `input` (advancing it) and returns the next event.
  parse_event next(std::string_view& input);

  // The response's status code, valid from the `head` event on.
  int status() const { return status_; }

  // True when the peer's close is the normal end of this response.
  bool ends_at_eof() const { return state_ == state::close_body; }

private:
  enum class state : std::uint8_t {
    status_prefix, status_version, status_code, status_rest,
    header_start, header_name, header_value, header_skip, head_end_lf,
    chunk_size, chunk_size_lf, chunk_ext, chunk_data, chunk_data_cr,
    chunk_data_lf, trailer_start, trailer_skip, trailer_end_lf,
    length_body, close_body, piece_end, end_pending, done, failed,
  };
  enum class header : std::uint8_t { other, transfer_encoding, content_length };

  parse_event finish_head();
  parse_event fail();
  parse_event body_piece(std::string_view& input);
  void on_header_name_char(char c);
  void on_header_value_char(char c);

  // Body bytes left in the current chunk or plain body; the Content-Length
  // value while the head is read.
  std::uint64_t remaining_ = 0;
  // The status code, kept for status() after the head.
  std::uint16_t status_ = 0;
  // Where we are in the response.
  state state_ = state::status_prefix;
  // Characters matched of a literal, or digits read of a number.
  std::uint8_t matched_ = 0;
  // Which known header the current line is, while it is read.
  header header_ = header::other;
  // What the head said about framing.
  bool chunked_ : 1 = false;
  bool has_length_ : 1 = false;
};

} // namespace floodtest
