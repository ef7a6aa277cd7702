#include "actors/feed.hpp"

#include <algorithm>
#include <chrono>

#include <caf/event_based_actor.hpp>

#include "actors/atoms.hpp"
#include "net/atoms.hpp"

namespace actors {

namespace {

using feed_actor = caf::stateful_actor<feed_state>;
using clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A routed message's time in 4 bytes of the feed's state: steady-clock ms,
// wrapping every 49 days, read back next to a tick's due time (at most an
// interval away). 0 means "no message", so a true 0 is taken as 1.
std::uint32_t wrapped_ms(clock::time_point t) {
  auto ms = std::chrono::duration_cast<milliseconds>(t.time_since_epoch());
  return std::max<std::uint32_t>(static_cast<std::uint32_t>(ms.count()), 1);
}

clock::time_point unwrap_ms(std::uint32_t ms, clock::time_point near) {
  auto offset = static_cast<std::int32_t>(ms - wrapped_ms(near));
  return std::chrono::time_point_cast<milliseconds>(near) + milliseconds{offset};
}

// Asks for the next tick one interval after `after` (0: now).
void schedule(feed_actor* self, std::int64_t after) {
  self->send(self->state.ticker, schedule_atom::value, after);
}

} // namespace

feed_state::~feed_state() {
  // The actor ended for a reason other than its socket closing (e.g. shutdown).
  if (sink)
    sink->finish();
}

std::string welcome_text(const std::string& id) {
  return "Mochiconntest welcomes you! Your Id: " + id + "\n";
}

std::string tick_text(std::uint32_t n, const std::string& id) {
  return "Chunk " + std::to_string(n) + " for id " + id + "\n";
}

std::string routed_text(std::uint32_t n, const std::string& escaped_msg) {
  return "Recvd msg #" + std::to_string(n) + ": '" + escaped_msg + "'<br/>";
}

caf::behavior feed(feed_actor* self, std::shared_ptr<net::stream_sink> sink,
                   std::string id, caf::actor ticker,
                   router::router_api router) {
  auto& st = self->state;
  st.sink = std::move(sink);
  st.id = std::move(id);
  st.ticker = std::move(ticker);
  st.sink->write_chunk(welcome_text(st.id));
  schedule(self, 0);
  self->send(router, router::login_atom::value, st.id,
             caf::actor_cast<caf::actor>(self));
  return {
    [self](tick_atom, std::int64_t due) {
      auto& st = self->state;
      if (st.restarted_ms != 0) {
        // A message came since this tick was set: the interval runs from it.
        auto restarted = unwrap_ms(st.restarted_ms, from_message_time(due));
        schedule(self, message_time(restarted));
        st.restarted_ms = 0;
        return;
      }
      st.sink->write_chunk(tick_text(st.n++, st.id));
      schedule(self, due);
    },
    [self](router::router_msg_atom, const std::string& escaped_msg) {
      auto& st = self->state;
      st.sink->write_chunk(routed_text(st.n++, escaped_msg));
      st.restarted_ms = wrapped_ms(clock::now());
    },
    [self](net::closed_atom) {
      auto& st = self->state;
      st.sink = nullptr;
      self->send(st.ticker, cancel_atom::value);
      self->quit();
    },
  };
}

} // namespace actors
