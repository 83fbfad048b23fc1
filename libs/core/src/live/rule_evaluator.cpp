// The live rule evaluator: the schedule of Prometheus' Group.run, reload with Group.CopyState,
// the for-state restore after the second evaluation, and the notifier hand-off of sendAlerts.
#include "pharos/core/live/rule_evaluator.h"

#include <QDateTime>
#include <QString>
#include <algorithm>
#include <chrono>

#include "pharos/promql/printer.h"
#include "pharos/promql/tsdb_storage.h"
#include "pharos/promql/value.h"
#include "pharos/rules/rule_file.h"
#include "pharos/tsdb/db.h"

namespace pharos::core::live {

namespace {

// Storage and appender of one group evaluation over the DB: appends are buffered in one TSDB
// appender and committed before any read, so each rule sees what earlier rules wrote (the
// contract of rules::Group::eval) with one commit per rule that is read after, not per sample.
class LiveStorage : public promql::Storage, public rules::SampleAppender {
public:
    explicit LiveStorage(tsdb::DB& db) : db_(db), app_(db.appender()) {}

    Status append(const tsdb::Labels& labels, int64_t t, double v) override {
        auto r = app_->append(labels, t, v);
        if (!r.ok()) return r.status();
        dirty_ = true;
        return Status();
    }

    Status select(std::span<const tsdb::Matcher> matchers, int64_t mint, int64_t maxt,
                  std::vector<promql::SelectedSeries>* out) const override {
        (void)flush();  // a failed commit drops those samples; the read goes on without them
        promql::TsdbStorage s(db_.querier());
        return s.select(matchers, mint, maxt, out);
    }

    Status flush() const {
        if (!dirty_) return Status();
        dirty_ = false;
        return app_->commit();
    }

private:
    tsdb::DB& db_;
    std::unique_ptr<tsdb::Appender> app_;  // buffered appends since the last flush()
    mutable bool dirty_ = false;
};

bool sameAlert(const LiveAlert& a, const LiveAlert& b) {
    return a.rule == b.rule && a.labels == b.labels && a.state == b.state &&
           a.activeAt == b.activeAt && a.firedAt == b.firedAt && a.resolvedAt == b.resolvedAt &&
           a.annotations == b.annotations;
}

using Key = std::pair<std::string, std::string>;

}  // namespace

std::string generatorURL(const std::string& externalURL, const std::string& expr) {
    // Go's url.QueryEscape: unreserved bytes kept, space as '+', everything else %XX.
    static const char* hex = "0123456789ABCDEF";
    std::string q;
    for (unsigned char c : expr) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
            c == '_' || c == '.' || c == '~') {
            q += static_cast<char>(c);
        } else if (c == ' ') {
            q += '+';
        } else {
            q += '%';
            q += hex[c >> 4];
            q += hex[c & 15];
        }
    }
    return externalURL + "/graph?g0.expr=" + q + "&g0.tab=1";
}

struct RuleEvaluator::Slot {
    explicit Slot(rules::Group g) : group(std::move(g)) {}
    Key key() const { return {group.file(), group.name()}; }

    rules::Group group;
    int64_t nextEvalTs = rules::kNoTime;  // kNoTime: not scheduled yet
    int evaluations = 0;
    bool shouldRestore = false;              // restore after the second evaluation
    bool busy = false;                       // guarded by mu_: queued for or on a pool thread
    std::vector<tsdb::Labels> pendingStale;  // series of rules dropped by a reload
    GroupStatus status;
};

RuleEvaluator::RuleEvaluator(std::shared_ptr<tsdb::DB> db, QObject* parent)
    : QObject(parent),
      db_(std::move(db)),
      clock_([] { return QDateTime::currentMSecsSinceEpoch(); }),
      concurrency_(std::max(2, static_cast<int>(std::thread::hardware_concurrency()))) {
    qRegisterMetaType<std::vector<NotifierAlert>>();
}

RuleEvaluator::~RuleEvaluator() { stop(); }

void RuleEvaluator::setClock(Clock clock) { clock_ = std::move(clock); }

