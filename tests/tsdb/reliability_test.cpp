// Reliability with blocks: kill -9 of a writer that also compacts, damaged block files
// (bit flips, truncation) and checkpoints, disk full while writing a block, and readers running
// while the writer appends, cuts, compacts and applies retention (meaningful under TSan).
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "pharos/tsdb/db.h"
#include "temp_dir_test.h"

namespace pharos::tsdb {
namespace {

namespace fs = std::filesystem;

class ReliabilityTest : public test_support::TempDirTest {
protected:
    ReliabilityTest() : TempDirTest("pharos_reliability_test_") {}

    static Labels series(int i) { return Labels{{"__name__", "m"}, {"i", std::to_string(i)}}; }
    static double value(int i, int64_t t) { return double(t / 1000) * 3 + i; }

    // Small blocks so that a few thousand samples make many of them.
    static DBOptions smallBlocks() {
        DBOptions o;
        o.head.samplesPerChunk = 30;
        o.blockRangesMs = {20'000, 60'000, 180'000};
        o.blockPageBytes = 512;
        return o;
    }

    static void fill(DB& db, int count, int64_t fromSec, int64_t toSec) {
        auto app = db.appender();
        for (int64_t s = fromSec; s < toSec; ++s) {
            for (int i = 0; i < count; ++i) ASSERT_TRUE(app->append(series(i), s * 1000, value(i, s * 1000)).ok());
            ASSERT_TRUE(app->commit().ok());
        }
    }

    struct SeriesRead {
        size_t samples = 0;
        int64_t first = 0, last = 0;
        bool contiguous = true;  // one sample per second, no gap, no duplicate
        bool valuesOk = true;
        Status err;
    };
    // Reads each series on its own, so damage in one does not hide the others.
    static std::map<int, SeriesRead> readEach(DB& db, int count) {
        std::map<int, SeriesRead> out;
        auto q = db.querier();
        for (int i = 0; i < count; ++i) {
            std::vector<Matcher> ms{*Matcher::make(MatchType::Equal, "i", std::to_string(i))};
            auto set = q->select(ms, INT64_MIN, INT64_MAX);
            SeriesRead r;
            if (!set.ok()) {
                r.err = set.status();
                out[i] = r;
                continue;
            }
            while (set->next()) {
                auto it = set->iterator();
                while (it.next()) {
                    if (r.samples == 0) {
                        r.first = it.t();
                    } else if (it.t() != r.last + 1000) {
                        r.contiguous = false;
                    }
                    if (it.v() != value(i, it.t())) r.valuesOk = false;
                    r.last = it.t();
                    ++r.samples;
                }
                if (!it.err().ok()) r.err = it.err();
            }
            out[i] = r;
        }
        return out;
    }

    std::vector<fs::path> blockDirs() const {
        std::vector<fs::path> out;
        for (const auto& e : fs::directory_iterator(dir_ / "blocks")) out.push_back(e.path());
        std::sort(out.begin(), out.end());
        return out;
    }

    static void flipByte(const fs::path& p, uint64_t at) {
        std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
        f.seekg(static_cast<std::streamoff>(at));
        char c;
        f.get(c);
        f.seekp(static_cast<std::streamoff>(at));
        f.put(static_cast<char>(c ^ 0x5a));
    }

};

TEST_F(ReliabilityTest, KillDashNineWhileAppendingAndCompacting) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ::close(fds[0]);
        auto db = DB::open(dir_.string(), smallBlocks());
        if (!db.ok()) ::_exit(3);
        auto app = (*db)->appender();
        for (int64_t s = 0;; ++s) {
            for (int i = 0; i < 4; ++i) {
                if (!app->append(series(i), s * 1000, value(i, s * 1000)).ok()) ::_exit(4);
            }
            if (!app->commit().ok()) ::_exit(5);
            int64_t done = s + 1;
            if (::write(fds[1], &done, sizeof done) != sizeof done) ::_exit(6);
            // An uncommitted batch with wrong values: must never become visible.
            for (int i = 0; i < 4; ++i) (void)app->append(series(i), (s + 1) * 1000, -1.5);
            app->rollback();
            if (s % 25 == 0 && !(*db)->compact().ok()) ::_exit(7);
        }
    }
    ::close(fds[1]);
    int64_t committed = 0, v;
    while (committed < 900 && ::read(fds[0], &v, sizeof v) == sizeof v) committed = v;
    ::kill(pid, SIGKILL);
    while (::read(fds[0], &v, sizeof v) == sizeof v) committed = v;
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);

