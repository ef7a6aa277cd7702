// The connection actor: the seed's feed/3 loop. It writes the welcome chunk,
// logs in with the router under its Id, then writes one chunk per tick and
// one per routed message; every message it handles counts N up and restarts
// the interval, as Erlang's `receive ... after 10000` does. A routed message
// does not reschedule the pending tick: when that tick comes, the feed moves
// it to one interval after the message. That keeps one tick per stream in the
// ticker and one actor message per routed message (a broadcast's whole cost).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <caf/actor.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

#include "net/stream_sink.hpp"
#include "router/router_api.hpp"

namespace actors {

// Paid once per connection: each field says why it must be here.
struct feed_state {
  std::shared_ptr<net::stream_sink> sink; // the socket side, owned by net/
  std::string id;                         // echoed in every chunk
  caf::actor ticker;                      // re-arms the interval
  std::uint32_t n = 1;                    // the article's N
  std::uint32_t restarted_ms = 0;         // the last routed message since the
                                          // pending tick (wrapped_ms), 0: none
  ~feed_state();
  static inline const char* name = "feed";
};

caf::behavior feed(caf::stateful_actor<feed_state>* self,
                   std::shared_ptr<net::stream_sink> sink, std::string id,
                   caf::actor ticker, router::router_api router);

// The chunk payloads, exactly as the seed writes them.
std::string welcome_text(const std::string& id);
std::string tick_text(std::uint32_t n, const std::string& id);
std::string routed_text(std::uint32_t n, const std::string& escaped_msg);

} // namespace actors
