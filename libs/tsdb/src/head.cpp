// Head: series creation and lookup, the postings index, chunk cutting, stats and WAL restore.
#include "pharos/tsdb/head.h"

#include <algorithm>
#include <bit>
#include <cstdint>

#include "postings.h"

namespace pharos::tsdb {

Head::Head(HeadOptions options) : options_(options) {
    if (options_.samplesPerChunk < 2) options_.samplesPerChunk = 2;
}

Head::~Head() = default;

MemSeries* Head::seriesByRef(SeriesRef ref) const {
    const RefStripe& st = refStripes_[ref % kRefStripes];
    std::shared_lock lock(st.mu);
    auto it = st.series.find(ref);
    return it == st.series.end() ? nullptr : it->second;
}

MemSeries* Head::createLocked(SeriesRef ref, const Labels& labels) {
    auto s = std::make_unique<MemSeries>();
    s->ref = ref;
    s->labels = labels;
    MemSeries* raw = s.get();
    byRef_.emplace(ref, std::move(s));
    {
        RefStripe& st = refStripes_[ref % kRefStripes];
        std::unique_lock stripeLock(st.mu);
        st.series.emplace(ref, raw);
    }
    byHash_[labels.hash()].push_back(raw);
    for (const auto& l : labels) {
        auto& refs = postings_[l.name][l.value];
        // Refs are usually created in increasing order; WAL replay may not be.
        if (refs.empty() || refs.back() < ref) {
            refs.push_back(ref);
        } else {
            refs.insert(std::lower_bound(refs.begin(), refs.end(), ref), ref);
        }
    }
    if (allRefs_.empty() || allRefs_.back() < ref) {
        allRefs_.push_back(ref);
    } else {
        allRefs_.insert(std::lower_bound(allRefs_.begin(), allRefs_.end(), ref), ref);
    }
    nextRef_ = std::max(nextRef_, ref + 1);
    seriesCreated_.fetch_add(1, std::memory_order_relaxed);
    return raw;
}

Result<MemSeries*> Head::getOrCreate(const Labels& labels, bool* created) {
    *created = false;
    const uint64_t h = labels.hash();
    {
        std::shared_lock lock(mu_);
        auto it = byHash_.find(h);
        if (it != byHash_.end()) {
            for (MemSeries* s : it->second) {
                if (s->labels == labels) return s;
            }
        }
    }
    PHAROS_RETURN_IF_ERROR(validateLabels(labels));
    std::unique_lock lock(mu_);
    auto it = byHash_.find(h);
    if (it != byHash_.end()) {
        for (MemSeries* s : it->second) {
            if (s->labels == labels) return s;
        }
    }
    if (options_.maxSeries && byRef_.size() >= options_.maxSeries) {
        return Status::resourceExhausted("limit of " + std::to_string(options_.maxSeries) +
                                         " series reached; not creating " + labels.toString());
    }
    *created = true;
    return createLocked(nextRef_, labels);
}

Status Head::validateLabels(const Labels& labels) const {
    if (labels.empty()) return Status::invalidArgument("empty label set");
    if (options_.maxLabelsPerSeries && labels.size() > options_.maxLabelsPerSeries) {
        return Status::invalidArgument("series " + labels.toString() + " has more than " +
                                       std::to_string(options_.maxLabelsPerSeries) + " labels");
    }
    for (const auto& l : labels) {
        if (l.name.empty()) return Status::invalidArgument("empty label name in " + labels.toString());
        if (l.value.empty()) {
            return Status::invalidArgument("label " + goQuote(l.name) + " has an empty value");
        }
        if (options_.maxLabelLength &&
            (l.name.size() > options_.maxLabelLength || l.value.size() > options_.maxLabelLength)) {
            return Status::invalidArgument("label " + goQuote(l.name.substr(0, 64)) + " is longer than " +
                                           std::to_string(options_.maxLabelLength) + " bytes");
        }
    }
    return {};
}

Status Head::restoreSeries(SeriesRef ref, const Labels& labels) {
    std::unique_lock lock(mu_);
    auto it = byRef_.find(ref);
    if (it != byRef_.end()) {
        if (it->second->labels == labels) return {};
        return Status::corruption("series ref " + std::to_string(ref) + " used for two label sets");
    }
    // Restored from the WAL or a checkpoint: its record is there.
    createLocked(ref, labels)->logged.store(true, std::memory_order_release);
    return {};
}

bool Head::restoreSample(SeriesRef ref, int64_t t, double v, bool force) {
    MemSeries* s = seriesByRef(ref);
    if (!s) return false;
    // Already persisted in a block (a crash between a block cut and the checkpoint after it).
    if (t < minValidTime()) return true;
    std::lock_guard lock(s->mu);
    if (force) {
        appendToSeries(*s, t, v);
        return true;
    }
    const Verdict verdict = classify(s->hasSamples, s->lastT, s->lastVBits, t, std::bit_cast<uint64_t>(v));
    if (verdict == Verdict::InOrder || verdict == Verdict::OutOfOrder) {
        appendToSeries(*s, t, v);
        return true;
    }
    return verdict == Verdict::IgnoreDuplicate;
}

Status Head::restoreSealedChunk(SeriesRef ref, ChunkSnapshot chunk, int64_t lastT, uint64_t lastVBits) {
    MemSeries* s = seriesByRef(ref);
    if (!s) return Status::corruption("chunk for unknown series ref " + std::to_string(ref));
    std::lock_guard lock(s->mu);
    if (s->hasSamples && chunk.minTime <= s->lastT) {
        return Status::corruption("overlapping chunk for series " + s->labels.toString());
    }
    if (s->open.numSamples() > 0) return Status::corruption("sealed chunk after open samples");
    s->samples += chunk.numSamples;
    s->sealed.push_back(std::move(chunk));
    s->hasSamples = true;
    s->lastT = lastT;
    s->lastVBits = lastVBits;
    return {};
}

Head::Verdict Head::classify(bool has, int64_t lastT, uint64_t lastVBits, int64_t t, uint64_t vb) const {
    if (!has || t > lastT) return Verdict::InOrder;
    if (t == lastT) return vb == lastVBits ? Verdict::IgnoreDuplicate : Verdict::RejectDuplicate;
    if (options_.outOfOrderWindowMs > 0 && t >= lastT - options_.outOfOrderWindowMs) {
        return Verdict::OutOfOrder;
    }
    return Verdict::RejectOutOfOrder;
}

Status Head::rejection(Verdict v, int64_t t) {
    if (v == Verdict::RejectDuplicate) {
        duplicateRejected_.fetch_add(1, std::memory_order_relaxed);
        return Status::invalidArgument("duplicate sample for timestamp " + std::to_string(t));
    }
    outOfOrderRejected_.fetch_add(1, std::memory_order_relaxed);
    return Status::invalidArgument("out of order sample at timestamp " + std::to_string(t));
}

Status Head::outOfBounds(int64_t t) {
    outOfBoundsRejected_.fetch_add(1, std::memory_order_relaxed);
    return Status::invalidArgument("out of bounds sample at timestamp " + std::to_string(t) +
                                   ": older than the newest persisted block (" +
                                   std::to_string(minValidTime()) + ")");
}

namespace {

// Every sample of s (s.mu held): sealed and open chunks merged with the out-of-order buffer.
std::vector<std::pair<int64_t, double>> seriesSamples(const MemSeries& s) {
    std::vector<ChunkSnapshot> chunks = s.sealed;
    if (s.open.numSamples() > 0) {
        ChunkSnapshot c;
        c.minTime = s.open.minTime();
        c.maxTime = s.open.maxTime();
        c.numSamples = s.open.numSamples();
        c.encoding = ChunkEncoding::Xor;
        c.payload = std::make_shared<const std::string>(s.open.payload());
        chunks.push_back(std::move(c));
    }
    SeriesIterator it(std::move(chunks), s.outOfOrder, INT64_MIN, INT64_MAX);
    std::vector<std::pair<int64_t, double>> out;
    out.reserve(s.samples);
    while (it.next()) out.emplace_back(it.t(), it.v());
    return out;
}

}  // namespace

void Head::rebuildSeries(MemSeries& s, const std::vector<std::pair<int64_t, double>>& samples) {
    s.sealed.clear();
    s.open.clear();
    s.openFacts.clear();
    s.outOfOrder.clear();
    s.samples = samples.size();
    const uint32_t per = options_.samplesPerChunk;
    size_t i = 0;
    std::vector<int64_t> ts;
    std::vector<double> vs;
    // Full chunks are sealed; the remainder (1..per samples) becomes the open chunk.
    while (samples.size() - i > per) {
        ts.clear();
        vs.clear();
        for (size_t k = 0; k < per; ++k, ++i) {
            ts.push_back(samples[i].first);
            vs.push_back(samples[i].second);
        }
        const std::string framed = encodeBestChunk(ts, vs);
        auto view = parseChunk(framed);
        ChunkSnapshot c;
        c.minTime = ts.front();
        c.maxTime = ts.back();
        c.numSamples = per;
        c.encoding = view->encoding;
        c.payload = std::make_shared<const std::string>(view->payload);
        s.sealed.push_back(std::move(c));
    }
    for (; i < samples.size(); ++i) {
        s.open.append(samples[i].first, samples[i].second);
        s.openFacts.add(samples[i].second);
    }
}

size_t Head::truncate(int64_t before) {
    std::vector<MemSeries*> all;
    {
        std::shared_lock lock(mu_);
        all.reserve(byRef_.size());
        for (SeriesRef ref : allRefs_) all.push_back(byRef_.at(ref).get());
    }
    for (MemSeries* s : all) {
        std::lock_guard lock(s->mu);
        if (s->samples == 0) continue;
        // Fast path: whole sealed chunks before `before`, nothing else affected.
        size_t drop = 0;
        uint64_t dropped = 0;
        while (drop < s->sealed.size() && s->sealed[drop].maxTime < before) dropped += s->sealed[drop++].numSamples;
        const bool sealedSpans = drop < s->sealed.size() && s->sealed[drop].minTime < before;
        const bool openSpans = s->sealed.size() == drop && s->open.numSamples() > 0 && s->open.minTime() < before;
        const bool oooAffected = !s->outOfOrder.empty() && s->outOfOrder.front().first < before;
        if (!sealedSpans && !openSpans && !oooAffected) {
            s->sealed.erase(s->sealed.begin(), s->sealed.begin() + static_cast<std::ptrdiff_t>(drop));
            s->samples -= dropped;
            continue;
        }
        auto samples = seriesSamples(*s);
        samples.erase(samples.begin(), std::lower_bound(samples.begin(), samples.end(), before,
                                                        [](const auto& p, int64_t x) { return p.first < x; }));
        rebuildSeries(*s, samples);
    }
    return gc();
}

size_t Head::gc() {
    std::lock_guard commitLock(commitMu_);
    return gcLocked();
}

size_t Head::gcLocked() {
    // No commit runs (commitMu_ is held exclusively), so a series found empty stays empty. Candidates are
    // found under the shared lock; readers are blocked only while the index is edited.
    std::vector<MemSeries*> dead;
    {
        std::shared_lock lock(mu_);
        for (SeriesRef ref : allRefs_) {
            MemSeries* s = byRef_.at(ref).get();
            std::lock_guard sl(s->mu);
            if (s->samples == 0) dead.push_back(s);
        }
    }
    if (dead.empty()) return 0;
    std::vector<SeriesRef> deadRefs;
    deadRefs.reserve(dead.size());
    for (MemSeries* s : dead) deadRefs.push_back(s->ref);
    std::sort(deadRefs.begin(), deadRefs.end());
    auto isDead = [&](SeriesRef r) { return std::binary_search(deadRefs.begin(), deadRefs.end(), r); };
    std::vector<std::unique_ptr<MemSeries>> freed;
    freed.reserve(dead.size());
    {
        std::unique_lock lock(mu_);
        // Each postings list that loses refs is filtered once (a mass removal stays linear).
        std::vector<std::pair<std::string_view, std::string_view>> touched;
        for (MemSeries* s : dead) {
            for (const auto& l : s->labels) touched.emplace_back(l.name, l.value);
        }
        std::sort(touched.begin(), touched.end());
        touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
        // touched views point into the dead series' labels, which live until the end.
        for (const auto& [name, value] : touched) {
            auto n = postings_.find(name);
            if (n == postings_.end()) continue;
            auto v = n->second.find(value);
            if (v == n->second.end()) continue;
            std::erase_if(v->second, isDead);
            if (v->second.empty()) n->second.erase(v);
            if (n->second.empty()) postings_.erase(n);
        }
        std::erase_if(allRefs_, isDead);
        for (MemSeries* s : dead) {
            auto h = byHash_.find(s->labels.hash());
            if (h != byHash_.end()) {
                std::erase(h->second, s);
                if (h->second.empty()) byHash_.erase(h);
            }
            s->removed.store(true, std::memory_order_relaxed);
            {
                RefStripe& st = refStripes_[s->ref % kRefStripes];
                std::unique_lock stripeLock(st.mu);
                st.series.erase(s->ref);
            }
            auto it = byRef_.find(s->ref);
            freed.push_back(std::move(it->second));
            byRef_.erase(it);
        }
    }
    seriesRemoved_.fetch_add(freed.size(), std::memory_order_relaxed);
    const size_t n = freed.size();
    std::vector<std::unique_ptr<MemSeries>> now;
    {
        std::lock_guard lock(reclaimMu_);
        // Pins taken from here on cannot find these series any more.
        const uint64_t removedAt = epoch_++;
        for (auto& s : freed) graveyard_.emplace_back(removedAt, std::move(s));
        const uint64_t oldestPin = activePins_.empty() ? UINT64_MAX : activePins_.begin()->first;
        for (auto it = graveyard_.begin(); it != graveyard_.end();) {
            if (it->first < oldestPin) {
                now.push_back(std::move(it->second));
                it = graveyard_.erase(it);
            } else {
                ++it;
            }
        }
    }
    return n;  // `now` is freed outside the lock
}

SeriesPin Head::pinSeries() const {
    std::lock_guard lock(reclaimMu_);
    ++activePins_[epoch_];
    return SeriesPin(this, epoch_);
}

void Head::unpin(uint64_t epoch) const {
    std::vector<std::unique_ptr<MemSeries>> now;
    {
        std::lock_guard lock(reclaimMu_);
        auto it = activePins_.find(epoch);
        if (--it->second == 0) activePins_.erase(it);
        if (graveyard_.empty()) return;
        const uint64_t oldestPin = activePins_.empty() ? UINT64_MAX : activePins_.begin()->first;
        // The graveyard is in removal order.
        size_t k = 0;
        while (k < graveyard_.size() && graveyard_[k].first < oldestPin) ++k;
        for (size_t i = 0; i < k; ++i) now.push_back(std::move(graveyard_[i].second));
        graveyard_.erase(graveyard_.begin(), graveyard_.begin() + static_cast<std::ptrdiff_t>(k));
    }
}

void SeriesPin::release() {
    if (head_) head_->unpin(epoch_);
    head_ = nullptr;
}

SeriesPin& SeriesPin::operator=(SeriesPin&& o) noexcept {
    if (this != &o) {
        release();
        head_ = o.head_;
        epoch_ = o.epoch_;
        o.head_ = nullptr;
    }
    return *this;
}

size_t Head::pendingReclaim() const {
    std::lock_guard lock(reclaimMu_);
    return graveyard_.size();
}

SeriesRef Head::nextRef() const {
    std::shared_lock lock(mu_);
    return nextRef_;
}

void Head::setNextRef(SeriesRef ref) {
    std::unique_lock lock(mu_);
    nextRef_ = std::max(nextRef_, ref);
}

void Head::deleteRange(SeriesRef ref, int64_t mint, int64_t maxt) {
    MemSeries* s = seriesByRef(ref);
    if (!s) return;
    std::lock_guard lock(s->mu);
    if (s->samples == 0) return;
    auto samples = seriesSamples(*s);
    std::erase_if(samples, [&](const auto& p) { return p.first >= mint && p.first <= maxt; });
    if (samples.size() != s->samples) rebuildSeries(*s, samples);
}

void Head::appendToSeries(MemSeries& s, int64_t t, double v) {
    const uint64_t vb = std::bit_cast<uint64_t>(v);
    if (s.hasSamples && t <= s.lastT) {
        // An accepted out-of-order sample (the caller classified it); keep the buffer sorted,
        // a later sample at the same timestamp replaces the earlier one.
        auto it = std::lower_bound(s.outOfOrder.begin(), s.outOfOrder.end(), t,
                                   [](const auto& p, int64_t x) { return p.first < x; });
        if (it != s.outOfOrder.end() && it->first == t) {
            it->second = v;
        } else {
            s.outOfOrder.insert(it, {t, v});
            ++s.samples;
        }
        outOfOrderAccepted_.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    if (s.open.numSamples() >= options_.samplesPerChunk) {
        // Seal: the smaller of the Xor bytes as they are and Scaled (tried only when the
        // values gathered in openFacts allow it).
        ChunkSnapshot c;
        c.minTime = s.open.minTime();
        c.maxTime = s.open.maxTime();
        c.numSamples = s.open.numSamples();
        EncodedChunk enc = sealChunk(s.open, s.openFacts);
        s.openFacts.clear();
        c.encoding = enc.encoding;
        c.payload = std::make_shared<const std::string>(std::move(enc.payload));
        s.sealed.push_back(std::move(c));
    }
    s.open.append(t, v);
    s.openFacts.add(v);
    s.hasSamples = true;
    s.lastT = t;
    s.lastVBits = vb;
    ++s.samples;
}

std::vector<SeriesRef> Head::postingsFor(std::span<const Matcher> matchers) const {
    std::shared_lock lock(mu_);
    return postingsForLocked(matchers);
}

std::vector<SeriesRef> Head::postingsForLocked(std::span<const Matcher> matchers) const {
    return selectPostings(postings_, matchers, allRefs_);
}

void Head::forEachSeries(const std::function<void(const MemSeries&)>& fn) const {
    std::shared_lock lock(mu_);
    for (SeriesRef ref : allRefs_) fn(*byRef_.at(ref));
}

HeadStats Head::stats() const {
    HeadStats st;
    bool first = true;
    forEachSeries([&](const MemSeries& s) {
        std::lock_guard lock(s.mu);
        ++st.series;
        st.samples += s.samples;
        st.chunks += s.sealed.size() + (s.open.numSamples() ? 1 : 0);
        for (const auto& c : s.sealed) st.chunkBytes += c.payload->size();
        st.chunkBytes += s.open.payload().size();
        if (s.samples == 0) return;
        int64_t lo = INT64_MAX, hi = INT64_MIN;
        if (!s.sealed.empty()) {
            lo = s.sealed.front().minTime;
            hi = s.sealed.back().maxTime;
        }
        if (s.open.numSamples() > 0) {
            lo = std::min(lo, s.open.minTime());
            hi = std::max(hi, s.open.maxTime());
        }
        if (!s.outOfOrder.empty()) {
            lo = std::min(lo, s.outOfOrder.front().first);
            hi = std::max(hi, s.outOfOrder.back().first);
        }
        if (first) {
            st.minTime = lo;
            st.maxTime = hi;
            first = false;
        } else {
            st.minTime = std::min(st.minTime, lo);
            st.maxTime = std::max(st.maxTime, hi);
        }
    });
    st.outOfOrderRejected = outOfOrderRejected_.load();
    st.duplicateRejected = duplicateRejected_.load();
    st.outOfOrderAccepted = outOfOrderAccepted_.load();
    st.outOfBoundsRejected = outOfBoundsRejected_.load();
    st.seriesCreated = seriesCreated_.load();
    st.seriesRemoved = seriesRemoved_.load();
    return st;
}

}  // namespace pharos::tsdb
