#include "net/event_framing.hpp"

#include <nlohmann/json.hpp>

#include "net/html_escape.hpp"
#include "net/http_text.hpp"

namespace net {

namespace {

// One `data:` line per line of `text`; a final line break ends the text
// rather than adding an empty line. CR, LF and CRLF all break lines, as the
// SSE parsing rules say.
void append_data_lines(std::string& out, std::string_view text) {
  if (!text.empty() && text.back() == '\n')
    text.remove_suffix(1);
  if (!text.empty() && text.back() == '\r')
    text.remove_suffix(1);
  std::size_t start = 0;
  while (true) {
    auto end = text.find_first_of("\r\n", start);
    out += "data: ";
    out += text.substr(start, end - start);
    out += '\n';
    if (end == std::string_view::npos)
      return;
    start = end + (text.compare(end, 2, "\r\n") == 0 ? 2 : 1);
  }
}

std::string sse_event(const stream_event& event) {
  std::string out;
  out.reserve(event.text.size() + 32);
  switch (event.kind) {
    case event_kind::welcome:
      out += "retry: " + std::to_string(sse_retry_ms) + "\nevent: welcome\n";
      break;
    case event_kind::tick:
      out += "event: tick\n";
      break;
    case event_kind::message:
      out += "id: " + std::to_string(event.seq) + "\n";
      break;
    case event_kind::reset:
      out += "event: reset\n";
      break;
  }
  append_data_lines(out, event.text);
  out += '\n';
  return out;
}

std::string_view kind_name(event_kind kind) {
  switch (kind) {
    case event_kind::welcome: return "welcome";
    case event_kind::tick: return "tick";
    case event_kind::message: return "message";
    case event_kind::reset: return "reset";
  }
  return "unknown";
}

std::string json_event(const stream_event& event) {
  auto seq = event.kind == event_kind::message ? event.seq : event.n;
  nlohmann::ordered_json out{{"type", kind_name(event.kind)},
                     {"seq", seq},
                     {"text", event.text}};
  // Invalid UTF-8 (a control request may carry any bytes) is replaced, not
  // thrown on: a text frame must be UTF-8.
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace

std::string stream_head(stream_format format, bool chunked) {
  std::string head = "HTTP/1.1 200 OK\r\nServer: ";
  head += server_name();
  head += format == stream_format::sse
            ? "\r\nContent-Type: text/event-stream\r\nX-Accel-Buffering: no\r\n"
            : "\r\nContent-Type: text/html; charset=utf-8\r\n";
  head += chunked ? "Transfer-Encoding: chunked\r\n" : "Connection: close\r\n";
  head += "Cache-Control: no-cache\r\n\r\n";
  return head;
}

std::string html_message_text(std::uint32_t n, std::string_view text) {
  return "Recvd msg #" + std::to_string(n) + ": '" + html_escape(text) + "'<br/>";
}

std::string frame_event(stream_format format, const stream_event& event) {
  if (format == stream_format::sse)
    return sse_event(event);
  if (format == stream_format::json)
    return json_event(event);
  if (event.kind == event_kind::message)
    return html_message_text(event.n, event.text);
  return std::string{event.text};
}

std::string frame_http_event(stream_format format, bool chunked,
                             const stream_event& event) {
  if (format == stream_format::html && event.kind != event_kind::message)
    return chunked ? frame_chunk(event.text) : std::string{event.text};
  auto payload = frame_event(format, event);
  return chunked ? frame_chunk(payload) : payload;
}

} // namespace net
