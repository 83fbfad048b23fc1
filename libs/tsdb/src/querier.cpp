// The head querier (snapshots of matching series), SeriesSet and the merging SeriesIterator.
#include <algorithm>
#include <map>
#include <unordered_set>

#include "pharos/tsdb/head.h"
#include "pharos/tsdb/querier.h"

namespace pharos::tsdb {

SeriesIterator::SeriesIterator(std::vector<ChunkSnapshot> chunks,
                               std::vector<std::pair<int64_t, double>> outOfOrder, int64_t mint,
                               int64_t maxt)
    : chunks_(std::move(chunks)), ooo_(std::move(outOfOrder)), mint_(mint), maxt_(maxt) {
    auto lo = std::lower_bound(ooo_.begin(), ooo_.end(), mint_,
                               [](const auto& p, int64_t x) { return p.first < x; });
    oooIdx_ = static_cast<size_t>(lo - ooo_.begin());
}

bool SeriesIterator::advanceChunks() {
    while (chunkIdx_ < chunks_.size()) {
        const auto& c = chunks_[chunkIdx_];
        if (!chunkOpen_) {
            if (c.maxTime < mint_ || c.numSamples == 0) {
                ++chunkIdx_;
                continue;
            }
            if (c.minTime > maxt_) {
                chunkIdx_ = chunks_.size();
                return false;
            }
            it_.reset(ChunkView{c.encoding, c.numSamples, *c.payload});
            chunkOpen_ = true;
            if (!it_.seek(mint_)) {
                if (!it_.err().ok()) err_ = it_.err();
                chunkOpen_ = false;
                ++chunkIdx_;
                if (!err_.ok()) return false;
                continue;
            }
        } else if (!it_.next()) {
            if (!it_.err().ok()) {
                err_ = it_.err();
                return false;
            }
            chunkOpen_ = false;
            ++chunkIdx_;
            continue;
        }
        if (it_.t() > maxt_) {
            chunkIdx_ = chunks_.size();
            return false;
        }
        ioT_ = it_.t();
        ioV_ = it_.v();
        return true;
    }
    return false;
}

bool SeriesIterator::nextInOrder() {
    if (inOrderDone_) return false;
    if (!advanceChunks()) {
        inOrderDone_ = true;
        return false;
    }
    return true;
}

bool SeriesIterator::next() {
    if (done_ || !err_.ok()) return false;
    if (!started_) {
        started_ = true;
        haveInOrder_ = nextInOrder();
    }
    const bool haveOoo = oooIdx_ < ooo_.size() && ooo_[oooIdx_].first <= maxt_;
    if (!haveInOrder_ && !haveOoo) {
        done_ = true;
        return false;
    }
    if (haveInOrder_ && (!haveOoo || ioT_ <= ooo_[oooIdx_].first)) {
        t_ = ioT_;
        v_ = ioV_;
        // An out-of-order sample at the same timestamp is superseded by the in-order one.
        if (haveOoo && ooo_[oooIdx_].first == ioT_) ++oooIdx_;
        haveInOrder_ = nextInOrder();
    } else {
        t_ = ooo_[oooIdx_].first;
        v_ = ooo_[oooIdx_].second;
        ++oooIdx_;
    }
    return err_.ok();
}

bool SeriesIterator::seek(int64_t t) {
    if (started_ && !done_ && t_ >= t) return true;
    while (next()) {
        if (t_ >= t) return true;
    }
    return false;
}

bool SeriesSet::next() {
    if (idx_ >= series_.size()) return false;
    ++idx_;
    return true;
}

SeriesIterator SeriesSet::iterator() const {
    const auto& s = series_[idx_ - 1];
    return SeriesIterator(s.chunks, s.outOfOrder, mint_, maxt_);
}

std::vector<LabelNameCount> countLabelNames(std::span<const Labels* const> series) {
    // name -> (series, distinct values); string_views point into the label sets.
    std::map<std::string_view, std::pair<uint64_t, std::unordered_set<std::string_view>>> acc;
    for (const Labels* ls : series) {
        for (const auto& l : *ls) {
            auto& a = acc[l.name];
            ++a.first;
            a.second.insert(l.value);
        }
    }
    std::vector<LabelNameCount> out;
    out.reserve(acc.size());
    for (const auto& [name, a] : acc) out.push_back({std::string(name), a.first, a.second.size()});
    return out;
}

std::vector<LabelValueCount> countLabelValues(std::span<const Labels* const> series, std::string_view name) {
    std::map<std::string_view, uint64_t> acc;
    for (const Labels* ls : series) {
        std::string_view v = ls->get(name);
        if (!v.empty()) ++acc[v];
    }
    std::vector<LabelValueCount> out;
    out.reserve(acc.size());
    for (const auto& [v, n] : acc) out.push_back({std::string(v), n});
    return out;
}

Result<std::vector<LabelNameCount>> Querier::labelNameCounts(std::span<const Matcher> matchers) {
    PHAROS_ASSIGN_OR_RETURN(SeriesSet set, select(matchers, INT64_MIN, INT64_MAX));
    std::vector<const Labels*> ptrs;
    for (const auto& e : set.entries()) ptrs.push_back(&e.labels);
    return countLabelNames(ptrs);
}

Result<std::vector<LabelValueCount>> Querier::labelValueCounts(std::string_view name,
                                                               std::span<const Matcher> matchers) {
    PHAROS_ASSIGN_OR_RETURN(SeriesSet set, select(matchers, INT64_MIN, INT64_MAX));
    std::vector<const Labels*> ptrs;
    for (const auto& e : set.entries()) ptrs.push_back(&e.labels);
    return countLabelValues(ptrs, name);
}

class HeadQuerier final : public Querier {
public:
    HeadQuerier(const Head* head, bool enforceLimits) : head_(head), enforceLimits_(enforceLimits) {}

