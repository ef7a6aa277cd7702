#include "chunk_scanner.hpp"

#include <array>

namespace floodtest {

namespace {

// A text is a list of steps: a literal to match, or a number (a literal of
// nullptr). `reported` marks the number whose value is the finding.
struct step {
  const char* literal;
  bool reported;
};

struct pattern {
  chunk_finding::kind_t kind;
  std::array<step, 5> steps;
  std::uint8_t size;
};

constexpr std::array<pattern, 2> patterns{{
  {chunk_finding::tick, {{{"Chunk ", false}, {nullptr, true}, {" ", false}}}, 3},
  {chunk_finding::stamp,
   {{{"Recvd msg #", false},
     {nullptr, false},
     {": 't=", false},
     {nullptr, true},
     {";", false}}},
   5},
}};

// Longer numbers are not ticks or microsecond stamps; stop before overflow.
constexpr std::uint8_t max_digits = 19;

constexpr std::uint8_t idle = 0xff;

} // namespace

chunk_finding chunk_scanner::feed(std::string_view bytes) {
  for (char c : bytes) {
    if (step_ == idle)
      return {};
    if (step_ == 0 && matched_ == 0) {
      // The first byte tells the patterns apart.
      pattern_ = c == patterns[0].steps[0].literal[0] ? 0 : 1;
    }
    const auto& p = patterns[pattern_];
    const auto* s = &p.steps[step_];
    if (s->literal == nullptr) {
      if (c >= '0' && c <= '9' && matched_ < max_digits) {
        if (s->reported)
          value_ = value_ * 10 + static_cast<unsigned>(c - '0');
        ++matched_;
        continue;
      }
      if (matched_ == 0) {
        step_ = idle;
        continue;
      }
      // The number ended: this byte belongs to the next (literal) step.
      ++step_;
      matched_ = 0;
      s = &p.steps[step_];
    }
    if (c != s->literal[matched_]) {
      step_ = idle;
      continue;
    }
    if (s->literal[++matched_] == '\0') {
      matched_ = 0;
      if (++step_ == p.size) {
        step_ = idle;
        return {p.kind, value_};
      }
    }
  }
  return {};
}

} // namespace floodtest
