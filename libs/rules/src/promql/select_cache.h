// SelectCache: a Storage wrapper that remembers the series a selector returned, so that many
// evaluations reading the same selector over the same (or a narrower) time range decode the
// underlying chunks once. Used by backtests, where the rules of a file share selectors
// (`rate(x[5m])` in many rules) and each rule is range-evaluated over the same window.
// A request whose [mint, maxt] lies inside a cached selection of the same matchers is answered
// from it (sample spans narrowed by binary search; the arrays are shared, not copied).
// Only valid while the base storage does not change.
// Thread-safety: select() may be called concurrently (the cache is guarded by a mutex).
#pragma once

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "pharos/promql/storage.h"

namespace pharos::promql::detail {

class SelectCache final : public Storage {
public:
    // maxSamples bounds the number of cached samples (selections beyond it are not kept).
    explicit SelectCache(const Storage& base, size_t maxSamples = 50'000'000)
        : base_(base), maxSamples_(maxSamples) {}

    Status select(std::span<const tsdb::Matcher> matchers, int64_t mint, int64_t maxt,
                  std::vector<SelectedSeries>* out) const override {
        const std::string key = keyOf(matchers);
        {
            std::lock_guard lock(mu_);
            auto it = entries_.find(key);
            if (it != entries_.end()) {
                for (const Entry& e : it->second) {
                    if (e.mint <= mint && e.maxt >= maxt) {
                        ++hits_;
                        narrow(e.series, mint, maxt, out);
                        return Status();
                    }
                }
            }
        }
        std::vector<SelectedSeries> fresh;
        PHAROS_RETURN_IF_ERROR(base_.select(matchers, mint, maxt, &fresh));
        size_t n = 0;
        for (const auto& s : fresh) n += s.t.size();
        std::lock_guard lock(mu_);
        ++misses_;
        if (cached_ + n <= maxSamples_) {
            cached_ += n;
            entries_[key].push_back(Entry{mint, maxt, fresh});
        }
        out->insert(out->end(), std::make_move_iterator(fresh.begin()), std::make_move_iterator(fresh.end()));
        return Status();
    }

    size_t hits() const {
        std::lock_guard lock(mu_);
        return hits_;
    }
    size_t misses() const {
        std::lock_guard lock(mu_);
        return misses_;
    }

private:
    struct Entry {
        int64_t mint, maxt;
        std::vector<SelectedSeries> series;
    };

    static std::string keyOf(std::span<const tsdb::Matcher> matchers) {
        std::string k;
        for (const auto& m : matchers) {
            k += std::to_string(static_cast<int>(m.type()));
            k += '\x1f';
            k += m.name();
            k += '\x1f';
            k += m.value();
            k += '\x1e';
        }
        return k;
    }

    static void narrow(const std::vector<SelectedSeries>& from, int64_t mint, int64_t maxt,
                       std::vector<SelectedSeries>* out) {
        for (const auto& s : from) {
            const auto lo = std::lower_bound(s.t.begin(), s.t.end(), mint);
            const auto hi = std::upper_bound(lo, s.t.end(), maxt);
            if (lo == hi && !s.histogram) continue;  // no samples in the narrower range: not selected
            const size_t a = static_cast<size_t>(lo - s.t.begin()), b = static_cast<size_t>(hi - s.t.begin());
            SelectedSeries r;
            r.labels = s.labels;
            r.t = s.t.subspan(a, b - a);
            r.v = s.v.subspan(a, b - a);
            r.histogram = s.histogram;
            r.owner = s.owner;
            out->push_back(std::move(r));
        }
    }

    const Storage& base_;
    const size_t maxSamples_;
    mutable std::mutex mu_;
    mutable std::unordered_map<std::string, std::vector<Entry>> entries_;
    mutable size_t cached_ = 0;
    mutable size_t hits_ = 0, misses_ = 0;
};

}  // namespace pharos::promql::detail
