#include "sse_client.hpp"

#include "server_fixture.hpp"

namespace app_test {

sse_client::sse_client(std::uint16_t port, const std::string& target,
                       const std::string& fields)
  : socket_(port) {
  socket_.send(request("GET", target, fields));
}

std::vector<std::string> sse_client::events() const {
  auto head = parse_head(socket_.data());
  if (!head)
    return {};
  std::string text;
  for (auto& chunk : decode_chunks(socket_.data().substr(head->size)).chunks)
    text += chunk;
  std::vector<std::string> out;
  for (std::size_t at = 0, end; (end = text.find("\n\n", at)) != std::string::npos;
       at = end + 2)
    out.push_back(text.substr(at, end - at + 1));
  return out;
}

std::vector<std::string> sse_client::wait_for(std::size_t n) {
  auto deadline = std::chrono::steady_clock::now() + patience;
  while (events().size() < n && std::chrono::steady_clock::now() < deadline)
    socket_.read_until(std::string(1, '\0'), std::chrono::milliseconds(50));
  return events();
}

std::string seq_of(const std::string& event) {
  if (event.rfind("id: ", 0) != 0)
    return {};
  return event.substr(4, event.find('\n') - 4);
}

} // namespace app_test
