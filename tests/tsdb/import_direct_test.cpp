// Import straight into blocks (ImportOptions::directToBlocks, DB::addBlocks): the same samples
// as an import through the head, the split with what the head holds, the ordering rules, and
// nothing written for a malformed file.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <map>

#include "pharos/tsdb/db.h"
#include "pharos/tsdb/importer.h"
#include "temp_dir_test.h"

namespace pharos::tsdb {
namespace {

namespace fs = std::filesystem;

using SampleMap = std::map<std::string, std::vector<std::pair<int64_t, double>>>;

class ImportDirectTest : public test_support::TempDirTest {
protected:
    ImportDirectTest() : TempDirTest("pharos_import_direct_test_") {}

    static SampleMap all(DB& db) {
        SampleMap out;
        auto q = db.querier();
        auto set = q->select({}, INT64_MIN, INT64_MAX);
        EXPECT_TRUE(set.ok());
        while (set->next()) {
            auto& v = out[set->labels().toString()];
            auto it = set->iterator();
            while (it.next()) v.emplace_back(it.t(), it.v());
        }
        return out;
    }

    // Two series, 30 h at 60 s (crosses a 24 h window), plus a few lines the head would refuse.
    static std::string file() {
        std::string s = "# TYPE a counter\n";
        const int64_t t0 = 1'700'000'000'000;
        for (int64_t i = 0; i < 30 * 60; ++i) {
            s += "a_total{k=\"x\"} " + std::to_string(i * 3) + " " + std::to_string((t0 + i * 60'000) / 1000) + "\n";
        }
        for (int64_t i = 0; i < 30 * 60; ++i) {
            s += "g{k=\"y\"} " + std::to_string(double(i) / 4) + " " + std::to_string((t0 + i * 60'000) / 1000) + "\n";
            if (i == 10) s += "g{k=\"y\"} 99 " + std::to_string((t0 + 5 * 60'000) / 1000) + "\n";   // out of order
            if (i == 11) s += "g{k=\"y\"} 77 " + std::to_string((t0 + 11 * 60'000) / 1000) + "\n";  // duplicate ts
            if (i == 12) s += "g{k=\"y\"} 3 " + std::to_string((t0 + 12 * 60'000) / 1000) + "\n";   // exact dup
        }
        return s + "# EOF\n";
    }

};

TEST_F(ImportDirectTest, SameSamplesAsThroughTheHeadWithoutHeadOrWal) {
    SampleMap viaHead;
    ImportResult headRes;
    {
        auto db = DB::open((dir_ / "head").string());
        ASSERT_TRUE(db.ok());
        auto r = importText(**db, file(), "f.om", {});
        ASSERT_TRUE(r.ok()) << r.status().toString();
        headRes = *r;
        viaHead = all(**db);
    }
    auto db = DB::open((dir_ / "direct").string());
    ASSERT_TRUE(db.ok());
    ImportOptions io;
    io.directToBlocks = true;
    auto r = importText(**db, file(), "f.om", io);
    ASSERT_TRUE(r.ok()) << r.status().toString();
    EXPECT_EQ(r->samples, 2u * 30 * 60);
    EXPECT_EQ(r->samples, headRes.samples);
    EXPECT_EQ(r->rejectedSamples, 2u);
    EXPECT_EQ(r->rejectedSamples, headRes.rejectedSamples);
    ASSERT_EQ(r->firstErrors.size(), 2u);
    EXPECT_NE(r->firstErrors[0].find("f.om:"), std::string::npos) << r->firstErrors[0];
    EXPECT_NE(r->firstErrors[0].find("out of order sample"), std::string::npos) << r->firstErrors[0];
    EXPECT_NE(r->firstErrors[1].find("duplicate sample for timestamp"), std::string::npos) << r->firstErrors[1];
    // Nothing in the head; one block per 24 h window.
    EXPECT_EQ((*db)->head().stats().samples, 0u);
    // t0 is 22.2 h into a 24 h window: the 30 h cover three windows.
    EXPECT_EQ((*db)->blocks().size(), 3u);
    for (const auto& b : (*db)->blocks()) EXPECT_EQ(b->meta().level, 3u);
    EXPECT_EQ(all(**db), viaHead);
    ASSERT_TRUE((*db)->metadata().get("a").has_value());
    EXPECT_EQ((*db)->metadata().get("a")->type, MetricType::Counter);
    // Compaction has nothing to merge; reopening finds the same.
    auto c = (*db)->compact(true);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->blocksCompacted, 0u);
    ASSERT_TRUE((*db)->close().ok());
    db = DB::open((dir_ / "direct").string());
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(all(**db), viaHead);
    // Appends older than the imported data are out of bounds; newer ones are fine.
    auto app = (*db)->appender();
    EXPECT_FALSE(app->append(Labels{{"__name__", "g"}, {"k", "y"}}, 1'700'000'000'000, 1).ok());
    EXPECT_TRUE(app->append(Labels{{"__name__", "g"}, {"k", "y"}}, 1'700'000'000'000 + 31 * kHourMs, 1).ok());
    EXPECT_TRUE(app->commit().ok());
}

TEST_F(ImportDirectTest, PartAtOrAfterTheHeadsOldestSampleGoesToTheHead) {
    auto db = DB::open(dir_.string());
    ASSERT_TRUE(db.ok());
    const int64_t t0 = 1'700'000'000'000;
    // The head holds a sample 20 h after t0.
    {
        auto app = (*db)->appender();
        ASSERT_TRUE(app->append(Labels{{"__name__", "other"}}, t0 + 20 * kHourMs, 1).ok());
        ASSERT_TRUE(app->commit().ok());
    }
    ImportOptions io;
    io.directToBlocks = true;
    auto r = importText(**db, file(), "f.om", io);
    ASSERT_TRUE(r.ok()) << r.status().toString();
    EXPECT_EQ(r->samples, 2u * 30 * 60);
    const int64_t head0 = t0 + 20 * kHourMs;
    const int64_t bound = head0 / (2 * kHourMs) * (2 * kHourMs);
    const HeadStats hs = (*db)->head().stats();
    // Samples from the aligned bound on are in the head (both series), older ones in blocks.
    uint64_t expectHead = 1;
    for (int64_t i = 0; i < 30 * 60; ++i) expectHead += (t0 + i * 60'000 >= bound) ? 2 : 0;
    EXPECT_EQ(hs.samples, expectHead);
    EXPECT_GE(hs.minTime, bound);
    EXPECT_LT(hs.minTime, bound + 60'000);
    ASSERT_FALSE((*db)->blocks().empty());
    for (const auto& b : (*db)->blocks()) EXPECT_LE(b->meta().maxTime, bound);
    const SampleMap got = all(**db);
    EXPECT_EQ(got.at("a_total{k=\"x\"}").size(), 30u * 60);
    EXPECT_EQ(got.at("g{k=\"y\"}").size(), 30u * 60);
    EXPECT_EQ(got.at("a_total{k=\"x\"}")[1], (std::pair<int64_t, double>{t0 + 60'000, 3}));
    // Compaction keeps everything exactly once.
    ASSERT_TRUE((*db)->compact(true).ok());
    EXPECT_EQ(all(**db), got);
}

TEST_F(ImportDirectTest, MalformedFileWritesNothing) {
    auto db = DB::open(dir_.string());
    ASSERT_TRUE(db.ok());
    ImportOptions io;
    io.directToBlocks = true;
    auto r = importText(**db, "a 1 1700000000\na 2 1700000060\na{ 3 1700000120\n", "bad.prom", io);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().toString().find("bad.prom:3:"), std::string::npos) << r.status().toString();
    EXPECT_TRUE((*db)->blocks().empty());
    EXPECT_TRUE(all(**db).empty());
    // With skipInvalid the good lines land in a block.
    io.skipInvalid = true;
    r = importText(**db, "a 1 1700000000\na 2 1700000060\na{ 3 1700000120\n", "bad.prom", io);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->samples, 2u);
    EXPECT_EQ(r->skippedLines, 1u);
    EXPECT_EQ((*db)->blocks().size(), 1u);
}

}  // namespace
}  // namespace pharos::tsdb
