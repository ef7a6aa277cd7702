// Reading GET /metrics in tests: one scrape on a new connection, its samples
// by series as written ("name" or "name{labels}"), and its # TYPE lines.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "control_client.hpp"

namespace control_test {

struct scrape {
  control_reply reply;
  std::map<std::string, double> samples; // series -> value
  std::map<std::string, std::string> types; // family -> counter|gauge|histogram

  // The sample's value, or nothing when the series is missing.
  std::optional<double> value(const std::string& series) const;
  // Sum over every series of `family`'s samples named exactly `name` whose
  // labels contain `label` (e.g. node="w1"); nothing when none matches.
  std::optional<double> sum(const std::string& name,
                            const std::string& label = "") const;
};

// GET /metrics with `fields` (e.g. the Authorization line); nothing when no
// complete response came.
std::optional<scrape> get_metrics(std::uint16_t control_port,
                                  const std::string& fields = "");

} // namespace control_test
