// Merges the head's and the blocks' series: chunks of one series from all sources are put in
// time order; where they overlap (a block cut in progress, overlapping blocks) or tombstones
// apply, the samples are decoded and de-duplicated instead (the rare, slower path).
#include "db_querier.h"

#include <algorithm>
#include <map>

namespace pharos::tsdb {

namespace {

using Samples = std::vector<std::pair<int64_t, double>>;

void sortUnique(Samples& s) {
    std::stable_sort(s.begin(), s.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    s.erase(std::unique(s.begin(), s.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
            s.end());
}

Status decodeInto(std::vector<ChunkSnapshot> chunks, Samples* out) {
    for (auto& c : chunks) {
        SeriesIterator it({std::move(c)}, {}, INT64_MIN, INT64_MAX);
        while (it.next()) out->emplace_back(it.t(), it.v());
        PHAROS_RETURN_IF_ERROR(it.err());
    }
    return {};
}

class DBQuerier final : public Querier {
public:
    DBQuerier(Head& head, std::function<std::vector<std::shared_ptr<Block>>()> blocks)
        : head_(head), blocks_(std::move(blocks)) {}

    Result<SeriesSet> select(std::span<const Matcher> matchers, int64_t mint, int64_t maxt) override {
        const size_t limit = head_.options().maxSamplesPerQuery;
        size_t samples = 0;
        auto over = [&] {
            return Status::resourceExhausted("query would load more than " + std::to_string(limit) + " samples");
        };
        std::map<Labels, SeriesEntry> merged;
        // The head first, then the block list: a block cut publishes its block before it
        // truncates the head, so this order may see a sample twice (de-duplicated below) but
        // never miss one.
        {
            auto hq = head_.querier(/*enforceLimits=*/false);
            PHAROS_ASSIGN_OR_RETURN(SeriesSet hs, hq->select(matchers, mint, maxt));
            for (auto& he : hs.entries()) {
                for (const auto& c : he.chunks) samples += c.numSamples;
                samples += he.outOfOrder.size();
                if (limit && samples > limit) return over();
                SeriesEntry& e = merged[he.labels];
                e.chunks.insert(e.chunks.end(), std::make_move_iterator(he.chunks.begin()),
                                std::make_move_iterator(he.chunks.end()));
                e.outOfOrder.insert(e.outOfOrder.end(), he.outOfOrder.begin(), he.outOfOrder.end());
            }
        }
        for (const auto& b : blocks_()) {
            if (!b->overlaps(mint, maxt)) continue;
            for (uint32_t idx : b->postingsFor(matchers)) {
                std::vector<ChunkSnapshot> cs;
                PHAROS_RETURN_IF_ERROR(b->chunks(idx, mint, maxt, &cs));
                if (cs.empty()) continue;
                SeriesEntry& e = merged[b->seriesLabels(idx)];
                const auto tombs = b->tombstones(idx);
                for (const auto& c : cs) samples += c.numSamples;
                if (limit && samples > limit) return over();
                if (tombs.empty()) {
                    e.chunks.insert(e.chunks.end(), std::make_move_iterator(cs.begin()),
                                    std::make_move_iterator(cs.end()));
                    continue;
                }
                Samples s;
                PHAROS_RETURN_IF_ERROR(decodeInto(std::move(cs), &s));
                std::erase_if(s, [&](const auto& p) {
                    for (const auto& t : tombs) {
                        if (p.first >= t.minTime && p.first <= t.maxTime) return true;
                    }
                    return false;
                });
                e.outOfOrder.insert(e.outOfOrder.end(), s.begin(), s.end());
            }
        }
        std::vector<SeriesEntry> out;
        out.reserve(merged.size());
        for (auto& [labels, e] : merged) {
            if (e.chunks.empty() && e.outOfOrder.empty()) continue;
            std::stable_sort(e.chunks.begin(), e.chunks.end(),
                             [](const auto& a, const auto& b) { return a.minTime < b.minTime; });
            bool overlap = false;
            for (size_t i = 1; i < e.chunks.size() && !overlap; ++i) {
                overlap = e.chunks[i].minTime <= e.chunks[i - 1].maxTime;
            }
            if (overlap) {
                Samples s = std::move(e.outOfOrder);
                PHAROS_RETURN_IF_ERROR(decodeInto(std::move(e.chunks), &s));
                e.chunks.clear();
                e.outOfOrder = std::move(s);
            }
            sortUnique(e.outOfOrder);
            e.labels = labels;
            out.push_back(std::move(e));
        }
        return SeriesSet(std::move(out), mint, maxt);
    }

    Result<std::vector<std::string>> labelNames(std::span<const Matcher> matchers) override {
        auto hq = head_.querier();
        PHAROS_ASSIGN_OR_RETURN(std::vector<std::string> names, hq->labelNames(matchers));
        for (const auto& b : blocks_()) {
            for (uint32_t idx : b->postingsFor(matchers)) {
                for (const auto& l : b->seriesLabels(idx)) names.push_back(l.name);
            }
        }
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        return names;
    }

    Result<std::vector<std::string>> labelValues(std::string_view name, std::span<const Matcher> matchers) override {
        auto hq = head_.querier();
        PHAROS_ASSIGN_OR_RETURN(std::vector<std::string> values, hq->labelValues(name, matchers));
        for (const auto& b : blocks_()) {
            for (uint32_t idx : b->postingsFor(matchers)) {
                std::string_view v = b->seriesLabels(idx).get(name);
                if (!v.empty()) values.emplace_back(v);
            }
        }
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
        return values;
    }

    Result<std::vector<LabelNameCount>> labelNameCounts(std::span<const Matcher> matchers) override {
        const auto blocks = blocks_();  // keeps the blocks' label sets alive while counting
        const SeriesPin pin = head_.pinSeries();  // and the head's
        return countLabelNames(distinctSeries(matchers, blocks));
    }

    Result<std::vector<LabelValueCount>> labelValueCounts(std::string_view name,
                                                          std::span<const Matcher> matchers) override {
        const auto blocks = blocks_();
        const SeriesPin pin = head_.pinSeries();
        return countLabelValues(distinctSeries(matchers, blocks), name);
    }

private:
    // Each matching series with samples once, whether it is in the head, in blocks or both.
    // Head label sets stay valid while the caller holds a SeriesPin; block label sets live as
    // long as `blocks`. De-duplicated by sorting (hash, labels) pairs: much faster than a hash set
    // when every series shows up in the head and in several blocks.
    std::vector<const Labels*> distinctSeries(std::span<const Matcher> matchers,
                                              const std::vector<std::shared_ptr<Block>>& blocks) const {
        std::vector<std::pair<uint64_t, const Labels*>> all;
        for (SeriesRef ref : head_.postingsFor(matchers)) {
            MemSeries* s = head_.seriesByRef(ref);
            if (!s) continue;
            std::lock_guard lock(s->mu);
            if (s->samples > 0) all.emplace_back(s->labels.hash(), &s->labels);
        }
        for (const auto& b : blocks) {
            for (uint32_t idx : b->postingsFor(matchers)) {
                if (b->seriesSamples(idx) == 0) continue;
                const Labels& l = b->seriesLabels(idx);
                all.emplace_back(l.hash(), &l);
            }
        }
        std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
        std::vector<const Labels*> out;
        out.reserve(all.size());
        for (size_t i = 0; i < all.size();) {
            size_t j = i;
            const size_t firstOut = out.size();
            for (; j < all.size() && all[j].first == all[i].first; ++j) {
                // Equal hashes: keep each distinct label set of the run once (collisions are rare).
                bool dup = false;
                for (size_t k = firstOut; k < out.size() && !dup; ++k) dup = *out[k] == *all[j].second;
                if (!dup) out.push_back(all[j].second);
            }
            i = j;
        }
        return out;
    }

    Head& head_;
    std::function<std::vector<std::shared_ptr<Block>>()> blocks_;
};

}  // namespace

std::unique_ptr<Querier> newDBQuerier(Head& head, std::function<std::vector<std::shared_ptr<Block>>()> blocks) {
    return std::make_unique<DBQuerier>(head, std::move(blocks));
}

}  // namespace pharos::tsdb
