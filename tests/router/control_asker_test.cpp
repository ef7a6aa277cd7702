// The control port's asker in-process: a question the service answers gets
// that answer once; one it never answers gets a 503 after the timeout, and
// an answer after that is dropped.
#include <condition_variable>
#include <mutex>
#include <vector>

#include <gtest/gtest.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/send.hpp>

#include "router/control_asker.hpp"

namespace {

using namespace std::chrono_literals;

// What the replies received, from whichever thread they ran on.
class replies {
public:
  net::control_reply reply() {
    return [this](net::control_response res) {
      std::lock_guard<std::mutex> guard{mutex_};
      statuses_.push_back(res.status);
      changed_.notify_all();
    };
  }

  // The statuses once there are `n`, or what came within `limit`.
  std::vector<int> wait_for(std::size_t n, std::chrono::milliseconds limit) {
    std::unique_lock<std::mutex> lock{mutex_};
    changed_.wait_for(lock, limit, [&] { return statuses_.size() >= n; });
    return statuses_;
  }

private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<int> statuses_;
};

struct control_asker_test : ::testing::Test {
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  caf::actor asker = router::spawn_control_asker(system, 1s);
  replies got;

  ~control_asker_test() override {
    caf::anon_send_exit(asker, caf::exit_reason::user_shutdown);
  }
};

TEST_F(control_asker_test, an_answered_question_gets_its_answer_once) {
  router::ask_job job = [](caf::event_based_actor*, net::control_reply once) {
    once({201, "{}", {}, "application/json"});
    once({500, "{}", {}, "application/json"}); // a second answer is dropped
  };
  caf::anon_send(asker, job, got.reply());
  EXPECT_EQ(got.wait_for(1, 2s), std::vector<int>{201});
  // Past the timeout and a sweep: no 503 for an answered question.
  EXPECT_EQ(got.wait_for(2, 2500ms), std::vector<int>{201});
}

TEST_F(control_asker_test, an_unanswered_question_gets_503_after_the_timeout) {
  net::control_reply kept;
  std::mutex kept_mutex;
  router::ask_job silent = [&](caf::event_based_actor*,
                               net::control_reply once) {
    std::lock_guard<std::mutex> guard{kept_mutex};
    kept = std::move(once);
  };
  auto asked = std::chrono::steady_clock::now();
  caf::anon_send(asker, silent, got.reply());
  auto statuses = got.wait_for(1, 4s);
  auto waited = std::chrono::steady_clock::now() - asked;
  ASSERT_EQ(statuses, std::vector<int>{503});
  EXPECT_GE(waited, 1s);   // not before the timeout
  EXPECT_LT(waited, 3s);   // within a sweep of it
  {
    std::lock_guard<std::mutex> guard{kept_mutex};
    ASSERT_TRUE(kept);
    kept({200, "{}", {}, "application/json"}); // too late: dropped
  }
  EXPECT_EQ(got.wait_for(2, 200ms), std::vector<int>{503});
}

} // namespace
