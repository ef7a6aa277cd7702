#include "server_fixture.hpp"

#include <stdexcept>
#include <thread>

#include "http_bytes.hpp"

namespace app_test {

std::vector<std::string> listen_args(std::uint16_t port, std::uint16_t control) {
  return {"--server.address=127.0.0.1", "--server.port=" + std::to_string(port),
          "--control.address=127.0.0.1",
          "--control.port=" + std::to_string(control)};
}

comet_server::comet_server(server_options options)
  : port_(options.port ? options.port : support::free_port()),
    control_port_(options.control_port ? options.control_port
                                       : support::free_port()) {
  auto args = listen_args(port_, control_port_);
  args.push_back("--server.tick-interval=" + options.tick_interval);
  args.insert(args.end(), options.extra.begin(), options.extra.end());
  process_ = std::make_unique<support::child_process>(
    support::binary("caf-comet"), args);
  if (!process_->wait_for_output(ready_line, options.startup))
    throw std::runtime_error("caf-comet did not start; its output:\n"
                             + process_->output());
}

nlohmann::json comet_server::stats() const {
  auto response = support::http_get_once(control_port_, "/stats");
  auto head = parse_head(response);
  if (!head || head->status() != 200)
    return nlohmann::json::value_t::discarded;
  std::string body = response.substr(head->size);
  if (head->field("Transfer-Encoding") == "chunked") {
    std::string joined;
    for (auto& chunk : decode_chunks(body).chunks)
      joined += chunk;
    body = joined;
  }
  return nlohmann::json::parse(body, nullptr, false);
}

bool comet_server::wait_for_stats(
  const std::function<bool(const nlohmann::json&)>& done,
  std::chrono::milliseconds timeout) const {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  do {
    auto current = stats();
    if (!current.is_discarded() && done(current))
      return true;
    std::this_thread::sleep_for(10ms);
  } while (std::chrono::steady_clock::now() < deadline);
  return false;
}

std::int64_t counter(const nlohmann::json& stats, const char* name) {
  if (!stats.is_object() || !stats.contains(name)
      || !stats[name].is_number_integer())
    return -1;
  return stats[name].get<std::int64_t>();
}

// -- stream_client ------------------------------------------------------------

stream_client::stream_client(std::uint16_t port, std::string id,
                             const std::string& host)
  : id_(std::move(id)), socket_(port, host) {
  socket_.send(request("GET", "/test/" + id_));
}

bool stream_client::wait_for_welcome(std::chrono::milliseconds timeout) {
  auto text = welcome_text(id_);
  return socket_.read_until(text, timeout).find(text) != std::string::npos;
}

bool stream_client::wait_for_tick(int n, std::chrono::milliseconds timeout) {
  // "Chunk 1 for id x\n" is no substring of "Chunk 11 for id x\n".
  auto text = tick_text(n, id_);
  return socket_.read_until(text, timeout).find(text) != std::string::npos;
}

int stream_client::last_tick() const {
  auto head = parse_head(socket_.data());
  if (!head)
    return 0;
  auto body = decode_chunks(std::string_view{socket_.data()}.substr(head->size));
  if (body.malformed)
    return -1;
  return body.chunks.empty() ? 0 : static_cast<int>(body.chunks.size()) - 1;
}

::testing::AssertionResult stream_client::well_formed() const {
  auto& data = socket_.data();
  auto head = parse_head(data);
  if (!head)
    return ::testing::AssertionFailure() << "no complete head in: " << data;
  if (head->status_line != "HTTP/1.1 200 OK"
      || head->field("Transfer-Encoding") != "chunked")
    return ::testing::AssertionFailure() << "not a chunked 200: " << data;
  auto body = decode_chunks(std::string_view{data}.substr(head->size));
  if (body.malformed)
    return ::testing::AssertionFailure() << "broken chunk framing: " << data;
  for (std::size_t i = 0; i < body.chunks.size(); ++i) {
    auto expected = i == 0 ? welcome_text(id_)
                           : tick_text(static_cast<int>(i), id_);
    if (body.chunks[i] != expected)
      return ::testing::AssertionFailure()
             << "chunk " << i << " is '" << body.chunks[i] << "', expected '"
             << expected << "'";
  }
  if (body.ended && body.trailing != 0)
    return ::testing::AssertionFailure() << "bytes after the last chunk";
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult stream_client::keeps_counting() {
  auto target = std::max(last_tick(), 0) + 2;
  if (!wait_for_tick(target))
    return ::testing::AssertionFailure()
           << "stream " << id_ << " stopped before tick " << target
           << "; received: " << socket_.data();
  return well_formed();
}

::testing::AssertionResult new_stream_works(std::uint16_t port,
                                            const std::string& id) {
  stream_client client{port, id};
  if (!client.wait_for_tick(1))
    return ::testing::AssertionFailure()
           << "new stream " << id << " got no tick; received: "
           << client.socket().data();
  return client.well_formed();
}

std::string exchange_and_close(std::uint16_t port, const std::string& request) {
  support::raw_client client{port};
  client.send(request);
  if (!client.read_until_closed(patience))
    ADD_FAILURE() << "the server did not close after: " << request;
  return client.data();
}

// -- witnessed_server_test ----------------------------------------------------

server_options witnessed_server_test::small_limits() {
  return {"50ms",
          {"--server.request-timeout=300ms", "--server.max-header-bytes=1024"}};
}

void witnessed_server_test::SetUp() {
  server = std::make_unique<comet_server>(small_limits());
  witness = std::make_unique<stream_client>(server->port(), "witness");
  ASSERT_TRUE(witness->wait_for_tick(1)) << witness->socket().data();
}

void witnessed_server_test::TearDown() {
  if (!witness)
    return;
  EXPECT_TRUE(witness->keeps_counting());
  EXPECT_TRUE(new_stream_works(server->port(), "after"));
}

} // namespace app_test
