// comet-baseline: the floor caf-comet is measured against. One thread, one
// epoll set, no CAF and no Asio; the same bytes on the wire as caf-comet for
// GET /test/<Id> and the control subset the benchmarks use (GET /stats,
// POST /send, POST /broadcast), the same command-line keys and ready line.
//
// Lean on purpose, so that what caf-comet spends beyond it is visible:
// - a stream is one 104-byte slot of a table indexed by its fd (allocated by
//   the kernel page by page as fds are used), one bucket entry of the id
//   index and its epoll registration; nothing else is allocated for it;
// - one read per request, one write per chunk (the response head goes with
//   the welcome), each chunk built in one static buffer;
// - every connection's single deadline (its next tick, the end of its
//   request time or of its linger) sits in a timer wheel of 1 ms slots.
// Bytes the kernel does not take at once wait in a buffer allocated only
// then; a reader that lets more than caf-comet's 64 KiB wait is closed.
//
// Left out, as no benchmark needs them: the control token, the control
// port's idle timeout, chunked request bodies, a cluster. Ids are
// percent-decoded and checked as caf-comet does. Deadlines are kept in ms
// since the start in 32 bits: it runs for up to 49 days.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

// caf-comet's own definitions of its bytes, so that both speak the same.
#include "net/event_framing.hpp"
#include "net/http_text.hpp"
#include "net/request_target.hpp"
#include "net/html_escape.hpp"

namespace {

// -- caf-comet's limits and texts (net/, router/, actors/feed.cpp) ------------

constexpr std::size_t max_header_bytes = 8192;       // stream port; else 431
constexpr std::size_t max_stream_body = 8192;        // stream port; else 413
constexpr std::size_t max_control_header = 8192;     // control port; else 431
constexpr std::size_t max_control_body = 64 * 1024;  // control port; else 413
constexpr std::size_t max_message_bytes = 16 * 1024; // one msg; else 413
constexpr std::size_t max_batch_messages = 1000;     // one batch; else 413
constexpr std::size_t send_queue_limit = 65536;      // unsent bytes: close
constexpr std::uint64_t request_timeout_ms = 10000;  // no full head: 408
constexpr std::uint64_t linger_ms = 1000; // a closing socket's time to read
constexpr std::size_t reserved_fds = 64;  // above the rest: 503

constexpr std::string_view last_chunk = "0\r\n\r\n";

std::string stream_error(int status, bool keep_alive, bool head_only = false) {
  std::string body{net::reason_phrase(status)};
  if (status == 400)
    body.append(": ").append(net::invalid_id_text);
  body += "\n";
  return net::simple_response(status, body, keep_alive, head_only);
}

void html_escape(std::string_view text, std::string& out) {
  out = net::html_escape(text);
}

// -- chunks -------------------------------------------------------------------

// Every chunk is built in this one buffer: the payload after room for what
// goes in front of it (its size line and, for the welcome, the response
// head), which is written last, so no byte is copied twice. Large enough for
// the largest routed message, every byte escaped to six.
constexpr std::size_t front_room = 256;
constexpr std::size_t max_payload = 6 * max_message_bytes + 64;
char chunk_buffer[front_room + max_payload + 2];

class chunk {
public:
  chunk& text(std::string_view s) {
    std::memcpy(chunk_buffer + front_room + size_, s.data(), s.size());
    size_ += s.size();
    return *this;
  }

  chunk& number(std::uint32_t n) {
    char* at = chunk_buffer + front_room + size_;
    size_ += static_cast<std::size_t>(std::to_chars(at, at + 10, n).ptr - at);
    return *this;
  }

  // The bytes to write: `prefix`, then "<hex size>\r\n<payload>\r\n" on a
  // chunked stream or the bare payload on an HTTP/1.0 one. `prefix` must
  // leave 16 bytes of front_room for the size line.
  std::string_view bytes(bool chunked, std::string_view prefix = {}) {
    char* start = chunk_buffer + front_room;
    char* end = start + size_;
    if (chunked) {
      char hex[16];
      auto hex_end = std::to_chars(hex, hex + sizeof(hex), size_, 16).ptr;
      auto hex_size = static_cast<std::size_t>(hex_end - hex);
      start -= 2;
      std::memcpy(start, "\r\n", 2);
      start -= hex_size;
      std::memcpy(start, hex, hex_size);
      std::memcpy(end, "\r\n", 2);
      end += 2;
    }
    start -= prefix.size();
    if (!prefix.empty()) // an empty view's data() may be null: not for memcpy
      std::memcpy(start, prefix.data(), prefix.size());
    return {start, static_cast<std::size_t>(end - start)};
  }

private:
  std::size_t size_ = 0;
};

// -- connections --------------------------------------------------------------

enum class phase : std::uint8_t {
  unused,    // no connection on this fd (zero, as the table starts)
  reading,   // waiting for a request on the stream port
  streaming, // GET /test/<id> answered: chunks until the client leaves
  control,   // a control port connection
  lingering, // the last response is written: close at the client's EOF or
             // at the deadline
};

// What a connection rarely needs, allocated only when it does.
struct spill {
  std::string in;          // a request that came in parts
  std::string out;         // bytes the socket did not take yet
  std::uint32_t out_chunks = 0; // chunks in `out`: counted sent when written
  bool linger_after = false;    // then linger (a response with close)
};

// One per fd, in a table the kernel backs page by page (zero: unused).
// Links are fd + 1, 0 meaning none.
struct connection {
  spill* extra;
  std::uint32_t wheel_prev, wheel_next; // the deadline's slot list
  std::uint32_t wheel_slot_time;        // that slot's time (ms, wrapping)
  std::uint32_t due_ms;                 // the deadline (ms since the start)
  std::uint32_t id_next;                // the id bucket's list
  std::uint32_t n;                      // the article's N: next chunk number
  phase state;
  bool in_wheel;
  bool chunked;         // HTTP/1.1 stream (else the body ends with the close)
  bool stream_port;     // counted in stats.connections
  bool served_one;      // answered a request; idle keep-alive just closes
  std::uint8_t id_len;
  char id[net::max_id_length];

