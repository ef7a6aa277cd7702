#include "url.hpp"

#include <sstream>

#include <gtest/gtest.h>

#include "source_addresses.hpp"

using namespace floodtest;

namespace {

http_url parsed(const std::string& text) {
  http_url url;
  std::string why;
  EXPECT_TRUE(parse_url(text, url, why)) << text << ": " << why;
  return url;
}

std::string rejection(const std::string& text) {
  http_url url;
  std::string why;
  EXPECT_FALSE(parse_url(text, url, why)) << text;
  return why;
}

} // namespace

TEST(floodtest_url, reads_host_port_and_target) {
  auto url = parsed("http://localhost:8000/test/42");
  EXPECT_EQ(url.host, "localhost");
  EXPECT_EQ(url.port, 8000);
  EXPECT_EQ(url.target, "/test/42");
  EXPECT_EQ(url.authority, "localhost:8000");
}

TEST(floodtest_url, defaults_port_80_and_target_slash) {
  auto url = parsed("HTTP://example.org");
  EXPECT_EQ(url.port, 80);
  EXPECT_EQ(url.target, "/");
  EXPECT_EQ(parsed("http://h?x=1#frag").target, "/?x=1");
}

TEST(floodtest_url, reads_bracketed_ipv6) {
  auto url = parsed("http://[::1]:9000/a");
  EXPECT_EQ(url.host, "::1");
  EXPECT_EQ(url.port, 9000);
  EXPECT_EQ(url.authority, "[::1]:9000");
}

TEST(floodtest_url, rejects_what_it_cannot_request) {
  EXPECT_EQ(rejection("localhost:8000/test/1"), "no http:// scheme");
  EXPECT_EQ(rejection("https://localhost/"), "only http:// is supported");
  EXPECT_EQ(rejection("http:///path"), "no host");
  EXPECT_EQ(rejection("http://host:99999/"), "bad port");
  EXPECT_EQ(rejection("http://host:/"), "bad port");
  EXPECT_EQ(rejection("http://host:80x/"), "bad port");
  EXPECT_EQ(rejection("http://ho st/"),
            "contains spaces or control characters");
  EXPECT_EQ(rejection("http://u@host/"), "user names in URLs are not supported");
  EXPECT_EQ(rejection("http://ho$t/"), "bad character in host");
}

TEST(floodtest_url, request_is_a_plain_get_with_host) {
  EXPECT_EQ(make_request(parsed("http://localhost:8000/test/7")),
            "GET /test/7 HTTP/1.1\r\nHost: localhost:8000\r\n\r\n");
}

TEST(floodtest_url, url_list_counts_from_one) {
  std::ostringstream out;
  write_url_list("http://h/test/", 3, out);
  EXPECT_EQ(out.str(), "http://h/test/1\nhttp://h/test/2\nhttp://h/test/3\n");
}

TEST(floodtest_sources, reads_ranges_and_lists) {
  std::vector<boost::asio::ip::address_v4> out;
  std::string why;
  ASSERT_TRUE(parse_sources("127.0.0.1-127.0.0.3,127.0.1.9", out, why));
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0].to_string(), "127.0.0.1");
  EXPECT_EQ(out[2].to_string(), "127.0.0.3");
  EXPECT_EQ(out[3].to_string(), "127.0.1.9");
  ASSERT_TRUE(parse_sources("", out, why));
  EXPECT_TRUE(out.empty());
}

TEST(floodtest_sources, rejects_nonsense) {
  std::vector<boost::asio::ip::address_v4> out;
  std::string why;
  EXPECT_FALSE(parse_sources("127.0.0.9-127.0.0.1", out, why));
  EXPECT_FALSE(parse_sources("localhost", out, why));
  EXPECT_FALSE(parse_sources("10.0.0.0-10.255.255.255", out, why));
}
