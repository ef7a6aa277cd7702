// What every floodtest process test needs: a URL file on disk, and the
// final numbers read back from floodtest's output.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "summary.hpp"

namespace floodtest_test {

// A file in /tmp that is removed when the object goes away.
class temp_file {
public:
  explicit temp_file(const std::string& content);
  ~temp_file();

  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;

  const std::string& path() const { return path_; }

private:
  std::string path_;
};

// http://127.0.0.1:<port>/test/1 ... /test/<count>, one a line.
std::string url_lines(std::uint16_t port, int count);

// The last "Stats: {A,C,K}" line of `output`.
std::optional<floodtest::summary> last_stats(const std::string& output);

// The JSON summary: the last line of `output` that is a JSON object.
nlohmann::json json_summary(const std::string& output);

// How many lines of `output` are exactly `line`.
std::size_t count_lines(const std::string& output, const std::string& line);

// How many lines of `output` start with `prefix`.
std::size_t count_prefixed(const std::string& output, const std::string& prefix);

// The floodtest binary's arguments for a run over `urls` with wait 0.
std::vector<std::string> flood_args(const temp_file& urls,
                                    std::vector<std::string> options);

} // namespace floodtest_test
