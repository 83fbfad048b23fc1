// Head series garbage collection: series left without samples after a block cut leave the
// head (series map, hash index, postings) but stay queryable from the blocks; refs are never
// reused (also across a reopen); appenders holding removed series re-create them at commit;
// removed series are freed only after the readers that could see them are done.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "pharos/tsdb/db.h"
#include "pharos/tsdb/head.h"
#include "temp_dir_test.h"

namespace pharos::tsdb {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kStep = 15'000;

class HeadGcTest : public test_support::TempDirTest {
protected:
    HeadGcTest() : TempDirTest("pharos_head_gc_test_") {}

    static Labels seriesA() { return Labels{{"__name__", "churn"}, {"pod", "a"}, {"only_a", "x"}}; }
    static Labels seriesB() { return Labels{{"__name__", "churn"}, {"pod", "b"}}; }

    // A in [0, 2h), B in [2h, 5h): a compaction cuts [0, 2h) and leaves A without samples.
    static void fillChurn(DB& db) {
        auto app = db.appender();
        for (int64_t t = 0; t < 2 * kHourMs; t += kStep) {
            ASSERT_TRUE(app->append(seriesA(), t, double(t / kStep)).ok());
        }
        ASSERT_TRUE(app->commit().ok());
        for (int64_t t = 2 * kHourMs; t < 5 * kHourMs; t += kStep) {
            ASSERT_TRUE(app->append(seriesB(), t, double(t / kStep)).ok());
        }
        ASSERT_TRUE(app->commit().ok());
    }

    static size_t countSamples(Querier& q, const Labels& l) {
        std::vector<Matcher> ms;
        for (const auto& x : l) ms.push_back(*Matcher::make(MatchType::Equal, x.name, x.value));
        auto set = q.select(ms, INT64_MIN, INT64_MAX);
        EXPECT_TRUE(set.ok());
        size_t n = 0;
        while (set->next()) {
            EXPECT_EQ(set->labels(), l);
            auto it = set->iterator();
            while (it.next()) {
                EXPECT_EQ(it.v(), double(it.t() / kStep));
                ++n;
            }
        }
        return n;
    }

