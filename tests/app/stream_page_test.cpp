// GET / on the stream port: the stream page (net/stream_page/index.html) from
// memory, byte for byte, with and without a query; HEAD has its head alone;
// every other path keeps its answer.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "http_bytes.hpp"
#include "server_fixture.hpp"

namespace app_test {
namespace {

// Something only the stream page holds.
constexpr std::string_view marker = "<title>caf-comet stream</title>";

std::string page_source() {
  std::ifstream file{CAF_COMET_SOURCE_DIR "/net/stream_page/index.html",
                     std::ios::binary};
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

class StreamPage : public ::testing::Test {
protected:
  // The one response to `method target` on its own connection.
  plain_response answer(std::string_view method, std::string_view target) {
    auto bytes = exchange_and_close(server.port(), last_request(method, target));
    auto responses = split_responses(bytes);
    if (responses.size() != 1) {
      ADD_FAILURE() << method << " " << target << ": " << bytes;
      return {};
    }
    return responses[0];
  }

  comet_server server;
};

TEST_F(StreamPage, GetSlashIsThePageAsHtml) {
  auto page = answer("GET", "/");
  EXPECT_EQ(page.head.status_line, "HTTP/1.1 200 OK");
  EXPECT_EQ(page.head.field("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.head.field("Content-Length"), std::to_string(page.body.size()));
  EXPECT_EQ(page.head.field("Cache-Control"), "no-cache");
  EXPECT_NE(page.body.find(marker), std::string::npos) << page.body;
  auto source = page_source();
  ASSERT_FALSE(source.empty()) << "cannot read net/stream_page/index.html";
  EXPECT_TRUE(page.body == source)
    << "served " << page.body.size() << " bytes, the file has " << source.size();
}

// The query is the page's own: a shared link gets the same page.
TEST_F(StreamPage, AQueryGetsTheSamePage) {
  auto plain = answer("GET", "/");
  for (auto target : {"/?id=x", "/?id=x&transport=ws", "/?"}) {
    auto page = answer("GET", target);
    EXPECT_EQ(page.head.status(), 200) << target;
    EXPECT_TRUE(page.body == plain.body) << target;
  }
}

// The same head, no body: the connection closes right after the head.
TEST_F(StreamPage, HeadIsTheHeadWithoutTheBody) {
  auto get = answer("GET", "/");
  auto bytes = exchange_and_close(server.port(), last_request("HEAD", "/"));
  auto head = parse_head(bytes);
  ASSERT_TRUE(head) << bytes;
  EXPECT_EQ(head->status_line, "HTTP/1.1 200 OK");
  EXPECT_EQ(head->fields, get.head.fields);
  EXPECT_EQ(bytes.size(), head->size) << bytes;
}

TEST_F(StreamPage, OtherPathsKeepTheirAnswers) {
  for (auto target : {"/nope", "/index.html", "//", "/test", "/sse"})
    EXPECT_EQ(answer("GET", target).head.status(), 404) << target;
  EXPECT_EQ(answer("POST", "/").head.status(), 404);
  EXPECT_EQ(answer("PUT", "/").head.status(), 501);
  EXPECT_TRUE(new_stream_works(server.port(), "after-the-page"));
}

} // namespace
} // namespace app_test
