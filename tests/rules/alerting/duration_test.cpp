// Prometheus duration parsing and printing.
#include <gtest/gtest.h>

#include "pharos/alerting/duration.h"

using namespace pharos::alerting;

TEST(Duration, ParsesAndPrintsTable) {
    struct Case {
        const char* in;
        long long ms;
        const char* printed;
    };
    const Case cases[] = {
        {"0", 0, "0s"},           {"30s", 30000, "30s"},        {"5m", 300000, "5m"},
        {"4h", 14400000, "4h"},   {"1h30m", 5400000, "1h30m"}, {"90m", 5400000, "1h30m"},
        {"1d", 86400000, "1d"},   {"2w", 1209600000, "2w"},    {"1y", 31536000000, "1y"},
        {"1s500ms", 1500, "1s500ms"}, {"100ms", 100, "100ms"}, {"8d", 691200000, "8d"}, {"14d", 1209600000, "2w"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.in);
        auto d = parseDuration(c.in);
        ASSERT_TRUE(d.ok()) << d.status().toString();
        EXPECT_EQ(d->count(), c.ms);
        EXPECT_EQ(formatDuration(*d), c.printed);
    }
}

TEST(Duration, RejectsBadSyntax) {
    for (const char* bad : {"", "5", "m", "1m1h", "1.5h", "-1m", "1h1h", "10x", "1 m"}) {
        SCOPED_TRACE(bad);
        auto d = parseDuration(bad);
        ASSERT_FALSE(d.ok());
        if (*bad) {
            EXPECT_EQ(d.status().message(), std::string("not a valid duration string: \"") + bad + "\"");
        }
    }
}
