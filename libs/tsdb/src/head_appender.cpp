// Appender: buffers samples, checks ordering against committed and pending samples, and on
// commit logs (WAL) then applies them to the head's series.
#include <algorithm>
#include <bit>

#include "pharos/tsdb/head.h"

namespace pharos::tsdb {

Appender::~Appender() { rollback(); }

Status Appender::add(MemSeries* s, int64_t t, double v) {
    if (t < head_->minValidTime()) return head_->outOfBounds(t);
    const uint64_t vb = std::bit_cast<uint64_t>(v);
    bool has;
    int64_t lastT;
    uint64_t lastV;
    auto p = lastPending_.find(s);
    {
        std::lock_guard lock(s->mu);
        has = s->hasSamples;
        lastT = s->lastT;
        lastV = s->lastVBits;
    }
    if (p != lastPending_.end() && (!has || p->second.first >= lastT)) {
        has = true;
        lastT = p->second.first;
        lastV = p->second.second;
    }
    const auto verdict = head_->classify(has, lastT, lastV, t, vb);
    switch (verdict) {
        case Head::Verdict::InOrder:
            lastPending_[s] = {t, vb};
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
    bool created = false;
    PHAROS_ASSIGN_OR_RETURN(MemSeries * s, head_->getOrCreate(labels, &created));
    if (created) newSeries_.push_back(s);
    PHAROS_RETURN_IF_ERROR(add(s, t, v));
    return s->ref;
}

Status Appender::appendRef(SeriesRef ref, int64_t t, double v) {
    MemSeries* s = head_->seriesByRef(ref);
    if (!s) return Status::notFound("unknown series ref " + std::to_string(ref));
    return add(s, t, v);
}

Status Appender::commit() {
    std::lock_guard commitLock(head_->commitMu_);
    if (head_->log_) {
        if (!newSeries_.empty()) {
            std::vector<CommitLog::SeriesRecord> recs;
            recs.reserve(newSeries_.size());
            for (MemSeries* s : newSeries_) recs.push_back({s->ref, &s->labels});
            Status st = head_->log_->logSeries(recs);
            if (!st.ok()) {
                samples_.clear();
                lastPending_.clear();
                return st;
            }
            newSeries_.clear();
        }
        if (!samples_.empty()) {
            std::vector<CommitLog::SampleRecord> recs;
            recs.reserve(samples_.size());
            for (const auto& p : samples_) recs.push_back({p.series->ref, p.t, p.v});
            Status st = head_->log_->logSamples(recs);
            if (!st.ok()) {
                // Nothing becomes visible that is not in the log.
                samples_.clear();
                lastPending_.clear();
                return st;
            }
        }
    }
    newSeries_.clear();
    // Apply series by series, each under one lock hold, so a reader sees all of this commit's
    // samples of a series or none. Each sample is re-checked (another appender may have
    // committed since it was buffered).
    std::stable_sort(samples_.begin(), samples_.end(),
                     [](const Pending& a, const Pending& b) { return a.series < b.series; });
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
    samples_.clear();
    lastPending_.clear();
    return {};
}

void Appender::rollback() {
    // Series are created in the head even when their samples are rolled back, so they are
    // logged anyway: a later commit may refer to them by ref.
    if (head_->log_ && !newSeries_.empty()) {
        std::lock_guard commitLock(head_->commitMu_);
        std::vector<CommitLog::SeriesRecord> recs;
        for (MemSeries* s : newSeries_) recs.push_back({s->ref, &s->labels});
        (void)head_->log_->logSeries(recs);
    }
    newSeries_.clear();
    samples_.clear();
    lastPending_.clear();
}

}  // namespace pharos::tsdb
