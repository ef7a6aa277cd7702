#include "router/router.hpp"

#include <algorithm>

#include <caf/make_message.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "net/prefetching.hpp"


namespace router {

namespace {

// How long a resuming connection's live messages wait for the history
// source's answer; then it gets a reset and the live ones.
constexpr auto resume_timeout = std::chrono::seconds(2);

using router_ptr = router_api::stateful_pointer<router_state>;

void login(router_ptr self, std::string id, caf::actor conn) {
  auto& st = self->state;
  auto& ids = st.logins.get<by_id>();
  auto [first, last] = st.logins.get<by_conn>().equal_range(conn.id());
  // A bag, as in router.erl: the same {Id, Connection} is stored once.
  for (auto i = first; i != last; ++i)
    if (i->id == id)
      return;
  if (first == last) {
    self->monitor(conn);
    ++st.connections;
  }
  if (ids.count(id) == 0) {
    ++st.ids;
    if (st.watcher)
      caf::anon_send(st.watcher, id_up_atom::value, id);
  }
  auto* direct = dynamic_cast<routed_target*>(
    caf::actor_cast<caf::abstract_actor*>(conn));
  st.logins.insert(login_entry{std::move(id), std::move(conn), direct});
}

void logout(router_ptr self, caf::actor_id conn) {
  auto& st = self->state;
  auto& ids = st.logins.get<by_id>();
  auto& conns = st.logins.get<by_conn>();
  if (conns.count(conn) == 0)
    return;
  st.replaying.erase(conn);
  for (auto i = conns.find(conn); i != conns.end(); i = conns.find(conn)) {
    auto id = i->id;
    conns.erase(i);
    if (ids.count(id) == 0) {
      --st.ids;
      if (st.watcher)
        caf::anon_send(st.watcher, id_down_atom::value, id);
    }
  }
  --st.connections;
}

// Every distinct id: equal keys of a hashed_non_unique index are adjacent.
std::vector<std::string> all_ids(const router_state& st) {
  std::vector<std::string> out;
  out.reserve(st.ids);
  for (auto& entry : st.logins.get<by_id>())
    if (out.empty() || out.back() != entry.id)
      out.push_back(entry.id);
  return out;
}

// To a connection, or to its wait while it resumes.
void deliver(router_state& st, const login_entry& to, const caf::message& msg) {
  if (!st.replaying.empty()) {
    auto waiting = st.replaying.find(to.conn_id());
    if (waiting != st.replaying.end())
      return waiting->second.push_back(msg);
  }
  if (!to.direct)
    return caf::anon_send(to.conn, msg);
  to.direct->on_routed(msg.get_as<std::uint64_t>(1),
                       msg.get_as<std::string>(2), msg.get_as<std::int64_t>(3));
}

// One message shared by every receiver; each transport frames the text.
caf::message routed(std::uint64_t seq, const std::string& msg,
                    std::int64_t arrived_unix_ns) {
  return caf::make_message(router_msg_atom::value, seq, msg, arrived_unix_ns);
}

// -> connections reached. Kept in the id's history whether or not anyone
// receives it now: a client reconnecting meanwhile gets it on resuming.
std::uint64_t send_to_id(router_state& st, const std::string& id,
                         const std::string& msg, std::int64_t arrived_unix_ns,
                         std::uint64_t given_seq) {
  auto seq = given_seq != 0 ? given_seq : st.history.record(id, msg);
  auto [first, last] = st.logins.get<by_id>().equal_range(id);
  if (first == last)
    return 0;
  auto shared = routed(seq, msg, arrived_unix_ns);
  std::uint64_t reached = 0;
  for (auto i = first; i != last; ++i, ++reached)
    deliver(st, *i, shared);
  st.messages_routed += reached;
  return reached;
}

std::uint64_t send_batch(router_state& st, const message_batch& batch) {
  // Unequal columns come only from a faulty peer: the extra are ignored.
  auto n = std::min(batch.ids.size(), batch.msgs.size());
  std::uint64_t reached = 0;
  for (std::size_t i = 0; i < n; ++i)
    reached += send_to_id(st, batch.ids[i], batch.msgs[i],
                          batch.arrived_unix_ns,
                          i < batch.seqs.size() ? batch.seqs[i] : 0);
  return reached;
}

} // namespace

// Sends a resuming connection what it missed, then the live messages that
// waited meanwhile, but not those the missed ones include.
void send_missed(router_state& st, const caf::actor& conn, const missed& m,
                 std::uint64_t after) {
  if (m.gap)
    caf::anon_send(conn, missed_atom::value);
  auto last = after;
  for (auto& kept : m.messages) {
    caf::anon_send(conn, routed(kept.seq, kept.text, 0));
    last = kept.seq;
  }
  auto waiting = st.replaying.find(conn.id());
  if (waiting == st.replaying.end())
    return;
  for (auto& live : waiting->second) {
    auto seq = live.get_as<std::uint64_t>(1);
    if (seq == 0 || seq > last)
      caf::anon_send(conn, live);
  }
  st.replaying.erase(waiting);
}

// A resuming connection's missed messages, before any live one: from this
// router's history, or asked of the history source (a cluster's head) while
// its live messages wait.
void resume(router_ptr self, std::string id, caf::actor conn,
            std::uint64_t after) {
  auto& st = self->state;
  if (!st.history_remote || !st.history_source) {
    // A worker that has not joined its head yet cannot vouch for anything.
    auto m = st.history_remote ? missed{{}, true} : st.history.after(id, after);
    send_missed(st, conn, m, after);
    return login(self, std::move(id), std::move(conn));
  }
  st.replaying[conn.id()];
  login(self, id, conn);
  self->request(st.history_source, resume_timeout, resume_atom::value, id, after)
    .then(
      [self, conn, after](std::vector<std::uint64_t>& seqs,
                          std::vector<std::string>& texts, bool gap) {
        missed m;
        m.gap = gap;
        for (std::size_t i = 0; i < std::min(seqs.size(), texts.size()); ++i)
          m.messages.push_back({seqs[i], std::move(texts[i])});
        send_missed(self->state, conn, m, after);
      },
      [self, conn, after](caf::error&) {
        // The head is gone or slow: what was missed cannot be vouched for.
        send_missed(self->state, conn, missed{{}, true}, after);
      });
}

router_api::behavior_type local_router(router_ptr self, history_limits limits,
                                       bool history_remote) {
  self->state.history = message_history{limits};
  self->state.history_remote = history_remote;
  self->set_down_handler([self](const caf::down_msg& down) {
    logout(self, down.source.id());
  });
  return {
    [self](login_atom, std::string& id, caf::actor& conn) {
      login(self, std::move(id), std::move(conn));
    },
    [self](login_atom, std::string& id, caf::actor& conn, std::uint64_t after) {
      resume(self, std::move(id), std::move(conn), after);
    },
    [self](history_atom, caf::actor& source) {
      self->state.history_source = std::move(source);
    },
    [self](logout_atom, const caf::actor& conn) {
      self->demonitor(conn);
      logout(self, conn.id());
    },
    [self](send_atom, const std::string& id,
           const std::string& msg) -> std::uint64_t {
      return send_to_id(self->state, id, msg, 0, 0);
    },
    [self](send_atom, const message_batch& batch) -> std::uint64_t {
      return send_batch(self->state, batch);
    },
    [self](send_atom, const std::vector<message_batch>& batches) {
      std::vector<std::uint64_t> reached;
      reached.reserve(batches.size());
      for (auto& batch : batches)
        reached.push_back(send_batch(self->state, batch));
      return reached;
    },
    [self](broadcast_atom, const std::string& msg,
           std::int64_t arrived_unix_ns) -> std::uint64_t {
      auto& st = self->state;
      auto shared = routed(0, msg, arrived_unix_ns);
      // Every connection once, even one logged in under several ids; when
      // none is (the usual case), no lookup is needed to tell.
      bool one_id_each = st.logins.size() == st.connections;
      auto& conns = st.logins.get<by_conn>();
      std::uint64_t reached = 0;
      auto& entries = st.logins.get<by_id>();
      auto target = [](const login_entry& e) { return e.direct; };
      net::for_each_prefetching(entries, target, [&](auto& entry) {
        // A connection's first entry stands for it.
        if (!one_id_each && &*conns.find(entry.conn_id()) != &entry)
          return;
        deliver(st, entry, shared);
        ++reached;
      });
      st.messages_routed += reached;
      return reached;
    },
    [self](watch_atom, caf::actor& watcher) {
      auto& st = self->state;
      st.watcher = std::move(watcher);
      caf::anon_send(st.watcher, ids_atom::value, all_ids(st));
    },
    [self](stats_atom) {
      auto& st = self->state;
      st.history.expire();
      return std::make_tuple(st.ids, st.connections, st.messages_routed,
                             std::uint64_t{st.history.ids()},
                             std::uint64_t{st.history.messages()},
                             std::uint64_t{st.history.bytes()});
    },
  };
}

} // namespace router
