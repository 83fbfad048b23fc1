// Exposition parsers: sample contents, metadata, float forms, normalisation and error positions.
#include "pharos/tsdb/textparse.h"

#include <gtest/gtest.h>

#include <cmath>

#include "pharos/tsdb/chunk.h"

namespace pharos::tsdb {
namespace {

std::vector<ParsedSample> parseOk(std::string_view in, ExpositionFormat f) {
    ExpositionParser p(in, f);
    std::vector<ParsedSample> out;
    while (true) {
        auto e = p.next();
        EXPECT_TRUE(e.ok()) << e.status().toString();
        if (!e.ok() || *e == ExpositionParser::Entry::End) break;
        if (*e == ExpositionParser::Entry::Sample) out.push_back(p.sample());
    }
    return out;
}

std::string firstError(std::string_view in, ExpositionFormat f) {
    ExpositionParser p(in, f);
    while (true) {
        auto e = p.next();
        if (!e.ok()) return e.status().toString();
        if (*e == ExpositionParser::Entry::End) return "";
    }
}

TEST(TextParse, PromTextSamples) {
    const char* in =
        "# HELP http_requests_total The total.\n"
        "# TYPE http_requests_total counter\n"
        "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000\n"
        "  http_requests_total{ method = \"get\" , code=\"400\", } 3\t1395066363000\n"
        "\n"
        "# a comment\n"
        "msdos_file_access_time_seconds{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find file:\\n\\\"FILE.TXT\\\"\"} 1.458255915e9\n"
        "metric_without_timestamp_and_labels 12.47\n"
        "something_weird{problem=\"division by zero\"} +Inf -3982045\n"
        "# TYPE rpc_duration_seconds summary\n"
        "rpc_duration_seconds{quantile=\"0\"} 3102\n"
        "rpc_duration_seconds_count 2693\n"
        "{\"my.utf8.metric\", \"label.x\"=\"v\"} NaN\n"
        "empty{a=\"\"} 1\n";
    auto s = parseOk(in, ExpositionFormat::PromText);
    ASSERT_EQ(s.size(), 9u);
    EXPECT_EQ(s[0].labels.toString(), "http_requests_total{code=\"200\", method=\"post\"}");
    EXPECT_EQ(s[0].value, 1027);
    EXPECT_EQ(s[0].timestampMs, 1395066363000);
    EXPECT_EQ(s[0].type, MetricType::Counter);
    EXPECT_EQ(s[1].labels.get("method"), "get");
    EXPECT_EQ(s[1].timestampMs, 1395066363000);
    EXPECT_EQ(s[2].labels.get("path"), "C:\\DIR\\FILE.TXT");
    EXPECT_EQ(s[2].labels.get("error"), "Cannot find file:\n\"FILE.TXT\"");
    EXPECT_EQ(s[2].value, 1.458255915e9);
    EXPECT_FALSE(s[3].timestampMs.has_value());
    EXPECT_TRUE(std::isinf(s[4].value));
    EXPECT_EQ(s[4].timestampMs, -3982045);
    EXPECT_EQ(s[5].labels.get("quantile"), "0.0");  // normalised like Prometheus 3
    EXPECT_EQ(s[5].type, MetricType::Summary);
    EXPECT_EQ(s[6].type, MetricType::Summary);
    EXPECT_EQ(s[7].labels.metricName(), "my.utf8.metric");
    EXPECT_EQ(s[8].labels.metricName(), "empty");
    EXPECT_FALSE(s[8].labels.has("a"));  // empty value = no label
}

TEST(TextParse, UTF8QuotedNames) {
    auto s = parseOk("{\"my.utf8.metric\", \"label.x\"=\"v\"} NaN\n", ExpositionFormat::PromText);
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].labels.metricName(), "my.utf8.metric");
    EXPECT_EQ(s[0].labels.get("label.x"), "v");
    EXPECT_TRUE(std::isnan(s[0].value));
}

