// GET /metrics against the real binary on loopback: Prometheus's text format
// behind the bearer token (the dashboard's page alone is not), every figure's exact name and type, the counters
// moving as streams open, messages route and requests fail, and the same
// numbers as /stats (both come from one list of figures).
#include <thread>

#include <gtest/gtest.h>

#include "http_bytes.hpp"
#include "metrics_client.hpp"
#include "server_fixture.hpp"

namespace control_test {
namespace {

using namespace app_test;

const std::string token_field = "Authorization: Bearer metrics-secret\r\n";

server_options with_token(std::vector<std::string> more = {}) {
  more.push_back("--control.token=metrics-secret");
  return {"50ms", more};
}

// Polls /metrics until `done` holds; the last scrape either way.
std::optional<scrape>
wait_for_metrics(std::uint16_t port,
                 const std::function<bool(const scrape&)>& done) {
  auto deadline = std::chrono::steady_clock::now() + patience;
  std::optional<scrape> last;
  do {
    last = get_metrics(port, token_field);
    if (last && done(*last))
      return last;
    std::this_thread::sleep_for(20ms);
  } while (std::chrono::steady_clock::now() < deadline);
  return last;
}

TEST(Metrics, NeedsTheBearerTokenAndSpeaksPrometheusText) {
  comet_server server{with_token()};
  auto refused = get_metrics(server.control_port());
  ASSERT_TRUE(refused);
  EXPECT_TRUE(refused->reply.is_error(401)) << refused->reply.body;
  refused = get_metrics(server.control_port(),
                        "Authorization: Bearer wrong\r\n");
  ASSERT_TRUE(refused);
  EXPECT_TRUE(refused->reply.is_error(401));

  auto m = get_metrics(server.control_port(), token_field);
  ASSERT_TRUE(m);
  ASSERT_EQ(m->reply.status(), 200) << m->reply.body;
  EXPECT_EQ(m->reply.head.field("Content-Type"),
            "text/plain; version=0.0.4; charset=utf-8");
  const std::map<std::string, std::string> families{
    {"caf_comet_connections", "gauge"},
    {"caf_comet_streams", "gauge"},
    {"caf_comet_sse_streams", "gauge"},
    {"caf_comet_websocket_streams", "gauge"},
    {"caf_comet_history_ids", "gauge"},
    {"caf_comet_history_messages", "gauge"},
    {"caf_comet_history_bytes", "gauge"},
    {"caf_comet_ids", "gauge"},
    {"caf_comet_logged_in_connections", "gauge"},
    {"caf_comet_ticking_streams", "gauge"},
    {"caf_comet_rss_bytes", "gauge"},
    {"caf_comet_heap_bytes", "gauge"},
    {"caf_comet_open_files", "gauge"},
    {"caf_comet_uptime_seconds", "gauge"},
    {"caf_comet_connections_accepted_total", "counter"},
    {"caf_comet_connections_rejected_total", "counter"},
    {"caf_comet_streams_started_total", "counter"},
    {"caf_comet_chunks_sent_total", "counter"},
    {"caf_comet_messages_routed_total", "counter"},
    {"caf_comet_slow_closed_total", "counter"},
    {"caf_comet_bad_requests_total", "counter"},
    {"caf_comet_control_requests_total", "counter"},
    {"caf_comet_tick_lateness_seconds", "histogram"},
    {"caf_comet_routed_message_latency_seconds", "histogram"},
    {"caf_comet_control_request_duration_seconds", "histogram"},
  };
  EXPECT_EQ(m->types, families) << m->reply.body;
  EXPECT_TRUE(m->value(R"(caf_comet_streams)"));
  EXPECT_TRUE(m->value(R"(caf_comet_tick_lateness_seconds_bucket{le="+Inf"})"));
  EXPECT_GT(m->value("caf_comet_rss_bytes").value_or(0), 0);
  EXPECT_GT(m->value("caf_comet_open_files").value_or(0), 3);
  // The dashboard's page holds no figure: it alone needs no token, and only
  // for GET.
  auto page = control_call(server.control_port(), "GET", "/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status(), 200);
  EXPECT_EQ(page->head.field("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page->body.find("fetch(\"/stats\""), std::string::npos);
  auto posted = control_call(server.control_port(), "POST", "/", "{}");
  ASSERT_TRUE(posted);
  EXPECT_TRUE(posted->is_error(401));
  // The refusals are counted, by path and status.
  EXPECT_EQ(m->value(R"(caf_comet_control_requests_total{path="/metrics",status="401"})"),
            2);
}

TEST(Metrics, CountersMoveWithStreamsMessagesAndBadRequests) {
  comet_server server{with_token({"--server.max-connections=2"})};
  stream_client alice{server.port(), "alice"};
  stream_client bob{server.port(), "bob"};
  ASSERT_TRUE(alice.wait_for_tick(2)) << alice.socket().data();
  ASSERT_TRUE(bob.wait_for_tick(2)) << bob.socket().data();
  // Over the cap: 503. A bad request needs a free slot: it comes once a
  // stream has gone.
  EXPECT_EQ(status_of(exchange_and_close(server.port(),
                                         last_request("GET", "/test/carol"))),
            503);
  auto sent = control_call(server.control_port(), "POST", "/send",
                           send_body("alice", "one"), token_field);
  ASSERT_TRUE(sent && sent->status() == 200);
  auto all = control_call(server.control_port(), "POST", "/broadcast",
                          broadcast_body("two"), token_field);
  ASSERT_TRUE(all && all->status() == 200);
  ASSERT_TRUE(wait_for_routed(alice, "two")) << alice.socket().data();
  ASSERT_TRUE(wait_for_routed(bob, "two")) << bob.socket().data();

  auto m = wait_for_metrics(server.control_port(), [](const scrape& s) {
    return s.value("caf_comet_routed_message_latency_seconds_count") == 3;
  });
  ASSERT_TRUE(m);
  EXPECT_EQ(m->value("caf_comet_routed_message_latency_seconds_count"), 3)
    << m->reply.body;
  EXPECT_EQ(m->value("caf_comet_connections"), 2);
  EXPECT_EQ(m->value(R"(caf_comet_streams)"), 2);
  EXPECT_EQ(m->value("caf_comet_ids"), 2);
  EXPECT_EQ(m->value("caf_comet_connections_accepted_total"), 2);
  EXPECT_EQ(m->value(R"(caf_comet_streams_started_total)"), 2);
  EXPECT_EQ(m->value("caf_comet_connections_rejected_total"), 1);
  EXPECT_EQ(m->value("caf_comet_messages_routed_total"), 3);
  // Two welcomes, at least two ticks each, three routed messages.
  EXPECT_GE(m->value("caf_comet_chunks_sent_total").value_or(0), 9);
  EXPECT_GE(m->value("caf_comet_tick_lateness_seconds_count").value_or(0), 4);
  EXPECT_EQ(m->value(R"(caf_comet_control_requests_total{path="/send",status="200"})"), 1);
  EXPECT_EQ(m->value(R"(caf_comet_control_requests_total{path="/broadcast",status="200"})"), 1);
  EXPECT_GE(m->value("caf_comet_control_request_duration_seconds_count").value_or(0), 2);
  EXPECT_EQ(m->value("caf_comet_bad_requests_total"), 0);

  bob.socket().close();
  ASSERT_TRUE(wait_for_metrics(server.control_port(), [](const scrape& s) {
    return s.value("caf_comet_connections") == 1;
  })->value("caf_comet_connections") == 1);
  EXPECT_EQ(status_of(exchange_and_close(server.port(), "NOT A REQUEST\r\n\r\n")),
            400);
  auto unknown = control_call(server.control_port(), "GET", "/nowhere", "",
                              token_field);
  ASSERT_TRUE(unknown && unknown->status() == 404);
  m = wait_for_metrics(server.control_port(), [](const scrape& s) {
    return s.value("caf_comet_bad_requests_total") == 1;
  });
  EXPECT_EQ(m->value("caf_comet_bad_requests_total"), 1) << m->reply.body;
  EXPECT_EQ(m->value("caf_comet_connections_accepted_total"), 3);
  EXPECT_EQ(m->value(R"(caf_comet_streams)"), 1);
  // A path nobody serves is one label, whatever was asked.
  EXPECT_EQ(m->value(R"(caf_comet_control_requests_total{path="other",status="404"})"), 1);
}

// /stats and /metrics read the same figures: every number of /stats is the
// sample of its Prometheus name, at a moment when nothing moves.
TEST(Metrics, StatsAndMetricsAgree) {
  comet_server server{{"1h", {}}};
  stream_client alice{server.port(), "alice"};
  ASSERT_TRUE(alice.wait_for_welcome());
  ASSERT_TRUE(logged_in(server, 1, 1));
  auto stats = server.stats();
  auto m = get_metrics(server.control_port());
  ASSERT_TRUE(m && m->reply.status() == 200);
  const std::map<std::string, std::string> same{
    {"connections", "caf_comet_connections"},
    {"streams", R"(caf_comet_streams)"},
    {"ids", "caf_comet_ids"},
    {"logged_in", "caf_comet_logged_in_connections"},
    {"chunks_sent", "caf_comet_chunks_sent_total"},
    {"messages_routed", "caf_comet_messages_routed_total"},
    {"rejected", "caf_comet_connections_rejected_total"},
    {"slow_closed", "caf_comet_slow_closed_total"},
    {"bad_requests", "caf_comet_bad_requests_total"},
    {"accepted", "caf_comet_connections_accepted_total"},
    {"streams_started", R"(caf_comet_streams_started_total)"},
  };
  for (auto& [key, series] : same)
    EXPECT_EQ(m->value(series), counter(stats, key.c_str())) << key;
  EXPECT_EQ(m->value("caf_comet_tick_lateness_seconds_count"),
            stats["tick_lateness"]["count"].get<double>());
}

} // namespace
} // namespace control_test
