// Every figure the control port reports, named once: its /stats key, its
// Prometheus name, help text and type, where it is shown and where its value
// comes from. /stats (router/stats_json.*) and /metrics
// (router/metrics_text.*) are both rendered from this one list.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "net/latency_histogram.hpp"
#include "router/control_tally.hpp"
#include "router/node_stats.hpp"

namespace router {

enum class figure_type { counter, gauge, histogram };

// Where a figure is shown (a bit set).
enum figure_scope : std::uint8_t {
  // The service's figure, summed over its nodes: /stats's top level and
  // caf_comet_<name>.
  service_total = 1,
  // Each node's own, when clustered: /stats's "nodes" and
  // caf_comet_node_<name>{node="..."}.
  per_node = 2,
  // The service's figure only when it is a cluster.
  clustered_only = 4,
};

// What the service-level figures are read from.
struct service_view {
  const service_stats& stats;
  const control_figures& control;
  double uptime_s; // of the control port
  bool clustered;
};

using figure_value = std::variant<std::uint64_t, double, net::histogram_counts,
                                  std::vector<labelled_count>>;

// A node's field (summed over the nodes for the service's figure), or a
// reader of the service's own figures.
using figure_source
  = std::variant<std::uint64_t node_stats::*, double node_stats::*,
                 net::histogram_counts node_stats::*,
                 figure_value (*)(const service_view&)>;

struct figure {
  std::string_view key;  // in /stats
  std::string_view name; // after caf_comet_ (or caf_comet_node_)
  std::string_view help;
  figure_type type;
  std::uint8_t scope; // figure_scope bits
  figure_source source;
  std::string_view labels = {}; // constant ones, e.g. transport="chunked"
};

std::span<const figure> figures();

// Whether the service-level figure is shown for this service.
bool shown_for_service(const figure& f, bool clustered);

// The service's value: a node field summed over the nodes, counters and
// histograms with those of departed nodes too.
figure_value service_value(const figure& f, const service_view& view);

// One node's value of a per_node figure.
figure_value node_value(const figure& f, const node_stats& node);

// Adds `from`'s counters and histograms to `into`'s: how a departed node's
// figures are kept in the service's totals.
void carry_counters(node_stats& into, const node_stats& from);

} // namespace router
