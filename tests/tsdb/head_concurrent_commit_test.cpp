// Commits running in parallel (each appender on its own thread, the head applying them under
// per-series commit rights): with readers running, after a clean reopen and after kill -9,
// every committed sample is there exactly once, per-series order holds, nothing uncommitted
// is visible, and replay rebuilds exactly what readers saw (also for series several
// appenders write at once). Meaningful under TSan too.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <bit>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "pharos/tsdb/db.h"
#include "temp_dir_test.h"

namespace pharos::tsdb {
namespace {

namespace fs = std::filesystem;

class ConcurrentCommitTest : public test_support::TempDirTest {
protected:
    ConcurrentCommitTest() : TempDirTest("pharos_concurrent_commit_test_") {}

    static Labels own(int thread, int j) {
        return Labels{{"__name__", "own"}, {"j", std::to_string(j)}, {"thread", std::to_string(thread)}};
    }
    static Labels shared(int j) { return Labels{{"__name__", "shared"}, {"j", std::to_string(j)}}; }
    static double ownValue(int thread, int j, int commit) { return thread * 1e6 + j * 1000 + commit + 0.25; }

    using Samples = std::vector<std::pair<int64_t, uint64_t>>;  // (t, value bits)
    // Every series' samples, keyed by its labels' text.
    static std::map<std::string, Samples> readAll(DB& db) {
        std::map<std::string, Samples> out;
        auto q = db.querier();
        auto set = q->select({}, INT64_MIN, INT64_MAX);
        EXPECT_TRUE(set.ok());
        if (!set.ok()) return out;
        while (set->next()) {
            Samples& s = out[set->labels().toString()];
            auto it = set->iterator();
            while (it.next()) s.emplace_back(it.t(), std::bit_cast<uint64_t>(it.v()));
        }
        return out;
    }

};

TEST_F(ConcurrentCommitTest, ParallelCommitsWithReadersReplayExactly) {
    constexpr int kThreads = 8, kOwn = 40, kShared = 4, kCommits = 250;
    DBOptions o;
    o.head.samplesPerChunk = 50;  // seals while committing in parallel
    {
        auto db = DB::open(dir_.string(), o);
        ASSERT_TRUE(db.ok()) << db.status().toString();
        std::atomic<bool> done{false};
        std::atomic<int> readerFailures{0};
        std::atomic<uint64_t> reads{0};
        std::vector<std::thread> readers;
        for (int r = 0; r < 2; ++r) {
            readers.emplace_back([&] {
                while (!done.load()) {
                    for (const auto& [name, s] : readAll(**db)) {
                        // Per-series order: strictly increasing timestamps; own series are a
                        // prefix of the commits (each commit is visible whole per series).
                        for (size_t i = 1; i < s.size(); ++i) {
                            if (s[i].first <= s[i - 1].first) readerFailures.fetch_add(1);
                        }
                        if (name.rfind("own{", 0) == 0) {
                            for (size_t i = 0; i < s.size(); ++i) {
                                if (s[i].first != int64_t(i + 1) * 1000) readerFailures.fetch_add(1);
                            }
                        }
                    }
                    reads.fetch_add(1);
                }
            });
        }
        std::vector<std::thread> writers;
        std::atomic<int> writerFailures{0};
        for (int k = 0; k < kThreads; ++k) {
            writers.emplace_back([&, k] {
                std::vector<SeriesRef> refs(kOwn, 0);
                for (int c = 0; c < kCommits; ++c) {
                    auto app = (*db)->appender();
                    for (int j = 0; j < kOwn; ++j) {
                        const int64_t t = int64_t(c + 1) * 1000;
                        if (refs[size_t(j)] == 0) {
                            auto r = app->append(own(k, j), t, ownValue(k, j, c));
                            if (!r.ok()) writerFailures.fetch_add(1);
                            else refs[size_t(j)] = *r;
                        } else if (!app->appendRef(refs[size_t(j)], t, ownValue(k, j, c)).ok()) {
                            writerFailures.fetch_add(1);
                        }
                    }
                    // Series every writer appends to: interleaved timestamps, so some samples
                    // are refused (at append or, when another commit got there first, at
                    // commit) — the WAL must not bring those back.
                    for (int j = 0; j < kShared; ++j) {
                        (void)app->append(shared(j), int64_t(c) * 1000 * kThreads + k * 100 + 5, k * 10000 + c);
                    }
                    if (!app->commit().ok()) writerFailures.fetch_add(1);
                    if (c % 50 == 0) {  // a rolled back appender leaves nothing visible
                        auto rb = (*db)->appender();
                        (void)rb->append(Labels{{"__name__", "rolled_back"}}, 1000, 1);
                        rb->rollback();
                    }
                }
            });
        }
        for (auto& w : writers) w.join();
        done.store(true);
        for (auto& r : readers) r.join();
        EXPECT_EQ(writerFailures.load(), 0);
        EXPECT_EQ(readerFailures.load(), 0);
        EXPECT_GT(reads.load(), 0u);

        const auto live = readAll(**db);
        for (int k = 0; k < kThreads; ++k) {
            for (int j = 0; j < kOwn; ++j) {
                auto it = live.find(own(k, j).toString());
                ASSERT_NE(it, live.end());
                ASSERT_EQ(it->second.size(), size_t(kCommits));
                for (int c = 0; c < kCommits; ++c) {
                    EXPECT_EQ(it->second[size_t(c)].first, int64_t(c + 1) * 1000);
                    EXPECT_EQ(it->second[size_t(c)].second, std::bit_cast<uint64_t>(ownValue(k, j, c)));
                }
            }
        }
        for (int j = 0; j < kShared; ++j) EXPECT_FALSE(live.at(shared(j).toString()).empty());
        auto rolled = live.find(Labels{{"__name__", "rolled_back"}}.toString());
        EXPECT_TRUE(rolled == live.end() || rolled->second.empty());
        ASSERT_TRUE((*db)->close().ok());

        // Replay rebuilds exactly what readers saw, shared series included.
        auto again = DB::open(dir_.string(), o);
        ASSERT_TRUE(again.ok()) << again.status().toString();
        const auto replayed = readAll(**again);
        EXPECT_EQ(replayed.size(), live.size());
        for (const auto& [name, s] : live) {
            auto it = replayed.find(name);
            ASSERT_NE(it, replayed.end()) << name;
            EXPECT_EQ(it->second, s) << name;
        }
    }
}

// A child process commits from several threads at once and reports each finished commit on a
// pipe; it is killed with SIGKILL mid-stream. After reopening, every reported commit is there,
// at most the one commit per thread in flight beyond it, whole (all of its series or none),
// each sample exactly once; the rolled back samples are not.
TEST_F(ConcurrentCommitTest, KillDuringParallelCommitsKeepsEveryCommittedSample) {
    constexpr int kThreads = 6, kOwn = 30;
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ::close(fds[0]);
        DBOptions o;
        o.head.samplesPerChunk = 40;
        auto db = DB::open(dir_.string(), o);
        if (!db.ok()) ::_exit(3);
        std::vector<std::thread> writers;
        for (int k = 0; k < kThreads; ++k) {
            writers.emplace_back([&, k] {
                for (int c = 0;; ++c) {
                    auto app = (*db)->appender();
                    for (int j = 0; j < kOwn; ++j) {
                        if (!app->append(own(k, j), int64_t(c + 1) * 1000, ownValue(k, j, c)).ok()) ::_exit(4);
                    }
                    if (!app->commit().ok()) ::_exit(5);
                    const int32_t msg[2] = {k, c};
                    if (::write(fds[1], msg, sizeof msg) != sizeof msg) ::_exit(6);
                    auto rb = (*db)->appender();
                    (void)rb->append(own(k, 0), int64_t(c + 1) * 1000 + 500, -1);
                    (void)rb->append(Labels{{"__name__", "rolled_back"}, {"thread", std::to_string(k)}}, 1000, 1);
                    rb->rollback();
                }
            });
        }
        for (auto& w : writers) w.join();
        ::_exit(0);
    }
    ::close(fds[1]);
    std::vector<int> acked(kThreads, -1);
    int total = 0;
    int32_t msg[2];
    while (total < 3000 && ::read(fds[0], msg, sizeof msg) == sizeof msg) {
        ASSERT_GE(msg[0], 0);
        ASSERT_LT(msg[0], kThreads);
        acked[size_t(msg[0])] = std::max(acked[size_t(msg[0])], msg[1]);
        ++total;
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    // Commits reported after the 3000th message read are committed too: their messages wait
    // in the pipe (the child is gone, so the read ends at EOF).
    while (::read(fds[0], msg, sizeof msg) == sizeof msg) {
        ASSERT_GE(msg[0], 0);
        ASSERT_LT(msg[0], kThreads);
        acked[size_t(msg[0])] = std::max(acked[size_t(msg[0])], msg[1]);
    }
    ::close(fds[0]);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
    ASSERT_GE(total, 3000);

    auto db = DB::open(dir_.string());
    ASSERT_TRUE(db.ok()) << db.status().toString();
    const auto got = readAll(**db);
    for (int k = 0; k < kThreads; ++k) {
        size_t n = 0;
        for (int j = 0; j < kOwn; ++j) {
            auto it = got.find(own(k, j).toString());
            ASSERT_NE(it, got.end()) << "thread " << k << " series " << j;
            const Samples& s = it->second;
            if (j == 0) n = s.size();
            EXPECT_EQ(s.size(), n) << "a commit was applied partly (thread " << k << ")";
            EXPECT_GE(s.size(), size_t(acked[size_t(k)] + 1)) << "thread " << k;
            EXPECT_LE(s.size(), size_t(acked[size_t(k)] + 2)) << "thread " << k;
            for (size_t c = 0; c < s.size(); ++c) {
                EXPECT_EQ(s[c].first, int64_t(c + 1) * 1000);
                EXPECT_EQ(s[c].second, std::bit_cast<uint64_t>(ownValue(k, j, int(c))));
            }
        }
        auto rolled = got.find(Labels{{"__name__", "rolled_back"}, {"thread", std::to_string(k)}}.toString());
        EXPECT_TRUE(rolled == got.end() || rolled->second.empty());
    }
}

}  // namespace
}  // namespace pharos::tsdb