void RuleEvaluator::setConcurrency(int threads) { concurrency_ = std::max(1, threads); }

void RuleEvaluator::setEvaluationHook(EvaluationHook hook) { hook_ = std::move(hook); }

Status RuleEvaluator::setConfig(const std::vector<RuleFileText>& files, const LiveRuleOptions& options) {
    auto groups = std::make_unique<std::vector<std::unique_ptr<Slot>>>();
    for (const RuleFileText& f : files) {
        auto parsed = rules::parseRuleFile(f.text, f.path);
        if (!parsed.ok()) return parsed.status().withFile(f.path);
        for (const rules::RuleGroup& def : parsed->groups) {
            auto g = rules::Group::load(def, f.path, options.group);
            if (!g.ok()) return g.status();
            groups->push_back(std::make_unique<Slot>(std::move(g).value()));
        }
    }
    std::lock_guard lock(mu_);
    pendingConfig_ = std::move(groups);
    pendingOptions_ = options;
    wake_.notify_all();
    return Status();
}

void RuleEvaluator::applyPendingConfig(int64_t now) {
    (void)now;
    if (!pendingConfig_) return;
    std::vector<std::unique_ptr<Slot>> next = std::move(*pendingConfig_);
    pendingConfig_.reset();
    options_ = pendingOptions_;
    std::map<Key, Slot*> old;
    for (auto& s : slots_) old[s->key()] = s.get();
    for (auto& s : next) {
        auto it = old.find(s->key());
        if (it == old.end()) {
            // Groups of the first configuration restore their for-state; later ones do not
            // (Prometheus creates their rules with restored = manager.restored = true).
            if (!configured_) {
                s->shouldRestore = true;
                s->group.setRestored(false);
            }
            continue;
        }
        Slot& prev = *it->second;
        std::vector<tsdb::Labels> stale = s->group.copyState(prev.group);
        s->pendingStale = std::move(prev.pendingStale);
        s->pendingStale.insert(s->pendingStale.end(), stale.begin(), stale.end());
        s->shouldRestore = prev.shouldRestore;
        s->group.setRestored(!prev.shouldRestore);
        s->evaluations = prev.evaluations;
        if (s->group.intervalMs() == prev.group.intervalMs()) s->nextEvalTs = prev.nextEvalTs;
        s->status = prev.status;
        old.erase(it);
    }
    for (auto& [key, prev] : old) {  // removed groups: their series end now
        std::vector<tsdb::Labels> series = prev->group.lastSeries();
        staleOnNextPass_.insert(staleOnNextPass_.end(), series.begin(), series.end());
        staleOnNextPass_.insert(staleOnNextPass_.end(), prev->pendingStale.begin(), prev->pendingStale.end());
        alerts_.erase(key);
        status_.erase(key);
    }
    slots_ = std::move(next);
    for (auto& s : slots_) {
        s->status.file = s->group.file();
        s->status.name = s->group.name();
        s->status.intervalMs = s->group.intervalMs();
        s->status.restored = !s->shouldRestore;
        status_[s->key()] = s->status;
    }
    configured_ = true;
}

int64_t RuleEvaluator::evaluateDue(int64_t now) { return schedule(now, true); }

