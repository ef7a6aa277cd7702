#include "actors/feed.hpp"

#include <caf/event_based_actor.hpp>

#include "actors/atoms.hpp"
#include "net/atoms.hpp"

namespace actors {

namespace {

using feed_actor = caf::stateful_actor<feed_state>;

// Counts the handled message and sets the next tick one interval after
// `after` (0: now). A newer generation makes a pending tick stale.
void next(feed_actor* self, std::int64_t after) {
  auto& st = self->state;
  ++st.n;
  ++st.generation;
  self->send(st.ticker, schedule_atom::value, st.generation, after);
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
  self->send(st.ticker, schedule_atom::value, st.generation, std::int64_t{0});
  self->send(router, router::login_atom::value, st.id,
             caf::actor_cast<caf::actor>(self));
  return {
    [self](tick_atom, std::uint32_t generation, std::int64_t due) {
      auto& st = self->state;
      if (generation != st.generation)
        return;
      st.sink->write_chunk(tick_text(st.n, st.id));
      next(self, due);
    },
    [self](router::router_msg_atom, const std::string& escaped_msg) {
      auto& st = self->state;
      st.sink->write_chunk(routed_text(st.n, escaped_msg));
      next(self, 0);
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
