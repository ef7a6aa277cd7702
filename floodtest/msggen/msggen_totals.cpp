#include "msggen_totals.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace floodtest {

namespace {

// Shortest JSON: 0.41, not 0.41000000000000003.
double round_to(double x, double per_unit) {
  return std::round(x * per_unit) / per_unit;
}

} // namespace

void msggen_totals::record_answer(std::chrono::nanoseconds took) {
  auto units = std::chrono::duration<double, std::milli>(took).count()
               / latency_unit_ms;
  latency.add(static_cast<std::uint32_t>(
    std::min(units, static_cast<double>(latency_limit))));
}

double msggen_totals::rate_achieved() const {
  return elapsed_s > 0 ? static_cast<double>(ok) / elapsed_s : 0.0;
}

double msggen_totals::latency_ms(double p) const {
  if (latency.count() == 0)
    return -1;
  return latency.percentile(p) * latency_unit_ms;
}

std::string msggen_totals::human_line() const {
  char line[320];
  std::snprintf(
    line, sizeof(line),
    "msggen: %llu requests in %.2f s over %llu connections: %llu ok "
    "(%.1f/s, %.1f/s asked), %llu failed, %llu delivered",
    static_cast<unsigned long long>(requests), elapsed_s,
    static_cast<unsigned long long>(connections),
    static_cast<unsigned long long>(ok), rate_achieved(), rate_asked,
    static_cast<unsigned long long>(failed),
    static_cast<unsigned long long>(delivered));
  std::string text = line;
  if (batch > 1)
    text += " in " + std::to_string(posts) + " POSTs of up to "
            + std::to_string(batch) + " messages";
  if (latency.count() > 0) {
    std::snprintf(line, sizeof(line), "; answer latency p50 %.2f ms, p99 %.2f ms",
                  latency_ms(0.50), latency_ms(0.99));
    text += line;
  }
  return text;
}

nlohmann::json msggen_totals::to_json() const {
  // Percentiles of no answers are unknown, not zero.
  auto percentile = [this](double p) {
    return latency.count() == 0 ? nlohmann::json(nullptr)
                                : nlohmann::json(round_to(latency_ms(p), 100));
  };
  return {
    {"rate_asked", rate_asked},
    {"rate_achieved", round_to(rate_achieved(), 10)},
    {"elapsed_s", round_to(elapsed_s, 1000)},
    {"connections", connections},
    {"batch", batch},
    {"requests", requests},
    {"posts", posts},
    {"ok", ok},
    {"failed", failed},
    {"delivered", delivered},
    {"latency_p50_ms", percentile(0.50)},
    {"latency_p99_ms", percentile(0.99)},
  };
}

} // namespace floodtest