TEST(TextParse, OpenMetricsSamplesAndExemplars) {
    const char* in =
        "# TYPE foo_seconds histogram\n"
        "# UNIT foo_seconds seconds\n"
        "# HELP foo_seconds Help \\\"x\\\".\n"
        "foo_seconds_bucket{le=\"0.1\"} 8 1520879607.789 # {id=\"a\"} 0.05 1520879607.001\n"
        "foo_seconds_bucket{le=\"+Inf\"} 17 1520879607.789\n"
        "foo_seconds_count 17 1520879607.789\n"
        "foo_seconds_sum 324.5 1520879607.789\n"
        "# TYPE s stateset\n"
        "s{s=\"a\"} 1\n"
        "s{s=\"b\"} 0\n"
        "# EOF\n";
    ExpositionParser p(in, ExpositionFormat::OpenMetrics);
    std::vector<ExpositionParser::Entry> kinds;
    std::vector<ParsedSample> samples;
    while (true) {
        auto e = p.next();
        ASSERT_TRUE(e.ok()) << e.status().toString();
        if (*e == ExpositionParser::Entry::End) break;
        kinds.push_back(*e);
        if (*e == ExpositionParser::Entry::Help) { EXPECT_EQ(p.metadataText(), "Help \"x\"."); }
        if (*e == ExpositionParser::Entry::Unit) { EXPECT_EQ(p.metadataText(), "seconds"); }
        if (*e == ExpositionParser::Entry::Sample) samples.push_back(p.sample());
    }
    ASSERT_EQ(samples.size(), 6u);
    EXPECT_EQ(kinds[0], ExpositionParser::Entry::Type);
    EXPECT_EQ(samples[0].labels.get("le"), "0.1");
    EXPECT_EQ(samples[0].timestampMs, 1520879607789);
    ASSERT_TRUE(samples[0].exemplar.has_value());
    EXPECT_EQ(samples[0].exemplar->labels.get("id"), "a");
    EXPECT_EQ(samples[0].exemplar->value, 0.05);
    EXPECT_EQ(samples[0].exemplar->timestampMs, 1520879607001);
    EXPECT_EQ(samples[1].labels.get("le"), "+Inf");
    EXPECT_EQ(samples[3].value, 324.5);
    EXPECT_EQ(samples[3].type, MetricType::Histogram);
    EXPECT_EQ(samples[4].type, MetricType::StateSet);
}

TEST(TextParse, ErrorsCarryLineAndColumn) {
    struct Case {
        ExpositionFormat f;
        const char* in;
        const char* want;  // prefix of Status::toString()
    };
    const Case cases[] = {
        {ExpositionFormat::PromText, "a 1\nb{c='d'} 1\n", "2:5: expected label value"},
        {ExpositionFormat::PromText, "a 1\n\nfoo 0x1p-3\n", "3:5: invalid value"},
        {ExpositionFormat::PromText, "a true\n", "1:3: invalid value"},
        {ExpositionFormat::PromText, "foo 0 1_2\n", "1:7: invalid timestamp"},
        {ExpositionFormat::PromText, "{a=\"ok\"} 1", "1:1: metric name not set"},
        {ExpositionFormat::PromText, "# TYPE a blah\n", "1:10: invalid metric type"},
        {ExpositionFormat::PromText, "a{b=\"\xff\"} 1\n", "1:5: invalid UTF-8 label value"},
        {ExpositionFormat::OpenMetrics, "a 1\n", "2:1: expected \"# EOF\""},
        {ExpositionFormat::OpenMetrics, "", "1:1: expected \"# EOF\""},  // found by the fuzzer
        {ExpositionFormat::OpenMetrics, "a 1\n\n# EOF\n", "2:1: blank line"},
        {ExpositionFormat::OpenMetrics, "a 1\n# EOF\nb 1\n", "3:1: unexpected data after"},
        {ExpositionFormat::OpenMetrics, "# TYPE a counter\na_total -1\n# EOF\n", "2:1: counter value must be"},
        {ExpositionFormat::OpenMetrics, "a  1\n# EOF\n", "1:3: invalid value"},
    };
    for (const auto& c : cases) {
        const std::string err = firstError(c.in, c.f);
        EXPECT_EQ(err.substr(0, std::string(c.want).size()), c.want) << goQuote(c.in) << " -> " << err;
    }
}

TEST(TextParse, FloatForms) {
    struct Case {
        const char* text;
        bool ok;
        double want;
    };
    const Case cases[] = {
        {"1", true, 1},        {"-1.5e3", true, -1500}, {".5", true, 0.5},  {"5.", true, 5},
        {"+Inf", true, INFINITY}, {"-inf", true, -INFINITY}, {"Infinity", true, INFINITY},
        {"1_2", false, 0},     {"0x1p-3", false, 0},     {"", false, 0},     {"1e", false, 0},
        {"true", false, 0},    {"1e999", false, 0},      {"--1", false, 0},  {"+NaN", false, 0},
    };
    for (const auto& c : cases) {
        double v = 0;
        EXPECT_EQ(parseExpositionFloat(c.text, &v), c.ok) << c.text;
        if (c.ok) { EXPECT_EQ(v, c.want) << c.text; }
    }
    double nan;
    ASSERT_TRUE(parseExpositionFloat("NaN", &nan));
    EXPECT_TRUE(std::isnan(nan));
}

TEST(TextParse, GoFloatFormatting) {
    struct Case {
        double v;
        const char* go;
        const char* om;
    };
    const Case cases[] = {
        {0, "0", "0.0"},           {1, "1", "1.0"},        {0.25, "0.25", "0.25"},
        {1e6, "1e+06", "1e+06"},   {123456, "123456", "123456.0"}, {1e-5, "1e-05", "1e-05"},
        {0.0001, "0.0001", "0.0001"}, {-2.5, "-2.5", "-2.5"}, {INFINITY, "+Inf", "+Inf"},
        {1.7268398149821382e+09, "1.7268398149821382e+09", "1.7268398149821382e+09"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(formatGoFloat(c.v), c.go) << c.v;
        EXPECT_EQ(formatOpenMetricsFloat(c.v), c.om) << c.v;
    }
}

}  // namespace
}  // namespace pharos::tsdb
