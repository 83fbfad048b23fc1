// The head: the in-memory, appendable part of the TSDB. Series are found by Labels (hash map)
// and by an inverted index (postings per name=value); each series keeps sealed compressed
// chunks (best of Xor/Scaled, see chunk.h), one open Xor chunk, and optionally a buffer of
// accepted out-of-order samples.
//
// Appending: Head::appender() gives an Appender that buffers samples; commit() validates
// nothing more, logs them to the WAL (when one is attached) and makes them visible atomically
// per series; rollback() drops them. Like Prometheus, a sample older than the series' newest
// committed sample is rejected as "out of order sample" unless it is inside the out-of-order
// window; a sample at the same timestamp with a different value is rejected as "duplicate
// sample for timestamp"; an exact duplicate is accepted and ignored. Rejections are counted.
//
// Once data is persisted in blocks (db.h) the head is truncated below the newest block's end
// and samples older than that bound are rejected as "out of bounds" (minValidTime()).
// truncate() then garbage-collects the series left without samples (gc(), like Prometheus'
// Head.gc): they leave the series map, the hash index and the postings; refs are never reused.
// An appender that buffered samples for a series gc() removed re-creates it (with a new ref)
// at commit. appendRef() of a removed series' ref gives NotFound (append by labels then).
//
// Thread-safety: any number of appenders (each used by one thread) and any number of
// concurrent readers (queriers, stats, labelNames/Values). Commits run in parallel: a commit
// holds commitMu_ shared and takes exclusive commit rights on each series it touches
// (MemSeries::committer) for the time it logs and applies, so that for every series the WAL
// order of its samples is the order they were applied in (replay rebuilds what readers saw).
// Commits touching disjoint series share nothing but the WAL's short write section.
// lockCommits() (checkpoints, block cuts, deletions) and gc() hold commitMu_ exclusively: no
// commit is in flight then. mu_ guards the series map and the postings; each series has its
// own mutex for its chunks. A removed series' memory is freed only when no SeriesPin taken
// before its removal is alive (epoch-based reclamation): code that keeps a MemSeries* (or its
// labels) obtained from seriesByRef() holds a pin.
// Lock order: commitMu_ -> series commit rights (by address when waiting) -> log -> mu_ ->
// MemSeries::mu.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "pharos/status.h"
#include "pharos/tsdb/chunk.h"
#include "pharos/tsdb/labels.h"
#include "pharos/tsdb/matcher.h"
#include "pharos/tsdb/querier.h"

