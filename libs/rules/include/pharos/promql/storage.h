// The storage interface the PromQL engine reads from, and MemoryStorage, an in-memory
// implementation (used by the promqltest runner, tests and fuzzers).
// Thread-safety: Storage::select() is const and must be safe to call concurrently.
// MemoryStorage: add() must not run concurrently with anything else; select() results borrow
// its arrays and stay valid until the next add()/clear().
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "pharos/status.h"
#include "pharos/tsdb/labels.h"
#include "pharos/tsdb/matcher.h"

namespace pharos::promql {

// One series with its samples in [mint, maxt], as two parallel arrays sorted by time.
struct SelectedSeries {
    tsdb::Labels labels;
    std::span<const int64_t> t;
    std::span<const double> v;
    bool histogram = false;  // the series holds native-histogram samples (unsupported)
    std::shared_ptr<const void> owner;  // keeps t/v alive when the storage copied them
};

class Storage {
public:
    virtual ~Storage() = default;
    // Every series matching all matchers that has samples in [mint, maxt] (both inclusive), in
    // any order; only its samples in that range are returned.
    virtual Status select(std::span<const tsdb::Matcher> matchers, int64_t mint, int64_t maxt,
                          std::vector<SelectedSeries>* out) const = 0;

    // Visits the series select() would return, in the same order, one at a time. The spans
    // (and labels) of the series passed to `visit` are only valid during that call: an
    // implementation may decode every series into the same reused buffer, so a reader that
    // consumes each series at once (the engine's selectors) allocates nothing per series.
    // `visit` may throw; the storage must stay consistent. The default calls select().
    using SeriesVisitor = std::function<void(SelectedSeries&)>;
    virtual Status forEachSeries(std::span<const tsdb::Matcher> matchers, int64_t mint, int64_t maxt,
                                 const SeriesVisitor& visit) const;
};

class MemoryStorage : public Storage {
public:
    // Appends a sample; samples of a series must come in increasing time order (an equal or
    // older timestamp replaces/is inserted in order).
    void add(const tsdb::Labels& labels, int64_t t, double v);
    void markHistogram(const tsdb::Labels& labels);
    void clear();
    size_t seriesCount() const { return series_.size(); }

    Status select(std::span<const tsdb::Matcher> matchers, int64_t mint, int64_t maxt,
                  std::vector<SelectedSeries>* out) const override;

private:
    struct Data {
        tsdb::Labels labels;
        std::vector<int64_t> t;
        std::vector<double> v;
        bool histogram = false;
    };
    Data& get(const tsdb::Labels& labels);

    std::vector<std::unique_ptr<Data>> series_;
    std::vector<std::pair<uint64_t, size_t>> index_;  // (labels hash, position), sorted
};

}  // namespace pharos::promql
