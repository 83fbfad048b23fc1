// Write-ahead log: numbered segment files in one directory, each record protected by CRC32C.
// Byte layout: libs/tsdb/FORMAT.md §WAL. The head's CommitLog is a Wal.
//
// Durability: commit() returns after the records were handed to the kernel with write(2), so
// a crash of the process (kill -9) loses nothing committed. fsync (fdatasync) runs according
// to WalOptions::sync: Always (every commit; survives power loss), Periodic (on a commit at
// most every syncIntervalMs, on segment rotation and on close; default), Never (rotation and
// close only).
//
// Replay: records are read in order; the first record that is truncated or fails its
// checksum ends the log: its segment is truncated there and later segments are removed, and
// the report says how many bytes and segments were dropped. Records before it are kept.
//
// Thread-safety: a Wal is used by one writer (the head serialises commits); replay happens
// before writing starts.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>

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
    Status sync();
    Status close();

    // Starts a new segment and returns its number; segments below it can then be removed
    // with removeSegmentsBefore() once their contents are persisted elsewhere (checkpoint).
    Result<uint64_t> rotate();
    Status removeSegmentsBefore(uint64_t segment);
    uint64_t currentSegment() const { return segment_; }
    uint64_t diskBytes() const;  // all segments
    const std::string& dir() const { return dir_; }

private:
    Wal(std::string dir, WalOptions options) : dir_(std::move(dir)), options_(options) {}
    Status openSegment(uint64_t n);
    Status writeRecord(uint8_t type);  // the record in buf_ (see wal.cpp)

    std::string dir_;
    WalOptions options_;
    int fd_ = -1;
    uint64_t segment_ = 0;
    uint64_t offset_ = 0;  // bytes written to the current segment
    int64_t lastSyncMs_ = 0;
    std::string buf_;      // record encoding scratch
};

std::string walSegmentName(uint64_t n);  // "00000042"

}  // namespace pharos::tsdb
