// Persistent blocks: immutable time ranges [minTime, maxTime) of series, cut from the head or
// compacted from smaller blocks. A block is a directory with four files (byte layout in
// libs/tsdb/FORMAT.md §Blocks): `meta` (range, level, counts, source blocks), `index` (symbol
// table, series with their label sets and chunk references), `chunks` (zstd-compressed pages
// of framed chunks, a CRC32C per page and per chunk) and an optional `tombstones` (deleted
// time ranges per series, the only file rewritten after the block is written).
//
// index and chunks are read through mmap. The index is parsed once at open (labels, chunk
// references, postings); chunk pages are decompressed on demand, checked, and kept in a small
// cache.
//
// Thread-safety: a Block is shared between threads through shared_ptr; every const method may
// be called concurrently. addTombstones() may run concurrently with readers (tombstones are
// guarded by a mutex and replaced atomically on disk). Deleting a block's directory while it is
// mapped is safe: the mapping stays valid until the last reference goes away.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "pharos/status.h"
#include "pharos/tsdb/labels.h"
#include "pharos/tsdb/matcher.h"
#include "pharos/tsdb/querier.h"

namespace pharos::tsdb {

struct BlockMeta {
    std::string id;           // the directory name
    int64_t minTime = 0;      // inclusive
    int64_t maxTime = 0;      // exclusive
    uint32_t level = 1;       // 1: cut from the head; n > 1: compacted
    uint64_t numSeries = 0;
    uint64_t numSamples = 0;
    uint64_t numChunks = 0;
    std::vector<std::string> sources;  // ids of the blocks this one replaced (compaction)
};

// A deleted, inclusive time range of one series.
struct Tombstone {
    int64_t minTime = 0;
    int64_t maxTime = 0;
};

// One series handed to the block writer: samples sorted by strictly increasing timestamp,
// or (t and v empty) already encoded chunks, sorted and non-overlapping, copied as they are
// (compaction of non-overlapping blocks without deletions).
struct BlockSeriesInput {
    Labels labels;
    std::vector<int64_t> t;
    std::vector<double> v;
    std::vector<ChunkSnapshot> chunks;
};

struct BlockWriteOptions {
    uint32_t samplesPerChunk = 240;
    int zstdLevel = 3;
    size_t pageBytes = 256 * 1024;  // uncompressed bytes of chunks per zstd page (at least)
};

// Fills *series with the next series in increasing label order; false at the end.
using BlockSeriesSource = std::function<Result<bool>(BlockSeriesInput* series)>;

// Writes a new block into parentDir/<meta.id> (through parentDir/<id>.tmp, fsync, rename).
// meta.minTime/maxTime/level/sources are taken from `meta`; counts are filled in. A block with
// no series is not written (Result holds meta with numSeries == 0).
Result<BlockMeta> writeBlock(const std::string& parentDir, BlockMeta meta, const BlockSeriesSource& source,
                             const BlockWriteOptions& options = {});

// A new, unique block id: "b<minTime 16 hex>-<level>-<8 random hex>".
std::string newBlockId(int64_t minTime, uint32_t level);

class Block {
public:
    // Opens and maps a block directory. Errors: Corruption (bad header, checksum, layout),
    // IoError, FailedPrecondition (unknown version).
    static Result<std::shared_ptr<Block>> open(const std::string& dir);
    ~Block();
    Block(const Block&) = delete;
    Block& operator=(const Block&) = delete;

    const BlockMeta& meta() const { return meta_; }
    const std::string& dir() const { return dir_; }
    uint64_t diskBytes() const;
    bool overlaps(int64_t mint, int64_t maxt) const {  // maxt inclusive
        return meta_.minTime <= maxt && meta_.maxTime > mint;
    }

    size_t numSeries() const { return series_.size(); }
    const Labels& seriesLabels(uint32_t i) const { return series_[i].labels; }
    uint64_t seriesSamples(uint32_t i) const;
    // Indices (sorted) of the series matching all matchers; Prometheus empty-match semantics.
    std::vector<uint32_t> postingsFor(std::span<const Matcher> matchers) const;
    // The chunks of series i that overlap [mint, maxt] (inclusive), decompressed and checked.
    // Errors: Corruption naming the block and page.
    Status chunks(uint32_t i, int64_t mint, int64_t maxt, std::vector<ChunkSnapshot>* out) const;
    // The deleted ranges of series i (empty: none).
    std::vector<Tombstone> tombstones(uint32_t i) const;
    bool hasTombstones() const;
    // Adds deleted ranges and rewrites the tombstones file atomically.
    Status addTombstones(std::span<const std::pair<uint32_t, Tombstone>> add);
    // Reads every page and chunk; returns the first problem found (Corruption), counting
    // damaged pages in *badPages when given.
    Status verify(uint64_t* badPages = nullptr) const;

private:
    Block() = default;
    struct ChunkRef {
        int64_t minTime, maxTime;
        uint32_t numSamples;
        uint64_t page;    // file offset of the page header in `chunks`
        uint32_t offset;  // offset of the framed chunk in the decompressed page
        uint32_t length;  // framed length
    };
    struct SeriesInfo {
        Labels labels;
        std::vector<ChunkRef> chunks;  // sorted by time, non-overlapping
    };
    Result<std::shared_ptr<const std::string>> page(uint64_t offset) const;
    Status loadIndex(std::string_view data);
    Status loadTombstones();

    std::string dir_;
    BlockMeta meta_;
    void* indexMap_ = nullptr;
    size_t indexSize_ = 0;
    void* chunksMap_ = nullptr;
    size_t chunksSize_ = 0;
    std::vector<SeriesInfo> series_;  // sorted by labels; immutable after open
    std::map<std::string, std::map<std::string, std::vector<uint64_t>, std::less<>>, std::less<>>
        postings_;  // immutable after open; series indices
    std::vector<uint64_t> allIndices_;  // 0..series-1, immutable after open

    mutable std::mutex mu_;
    std::map<uint32_t, std::vector<Tombstone>> tombstones_;  // guarded by mu_
    mutable std::map<uint64_t, std::shared_ptr<const std::string>> pageCache_;  // guarded by mu_
    mutable std::vector<uint64_t> pageCacheOrder_;  // guarded by mu_; oldest first
};

}  // namespace pharos::tsdb
