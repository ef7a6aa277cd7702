// The local router: router.erl's id2pid and pid2id bags (one id may have
// several connections, one connection several ids) as one table with two
// hashed indexes, monitors in place of Erlang links.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/multi_index/hashed_index.hpp>
#include <boost/multi_index/mem_fun.hpp>
#include <boost/multi_index/member.hpp>
#include <boost/multi_index_container.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "router/history.hpp"
#include "router/router_api.hpp"

namespace router {

// One {Id, Connection} pair of the bag, stored once.
struct login_entry {
  std::string id;
  caf::actor conn;
  // conn as a routed_target, or null: cast once at login, not per message
  // (a cross-cast walks the class hierarchy: 1.5 % of a broadcast's CPU).
  // Valid while conn is held.
  routed_target* direct;
  caf::actor_id conn_id() const {
    return conn.id();
  }
};

struct by_id {};
struct by_conn {};

// One node per pair (~80 bytes) serves both lookups; two maps would cost a
// node each.
using login_table = boost::multi_index_container<
  login_entry,
  boost::multi_index::indexed_by<
    boost::multi_index::hashed_non_unique<
      boost::multi_index::tag<by_id>,
      boost::multi_index::member<login_entry, std::string, &login_entry::id>>,
    boost::multi_index::hashed_non_unique<
      boost::multi_index::tag<by_conn>,
      boost::multi_index::const_mem_fun<login_entry, caf::actor_id,
                                        &login_entry::conn_id>>>>;

struct router_state {
  login_table logins;
  std::uint64_t ids = 0;             // distinct ids in logins
  std::uint64_t connections = 0;     // distinct connections in logins
  std::uint64_t messages_routed = 0; // deliveries to connections
  caf::actor watcher;                // told of ids coming and going, if set
  message_history history;           // what a resuming client missed
  bool history_remote = false;       // a worker's: the head keeps it
  caf::actor history_source;         // the head's, once joined
  // Connections resuming from the history source: live messages for them
  // wait here until what they missed has been sent.
  std::unordered_map<caf::actor_id, std::vector<caf::message>> replaying;
  static inline const char* name = "router";
};

router_api::behavior_type
local_router(router_api::stateful_pointer<router_state> self,
             history_limits limits, bool history_remote);

} // namespace router
