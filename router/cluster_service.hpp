// The head of a cluster: the directory of which node holds which id, fed by
// the workers in batches, and the service the control port asks. A send goes
// only to the nodes that hold the id (see share_queue.hpp); a broadcast and stats go to every node
// and the answers are summed. A node whose connection drops (kill -9, network
// loss noticed by the middleman's heartbeat) is monitored down: its ids leave
// the directory at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <caf/typed_event_based_actor.hpp>

#include "router/cluster_api.hpp"
#include "router/history.hpp"
#include "router/departed_nodes.hpp"
#include "router/service_api.hpp"
#include "router/share_queue.hpp"

namespace router {

using cluster_api = service_api::extend<
  // A worker whose cookie the gate checked: -> (directory, its node number).
  caf::replies_to<join_atom, node_info, caf::actor>::with<caf::actor,
                                                          std::uint32_t>,
  // A worker's batch of ids that came (added) and went (removed).
  caf::reacts_to<dir_atom, std::uint32_t, std::vector<std::string>,
                 std::vector<std::string>>,
  caf::reacts_to<refused_atom, node_info>,
  // A peer whose opening at the node port was not a node's handshake.
  caf::reacts_to<refused_atom, std::string>,
  caf::reacts_to<restarted_atom, std::uint32_t, std::uint32_t>,
  caf::reacts_to<linger_atom, std::uint32_t>,
  // A worker's router asks what a resuming connection missed: the head
  // keeps the history, since it sees every message, also those sent while
  // nobody held the id, and a client may reconnect to any worker.
  caf::replies_to<resume_atom, std::string, std::uint64_t>::with<
    std::vector<std::uint64_t>, std::vector<std::string>, bool>>;

// Called from the actor as nodes come and go (e.g. to supervise processes);
// they must hand the work to their own thread.
struct node_events {
  std::function<void(const node_info&)> joined;
  std::function<void(const node_info&)> left;
};

struct cluster_state {
  struct node {
    node_api agent; // the worker's node_agent, through its proxy
    node_info info;
    share_queue shares; // sends waiting for the node
  };
  std::map<std::uint32_t, node> nodes; // by number, given at join
  // Which nodes hold an id: one entry per (id, node), almost always one per
  // id. A multimap node is the lightest form: ~72 B per id, paid a million
  // times at a million streams.
  std::unordered_multimap<std::string, std::uint32_t> directory;
  std::unordered_map<std::uint32_t, std::uint32_t> restarts; // by slot
  message_history history; // every message sent, for resuming clients
  departed_nodes departed; // keeps the totals of counters from going down
  std::uint32_t next_number = 1;
  std::uint64_t refused_joins = 0;
  std::uint64_t refused_peers = 0;
  node_events events;
  std::string node_address; // where the gate is published, for /stats
  std::chrono::milliseconds send_linger{0}; // see share_queue.hpp
  std::chrono::steady_clock::time_point started;
  static inline const char* name = "cluster_service";
};

cluster_api::behavior_type
cluster_service(cluster_api::stateful_pointer<cluster_state> self,
                node_events events, std::string node_address,
                history_limits limits, std::chrono::milliseconds send_linger);

// The published actor: checks a joining worker's cookie, hands it to the
// service when right, counts and refuses it when wrong.
caf::behavior cluster_gate(caf::event_based_actor* self, std::string cookie,
                           cluster_api service);

} // namespace router
