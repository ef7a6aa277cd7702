#include "net/io_pool.hpp"

#include <iostream>
#include <string>
#include <thread>

#include <pthread.h>

namespace net {

namespace {

// No exception may end an io thread: a handler that throws is logged and the
// context goes on serving everyone else.
void run_context(boost::asio::io_context& ioc) {
  for (;;) {
    try {
      ioc.run();
      return;
    } catch (const std::exception& e) {
      std::cerr << "caf-comet: error in a network handler: " << e.what()
                << '\n';
    }
  }
}

} // namespace

io_pool::io_pool(std::size_t threads) {
  if (threads == 0)
    threads = 1;
  for (std::size_t i = 0; i < threads; ++i) {
    // Hint 1: each context is run by exactly one thread (Asio's fast path
    // for that; posting from actor threads stays safe).
    contexts_.push_back(std::make_unique<boost::asio::io_context>(1));
    guards_.emplace_back(contexts_.back()->get_executor());
  }
}

io_pool::~io_pool() = default;

void io_pool::run() {
  std::vector<std::thread> others;
  for (std::size_t i = 1; i < contexts_.size(); ++i)
    others.emplace_back([ioc = contexts_[i].get(), i] {
      // Named so that top -H and perf tell the io threads apart.
      auto name = "caf-comet.io" + std::to_string(i);
      pthread_setname_np(pthread_self(), name.c_str());
      run_context(*ioc);
    });
  run_context(*contexts_.front());
  for (auto& t : others)
    t.join();
}

void io_pool::release() {
  for (auto& guard : guards_)
    guard.reset();
}

} // namespace net
