#include "msggen_body.hpp"

#include <nlohmann/json.hpp>

#include "msggen_options.hpp"

namespace floodtest {

namespace {

constexpr std::string_view batch_open = R"({"messages":[)";
constexpr std::string_view batch_close = "]}";

} // namespace

send_body::send_body(bool batched) : batched_(batched) {
  if (batched_)
    text_ = batch_open;
}

bool send_body::add(const std::string& id, const std::string& msg) {
  if (!batched_ && messages_ > 0)
    return false;
  auto message = nlohmann::json{{"id", id}, {"msg", msg}}.dump();
  auto separator = messages_ > 0 ? std::size_t{1} : std::size_t{0};
  auto closing = batched_ ? batch_close.size() : std::size_t{0};
  if (messages_ > 0
      && text_.size() + separator + message.size() + closing > max_body_bytes)
    return false;
  if (separator != 0)
    text_ += ',';
  text_ += message;
  ++messages_;
  return true;
}

std::string send_body::take() {
  if (batched_)
    text_ += batch_close;
  return std::move(text_);
}

} // namespace floodtest
