#include "metrics_client.hpp"

#include <sstream>

namespace control_test {

std::optional<double> scrape::value(const std::string& series) const {
  auto i = samples.find(series);
  if (i == samples.end())
    return std::nullopt;
  return i->second;
}

std::optional<double> scrape::sum(const std::string& name,
                                  const std::string& label) const {
  std::optional<double> out;
  for (auto& [series, v] : samples) {
    auto brace = series.find('{');
    if (series.substr(0, brace) != name)
      continue;
    if (!label.empty() && series.find(label) == std::string::npos)
      continue;
    out = out.value_or(0) + v;
  }
  return out;
}

std::optional<scrape> get_metrics(std::uint16_t control_port,
                                  const std::string& fields) {
  auto reply = control_call(control_port, "GET", "/metrics", "", fields);
  if (!reply)
    return std::nullopt;
  scrape out{*reply, {}, {}};
  if (reply->status() != 200)
    return out;
  std::istringstream lines{reply->body};
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with("# TYPE ")) {
      std::istringstream words{line.substr(7)};
      std::string family, type;
      words >> family >> type;
      out.types[family] = type;
    } else if (!line.empty() && line[0] != '#') {
      auto space = line.rfind(' ');
      out.samples[line.substr(0, space)] = std::stod(line.substr(space + 1));
    }
  }
  return out;
}

} // namespace control_test
