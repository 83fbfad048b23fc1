// Importer: format detection, transactions per file, --skip-invalid, promtool dump input and
// the round trip through a reopened DB.
#include "pharos/tsdb/importer.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

namespace pharos::tsdb {
namespace {

namespace fs = std::filesystem;

class ImporterTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("pharos_import_test_" + std::to_string(::getpid()) + "_" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        auto db = DB::open(dir_.string());
        ASSERT_TRUE(db.ok());
        db_ = std::move(*db);
    }
    void TearDown() override {
        db_.reset();
        fs::remove_all(dir_);
    }
    size_t count(const char* metric) {
        auto q = db_->querier();
        auto set = q->select(std::vector<Matcher>{*Matcher::make(MatchType::Equal, "__name__", metric)},
                             INT64_MIN, INT64_MAX);
        size_t n = 0;
        while (set->next()) {
            auto it = set->iterator();
            while (it.next()) ++n;
        }
        return n;
    }
    fs::path dir_;
    std::unique_ptr<DB> db_;
};

TEST_F(ImporterTest, DetectsFormats) {
    EXPECT_EQ(detectFormat("a 1\n# EOF\n"), ExpositionFormat::OpenMetrics);
    EXPECT_EQ(detectFormat("a 1\n# EOF"), ExpositionFormat::OpenMetrics);
    EXPECT_EQ(detectFormat("a 1\n"), ExpositionFormat::PromText);
    EXPECT_EQ(detectFormat("{__name__=\"a\"} 1 1000\n"), ExpositionFormat::PromText);
}

TEST_F(ImporterTest, OpenMetricsWithTimestamps) {
    const char* om =
        "# TYPE c counter\n"
        "c_total{a=\"1\"} 1 1700000000.000\n"
        "c_total{a=\"1\"} 2 1700000015.000\n"
        "c_total{a=\"2\"} 5 1700000000.5\n"
        "# EOF\n";
    auto r = importText(*db_, om, "x.om", {});
    ASSERT_TRUE(r.ok()) << r.status().toString();
    EXPECT_EQ(r->samples, 3u);
    EXPECT_EQ(r->format, ExpositionFormat::OpenMetrics);
    EXPECT_EQ(count("c_total"), 3u);
    EXPECT_EQ(db_->head().stats().minTime, 1700000000000);
}

TEST_F(ImporterTest, BadLineAbortsTheFileWithLocation) {
    const char* text = "a 1 1000\na 2 2000\nb{x=\"y\" 3 3000\n";
    auto r = importText(*db_, text, "in.prom", {});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().toString().substr(0, 13), "in.prom:3:9: ");
    EXPECT_EQ(count("a"), 0u);  // nothing of the file committed
    ImportOptions skip;
    skip.skipInvalid = true;
    auto s = importText(*db_, text, "in.prom", skip);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->samples, 2u);
    EXPECT_EQ(s->skippedLines, 1u);
    ASSERT_EQ(s->firstErrors.size(), 1u);
    EXPECT_EQ(s->firstErrors[0].substr(0, 12), "in.prom:3:9:");
    EXPECT_EQ(count("a"), 2u);
}

TEST_F(ImporterTest, PromtoolDumpOutputAndRejections) {
    const char* dump =
        "{__name__=\"up\", instance=\"a:9090\", job=\"p\"} 1 1700000000000\n"
        "{__name__=\"up\", instance=\"a:9090\", job=\"p\"} 0 1700000015000\n"
        "{__name__=\"up\", instance=\"a:9090\", job=\"p\"} 1 1700000010000\n"  // out of order
        "{__name__=\"up\", instance=\"b:9090\", job=\"p\"} NaN 1700000000000\n";
    auto r = importText(*db_, dump, "dump.txt", {});
    ASSERT_TRUE(r.ok()) << r.status().toString();
    EXPECT_EQ(r->samples, 3u);
    EXPECT_EQ(r->rejectedSamples, 1u);
    EXPECT_EQ(count("up"), 3u);
    auto q = db_->querier();
    EXPECT_EQ(*q->labelValues("instance", {}), (std::vector<std::string>{"a:9090", "b:9090"}));
}

TEST_F(ImporterTest, SurvivesReopenAfterCheckpoint) {
    std::string text;
    for (int i = 0; i < 1000; ++i) {
        text += "g{k=\"v\"} " + std::to_string(i % 17) + " " + std::to_string(1700000000000 + i * 15000) + "\n";
    }
    ASSERT_TRUE(importText(*db_, text, "g.prom", {}).ok());
    ASSERT_TRUE(db_->checkpoint().ok());
    db_.reset();
    auto db = DB::open(dir_.string());
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    EXPECT_EQ(count("g"), 1000u);
    EXPECT_LT(db_->stats().diskBytes(), 1000u);  // well under a byte per sample
}

TEST_F(ImporterTest, SeriesMajorHistogramBackfillLoads) {
    // Bucket by bucket over time, as backfill generators write it: not valid strict
    // OpenMetrics (metric points interleave), but promtool imports it and so do we.
    const char* om =
        "# TYPE h histogram\n"
        "h_bucket{le=\"1\"} 1 100.000\n"
        "h_bucket{le=\"1\"} 2 115.000\n"
        "h_bucket{le=\"+Inf\"} 3 100.000\n"
        "h_bucket{le=\"+Inf\"} 4 115.000\n"
        "h_count 3 100.000\n"
        "h_count 4 115.000\n"
        "# EOF\n";
    ExpositionParser strict(om, ExpositionFormat::OpenMetrics);
    Status err;
    while (true) {
        auto e = strict.next();
        if (!e.ok()) {
            err = e.status();
            break;
        }
        if (*e == ExpositionParser::Entry::End) break;
    }
    EXPECT_FALSE(err.ok());  // the strict parser (conformance) rejects it
    auto r = importText(*db_, om, "h.om", {});
    ASSERT_TRUE(r.ok()) << r.status().toString();
    EXPECT_EQ(r->samples, 6u);
    EXPECT_EQ(count("h_bucket"), 4u);
}

}  // namespace
}  // namespace pharos::tsdb