    Result<SeriesSet> select(std::span<const Matcher> matchers, int64_t mint, int64_t maxt) override {
        std::vector<SeriesEntry> out;
        size_t samples = 0;
        const size_t limit = enforceLimits_ ? head_->options().maxSamplesPerQuery : 0;
        const SeriesPin pin = head_->pinSeries();  // series gc() removes stay valid meanwhile
        for (SeriesRef ref : head_->postingsFor(matchers)) {
            MemSeries* s = head_->seriesByRef(ref);
            if (!s) continue;
            SeriesEntry e;
            {
                std::lock_guard lock(s->mu);
                if (s->samples == 0) continue;
                for (const auto& c : s->sealed) {
                    if (c.maxTime >= mint && c.minTime <= maxt) {
                        e.chunks.push_back(c);
                        samples += c.numSamples;
                    }
                }
                if (s->open.numSamples() > 0 && s->open.maxTime() >= mint && s->open.minTime() <= maxt) {
                    ChunkSnapshot c;
                    c.minTime = s->open.minTime();
                    c.maxTime = s->open.maxTime();
                    c.numSamples = s->open.numSamples();
                    c.encoding = ChunkEncoding::Xor;
                    c.payload = std::make_shared<const std::string>(s->open.payload());
                    e.chunks.push_back(std::move(c));
                    samples += s->open.numSamples();
                }
                for (const auto& p : s->outOfOrder) {
                    if (p.first >= mint && p.first <= maxt) e.outOfOrder.push_back(p);
                }
                samples += e.outOfOrder.size();
            }
            if (e.chunks.empty() && e.outOfOrder.empty()) continue;
            if (limit && samples > limit) {
                return Status::resourceExhausted("query would load more than " + std::to_string(limit) +
                                                 " samples");
            }
            e.labels = s->labels;
            out.push_back(std::move(e));
        }
        std::sort(out.begin(), out.end(),
                  [](const SeriesEntry& a, const SeriesEntry& b) { return a.labels < b.labels; });
        return SeriesSet(std::move(out), mint, maxt);
    }

    Result<std::vector<std::string>> labelNames(std::span<const Matcher> matchers) override {
        std::vector<std::string> names;
        const SeriesPin pin = head_->pinSeries();
        for (SeriesRef ref : head_->postingsFor(matchers)) {
            if (MemSeries* s = head_->seriesByRef(ref)) {
                for (const auto& l : s->labels) names.push_back(l.name);
            }
        }
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        return names;
    }

    Result<std::vector<std::string>> labelValues(std::string_view name,
                                                 std::span<const Matcher> matchers) override {
        std::vector<std::string> values;
        const SeriesPin pin = head_->pinSeries();
        for (SeriesRef ref : head_->postingsFor(matchers)) {
            if (MemSeries* s = head_->seriesByRef(ref)) {
                std::string_view v = s->labels.get(name);
                if (!v.empty()) values.emplace_back(v);
            }
        }
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
        return values;
    }

    Result<std::vector<LabelNameCount>> labelNameCounts(std::span<const Matcher> matchers) override {
        const SeriesPin pin = head_->pinSeries();  // keeps the label sets counted alive
        return countLabelNames(seriesWithSamples(matchers));
    }

    Result<std::vector<LabelValueCount>> labelValueCounts(std::string_view name,
                                                          std::span<const Matcher> matchers) override {
        const SeriesPin pin = head_->pinSeries();
        return countLabelValues(seriesWithSamples(matchers), name);
    }

private:
    // Label sets of the matching series that hold samples. A series' labels never change; the
    // pointers stay valid while the caller holds a SeriesPin (gc() frees removed series later).
    std::vector<const Labels*> seriesWithSamples(std::span<const Matcher> matchers) const {
        std::vector<const Labels*> out;
        for (SeriesRef ref : head_->postingsFor(matchers)) {
            MemSeries* s = head_->seriesByRef(ref);
            if (!s) continue;
            std::lock_guard lock(s->mu);
            if (s->samples > 0) out.push_back(&s->labels);
        }
        return out;
    }

    const Head* head_;
    bool enforceLimits_;
};

std::unique_ptr<Querier> Head::querier(bool enforceLimits) {
    return std::make_unique<HeadQuerier>(this, enforceLimits);
}

}  // namespace pharos::tsdb