int64_t RuleEvaluator::schedule(int64_t now, bool inlineRun) {
    bool removed = false;
    {
        std::lock_guard lock(mu_);
        if (inFlight_ == 0) {  // slots are replaced: only when no evaluation holds one
            const size_t before = alerts_.size();
            applyPendingConfig(now);
            removed = alerts_.size() != before;
        }
    }
    if (removed) emit alertsChanged();
    if (!staleOnNextPass_.empty()) {
        LiveStorage st(*db_);
        for (const auto& l : staleOnNextPass_) (void)st.append(l, now, promql::staleNaN());
        (void)st.flush();
        staleOnNextPass_.clear();
    }
    int64_t next = rules::kNoTime;
    std::vector<Task> due;
    {
        std::lock_guard lock(mu_);
        for (auto& s : slots_) {
            if (s->busy) continue;  // its completion wakes the scheduler
            // Group.run: the first evaluation waits for the next aligned timestamp; afterwards a
            // tick evaluates at the latest aligned timestamp, skipping the ones missed.
            if (s->nextEvalTs == rules::kNoTime) s->nextEvalTs = s->group.nextEvalTimestamp(now);
            if (now >= s->nextEvalTs) {
                // Counted from the scheduled timestamp, not re-aligned from `now`: the aligned
                // timestamps carry a sub-millisecond phase that ms values round away.
                const int64_t interval = s->group.intervalMs();
                const int64_t ts = s->nextEvalTs + (now - s->nextEvalTs) / interval * interval;
                s->nextEvalTs = ts + interval;
                due.push_back({s.get(), ts, now});
                if (!inlineRun) {
                    s->busy = true;
                    ++inFlight_;
                    tasks_.push_back(due.back());
                }
            }
            s->status.nextEvalTimestamp = s->nextEvalTs;
            status_[s->key()] = s->status;
            if (next == rules::kNoTime || s->nextEvalTs < next) next = s->nextEvalTs;
        }
    }
    if (!inlineRun) {
        if (!due.empty()) poolWake_.notify_all();
        return next;
    }
    for (const Task& t : due) {
        evaluateGroup(*t.slot, t.ts, t.now);
        publish(*t.slot);
    }
    return next;
}

void RuleEvaluator::poolLoop() {
    std::unique_lock lock(mu_);
    for (;;) {
        poolWake_.wait(lock, [this] { return poolStopping_ || !tasks_.empty(); });
        if (poolStopping_) return;
        const Task t = tasks_.front();
        tasks_.pop_front();
        lock.unlock();
        evaluateGroup(*t.slot, t.ts, t.now);
        publish(*t.slot);
        lock.lock();
        t.slot->busy = false;
        --inFlight_;
        ++completions_;
        wake_.notify_all();
    }
}

void RuleEvaluator::evaluateGroup(Slot& slot, int64_t ts, int64_t now) {
    if (hook_) hook_(slot.group.file(), slot.group.name());
    const auto start = std::chrono::steady_clock::now();
    LiveStorage st(*db_);
    // Group.Eval writes the staleness markers of rules a reload dropped at its next timestamp.
    for (const auto& l : slot.pendingStale) (void)st.append(l, ts, promql::staleNaN());
    slot.pendingStale.clear();
    slot.group.eval(ts, st, st);
    ++slot.evaluations;
    Status commit = st.flush();
    if (slot.shouldRestore && slot.evaluations >= 2) {
        // Group.run restores after the second evaluation, so that recording rules the alerts
        // depend on have run on freshly scraped data.
        const Status restored = slot.group.restoreForState(st, now, options_.outageToleranceMs, options_.forGracePeriodMs);
        slot.status.restoreError = restored.ok() ? std::string() : restored.message();
        slot.shouldRestore = false;
    }

    std::vector<NotifierAlert> toSend;
    slot.status.lastError.clear();
    slot.status.failingRules = 0;
    for (rules::RuleState& r : slot.group.mutableRules()) {
        if (!r.lastError().ok()) {
            if (slot.status.failingRules++ == 0) slot.status.lastError = r.name() + ": " + r.lastError().message();
            continue;
        }
        rules::AlertStateMachine* m = r.mutableAlerts();
        if (!m) continue;
        const std::string url = generatorURL(options_.group.externalURL, promql::format(r.expr()));
        for (rules::Alert& a : m->takeAlertsToSend(ts, options_.resendDelayMs, slot.group.intervalMs())) {
            NotifierAlert n;
            n.labels = std::move(a.labels);
            n.annotations = std::move(a.annotations);
            n.startsAt = a.firedAt;  // rules.SendAlerts (2.42): StartsAt = FiredAt
            n.endsAt = a.resolvedAt != rules::kNoTime ? a.resolvedAt : a.validUntil;
            n.generatorURL = url;
            toSend.push_back(std::move(n));
        }
    }
    if (!commit.ok() && slot.status.lastError.empty()) slot.status.lastError = "append: " + commit.message();
    slot.status.lastEvalTimestamp = ts;
    slot.status.lastEvalDurationUs = std::chrono::duration_cast<std::chrono::microseconds>(
                                         std::chrono::steady_clock::now() - start)
                                         .count();
    slot.status.restored = !slot.shouldRestore;
    if (!toSend.empty()) emit alertsToSend(toSend);
}

