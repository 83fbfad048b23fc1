// SubexprCache (engine.h): range queries that share calls and aggregations through the cache give
// bit-identical results, annotations and limit errors to fresh evaluation, on one or two threads;
// a shared entry is computed once (a second query asking for it meanwhile waits); and the
// SelectCache's in-flight marker (select_cache.h) makes a second thread wait for a selection
// being decoded instead of decoding it again.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

#include "../../../libs/rules/src/promql/select_cache.h"
#include "pharos/promql/engine.h"
#include "pharos/promql/parser.h"

namespace pharos::promql {
namespace {

using tsdb::Labels;

constexpr int64_t kHour = 3600 * 1000;

// Counters (with resets), gauges and classic histogram buckets, irregularly spaced, with gaps.
MemoryStorage randomStorage(unsigned seed) {
    MemoryStorage st;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> uni(0, 1);
    for (int s = 0; s < 8; ++s) {
        const std::string job = "j" + std::to_string(s % 3), inst = "i" + std::to_string(s);
        const Labels req{{"__name__", "req_total"}, {"job", job}, {"instance", inst}};
        const Labels mem{{"__name__", "mem"}, {"job", job}, {"instance", inst}};
        double c = 0, m = 100;
        std::vector<double> buckets(4, 0);
        for (int64_t t = 0; t < 4 * kHour; t += 10'000 + static_cast<int64_t>(rng() % 15) * 1000) {
            if (uni(rng) < 0.03) continue;  // gap
            c = uni(rng) < 0.01 ? 0 : c + std::floor(uni(rng) * 20);
            st.add(req, t, c);
            m = std::max(0.0, m + (uni(rng) - 0.5) * 10);
            st.add(mem, t, uni(rng) < 0.01 ? staleNaN() : m);
            double cum = 0;
            const char* les[] = {"0.1", "0.5", "1", "+Inf"};
            for (size_t b = 0; b < 4; ++b) {
                buckets[b] += std::floor(uni(rng) * 5);
                cum += buckets[b];
                st.add(Labels{{"__name__", "lat_bucket"}, {"job", job}, {"instance", inst}, {"le", les[b]}}, t,
                       cum);
            }
        }
    }
    return st;
}

bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void expectIdentical(const Result<QueryResult>& fresh, const Result<QueryResult>& cached, const std::string& what) {
    SCOPED_TRACE(what);
    ASSERT_EQ(fresh.ok(), cached.ok()) << (fresh.ok() ? cached.status() : fresh.status()).toString();
    if (!fresh.ok()) {
        EXPECT_EQ(fresh.status().toString(), cached.status().toString());
        return;
    }
    EXPECT_EQ(fresh->type, cached->type);
    EXPECT_EQ(fresh->annotations.warnings, cached->annotations.warnings);
    EXPECT_EQ(fresh->annotations.infos, cached->annotations.infos);
    ASSERT_EQ(fresh->matrix.size(), cached->matrix.size());
    for (size_t i = 0; i < fresh->matrix.size(); ++i) {
        const Series &a = fresh->matrix[i], &b = cached->matrix[i];
        EXPECT_EQ(a.labels, b.labels);
        ASSERT_EQ(a.points.size(), b.points.size()) << a.labels.toString();
        for (size_t k = 0; k < a.points.size(); ++k) {
            EXPECT_EQ(a.points[k].t, b.points[k].t);
            EXPECT_TRUE(sameBits(a.points[k].v, b.points[k].v))
                << a.labels.toString() << " at " << a.points[k].t << ": " << a.points[k].v << " vs " << b.points[k].v;
        }
    }
}

// Rule-like expressions that repeat calls and aggregations, with offsets, @, subqueries (whose
// bodies are not shared), warnings and infos (quantile out of range, histogram fix-ups).
const std::vector<std::string> kExprs = {
    "sum by (job) (rate(req_total[5m])) > 3",
    "rate(req_total[5m])",
    "sum by (job) (rate(req_total[5m])) / ignoring (instance) group_left sum by (job) (rate(req_total[5m]))",
    "sum by (job) (rate(req_total[5m])) < 0.9 * sum by (job) (rate(req_total[5m] offset 1h))",
    "sum by (job) (rate(req_total[5m] offset 1h))",
    "histogram_quantile(0.9, sum by (job, le) (rate(lat_bucket[5m])))",
    "histogram_quantile(0.5, sum by (job, le) (rate(lat_bucket[5m]))) > 0.2",
    "histogram_quantile(1.5, sum by (le) (rate(lat_bucket[5m])))",
    "histogram_quantile(1.5, sum by (le) (rate(lat_bucket[5m]))) * 2",
    "quantile(2, rate(req_total[5m])) + quantile(2, rate(req_total[5m]))",
    "rate(req_total[5m] @ 7200) * on (instance) group_left max by (instance) (mem)",
    "max by (instance) (mem) > 100",
    "max_over_time(sum by (job) (rate(req_total[5m]))[30m:1m])",
    "max_over_time(sum by (job) (rate(req_total[5m]))[30m:1m]) - sum by (job) (rate(req_total[5m]))",
    "avg_over_time(mem[10m] @ end()) - avg_over_time(mem[10m] @ end())",
    "-sum by (job) (rate(req_total[5m]))",
    "abs(-sum by (job) (rate(req_total[5m])))",
    "count(rate(req_total[5m]) > 0.5)",
    "time() - scalar(max(mem))",
    "scalar(max(mem))",
};

TEST(SubexprCache, RangeQueriesEqualFreshEvaluationOnOneAndTwoThreads) {
    const MemoryStorage st = randomStorage(11);
    std::vector<NodePtr> exprs;
    for (const auto& e : kExprs) {
        auto p = parse(e);
        ASSERT_TRUE(p.ok()) << e << ": " << p.status().toString();
        exprs.push_back(std::move(p).value());
    }
    const int64_t start = 1 * kHour + 7000, end = 4 * kHour, step = 30'000;
    std::vector<Result<QueryResult>> fresh;
    for (const auto& e : exprs) fresh.push_back(rangeQuery(st, *e, start, end, step));
    size_t points = 0, warnings = 0;
    for (const auto& r : fresh) {
        ASSERT_TRUE(r.ok()) << r.status().toString();
        for (const auto& s : r->matrix) points += s.points.size();
        warnings += r->annotations.warnings.size();
    }
    EXPECT_GT(points, 10'000u);
    EXPECT_GT(warnings, 0u);  // the quantiles out of range

    for (int threads : {1, 2}) {
        SCOPED_TRACE("threads " + std::to_string(threads));
        SubexprCache cache;
        for (const auto& e : exprs) cache.plan(*e, start, end, step);
        EngineOptions o;
        o.subexprCache = &cache;
        std::vector<std::optional<Result<QueryResult>>> got(exprs.size());
        std::atomic<size_t> next{0};
        auto work = [&] {
            for (size_t i = next++; i < exprs.size(); i = next++) got[i] = rangeQuery(st, *exprs[i], start, end, step, o);
        };
        std::vector<std::thread> pool;
        for (int t = 1; t < threads; ++t) pool.emplace_back(work);
        work();
        for (auto& t : pool) t.join();
        for (size_t i = 0; i < exprs.size(); ++i) expectIdentical(fresh[i], *got[i], kExprs[i]);
        const SubexprCache::Stats s = cache.stats();
        EXPECT_GE(s.sharedKeys, 8u);
        EXPECT_EQ(s.computed, s.sharedKeys);  // every shared entry computed exactly once
        EXPECT_GT(s.hits, s.sharedKeys);
        EXPECT_EQ(s.notKept, 0u);
        EXPECT_GT(s.peakSamples, 0);
    }
}

TEST(SubexprCache, UnplannedRangesAndSubqueryBodiesAreEvaluatedFresh) {
    const MemoryStorage st = randomStorage(5);
    auto a = parse("sum by (job) (rate(req_total[5m]))");
    auto b = parse("sum by (job) (rate(req_total[5m])) * 2");
    ASSERT_TRUE(a.ok() && b.ok());
    SubexprCache cache;
    cache.plan(**a, 0, 2 * kHour, 60'000);
    cache.plan(**b, 0, 2 * kHour, 60'000);
    EngineOptions o;
    o.subexprCache = &cache;
    // Another step: nothing planned matches, nothing is shared.
    expectIdentical(rangeQuery(st, **a, 0, 2 * kHour, 30'000), rangeQuery(st, **a, 0, 2 * kHour, 30'000, o), "step");
    expectIdentical(instantQuery(st, **b, kHour), instantQuery(st, **b, kHour, o), "instant");
    EXPECT_EQ(cache.stats().hits, 0u);
    EXPECT_EQ(cache.stats().computed, 0u);
    expectIdentical(rangeQuery(st, **a, 0, 2 * kHour, 60'000), rangeQuery(st, **a, 0, 2 * kHour, 60'000, o), "a");
    expectIdentical(rangeQuery(st, **b, 0, 2 * kHour, 60'000), rangeQuery(st, **b, 0, 2 * kHour, 60'000, o), "b");
    EXPECT_EQ(cache.stats().sharedKeys, 1u);  // the sum; rate() below it is asked for once
    EXPECT_EQ(cache.stats().computed, 1u);
    EXPECT_EQ(cache.stats().hits, 1u);
}

TEST(SubexprCache, SampleLimitCountsSharedResultsAsFreshEvaluationDoes) {
    const MemoryStorage st = randomStorage(3);
    auto e = parse("sum(rate(req_total[5m])) + sum(rate(req_total[5m]))");
    ASSERT_TRUE(e.ok());
    const int64_t start = kHour, end = 3 * kHour, step = 60'000;
    // Find the smallest limit fresh evaluation passes with; one below it must fail alike.
    EngineOptions lim;
    int64_t lo = 1, hi = 50'000'000;
    while (lo < hi) {
        lim.maxSamples = (lo + hi) / 2;
        if (rangeQuery(st, **e, start, end, step, lim).ok()) hi = lim.maxSamples;
        else lo = lim.maxSamples + 1;
    }
    for (int64_t limit : {lo - 1, lo}) {
        SubexprCache cache;
        cache.plan(**e, start, end, step);
        EngineOptions o;
        o.maxSamples = limit;
        const auto fresh = rangeQuery(st, **e, start, end, step, o);
        o.subexprCache = &cache;
        const auto cached = rangeQuery(st, **e, start, end, step, o);
        EXPECT_EQ(fresh.ok(), limit == lo);
        expectIdentical(fresh, cached, "limit " + std::to_string(limit));
        if (limit == lo) {
            EXPECT_EQ(cache.stats().hits, 1u);
        }
    }
}

TEST(SubexprCache, OverTheMemoryBudgetEntriesAreNotKept) {
    const MemoryStorage st = randomStorage(9);
    auto e = parse("rate(req_total[5m]) / rate(req_total[5m])");
    ASSERT_TRUE(e.ok());
    SubexprCache cache(10);  // far fewer points than rate() returns
    cache.plan(**e, 0, 2 * kHour, 60'000);
    EngineOptions o;
    o.subexprCache = &cache;
    expectIdentical(rangeQuery(st, **e, 0, 2 * kHour, 60'000), rangeQuery(st, **e, 0, 2 * kHour, 60'000, o), "budget");
    EXPECT_EQ(cache.stats().notKept, 2u);  // computed twice, kept neither time
    EXPECT_EQ(cache.stats().hits, 0u);
}

// A storage whose select() of one metric blocks until the test opens a gate, counting calls.
class GatedStorage final : public Storage {
public:
    explicit GatedStorage(const Storage& base) : base_(base) {}
    Status select(std::span<const tsdb::Matcher> matchers, int64_t mint, int64_t maxt,
                  std::vector<SelectedSeries>* out) const override {
        {
            std::unique_lock lock(mu_);
            ++calls_;
            cv_.notify_all();
            cv_.wait(lock, [this] { return open_; });
        }
        return base_.select(matchers, mint, maxt, out);
    }
    void waitForCalls(int n) const {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return calls_ >= n; });
    }
    void open() {
        std::lock_guard lock(mu_);
        open_ = true;
        cv_.notify_all();
    }
    int calls() const {
        std::lock_guard lock(mu_);
        return calls_;
    }

private:
    const Storage& base_;
    mutable std::mutex mu_;
    mutable std::condition_variable cv_;
    mutable int calls_ = 0;
    bool open_ = false;
};

template <class Pred>
bool eventually(Pred p) {
    for (int i = 0; i < 1000; ++i) {
        if (p()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
}

TEST(SubexprCache, SecondQueryWaitsForTheEntryInFlight) {
    const MemoryStorage base = randomStorage(21);
    GatedStorage st(base);
    auto a = parse("sum by (job) (rate(req_total[5m])) > 1");
    auto b = parse("sum by (job) (rate(req_total[5m])) * 2");
    ASSERT_TRUE(a.ok() && b.ok());
    const int64_t start = kHour, end = 3 * kHour, step = 60'000;
    SubexprCache cache;
    cache.plan(**a, start, end, step);
    cache.plan(**b, start, end, step);
    EngineOptions o;
    o.subexprCache = &cache;
    std::optional<Result<QueryResult>> ra, rb;
    std::thread first([&] { ra = rangeQuery(st, **a, start, end, step, o); });
    st.waitForCalls(1);  // the first query computes the sum and is held in its selection
    std::thread second([&] { rb = rangeQuery(st, **b, start, end, step, o); });
    EXPECT_TRUE(eventually([&] { return cache.stats().waits == 1; }));
    st.open();
    first.join();
    second.join();
    EXPECT_EQ(st.calls(), 1);  // the selector was read once, for the one computation
    EXPECT_EQ(cache.stats().computed, 1u);
    EXPECT_EQ(cache.stats().hits, 1u);
    expectIdentical(rangeQuery(base, **a, start, end, step), *ra, "a");
    expectIdentical(rangeQuery(base, **b, start, end, step), *rb, "b");
}

TEST(SubexprCache, WaitersComputeThemselvesWhenTheFirstQueryFails) {
    const MemoryStorage base = randomStorage(4);
    GatedStorage st(base);
    auto a = parse("sum by (job) (rate(req_total[5m]))");
    ASSERT_TRUE(a.ok());
    const int64_t start = kHour, end = 3 * kHour, step = 60'000;
    SubexprCache cache;
    cache.plan(**a, start, end, step);
    cache.plan(**a, start, end, step);
    EngineOptions failing;
    failing.subexprCache = &cache;
    failing.maxSamples = 1;  // the first query fails once its selection returns
    EngineOptions ok;
    ok.subexprCache = &cache;
    std::optional<Result<QueryResult>> ra, rb;
    std::thread first([&] { ra = rangeQuery(st, **a, start, end, step, failing); });
    st.waitForCalls(1);
    std::thread second([&] { rb = rangeQuery(st, **a, start, end, step, ok); });
    EXPECT_TRUE(eventually([&] { return cache.stats().waits == 1; }));
    st.open();
    first.join();
    second.join();
    ASSERT_FALSE(ra->ok());
    EXPECT_EQ(ra->status().code(), StatusCode::ResourceExhausted);
    expectIdentical(rangeQuery(base, **a, start, end, step), *rb, "waiter");
    EXPECT_EQ(st.calls(), 2);
    EXPECT_EQ(cache.stats().computed, 2u);
}

TEST(SelectCacheInFlight, SecondSelectionWaitsForTheOneBeingDecoded) {
    const MemoryStorage base = randomStorage(8);
    GatedStorage gated(base);
    detail::SelectCache cache(gated);
    const std::vector<tsdb::Matcher> m = {*tsdb::Matcher::make(tsdb::MatchType::Equal, "__name__", "req_total")};
    std::vector<SelectedSeries> wide, narrow, want;
    Status sw, sn;
    std::thread first([&] { sw = cache.select(m, 0, 3 * kHour, &wide); });
    gated.waitForCalls(1);
    std::thread second([&] { sn = cache.select(m, kHour, 2 * kHour, &narrow); });  // inside the first
    EXPECT_TRUE(eventually([&] { return cache.waits() == 1; }));
    gated.open();
    first.join();
    second.join();
    ASSERT_TRUE(sw.ok() && sn.ok());
    EXPECT_EQ(gated.calls(), 1);
    EXPECT_EQ(cache.misses(), 1u);
    EXPECT_EQ(cache.hits(), 1u);
    ASSERT_TRUE(base.select(m, kHour, 2 * kHour, &want).ok());
    ASSERT_EQ(narrow.size(), want.size());
    size_t samples = 0;
    for (size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(narrow[i].labels, want[i].labels);
        ASSERT_EQ(narrow[i].t.size(), want[i].t.size());
        for (size_t k = 0; k < want[i].t.size(); ++k) {
            EXPECT_EQ(narrow[i].t[k], want[i].t[k]);
            EXPECT_TRUE(sameBits(narrow[i].v[k], want[i].v[k]));
        }
        samples += want[i].t.size();
    }
    EXPECT_GT(samples, 1000u);
    // A wider selection than any in flight or cached is decoded anew.
    std::vector<SelectedSeries> wider;
    ASSERT_TRUE(cache.select(m, 0, 4 * kHour, &wider).ok());
    EXPECT_EQ(gated.calls(), 2);
}

}  // namespace
}  // namespace pharos::promql
