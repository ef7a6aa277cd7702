#include "router/control_bodies.hpp"

#include <optional>

#include <nlohmann/json.hpp>

#include "net/request_target.hpp"

namespace router {

namespace {

using json = nlohmann::json;
using problem = std::optional<net::control_response>;

// Parses the body as a JSON object; sets `doc` or returns the problem.
problem read_object(const std::string& body, json& doc) {
  doc = json::parse(body, nullptr, false);
  if (doc.is_discarded())
    return error_response(400, "body is not valid JSON");
  if (!doc.is_object())
    return error_response(400, "body must be a JSON object");
  return std::nullopt;
}

// `where` prefixes the field's name in errors: "" or "messages[3]."
problem read_string(const json& object, const char* name,
                    const std::string& where, std::string& out) {
  auto i = object.find(name);
  if (i == object.end())
    return error_response(400, "missing field '" + where + name + "'");
  if (!i->is_string())
    return error_response(400,
                          "field '" + where + name + "' must be a string");
  out = i->get<std::string>();
  return std::nullopt;
}

problem read_msg(const json& object, const std::string& where,
                 const control_limits& limits, std::string& out) {
  if (auto bad = read_string(object, "msg", where, out))
    return bad;
  if (out.size() > limits.max_message_bytes)
    return error_response(413, where + "msg over "
                                 + std::to_string(limits.max_message_bytes)
                                 + " bytes");
  return std::nullopt;
}

problem read_message(const json& object, const std::string& where,
                     const control_limits& limits, message_batch& out) {
  std::string id;
  std::string msg;
  if (auto bad = read_string(object, "id", where, id))
    return bad;
  if (!net::is_valid_id(id))
    return error_response(400, where + "id must be 1-64 characters of "
                                       "[A-Za-z0-9._~-]");
  if (auto bad = read_msg(object, where, limits, msg))
    return bad;
  out.ids.push_back(std::move(id));
  out.msgs.push_back(std::move(msg));
  return std::nullopt;
}

problem read_batch(const json& messages, const control_limits& limits,
                   message_batch& out) {
  if (!messages.is_array() || messages.empty())
    return error_response(400, "field 'messages' must be a non-empty array");
  if (messages.size() > limits.max_batch_messages)
    return error_response(413, "batch over "
                                 + std::to_string(limits.max_batch_messages)
                                 + " messages");
  out.ids.reserve(messages.size());
  out.msgs.reserve(messages.size());
  for (std::size_t i = 0; i < messages.size(); ++i) {
    auto where = "messages[" + std::to_string(i) + "]";
    if (!messages[i].is_object())
      return error_response(400, where + " must be a JSON object");
    if (auto bad = read_message(messages[i], where + ".", limits, out))
      return bad;
  }
  return std::nullopt;
}

} // namespace

net::control_response error_response(int status, std::string text,
                                     std::string extra_headers) {
  // A path echoed here may hold bytes that are not UTF-8: replace them.
  return {status,
          json{{"error", std::move(text)}}.dump(-1, ' ', false,
                                                json::error_handler_t::replace),
          std::move(extra_headers)};
}

std::variant<message_batch, net::control_response>
read_send_body(const std::string& body, const control_limits& limits) {
  json doc;
  message_batch out;
  if (auto bad = read_object(body, doc))
    return *bad;
  auto messages = doc.find("messages");
  auto bad = messages != doc.end() ? read_batch(*messages, limits, out)
                                   : read_message(doc, "", limits, out);
  if (bad)
    return *bad;
  return out;
}

std::variant<std::string, net::control_response>
read_broadcast_body(const std::string& body, const control_limits& limits) {
  json doc;
  std::string msg;
  if (auto bad = read_object(body, doc))
    return *bad;
  if (auto bad = read_msg(doc, "", limits, msg))
    return *bad;
  return msg;
}

} // namespace router