  std::string_view id_text() const { return {id, id_len}; }
};
static_assert(std::is_trivial_v<connection>, "zeroed memory is a valid table");
static_assert(sizeof(connection) <= 104, "a stream's whole cost, keep it so");

connection* table = nullptr; // indexed by fd
std::size_t table_size = 0;

connection& conn(int fd) { return table[fd]; }
int fd_of(std::uint32_t link) { return static_cast<int>(link) - 1; }
std::uint32_t link_of(int fd) { return static_cast<std::uint32_t>(fd) + 1; }

std::uint64_t start_ns = 0;

std::uint64_t monotonic_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1000000000u
         + static_cast<std::uint64_t>(ts.tv_nsec);
}

// ms since the start.
std::uint64_t now_ms() { return (monotonic_ns() - start_ns) / 1000000; }

// -- the timer wheel ----------------------------------------------------------

// The one deadline each connection may have, in slots of `slot_ms` over a
// span longer than any deadline can be ahead, so that a slot holds only
// connections due at its time. Slots are lists through the connections:
// inserting and removing cost O(1); an expiry pass costs O(slots passed +
// connections due), and empty stretches are skipped in O(1) amortized.
class timer_wheel {
public:
  explicit timer_wheel(std::uint64_t span_ms) {
    slot_ms_ = std::max<std::uint64_t>(1, (span_ms + 65535) / 65536);
    std::size_t slots = 1;
    while (slots < span_ms / slot_ms_ + 2)
      slots *= 2;
    heads_.assign(slots, 0);
    mask_ = slots - 1;
  }

  // `due_ms` at most the span ahead of the last expire(); a deadline passed
  // already goes to the next slot to expire.
  void insert(int fd, std::uint64_t due_ms) {
    auto& c = conn(fd);
    c.due_ms = static_cast<std::uint32_t>(due_ms);
    auto time = std::max((due_ms + slot_ms_ - 1) / slot_ms_, next_);
    auto& head = heads_[time & mask_];
    c.wheel_slot_time = static_cast<std::uint32_t>(time);
    c.wheel_prev = 0;
    c.wheel_next = head;
    if (head)
      conn(fd_of(head)).wheel_prev = link_of(fd);
    head = link_of(fd);
    c.in_wheel = true;
    ++count_;
    empty_until_ = std::min(empty_until_, time);
  }

  void remove(int fd) {
    auto& c = conn(fd);
    if (!c.in_wheel)
      return;
    if (c.wheel_prev)
      conn(fd_of(c.wheel_prev)).wheel_next = c.wheel_next;
    else
      heads_[c.wheel_slot_time & mask_] = c.wheel_next;
    if (c.wheel_next)
      conn(fd_of(c.wheel_next)).wheel_prev = c.wheel_prev;
    c.in_wheel = false;
    --count_;
  }

  // Calls fire(fd) for each connection whose deadline is at or before `now`,
  // out of the wheel; fire may insert it again (always into a later slot).
  template <class Fire>
  void expire(std::uint64_t now, Fire&& fire) {
    auto last = now / slot_ms_;
    if (count_ == 0) {
      next_ = empty_until_ = std::max(next_, last + 1);
      return;
    }
    next_ = std::max(next_, std::min(empty_until_, last + 1));
    while (next_ <= last) {
      auto list = std::exchange(heads_[next_ & mask_], 0u);
      ++next_;
      empty_until_ = std::max(empty_until_, next_);
      while (list) {
        int fd = fd_of(list);
        list = conn(fd).wheel_next;
        conn(fd).in_wheel = false;
        --count_;
        fire(fd);
      }
    }
  }

  // ms until the earliest deadline (for epoll_wait), -1 when there is none.
  int timeout_ms(std::uint64_t now) {
    if (count_ == 0)
      return -1;
    empty_until_ = std::max(empty_until_, next_);
    while (heads_[empty_until_ & mask_] == 0)
      ++empty_until_;
    auto at = empty_until_ * slot_ms_;
    return at > now ? static_cast<int>(at - now) : 0;
  }

private:
  std::vector<std::uint32_t> heads_; // fd + 1 of each slot's first, 0: empty
  std::uint64_t mask_ = 0;
  std::uint64_t slot_ms_ = 1;
  std::uint64_t next_ = 0;        // the first slot time not yet expired
  std::uint64_t empty_until_ = 0; // slots in [next_, empty_until_) are empty
  std::size_t count_ = 0;
};

// -- the id index -------------------------------------------------------------

// Streams by id: buckets of lists through the connections, grown to one
// bucket per stream. Also counts the distinct ids.
class id_index {
public:
  void add(int fd) {
    if (streams_ + 1 > buckets_.size())
      grow();
    auto& head = bucket(conn(fd).id_text());
    if (!contains(head, conn(fd).id_text()))
      ++ids_;
    conn(fd).id_next = head;
    head = link_of(fd);
    ++streams_;
  }

  void remove(int fd) {
    auto id = conn(fd).id_text();
    auto* link = &bucket(id);
    while (*link != link_of(fd))
      link = &conn(fd_of(*link)).id_next;
    *link = conn(fd).id_next;
    --streams_;
    if (!contains(bucket(id), id))
      --ids_;
  }

  // Calls f(fd) for every stream of `id`. f may remove the stream it is
  // given (a write that fails closes it), no other, and add none.
  template <class F>
  void each_of(std::string_view id, F&& f) const {
    for (auto link = bucket(id); link;) {
      int fd = fd_of(link);
      link = conn(fd).id_next;
      if (conn(fd).id_text() == id)
        f(fd);
    }
  }

