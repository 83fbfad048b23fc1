// RemoteStorage: raw samples of a Prometheus-API server through instant queries of range
// selectors in time slices (halved on the server's sample limit), a per-selector cache, rule
// file prefetch, the fetch-size estimate and the query_range evaluator for backtests.
#include "pharos/core/remote/remote_storage.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "pharos/promql/parser.h"
#include "pharos/promql/printer.h"

namespace pharos::core::remote {

namespace {

tsdb::Labels toLabels(const LabelPairs& pairs) {
    std::vector<tsdb::Label> ls;
    ls.reserve(pairs.size());
    for (const auto& [n, v] : pairs) ls.push_back({n.toStdString(), v.toStdString()});
    return tsdb::Labels(std::move(ls));
}

// The window [lo, hi] each selector of an expression reads when the expression is range-
// evaluated over [start, end] (lookback, ranges, offsets and subqueries included).
struct SelectorWindows {
    std::map<std::string, std::pair<int64_t, int64_t>> windows;
    std::set<std::string> metricNames;
    bool skipped = false;  // selectors left to select() (`@`, duration expressions)
};

void collect(const promql::Node& n, int64_t extent, int64_t offset, int64_t start, int64_t end, int64_t lookback,
             SelectorWindows& out) {
    using K = promql::NodeKind;
    switch (n.kind) {
        case K::VectorSelector: {
            if (!n.metricName.empty()) out.metricNames.insert(n.metricName);
            if (n.at != promql::AtKind::None || n.offsetExpr) {
                out.skipped = true;
                return;
            }
            const int64_t off = offset + n.offsetMs;
            const int64_t lo = start - off - extent - lookback, hi = end - off;
            auto [it, fresh] = out.windows.try_emplace(selectorText(n.compiled), lo, hi);
            if (!fresh) {
                it->second.first = std::min(it->second.first, lo);
                it->second.second = std::max(it->second.second, hi);
            }
            return;
        }
        case K::MatrixSelector:
            if (n.rangeExpr) {
                out.skipped = true;
                if (n.expr && !n.expr->metricName.empty()) out.metricNames.insert(n.expr->metricName);
                return;
            }
            if (n.expr) collect(*n.expr, extent + n.rangeMs, offset, start, end, lookback, out);
            return;
        case K::Subquery:
            if (n.rangeExpr || n.offsetExpr || n.stepExpr || n.at != promql::AtKind::None) {
                out.skipped = true;
                SelectorWindows ignored;
                if (n.expr) collect(*n.expr, 0, 0, 0, 0, 0, ignored);
                out.metricNames.insert(ignored.metricNames.begin(), ignored.metricNames.end());
                return;
            }
            // The inner evaluation starts on the step grid: up to one step before the range.
            if (n.expr)
                collect(*n.expr, extent + n.rangeMs + (n.stepMs > 0 ? n.stepMs : 60'000), offset + n.offsetMs, start,
                        end, lookback, out);
            return;
        default:
            break;
    }
    if (n.expr) collect(*n.expr, extent, offset, start, end, lookback, out);
    if (n.param) collect(*n.param, extent, offset, start, end, lookback, out);
    if (n.lhs) collect(*n.lhs, extent, offset, start, end, lookback, out);
    if (n.rhs) collect(*n.rhs, extent, offset, start, end, lookback, out);
    for (const auto& a : n.args)
        if (a) collect(*a, extent, offset, start, end, lookback, out);
}

Result<SelectorWindows> ruleFileWindows(const rules::RuleFile& file, int64_t startMs, int64_t endMs, int64_t lookback) {
    SelectorWindows out;
    for (const auto& g : file.groups) {
        const int64_t qoff = g.queryOffsetMs.value_or(0);
        for (const auto& r : g.rules) {
            auto parsed = promql::parse(r.expr);
            if (!parsed.ok())
                return Status::invalidArgument("rule \"" + r.name + "\": could not parse expression: " +
                                                   parsed.status().message(),
                                               {file.path, r.exprPosition.line, r.exprPosition.column});
            collect(**parsed, 0, qoff, startMs, endMs, lookback, out);
        }
    }
    return out;
}

std::string msDuration(int64_t ms) { return std::to_string(std::max<int64_t>(ms, 1)) + "ms"; }

}  // namespace

struct RemoteStorage::Entry {
    struct Series {
        tsdb::Labels labels;
        std::vector<int64_t> t;
        std::vector<double> v;
    };
    int64_t lo = 0, hi = 0;
    std::vector<Series> series;
};

const char* strategyName(BacktestStrategy s) {
    switch (s) {
        case BacktestStrategy::Auto: return "auto";
        case BacktestStrategy::Fetch: return "fetch";
        case BacktestStrategy::QueryRange: return "query_range";
    }
    return "auto";
}

std::string selectorText(std::span<const tsdb::Matcher> matchers) {
    std::vector<std::string> parts;
    parts.reserve(matchers.size());
    for (const auto& m : matchers) parts.push_back(m.toString());
    std::sort(parts.begin(), parts.end());
    std::string out = "{";
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i) out += ',';
        out += parts[i];
    }
    return out + "}";
}

