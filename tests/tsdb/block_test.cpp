// Blocks: writing and reading back, cutting the head, querying head + blocks, leveled
// compaction, retention, tombstones, and the crash windows between those steps.
#include "pharos/tsdb/block.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <map>

#include "pharos/tsdb/db.h"
#include "temp_dir_test.h"

namespace pharos::tsdb {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kStep = 15'000;  // 15 s

class BlockTest : public test_support::TempDirTest {
protected:
    BlockTest() : TempDirTest("pharos_block_test_") {}

    static Labels series(int i) {
        return Labels{{"__name__", i % 2 ? "odd" : "even"}, {"i", std::to_string(i)}};
    }
    static double value(int i, int64_t t) { return double(t / kStep) * 0.5 + i; }

    // Samples at t = from, from + kStep, ... < to for `count` series; one commit per step.
    static void fill(DB& db, int count, int64_t from, int64_t to) {
        auto app = db.appender();
        for (int64_t t = from; t < to; t += kStep) {
            for (int i = 0; i < count; ++i) ASSERT_TRUE(app->append(series(i), t, value(i, t)).ok());
            ASSERT_TRUE(app->commit().ok());
        }
    }

    // Checks every sample's value and strictly increasing timestamps; returns samples per series.
    static std::map<int, size_t> read(DB& db, int64_t mint = INT64_MIN, int64_t maxt = INT64_MAX) {
        std::map<int, size_t> out;
        auto q = db.querier();
        auto set = q->select({}, mint, maxt);
        EXPECT_TRUE(set.ok()) << set.status().toString();
        if (!set.ok()) return out;
        while (set->next()) {
            const int i = std::stoi(std::string(set->labels().get("i")));
            auto it = set->iterator();
            int64_t prev = INT64_MIN;
            size_t n = 0;
            while (it.next()) {
                EXPECT_GT(it.t(), prev);
                EXPECT_EQ(it.v(), value(i, it.t())) << "series " << i << " t " << it.t();
                prev = it.t();
                ++n;
            }
            EXPECT_TRUE(it.err().ok()) << it.err().toString();
            out[i] = n;
        }
        return out;
    }
    static size_t total(const std::map<int, size_t>& m) {
        size_t n = 0;
        for (const auto& [i, c] : m) n += c;
        return n;
    }

};

TEST_F(BlockTest, WriteAndReadBack) {
    fs::create_directories(dir_);
    BlockMeta meta;
    meta.id = newBlockId(0, 1);
    meta.minTime = 0;
    meta.maxTime = 1'000'000;
    std::vector<BlockSeriesInput> in(50);
    for (int s = 0; s < 50; ++s) {
        in[size_t(s)].labels = Labels{{"__name__", "m"}, {"s", std::to_string(1000 + s)}, {"z", s % 3 ? "a" : "b"}};
        for (int k = 0; k < 600; ++k) {
            in[size_t(s)].t.push_back(k * 1000 + s);
            in[size_t(s)].v.push_back(k % 7 == 0 ? staleNaN() : std::sin(k * 0.1) * s);
        }
    }
    size_t next = 0;
    BlockWriteOptions wo;
    wo.pageBytes = 4096;  // several pages
    auto written = writeBlock(dir_.string(), meta, [&](BlockSeriesInput* out) -> Result<bool> {
        if (next == in.size()) return false;
        *out = in[next++];
        return true;
    }, wo);
    ASSERT_TRUE(written.ok()) << written.status().toString();
    EXPECT_EQ(written->numSeries, 50u);
    EXPECT_EQ(written->numSamples, 30000u);
    EXPECT_EQ(written->numChunks, 150u);  // 600 samples / 240 per chunk -> 3 each
    EXPECT_FALSE(fs::exists(dir_ / (meta.id + ".tmp")));

    auto b = Block::open((dir_ / meta.id).string());
    ASSERT_TRUE(b.ok()) << b.status().toString();
    EXPECT_EQ((*b)->meta().numSamples, 30000u);
    EXPECT_TRUE((*b)->verify().ok());
    std::vector<Matcher> ms{*Matcher::make(MatchType::Equal, "z", "b")};
    const auto ids = (*b)->postingsFor(ms);
    EXPECT_EQ(ids.size(), 17u);  // s % 3 == 0 for s in 0..49
    for (uint32_t idx = 0; idx < (*b)->numSeries(); ++idx) {
        const int s = std::stoi(std::string((*b)->seriesLabels(idx).get("s"))) - 1000;
        std::vector<ChunkSnapshot> cs;
        ASSERT_TRUE((*b)->chunks(idx, 100'000, 200'000, &cs).ok());
        EXPECT_EQ(cs.size(), 1u);
        cs.clear();
        ASSERT_TRUE((*b)->chunks(idx, INT64_MIN, INT64_MAX, &cs).ok());
        SeriesIterator it(cs, {}, INT64_MIN, INT64_MAX);
        for (int k = 0; k < 600; ++k) {
            ASSERT_TRUE(it.next());
            ASSERT_EQ(it.t(), k * 1000 + s);
            const double want = in[size_t(s)].v[size_t(k)];
            ASSERT_EQ(std::bit_cast<uint64_t>(it.v()), std::bit_cast<uint64_t>(want));
        }
        EXPECT_FALSE(it.next());
    }
    // Writer input checks.
    meta.id = newBlockId(0, 1);
    bool once = false;
    auto bad = writeBlock(dir_.string(), meta, [&](BlockSeriesInput* out) -> Result<bool> {
        if (once) return false;
        once = true;
        out->labels = Labels{{"a", "b"}};
        out->t = {5, 5};
        out->v = {1, 2};
        return true;
    });
    EXPECT_FALSE(bad.ok());
    EXPECT_FALSE(fs::exists(dir_ / meta.id));
}

TEST_F(BlockTest, CutHeadQueryAndReopen) {
    DBOptions o;
    {
        auto db = DB::open(dir_.string(), o);
        ASSERT_TRUE(db.ok());
        fill(**db, 6, 0, 7 * kHourMs);  // 1680 samples per series
        auto res = (*db)->compact();
        ASSERT_TRUE(res.ok()) << res.status().toString();
        // Head spans 7 h: [0,2h), [2h,4h) and [4h,6h) are cut, the newest half range stays.
        EXPECT_EQ(res->blocksCut, 2u);
        const auto st = (*db)->stats();
        EXPECT_EQ(st.samples, 6u * 1680u);
        EXPECT_EQ(st.blocks, 2u);
        EXPECT_EQ(st.blockSamples, 6u * 960u);
        EXPECT_EQ((*db)->head().stats().samples, 6u * 720u);
        EXPECT_LT(st.walBytes, 1024u);  // the checkpoint after the cut covers the WAL
        const auto got = read(**db);
        EXPECT_EQ(total(got), 6u * 1680u);
        EXPECT_EQ(read(**db, kHourMs, 5 * kHourMs - 1).at(3), 4u * 240u);
        // Older than the newest block: out of bounds.
        auto app = (*db)->appender();
        auto r = app->append(series(0), kHourMs, 1);
        ASSERT_FALSE(r.ok());
        EXPECT_NE(r.status().message().find("out of bounds"), std::string::npos);
        // Label queries see block-only series too.
        EXPECT_EQ(*(*db)->querier()->labelValues("__name__", {}), (std::vector<std::string>{"even", "odd"}));
    }
    auto db = DB::open(dir_.string(), o);
    ASSERT_TRUE(db.ok()) << db.status().toString();
    EXPECT_TRUE((*db)->openReport().corruptBlocks.empty());
    EXPECT_EQ(total(read(**db)), 6u * 1680u);
    // Flushing the head leaves everything in blocks.
    auto res = (*db)->compact(/*flushHead=*/true);
    ASSERT_TRUE(res.ok());
    EXPECT_EQ((*db)->head().stats().samples, 0u);
    EXPECT_EQ(total(read(**db)), 6u * 1680u);
}

TEST_F(BlockTest, CrashBetweenBlockAndCheckpointLosesAndDuplicatesNothing) {
    DBOptions o;
    {
        auto db = DB::open(dir_.string(), o);
        fill(**db, 4, 0, 5 * kHourMs);
    }
    // Keep the WAL as it was before the cut, then cut, then put the old WAL back: this is
    // what a crash right after the block rename leaves.
    fs::copy(dir_ / "wal", dir_ / "wal.before", fs::copy_options::recursive);
    {
        auto db = DB::open(dir_.string(), o);
        auto res = (*db)->compact();
        ASSERT_TRUE(res.ok());
        ASSERT_GE(res->blocksCut, 1u);
    }
    fs::remove_all(dir_ / "wal");
    fs::remove(dir_ / "checkpoint");
    fs::rename(dir_ / "wal.before", dir_ / "wal");
    auto db = DB::open(dir_.string(), o);
    ASSERT_TRUE(db.ok()) << db.status().toString();
    EXPECT_EQ((*db)->replayReport().samplesRejected, 0u);
    const auto got = read(**db);
    EXPECT_EQ(total(got), 4u * 1200u);
    EXPECT_EQ((*db)->stats().samples, 4u * 1200u);
}

TEST_F(BlockTest, LeveledCompactionAndCrashLeftovers) {
    DBOptions o;
    o.blockRangesMs = {2 * kHourMs, 6 * kHourMs, 24 * kHourMs};
    auto db = DB::open(dir_.string(), o);
    ASSERT_TRUE(db.ok());
    fill(**db, 5, 0, 26 * kHourMs);
    // Cut only: compaction levels off.
    ASSERT_TRUE((*db)->compact().ok());
    auto blocks = (*db)->blocks();
    uint32_t maxLevel = 0;
    for (const auto& b : blocks) maxLevel = std::max(maxLevel, b->meta().level);
    EXPECT_EQ(maxLevel, 3u);  // 4 x 6 h -> one 24 h block
    int64_t prevEnd = INT64_MIN;
    for (const auto& b : blocks) {
        EXPECT_GE(b->meta().minTime, prevEnd) << "blocks overlap";
        prevEnd = b->meta().maxTime;
    }
    EXPECT_EQ(blocks.front()->meta().minTime, 0);
    EXPECT_EQ(blocks.front()->meta().maxTime, 24 * kHourMs);
    EXPECT_EQ(total(read(**db)), 5u * 26u * 240u);
    // Only the blocks are left on disk.
    size_t dirs = 0;
    for (const auto& e : fs::directory_iterator(dir_ / "blocks")) {
        (void)e;
        ++dirs;
    }
    EXPECT_EQ(dirs, blocks.size());

    // A crash after a compaction wrote its block but before it removed the sources: the
    // sources are found again at open and removed.
    const auto first = blocks.front();
    ASSERT_FALSE(first->meta().sources.empty());
    db->reset();
    fs::create_directories(dir_ / "blocks" / first->meta().sources.front());
    fs::copy(dir_ / "blocks" / first->meta().id, dir_ / "blocks" / first->meta().sources.front(),
             fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    fs::create_directories(dir_ / "blocks" / "bdeadbeef.tmp");
    db = DB::open(dir_.string(), o);
    ASSERT_TRUE(db.ok());
    EXPECT_EQ((*db)->openReport().removedBlocks, 2u);
    EXPECT_EQ(total(read(**db)), 5u * 26u * 240u);
}

TEST_F(BlockTest, RetentionByTimeAndSize) {
    DBOptions o;
    o.blockRangesMs = {2 * kHourMs};
    o.retentionMs = 5 * kHourMs;
    auto db = DB::open(dir_.string(), o);
    fill(**db, 3, 0, 12 * kHourMs);
    ASSERT_TRUE((*db)->compact().ok());
    // Newest sample at ~12 h; blocks ending at or before ~7 h are gone.
    for (const auto& b : (*db)->blocks()) EXPECT_GT(b->meta().maxTime, 7 * kHourMs - kStep);
    const auto got = read(**db);
    EXPECT_LT(total(got), 3u * 12u * 240u);
    EXPECT_GE(total(got), 3u * 5u * 240u);
    db->reset();

    DBOptions s;
    s.blockRangesMs = {2 * kHourMs};
    db = DB::open(dir_.string(), s);
    const size_t before = (*db)->blocks().size();
    ASSERT_GE(before, 2u);
    const uint64_t bytes = (*db)->stats().diskBytes();
    db->reset();
    s.retentionBytes = bytes - 1;  // one block too many
    db = DB::open(dir_.string(), s);
    ASSERT_TRUE((*db)->compact().ok());
    EXPECT_EQ((*db)->blocks().size(), before - 1);
    EXPECT_LE((*db)->stats().diskBytes(), s.retentionBytes);
}

TEST_F(BlockTest, DeleteSeriesWithTombstones) {
    DBOptions o;
    {
        auto db = DB::open(dir_.string(), o);
        fill(**db, 4, 0, 10 * kHourMs);
        ASSERT_TRUE((*db)->compact().ok());
        ASSERT_GE((*db)->blocks().size(), 2u);
        // Delete series 1 from 1 h to 9 h: crosses blocks and the head.
        std::vector<Matcher> ms{*Matcher::make(MatchType::Equal, "i", "1")};
        ASSERT_TRUE((*db)->deleteSeries(ms, kHourMs, 9 * kHourMs).ok());
        auto got = read(**db);
        EXPECT_EQ(got.at(1), 10u * 240u - (8u * 240u + 1u));
        EXPECT_EQ(got.at(0), 10u * 240u);
        EXPECT_EQ(got.at(2), 10u * 240u);
        // Delete everything of series 3.
        std::vector<Matcher> all3{*Matcher::make(MatchType::Equal, "i", "3")};
        ASSERT_TRUE((*db)->deleteSeries(all3, INT64_MIN, INT64_MAX).ok());
        EXPECT_EQ(read(**db).count(3), 0u);
    }
    // Tombstones (blocks) and the WAL deletion record (head) survive a reopen.
    auto db = DB::open(dir_.string(), o);
    ASSERT_TRUE(db.ok());
    auto got = read(**db);
    EXPECT_EQ(got.at(1), 10u * 240u - (8u * 240u + 1u));
    EXPECT_EQ(got.count(3), 0u);
    EXPECT_EQ(got.at(0), 10u * 240u);
    // Compaction of the blocks applies the tombstones.
    db->reset();
    o.blockRangesMs = {2 * kHourMs, 4 * kHourMs};
    db = DB::open(dir_.string(), o);
    ASSERT_TRUE((*db)->compact(/*flushHead=*/true).ok());
    for (const auto& b : (*db)->blocks()) {
        EXPECT_FALSE(b->hasTombstones()) << b->meta().id << " " << b->meta().minTime << ".." << b->meta().maxTime;
    }
    got = read(**db);
    EXPECT_EQ(got.at(1), 10u * 240u - (8u * 240u + 1u));
    EXPECT_EQ(got.count(3), 0u);
    EXPECT_EQ((*db)->stats().samples, 3u * 10u * 240u - (8u * 240u + 1u));
}

TEST_F(BlockTest, QueryLimitsCoverBlocks) {
    DBOptions o;
    o.head.maxSamplesPerQuery = 1000;
    auto db = DB::open(dir_.string(), o);
    fill(**db, 2, 0, 5 * kHourMs);
    ASSERT_TRUE((*db)->compact(true).ok());
    ASSERT_EQ((*db)->head().stats().samples, 0u);
    auto q = (*db)->querier();
    auto all = q->select({}, INT64_MIN, INT64_MAX);
    ASSERT_FALSE(all.ok());
    EXPECT_EQ(all.status().code(), StatusCode::ResourceExhausted);
    EXPECT_NE(all.status().message().find("1000 samples"), std::string::npos);
    auto some = q->select({}, 0, kHourMs);
    EXPECT_TRUE(some.ok());
}

}  // namespace
}  // namespace pharos::tsdb
