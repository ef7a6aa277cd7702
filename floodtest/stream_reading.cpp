// stream_client's reading half: what the bytes of a stream mean, per
// transport. The seed's chunks and SSE events come in an HTTP body; a
// WebSocket's frames follow its 101 head.
#include <array>

#include "stream_client.hpp"
#include "stream_pool.hpp"
#include "ws_client_frames.hpp"

namespace floodtest {

namespace {

// caf-comet sends its events as unfragmented text frames; continuation
// frames are read as more of the text all the same.
bool carries_text(ws_opcode opcode) {
  return opcode == ws_opcode::text || opcode == ws_opcode::continuation;
}

} // namespace

bool stream_client::upgraded() const {
  return phase_ == phase::streaming && pool_.transport() == transport::ws;
}

bool stream_client::ends_at_eof() {
  return !upgraded() && parsers_.http().ends_at_eof();
}

bool stream_client::consume(std::string_view bytes) {
  if (upgraded())
    return consume_frames(bytes);
  auto& http = parsers_.http();
  for (;;) {
    auto event = http.next(bytes);
    switch (event.kind) {
      case parse_event::need_more:
        return true;
      case parse_event::head:
        if (http.status() != streaming_status(pool_.transport())) {
          finish({close_kind::http_status, http.status()});
          return false;
        }
        phase_ = phase::streaming;
        pool_.record_started();
        pool_.connect_settled();
        if (upgraded()) {
          parsers_.start_frames();
          return consume_frames(bytes);
        }
        break;
      case parse_event::data:
        on_body(event.bytes);
        break;
      case parse_event::chunk_end:
        // An SSE event may span chunks or share one: the scanner finds ends.
        if (pool_.transport() == transport::chunked)
          on_chunk_end();
        break;
      case parse_event::end:
        finish({close_kind::end, 0});
        return false;
      case parse_event::error:
        finish({close_kind::bad_response, 0});
        return false;
    }
  }
}

void stream_client::on_body(std::string_view bytes) {
  if (pool_.transport() == transport::sse) {
    for (auto found = parsers_.sse().next(bytes);
         found.kind != event_finding::none; found = parsers_.sse().next(bytes))
      on_event(found);
    return;
  }
  auto found = parsers_.chunks().feed(bytes);
  if (found.kind == chunk_finding::tick)
    progress_.on_event({event_finding::tick, found.value}, pool_);
  else if (found.kind == chunk_finding::stamp)
    progress_.on_event({event_finding::message, found.value}, pool_);
  chunk_seen_ = chunk_seen_ || found.kind != chunk_finding::none;
}

void stream_client::on_chunk_end() {
  pool_.record_chunk();
  if (!progress_.welcomed())
    progress_.on_event({event_finding::welcome, 0}, pool_);
  else if (!chunk_seen_)
    progress_.on_event({event_finding::message, 0}, pool_);
  chunk_seen_ = false;
  parsers_.chunks().reset();
}

void stream_client::on_event(const event_finding& event) {
  pool_.record_chunk();
  progress_.on_event(event, pool_);
}

bool stream_client::consume_frames(std::string_view bytes) {
  auto& frames = parsers_.frames();
  for (;;) {
    auto event = frames.next(bytes);
    switch (event.kind) {
      case ws_frame_event::need_more:
        return true;
      case ws_frame_event::frame_start:
        if (frames.opcode() == ws_opcode::ping)
          start_pong(frames.payload_left());
        break;
      case ws_frame_event::payload:
        if (frames.opcode() == ws_opcode::ping)
          add_to_pong(event.bytes);
        else if (carries_text(frames.opcode()))
          parsers_.ws_events().feed(event.bytes);
        break;
      case ws_frame_event::frame_end:
        if (frames.opcode() == ws_opcode::ping) {
          send_pong();
        } else if (frames.opcode() == ws_opcode::close) {
          reply_close(frames.close_code());
          finish({close_kind::ws_close, frames.close_code()});
          return false;
        } else if (carries_text(frames.opcode()) && frames.fin()) {
          on_event(parsers_.ws_events().finish());
        }
        break;
      case ws_frame_event::error:
        finish({close_kind::bad_response, 0});
        return false;
    }
  }
}

// A pong carries its ping's payload (RFC 6455 5.5.3), masked as it arrives.
void stream_client::start_pong(std::uint64_t length) {
  // The last pong is still being written (the socket is full): this ping
  // goes unanswered, and the server closes the stream if the socket stays
  // full for its whole ping timeout.
  if (outgoing_)
    return;
  outgoing_ = std::make_unique<std::string>(control_header_size, '\0');
  outgoing_->reserve(control_header_size + length);
  write_control_header(*outgoing_, ws_opcode::pong, length, pool_.mask_key());
  answering_ping_ = true;
}

void stream_client::add_to_pong(std::string_view bytes) {
  if (!answering_ping_)
    return;
  auto offset = outgoing_->size() - control_header_size;
  outgoing_->append(bytes);
  mask_payload(std::span{*outgoing_}.subspan(control_header_size + offset),
               mask_key_of(*outgoing_), offset);
}

void stream_client::send_pong() {
  if (!answering_ping_)
    return;
  answering_ping_ = false;
  do_write();
}

// Answers the server's close with its code, as RFC 6455 5.5.1 asks, if the
// socket takes the few bytes at once: the stream ends either way.
void stream_client::reply_close(std::uint16_t code) {
  if (outgoing_)
    return; // a pong is half written: a frame after it would be cut short
  std::array<char, close_code_size> code_bytes{static_cast<char>(code >> 8),
                                               static_cast<char>(code)};
  std::string_view payload{code_bytes.data(), code == 0 ? 0 : code_bytes.size()};
  std::array<char, control_header_size + close_code_size> frame;
  auto size = write_control_frame(frame, ws_opcode::close, payload,
                                  pool_.mask_key());
  boost::system::error_code ignored;
  socket_.write_some(boost::asio::buffer(frame.data(), size), ignored);
}

} // namespace floodtest
