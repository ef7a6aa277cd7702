#include "run_helpers.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace floodtest_test {

temp_file::temp_file(const std::string& content) {
  char name[] = "/tmp/floodtest-test-XXXXXX";
  int fd = mkstemp(name);
  if (fd < 0)
    throw std::runtime_error("mkstemp failed");
  close(fd);
  path_ = name;
  std::ofstream{path_} << content;
}

temp_file::~temp_file() {
  std::remove(path_.c_str());
}

std::string url_lines(std::uint16_t port, int count) {
  std::string text;
  for (int i = 1; i <= count; ++i)
    text += "http://127.0.0.1:" + std::to_string(port) + "/test/"
            + std::to_string(i) + "\n";
  return text;
}

std::optional<floodtest::summary> last_stats(const std::string& output) {
  std::optional<floodtest::summary> last;
  std::istringstream lines{output};
  for (std::string line; std::getline(lines, line);)
    if (auto stats = floodtest::parse_stats_line(line))
      last = stats;
  return last;
}

nlohmann::json json_summary(const std::string& output) {
  nlohmann::json last;
  std::istringstream lines{output};
  for (std::string line; std::getline(lines, line);)
    if (!line.empty() && line.front() == '{')
      last = nlohmann::json::parse(line, nullptr, false);
  return last;
}

std::size_t count_lines(const std::string& output, const std::string& line) {
  std::size_t n = 0;
  std::istringstream lines{output};
  for (std::string text; std::getline(lines, text);)
    n += text == line;
  return n;
}

std::size_t count_prefixed(const std::string& output,
                           const std::string& prefix) {
  std::size_t n = 0;
  std::istringstream lines{output};
  for (std::string text; std::getline(lines, text);)
    n += text.rfind(prefix, 0) == 0;
  return n;
}

std::vector<std::string> flood_args(const temp_file& urls,
                                    std::vector<std::string> options) {
  options.insert(options.begin(), {urls.path(), "0"});
  return options;
}

} // namespace floodtest_test
