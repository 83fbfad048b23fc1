// RemoteStorage: a promql::Storage over a Prometheus-API server, for backtests (and any other
// local evaluation) of remote data, and the choice between the two ways of backtesting a rule
// file against a remote datasource:
//
//   Fetch       raw samples come to Pharos and the local engine evaluates the rules. select()
//               asks for `{matchers}[<range>]` as instant queries at the end of time slices,
//               so each answer stays under the server's sample limit (--query.max-samples): a
//               422 "query processing would load too many samples" halves the slice and asks
//               again; the slice length that worked is kept for later requests. Answers are
//               cached per selector, and prefetch() fetches every selector of a rule file once
//               (with progress and cancel) before the backtest runs.
//   QueryRange  the server evaluates each rule expression with query_range
//               (rules::BacktestOptions::rangeEvaluator) and only the results come back; the
//               local alert state machine runs over them. Rules that read series recorded by an
//               earlier rule of the file fall back to local evaluation (those series exist only
//               in the backtest).
//
// prepareBacktest() picks one: it estimates the samples to fetch (per selector, the largest
// sum(count_over_time) of three 1 h probes across its range, scaled to the range) and chooses
// QueryRange above RemoteStorageOptions::fetchSampleBudget.
//
// Caveat: the API returns no staleness markers, so a series that ended (target gone) is seen
// for one more lookback window locally; Prometheus evaluates it away at once.
//
// Thread-safety: select() and the other const methods may be called concurrently (the cache is
// guarded by a mutex); prefetch() and prepareBacktest() from one thread at a time.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "pharos/core/remote/prom_client.h"
#include "pharos/promql/storage.h"
#include "pharos/rules/backtest.h"
#include "pharos/rules/rule_file.h"

namespace pharos::core::remote {

struct RemoteStorageOptions {
    int64_t initialSliceMs = 6 * 3600 * 1000;  // first slice tried per instant query
    int64_t minSliceMs = 1000;                 // below this a sample-limit error is final
    int64_t lookbackDeltaMs = 5 * 60 * 1000;   // the engine's lookback (prefetch windows)
    // Above this many estimated samples, prepareBacktest(Auto) chooses QueryRange.
    int64_t fetchSampleBudget = 5'000'000;
    const std::atomic<bool>* cancel = nullptr;  // stops select() and prefetch()
};

struct FetchStats {
    std::atomic<quint64> requests{0};
    std::atomic<quint64> series{0};     // series answers merged (per slice)
    std::atomic<quint64> samples{0};    // raw samples fetched
    std::atomic<quint64> splits{0};     // slices halved after a sample-limit error
    std::atomic<quint64> cacheHits{0};
};

enum class BacktestStrategy { Auto, Fetch, QueryRange };
const char* strategyName(BacktestStrategy s);  // "auto", "fetch", "query_range"

class RemoteStorage : public promql::Storage {
public:
    explicit RemoteStorage(std::shared_ptr<const PromClient> client, RemoteStorageOptions options = {});

    Status select(std::span<const tsdb::Matcher> matchers, int64_t mint, int64_t maxt,
                  std::vector<promql::SelectedSeries>* out) const override;

    // Fetches every series selector of the rules once, over the window a backtest over
    // [startMs, endMs] reads (ranges, offsets, subqueries and the lookback included).
    // progress(done, total) per selector; false cancels. Selectors with `@` or duration
    // expressions are left to select().
    Status prefetch(const rules::RuleFile& rules, int64_t startMs, int64_t endMs,
                    const std::function<bool(size_t, size_t)>& progress = {});

    // Estimated raw samples a Fetch backtest over [startMs, endMs] would load.
    Result<int64_t> estimateSamples(const rules::RuleFile& rules, int64_t startMs, int64_t endMs) const;

    // A BacktestOptions::rangeEvaluator that runs query_range on the server; expressions
    // reading one of `localNames` (metric names recorded by the backtest) answer Unsupported
    // so that backtest() evaluates them locally.
    std::function<Result<promql::Matrix>(const promql::Node&, int64_t, int64_t, int64_t)> rangeEvaluator(
        std::vector<std::string> localNames = {}) const;

    const FetchStats& stats() const { return *stats_; }
    const RemoteStorageOptions& options() const { return options_; }
    const PromClient& client() const { return *client_; }
    int64_t sliceMs() const { return slice_->load(); }
    void dropCache();

private:
    struct Entry;  // cached series of one selector over [lo, hi]
    Result<std::shared_ptr<const Entry>> fetch(const std::string& selector, int64_t lo, int64_t hi) const;

    std::shared_ptr<const PromClient> client_;
    RemoteStorageOptions options_;
    std::shared_ptr<FetchStats> stats_;
    std::shared_ptr<std::atomic<int64_t>> slice_;  // current slice length (ms)
    mutable std::mutex mu_;
    mutable std::map<std::string, std::shared_ptr<const Entry>> cache_;  // guarded by mu_; key: selector text
};

// The selector text of matchers: {a="b",__name__=~"x"} (sorted, Go-quoted values).
std::string selectorText(std::span<const tsdb::Matcher> matchers);

// Prepares a backtest of `rules` over options.startMs..endMs against the remote storage:
// Fetch prefetches (progress per selector), QueryRange installs options.rangeEvaluator; Auto
// chooses by estimateSamples(). Returns the strategy used.
Result<BacktestStrategy> prepareBacktest(RemoteStorage& storage, const rules::RuleFile& rules,
                                         rules::BacktestOptions& options, BacktestStrategy wanted,
                                         const std::function<bool(size_t, size_t)>& progress = {});

// For a storage from QueryService::backtestStorage(): prepareBacktest(Auto) when it is a
// RemoteStorage, nothing for the local TSDB. Call before each rules::backtest of `rules`.
Status prepareBacktestStorage(promql::Storage& storage, const rules::RuleFile& rules,
                              rules::BacktestOptions& options,
                              const std::function<bool(size_t, size_t)>& progress = {});

}  // namespace pharos::core::remote