  // Calls f(fd) for every stream, with each_of's contract.
  template <class F>
  void each(F&& f) const {
    for (auto head : buckets_)
      for (auto link = head; link;) {
        int fd = fd_of(link);
        link = conn(fd).id_next;
        f(fd);
      }
  }

  std::size_t streams() const { return streams_; }
  std::size_t ids() const { return ids_; }

private:
  static std::uint32_t hash(std::string_view id) {
    std::uint32_t h = 2166136261u; // FNV-1a
    for (unsigned char c : id)
      h = (h ^ c) * 16777619u;
    return h;
  }

  std::uint32_t& bucket(std::string_view id) {
    return buckets_[hash(id) & (buckets_.size() - 1)];
  }
  std::uint32_t bucket(std::string_view id) const {
    return buckets_.empty() ? 0 : buckets_[hash(id) & (buckets_.size() - 1)];
  }

  static bool contains(std::uint32_t link, std::string_view id) {
    for (; link; link = conn(fd_of(link)).id_next)
      if (conn(fd_of(link)).id_text() == id)
        return true;
    return false;
  }

  void grow() {
    std::vector<std::uint32_t> old;
    old.swap(buckets_);
    buckets_.assign(std::max<std::size_t>(64, old.size() * 2), 0);
    for (auto head : old)
      for (auto link = head; link;) {
        int fd = fd_of(link);
        link = conn(fd).id_next;
        auto& into = bucket(conn(fd).id_text());
        conn(fd).id_next = into;
        into = link_of(fd);
      }
  }

  std::vector<std::uint32_t> buckets_; // fd + 1 of each list's first
  std::size_t streams_ = 0;
  std::size_t ids_ = 0;
};

// -- HTTP requests ------------------------------------------------------------

struct request {
  std::string_view method, target, body;
  bool http11 = true;
  bool keep_alive = true;
};

struct parse_result {
  enum { complete, incomplete, failed } outcome = incomplete;
  request req;
  std::size_t size = 0; // bytes of the request, head and body
  int status = 0;       // why it failed: 400, 413 or 431
};

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size()
         && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
              return (x | 0x20) == (y | 0x20);
            });
}

// True when the comma-separated header value holds `token`.
bool has_token(std::string_view value, std::string_view token) {
  while (!value.empty()) {
    auto comma = value.find(',');
    auto item = value.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t'))
      item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t'))
      item.remove_suffix(1);
    if (equal_ignoring_case(item, token))
      return true;
    value = comma == std::string_view::npos ? "" : value.substr(comma + 1);
  }
  return false;
}

// One request at the start of `bytes`: a head and a Content-Length body.
parse_result parse_request(std::string_view bytes, std::size_t header_limit,
                           std::size_t body_limit) {
  parse_result r;
  auto head_end = bytes.find("\r\n\r\n");
  if (head_end == std::string_view::npos) {
    if (bytes.size() > header_limit)
      r.outcome = parse_result::failed, r.status = 431;
    return r;
  }
  r.outcome = parse_result::failed;
  r.status = 400;
  if (head_end + 4 > header_limit) {
    r.status = 431;
    return r;
  }
  auto head = bytes.substr(0, head_end + 2);
  auto line_end = head.find("\r\n");
  auto line = head.substr(0, line_end);
  auto sp1 = line.find(' ');
  auto sp2 = line.find(' ', sp1 == std::string_view::npos ? sp1 : sp1 + 1);
  if (sp1 == 0 || sp1 == std::string_view::npos || sp2 == std::string_view::npos
      || sp2 == sp1 + 1)
    return r;
  auto version = line.substr(sp2 + 1);
  if (version != "HTTP/1.1" && version != "HTTP/1.0")
    return r;
  request& req = r.req;
  req.method = line.substr(0, sp1);
  req.target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  req.http11 = version == "HTTP/1.1";
  req.keep_alive = req.http11;
  std::size_t content_length = 0;
  for (auto pos = line_end + 2; pos < head.size();) {
    auto end = head.find("\r\n", pos);
    auto field = head.substr(pos, end - pos);
    pos = end + 2;
    auto colon = field.find(':');
    if (colon == std::string_view::npos || colon == 0)
      return r;
    auto name = field.substr(0, colon);
    auto value = field.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    if (equal_ignoring_case(name, "Connection")) {
      if (has_token(value, "close"))
        req.keep_alive = false;
      else if (has_token(value, "keep-alive"))
        req.keep_alive = true;
    } else if (equal_ignoring_case(name, "Content-Length")) {
      auto [end_ptr, ec] = std::from_chars(value.data(),
                                           value.data() + value.size(),
                                           content_length);
      if (ec != std::errc{} || end_ptr != value.data() + value.size())
        return r;
    } else if (equal_ignoring_case(name, "Transfer-Encoding")) {
      return r; // chunked request bodies: not for these ports
    }
  }
  if (content_length > body_limit) {
    r.status = 413;
    return r;
  }
  r.status = 0;
  if (bytes.size() < head_end + 4 + content_length) {
    r.outcome = parse_result::incomplete;
    return r;
  }
  req.body = bytes.substr(head_end + 4, content_length);
  r.size = head_end + 4 + content_length;
  r.outcome = parse_result::complete;
  return r;
}

// -- JSON, just enough for the control bodies ---------------------------------

// Objects, arrays and strings are kept; numbers, true, false and null are
// accepted as `other`, which no control body uses as a field it reads.
struct json {
  enum class kind { string, array, object, other } type = kind::other;
  std::string text;                                  // a string's
  std::vector<json> items;                           // an array's
  std::vector<std::pair<std::string, json>> members; // an object's

  const json* find(std::string_view key) const {
    for (auto& [k, v] : members)
      if (k == key)
        return &v;
    return nullptr;
  }
};

class json_parser {
public:
  explicit json_parser(std::string_view text) : in_(text) {}