namespace pharos::tsdb {

using SeriesRef = uint64_t;

struct HeadOptions {
    uint32_t samplesPerChunk = 240;  // an open chunk is sealed (Xor kept or Scaled) at this size
    int64_t outOfOrderWindowMs = 0;  // 0: out-of-order samples are rejected
    size_t maxSeries = 0;            // 0: unlimited
    size_t maxLabelLength = 16 * 1024;  // bytes per label name or value; 0: unlimited
    size_t maxLabelsPerSeries = 0;   // 0: unlimited
    size_t maxSamplesPerQuery = 0;   // 0: unlimited (checked on the chunks a select touches)
};

struct HeadStats {
    uint64_t series = 0;
    uint64_t seriesCreated = 0;      // since the head was made (WAL replay included)
    uint64_t seriesRemoved = 0;      // by gc()
    uint64_t samples = 0;            // committed samples held (in-order + out-of-order)
    uint64_t chunks = 0;             // sealed + open
    uint64_t chunkBytes = 0;         // compressed bytes of sealed + open chunks
    int64_t minTime = 0, maxTime = 0;  // valid when samples > 0
    uint64_t outOfOrderRejected = 0;
    uint64_t duplicateRejected = 0;
    uint64_t outOfOrderAccepted = 0;
    uint64_t outOfBoundsRejected = 0;  // older than the newest persisted block
};

// One series' data; internal to the head but visible for the WAL replay and tests.
struct MemSeries {
    SeriesRef ref = 0;
    Labels labels;
    mutable std::mutex mu;
    std::vector<ChunkSnapshot> sealed;  // guarded by mu; sorted by time, non-overlapping
    XorChunkBuilder open;               // guarded by mu
    ScaleFacts openFacts;               // guarded by mu; the values of `open` (decides the seal)
    std::vector<std::pair<int64_t, double>> outOfOrder;  // guarded by mu; sorted by time
    bool hasSamples = false;            // guarded by mu
    int64_t lastT = 0;                  // guarded by mu; newest in-order timestamp
    uint64_t lastVBits = 0;             // guarded by mu
    uint64_t samples = 0;               // guarded by mu
    // Set by Head::gc() (commit lock held) when the series left the head's index.
    std::atomic<bool> removed{false};
    // The appender whose commit is logging / applying samples of this series (0: none).
    std::atomic<uint64_t> committer{0};
    // A series record for it is in the commit log (or it was restored from there).
    std::atomic<bool> logged{false};
};

class Head;

// While alive, no series that was in the head when the pin was taken is freed (see Head).
class SeriesPin {
public:
    SeriesPin() = default;
    SeriesPin(SeriesPin&& o) noexcept : head_(o.head_), epoch_(o.epoch_) { o.head_ = nullptr; }
    SeriesPin& operator=(SeriesPin&& o) noexcept;
    SeriesPin(const SeriesPin&) = delete;
    SeriesPin& operator=(const SeriesPin&) = delete;
    ~SeriesPin() { release(); }
    explicit operator bool() const { return head_ != nullptr; }
    void release();

private:
    friend class Head;
    SeriesPin(const Head* head, uint64_t epoch) : head_(head), epoch_(epoch) {}
    const Head* head_ = nullptr;
    uint64_t epoch_ = 0;
};

// Receives what an Appender commits, before it becomes visible (the WAL). Commits run in
// parallel: implementations must accept calls from several threads at once.
class CommitLog {
public:
    virtual ~CommitLog() = default;
    struct SeriesRecord {
        SeriesRef ref;
        const Labels* labels;
    };
    struct SampleRecord {
        SeriesRef ref;
        int64_t t;
        double v;
    };
    struct DeleteRecord {
        SeriesRef ref;
        int64_t mint, maxt;  // inclusive
    };
    virtual Status logSeries(std::span<const SeriesRecord> series) = 0;
    virtual Status logSamples(std::span<const SampleRecord> samples) = 0;
    virtual Status logDeletes(std::span<const DeleteRecord> /*deletes*/) {
        return Status::unsupported("this commit log does not record deletions");
    }
    // One commit: its new series (logged first), then its samples; either may be empty. An
    // implementation should write both at once (the default calls the two above).
    virtual Status logCommit(std::span<const SeriesRecord> series, std::span<const SampleRecord> samples) {
        if (!series.empty()) PHAROS_RETURN_IF_ERROR(logSeries(series));
        if (!samples.empty()) PHAROS_RETURN_IF_ERROR(logSamples(samples));
        return {};
    }
};

class Appender {
public:
    explicit Appender(Head* head);
    Appender(const Appender&) = delete;
    Appender& operator=(const Appender&) = delete;
    ~Appender();  // rolls back what was not committed

    // Buffers one sample. Errors: InvalidArgument (bad labels, out of order, duplicate),
    // ResourceExhausted (max series). A rejected sample leaves the others buffered.
    Result<SeriesRef> append(const Labels& labels, int64_t t, double v);
    // Faster path when the ref of a series from an earlier append is known.
    Status appendRef(SeriesRef ref, int64_t t, double v);
    Status commit();
    void rollback();
    size_t pending() const { return samples_.size(); }

private:
    Status add(MemSeries* s, int64_t t, double v);
    // Commit lock held: replaces pending series that gc() removed by re-created ones.
    Status resolveRemoved();
    // Takes the commit rights of every series in samples_ (into owned_), waiting for other
    // commits holding some of them; releaseSeries() gives them back.
    void acquireSeries();
    void releaseSeries();

