#include "router/head_link.hpp"

#include <iostream>
#include <set>

#include <caf/io/middleman.hpp>
#include <caf/node_id.hpp>

namespace router {

namespace {

using link_actor = caf::stateful_actor<head_link_state>;

using retry_atom = caf::atom_constant<caf::atom("retry")>;
using flush_atom = caf::atom_constant<caf::atom("flush")>;

// A head that is back is found within this; well inside the 5 s a worker
// has to re-register its ids.
constexpr auto retry_interval = std::chrono::milliseconds(250);
// How long a connect or a join may take before it is tried again.
constexpr auto join_timeout = std::chrono::seconds(2);
// Logins are reported in batches at most this often: one remote message per
// interval, not one per login.
constexpr auto flush_interval = std::chrono::milliseconds(20);
// Ids per batch message, so that a large snapshot goes in pieces the
// middleman can write without buffering megabytes.
constexpr std::size_t batch_ids = 4096;

void connect(link_actor* self);

void retry(link_actor* self) {
  self->delayed_send(self, retry_interval, retry_atom::value);
}

void unreachable(link_actor* self, const caf::error& err) {
  auto& st = self->state;
  if (st.told_unreachable)
    return;
  st.told_unreachable = true;
  std::cerr << "caf-comet: cannot join the head at " << st.config.host << ':'
            << st.config.port << " (" << self->system().render(err)
            << "); trying again every " << retry_interval.count() << "ms\n";
}

void send_batch(link_actor* self, std::vector<std::string> added,
                std::vector<std::string> removed) {
  auto& st = self->state;
  self->send(st.directory, dir_atom::value, st.number, std::move(added),
             std::move(removed));
}

void send_snapshot(link_actor* self, std::vector<std::string>& ids) {
  self->state.pending.clear();
  for (std::size_t first = 0; first < ids.size(); first += batch_ids) {
    auto last = std::min(ids.size(), first + batch_ids);
    send_batch(self,
               {std::make_move_iterator(ids.begin() + first),
                std::make_move_iterator(ids.begin() + last)},
               {});
  }
}

void flush(link_actor* self) {
  auto& st = self->state;
  st.flush_armed = false;
  if (!st.directory || st.pending.empty())
    return;
  std::vector<std::string> added, removed;
  for (auto& [id, present] : st.pending)
    (present ? added : removed).push_back(id);
  st.pending.clear();
  send_batch(self, std::move(added), std::move(removed));
}

void note(link_actor* self, const std::string& id, bool present) {
  auto& st = self->state;
  if (!st.directory)
    return; // the snapshot at the next join covers it
  st.pending[id] = present;
  if (!st.flush_armed) {
    st.flush_armed = true;
    self->delayed_send(self, flush_interval, flush_atom::value);
  }
}

void joined(link_actor* self, caf::actor directory, std::uint32_t number) {
  auto& st = self->state;
  st.directory = std::move(directory);
  st.number = number;
  st.told_unreachable = false;
  self->monitor(st.directory);
  std::cerr << "caf-comet: node " << st.config.self.name << " joined the head at "
            << st.config.host << ':' << st.config.port << '\n';
  // The router answers with every id it holds, then reports changes.
  self->send(st.router, watch_atom::value, caf::actor_cast<caf::actor>(self));
  // The head keeps the history resuming clients need.
  self->send(st.router, history_atom::value, st.directory);
}

void join(link_actor* self, caf::actor gate) {
  auto& st = self->state;
  self
    ->request(gate, join_timeout, join_atom::value, st.config.cookie,
              st.config.self, caf::actor_cast<caf::actor>(st.agent))
    .then(
      [self](caf::actor& directory, std::uint32_t number) {
        joined(self, std::move(directory), number);
      },
      [self](caf::error& err) {
        if (is_wrong_cookie(err)) {
          std::cerr << "caf-comet: the head refused this node: wrong cookie\n";
          if (self->state.config.on_refused)
            self->state.config.on_refused();
          return self->quit(err);
        }
        unreachable(self, err);
        retry(self);
      });
}

void connect(link_actor* self) {
  auto& st = self->state;
  auto mm = self->system().middleman().actor_handle();
  self
    ->request(mm, join_timeout, caf::connect_atom::value, st.config.host,
              st.config.port)
    .then(
      [self](const caf::node_id&, caf::strong_actor_ptr& gate,
             const std::set<std::string>&) {
        if (!gate) {
          unreachable(self, caf::sec::no_actor_published_at_port);
          return retry(self);
        }
        join(self, caf::actor_cast<caf::actor>(std::move(gate)));
      },
      [self](caf::error& err) {
        unreachable(self, err);
        retry(self);
      });
}

} // namespace

caf::behavior head_link(link_actor* self, head_link_config config,
                        node_api agent, router_api router) {
  auto& st = self->state;
  st.config = std::move(config);
  st.agent = std::move(agent);
  st.router = std::move(router);
  self->set_down_handler([self](const caf::down_msg& down) {
    auto& st = self->state;
    if (down.source != st.directory.address())
      return;
    std::cerr << "caf-comet: lost the head at " << st.config.host << ':'
              << st.config.port << "; streams go on, joining again\n";
    st.directory = nullptr;
    st.pending.clear();
    connect(self);
  });
  connect(self);
  return {
    [self](retry_atom) {
      if (!self->state.directory)
        connect(self);
    },
    [self](ids_atom, std::vector<std::string>& ids) {
      if (self->state.directory)
        send_snapshot(self, ids);
    },
    [self](id_up_atom, const std::string& id) { note(self, id, true); },
    [self](id_down_atom, const std::string& id) { note(self, id, false); },
    [self](flush_atom) { flush(self); },
  };
}

} // namespace router