  std::optional<json> document() {
    json out;
    if (!value(out, 0))
      return std::nullopt;
    skip_space();
    if (pos_ != in_.size())
      return std::nullopt;
    return out;
  }

private:
  static constexpr int max_depth = 16;

  void skip_space() {
    while (pos_ < in_.size()
           && (in_[pos_] == ' ' || in_[pos_] == '\t' || in_[pos_] == '\n'
               || in_[pos_] == '\r'))
      ++pos_;
  }

  bool eat(char c) {
    skip_space();
    if (pos_ < in_.size() && in_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool value(json& out, int depth) {
    skip_space();
    if (pos_ >= in_.size() || depth > max_depth)
      return false;
    char c = in_[pos_];
    if (c == '"') {
      out.type = json::kind::string;
      return string(out.text);
    }
    if (c == '[') {
      ++pos_;
      out.type = json::kind::array;
      if (eat(']'))
        return true;
      do {
        out.items.emplace_back();
        if (!value(out.items.back(), depth + 1))
          return false;
      } while (eat(','));
      return eat(']');
    }
    if (c == '{') {
      ++pos_;
      out.type = json::kind::object;
      if (eat('}'))
        return true;
      do {
        std::string key;
        skip_space();
        if (pos_ >= in_.size() || in_[pos_] != '"' || !string(key) || !eat(':'))
          return false;
        out.members.emplace_back(std::move(key), json{});
        if (!value(out.members.back().second, depth + 1))
          return false;
      } while (eat(','));
      return eat('}');
    }
    return other();
  }

  // A number or a literal, checked loosely: its characters only.
  bool other() {
    auto start = pos_;
    while (pos_ < in_.size()
           && (std::isalnum(static_cast<unsigned char>(in_[pos_]))
               || in_[pos_] == '-' || in_[pos_] == '+' || in_[pos_] == '.'))
      ++pos_;
    auto token = in_.substr(start, pos_ - start);
    if (token == "true" || token == "false" || token == "null")
      return true;
    return !token.empty()
           && (token[0] == '-' || (token[0] >= '0' && token[0] <= '9'));
  }

  bool hex4(std::uint32_t& out) {
    if (pos_ + 4 > in_.size())
      return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      int v = net::hex_value(in_[pos_++]);
      if (v < 0)
        return false;
      out = out * 16 + static_cast<std::uint32_t>(v);
    }
    return true;
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool string(std::string& out) {
    ++pos_; // the opening quote
    while (pos_ < in_.size()) {
      char c = in_[pos_++];
      if (c == '"')
        return true;
      if (static_cast<unsigned char>(c) < 0x20)
        return false;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= in_.size())
        return false;
      switch (char e = in_[pos_++]) {
        case '"': case '\\': case '/': out += e; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t cp;
          if (!hex4(cp))
            return false;
          if (cp >= 0xD800 && cp < 0xDC00) { // a surrogate pair
            std::uint32_t low;
            if (pos_ + 2 > in_.size() || in_[pos_] != '\\'
                || in_[pos_ + 1] != 'u')
              return false;
            pos_ += 2;
            if (!hex4(low) || low < 0xDC00 || low >= 0xE000)
              return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp < 0xE000) {
            return false;
          }
          append_utf8(out, cp);
          break;
        }
        default: return false;
      }
    }
    return false;
  }

  std::string_view in_;
  std::size_t pos_ = 0;
};

std::string json_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char esc[8];
      std::snprintf(esc, sizeof(esc), "\\u%04x", c);
      out += esc;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// -- the server ---------------------------------------------------------------

struct options {
  std::string address = "0.0.0.0";
  std::uint16_t port = 8000;
  std::string control_address = "127.0.0.1";
  std::uint16_t control_port = 8001;
  std::uint64_t tick_ms = 10000;
  std::string tick_text = "10s";
};

struct counters {
  std::uint64_t connections = 0; // open on the stream port
  std::uint64_t chunks_sent = 0;
  std::uint64_t messages_routed = 0;
  std::uint64_t rejected = 0;
  std::uint64_t slow_closed = 0;
  std::uint64_t bad_requests = 0;
};

std::uint64_t rss_bytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  unsigned long long size = 0, resident = 0;
  if (f) {
    if (std::fscanf(f, "%llu %llu", &size, &resident) != 2)
      resident = 0;
    std::fclose(f);
  }
  return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

// A control request's outcome.
struct control_reply {
  int status;
  std::string body;
  std::string extra_headers = {};
};

control_reply control_error(int status, std::string_view text,
                            std::string extra_headers = {}) {
  return {status, "{\"error\":" + json_quote(text) + "}",
          std::move(extra_headers)};
}

control_reply delivered(std::uint64_t n) {
  return {200, "{\"delivered\":" + std::to_string(n) + "}"};
}

class server {
public:
  explicit server(const options& opt)
    : opt_(opt), wheel_(std::max({opt.tick_ms, request_timeout_ms, linger_ms})) {}

  // Listens and prints the ready line; false (with a message) if it cannot.
  bool start(std::size_t fd_limit) {
    max_connections_ = fd_limit > reserved_fds ? fd_limit - reserved_fds : 1;
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
    listen_ = listen_on(opt_.address, opt_.port, "streams");
    control_listen_ = listen_on(opt_.control_address, opt_.control_port,
                                "control");
    if (epoll_ < 0 || listen_ < 0 || control_listen_ < 0)
      return false;
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    sigprocmask(SIG_BLOCK, &stop_signals, nullptr);
    signals_ = signalfd(-1, &stop_signals, SFD_NONBLOCK | SFD_CLOEXEC);
    for (int fd : {listen_, control_listen_, signals_})
      watch(fd, EPOLLIN, EPOLL_CTL_ADD);
    std::printf("caf-comet listening on %s:%u control=%s:%u tick=%s "
                "max-connections=%zu threads: 1 (comet-baseline: one epoll "
                "thread)\n",
                opt_.address.c_str(), bound_port(listen_),
                opt_.control_address.c_str(), bound_port(control_listen_),
                opt_.tick_text.c_str(), max_connections_);
    std::fflush(stdout);
    return true;
  }