    auto db = DB::open(dir_.string(), smallBlocks());
    ASSERT_TRUE(db.ok()) << db.status().toString();
    EXPECT_TRUE((*db)->openReport().corruptBlocks.empty());
    EXPECT_GE((*db)->blocks().size(), 2u);
    const auto got = readEach(**db, 4);
    for (const auto& [i, r] : got) {
        ASSERT_TRUE(r.err.ok()) << r.err.toString();
        EXPECT_TRUE(r.contiguous) << "series " << i;  // nothing lost, nothing duplicated
        EXPECT_TRUE(r.valuesOk) << "series " << i;    // no rolled-back sample
        EXPECT_EQ(r.first, 0);
        EXPECT_GE(int64_t(r.samples), committed);
        EXPECT_LE(int64_t(r.samples), committed + 1);  // the commit in flight at the kill
    }
    // The same number for every series: commits are atomic.
    EXPECT_EQ(got.at(0).samples, got.at(3).samples);
    EXPECT_EQ((*db)->stats().samples, 4 * got.at(0).samples);
}

TEST_F(ReliabilityTest, BitFlipInBlockChunksIsReportedAndTheRestReadable) {
    {
        auto db = DB::open(dir_.string(), smallBlocks());
        fill(**db, 40, 0, 100);
        auto res = (*db)->compact(/*flushHead=*/true);
        ASSERT_TRUE(res.ok());
    }
    auto blocks = blockDirs();
    ASSERT_GE(blocks.size(), 2u);
    const fs::path victim = blocks.front() / "chunks";
    flipByte(victim, fs::file_size(victim) / 2);
    auto db = DB::open(dir_.string(), smallBlocks());
    ASSERT_TRUE(db.ok()) << db.status().toString();
    const auto& rep = (*db)->openReport();
    ASSERT_EQ(rep.corruptBlocks.size(), 1u);
    EXPECT_NE(rep.corruptBlocks[0].find("chunks page at offset"), std::string::npos) << rep.corruptBlocks[0];
    EXPECT_NE(rep.corruptBlocks[0].find("the rest is readable"), std::string::npos);
    const auto got = readEach(**db, 40);
    size_t bad = 0, good = 0;
    for (const auto& [i, r] : got) {
        if (!r.err.ok()) {
            EXPECT_EQ(r.err.code(), StatusCode::Corruption);
            EXPECT_NE(r.err.message().find("chunks page at offset"), std::string::npos) << r.err.toString();
            ++bad;
        } else {
            EXPECT_TRUE(r.contiguous && r.valuesOk);
            EXPECT_EQ(r.samples, 100u);
            ++good;
        }
    }
    EXPECT_GE(bad, 1u);
    EXPECT_GE(good, 20u);  // small pages: the damage stays local
}

TEST_F(ReliabilityTest, TruncatedChunksAndDamagedIndexOrMeta) {
    DBOptions o = smallBlocks();
    o.blockPageBytes = 64;  // a page per series or two
    {
        auto db = DB::open(dir_.string(), o);
        fill(**db, 10, 0, 100);
        ASSERT_TRUE((*db)->compact(/*flushHead=*/true).ok());
        fill(**db, 10, 100, 110);  // some head data too
    }
    auto blocks = blockDirs();
    ASSERT_GE(blocks.size(), 3u);
    // Block 0: chunks cut in half. Block 1: a bit flip in the index. Block 2: meta truncated.
    fs::resize_file(blocks[0] / "chunks", fs::file_size(blocks[0] / "chunks") / 2);
    flipByte(blocks[1] / "index", 20);
    fs::resize_file(blocks[2] / "meta", 10);
    auto db = DB::open(dir_.string(), o);
    ASSERT_TRUE(db.ok()) << db.status().toString();
    const auto& rep = (*db)->openReport();
    ASSERT_EQ(rep.corruptBlocks.size(), 3u);
    std::string all;
    for (const auto& c : rep.corruptBlocks) all += c + "\n";
    EXPECT_NE(all.find("index: checksum mismatch"), std::string::npos) << all;
    EXPECT_NE(all.find("meta: "), std::string::npos) << all;
    EXPECT_NE(all.find("truncated"), std::string::npos) << all;
    // Blocks with a bad index or meta are left out; the others and the head still answer.
    EXPECT_EQ((*db)->blocks().size(), blocks.size() - 2);
    auto q = (*db)->querier();
    auto set = q->select({}, 100'000, 200'000);
    ASSERT_TRUE(set.ok()) << set.status().toString();
    size_t n = 0;
    while (set->next()) {
        auto it = set->iterator();
        while (it.next()) ++n;
        EXPECT_TRUE(it.err().ok());
    }
    EXPECT_EQ(n, 10u * 10u);
    // The truncated block: its first pages are still readable.
    std::vector<Matcher> ms{*Matcher::make(MatchType::Equal, "i", "0")};
    auto early = q->select(ms, 0, 1000);
    ASSERT_TRUE(early.ok()) << early.status().toString();
    ASSERT_TRUE(early->next());
}

