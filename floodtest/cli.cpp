#include "cli.hpp"

#include <algorithm>
#include <charconv>

#include <caf/actor_system_config.hpp>
#include <caf/config_option.hpp>
#include <caf/pec.hpp>
#include <caf/settings.hpp>

namespace floodtest {

namespace {

std::string text_of(caf::string_view view) {
  return {view.data(), view.size()};
}

} // namespace

std::string describe_parse_error(const caf::error& err) {
  caf::optional<std::string> arg;
  if (err.context().match_elements<caf::settings>())
    arg = caf::get_if<std::string>(&err.context().get_as<caf::settings>(0),
                                   "argument");
  if (!arg)
    return caf::actor_system_config::render(err);
  auto unknown = caf::make_error(caf::pec::not_an_option);
  if (err.category() == unknown.category() && err.code() == unknown.code())
    return "unknown option '" + *arg + "'";
  return "bad value in '" + *arg + "'";
}

std::string with_zero_unit(std::string arg,
                           std::initializer_list<std::string_view> durations) {
  for (auto name : durations)
    if (arg == "--" + std::string{name} + "=0")
      return arg + 's';
  return arg;
}

bool parse_uint(std::string_view text, std::uint64_t& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && ec == std::errc{} && end == text.data() + text.size();
}

std::string global_options_help(const caf::config_option_set& options) {
  std::string text;
  for (const auto& option : options) {
    auto name = text_of(option.long_name());
    if (option.category() != "global" || name == "help" || name == "long-help"
        || name == "dump-config" || name == "config-file")
      continue;
    auto type = text_of(option.type_name());
    auto left = "  --" + name + (type == "boolean" ? "" : "=<" + type + ">");
    left.resize(std::max<std::size_t>(left.size() + 1, 32), ' ');
    text += left + text_of(option.description()) + "\n";
  }
  return text;
}

} // namespace floodtest
