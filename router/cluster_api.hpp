// What crosses the node port between a cluster's head and its workers, all of
// it CAF messages (the middleman's BASP protocol):
//   worker -> gate:      {join_atom, cookie, node_info, agent} -> (directory, number)
//   worker -> directory: {dir_atom, number, added ids, removed ids}, in batches
//   head -> agent:       service_api requests (send, broadcast, stats)
// The gate is the one published actor: it answers only joins, so a peer
// without the cookie never learns a handle that routes or reads anything.
#pragma once

#include <cstdint>
#include <string>

#include <caf/actor_system_config.hpp>
#include <caf/atom.hpp>
#include <caf/error.hpp>
#include <caf/meta/type_name.hpp>

namespace router {

using join_atom = caf::atom_constant<caf::atom("join")>;
using dir_atom = caf::atom_constant<caf::atom("dir")>;
// gate -> cluster service: {refused_atom, node_info}: a wrong cookie
using refused_atom = caf::atom_constant<caf::atom("refused")>;
// app -> cluster service: {restarted_atom, slot, restarts so far}
using restarted_atom = caf::atom_constant<caf::atom("restarted")>;
// cluster service -> itself: {linger_atom, node number}: the shares waiting
// for that node have lingered long enough (share_queue.hpp).
using linger_atom = caf::atom_constant<caf::atom("linger")>;

// Who a worker is, as it tells the head when it joins.
struct node_info {
  std::string name;    // "w1" for slot 1, else cluster.node-name or host-pid
  std::string address; // where it serves streams, host:port
  std::int64_t pid = 0;
  std::uint32_t slot = 0; // the head's worker slot, 0 for a node joined by hand
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, node_info& x) {
  return f(caf::meta::type_name("node_info"), x.name, x.address, x.pid, x.slot);
}

// The error a join with a wrong cookie gets.
enum class cluster_error : std::uint8_t { wrong_cookie = 1 };
inline constexpr auto cluster_error_category = caf::atom("comet");

inline caf::error make_error(cluster_error x) {
  return caf::error{static_cast<std::uint8_t>(x), cluster_error_category};
}

inline bool is_wrong_cookie(const caf::error& err) {
  return err.category() == cluster_error_category
         && err.code() == static_cast<std::uint8_t>(cluster_error::wrong_cookie);
}

// Announces every type that crosses the node port. Call on the config of
// every process that loads the middleman, before the actor system starts.
void register_cluster_types(caf::actor_system_config& cfg);

} // namespace router