TEST_F(ReliabilityTest, CorruptCheckpointIsReportedAndTheDatabaseOpens) {
    DBOptions o = smallBlocks();
    o.blockRangesMs = {1'000'000'000};  // no cut: everything stays in the head / checkpoint
    {
        auto db = DB::open(dir_.string(), o);
        fill(**db, 20, 0, 50);
        ASSERT_TRUE((*db)->checkpoint().ok());
        fill(**db, 20, 50, 60);
    }
    flipByte(dir_ / "checkpoint", fs::file_size(dir_ / "checkpoint") - 10);  // the last series record
    auto db = DB::open(dir_.string(), o);
    ASSERT_TRUE(db.ok()) << db.status().toString();
    EXPECT_NE((*db)->openReport().checkpointCorruption.find("checksum mismatch"), std::string::npos)
        << (*db)->openReport().checkpointCorruption;
    const auto got = readEach(**db, 20);
    size_t full = 0;
    for (const auto& [i, r] : got) full += r.samples == 60 ? 1 : 0;
    EXPECT_EQ(full, 19u);  // one series record lost, the others complete
}

TEST_F(ReliabilityTest, DiskFullWhileWritingABlock) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ::signal(SIGXFSZ, SIG_IGN);
        DBOptions o;
        o.wal.segmentBytes = 16 * 1024;  // every WAL file stays under the limit below
        auto db = DB::open(dir_.string(), o);
        if (!db.ok()) ::_exit(3);
        // Random values: the chunks file cannot compress below the limit.
        std::mt19937_64 rng(42);
        std::uniform_real_distribution<double> dist(0, 1);
        auto app = (*db)->appender();
        for (int64_t s = 0; s < 2000; ++s) {
            for (int i = 0; i < 10; ++i) (void)app->append(series(i), s * 1000, dist(rng));
            if (!app->commit().ok()) ::_exit(4);
        }
        rlimit lim{48 * 1024, 48 * 1024};
        ::setrlimit(RLIMIT_FSIZE, &lim);
        auto res = (*db)->compact(/*flushHead=*/true);
        if (res.ok()) ::_exit(8);
        if (res.status().code() != StatusCode::IoError) ::_exit(9);
        if (res.status().message().find("File too large") == std::string::npos) ::_exit(10);
        ::_exit(42);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 42);
    auto db = DB::open(dir_.string());
    ASSERT_TRUE(db.ok()) << db.status().toString();
    EXPECT_TRUE((*db)->openReport().corruptBlocks.empty());
    EXPECT_TRUE((*db)->blocks().empty());
    EXPECT_EQ((*db)->stats().samples, 20000u);  // everything still in the WAL
    // And the block can be written once there is room.
    auto res = (*db)->compact(/*flushHead=*/true);
    ASSERT_TRUE(res.ok()) << res.status().toString();
    EXPECT_EQ((*db)->stats().blockSamples, 20000u);
}

TEST_F(ReliabilityTest, ReadersWhileAppendingCompactingAndDeletingBlocks) {
    DBOptions o = smallBlocks();
    o.retentionMs = 150'000;  // blocks are deleted while readers may hold them
    auto db = DB::open(dir_.string(), o);
    ASSERT_TRUE(db.ok());
    std::atomic<bool> stop{false};
    std::atomic<int> errors{0};
    std::atomic<uint64_t> reads{0};
    std::vector<std::thread> readers;
    for (int r = 0; r < 2; ++r) {
        readers.emplace_back([&] {
            while (!stop.load()) {
                const auto got = readEach(**db, 4);
                size_t n0 = got.at(0).samples;
                for (const auto& [i, s] : got) {
                    // A snapshot is a contiguous run per series: no gap where a block was cut,
                    // merged or removed, no duplicate where head and block overlapped.
                    if (!s.err.ok() || !s.contiguous || !s.valuesOk) ++errors;
                    (void)n0;
                }
                ++reads;
            }
        });
    }
    readers.emplace_back([&] {
        while (!stop.load()) {
            const auto st = (*db)->stats();
            auto names = (*db)->querier()->labelValues("i", {});
            if (!names.ok() || (st.samples > 0 && names->size() != 4)) ++errors;
        }
    });
    std::thread compactor([&] {
        while (!stop.load()) {
            if (!(*db)->compact().ok()) ++errors;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    });
    auto app = (*db)->appender();
    for (int64_t s = 0; s < 1500; ++s) {
        for (int i = 0; i < 4; ++i) ASSERT_TRUE(app->append(series(i), s * 1000, value(i, s * 1000)).ok());
        ASSERT_TRUE(app->commit().ok());
    }
    stop = true;
    compactor.join();
    for (auto& t : readers) t.join();
    EXPECT_EQ(errors.load(), 0);
    EXPECT_GT(reads.load(), 0u);
    ASSERT_TRUE((*db)->compact().ok());
    EXPECT_GE((*db)->blocks().size(), 1u);
    const auto got = readEach(**db, 4);
    for (const auto& [i, s] : got) {
        EXPECT_TRUE(s.contiguous);
        EXPECT_EQ(s.last, 1499'000);
        EXPECT_LE(s.first, 1499'000 - 150'000);  // retention kept at least its window
    }
}

}  // namespace
}  // namespace pharos::tsdb
