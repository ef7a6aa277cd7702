// What the server does to every session of an io thread at once.
#include <vector>

#include "net/http_session.hpp"
#include "net/server_context.hpp"
#include "net/ws_session.hpp"

namespace net {

namespace {

// Sessions leave their list as they close, so act on a snapshot of it.
template <class Session, class List>
std::vector<boost::intrusive_ptr<Session>> snapshot(List& list) {
  std::vector<boost::intrusive_ptr<Session>> live;
  for (auto& link : list)
    live.push_back(&static_cast<Session&>(link));
  return live;
}

} // namespace

void shutdown_sessions(server_context& ctx) {
  for (auto& session : snapshot<http_session>(ctx.sessions))
    session->shutdown();
  for (auto& session : snapshot<http_session>(ctx.sse_sessions))
    session->shutdown();
  for (auto& session : snapshot<ws_session>(ctx.ws_sessions))
    session->shutdown();
}

void heartbeat_sessions(server_context& ctx) {
  for (auto& session : snapshot<http_session>(ctx.sse_sessions))
    session->heartbeat();
}

void close_sessions(server_context& ctx) {
  for (auto& session : snapshot<http_session>(ctx.sessions))
    session->do_close();
  for (auto& session : snapshot<http_session>(ctx.sse_sessions))
    session->do_close();
  for (auto& session : snapshot<ws_session>(ctx.ws_sessions))
    session->do_close();
}

bool no_sessions(const server_context& ctx) {
  return ctx.sessions.empty() && ctx.sse_sessions.empty()
         && ctx.ws_sessions.empty();
}

} // namespace net
