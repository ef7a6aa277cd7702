// Asks several actors a question and hands every answer on at once: the
// head's way of asking all of its nodes. A node that fails or does
// not answer in time is left out; the others still count.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include <caf/error.hpp>

namespace router {

template <class T>
using answers_handler = std::function<void(std::vector<T>)>;

namespace detail {

template <class T>
struct gathering {
  std::size_t left;
  std::vector<T> answers;
  answers_handler<T> done;
  void one_less() {
    if (--left == 0)
      done(std::move(answers));
  }
};

template <class T, class Self, class Handle, class... Ts>
void ask_one(Self* self, const Handle& target,
             std::chrono::milliseconds timeout,
             const std::shared_ptr<gathering<T>>& g, Ts&&... request) {
  self->request(target, timeout, std::forward<Ts>(request)...)
    .then(
      [g](T& answer) {
        g->answers.push_back(std::move(answer));
        g->one_less();
      },
      [g](caf::error&) { g->one_less(); });
}

template <class T>
std::shared_ptr<gathering<T>> gather(std::size_t n, answers_handler<T> done) {
  auto g = std::make_shared<gathering<T>>(gathering<T>{n, {}, std::move(done)});
  g->answers.reserve(n);
  return g;
}

} // namespace detail

// Every target gets the same request.
template <class T, class Self, class Handle, class... Ts>
void fan_out(Self* self, const std::vector<Handle>& targets,
             std::chrono::milliseconds timeout, answers_handler<T> done,
             const Ts&... request) {
  if (targets.empty())
    return done({});
  auto g = detail::gather<T>(targets.size(), std::move(done));
  for (auto& target : targets)
    detail::ask_one(self, target, timeout, g, request...);
}

} // namespace router
