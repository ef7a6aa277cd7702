// The connection actor: the seed's feed/3 loop. It writes the welcome chunk,
// logs in with the router under its Id, then writes one chunk per tick and
// one per routed message; every message it handles counts N up and restarts
// the interval, as Erlang's `receive ... after 10000` does. A routed message
// does not reschedule the pending tick: when that tick comes, the feed moves
// it to one interval after the message. That keeps one tick per stream in the
// ticker and one call per routed message (a broadcast's whole cost).
//
// One feed lives per stream, so it is a CAF actor without a mailbox: like
// CAF's own actor_pool, a monitorable_actor that handles each message in the
// thread that sends it (the ticker's, the router's, an io thread's), under a
// lock of its own. Its work per message is small (format a chunk, hand it to
// the socket), and an event-based actor would add ~1.2 KB per stream for a
// mailbox, a behavior and handlers it does not need. The ticker and the router
// go one step further and call it (actors::tick_target,
// router::routed_target), with no message at all. Handles, monitors and
// exit messages work as for any actor: an exit with a reason other than
// normal ends the stream with its last chunk.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "net/stream_handler.hpp"
#include "net/stream_sink.hpp"
#include "router/router_api.hpp"

namespace actors {

// Starts the feed of a stream: writes its welcome, asks `ticker` for the
// first tick and logs in with `router` under the request's id (resuming
// after its seq, if any). It ends when sent net::closed_atom (the socket
// closed) or an exit message.
caf::actor spawn_feed(caf::actor_system& system, net::sink_ptr sink,
                      net::stream_request request, caf::actor ticker,
                      const router::router_api& router);

// The texts of the welcome and of a tick, exactly as the seed writes them.
std::string welcome_text(const std::string& id);
std::string tick_text(std::uint32_t n, const std::string& id);

// The text of a reset event.
inline constexpr std::string_view missed_text
  = "messages were missed: the history no longer holds them";

} // namespace actors
