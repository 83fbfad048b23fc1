#include "pharos/json.h"

#include <gtest/gtest.h>

TEST(Json, EscapesAsJsonRequires) {
    EXPECT_EQ(pharos::jsonString(""), "\"\"");
    EXPECT_EQ(pharos::jsonString("a\"b\\c"), "\"a\\\"b\\\\c\"");
    EXPECT_EQ(pharos::jsonString("l1\nl2\r\t"), "\"l1\\nl2\\r\\t\"");
    EXPECT_EQ(pharos::jsonString(std::string_view("\x01\x1f", 2)), "\"\\u0001\\u001f\"");
    EXPECT_EQ(pharos::jsonString("héllo 你好"), "\"héllo 你好\"");  // UTF-8 passes through
    std::string out = "[";
    pharos::appendJsonString(out, "x");
    EXPECT_EQ(out, "[\"x\"");
}
