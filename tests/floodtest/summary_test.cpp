#include "summary.hpp"

#include <boost/asio/error.hpp>
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "close_reason.hpp"

using namespace floodtest;

TEST(floodtest_histogram, percentiles_are_bucket_edges) {
  histogram h;
  EXPECT_EQ(h.count(), 0u);
  for (std::uint32_t ms = 1; ms <= 100; ++ms)
    h.add(ms);
  EXPECT_EQ(h.percentile(0.50), 50u);
  EXPECT_EQ(h.percentile(0.99), 99u);
  h.add(50'000);
  EXPECT_EQ(h.percentile(1.0), histogram::default_limit_ms);
}

TEST(floodtest_histogram, merges_by_adding_buckets) {
  histogram a;
  histogram b;
  a.add(10, 3);
  b.add(20, 1);
  a.merge(b);
  EXPECT_EQ(a.count(), 4u);
  EXPECT_EQ(a.percentile(0.75), 10u);
  EXPECT_EQ(a.percentile(1.0), 20u);
}

TEST(floodtest_summary, stats_line_is_the_seeds) {
  summary s;
  s.active = 1000;
  s.chunks = 4000;
  EXPECT_EQ(s.stats_line(), "Stats: {1000,0,4000}");
  auto back = parse_stats_line("Stats: {1000,0,4000}\n");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->active, 1000u);
  EXPECT_EQ(back->chunks, 4000u);
  EXPECT_FALSE(parse_stats_line("Closed: eof"));
}

TEST(floodtest_summary, json_round_trip_merges_children) {
  summary child;
  child.active = 100;
  child.closed = 2;
  child.chunks = 300;
  child.opened = 102;
  child.connect_failures = 1;
  child.elapsed_s = 3;
  child.tick_ms = 100;
  child.gaps = 3;
  child.lateness.add(4, 10);
  child.delivery.add(7, 2);
  auto j = child.to_json();
  auto back = summary::from_json(nlohmann::json::parse(j.dump()));
  ASSERT_TRUE(back);
  summary total;
  total.merge(*back);
  total.merge(*back);
  auto out = total.to_json();
  EXPECT_EQ(out["active"], 200);
  EXPECT_EQ(out["closed"], 4);
  EXPECT_EQ(out["chunks"], 600);
  EXPECT_EQ(out["opened"], 204);
  EXPECT_EQ(out["connect_failures"], 2);
  EXPECT_EQ(out["elapsed_s"], 3.0);
  EXPECT_EQ(out["lateness_samples"], 20);
  EXPECT_EQ(out["gaps"], 6);
  EXPECT_EQ(out["lateness_p50_ms"], 4);
  EXPECT_EQ(out["delivered_msgs"], 4);
  EXPECT_EQ(out["delivery_p99_ms"], 7);
  EXPECT_EQ(out["delivery_max_ms"], 7);
  EXPECT_EQ(out["lateness_buckets"], (nlohmann::json{{4, 20}}));
}

TEST(floodtest_summary, unknown_percentiles_are_null) {
  auto j = summary{}.to_json();
  EXPECT_TRUE(j["delivery_p50_ms"].is_null());
  EXPECT_FALSE(j.contains("lateness_p50_ms")); // no --tick, no lateness
}

TEST(floodtest_close_reason, reads_as_one_word) {
  namespace error = boost::asio::error;
  EXPECT_EQ(to_string(close_reason_from(error::eof)), "eof");
  EXPECT_EQ(to_string(close_reason_from(error::connection_reset)), "reset");
  EXPECT_EQ(to_string(close_reason_from(error::connection_refused)),
            "refused");
  EXPECT_EQ(to_string(close_reason_from(error::timed_out)), "timeout");
  EXPECT_EQ(to_string({close_kind::http_status, 503}), "http 503");
  EXPECT_EQ(to_string(close_reason_from(error::no_descriptors)),
            "too many open files");
}