void RuleEvaluator::publish(const Slot& slot) {
    std::vector<LiveAlert> now;
    for (const rules::RuleState& r : slot.group.rules()) {
        const rules::AlertStateMachine* m = r.alerts();
        if (!m) continue;
        for (const auto& [labels, a] : m->alerts()) {
            LiveAlert x;
            x.file = slot.group.file();
            x.group = slot.group.name();
            x.rule = r.name();
            x.labels = a.labels;
            x.annotations = a.annotations;
            x.value = a.value;
            x.state = a.state;
            x.activeAt = a.activeAt;
            x.firedAt = a.firedAt;
            x.resolvedAt = a.resolvedAt;
            now.push_back(std::move(x));
        }
    }
    bool changed = false;
    {
        std::lock_guard lock(mu_);
        std::vector<LiveAlert>& prev = alerts_[slot.key()];
        changed = prev.size() != now.size() ||
                  !std::equal(prev.begin(), prev.end(), now.begin(), sameAlert);
        prev = std::move(now);
        status_[slot.key()] = slot.status;
    }
    emit groupEvaluated(QString::fromStdString(slot.group.file()), QString::fromStdString(slot.group.name()));
    if (changed) emit alertsChanged();
}

std::vector<LiveAlert> RuleEvaluator::alerts() const {
    std::lock_guard lock(mu_);
    std::vector<LiveAlert> out;
    for (const auto& [key, list] : alerts_) out.insert(out.end(), list.begin(), list.end());
    return out;
}

std::vector<GroupStatus> RuleEvaluator::groupStatus() const {
    std::lock_guard lock(mu_);
    std::vector<GroupStatus> out;
    for (const auto& [key, s] : status_) out.push_back(s);
    return out;
}

void RuleEvaluator::start() {
    if (worker_.joinable()) return;
    {
        std::lock_guard lock(mu_);
        stopping_ = false;
        poolStopping_ = false;
    }
    for (int i = 0; i < concurrency_; ++i) pool_.emplace_back([this] { poolLoop(); });
    worker_ = std::thread([this] { run(); });
}

void RuleEvaluator::stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
        wake_.notify_all();
    }
    if (worker_.joinable()) worker_.join();
    {
        // Evaluations not started yet are dropped (their groups stay due); running ones finish.
        std::lock_guard lock(mu_);
        for (const Task& t : tasks_) {
            t.slot->busy = false;
            --inFlight_;
        }
        tasks_.clear();
        poolStopping_ = true;
        poolWake_.notify_all();
    }
    for (std::thread& t : pool_) t.join();
    pool_.clear();
    std::lock_guard lock(mu_);
    for (auto& s : slots_) s->busy = false;
    inFlight_ = 0;
}

bool RuleEvaluator::running() const { return worker_.joinable(); }

void RuleEvaluator::run() {
    std::unique_lock lock(mu_);
    while (!stopping_) {
        lock.unlock();
        const int64_t next = schedule(clock_(), false);
        lock.lock();
        if (stopping_) break;
        if (pendingConfig_ && inFlight_ == 0) continue;
        // Wake at the next due evaluation, when an evaluation finishes (that group is due again,
        // or a reload waits for it), and at least every second so that a clock that jumps
        // (suspend, NTP) is noticed.
        int64_t waitMs = next == rules::kNoTime ? 1000 : next - clock_();
        waitMs = std::clamp<int64_t>(waitMs, 1, 1000);
        const uint64_t seen = completions_;
        wake_.wait_for(lock, std::chrono::milliseconds(waitMs), [this, seen] {
            return stopping_ || completions_ != seen || (pendingConfig_ != nullptr && inFlight_ == 0);
        });
    }
}

}  // namespace pharos::core::live