  // Serves until SIGINT or SIGTERM, then ends every stream with its last
  // chunk and closes it.
  void run() {
    epoll_event events[256];
    while (!stopping_) {
      int n = epoll_wait(epoll_, events, 256, wheel_.timeout_ms(now_ms()));
      if (n < 0 && errno != EINTR) {
        std::perror("comet-baseline: epoll_wait");
        break;
      }
      now_ = now_ms();
      wheel_.expire(now_, [this](int fd) { on_deadline(fd); });
      for (int i = 0; i < n; ++i)
        on_event(events[i].data.fd, events[i].events);
    }
    for (int fd = 0; fd < static_cast<int>(table_size); ++fd) {
      if (conn(fd).state == phase::streaming && conn(fd).chunked)
        (void)!::send(fd, last_chunk.data(), last_chunk.size(), MSG_NOSIGNAL);
      if (conn(fd).state != phase::unused)
        close_connection(fd);
    }
  }

private:
  // -- sockets ----------------------------------------------------------------

  static unsigned bound_port(int fd) {
    sockaddr_storage addr{};
    socklen_t len = sizeof(addr);
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    if (addr.ss_family == AF_INET6)
      return ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
    return ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  }

  static int listen_on(const std::string& address, std::uint16_t port,
                       const char* what) {
    addrinfo hints{};
    hints.ai_flags = AI_NUMERICHOST | AI_PASSIVE;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    auto service = std::to_string(port);
    if (getaddrinfo(address.c_str(), service.c_str(), &hints, &found) != 0) {
      std::fprintf(stderr, "comet-baseline: %s: not a numeric address: %s\n",
                   what, address.c_str());
      return -1;
    }
    int fd = socket(found->ai_family,
                    SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
    if (fd < 0 || bind(fd, found->ai_addr, found->ai_addrlen) != 0
        || listen(fd, SOMAXCONN) != 0) {
      std::fprintf(stderr, "comet-baseline: cannot listen on %s:%u (%s): %s\n",
                   address.c_str(), port, what, std::strerror(errno));
      freeaddrinfo(found);
      return -1;
    }
    freeaddrinfo(found);
    return fd;
  }

  void watch(int fd, std::uint32_t events, int op) {
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = fd;
    epoll_ctl(epoll_, op, fd, &ev);
  }

  void on_event(int fd, std::uint32_t events) {
    if (fd == signals_) {
      stopping_ = true;
    } else if (fd == listen_ || fd == control_listen_) {
      accept_all(fd);
    } else if (conn(fd).state != phase::unused) {
      // Writable first: a response may finish before the next request.
      if ((events & EPOLLOUT) && !flush(fd))
        return;
      if (events & (EPOLLIN | EPOLLHUP | EPOLLERR))
        on_readable(fd);
    }
  }

  void accept_all(int listener) {
    bool control = listener == control_listen_;
    for (;;) {
      int fd = accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED)
          std::perror("comet-baseline: accept");
        return;
      }
      if (static_cast<std::size_t>(fd) >= table_size) {
        ::close(fd); // beyond the fd limit we were started with
        continue;
      }
      auto& c = conn(fd);
      c = connection{};
      watch(fd, EPOLLIN, EPOLL_CTL_ADD);
      if (control) {
        c.state = phase::control;
        c.extra = new spill;
        continue;
      }
      c.state = phase::reading;
      if (stats_.connections >= max_connections_) {
        ++stats_.rejected;
        respond(fd, net::simple_response(
                      503, "Service Unavailable: connection limit reached\n",
                      false, false, "Retry-After: 5\r\n"),
                false);
        continue;
      }
      c.stream_port = true;
      ++stats_.connections;
      wheel_.insert(fd, now_ + request_timeout_ms);
    }
  }

  // Reads once; a request may come in several reads (it waits in the
  // connection's spill), several requests in one.
  void on_readable(int fd) {
    static char buffer[16384];
    auto got = ::read(fd, buffer, sizeof(buffer));
    if (got < 0 && (errno == EAGAIN || errno == EINTR))
      return;
    if (got <= 0)
      return close_connection(fd);
    auto& c = conn(fd);
    if (c.state == phase::streaming || c.state == phase::lingering)
      return; // input on a stream is not for us: dropped
    std::string_view bytes{buffer, static_cast<std::size_t>(got)};
    if (c.extra && !c.extra->in.empty()) {
      c.extra->in.append(bytes);
      bytes = c.extra->in;
    }
    std::size_t used = 0;
    while (used < bytes.size()
           && (c.state == phase::reading || c.state == phase::control)) {
      auto next = serve_one(fd, bytes.substr(used));
      if (next == 0)
        break; // incomplete
      used += next;
    }
    // Pipelined input after a stream or a closing answer is dropped.
    bool more = c.state == phase::reading || c.state == phase::control;
    std::string rest{more ? bytes.substr(used) : std::string_view{}};
    if (!rest.empty() && !c.extra)
      c.extra = new spill;
    if (c.extra)
      c.extra->in = std::move(rest);
    drop_empty_spill(fd);
  }

  // A spill lasts only while it holds bytes (a control connection keeps
  // its own: there are a few).
  void drop_empty_spill(int fd) {
    auto& c = conn(fd);
    if (c.extra && c.extra->in.empty() && c.extra->out.empty()
        && c.state != phase::control) {
      delete c.extra;
      c.extra = nullptr;
    }
  }

  // Serves the request at the start of `bytes`; the bytes it took, 0 when it
  // is incomplete.
  std::size_t serve_one(int fd, std::string_view bytes) {
    auto& c = conn(fd);
    bool control = c.state == phase::control;
    auto parsed = control
                    ? parse_request(bytes, max_control_header, max_control_body)
                    : parse_request(bytes, max_header_bytes, max_stream_body);
    if (parsed.outcome == parse_result::incomplete)
      return 0;
    if (parsed.outcome == parse_result::failed) {
      if (control) {
        respond(fd, control_bytes(bad_request_reply(parsed.status), false),
                false);
      } else {
        ++stats_.bad_requests;
        respond(fd, stream_error(parsed.status, false), false);
      }
      return bytes.size();
    }
    c.served_one = true;
    auto& req = parsed.req;
    if (control) {
      auto reply = serve_control(req);
      respond(fd, control_bytes(reply, req.keep_alive), req.keep_alive);
    } else {
      serve_stream_port(fd, req);
      if (c.state == phase::reading) { // kept alive: time the next request
        wheel_.remove(fd);
        wheel_.insert(fd, now_ + request_timeout_ms);
      }
    }
    return parsed.size;
  }

  static control_reply bad_request_reply(int status) {
    if (status == 413)
      return control_error(413, "body over " + std::to_string(max_control_body)
                                  + " bytes");
    if (status == 431)
      return control_error(431, "request headers too large");
    return control_error(400, "malformed HTTP request");
  }

  // As caf-comet's route_request and http_session::handle_request.
  void serve_stream_port(int fd, const request& req) {
    bool head = req.method == "HEAD";
    int status = 0;
    std::string id;
    if (req.method != "GET" && !head) {
      status = req.method == "POST" ? 404 : 501;
    } else {
      auto target = req.target.substr(0, req.target.find('?'));
      constexpr std::string_view prefix = "/test/";
      if (!target.starts_with(prefix))
        status = 404;
      else if ((id = net::decode_id(target.substr(prefix.size()))).empty())
        status = 400;
    }
    if (status == 0 && !head)
      return start_stream(fd, id, req.http11);
    if (status == 0)
      return respond(fd, net::stream_head(net::stream_format::html, req.http11),
                     req.http11 && req.keep_alive);
    if (status == 400)
      ++stats_.bad_requests;
    respond(fd, stream_error(status, req.keep_alive, head), req.keep_alive);
  }

  // -- streams ----------------------------------------------------------------

  void start_stream(int fd, const std::string& id, bool chunked) {
    auto& c = conn(fd);
    wheel_.remove(fd); // the request timeout
    c.state = phase::streaming;
    c.chunked = chunked;
    c.n = 1;
    c.id_len = static_cast<std::uint8_t>(id.size());
    std::memcpy(c.id, id.data(), id.size());
    // As caf-comet: small chunks must not wait for the client's delayed
    // ACK, and the kernel buffers at most what our queue would.
    int on = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
    int sndbuf = static_cast<int>(send_queue_limit);
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
    index_.add(fd);
    // The head and the welcome chunk in one write.
    chunk welcome;
    welcome.text("Mochiconntest welcomes you! Your Id: ").text(c.id_text())
      .text("\n");
    write_stream(fd, welcome.bytes(chunked, chunked ? chunked_head_ : plain_head_),
                 1);
    if (conn(fd).state == phase::streaming)
      wheel_.insert(fd, now_ + opt_.tick_ms);
  }

  void on_deadline(int fd) {
    auto& c = conn(fd);
    if (c.state == phase::streaming) {
      // Fixed rate from the last due time, never a burst to catch up.
      auto next = std::max<std::uint64_t>(c.due_ms + opt_.tick_ms, now_);
      chunk tick;
      tick.text("Chunk ").number(c.n++).text(" for id ").text(c.id_text())
        .text("\n");
      write_stream(fd, tick.bytes(c.chunked), 1);
      if (conn(fd).state == phase::streaming)
        wheel_.insert(fd, next);
    } else if (c.state == phase::reading) {
      // Only a request that has begun is answered; an idle keep-alive closes.
      bool begun = c.extra && !c.extra->in.empty();
      if (c.served_one && !begun)
        return close_connection(fd);
      ++stats_.bad_requests;
      respond(fd, stream_error(408, false), false);
    } else {
      close_connection(fd); // the linger is over
    }
  }

  // A routed message: "Recvd msg #N: '<escaped>'<br/>", sharing N with the
  // ticks; it restarts the stream's interval.
  void deliver(int fd, std::string_view escaped) {
    auto& c = conn(fd);
    chunk msg;
    msg.text("Recvd msg #").number(c.n++).text(": '").text(escaped)
      .text("'<br/>");
    write_stream(fd, msg.bytes(c.chunked), 1);
    if (conn(fd).state == phase::streaming) {
      wheel_.remove(fd);
      wheel_.insert(fd, now_ + opt_.tick_ms);
    }
  }

  // -- writing ----------------------------------------------------------------

  // One write; what the socket does not take waits in the spill (and then
  // whatever follows too). A stream with more than send_queue_limit unsent
  // is a slow reader: closed.
  void write_stream(int fd, std::string_view bytes, std::uint32_t chunks) {
    auto& c = conn(fd);
    if (c.extra && !c.extra->out.empty()) {
      if (c.extra->out.size() + bytes.size() > send_queue_limit)
        return close_slow_reader(fd, c.extra->out.size() + bytes.size());
      c.extra->out.append(bytes);
      c.extra->out_chunks += chunks;
      return;
    }
    auto written = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (written == static_cast<ssize_t>(bytes.size())) {
      stats_.chunks_sent += chunks;
      return;
    }
    if (written < 0 && errno != EAGAIN && errno != EINTR)
      return close_connection(fd);
    auto rest = bytes.substr(written < 0 ? 0 : static_cast<std::size_t>(written));
    if (rest.size() > send_queue_limit)
      return close_slow_reader(fd, rest.size());
    if (!c.extra)
      c.extra = new spill;
    c.extra->out.assign(rest);
    c.extra->out_chunks = chunks;
    watch(fd, EPOLLIN | EPOLLOUT, EPOLL_CTL_MOD);
  }

  void close_slow_reader(int fd, std::size_t unsent) {
    std::fprintf(stderr, "caf-comet: closing a slow reader: %zu bytes unsent\n",
                 unsent);
    ++stats_.slow_closed;
    close_connection(fd);
  }

  // Writes what waits; false when that closed the connection.
  bool flush(int fd) {
    auto& c = conn(fd);
    if (!c.extra || c.extra->out.empty())
      return true;
    auto& out = c.extra->out;
    auto written = ::send(fd, out.data(), out.size(), MSG_NOSIGNAL);
    if (written < 0 && (errno == EAGAIN || errno == EINTR))
      return true;
    if (written < 0) {
      close_connection(fd);
      return false;
    }
    out.erase(0, static_cast<std::size_t>(written));
    if (!out.empty())
      return true;
    stats_.chunks_sent += std::exchange(c.extra->out_chunks, 0u);
    watch(fd, EPOLLIN, EPOLL_CTL_MOD);
    if (c.extra->linger_after)
      linger(fd);
    drop_empty_spill(fd);
    return true;
  }

  // A response; without keep-alive the connection then lingers: it stops
  // sending and waits for the client to close (closing with unread input
  // would send a reset that can destroy the response before it is read).
  void respond(int fd, std::string_view bytes, bool keep_alive) {
    write_stream(fd, bytes, 0);
    auto& c = conn(fd);
    if (keep_alive || c.state == phase::unused)
      return;
    if (c.extra && !c.extra->out.empty())
      c.extra->linger_after = true;
    else
      linger(fd);
  }

  void linger(int fd) {
    auto& c = conn(fd);
    ::shutdown(fd, SHUT_WR);
    c.state = phase::lingering;
    wheel_.remove(fd);
    wheel_.insert(fd, now_ + linger_ms);
  }

  void close_connection(int fd) {
    auto& c = conn(fd);
    if (c.state == phase::streaming)
      index_.remove(fd);
    wheel_.remove(fd);
    if (c.stream_port)
      --stats_.connections;
    delete c.extra;
    c = connection{};
    ::close(fd); // also leaves the epoll set
  }

  // -- the control port -------------------------------------------------------

  static std::string control_bytes(const control_reply& reply, bool keep_alive) {
    return net::response_bytes(reply.status, "application/json", reply.body,
                               keep_alive, false, reply.extra_headers);
  }

  control_reply serve_control(const request& req) {
    std::string path{req.target.substr(0, req.target.find('?'))};
    const char* method = path == "/stats" ? "GET" : "POST";
    if (path != "/send" && path != "/broadcast" && path != "/stats")
      return control_error(404, "unknown path " + path);
    if (req.method != method)
      return control_error(405, std::string{"use "} + method + " for " + path,
                           std::string{"Allow: "} + method + "\r\n");
    if (path == "/stats")
      return stats();
    auto doc = json_parser{req.body}.document();
    if (!doc)
      return control_error(400, "body is not valid JSON");
    if (doc->type != json::kind::object)
      return control_error(400, "body must be a JSON object");
    return path == "/send" ? send(*doc) : broadcast(*doc);
  }

  struct message {
    std::string_view id, msg;
  };

  // A string field of `object`; an error reply when it is missing or not a
  // string. `where` prefixes the field's name: "" or "messages[3]."
  static std::optional<control_reply>
  read_string(const json& object, const char* name, const std::string& where,
              std::string_view& out) {
    auto* field = object.find(name);
    if (!field)
      return control_error(400, "missing field '" + where + name + "'");
    if (field->type != json::kind::string)
      return control_error(400, "field '" + where + name + "' must be a string");
    out = field->text;
    return std::nullopt;
  }

  static std::optional<control_reply> read_msg(const json& object,
                                               const std::string& where,
                                               std::string_view& out) {
    if (auto bad = read_string(object, "msg", where, out))
      return bad;
    if (out.size() > max_message_bytes)
      return control_error(413, where + "msg over "
                                  + std::to_string(max_message_bytes) + " bytes");
    return std::nullopt;
  }

  static std::optional<control_reply> read_message(const json& object,
                                                   const std::string& where,
                                                   std::vector<message>& out) {
    message m;
    if (auto bad = read_string(object, "id", where, m.id))
      return bad;
    if (!net::is_valid_id(m.id))
      return control_error(400, where + "id must be 1-64 characters of "
                                        "[A-Za-z0-9._~-]");
    if (auto bad = read_msg(object, where, m.msg))
      return bad;
    out.push_back(m);
    return std::nullopt;
  }

  // {"id","msg"} or {"messages":[{"id","msg"},...]}, refused whole on one
  // bad message; {"delivered": streams reached}.
  control_reply send(const json& doc) {
    std::vector<message> batch;
    if (auto* messages = doc.find("messages")) {
      if (messages->type != json::kind::array || messages->items.empty())
        return control_error(400, "field 'messages' must be a non-empty array");
      if (messages->items.size() > max_batch_messages)
        return control_error(413, "batch over "
                                    + std::to_string(max_batch_messages)
                                    + " messages");
      for (std::size_t i = 0; i < messages->items.size(); ++i) {
        auto where = "messages[" + std::to_string(i) + "]";
        if (messages->items[i].type != json::kind::object)
          return control_error(400, where + " must be a JSON object");
        if (auto bad = read_message(messages->items[i], where + ".", batch))
          return *bad;
      }
    } else if (auto bad = read_message(doc, "", batch)) {
      return *bad;
    }
    std::uint64_t reached = 0;
    for (auto& m : batch) {
      html_escape(m.msg, escaped_);
      index_.each_of(m.id, [&](int fd) {
        deliver(fd, escaped_);
        ++reached;
      });
    }
    stats_.messages_routed += reached;
    return delivered(reached);
  }

  // {"msg"} to every stream; {"delivered": streams reached}.
  control_reply broadcast(const json& doc) {
    std::string_view msg;
    if (auto bad = read_msg(doc, "", msg))
      return *bad;
    html_escape(msg, escaped_);
    std::uint64_t reached = 0;
    index_.each([&](int fd) {
      deliver(fd, escaped_);
      ++reached;
    });
    stats_.messages_routed += reached;
    return delivered(reached);
  }

  control_reply stats() {
    // Keys sorted, as caf-comet's JSON library writes them.
    char body[512];
    double uptime = static_cast<double>(now_ms()) / 1000.0;
    std::snprintf(body, sizeof(body),
                  "{\"bad_requests\":%llu,\"chunks_sent\":%llu,"
                  "\"connections\":%llu,\"ids\":%zu,\"logged_in\":%zu,"
                  "\"messages_routed\":%llu,\"rejected\":%llu,"
                  "\"rss_bytes\":%llu,\"slow_closed\":%llu,\"streams\":%zu,"
                  "\"uptime_s\":%.6f}",
                  static_cast<unsigned long long>(stats_.bad_requests),
                  static_cast<unsigned long long>(stats_.chunks_sent),
                  static_cast<unsigned long long>(stats_.connections),
                  index_.ids(), index_.streams(),
                  static_cast<unsigned long long>(stats_.messages_routed),
                  static_cast<unsigned long long>(stats_.rejected),
                  static_cast<unsigned long long>(rss_bytes()),
                  static_cast<unsigned long long>(stats_.slow_closed),
                  index_.streams(), uptime);
    return {200, body};
  }

  const options& opt_;
  timer_wheel wheel_;
  id_index index_;
  counters stats_;
  std::string escaped_; // a routed message, escaped once for every stream
  const std::string chunked_head_ = net::stream_head(net::stream_format::html, true);
  const std::string plain_head_ = net::stream_head(net::stream_format::html, false);
  std::uint64_t now_ = 0;
  std::size_t max_connections_ = 0;
  int epoll_ = -1, listen_ = -1, control_listen_ = -1, signals_ = -1;
  bool stopping_ = false;
};

