#include "router/router.hpp"

#include <algorithm>

#include <caf/make_message.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "router/html_escape.hpp"

namespace router {

namespace {

using router_ptr = router_api::stateful_pointer<router_state>;

template <class Map, class Pred>
auto find_in(Map& map, const typename Map::key_type& key, Pred pred) {
  auto [first, last] = map.equal_range(key);
  for (; first != last; ++first)
    if (pred(first->second))
      return first;
  return map.end();
}

void login(router_ptr self, std::string id, caf::actor conn) {
  auto& st = self->state;
  // A bag, as in router.erl: the same {Id, Connection} is stored once.
  if (find_in(st.conn2id, conn.id(), [&](auto& x) { return x == id; })
      != st.conn2id.end())
    return;
  if (st.conn2id.count(conn.id()) == 0) {
    self->monitor(conn);
    ++st.connections;
  }
  if (st.id2conn.count(id) == 0) {
    ++st.ids;
    if (st.watcher)
      caf::anon_send(st.watcher, id_up_atom::value, id);
  }
  st.conn2id.emplace(conn.id(), id);
  st.id2conn.emplace(std::move(id), std::move(conn));
}

void logout(router_ptr self, caf::actor_id conn) {
  auto& st = self->state;
  auto [first, last] = st.conn2id.equal_range(conn);
  if (first == last)
    return;
  for (auto i = first; i != last; ++i) {
    auto entry = find_in(st.id2conn, i->second,
                         [&](auto& x) { return x.id() == conn; });
    st.id2conn.erase(entry);
    if (st.id2conn.count(i->second) == 0) {
      --st.ids;
      if (st.watcher)
        caf::anon_send(st.watcher, id_down_atom::value, i->second);
    }
  }
  st.conn2id.erase(first, last);
  --st.connections;
}

// Every distinct id: equal keys of an unordered_multimap are adjacent.
std::vector<std::string> all_ids(const router_state& st) {
  std::vector<std::string> out;
  out.reserve(st.ids);
  for (auto& entry : st.id2conn)
    if (out.empty() || out.back() != entry.first)
      out.push_back(entry.first);
  return out;
}

// The chunk text is built once and the message shared by every receiver.
caf::message routed(const std::string& msg) {
  return caf::make_message(router_msg_atom::value, html_escape(msg));
}

// -> connections reached
std::uint64_t send_to_id(router_state& st, const std::string& id,
                         const std::string& msg) {
  auto conns = st.id2conn.equal_range(id);
  if (conns.first == conns.second)
    return 0;
  auto shared = routed(msg);
  std::uint64_t reached = 0;
  for (auto i = conns.first; i != conns.second; ++i, ++reached)
    caf::anon_send(i->second, shared);
  st.messages_routed += reached;
  return reached;
}

} // namespace

router_api::behavior_type local_router(router_ptr self) {
  self->set_down_handler([self](const caf::down_msg& down) {
    logout(self, down.source.id());
  });
  return {
    [self](login_atom, std::string& id, caf::actor& conn) {
      login(self, std::move(id), std::move(conn));
    },
    [self](logout_atom, const caf::actor& conn) {
      self->demonitor(conn);
      logout(self, conn.id());
    },
    [self](send_atom, const std::string& id,
           const std::string& msg) -> std::uint64_t {
      return send_to_id(self->state, id, msg);
    },
    [self](send_atom, const message_batch& batch) -> std::uint64_t {
      // Unequal columns come only from a faulty peer: the extra are ignored.
      auto n = std::min(batch.ids.size(), batch.msgs.size());
      std::uint64_t reached = 0;
      for (std::size_t i = 0; i < n; ++i)
        reached += send_to_id(self->state, batch.ids[i], batch.msgs[i]);
      return reached;
    },
    [self](broadcast_atom, const std::string& msg) -> std::uint64_t {
      auto& st = self->state;
      auto shared = routed(msg);
      // Every connection once, even one logged in under several ids; when
      // none is (the usual case), no lookup is needed to tell.
      bool one_id_each = st.conn2id.size() == st.connections;
      std::uint64_t reached = 0;
      for (auto& [id, conn] : st.id2conn) {
        if (!one_id_each && st.conn2id.equal_range(conn.id()).first->second != id)
          continue;
        caf::anon_send(conn, shared);
        ++reached;
      }
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
      return std::make_tuple(st.ids, st.connections, st.messages_routed);
    },
  };
}

} // namespace router
