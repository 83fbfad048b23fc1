// Appender: buffers samples, checks ordering against committed and pending samples, and on
// commit logs (WAL) then applies them to the head's series, in parallel with other commits.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <shared_mutex>

#include "pharos/tsdb/head.h"

namespace pharos::tsdb {

namespace {

size_t slotOf(const void* p, size_t mask) {
    // Fibonacci hashing of the pointer (low bits are alignment).
    return static_cast<size_t>((reinterpret_cast<uintptr_t>(p) >> 4) * 0x9E3779B97F4A7C15ull >> 20) & mask;
}

}  // namespace

Appender::Appender(Head* head)
    : head_(head), id_(head->nextAppenderId_.fetch_add(1, std::memory_order_relaxed)) {}

Appender::~Appender() {
    rollback();
    // Hand the (now empty) buffers to the next appender of this thread.
    // Small ones only: a big index would make every later clear slow, and keep memory.
    constexpr size_t kMaxSpare = 1 << 14;
    auto& spare = spareSamples();
    if (samples_.capacity() > spare.capacity() && samples_.capacity() <= kMaxSpare) spare.swap(samples_);
    auto& spareIdx = spareIndex();
    if (lastPending_.size() > spareIdx.size() && lastPending_.size() <= kMaxSpare) spareIdx.swap(lastPending_);
}

std::vector<Appender::Pending>& Appender::spareSamples() {
    thread_local std::vector<Pending> spare;
    return spare;
}

std::vector<Appender::LastPending>& Appender::spareIndex() {
    thread_local std::vector<LastPending> spare;
    return spare;
}

const Appender::LastPending* Appender::findPending(const MemSeries* s) const {
    if (lastPendingCount_ == 0) return nullptr;
    const size_t mask = lastPending_.size() - 1;
    for (size_t i = slotOf(s, mask);; i = (i + 1) & mask) {
        const LastPending& e = lastPending_[i];
        if (e.series == s) return &e;
        if (!e.series) return nullptr;
    }
}

void Appender::setPending(MemSeries* s, int64_t t, uint64_t vb) {
    if ((lastPendingCount_ + 1) * 2 > lastPending_.size()) {
        std::vector<LastPending> old;
        old.swap(lastPending_);
        lastPending_.assign(std::max<size_t>(64, old.size() * 2), LastPending{});
        const size_t mask = lastPending_.size() - 1;
        for (const LastPending& e : old) {
            if (!e.series) continue;
            size_t i = slotOf(e.series, mask);
            while (lastPending_[i].series) i = (i + 1) & mask;
            lastPending_[i] = e;
        }
    }
    const size_t mask = lastPending_.size() - 1;
    size_t i = slotOf(s, mask);
    while (lastPending_[i].series && lastPending_[i].series != s) i = (i + 1) & mask;
    if (!lastPending_[i].series) ++lastPendingCount_;
    lastPending_[i] = LastPending{s, t, vb};
}

void Appender::clearPending() {
    if (lastPendingCount_ != 0) std::fill(lastPending_.begin(), lastPending_.end(), LastPending{});
    lastPendingCount_ = 0;
}

Status Appender::add(MemSeries* s, int64_t t, double v) {
    if (t < head_->minValidTime()) return head_->outOfBounds(t);
    if (samples_.capacity() == 0) {
        // First sample: take over the buffers a finished appender of this thread left.
        samples_.swap(spareSamples());
        if (lastPending_.empty()) lastPending_.swap(spareIndex());
    }
    const uint64_t vb = std::bit_cast<uint64_t>(v);
    bool has;
    int64_t lastT;
    uint64_t lastV;
    const LastPending* p = findPending(s);
    {
        std::lock_guard lock(s->mu);
        has = s->hasSamples;
        lastT = s->lastT;
        lastV = s->lastVBits;
    }
    if (p && (!has || p->t >= lastT)) {
        has = true;
        lastT = p->t;
        lastV = p->vb;
    }
    const auto verdict = head_->classify(has, lastT, lastV, t, vb);
    switch (verdict) {
        case Head::Verdict::InOrder:
            setPending(s, t, vb);
            [[fallthrough]];
        case Head::Verdict::OutOfOrder:
            samples_.push_back(Pending{s, t, v});
            return {};
        case Head::Verdict::IgnoreDuplicate: return {};
        case Head::Verdict::RejectOutOfOrder:
        case Head::Verdict::RejectDuplicate: return head_->rejection(verdict, t);
    }
    return {};
}

Result<SeriesRef> Appender::append(const Labels& labels, int64_t t, double v) {
    if (!pin_) pin_ = head_->pinSeries();
    bool created = false;
    PHAROS_ASSIGN_OR_RETURN(MemSeries * s, head_->getOrCreate(labels, &created));
    if (created) newSeries_.push_back(s);
    PHAROS_RETURN_IF_ERROR(add(s, t, v));
    return s->ref;
}

Status Appender::appendRef(SeriesRef ref, int64_t t, double v) {
    if (!pin_) pin_ = head_->pinSeries();
    MemSeries* s = head_->seriesByRef(ref);
    if (!s) return Status::notFound("unknown series ref " + std::to_string(ref));
    return add(s, t, v);
}

Status Appender::resolveRemoved() {
    bool any = false;
    for (MemSeries* s : newSeries_) any = any || s->removed.load(std::memory_order_relaxed);
    for (const auto& p : samples_) any = any || p.series->removed.load(std::memory_order_relaxed);
    if (!any) return {};
    resolvedAny_ = true;  // two removed series may map to one live series: sort
    // Rare: a block cut emptied and removed a series between append() and commit().
    std::erase_if(newSeries_, [](MemSeries* s) { return s->removed.load(std::memory_order_relaxed); });
    std::vector<std::pair<MemSeries*, MemSeries*>> repl;  // removed -> live
    Status first;
    for (auto& p : samples_) {
        if (!p.series->removed.load(std::memory_order_relaxed)) continue;
        MemSeries* old = p.series;
        auto it = std::find_if(repl.begin(), repl.end(), [&](const auto& r) { return r.first == old; });
        if (it == repl.end()) {
            bool created = false;
            auto live = head_->getOrCreate(old->labels, &created);
            if (!live.ok()) {
                if (first.ok()) first = live.status();
                repl.emplace_back(old, nullptr);
            } else {
                if (created) newSeries_.push_back(*live);
                repl.emplace_back(old, *live);
            }
            it = repl.end() - 1;
        }
        p.series = it->second;
    }
    std::erase_if(samples_, [](const Pending& p) { return p.series == nullptr; });
    return first;
}

void Appender::acquireSeries() {
    owned_.clear();
    bool conflict = false;
    // Optimistic: take each series without waiting (a commit never waits while it holds
    // series it took this way, so this cannot deadlock).
    for (const Pending& p : samples_) {
        uint64_t cur = 0;
        if (p.series->committer.compare_exchange_strong(cur, id_, std::memory_order_acquire)) {
            owned_.push_back(p.series);
        } else if (cur != id_) {
            conflict = true;
            break;
        }
    }
    if (!conflict) return;
    // Another commit holds one of them: give everything back, then take them in address order,
    // waiting for each (waiting commits hold only lower addresses: no cycle).
    releaseSeries();
    for (const Pending& p : samples_) owned_.push_back(p.series);
    std::sort(owned_.begin(), owned_.end());
    owned_.erase(std::unique(owned_.begin(), owned_.end()), owned_.end());
    for (MemSeries* s : owned_) {
        for (;;) {
            uint64_t cur = 0;
            if (s->committer.compare_exchange_strong(cur, id_, std::memory_order_acquire)) break;
            s->committer.wait(cur, std::memory_order_relaxed);
        }
    }
}

void Appender::releaseSeries() {
    for (MemSeries* s : owned_) {
        s->committer.store(0, std::memory_order_release);
        s->committer.notify_all();
    }
    owned_.clear();
}

Status Appender::commit() {
    // Shared: commits run in parallel; lockCommits() / gc() wait for them.
    std::shared_lock commitLock(head_->commitMu_);
    // The samples of series that cannot be re-created (series limit) are dropped; the rest is
    // committed and the error returned.
    const Status resolved = resolveRemoved();
    // Grouped already when every sample is the only in-order one of its series (a scrape).
    if (lastPendingCount_ != samples_.size() || resolvedAny_) {
        std::stable_sort(samples_.begin(), samples_.end(),
                         [](const Pending& a, const Pending& b) { return a.series < b.series; });
    }
    resolvedAny_ = false;
    acquireSeries();
    if (head_->log_ && (!samples_.empty() || !newSeries_.empty())) {
        // Encoded outside any lock; the log serialises only its write.
        thread_local std::vector<CommitLog::SeriesRecord> seriesRecs;
        thread_local std::vector<CommitLog::SampleRecord> sampleRecs;
        thread_local std::vector<MemSeries*> logging;
        seriesRecs.clear();
        sampleRecs.clear();
        logging.clear();
        // Every series of the commit whose record may not be in the log yet, also those
        // another appender created and has not committed: a sample never precedes its series.
        for (MemSeries* s : owned_) {
            if (!s->logged.load(std::memory_order_acquire)) logging.push_back(s);
        }
        for (MemSeries* s : newSeries_) {
            if (s->committer.load(std::memory_order_relaxed) == id_) continue;  // in owned_
            if (!s->removed.load(std::memory_order_relaxed) && !s->logged.load(std::memory_order_acquire)) {
                logging.push_back(s);
            }
        }
        for (MemSeries* s : logging) seriesRecs.push_back({s->ref, &s->labels});
        sampleRecs.reserve(samples_.size());
        for (const auto& p : samples_) sampleRecs.push_back({p.series->ref, p.t, p.v});
        Status st = head_->log_->logCommit(seriesRecs, sampleRecs);
        if (!st.ok()) {
            // Nothing becomes visible that is not in the log.
            releaseSeries();
            newSeries_.clear();
            samples_.clear();
            clearPending();
            pin_.release();
            return st;
        }
        for (MemSeries* s : logging) s->logged.store(true, std::memory_order_release);
    }
    newSeries_.clear();
    // Apply series by series, each under one lock hold, so a reader sees all of this commit's
    // samples of a series or none. Each sample is re-checked (another appender may have
    // committed since it was buffered); replay re-checks the same way in the same order.
    for (size_t i = 0; i < samples_.size();) {
        MemSeries* s = samples_[i].series;
        std::lock_guard lock(s->mu);
        for (; i < samples_.size() && samples_[i].series == s; ++i) {
            const auto& p = samples_[i];
            if (p.t < head_->minValidTime()) {  // a block was cut since the sample was buffered
                (void)head_->outOfBounds(p.t);
                continue;
            }
            const auto verdict = head_->classify(s->hasSamples, s->lastT, s->lastVBits, p.t,
                                                 std::bit_cast<uint64_t>(p.v));
            if (verdict == Head::Verdict::InOrder || verdict == Head::Verdict::OutOfOrder) {
                head_->appendToSeries(*s, p.t, p.v);
            } else if (verdict != Head::Verdict::IgnoreDuplicate) {
                (void)head_->rejection(verdict, p.t);
            }
        }
    }
    releaseSeries();
    samples_.clear();
    clearPending();
    pin_.release();
    return resolved;
}

void Appender::rollback() {
    // Series are created in the head even when their samples are rolled back, so they are
    // logged anyway: a later commit may refer to them by ref.
    if (head_->log_ && !newSeries_.empty()) {
        std::shared_lock commitLock(head_->commitMu_);
        std::vector<CommitLog::SeriesRecord> recs;
        std::vector<MemSeries*> logging;
        for (MemSeries* s : newSeries_) {
            if (!s->removed.load(std::memory_order_relaxed) && !s->logged.load(std::memory_order_acquire)) {
                recs.push_back({s->ref, &s->labels});
                logging.push_back(s);
            }
        }
        if (!recs.empty() && head_->log_->logCommit(recs, {}).ok()) {
            for (MemSeries* s : logging) s->logged.store(true, std::memory_order_release);
        }
    }
    newSeries_.clear();
    samples_.clear();
    clearPending();
    pin_.release();
}

}  // namespace pharos::tsdb
