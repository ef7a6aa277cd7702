// Command-line pieces floodtest and msggen share: both take their options as
// CAF --key=value global options and print their own help.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include <caf/config_option_set.hpp>
#include <caf/error.hpp>

namespace floodtest {

// CAF's parse errors name the argument but read like a data dump:
// "unknown option '--x'" or "bad value in '--rate=abc'".
std::string describe_parse_error(const caf::error& err);

// "--duration=0" reads naturally but CAF wants a unit; 0 needs none.
// `durations` names the options that take one (e.g. "duration").
std::string with_zero_unit(std::string arg,
                           std::initializer_list<std::string_view> durations);

// A whole decimal number, nothing else.
bool parse_uint(std::string_view text, std::uint64_t& out);

// One "  --name=<type>  description" line per option of the global group,
// less CAF's own (help, config file, dump).
std::string global_options_help(const caf::config_option_set& options);

} // namespace floodtest
