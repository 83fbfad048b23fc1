// Read side of the TSDB: a Querier selects series by label matchers over [mint, maxt] and
// returns a SeriesSet, sorted by labels, whose iterators yield (timestamp, value) in increasing
// timestamp order. StaleNaN markers are returned as stored (callers decide what they mean).
//
// Thread-safety: a Querier takes a consistent snapshot of each selected series when select()
// runs (sealed chunks are shared immutable buffers; the open chunk is copied), so iterating a
// SeriesSet never blocks the writer and never sees samples committed after select(). One writer
// and any number of queriers may run concurrently; a single SeriesSet is used by one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "pharos/status.h"
#include "pharos/tsdb/chunk.h"
#include "pharos/tsdb/labels.h"
#include "pharos/tsdb/matcher.h"

namespace pharos::tsdb {

// An immutable, shareable chunk (sealed, or a copy of an open chunk).
struct ChunkSnapshot {
    int64_t minTime = 0;
    int64_t maxTime = 0;
    uint32_t numSamples = 0;
    ChunkEncoding encoding = ChunkEncoding::Xor;
    std::shared_ptr<const std::string> payload;  // unframed payload (see chunk.h)
};

// Iterates the samples of one series inside [mint, maxt]. Allocates nothing per sample.
class SeriesIterator {
public:
    SeriesIterator() = default;
    SeriesIterator(std::vector<ChunkSnapshot> chunks,
                   std::vector<std::pair<int64_t, double>> outOfOrder, int64_t mint, int64_t maxt);

    bool next();
    // First sample with timestamp >= t (no-op when the current one already is); never backwards.
    bool seek(int64_t t);
    int64_t t() const { return t_; }
    double v() const { return v_; }
    Status err() const { return err_; }

private:
    bool nextInOrder();  // next sample of the chunks, in [mint_, maxt_]
    bool advanceChunks();

    std::vector<ChunkSnapshot> chunks_;  // sorted by time, non-overlapping
    std::vector<std::pair<int64_t, double>> ooo_;  // sorted out-of-order samples
    int64_t mint_ = 0, maxt_ = 0;
    size_t chunkIdx_ = 0;
    bool chunkOpen_ = false;
    ChunkIterator it_;
    size_t oooIdx_ = 0;
    // Merge state: the pending in-order sample.
    bool haveInOrder_ = false, inOrderDone_ = false;
    int64_t ioT_ = 0;
    double ioV_ = 0;
    bool started_ = false, done_ = false;
    int64_t t_ = 0;
    double v_ = 0;
    Status err_;
};

struct SeriesEntry {
    Labels labels;
    std::vector<ChunkSnapshot> chunks;
    std::vector<std::pair<int64_t, double>> outOfOrder;
};

class SeriesSet {
public:
    SeriesSet() = default;
    SeriesSet(std::vector<SeriesEntry> series, int64_t mint, int64_t maxt)
        : series_(std::move(series)), mint_(mint), maxt_(maxt) {}

    // Advances to the next series; false at the end.
    bool next();
    const Labels& labels() const { return series_[idx_ - 1].labels; }
    // A fresh iterator over the current series' samples in [mint, maxt].
    SeriesIterator iterator() const;
    size_t size() const { return series_.size(); }
    // The selected series (for merging result sets of several sources).
    std::vector<SeriesEntry>& entries() { return series_; }

private:
    std::vector<SeriesEntry> series_;  // sorted by labels
    int64_t mint_ = 0, maxt_ = 0;
    size_t idx_ = 0;
};

// A label name with the number of distinct series carrying it and its number of distinct values.
struct LabelNameCount {
    std::string name;
    uint64_t series = 0;
    uint64_t values = 0;
};
// A label value with the number of distinct series carrying it.
struct LabelValueCount {
    std::string value;
    uint64_t series = 0;
};

// Counts over a list of distinct label sets (each series once). Sorted by name / value.
std::vector<LabelNameCount> countLabelNames(std::span<const Labels* const> series);
std::vector<LabelValueCount> countLabelValues(std::span<const Labels* const> series, std::string_view name);

class Querier {
public:
    virtual ~Querier() = default;
    // Series matching all matchers with at least one sample in [mint, maxt] (no matchers: all
    // series). A matcher that matches "" also selects series without that label (Prometheus
    // semantics: {a=""}, {a!="x"}, {a=~".*"}, {a!~"x"}). PromQL's "at least one non-empty
    // matcher" rule belongs to the PromQL layer.
    virtual Result<SeriesSet> select(std::span<const Matcher> matchers, int64_t mint, int64_t maxt) = 0;
    // Sorted, de-duplicated label names / values of the series matching `matchers`
    // (all series when empty).
    virtual Result<std::vector<std::string>> labelNames(std::span<const Matcher> matchers) = 0;
    virtual Result<std::vector<std::string>> labelValues(std::string_view name,
                                                         std::span<const Matcher> matchers) = 0;
    // As labelNames / labelValues, with the number of distinct series (that hold samples)
    // behind each name and value; all series when `matchers` is empty. The default
    // implementations select every matching series over all time; the head's and the DB's
    // queriers answer from their postings without touching chunks.
    virtual Result<std::vector<LabelNameCount>> labelNameCounts(std::span<const Matcher> matchers);
    virtual Result<std::vector<LabelValueCount>> labelValueCounts(std::string_view name,
                                                                  std::span<const Matcher> matchers);
};

}  // namespace pharos::tsdb
