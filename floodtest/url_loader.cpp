#include "url_loader.hpp"

#include <iostream>

#include "events.hpp"
#include "url.hpp"

namespace floodtest {

namespace {

using loader = caf::stateful_actor<url_loader_state>;

// With wait 0 the loader still yields now and then, so that it can be told
// to stop.
constexpr int max_urls_per_turn = 256;

// URLs the io side may have queued before the loader waits for it: enough to
// keep it busy, few enough that a long file is not copied into memory.
constexpr std::size_t max_backlog = 1024;

// How long the loader waits when the io side is behind. Each wait is a
// wake-up of CAF's clock thread and of the actor's: every 2 ms, they took a
// fifth of both cores during a ramp of six processes. The io side takes at
// most a few hundred URLs in this time, well within max_backlog.
constexpr auto backlog_pause = std::chrono::milliseconds{20};

std::string_view trimmed(std::string_view line) {
  constexpr std::string_view blanks = " \t\r\n";
  auto first = line.find_first_not_of(blanks);
  if (first == std::string_view::npos)
    return {};
  return line.substr(first, line.find_last_not_of(blanks) - first + 1);
}

void open_url(loader* self, std::string_view line) {
  auto& st = self->state;
  http_url url;
  std::string why;
  if (!parse_url(line, url, why)) {
    std::cerr << st.settings.path << ':' << st.line_number << ": bad URL '"
              << line << "' (" << why << ")\n";
    return;
  }
  ++st.opened;
  auto resolved = st.resolver.resolve(url.host, url.port);
  if (auto* error = std::get_if<int>(&resolved)) {
    stream_events failed;
    failed.opened = 1;
    failed.closes.push_back({{close_kind::resolve, *error}, false, false});
    self->send(st.settings.receiver, std::move(failed));
    return;
  }
  auto nonce_high = st.nonces();
  auto request = make_stream_request(url, st.settings.transport, nonce_high,
                                     st.nonces());
  st.settings.opener->open(
    {std::get<boost::asio::ip::tcp::endpoint>(resolved), std::move(request)});
}

// Opens every URL that is due, then schedules the next turn.
void load_due(loader* self) {
  auto& st = self->state;
  std::string line;
  for (int n = 0; n < max_urls_per_turn;) {
    auto due = st.origin + st.settings.wait * st.opened;
    auto now = std::chrono::steady_clock::now();
    if (due > now) {
      self->delayed_send(self, due - now, next_atom::value);
      return;
    }
    if (st.settings.opener->backlog() >= max_backlog) {
      self->delayed_send(self, backlog_pause, next_atom::value);
      return;
    }
    if (!std::getline(st.file, line)) {
      self->quit();
      return;
    }
    if (st.line_number++ % st.settings.slice_count != st.settings.slice_index)
      continue;
    auto url = trimmed(line);
    if (url.empty() || url.front() == '#')
      continue;
    open_url(self, url);
    ++n;
  }
  self->send(self, next_atom::value);
}

} // namespace

caf::behavior url_loader(loader* self, url_loader_settings settings) {
  auto& st = self->state;
  st.settings = std::move(settings);
  st.file.open(st.settings.path);
  if (!st.file) {
    std::cerr << "floodtest: cannot read URL file '" << st.settings.path
              << "'\n";
    return {};
  }
  st.origin = std::chrono::steady_clock::now();
  self->send(self, next_atom::value);
  return {
    [=](next_atom) { load_due(self); },
  };
}

} // namespace floodtest
