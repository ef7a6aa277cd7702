// Asks several actors the same question and hands every answer on at once:
// the head's way of asking all (or some) of its nodes. A node that fails or
// does not answer in time is left out; the others still count.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

#include <caf/error.hpp>

namespace router {

template <class T>
using answers_handler = std::function<void(std::vector<T>)>;

template <class T, class Self, class Handle, class... Ts>
void fan_out(Self* self, const std::vector<Handle>& targets,
             std::chrono::milliseconds timeout, answers_handler<T> done,
             const Ts&... request) {
  struct gathering {
    std::size_t left;
    std::vector<T> answers;
    answers_handler<T> done;
    void one_less() {
      if (--left == 0)
        done(std::move(answers));
    }
  };
  if (targets.empty())
    return done({});
  auto g = std::make_shared<gathering>(
    gathering{targets.size(), {}, std::move(done)});
  g->answers.reserve(targets.size());
  for (auto& target : targets)
    self->request(target, timeout, request...)
      .then(
        [g](T& answer) {
          g->answers.push_back(std::move(answer));
          g->one_less();
        },
        [g](caf::error&) { g->one_less(); });
}

} // namespace router
