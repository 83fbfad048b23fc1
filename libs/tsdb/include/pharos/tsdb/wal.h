// Write-ahead log: numbered segment files in one directory, each record protected by CRC32C.
// Byte layout: libs/tsdb/FORMAT.md §WAL. The head's CommitLog is a Wal.
//
// Durability: commit() returns after the records were handed to the kernel with write(2), so
// a crash of the process (kill -9) loses nothing committed. fsync (fdatasync) runs according
// to WalOptions::sync: Always (every commit; survives power loss), Periodic (on a commit at
// most every syncIntervalMs, on segment rotation and on close; default), Never (rotation and
// close only). Always: a commit's fdatasync runs outside the write lock (other commits go on
// writing) and finishes before that commit returns. Periodic: a background thread syncs every
// syncIntervalMs while there are unsynced writes, so no commit waits for the disk; a failed
// background sync is returned by the next commit (and by close()).
//
// Replay: records are read in order; the first record that is truncated or fails its
// checksum ends the log: its segment is truncated there and later segments are removed, and
// the report says how many bytes and segments were dropped. Records before it are kept.
//
// Thread-safety: the log* methods, sync(), rotate() and close() may be called from several
// threads at once (the head's commits run in parallel): records are encoded by the calling
// thread outside any lock, and only the write(2) of a commit's records (and a rotation or
// fdatasync due then) is serialised by mu_. Replay happens before writing starts.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>

#include "pharos/status.h"
#include "pharos/tsdb/head.h"

namespace pharos::tsdb {

enum class WalSync { Always, Periodic, Never };

struct WalOptions {
    uint64_t segmentBytes = 128ull << 20;  // a new segment starts when a record would not fit
    WalSync sync = WalSync::Periodic;
    int64_t syncIntervalMs = 1000;
};

struct WalReplayReport {
    uint64_t segments = 0;
    uint64_t records = 0;
    uint64_t series = 0;
    uint64_t samples = 0;
    uint64_t samplesRejected = 0;  // out of order / duplicates / unknown series at replay
    bool corrupted = false;        // a torn or corrupt tail was found and cut off
    std::string corruption;        // where and why ("segment 3 offset 1234: checksum mismatch")
    uint64_t truncatedBytes = 0;   // bytes cut off, including removed later segments
    uint64_t removedSegments = 0;
};

// Decoded record contents handed to replay callbacks.
struct WalSeries {
    SeriesRef ref;
    Labels labels;
};
struct WalSample {
    SeriesRef ref;
    int64_t t;
    double v;
};
struct WalDelete {
    SeriesRef ref;
    int64_t mint, maxt;  // inclusive
};

class Wal final : public CommitLog {
public:
    // Opens (creating) the directory, replays existing segments through the callbacks (in
    // record order), repairs a torn tail, then starts a new segment for writing.
    static Result<std::unique_ptr<Wal>> open(
        const std::string& dir, WalOptions options,
        const std::function<void(const WalSeries&)>& onSeries,
        const std::function<void(const WalSample&)>& onSample, WalReplayReport* report);
    // As above, with deletions (record type 3) handed to onDelete.
    static Result<std::unique_ptr<Wal>> open(
        const std::string& dir, WalOptions options,
        const std::function<void(const WalSeries&)>& onSeries,
        const std::function<void(const WalSample&)>& onSample,
        const std::function<void(const WalDelete&)>& onDelete, WalReplayReport* report);
    // Replays the WAL of `dir` into `head` (series and samples), then opens it for writing.
    static Result<std::unique_ptr<Wal>> openInto(const std::string& dir, WalOptions options, Head* head,
                                                 WalReplayReport* report);
    ~Wal() override;

    Status logSeries(std::span<const SeriesRecord> series) override;
    Status logSamples(std::span<const SampleRecord> samples) override;
    Status logDeletes(std::span<const DeleteRecord> deletes) override;
    // The series record (when any) and the samples record(s) of a commit in one write.
    Status logCommit(std::span<const SeriesRecord> series, std::span<const SampleRecord> samples) override;
    Status sync();
    Status close();

    // Starts a new segment and returns its number; segments below it can then be removed
    // with removeSegmentsBefore() once their contents are persisted elsewhere (checkpoint).
    Result<uint64_t> rotate();
    Status removeSegmentsBefore(uint64_t segment);
    uint64_t currentSegment() const {
        std::lock_guard lock(mu_);
        return segment_;
    }
    uint64_t diskBytes() const;  // all segments
    const std::string& dir() const { return dir_; }

private:
    Wal(std::string dir, WalOptions options) : dir_(std::move(dir)), options_(options) {}
    Status openSegment(uint64_t n);  // mu_ held
    // Writes whole framed records (see wal.cpp) at the end of the current segment.
    Status writeRecords(std::string_view records);
    Status syncLocked();
    // Periodic: the background thread's loop, and syncing fd_ outside the lock.
    void syncLoop();
    Status syncUnlocked(std::unique_lock<std::mutex>& lock);

    std::string dir_;
    WalOptions options_;
    mutable std::mutex mu_;  // guards everything below
    int fd_ = -1;
    uint64_t segment_ = 0;
    uint64_t offset_ = 0;  // bytes written to the current segment
    int64_t lastSyncMs_ = 0;
    bool dirty_ = false;     // written since the last sync
    bool stopping_ = false;  // close(): the sync thread ends
    Status syncError_;       // a failed background sync, not reported yet
    std::condition_variable syncCv_;
    std::thread syncThread_;  // Periodic only; joined by close()
};

std::string walSegmentName(uint64_t n);  // "00000042"

}  // namespace pharos::tsdb
