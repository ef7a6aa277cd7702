#include "router/stats_json.hpp"

namespace router {

namespace {

using json = nlohmann::json;

json histogram_json(const net::histogram_counts& h) {
  json le = json::array();
  for (auto bound_us : net::latency_bounds_us)
    le.push_back(static_cast<double>(bound_us) / 1e6);
  json counts = json::array();
  for (std::size_t i = 0; i <= net::latency_bounds_us.size(); ++i)
    counts.push_back(i < h.counts.size() ? h.counts[i] : 0);
  return {{"le", std::move(le)},
          {"counts", std::move(counts)},
          {"count", h.count()},
          {"sum", static_cast<double>(h.sum_ns) / 1e9}};
}

json to_json(const figure_value& value) {
  return std::visit(
    [](auto& x) -> json {
      using T = std::decay_t<decltype(x)>;
      if constexpr (std::is_same_v<T, net::histogram_counts>) {
        return histogram_json(x);
      } else if constexpr (std::is_same_v<T, std::vector<labelled_count>>) {
        json out = json::array();
        for (auto& one : x) {
          json entry;
          for (auto& [name, label] : one.labels)
            entry[name] = label;
          entry["count"] = one.value;
          out.push_back(std::move(entry));
        }
        return out;
      } else {
        return x;
      }
    },
    value);
}

json node_json(const node_stats& n) {
  json out{{"node", n.node}, {"pid", n.pid}, {"address", n.address}};
  for (auto& f : figures())
    if (f.scope & per_node)
      out[std::string{f.key}] = to_json(node_value(f, n));
  return out;
}

} // namespace

json stats_json(const service_view& view) {
  json out = json::object();
  for (auto& f : figures())
    if (shown_for_service(f, view.clustered))
      out[std::string{f.key}] = to_json(service_value(f, view));
  if (view.clustered) {
    auto& nodes = out["nodes"] = json::array();
    for (auto& n : view.stats.nodes)
      nodes.push_back(node_json(n));
  }
  return out;
}

} // namespace router
