// TsdbStorage: decodes tsdb::Querier series into the engine's contiguous sample arrays.
#include "pharos/promql/tsdb_storage.h"

namespace pharos::promql {

namespace {
struct OwnedSamples {
    std::vector<int64_t> t;
    std::vector<double> v;
};

// Decodes the current series of `set` (entry i) into `into` (cleared first).
Status decodeSeries(tsdb::SeriesSet& set, const tsdb::SeriesEntry& entry, OwnedSamples* into) {
    into->t.clear();
    into->v.clear();
    // Upper bound of the samples in range: no regrowth while decoding.
    size_t bound = entry.outOfOrder.size();
    for (const auto& c : entry.chunks) bound += c.numSamples;
    into->t.reserve(bound);
    into->v.reserve(bound);
    tsdb::SeriesIterator it = set.iterator();
    while (it.next()) {
        into->t.push_back(it.t());
        into->v.push_back(it.v());
    }
    return it.err();
}
}  // namespace

Status TsdbStorage::select(std::span<const tsdb::Matcher> matchers, int64_t mint, int64_t maxt,
                           std::vector<SelectedSeries>* out) const {
    auto set = querier_->select(matchers, mint, maxt);
    if (!set.ok()) return set.status();
    out->reserve(out->size() + set->size());
    auto& entries = set->entries();
    for (size_t i = 0; set->next(); ++i) {
        auto owned = std::make_shared<OwnedSamples>();
        PHAROS_RETURN_IF_ERROR(decodeSeries(*set, entries[i], owned.get()));
        if (owned->t.empty()) continue;
        SelectedSeries s;
        s.labels = std::move(entries[i].labels);  // the iterator does not need them
        s.t = std::span<const int64_t>(owned->t);
        s.v = std::span<const double>(owned->v);
        s.owner = std::move(owned);
        out->push_back(std::move(s));
    }
    return Status();
}

Status TsdbStorage::forEachSeries(std::span<const tsdb::Matcher> matchers, int64_t mint, int64_t maxt,
                                  const SeriesVisitor& visit) const {
    auto set = querier_->select(matchers, mint, maxt);
    if (!set.ok()) return set.status();
    auto& entries = set->entries();
    OwnedSamples buf;
    SelectedSeries s;
    for (size_t i = 0; set->next(); ++i) {
        PHAROS_RETURN_IF_ERROR(decodeSeries(*set, entries[i], &buf));
        if (buf.t.empty()) continue;
        s.labels = std::move(entries[i].labels);
        s.t = std::span<const int64_t>(buf.t);
        s.v = std::span<const double>(buf.v);
        visit(s);
    }
    return Status();
}

}  // namespace pharos::promql
