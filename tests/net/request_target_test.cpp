// What a request asks for, from its method and target alone (the seed's
// loop/2 plus Id validation).
#include <gtest/gtest.h>

#include "net/request_target.hpp"

using net::route;
using net::route_request;

TEST(route_request, get_and_head_of_test_id_stream) {
  auto get = route_request("GET", "/test/foo");
  EXPECT_EQ(get.kind, route::stream);
  EXPECT_EQ(get.id, "foo");
  EXPECT_EQ(route_request("HEAD", "/test/foo").kind, route::stream);
}

TEST(route_request, the_query_string_is_not_part_of_the_id) {
  EXPECT_EQ(route_request("GET", "/test/foo?x=1").id, "foo");
}

TEST(route_request, exactly_slash_is_the_page_whatever_its_query) {
  for (auto target : {"/", "/?id=x", "/?id=x&transport=ws", "/?id=%3C"}) {
    EXPECT_EQ(route_request("GET", target).kind, route::page) << target;
    EXPECT_EQ(route_request("GET", target).status, 200) << target;
  }
  EXPECT_EQ(route_request("HEAD", "/").kind, route::page);
  for (auto target : {"//", "/x", "/index.html"})
    EXPECT_EQ(route_request("GET", target).status, 404) << target;
  EXPECT_EQ(route_request("POST", "/").status, 404);
  EXPECT_EQ(route_request("PUT", "/").status, 501);
}

TEST(route_request, other_paths_and_post_are_404_other_methods_501) {
  EXPECT_EQ(route_request("GET", "/tests/foo").status, 404);
  EXPECT_EQ(route_request("GET", "/test").status, 404);
  EXPECT_EQ(route_request("POST", "/test/foo").status, 404);
  EXPECT_EQ(route_request("PUT", "/test/foo").status, 501);
  EXPECT_EQ(route_request("DELETE", "/x").status, 501);
}

TEST(route_request, invalid_ids_are_400) {
  for (auto target : {"/test/", "/test/a/b", "/test/a%3Cb", "/test/%", "/test/%4",
                      "/test/%zz", "/test/a b", "/test/<script>"})
    EXPECT_EQ(route_request("GET", target).status, 400) << target;
  EXPECT_EQ(route_request("GET", "/test/" + std::string(65, 'a')).status, 400);
}

TEST(decode_id, accepts_the_allowed_characters_percent_encoded_or_not) {
  EXPECT_EQ(net::decode_id("aZ09._~-"), "aZ09._~-");
  EXPECT_EQ(net::decode_id("a%2Db%7e"), "a-b~");
  EXPECT_EQ(net::decode_id(std::string(64, 'x')), std::string(64, 'x'));
  EXPECT_EQ(net::decode_id("%41%42"), "AB");
}

TEST(is_valid_id, checks_without_decoding) {
  EXPECT_TRUE(net::is_valid_id("alice-1"));
  EXPECT_FALSE(net::is_valid_id("a%2Db"));
  EXPECT_FALSE(net::is_valid_id(""));
  EXPECT_FALSE(net::is_valid_id(std::string(65, 'a')));
}