    struct Pending {
        MemSeries* series;
        int64_t t;
        double v;
    };
    // Newest pending in-order sample of a series (open addressing, linear probing; a slot with
    // series == nullptr is empty). Flat so that buffering a sample does not allocate.
    struct LastPending {
        MemSeries* series = nullptr;
        int64_t t = 0;
        uint64_t vb = 0;  // value bits
    };
    const LastPending* findPending(const MemSeries* s) const;
    void setPending(MemSeries* s, int64_t t, uint64_t vb);
    void clearPending();
    // Buffers of finished appenders of this thread, reused so that a new appender's buffers
    // do not grow from empty again.
    static std::vector<Pending>& spareSamples();
    static std::vector<LastPending>& spareIndex();

    Head* head_;
    uint64_t id_;  // unique per appender, != 0 (MemSeries::committer)
    std::vector<MemSeries*> owned_;  // series whose commit rights this commit holds
    std::vector<Pending> samples_;
    std::vector<MemSeries*> newSeries_;
    std::vector<LastPending> lastPending_;  // size 0 or a power of two; all slots empty when cleared
    size_t lastPendingCount_ = 0;
    bool resolvedAny_ = false;  // resolveRemoved() replaced series in samples_
    SeriesPin pin_;  // held while samples_ / newSeries_ may point at series
};

class Head {
public:
    explicit Head(HeadOptions options = {});
    ~Head();
    Head(const Head&) = delete;
    Head& operator=(const Head&) = delete;

    std::unique_ptr<Appender> appender() { return std::make_unique<Appender>(this); }
    // enforceLimits == false: maxSamplesPerQuery is not applied (internal readers: block cuts).
    std::unique_ptr<Querier> querier(bool enforceLimits = true);
    HeadStats stats() const;
    const HeadOptions& options() const { return options_; }

    // The WAL to write commits to (not owned); null: none.
    void setCommitLog(CommitLog* log) { log_ = log; }

    // For WAL replay: recreate a series with a known ref, and add a sample directly (no
    // logging, same ordering rules; returns false when the sample was rejected).
    Status restoreSeries(SeriesRef ref, const Labels& labels);
    // force: skip the ordering check (restoring accepted out-of-order samples).
    bool restoreSample(SeriesRef ref, int64_t t, double v, bool force = false);
    // For checkpoint loading: appends a sealed chunk newer than everything the series holds.
    Status restoreSealedChunk(SeriesRef ref, ChunkSnapshot chunk, int64_t lastT, uint64_t lastVBits);

    // Samples older than this are rejected as "out of bounds" (they belong to persisted blocks)
    // and dropped silently at WAL replay. INT64_MIN: no bound.
    int64_t minValidTime() const { return minValidTime_.load(); }
    void setMinValidTime(int64_t t) { minValidTime_.store(t); }
    // Drops every sample older than `before` (after it was persisted in a block), then gc().
    // Returns the number of series removed.
    size_t truncate(int64_t before);
    // Removes every series without samples from the head (takes the commit lock; not while
    // holding lockCommits()). Returns the number removed.
    size_t gc();
    // Keeps series that readers found alive (see SeriesPin).
    SeriesPin pinSeries() const;
    // Removed series not freed yet because pins older than their removal are alive.
    size_t pendingReclaim() const;
    // The ref the next new series gets (refs only grow; kept in checkpoints).
    SeriesRef nextRef() const;
    void setNextRef(SeriesRef ref);
    // Deletes the samples of series `ref` in [mint, maxt] (re-encoding its chunks).
    void deleteRange(SeriesRef ref, int64_t mint, int64_t maxt);
    // Blocks commits while held, after the commits in flight finished (checkpoint, deletion and
    // block cuts serialise with commits).
    std::unique_lock<std::shared_mutex> lockCommits() { return std::unique_lock<std::shared_mutex>(commitMu_); }

