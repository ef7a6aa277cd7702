// What every session of one server shares: limits, counters, the stream
// handler and the list of live sessions (needed to end every stream on
// shutdown). One per server, so a connection only pays a reference to it.
#pragma once

#include <boost/intrusive/list.hpp>

#include "net/counters.hpp"
#include "net/io_outbox.hpp"
#include "net/limits.hpp"
#include "net/stream_handler.hpp"

namespace net {

// auto_unlink: a session leaves the list by itself; used on the io thread only.
using session_hook = boost::intrusive::list_base_hook<
  boost::intrusive::link_mode<boost::intrusive::auto_unlink>>;

// Complete types for the lists to hold: every http_session is a
// session_link, every ws_session a ws_link. Two lists rather than a virtual
// base: a vtable pointer would cost every connection 8 bytes.
struct session_link : session_hook {};
struct ws_link : session_hook {};

template <class Link>
using link_list
  = boost::intrusive::list<Link, boost::intrusive::constant_time_size<false>>;

struct server_context {
  server_limits limits;
  counters& stats;
  stream_handler& handler;
  // io thread only. An SSE stream moves from sessions to sse_sessions as it
  // starts, so that the heartbeat passes over SSE streams alone.
  link_list<session_link> sessions;
  link_list<session_link> sse_sessions;
  link_list<ws_link> ws_sessions;
  io_outbox outbox; // the actors' hand-offs to this io thread; last: its
                    // items hold sessions, which leave the lists above
};

// Ends every stream with its last chunk and closes every other connection.
void shutdown_sessions(server_context& ctx);

// Sends a heartbeat to each SSE stream quiet since the previous call but one.
void heartbeat_sessions(server_context& ctx);

// Whether every session of the context has left its list.
bool no_sessions(const server_context& ctx);

// Closes whatever is still open, at once (the shutdown grace period is over).
void close_sessions(server_context& ctx);

} // namespace net
