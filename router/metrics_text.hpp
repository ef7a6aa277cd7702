// GET /metrics: the figures of router/figures.hpp in Prometheus's text
// exposition format 0.0.4. The service's figures are caf_comet_<name>, summed
// over the nodes; when clustered, the per-node ones are also
// caf_comet_node_<name>{node="w1"} (separate families, so that summing a
// family never counts a node twice).
#pragma once

#include <string>
#include <string_view>

#include "router/figures.hpp"

namespace router {

inline constexpr std::string_view metrics_content_type
  = "text/plain; version=0.0.4; charset=utf-8";

std::string metrics_text(const service_view& view);

} // namespace router
