// GET /stats: the figures of router/figures.hpp as one JSON object. Numbers
// as they are; a histogram as {"le": [bounds in s], "counts": [per bucket,
// the last above every bound], "count": n, "sum": s}; labelled counts as
// [{label: value, ..., "count": n}]. When clustered, "nodes" lists each
// process (the head first) with its per-node figures.
#pragma once

#include <nlohmann/json.hpp>

#include "router/figures.hpp"

namespace router {

nlohmann::json stats_json(const service_view& view);

} // namespace router
