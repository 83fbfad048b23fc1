// SelectCache: a Storage wrapper that remembers the series a selector returned, so that many
// evaluations reading the same selector over the same (or a narrower) time range decode the
// underlying chunks once. Used by backtests, where the rules of a file share selectors
// (`rate(x[5m])` in many rules) and each rule is range-evaluated over the same window.
// A request whose [mint, maxt] lies inside a cached selection of the same matchers is answered
// from it (sample spans narrowed by binary search; the arrays are shared, not copied).
// Only valid while the base storage does not change.
// Thread-safety: select() may be called concurrently (the cache is guarded by a mutex); a
// selection another thread is decoding (the same matchers over a range that covers it) is
// waited for, not decoded twice.
#pragma once

#include <algorithm>
#include <condition_variable>
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
        std::unique_lock lock(mu_);
        bool waited = false;
        for (;;) {
            if (const Entry* e = cached(key, mint, maxt)) {
                ++hits_;
                narrow(e->series, mint, maxt, out);
                return Status();
            }
            // Another thread decodes a selection that covers this one: wait for it rather than
            // decode the same chunks twice (if it is not kept, decode here after all).
            if (!decoding(key, mint, maxt)) break;
            if (!waited) ++waits_;
            waited = true;
            done_.wait(lock);
        }
        const uint64_t id = nextId_++;
        inFlight_.push_back(InFlight{id, key, mint, maxt});
        lock.unlock();
        std::vector<SelectedSeries> fresh;
        Status st;
        try {
            st = base_.select(matchers, mint, maxt, &fresh);
        } catch (...) {
            lock.lock();
            finish(id);
            throw;
        }
        size_t n = 0;
        for (const auto& s : fresh) n += s.t.size();
        lock.lock();
        ++misses_;
        if (st.ok() && cached_ + n <= maxSamples_) {
            cached_ += n;
            entries_[key].push_back(Entry{mint, maxt, fresh});
        }
        finish(id);
        lock.unlock();
        PHAROS_RETURN_IF_ERROR(st);
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
    // Selections that waited for another thread decoding the same (or a wider) selection.
    size_t waits() const {
        std::lock_guard lock(mu_);
        return waits_;
    }

private:
    struct Entry {
        int64_t mint, maxt;
        std::vector<SelectedSeries> series;
    };

    struct InFlight {
        uint64_t id;
        std::string key;
        int64_t mint, maxt;
    };

    // Caller holds mu_.
    const Entry* cached(const std::string& key, int64_t mint, int64_t maxt) const {
        auto it = entries_.find(key);
        if (it == entries_.end()) return nullptr;
        for (const Entry& e : it->second)
            if (e.mint <= mint && e.maxt >= maxt) return &e;
        return nullptr;
    }
    bool decoding(const std::string& key, int64_t mint, int64_t maxt) const {
        for (const InFlight& f : inFlight_)
            if (f.key == key && f.mint <= mint && f.maxt >= maxt) return true;
        return false;
    }
    void finish(uint64_t id) const {
        for (size_t i = 0; i < inFlight_.size(); ++i) {
            if (inFlight_[i].id != id) continue;
            inFlight_.erase(inFlight_.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
        done_.notify_all();
    }

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
    mutable std::condition_variable done_;  // an in-flight selection finished
    mutable std::unordered_map<std::string, std::vector<Entry>> entries_;  // guarded by mu_
    mutable std::vector<InFlight> inFlight_;  // guarded by mu_: selections being decoded
    mutable uint64_t nextId_ = 0;             // guarded by mu_
    mutable size_t cached_ = 0;
    mutable size_t hits_ = 0, misses_ = 0, waits_ = 0;
};

}  // namespace pharos::promql::detail
