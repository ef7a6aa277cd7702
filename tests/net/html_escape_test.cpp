#include <gtest/gtest.h>

#include "net/html_escape.hpp"

TEST(html_escape, replaces_the_five_html_specials) {
  EXPECT_EQ(net::html_escape(R"(<a href="x">'&'</a>)"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST(html_escape, leaves_other_text_alone) {
  EXPECT_EQ(net::html_escape("hello, world; 100% ok"), "hello, world; 100% ok");
  EXPECT_EQ(net::html_escape(""), "");
}
