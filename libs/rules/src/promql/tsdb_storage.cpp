// TsdbStorage: decodes tsdb::Querier series into the engine's contiguous sample arrays.
#include "pharos/promql/tsdb_storage.h"

namespace pharos::promql {

namespace {
struct OwnedSamples {
    std::vector<int64_t> t;
    std::vector<double> v;
};
}  // namespace

Status TsdbStorage::select(std::span<const tsdb::Matcher> matchers, int64_t mint, int64_t maxt,
                           std::vector<SelectedSeries>* out) const {
    auto set = querier_->select(matchers, mint, maxt);
    if (!set.ok()) return set.status();
    out->reserve(out->size() + set->size());
    auto& entries = set->entries();
    for (size_t i = 0; set->next(); ++i) {
        auto owned = std::make_shared<OwnedSamples>();
        // Upper bound of the samples in range: no regrowth while decoding.
        size_t bound = entries[i].outOfOrder.size();
        for (const auto& c : entries[i].chunks) bound += c.numSamples;
        owned->t.reserve(bound);
        owned->v.reserve(bound);
        tsdb::SeriesIterator it = set->iterator();
        while (it.next()) {
            owned->t.push_back(it.t());
            owned->v.push_back(it.v());
        }
        PHAROS_RETURN_IF_ERROR(it.err());
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

}  // namespace pharos::promql
