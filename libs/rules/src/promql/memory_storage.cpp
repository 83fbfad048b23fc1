// MemoryStorage: series kept as sorted t/v arrays, found by a label-hash index; select() scans
// all series with the matchers (fine for test-sized data).
#include <algorithm>

#include "pharos/promql/storage.h"

namespace pharos::promql {

Status Storage::forEachSeries(std::span<const tsdb::Matcher> matchers, int64_t mint, int64_t maxt,
                              const SeriesVisitor& visit) const {
    std::vector<SelectedSeries> all;
    PHAROS_RETURN_IF_ERROR(select(matchers, mint, maxt, &all));
    for (auto& s : all) visit(s);
    return Status();
}

MemoryStorage::Data& MemoryStorage::get(const tsdb::Labels& labels) {
    uint64_t h = labels.hash();
    auto it = std::lower_bound(index_.begin(), index_.end(), std::make_pair(h, size_t{0}));
    for (; it != index_.end() && it->first == h; ++it) {
        if (series_[it->second]->labels == labels) return *series_[it->second];
    }
    auto d = std::make_unique<Data>();
    d->labels = labels;
    series_.push_back(std::move(d));
    index_.insert(it, {h, series_.size() - 1});
    return *series_.back();
}

void MemoryStorage::add(const tsdb::Labels& labels, int64_t t, double v) {
    Data& d = get(labels);
    if (d.t.empty() || d.t.back() < t) {
        d.t.push_back(t);
        d.v.push_back(v);
        return;
    }
    auto it = std::lower_bound(d.t.begin(), d.t.end(), t);
    size_t i = static_cast<size_t>(it - d.t.begin());
    if (it != d.t.end() && *it == t) {
        d.v[i] = v;
        return;
    }
    d.t.insert(it, t);
    d.v.insert(d.v.begin() + static_cast<std::ptrdiff_t>(i), v);
}

void MemoryStorage::markHistogram(const tsdb::Labels& labels) { get(labels).histogram = true; }

void MemoryStorage::clear() {
    series_.clear();
    index_.clear();
}

Status MemoryStorage::select(std::span<const tsdb::Matcher> matchers, int64_t mint, int64_t maxt,
                             std::vector<SelectedSeries>* out) const {
    for (const auto& d : series_) {
        bool ok = true;
        for (const auto& m : matchers) {
            if (!m.matches(d->labels.get(m.name()))) {
                ok = false;
                break;
            }
        }
        if (!ok) continue;
        auto lo = std::lower_bound(d->t.begin(), d->t.end(), mint);
        auto hi = std::upper_bound(lo, d->t.end(), maxt);
        if (lo == hi && !d->histogram) continue;
        SelectedSeries s;
        s.labels = d->labels;
        size_t a = static_cast<size_t>(lo - d->t.begin());
        size_t n = static_cast<size_t>(hi - lo);
        s.t = std::span<const int64_t>(d->t.data() + a, n);
        s.v = std::span<const double>(d->v.data() + a, n);
        s.histogram = d->histogram;
        out->push_back(std::move(s));
    }
    return Status();
}

}  // namespace pharos::promql