RemoteStorage::RemoteStorage(std::shared_ptr<const PromClient> client, RemoteStorageOptions options)
    : client_(std::move(client)),
      options_(options),
      stats_(std::make_shared<FetchStats>()),
      slice_(std::make_shared<std::atomic<int64_t>>(std::max<int64_t>(options.initialSliceMs, options.minSliceMs))) {}

void RemoteStorage::dropCache() {
    std::lock_guard lock(mu_);
    cache_.clear();
}

Result<std::shared_ptr<const RemoteStorage::Entry>> RemoteStorage::fetch(const std::string& selector, int64_t lo,
                                                                         int64_t hi) const {
    auto entry = std::make_shared<Entry>();
    entry->lo = lo;
    entry->hi = hi;
    std::map<tsdb::Labels, size_t> index;
    const QString sel = QString::fromStdString(selector);
    for (int64_t from = lo; from <= hi;) {
        if (options_.cancel && options_.cancel->load()) return Status::cancelled();
        const int64_t slice = slice_->load();
        const int64_t to = (hi - from) < slice ? hi : from + slice - 1;
        // `[to - from + 1]` ends at `to`: Prometheus 2.x (closed range) and 3.x (left-open)
        // both answer every sample of [from, to] (2.x one more millisecond, filtered below).
        const QString q = sel + QLatin1Char('[') + QString::fromStdString(msDuration(to - from + 1)) + QLatin1Char(']');
        QStringList warnings;
        auto r = client_->query(q, to, options_.cancel, QString(), &warnings);
        ++stats_->requests;
        if (!r.ok()) {
            if (r.status().code() == StatusCode::ResourceExhausted && to - from + 1 > options_.minSliceMs) {
                const int64_t smaller = std::max(options_.minSliceMs, (to - from + 1) / 2);
                int64_t cur = slice_->load();
                while (smaller < cur && !slice_->compare_exchange_weak(cur, smaller)) {
                }
                ++stats_->splits;
                continue;
            }
            return Status(r.status().code(), "remote datasource \"" + client_->endpoint().name.toStdString() +
                                                 "\": fetching " + selector + ": " + r.status().message());
        }
        for (const SeriesData& s : r->series) {
            tsdb::Labels labels = toLabels(s.labels);
            auto [it, fresh] = index.try_emplace(std::move(labels), entry->series.size());
            if (fresh) entry->series.push_back({it->first, {}, {}});
            auto& dst = entry->series[it->second];
            for (size_t i = 0; i < s.timestamps.size(); ++i) {
                if (s.timestamps[i] < from || s.timestamps[i] > to) continue;
                if (!dst.t.empty() && s.timestamps[i] <= dst.t.back()) continue;
                dst.t.push_back(s.timestamps[i]);
                dst.v.push_back(s.values[i]);
                ++stats_->samples;
            }
            ++stats_->series;
        }
        from = to + 1;
    }
    return std::shared_ptr<const Entry>(std::move(entry));
}

Status RemoteStorage::select(std::span<const tsdb::Matcher> matchers, int64_t mint, int64_t maxt,
                             std::vector<promql::SelectedSeries>* out) const {
    if (maxt < mint) return Status();
    const std::string key = selectorText(matchers);
    std::shared_ptr<const Entry> entry;
    {
        std::lock_guard lock(mu_);
        auto it = cache_.find(key);
        if (it != cache_.end() && it->second->lo <= mint && it->second->hi >= maxt) entry = it->second;
    }
    if (entry) {
        ++stats_->cacheHits;
    } else {
        PHAROS_ASSIGN_OR_RETURN(entry, fetch(key, mint, maxt));
        std::lock_guard lock(mu_);
        auto& slot = cache_[key];
        if (!slot || slot->hi - slot->lo <= entry->hi - entry->lo) slot = entry;
    }
    for (const auto& s : entry->series) {
        const auto b = std::lower_bound(s.t.begin(), s.t.end(), mint);
        const auto e = std::upper_bound(b, s.t.end(), maxt);
        if (b == e) continue;
        const size_t i = static_cast<size_t>(b - s.t.begin()), n = static_cast<size_t>(e - b);
        promql::SelectedSeries sel;
        sel.labels = s.labels;
        sel.t = std::span<const int64_t>(s.t.data() + i, n);
        sel.v = std::span<const double>(s.v.data() + i, n);
        sel.owner = entry;
        out->push_back(std::move(sel));
    }
    return Status();
}

