#include "summary.hpp"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace floodtest {

namespace {

using json = nlohmann::json;

json buckets_of(const histogram& h) {
  auto pairs = json::array();
  for (auto [ms, n] : h.nonzero())
    pairs.push_back({ms, n});
  return pairs;
}

void add_buckets(histogram& h, const json& pairs) {
  if (!pairs.is_array())
    return;
  for (const auto& pair : pairs)
    if (pair.is_array() && pair.size() == 2)
      h.add(pair[0].get<std::uint32_t>(), pair[1].get<std::uint64_t>());
}

// Percentiles of an empty histogram are unknown, not zero.
json percentile_or_null(const histogram& h, double p) {
  return h.count() == 0 ? json(nullptr) : json(h.percentile(p));
}

} // namespace

std::string summary::stats_line() const {
  char line[96];
  std::snprintf(line, sizeof(line),
                "Stats: {%" PRIu64 ",%" PRIu64 ",%" PRIu64 "}", active, closed,
                chunks);
  return line;
}

json summary::to_json() const {
  json j{
    {"active", active},
    {"closed", closed},
    {"chunks", chunks},
    {"gaps", gaps},
    {"opened", opened},
    {"connect_failures", connect_failures},
    {"elapsed_s", std::round(elapsed_s * 1000) / 1000},
    {"last_start_s", std::round(last_start_s * 1000) / 1000},
    {"delivered_msgs", delivery.count()},
    {"delivery_p50_ms", percentile_or_null(delivery, 0.50)},
    {"delivery_p99_ms", percentile_or_null(delivery, 0.99)},
    {"delivery_max_ms", percentile_or_null(delivery, 1.0)},
    // The histograms, so that summaries of several runs merge exactly.
    {"delivery_buckets", buckets_of(delivery)},
  };
  if (tick_ms > 0) {
    j["tick_ms"] = tick_ms;
    j["lateness_samples"] = lateness.count();
    j["lateness_p50_ms"] = percentile_or_null(lateness, 0.50);
    j["lateness_p99_ms"] = percentile_or_null(lateness, 0.99);
    j["lateness_max_ms"] = percentile_or_null(lateness, 1.0);
    j["lateness_buckets"] = buckets_of(lateness);
  }
  return j;
}

std::optional<summary> summary::from_json(const json& j) {
  if (!j.is_object() || !j.contains("active") || !j.contains("closed")
      || !j.contains("chunks"))
    return std::nullopt;
  try {
    summary s;
    s.active = j.at("active").get<std::uint64_t>();
    s.closed = j.at("closed").get<std::uint64_t>();
    s.chunks = j.at("chunks").get<std::uint64_t>();
    s.gaps = j.value("gaps", std::uint64_t{0});
    s.opened = j.value("opened", std::uint64_t{0});
    s.connect_failures = j.value("connect_failures", std::uint64_t{0});
    s.elapsed_s = j.value("elapsed_s", 0.0);
    s.last_start_s = j.value("last_start_s", 0.0);
    s.tick_ms = j.value("tick_ms", std::uint32_t{0});
    if (auto it = j.find("lateness_buckets"); it != j.end())
      add_buckets(s.lateness, *it);
    if (auto it = j.find("delivery_buckets"); it != j.end())
      add_buckets(s.delivery, *it);
    return s;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

void summary::merge(const summary& other) {
  active += other.active;
  closed += other.closed;
  chunks += other.chunks;
  gaps += other.gaps;
  opened += other.opened;
  connect_failures += other.connect_failures;
  elapsed_s = std::max(elapsed_s, other.elapsed_s);
  last_start_s = std::max(last_start_s, other.last_start_s);
  tick_ms = std::max(tick_ms, other.tick_ms);
  lateness.merge(other.lateness);
  delivery.merge(other.delivery);
}

std::optional<summary> parse_stats_line(std::string_view line) {
  std::string text{line};
  summary s;
  char end = 0;
  if (std::sscanf(text.c_str(), "Stats: {%" SCNu64 ",%" SCNu64 ",%" SCNu64 "%c",
                  &s.active, &s.closed, &s.chunks, &end)
        != 4
      || end != '}')
    return std::nullopt;
  return s;
}

} // namespace floodtest