// -- the command line ---------------------------------------------------------

// caf's timespan text: <number><unit>, unit ns, us, ms, s, min or h.
std::optional<std::uint64_t> parse_duration_ms(std::string_view text) {
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{})
    return std::nullopt;
  std::string_view unit{end, static_cast<std::size_t>(text.data() + text.size() - end)};
  if (unit == "ns") return value / 1000000;
  if (unit == "us") return value / 1000;
  if (unit == "ms") return value;
  if (unit == "s") return value * 1000;
  if (unit == "min") return value * 60000;
  if (unit == "h") return value * 3600000;
  return std::nullopt;
}

std::optional<std::uint16_t> parse_port(std::string_view text) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value > 65535)
    return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

constexpr const char* usage =
  "Usage: comet-baseline [--<key>=<value> ...]\n"
  "The floor caf-comet is measured against: one epoll thread, caf-comet's\n"
  "bytes for GET /test/<Id>; GET /stats, POST /send and POST /broadcast on\n"
  "the control port.\n"
  "  --server.address=<ip>         address to listen on (default 0.0.0.0)\n"
  "  --server.port=<port>          port to listen on, 0: any (default 8000)\n"
  "  --server.tick-interval=<time> time between two chunks (default 10s)\n"
  "  --control.address=<ip>        control address (default 127.0.0.1)\n"
  "  --control.port=<port>         control port, 0: any (default 8001)\n";