    static std::vector<std::string> values(Querier& q, std::string_view name) {
        auto v = q.labelValues(name, {});
        EXPECT_TRUE(v.ok());
        return v.ok() ? *v : std::vector<std::string>{};
    }

};

TEST_F(HeadGcTest, ChurnedSeriesLeavesHeadButStaysInBlock) {
    auto db = DB::open(dir_.string());
    ASSERT_TRUE(db.ok()) << db.status().toString();
    fillChurn(**db);
    Head& head = (*db)->head();
    EXPECT_EQ(head.stats().series, 2u);
    const std::vector<Matcher> onlyA{*Matcher::make(MatchType::Equal, "only_a", "x")};
    ASSERT_EQ(head.postingsFor(onlyA).size(), 1u);
    const SeriesRef refA = head.postingsFor(onlyA)[0];

    auto res = (*db)->compact();
    ASSERT_TRUE(res.ok()) << res.status().toString();
    EXPECT_EQ(res->blocksCut, 1u);

    // Gone from the head: series count, postings (also of the label only A had), ref lookup.
    const HeadStats hs = head.stats();
    EXPECT_EQ(hs.series, 1u);
    EXPECT_EQ(hs.seriesRemoved, 1u);
    EXPECT_TRUE(head.postingsFor(onlyA).empty());
    EXPECT_EQ(head.seriesByRef(refA), nullptr);
    const std::vector<Matcher> byName{*Matcher::make(MatchType::Equal, "__name__", "churn")};
    EXPECT_EQ(head.postingsFor(byName).size(), 1u);
    EXPECT_EQ(head.postingsFor({}).size(), 1u);
    auto hq = head.querier();
    EXPECT_EQ(values(*hq, "pod"), std::vector<std::string>{"b"});
    EXPECT_TRUE(values(*hq, "only_a").empty());
    auto names = hq->labelNames({});
    ASSERT_TRUE(names.ok());
    EXPECT_EQ(*names, (std::vector<std::string>{"__name__", "pod"}));

    // Still there through the DB (the block).
    auto q = (*db)->querier();
    EXPECT_EQ(countSamples(*q, seriesA()), size_t(2 * kHourMs / kStep));
    EXPECT_EQ(countSamples(*q, seriesB()), size_t(3 * kHourMs / kStep));
    EXPECT_EQ(values(*q, "pod"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(values(*q, "only_a"), std::vector<std::string>{"x"});
    auto counts = q->labelValueCounts("pod", {});
    ASSERT_TRUE(counts.ok());
    ASSERT_EQ(counts->size(), 2u);
    EXPECT_EQ((*counts)[0].value, "a");
    EXPECT_EQ((*counts)[0].series, 1u);

    // The ref of the removed series is unknown now; appending by labels creates a new series.
    auto app = (*db)->appender();
    EXPECT_EQ(app->appendRef(refA, 5 * kHourMs, 1).code(), StatusCode::NotFound);
    auto again = app->append(seriesA(), 5 * kHourMs, double(5 * kHourMs / kStep));
    ASSERT_TRUE(again.ok());
    EXPECT_GT(*again, refA);
    ASSERT_TRUE(app->commit().ok());
    EXPECT_EQ(head.stats().series, 2u);
    EXPECT_EQ(countSamples(*q, seriesA()), size_t(2 * kHourMs / kStep) + 1);
}

TEST_F(HeadGcTest, ReopenAfterCheckpointKeepsRefsUniqueAndDropsRemovedSeries) {
    SeriesRef refA = 0, refB = 0;
    {
        auto db = DB::open(dir_.string());
        ASSERT_TRUE(db.ok());
        fillChurn(**db);
        const std::vector<Matcher> onlyA{*Matcher::make(MatchType::Equal, "only_a", "x")};
        refA = (*db)->head().postingsFor(onlyA)[0];
        const std::vector<Matcher> podB{*Matcher::make(MatchType::Equal, "pod", "b")};
        refB = (*db)->head().postingsFor(podB)[0];
        ASSERT_TRUE((*db)->compact().ok());  // cut, gc, checkpoint
        ASSERT_EQ((*db)->head().stats().series, 1u);
        ASSERT_TRUE((*db)->close().ok());
    }
    // The checkpoint is version 2 and holds B only (A's WAL records went with the segments).
    {
        std::ifstream in(dir_ / "checkpoint", std::ios::binary);
        std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        ASSERT_GE(data.size(), 24u);
        EXPECT_EQ(data.substr(0, 4), "PCKP");
        EXPECT_EQ(data[4], 2);
        EXPECT_EQ(data.find("only_a"), std::string::npos);
        EXPECT_NE(data.find("churn"), std::string::npos);
    }
    auto db = DB::open(dir_.string());
    ASSERT_TRUE(db.ok()) << db.status().toString();
    EXPECT_EQ((*db)->checkpointSeriesLoaded(), 1u);
    EXPECT_EQ((*db)->head().stats().series, 1u);
    EXPECT_EQ((*db)->head().nextRef(), std::max(refA, refB) + 1);
    auto q = (*db)->querier();
    EXPECT_EQ(countSamples(*q, seriesA()), size_t(2 * kHourMs / kStep));
    EXPECT_EQ(countSamples(*q, seriesB()), size_t(3 * kHourMs / kStep));
    // A new series never gets A's ref (A had the larger ref? either way: above both).
    auto app = (*db)->appender();
    auto c = app->append(Labels{{"__name__", "churn"}, {"pod", "c"}}, 5 * kHourMs, 1);
    ASSERT_TRUE(c.ok());
    EXPECT_GT(*c, refA);
    EXPECT_GT(*c, refB);
    ASSERT_TRUE(app->commit().ok());
    app.reset();  // the appender and the querier must not outlive the DB they came from
    q.reset();
    ASSERT_TRUE((*db)->close().ok());
    // ... and that survives the WAL replay too.
    db = DB::open(dir_.string());
    ASSERT_TRUE(db.ok());
    EXPECT_EQ((*db)->head().stats().series, 2u);
    EXPECT_EQ((*db)->head().nextRef(), *c + 1);
}

TEST_F(HeadGcTest, VersionOneCheckpointIsStillRead) {
    {
        auto db = DB::open(dir_.string());
        ASSERT_TRUE(db.ok());
        auto app = (*db)->appender();
        for (int64_t t = 0; t < 100 * kStep; t += kStep) ASSERT_TRUE(app->append(seriesB(), t, double(t / kStep)).ok());
        ASSERT_TRUE(app->commit().ok());
        ASSERT_TRUE((*db)->checkpoint().ok());
        ASSERT_TRUE((*db)->close().ok());
    }
    // Rewrite the checkpoint as version 1: no nextRef field.
    std::string data;
    {
        std::ifstream in(dir_ / "checkpoint", std::ios::binary);
        data.assign((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    }
    ASSERT_EQ(data[4], 2);
    data[4] = 1;
    data.erase(16, 8);
    {
        std::ofstream out(dir_ / "checkpoint", std::ios::binary | std::ios::trunc);
        out << data;
    }
    auto db = DB::open(dir_.string());
    ASSERT_TRUE(db.ok()) << db.status().toString();
    EXPECT_TRUE((*db)->openReport().checkpointCorruption.empty()) << (*db)->openReport().checkpointCorruption;
    EXPECT_EQ((*db)->checkpointSeriesLoaded(), 1u);
    auto q = (*db)->querier();
    EXPECT_EQ(countSamples(*q, seriesB()), 100u);
    q.reset();
    // An unknown version is refused with a clear message (and reported, the DB still opens).
    ASSERT_TRUE((*db)->close().ok());
    data[4] = 9;
    {
        std::ofstream out(dir_ / "checkpoint", std::ios::binary | std::ios::trunc);
        out << data;
    }
    db = DB::open(dir_.string());
    ASSERT_TRUE(db.ok());
    EXPECT_NE((*db)->openReport().checkpointCorruption.find("unsupported version 9"), std::string::npos)
        << (*db)->openReport().checkpointCorruption;
}

// Records what an appender logs, to check the order of series and sample records.
class RecordingLog : public CommitLog {
public:
    Status logSeries(std::span<const SeriesRecord> series) override {
        for (const auto& s : series) seriesRefs.push_back(s.ref);
        return {};
    }
    Status logSamples(std::span<const SampleRecord> samples) override {
        for (const auto& s : samples) {
            // Every sample refers to a series logged before it.
            EXPECT_NE(std::find(seriesRefs.begin(), seriesRefs.end(), s.ref), seriesRefs.end()) << s.ref;
            sampleRefs.push_back(s.ref);
        }
        return {};
    }
    std::vector<SeriesRef> seriesRefs, sampleRefs;
};

TEST(HeadGc, PendingSamplesOfARemovedSeriesAreCommittedToARecreatedSeries) {
    Head head;
    RecordingLog log;
    head.setCommitLog(&log);
    const Labels a{{"__name__", "m"}, {"k", "a"}};
    const Labels b{{"__name__", "m"}, {"k", "b"}};
    auto app = head.appender();
    ASSERT_TRUE(app->append(a, 1000, 1).ok());
    ASSERT_TRUE(app->commit().ok());
    const SeriesRef oldRef = log.seriesRefs.at(0);
    ASSERT_EQ(log.sampleRefs.size(), 1u);
    log.sampleRefs.clear();

    auto late = head.appender();
    ASSERT_TRUE(late->append(a, 5000, 5).ok());  // buffered, A still has its old sample
    ASSERT_TRUE(late->append(b, 5000, 7).ok());  // a new series, not committed yet
    head.setMinValidTime(2000);
    EXPECT_EQ(head.truncate(2000), 2u);  // A (emptied) and B (no sample committed yet)
    EXPECT_EQ(head.stats().series, 0u);
    EXPECT_EQ(head.pendingReclaim(), 2u);  // `late` still points at them

    ASSERT_TRUE(late->commit().ok());
    EXPECT_EQ(head.pendingReclaim(), 0u);
    const HeadStats st = head.stats();
    EXPECT_EQ(st.series, 2u);
    EXPECT_EQ(st.samples, 2u);
    auto q = head.querier();
    auto set = q->select({}, INT64_MIN, INT64_MAX);
    ASSERT_TRUE(set.ok());
    std::vector<std::pair<Labels, double>> got;
    while (set->next()) {
        auto it = set->iterator();
        while (it.next()) got.emplace_back(set->labels(), it.v());
    }
    EXPECT_EQ(got, (std::vector<std::pair<Labels, double>>{{a, 5}, {b, 7}}));
    // A got a new ref, logged before its sample; no ref was handed out twice.
    ASSERT_EQ(log.sampleRefs.size(), 2u);
    for (SeriesRef r : log.sampleRefs) EXPECT_NE(r, oldRef);
    std::vector<SeriesRef> sorted = log.seriesRefs;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(std::unique(sorted.begin(), sorted.end()), sorted.end());
}

TEST(HeadGc, PinnedReadersKeepRemovedSeriesAlive) {
    Head head;
    const Labels a{{"__name__", "m"}, {"k", "a"}};
    auto app = head.appender();
    ASSERT_TRUE(app->append(a, 1000, 1).ok());
    ASSERT_TRUE(app->commit().ok());
    SeriesPin pin = head.pinSeries();
    const SeriesRef ref = head.postingsFor({})[0];
    const MemSeries* s = head.seriesByRef(ref);
    ASSERT_NE(s, nullptr);
    head.setMinValidTime(2000);
    EXPECT_EQ(head.truncate(2000), 1u);
    EXPECT_EQ(head.seriesByRef(ref), nullptr);
    EXPECT_EQ(head.pendingReclaim(), 1u);
    EXPECT_EQ(s->labels, a);  // still valid memory while pinned
    {
        SeriesPin later = head.pinSeries();  // taken after the removal: does not hold it
        EXPECT_EQ(head.pendingReclaim(), 1u);
    }
    pin.release();
    EXPECT_EQ(head.pendingReclaim(), 0u);
    EXPECT_EQ(head.gc(), 0u);  // nothing left to remove
}

// One writer appending churning series (each lives 2 h), a maintenance thread compacting,
// and readers selecting and listing label values all the time.
TEST_F(HeadGcTest, ConcurrentReadersWhileChurnAndGc) {
    DBOptions opts;
    opts.blockRangesMs = {2 * kHourMs};
    auto opened = DB::open(dir_.string(), opts);
    ASSERT_TRUE(opened.ok());
    DB& db = **opened;
    constexpr int kGenerations = 12;  // 24 h
    constexpr int kPerGen = 20;
    constexpr int64_t kGenMs = 2 * kHourMs;
    constexpr int64_t kStepLong = 60'000;
    std::atomic<bool> done{false};
    std::atomic<int> readerErrors{0};
    std::atomic<uint64_t> reads{0};
    auto reader = [&] {
        const std::vector<Matcher> churn{*Matcher::make(MatchType::Equal, "__name__", "churn")};
        while (!done.load()) {
            auto q = db.querier();
            auto set = q->select(churn, INT64_MIN, INT64_MAX);
            if (!set.ok()) {
                ++readerErrors;
                continue;
            }
            while (set->next()) {
                const int gen = std::stoi(std::string(set->labels().get("gen")));
                auto it = set->iterator();
                int64_t prev = INT64_MIN;
                while (it.next()) {
                    // Each series only has samples inside its generation, value = minute.
                    if (it.t() <= prev || it.t() / kGenMs != gen || it.v() != double(it.t() / kStepLong)) {
                        ++readerErrors;
                    }
                    prev = it.t();
                }
                if (!it.err().ok()) ++readerErrors;
            }
            auto vals = q->labelValues("pod", {});
            auto counts = q->labelValueCounts("gen", {});
            auto hq = db.head().querier();
            auto hv = hq->labelValueCounts("pod", {});
            if (!vals.ok() || !counts.ok() || !hv.ok()) ++readerErrors;
            for (const auto& c : hv.ok() ? *hv : std::vector<LabelValueCount>{}) {
                if (c.value.empty() || c.value[0] != 'p') ++readerErrors;  // freed memory would show here
            }
            ++reads;
        }
    };
    std::atomic<int> maintErrors{0};
    auto maint = [&] {
        while (!done.load()) {
            if (!db.compact().ok()) ++maintErrors;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    };
    std::thread r1(reader), r2(reader), m(maint);
    {
        auto app = db.appender();
        for (int g = 0; g < kGenerations; ++g) {
            for (int64_t t = g * kGenMs; t < (g + 1) * kGenMs; t += kStepLong) {
                for (int i = 0; i < kPerGen; ++i) {
                    Labels l{{"__name__", "churn"}, {"gen", std::to_string(g)}, {"pod", "p" + std::to_string(g * kPerGen + i)}};
                    auto r = app->append(l, t, double(t / kStepLong));
                    // Out of bounds only if a cut overtook the writer (it keeps 1.5 ranges).
                    ASSERT_TRUE(r.ok()) << r.status().toString();
                }
                ASSERT_TRUE(app->commit().ok());
            }
        }
    }
    while (reads.load() < 20) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    done = true;
    r1.join();
    r2.join();
    m.join();
    EXPECT_EQ(readerErrors.load(), 0);
    EXPECT_EQ(maintErrors.load(), 0);
    ASSERT_TRUE(db.compact().ok());
    const HeadStats hs = db.head().stats();
    // Only the generations the head still holds are left; the others were collected.
    EXPECT_LE(hs.series, size_t(2 * kPerGen));
    EXPECT_GE(hs.seriesRemoved, uint64_t((kGenerations - 2) * kPerGen));
    EXPECT_EQ(hs.series + hs.seriesRemoved, hs.seriesCreated);
    // Every sample is there, from the blocks or the head.
    auto q = db.querier();
    auto set = q->select({}, INT64_MIN, INT64_MAX);
    ASSERT_TRUE(set.ok());
    size_t series = 0, samples = 0;
    while (set->next()) {
        ++series;
        auto it = set->iterator();
        while (it.next()) ++samples;
    }
    EXPECT_EQ(series, size_t(kGenerations * kPerGen));
    EXPECT_EQ(samples, size_t(kGenerations * kPerGen) * size_t(kGenMs / kStepLong));
}

}  // namespace
}  // namespace pharos::tsdb
