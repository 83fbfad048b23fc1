// WAL and DB durability: reopen, torn and bit-flipped segments, checkpoints, kill -9 during
// ingestion, write failures (RLIMIT_FSIZE) and the directory lock.
#include "pharos/tsdb/db.h"
#include "temp_dir_test.h"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace pharos::tsdb {
namespace {

namespace fs = std::filesystem;

class WalTest : public test_support::TempDirTest {
protected:
    WalTest() : TempDirTest("pharos_wal_test_") {}

    static Labels series(int i) { return Labels{{"__name__", "m"}, {"i", std::to_string(i)}}; }

    // Appends n samples to each of `count` series, one commit per timestamp.
    static void fill(DB& db, int count, int64_t from, int64_t to) {
        auto app = db.appender();
        for (int64_t t = from; t < to; ++t) {
            for (int i = 0; i < count; ++i) ASSERT_TRUE(app->append(series(i), t * 1000, double(t + i)).ok());
            ASSERT_TRUE(app->commit().ok());
        }
    }

    static size_t countSamples(DB& db) {
        auto q = db.querier();
        auto set = q->select(std::vector<Matcher>{*Matcher::make(MatchType::Equal, "__name__", "m")},
                             INT64_MIN, INT64_MAX);
        size_t n = 0;
        while (set->next()) {
            auto it = set->iterator();
            int64_t prev = INT64_MIN;
            while (it.next()) {
                EXPECT_GT(it.t(), prev);
                prev = it.t();
                EXPECT_EQ(it.v(), double(it.t() / 1000 + std::stoi(std::string(set->labels().get("i")))));
                ++n;
            }
        }
        return n;
    }