Status RemoteStorage::prefetch(const rules::RuleFile& rules, int64_t startMs, int64_t endMs,
                               const std::function<bool(size_t, size_t)>& progress) {
    PHAROS_ASSIGN_OR_RETURN(SelectorWindows sw, ruleFileWindows(rules, startMs, endMs, options_.lookbackDeltaMs));
    size_t done = 0;
    for (const auto& [key, window] : sw.windows) {
        if (options_.cancel && options_.cancel->load()) return Status::cancelled();
        PHAROS_ASSIGN_OR_RETURN(auto entry, fetch(key, window.first, window.second));
        {
            std::lock_guard lock(mu_);
            cache_[key] = std::move(entry);
        }
        ++done;
        if (progress && !progress(done, sw.windows.size())) return Status::cancelled();
    }
    return Status();
}

Result<int64_t> RemoteStorage::estimateSamples(const rules::RuleFile& rules, int64_t startMs, int64_t endMs) const {
    PHAROS_ASSIGN_OR_RETURN(SelectorWindows sw, ruleFileWindows(rules, startMs, endMs, options_.lookbackDeltaMs));
    constexpr int64_t kHuge = std::numeric_limits<int64_t>::max() / 4;
    double total = 0;
    for (const auto& [key, window] : sw.windows) {
        const int64_t width = window.second - window.first + 1;
        const int64_t probe = std::min<int64_t>(width, 3600 * 1000);
        // Samples in three probe windows (start, middle, end of the range); the largest, scaled
        // up (a range that begins before the data must not hide a large fetch).
        double most = 0;
        const int64_t times[] = {window.first + probe - 1, window.first + width / 2 + probe / 2, window.second};
        for (int64_t t : times) {
            const QString q = QStringLiteral("sum(count_over_time(%1[%2]))")
                                  .arg(QString::fromStdString(key), QString::fromStdString(msDuration(probe)));
            auto r = client_->query(q, std::min(t, window.second), options_.cancel);
            if (!r.ok()) {
                if (r.status().code() == StatusCode::ResourceExhausted) return kHuge;  // a probe alone is too much
                return r.status();
            }
            if (!r->series.empty() && !r->series.front().values.empty() && std::isfinite(r->series.front().values.front()))
                most = std::max(most, r->series.front().values.front());
        }
        total += most * static_cast<double>(width) / static_cast<double>(probe);
    }
    return total >= static_cast<double>(kHuge) ? kHuge : static_cast<int64_t>(std::llround(total));
}

std::function<Result<promql::Matrix>(const promql::Node&, int64_t, int64_t, int64_t)> RemoteStorage::rangeEvaluator(
    std::vector<std::string> localNames) const {
    return [client = client_, cancel = options_.cancel, names = std::move(localNames)](
               const promql::Node& expr, int64_t start, int64_t end, int64_t step) -> Result<promql::Matrix> {
        if (!names.empty()) {
            SelectorWindows sw;
            collect(expr, 0, 0, 0, 0, 0, sw);
            for (const auto& n : names)
                if (sw.metricNames.count(n)) return Status::unsupported("reads a series recorded by the backtest");
        }
        auto r = client->queryRange(QString::fromStdString(promql::format(expr)), start, end, step, cancel);
        if (!r.ok()) return r.status();
        promql::Matrix m;
        m.reserve(r->series.size());
        for (const SeriesData& s : r->series) {
            promql::Series& out = m.emplace_back();
            out.labels = toLabels(s.labels);
            out.points.reserve(s.timestamps.size());
            for (size_t i = 0; i < s.timestamps.size(); ++i) out.points.push_back({s.timestamps[i], s.values[i]});
        }
        return m;
    };
}

Result<BacktestStrategy> prepareBacktest(RemoteStorage& storage, const rules::RuleFile& rules,
                                         rules::BacktestOptions& options, BacktestStrategy wanted,
                                         const std::function<bool(size_t, size_t)>& progress) {
    BacktestStrategy use = wanted;
    if (use == BacktestStrategy::Auto) {
        PHAROS_ASSIGN_OR_RETURN(int64_t estimate, storage.estimateSamples(rules, options.startMs, options.endMs));
        use = estimate > storage.options().fetchSampleBudget ? BacktestStrategy::QueryRange : BacktestStrategy::Fetch;
    }
    if (use == BacktestStrategy::Fetch) {
        options.rangeEvaluator = nullptr;
        PHAROS_RETURN_IF_ERROR(storage.prefetch(rules, options.startMs, options.endMs, progress));
        return use;
    }
    std::vector<std::string> recorded;
    for (const auto& g : rules.groups)
        for (const auto& r : g.rules)
            if (r.kind == rules::Rule::Kind::Recording) recorded.push_back(r.name);
    options.rangeEvaluator = storage.rangeEvaluator(std::move(recorded));
    return use;
}

Status prepareBacktestStorage(promql::Storage& storage, const rules::RuleFile& rules,
                              rules::BacktestOptions& options, const std::function<bool(size_t, size_t)>& progress) {
    auto* remote = dynamic_cast<RemoteStorage*>(&storage);
    if (!remote) return {};
    return prepareBacktest(*remote, rules, options, BacktestStrategy::Auto, progress).status();
}

}  // namespace pharos::core::remote
