// A TSDB directory: the head, its WAL (dir/wal/), its latest checkpoint (dir/checkpoint) and
// the persisted blocks (dir/blocks/<id>/), guarded by a lock file (dir/lock) against a second
// process. Byte layouts in FORMAT.md.
//
// open() opens the blocks (damaged ones are skipped and reported, see openReport()), loads the
// checkpoint, replays the WAL (repairing a torn tail, see wal.h) and is then ready for appends.
// Samples older than the newest block's end are "out of bounds" for the head.
//
// compact() is the maintenance step (call it now and then, e.g. every minute, and after an
// import): it cuts every complete `blockRangesMs[0]` range out of the head into a block (all of
// the head with flushHead), truncates the head and checkpoints it (which drops the WAL
// segments the blocks and the checkpoint cover), merges blocks level by level into the larger
// ranges of blockRangesMs, and applies retention. checkpoint() writes every head series with
// its compressed chunks to a new checkpoint file and drops the WAL segments it covers.
//
// Crash safety: a block becomes visible by a directory rename; a compacted block lists its
// sources, which open() deletes when they are still present; samples a block covers are
// dropped when the checkpoint and the WAL are replayed, so nothing is lost or counted twice.
//
// Thread-safety: any number of appenders, each used by one thread at a time, commit in
// parallel (a series' samples are applied and logged in one order; see Head), beside
// deleteSeries and any number of readers (queriers, stats). compact() and checkpoint() may run
// on other threads; they are serialised with each other, and with commits only for short
// moments. A querier takes a
// snapshot of the block list at each select(); blocks are shared immutable objects, so
// compaction and retention never block or break queries in flight.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "pharos/status.h"
#include "pharos/tsdb/block.h"
#include "pharos/tsdb/head.h"
#include "pharos/tsdb/metadata.h"
#include "pharos/tsdb/wal.h"

namespace pharos::tsdb {

inline constexpr int64_t kHourMs = 3600 * 1000;

struct DBOptions {
    HeadOptions head;
    WalOptions wal;
    // Block ranges by level: [0] is the range cut from the head (2 h), the others the
    // compaction levels; each must be a multiple of the previous one.
    std::vector<int64_t> blockRangesMs{2 * kHourMs, 6 * kHourMs, 24 * kHourMs};
    int64_t retentionMs = 0;       // blocks ending before (newest sample - retention) go; 0: keep
    uint64_t retentionBytes = 0;   // oldest blocks go while blocks + WAL + checkpoint exceed it; 0: no limit
    int zstdLevel = 3;             // chunk pages of blocks
    size_t blockPageBytes = 256 * 1024;  // uncompressed bytes per zstd page of a block's chunks
};

struct DBStats {
    HeadStats head;
    uint64_t walBytes = 0;
    uint64_t checkpointBytes = 0;
    uint64_t blockBytes = 0;
    uint64_t blocks = 0;
    uint64_t blockSamples = 0;
    // Over head and blocks: distinct series, samples, time range (valid when samples > 0).
    uint64_t series = 0;
    uint64_t samples = 0;
    int64_t minTime = 0, maxTime = 0;
    uint64_t diskBytes() const { return walBytes + checkpointBytes + blockBytes; }
};

struct MetricSummary {
    std::string name;
    uint64_t series = 0;
    uint64_t samples = 0;
};

// What open() found wrong and repaired or skipped.
struct DBOpenReport {
    WalReplayReport wal;
    std::vector<std::string> corruptBlocks;  // "<dir>: <reason>" (unreadable parts are skipped)
    std::string checkpointCorruption;        // set when the checkpoint was cut short
    uint64_t removedBlocks = 0;              // compaction sources and unfinished *.tmp left by a crash
    std::string metadataCorruption;          // set when DIR/metadata was unreadable (started empty)
};

// One series of a bulk load (addBlocks): strictly increasing timestamps.
struct BulkSeries {
    Labels labels;
    std::vector<int64_t> t;
    std::vector<double> v;
};

struct CompactResult {
    uint64_t blocksCut = 0;        // new level-1 blocks from the head
    uint64_t blocksCompacted = 0;  // new blocks from merging
    uint64_t blocksDeleted = 0;    // merged away or removed by retention
};

class DB {
public:
    static Result<std::unique_ptr<DB>> open(const std::string& dir, DBOptions options = {});
    ~DB();

    std::unique_ptr<Appender> appender() { return head_->appender(); }
    // Reads head and blocks together.
    std::unique_ptr<Querier> querier();
    Head& head() { return *head_; }
    // TYPE / HELP / UNIT per metric family (metadata.h), loaded at open, flushed by close() and
    // by whoever fills it (the importer after each file).
    MetadataStore& metadata() { return *metadata_; }
    const MetadataStore& metadata() const { return *metadata_; }
    DBStats stats() const;
    // Per metric name over head and blocks, most samples first.
    std::vector<MetricSummary> metricSummary() const;
    const WalReplayReport& replayReport() const { return report_.wal; }
    const DBOpenReport& openReport() const { return report_; }
    uint64_t checkpointSeriesLoaded() const { return checkpointSeries_; }
    // The current blocks, sorted by minTime.
    std::vector<std::shared_ptr<Block>> blocks() const;

    // Deletes the samples in [mint, maxt] of the series matching `matchers`: tombstones in
    // blocks (applied by the next compaction), WAL-logged deletion in the head.
    Status deleteSeries(std::span<const Matcher> matchers, int64_t mint, int64_t maxt);

    Result<CompactResult> compact(bool flushHead = false);
    // Bulk load of historical samples (the importer's direct mode, like promtool's
    // create-blocks-from): writes `series` straight into blocks, bypassing the head and the WAL,
    // one block per window of the largest block range (level = number of ranges), two windows
    // at a time on two threads. All blocks or none become visible; overlapping blocks are merged
    // by later compactions and de-duplicated by queries. The head's lower bound rises to the
    // newest block's end, so callers keep the samples at or after the head's oldest sample out
    // (they belong in the head). Returns the number of samples written.
    Result<uint64_t> addBlocks(std::vector<BulkSeries> series);
    Status checkpoint();
    Status close();
    const std::string& dir() const { return dir_; }
    const DBOptions& options() const { return options_; }

private:
    DB(std::string dir, DBOptions options);
    Status loadCheckpoint();
    Status openBlocks();
    Status checkpointLocked();  // maintMu_ held
    Status cutHead(bool flushHead, CompactResult* res);
    Status compactBlocks(CompactResult* res);
    // Writes one block with the samples of `group` (tombstones applied) and replaces them.
    Status mergeBlocks(const std::vector<std::shared_ptr<Block>>& group, uint32_t level, CompactResult* res);
    Status applyRetention(CompactResult* res);
    // Replaces `remove` by `add` in the block list, then deletes the removed directories.
    void publish(const std::vector<std::shared_ptr<Block>>& add, const std::vector<std::shared_ptr<Block>>& remove);

    std::string dir_;
    DBOptions options_;
    std::unique_ptr<Head> head_;
    std::unique_ptr<Wal> wal_;
    std::unique_ptr<MetadataStore> metadata_;
    DBOpenReport report_;
    uint64_t checkpointSeries_ = 0;
    int lockFd_ = -1;

    std::mutex maintMu_;  // serialises compact / checkpoint / deleteSeries / close
    mutable std::mutex blocksMu_;
    std::vector<std::shared_ptr<Block>> blocks_;  // guarded by blocksMu_; sorted by minTime
};

}  // namespace pharos::tsdb