    // The checks a new series' labels must pass (empty set, names, values, limits).
    Status validateLabels(const Labels& labels) const;

    // Series refs matching all matchers (sorted); the postings index query.
    std::vector<SeriesRef> postingsFor(std::span<const Matcher> matchers) const;
    MemSeries* seriesByRef(SeriesRef ref) const;
    // Calls fn for each series (under the index read lock).
    void forEachSeries(const std::function<void(const MemSeries&)>& fn) const;

private:
    friend class Appender;
    friend class HeadQuerier;

    Result<MemSeries*> getOrCreate(const Labels& labels, bool* created);
    MemSeries* createLocked(SeriesRef ref, const Labels& labels);
    void appendToSeries(MemSeries& s, int64_t t, double v);  // s.mu held
    enum class Verdict { InOrder, OutOfOrder, IgnoreDuplicate, RejectOutOfOrder, RejectDuplicate };
    // How a sample at t with value bits vb relates to a series whose newest sample is
    // (lastT, lastVBits) (has == false: no sample yet).
    Verdict classify(bool has, int64_t lastT, uint64_t lastVBits, int64_t t, uint64_t vb) const;
    Status rejection(Verdict v, int64_t t);
    Status outOfBounds(int64_t t);
    // Rebuilds s's chunks from samples (s.mu held); keeps lastT / lastVBits.
    void rebuildSeries(MemSeries& s, const std::vector<std::pair<int64_t, double>>& samples);
    std::vector<SeriesRef> postingsForLocked(std::span<const Matcher> matchers) const;
    size_t gcLocked();  // commitMu_ held exclusively
    friend class SeriesPin;
    void unpin(uint64_t epoch) const;

    HeadOptions options_;
    CommitLog* log_ = nullptr;
    // Shared by commits, exclusive for lockCommits() and gc().
    std::shared_mutex commitMu_;
    std::atomic<uint64_t> nextAppenderId_{1};

    mutable std::shared_mutex mu_;
    std::unordered_map<uint64_t, std::vector<MemSeries*>> byHash_;  // guarded by mu_
    std::unordered_map<SeriesRef, std::unique_ptr<MemSeries>> byRef_;  // guarded by mu_
    // The same ref -> series map in stripes with their own locks, for seriesByRef() (every
    // appendRef) without the contended mu_. Changed together with byRef_ (mu_ held, then the
    // stripe's lock; lock order mu_ -> RefStripe::mu).
    struct alignas(64) RefStripe {
        mutable std::shared_mutex mu;
        std::unordered_map<SeriesRef, MemSeries*> series;  // guarded by mu
    };
    static constexpr size_t kRefStripes = 64;
    std::array<RefStripe, kRefStripes> refStripes_;
    // name -> value -> sorted refs; each distinct name and value string is stored once here.
    std::map<std::string, std::map<std::string, std::vector<SeriesRef>, std::less<>>, std::less<>>
        postings_;                                                  // guarded by mu_
    std::vector<SeriesRef> allRefs_;                                // guarded by mu_; sorted
    SeriesRef nextRef_ = 1;                                         // guarded by mu_

    std::atomic<uint64_t> seriesCreated_{0}, seriesRemoved_{0};

    // Epoch-based reclamation of removed series.
    mutable std::mutex reclaimMu_;
    mutable uint64_t epoch_ = 0;                        // guarded by reclaimMu_
    mutable std::map<uint64_t, size_t> activePins_;     // epoch -> pins; guarded by reclaimMu_
    // (removal epoch, series); freed once every pin is newer than the removal.
    mutable std::vector<std::pair<uint64_t, std::unique_ptr<MemSeries>>> graveyard_;  // reclaimMu_

    std::atomic<int64_t> minValidTime_{INT64_MIN};
    std::atomic<uint64_t> outOfOrderRejected_{0}, duplicateRejected_{0}, outOfOrderAccepted_{0},
        outOfBoundsRejected_{0};
};

}  // namespace pharos::tsdb