    std::vector<fs::path> segments() const {
        std::vector<fs::path> out;
        for (const auto& e : fs::directory_iterator(dir_ / "wal")) out.push_back(e.path());
        std::sort(out.begin(), out.end());
        return out;
    }

};

TEST_F(WalTest, ReopenReplaysEverything) {
    {
        auto db = DB::open(dir_.string());
        ASSERT_TRUE(db.ok()) << db.status().toString();
        fill(**db, 10, 0, 100);
    }
    auto db = DB::open(dir_.string());
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(countSamples(**db), 1000u);
    EXPECT_EQ((*db)->replayReport().samples, 1000u);
    EXPECT_EQ((*db)->replayReport().series, 10u);
    EXPECT_FALSE((*db)->replayReport().corrupted);
    // New appends after replay continue the same series.
    fill(**db, 10, 100, 110);
    EXPECT_EQ((*db)->head().stats().series, 10u);
}

TEST_F(WalTest, TornTailIsTruncatedAndReported) {
    {
        auto db = DB::open(dir_.string());
        fill(**db, 3, 0, 50);
    }
    auto segs = segments();
    ASSERT_FALSE(segs.empty());
    const fs::path last = segs.front();
    const auto size = fs::file_size(last);
    fs::resize_file(last, size - 5);  // cut into the last record
    auto db = DB::open(dir_.string());
    ASSERT_TRUE(db.ok());
    const auto& rep = (*db)->replayReport();
    EXPECT_TRUE(rep.corrupted);
    EXPECT_NE(rep.corruption.find("torn record"), std::string::npos) << rep.corruption;
    EXPECT_GT(rep.truncatedBytes, 0u);
    EXPECT_EQ(countSamples(**db), 49u * 3u);  // only the last commit is lost
    // The repaired log accepts appends and replays cleanly.
    fill(**db, 3, 49, 60);
    db->reset();
    auto again = DB::open(dir_.string());
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE((*again)->replayReport().corrupted);
    EXPECT_EQ(countSamples(**again), 60u * 3u);
}

TEST_F(WalTest, BitFlipDropsTheRestAndKeepsThePrefix) {
    DBOptions o;
    o.wal.segmentBytes = 4096;
    size_t perSegmentPrefix = 0;
    {
        auto db = DB::open(dir_.string(), o);
        fill(**db, 4, 0, 400);
    }
    auto segs = segments();
    ASSERT_GE(segs.size(), 4u);
    // Flip a bit in the middle of the third segment (its first records stay valid).
    {
        std::fstream f(segs[2], std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(2000);
        char c;
        f.seekg(2000);
        f.get(c);
        f.seekp(2000);
        f.put(static_cast<char>(c ^ 0x10));
    }
    auto db = DB::open(dir_.string(), o);
    ASSERT_TRUE(db.ok());
    const auto& rep = (*db)->replayReport();
    EXPECT_TRUE(rep.corrupted);
    EXPECT_EQ(rep.removedSegments, segs.size() - 3);
    EXPECT_NE(rep.corruption.find("segment 00000002"), std::string::npos) << rep.corruption;
    perSegmentPrefix = countSamples(**db);
    EXPECT_GT(perSegmentPrefix, 0u);
    EXPECT_LT(perSegmentPrefix, 1600u);
    EXPECT_EQ(perSegmentPrefix % 4, 0u);  // whole commits only
}

TEST_F(WalTest, CheckpointCompactsAndReloads) {
    DBOptions o;
    o.head.samplesPerChunk = 120;
    {
        auto db = DB::open(dir_.string(), o);
        fill(**db, 20, 0, 500);
        ASSERT_TRUE((*db)->checkpoint().ok());
        const auto st = (*db)->stats();
        EXPECT_GT(st.checkpointBytes, 0u);
        EXPECT_LT(double(st.diskBytes()) / 10000.0, 1.0);  // < 1 byte per sample on disk
        fill(**db, 20, 500, 520);  // after the checkpoint: in the WAL only
    }
    auto db = DB::open(dir_.string(), o);
    ASSERT_TRUE(db.ok()) << db.status().toString();
    EXPECT_EQ((*db)->checkpointSeriesLoaded(), 20u);
    EXPECT_EQ((*db)->replayReport().samples, 400u);
    EXPECT_EQ(countSamples(**db), 520u * 20u);
    // Duplicate detection still works across the reload boundary.
    auto app = (*db)->appender();
    EXPECT_FALSE(app->append(series(0), 519'000, 1e9).ok());
}

TEST_F(WalTest, KillDashNineKeepsEveryCommittedSample) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ::close(fds[0]);
        auto db = DB::open(dir_.string());
        if (!db.ok()) ::_exit(3);
        auto app = (*db)->appender();
        for (int64_t t = 0;; ++t) {
            for (int i = 0; i < 5; ++i) {
                if (!app->append(series(i), t * 1000, double(t + i)).ok()) ::_exit(4);
            }
            if (!app->commit().ok()) ::_exit(5);
            // Report the commit only after it returned; then start another uncommitted batch.
            int64_t done = t + 1;
            if (::write(fds[1], &done, sizeof done) != sizeof done) ::_exit(6);
            for (int i = 0; i < 5; ++i) (void)app->append(series(i), (t + 1) * 1000, 0.5);
            app->rollback();
        }
    }
    ::close(fds[1]);
    int64_t committed = 0, v;
    while (committed < 300 && ::read(fds[0], &v, sizeof v) == sizeof v) committed = v;
    ::kill(pid, SIGKILL);
    while (::read(fds[0], &v, sizeof v) == sizeof v) committed = v;  // reports before the kill
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    auto db = DB::open(dir_.string());
    ASSERT_TRUE(db.ok()) << db.status().toString();
    const size_t n = countSamples(**db);  // also checks no rolled-back value (0.5) is visible
    EXPECT_GE(n, size_t(committed) * 5);
    EXPECT_LE(n, size_t(committed + 1) * 5);  // at most the commit in flight at the kill
    EXPECT_EQ(n % 5, 0u);
}

TEST_F(WalTest, DiskFullIsAClearErrorAndTheDatabaseStillOpens) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ::signal(SIGXFSZ, SIG_IGN);
        auto db = DB::open(dir_.string());
        if (!db.ok()) ::_exit(3);
        rlimit lim{64 * 1024, 64 * 1024};
        ::setrlimit(RLIMIT_FSIZE, &lim);
        auto app = (*db)->appender();
        for (int64_t t = 0; t < 100000; ++t) {
            for (int i = 0; i < 5; ++i) (void)app->append(series(i), t * 1000, double(t + i));
            Status st = app->commit();
            if (!st.ok()) ::_exit(st.code() == StatusCode::IoError ? 42 : 7);
        }
        ::_exit(8);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 42);
    auto db = DB::open(dir_.string());
    ASSERT_TRUE(db.ok()) << db.status().toString();
    EXPECT_FALSE((*db)->replayReport().corrupted);
    const size_t n = countSamples(**db);
    EXPECT_GT(n, 0u);
    EXPECT_EQ(n % 5, 0u);
}

TEST_F(WalTest, SecondOpenIsRefused) {
    auto a = DB::open(dir_.string());
    ASSERT_TRUE(a.ok());
    // flock locks are per open file description: a second open in this process conflicts too.
    auto b = DB::open(dir_.string());
    ASSERT_FALSE(b.ok());
    EXPECT_EQ(b.status().code(), StatusCode::FailedPrecondition);
}

}  // namespace
}  // namespace pharos::tsdb
