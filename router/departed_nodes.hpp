// What a cluster's head keeps of its nodes' counters so that the service's
// totals never go down when a node leaves (Prometheus would read a drop as a
// counter reset, and rate() would jump): each node's figures as last read,
// and those of nodes that left. What a node counted after its last read is
// lost with it.
#pragma once

#include <cstdint>
#include <deque>
#include <map>

#include "router/cluster_api.hpp"
#include "router/node_stats.hpp"

namespace router {

class departed_nodes {
public:
  // Node `number` answered with `figures`.
  void seen(std::uint32_t number, const node_stats& figures);

  // Node `number` left: its last figures count on in the totals.
  void left(std::uint32_t number);

  // A process joins again (after a network loss, or a new head adopts it):
  // its counters go on from where they were, so its departed figures are
  // dropped, else it would count twice.
  void rejoined(const node_info& info);

  // The counters and histograms of every node that left.
  node_stats totals() const;

private:
  // Departed nodes kept one by one, in case their process joins again;
  // older ones are folded into one sum.
  static constexpr std::size_t kept = 64;

  std::map<std::uint32_t, node_stats> last_seen_; // by node number
  std::deque<node_stats> recent_;
  node_stats folded_;
};

} // namespace router
