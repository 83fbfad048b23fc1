// The parsers' shortcut for a line repeating the previous line's series text (series-major
// backfill files): same results as parsing every line in full, no false matches on prefixes.
#include <gtest/gtest.h>

#include "pharos/tsdb/textparse.h"

namespace pharos::tsdb {
namespace {

struct Got {
    std::string labels;
    double value;
    int64_t ts;
    MetricType type;
    bool operator==(const Got&) const = default;
};

std::vector<Got> parseAll(std::string_view text, ExpositionFormat f, std::string* err = nullptr) {
    ExpositionParser p(text, f, /*strictOpenMetrics=*/false);
    std::vector<Got> out;
    while (true) {
        auto e = p.next();
        if (!e.ok()) {
            if (err) *err = e.status().toString();
            return out;
        }
        if (*e == ExpositionParser::Entry::End) return out;
        if (*e != ExpositionParser::Entry::Sample) continue;
        out.push_back({p.sample().labels.toString(), p.sample().value, p.sample().timestampMs.value_or(-1),
                       p.sample().type});
    }
}

TEST(TextParseRepeat, RepeatedSeriesTextsKeepTheirLabelsAndPrefixesDoNotMatch) {
    const std::string text =
        "a{x=\"1\"} 1 1000\n"
        "a{x=\"1\"} 2 2000\n"
        "a{x=\"10\"} 3 3000\n"    // the previous text is a prefix of this one
        "a{x=\"10\"}\t4 4000\n"   // tab separator (text format)
        "a 5 5000\n"
        "a{x=\"1\"} 6 6000\n"
        "# TYPE a counter\n"       // changes the type of the next, identical series text
        "a{x=\"1\"} 7 7000\n"
        "b{le=\"1\"} 8 8000\n"
        "b{le=\"1\"} 9 9000\n";
    const std::vector<Got> want{{"a{x=\"1\"}", 1, 1000, MetricType::Unknown},
                                {"a{x=\"1\"}", 2, 2000, MetricType::Unknown},
                                {"a{x=\"10\"}", 3, 3000, MetricType::Unknown},
                                {"a{x=\"10\"}", 4, 4000, MetricType::Unknown},
                                {"a", 5, 5000, MetricType::Unknown},
                                {"a{x=\"1\"}", 6, 6000, MetricType::Unknown},
                                {"a{x=\"1\"}", 7, 7000, MetricType::Counter},
                                {"b{le=\"1\"}", 8, 8000, MetricType::Unknown},
                                {"b{le=\"1\"}", 9, 9000, MetricType::Unknown}};
    std::string err;
    EXPECT_EQ(parseAll(text, ExpositionFormat::PromText, &err), want) << err;
}

TEST(TextParseRepeat, OpenMetricsRepeatedLinesAndErrorsAfterThem) {
    const std::string text =
        "# TYPE h histogram\n"
        "h_bucket{le=\"1\"} 1 1\n"
        "h_bucket{le=\"1\"} 2 2\n"
        "h_bucket{le=\"1.0\"} 3 3\n"
        "h_count 3 3\n"
        "# EOF\n";
    std::string err;
    const auto got = parseAll(text, ExpositionFormat::OpenMetrics, &err);
    ASSERT_EQ(got.size(), 4u) << err;
    EXPECT_EQ(got[1], (Got{"h_bucket{le=\"1.0\"}", 2, 2000, MetricType::Histogram}));  // le normalised
    EXPECT_EQ(got[2].labels, "h_bucket{le=\"1.0\"}");
    // An error on a repeated line is the same as on a first line: file position and message.
    const std::string bad = "m{a=\"b\"} 1 1\nm{a=\"b\"} x 2\n# EOF\n";
    err.clear();
    EXPECT_EQ(parseAll(bad, ExpositionFormat::OpenMetrics, &err).size(), 1u);
    EXPECT_NE(err.find("2:"), std::string::npos) << err;
    EXPECT_NE(err.find("invalid value"), std::string::npos) << err;
    // In the text format a bad value is rejected the same way whether the line repeats or not.
    err.clear();
    EXPECT_EQ(parseAll("m{a=\"b\"} 1\nm{a=\"b\"} x\n", ExpositionFormat::PromText, &err).size(), 1u);
    std::string err2;
    EXPECT_EQ(parseAll("m{a=\"b\"} x\n", ExpositionFormat::PromText, &err2).size(), 0u);
    EXPECT_EQ(err.substr(err.find("invalid")), err2.substr(err2.find("invalid")));
}

}  // namespace
}  // namespace pharos::tsdb