// Exit code 2 and a message for anything it does not know.
std::optional<options> parse_options(int argc, char** argv) {
  options opt;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(usage, stdout);
      std::exit(0);
    }
    auto eq = arg.find('=');
    auto key = arg.substr(0, eq);
    auto value = eq == std::string_view::npos ? std::string_view{}
                                              : arg.substr(eq + 1);
    bool ok = eq != std::string_view::npos;
    if (ok && key == "--server.address") {
      opt.address = value;
    } else if (ok && key == "--control.address") {
      opt.control_address = value;
    } else if (ok && (key == "--server.port" || key == "--control.port")) {
      auto port = parse_port(value);
      ok = port.has_value();
      (key == "--server.port" ? opt.port : opt.control_port) = port.value_or(0);
    } else if (ok && key == "--server.tick-interval") {
      auto ms = parse_duration_ms(value);
      ok = ms && *ms > 0;
      opt.tick_ms = ms.value_or(0);
      opt.tick_text = value;
    } else {
      ok = false;
    }
    if (!ok) {
      std::fprintf(stderr, "comet-baseline: bad option %s\n%s", argv[i], usage);
      return std::nullopt;
    }
  }
  return opt;
}

std::size_t raise_fd_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
    return 1024;
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
  getrlimit(RLIMIT_NOFILE, &limit);
  return static_cast<std::size_t>(limit.rlim_cur);
}

} // namespace

int main(int argc, char** argv) {
  auto opt = parse_options(argc, argv);
  if (!opt)
    return 2;
  start_ns = monotonic_ns();
  signal(SIGPIPE, SIG_IGN);
  table_size = raise_fd_limit();
  // Zeroed pages the kernel maps as fds are used: an unused slot costs no RSS.
  table = static_cast<connection*>(std::calloc(table_size, sizeof(connection)));
  if (!table) {
    std::fputs("comet-baseline: no memory for the connection table\n", stderr);
    return 1;
  }
  server s{*opt};
  if (!s.start(table_size))
    return 1;
  s.run();
  std::puts("caf-comet stopped");
  return 0;
}
