#include "response_parser.hpp"

#include <algorithm>
#include <cctype>

namespace floodtest {

namespace {

constexpr std::string_view http_prefix = "HTTP/";
constexpr std::string_view transfer_encoding = "transfer-encoding";
constexpr std::string_view content_length = "content-length";
constexpr std::string_view chunked_token = "chunked";
// The answer to a WebSocket's upgrade request: final, unlike the other 1xx.
constexpr std::uint16_t switching_protocols = 101;

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  c = lower(c);
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

// Large enough for any real chunk, small enough that arithmetic never wraps.
constexpr std::uint64_t max_body_size = std::uint64_t{1} << 56;

} // namespace

parse_event response_parser::fail() {
  state_ = state::failed;
  return {parse_event::error, {}};
}

void response_parser::on_header_name_char(char c) {
  auto name = header_ == header::transfer_encoding ? transfer_encoding
                                                   : content_length;
  if (c == '\n') {
    state_ = state::header_start; // a line without a colon: not ours
  } else if (c == ':' && matched_ == name.size()) {
    state_ = state::header_value;
    matched_ = 0;
  } else if (matched_ < name.size() && lower(c) == name[matched_]) {
    ++matched_;
  } else {
    state_ = state::header_skip;
  }
}

void response_parser::on_header_value_char(char c) {
  if (header_ == header::content_length) {
    if (c >= '0' && c <= '9' && remaining_ < max_body_size) {
      remaining_ = remaining_ * 10 + static_cast<unsigned>(c - '0');
      has_length_ = true;
    }
    return;
  }
  // Looks for the token "chunked" anywhere in the value.
  if (lower(c) == chunked_token[matched_])
    ++matched_;
  else
    matched_ = lower(c) == chunked_token[0] ? 1 : 0;
  if (matched_ == chunked_token.size()) {
    chunked_ = true;
    matched_ = 0;
  }
}

parse_event response_parser::finish_head() {
  if (status_ == switching_protocols) {
    // The connection speaks another protocol now: HTTP has nothing more.
    state_ = state::done;
    return {parse_event::head, {}};
  }
  if (status_ >= 100 && status_ < 200) {
    // An interim response (100 Continue): the real one follows, so there is
    // no event yet (need_more here means: keep reading the input).
    *this = response_parser{};
    return {parse_event::need_more, {}};
  }
  if (chunked_)
    remaining_ = 0; // a Content-Length next to chunked framing means nothing
  if (status_ == 204 || status_ == 304)
    state_ = state::end_pending;
  else if (chunked_)
    state_ = state::chunk_size;
  else if (has_length_)
    state_ = remaining_ == 0 ? state::end_pending : state::length_body;
  else
    state_ = state::close_body;
  matched_ = 0;
  return {parse_event::head, {}};
}

parse_event response_parser::body_piece(std::string_view& input) {
  auto n = state_ == state::close_body
             ? input.size()
             : static_cast<std::size_t>(
               std::min<std::uint64_t>(remaining_, input.size()));
  auto piece = input.substr(0, n);
  input.remove_prefix(n);
  if (state_ != state::close_body)
    remaining_ -= n;
  if (state_ != state::chunk_data)
    state_ = state::piece_end; // a plain body has no chunks: a piece is one
  else if (remaining_ == 0)
    state_ = state::chunk_data_cr;
  return {parse_event::data, piece};
}

parse_event response_parser::next(std::string_view& input) {
  // Owed events that consume no input come first.
  if (state_ == state::piece_end) {
    if (!has_length_)
      state_ = state::close_body;
    else
      state_ = remaining_ > 0 ? state::length_body : state::end_pending;
    return {parse_event::chunk_end, {}};
  }
  if (state_ == state::end_pending) {
    state_ = state::done;
    return {parse_event::end, {}};
  }
  while (!input.empty()) {
    switch (state_) {
      case state::chunk_data:
      case state::length_body:
      case state::close_body:
        return body_piece(input);
      case state::done:
      case state::failed:
        return {parse_event::need_more, {}};
      default:
        break;
    }
    char c = input.front();
    input.remove_prefix(1);
    switch (state_) {
      case state::status_prefix:
        if (c != http_prefix[matched_])
          return fail();
        if (++matched_ == http_prefix.size())
          state_ = state::status_version;
        break;
      case state::status_version:
        if (c == ' ') {
          state_ = state::status_code;
          matched_ = 0;
        } else if (c == '\n') {
          return fail();
        }
        break;
      case state::status_code:
        if (c >= '0' && c <= '9' && matched_ < 3) {
          status_ = static_cast<std::uint16_t>(status_ * 10 + (c - '0'));
          ++matched_;
        } else if (matched_ == 3 && (c == ' ' || c == '\r' || c == '\n')) {
          state_ = c == '\n' ? state::header_start : state::status_rest;
        } else {
          return fail();
        }
        break;
      case state::status_rest:
      case state::header_skip:
        if (c == '\n')
          state_ = state::header_start;
        break;
      case state::header_start:
        matched_ = 1;
        if (c == '\n') {
          if (auto ev = finish_head(); ev.kind != parse_event::need_more)
            return ev;
        } else if (c == '\r') {
          state_ = state::head_end_lf;
        } else if (lower(c) == transfer_encoding[0]) {
          header_ = header::transfer_encoding;
          state_ = state::header_name;
        } else if (lower(c) == content_length[0]) {
          header_ = header::content_length;
          state_ = state::header_name;
        } else {
          state_ = state::header_skip;
        }
        break;
      case state::header_name:
        on_header_name_char(c);
        break;
      case state::header_value:
        if (c == '\n')
          state_ = state::header_start;
        else
          on_header_value_char(c);
        break;
      case state::head_end_lf:
        if (c != '\n')
          return fail();
        if (auto ev = finish_head(); ev.kind != parse_event::need_more)
          return ev;
        break;
      case state::chunk_size:
        if (int digit = hex_value(c); digit >= 0) {
          if (remaining_ >= max_body_size)
            return fail();
          remaining_ = remaining_ * 16 + static_cast<unsigned>(digit);
          matched_ = 1;
        } else if (matched_ == 0) {
          return fail();
        } else if (c == '\r') {
          state_ = state::chunk_size_lf;
        } else if (c == ';' || c == ' ' || c == '\t') {
          state_ = state::chunk_ext;
        } else if (c == '\n') {
          state_ = remaining_ == 0 ? state::trailer_start : state::chunk_data;
        } else {
          return fail();
        }
        break;
      case state::chunk_ext:
      case state::chunk_size_lf:
        if (c == '\n')
          state_ = remaining_ == 0 ? state::trailer_start : state::chunk_data;
        else if (state_ == state::chunk_size_lf)
          return fail();
        break;
      case state::chunk_data_cr:
        if (c == '\n') {
          state_ = state::chunk_size;
          matched_ = 0;
          return {parse_event::chunk_end, {}};
        }
        if (c != '\r')
          return fail();
        state_ = state::chunk_data_lf;
        break;
      case state::chunk_data_lf:
        if (c != '\n')
          return fail();
        state_ = state::chunk_size;
        matched_ = 0;
        return {parse_event::chunk_end, {}};
      case state::trailer_start:
        if (c == '\n') {
          state_ = state::done;
          return {parse_event::end, {}};
        }
        state_ = c == '\r' ? state::trailer_end_lf : state::trailer_skip;
        break;
      case state::trailer_skip:
        if (c == '\n')
          state_ = state::trailer_start;
        break;
      case state::trailer_end_lf:
        if (c != '\n')
          return fail();
        state_ = state::done;
        return {parse_event::end, {}};
      default:
        return fail();
    }
  }
  return {parse_event::need_more, {}};
}

} // namespace floodtest
