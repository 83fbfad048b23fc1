// RuleEvaluator over a real tsdb::DB in a temp dir, time driven by evaluateDue(now): recording
// results written, pending -> firing at the aligned evaluation timestamps, ALERTS held back until
// the for-state restore, notifier hand-off, restart restoring activeAt from ALERTS_FOR_STATE
// (DB closed and reopened), reload keeping state and stale-marking dropped series, the worker.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <optional>

#include "pharos/core/live/rule_evaluator.h"
#include "pharos/promql/engine.h"
#include "pharos/promql/tsdb_storage.h"
#include "pharos/promql/value.h"
#include "pharos/tsdb/db.h"

using namespace pharos;
using namespace pharos::core::live;

namespace {

constexpr int64_t kSec = 1000;
constexpr int64_t kMin = 60 * kSec;
constexpr int64_t kT0 = 1'700'000'000'000;

const char* kRules = R"Y(groups:
- name: node
  interval: 1m
  rules:
  - record: job:up:sum
    expr: sum by (job) (up)
  - alert: InstanceDown
    expr: up == 0
    for: 2m
    labels:
      severity: page
    annotations:
      summary: "{{ $labels.job }} is down ({{ $value }})"
)Y";

int64_t floorSec(int64_t ms) { return ms / 1000 * 1000; }

}  // namespace

class LiveRuleEvaluatorTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void recordingAndAlertLifecycle();
    void missedEvaluationsAreSkipped();
    void restartRestoresActiveAt();
    void reloadKeepsAlertStateAndMarksDroppedSeriesStale();
    void badConfigIsRejectedWithPosition();
    void workerThreadEvaluates();
    void slowGroupDelaysOnlyItself();

private:
    void openDb() {
        auto db = tsdb::DB::open(tmp_->path().toStdString());
        QVERIFY2(db.ok(), db.status().toString().c_str());
        db_ = std::shared_ptr<tsdb::DB>(std::move(db).value());
    }
    void closeDb() {
        QVERIFY(db_->close().ok());
        db_.reset();
    }
    // up{job="a"} = value every 15s in [from, to].
    void writeUp(int64_t from, int64_t to, double value) {
        auto app = db_->appender();
        for (int64_t t = from; t <= to; t += 15 * kSec)
            QVERIFY(app->append({{"__name__", "up"}, {"job", "a"}}, t, value).ok());
        QVERIFY(app->commit().ok());
    }
    // The raw samples of the series matching `selector` in [from, to] (first series only).
    std::vector<std::pair<int64_t, double>> samples(const char* metric, int64_t from, int64_t to,
                                                    size_t* seriesCount = nullptr) {
        promql::TsdbStorage st(db_->querier());
        std::vector<promql::SelectedSeries> out;
        auto m = tsdb::Matcher::make(tsdb::MatchType::Equal, "__name__", metric);
        std::vector<tsdb::Matcher> ms{*m};
        const Status selected = st.select(ms, from, to, &out);
        if (!selected.ok()) qWarning("select: %s", selected.toString().c_str());
        if (seriesCount) *seriesCount = out.size();
        std::vector<std::pair<int64_t, double>> r;
        if (out.empty()) return r;
        for (size_t i = 0; i < out[0].t.size(); ++i) r.emplace_back(out[0].t[i], out[0].v[i]);
        return r;
    }
    std::optional<LiveAlert> alert(const RuleEvaluator& ev, const char* name) {
        for (const auto& a : ev.alerts())
            if (a.rule == name) return a;
        return std::nullopt;
    }
    GroupStatus status(const RuleEvaluator& ev, const char* name) {
        for (const auto& s : ev.groupStatus())
            if (s.name == name) return s;
        return {};
    }

    std::unique_ptr<QTemporaryDir> tmp_;
    std::shared_ptr<tsdb::DB> db_;
};

void LiveRuleEvaluatorTest::init() {
    tmp_ = std::make_unique<QTemporaryDir>();
    QVERIFY(tmp_->isValid());
    openDb();
}

void LiveRuleEvaluatorTest::cleanup() {
    if (db_) closeDb();
    tmp_.reset();
}

void LiveRuleEvaluatorTest::recordingAndAlertLifecycle() {
    writeUp(kT0 - 5 * kMin, kT0 + 30 * kMin, 0);
    RuleEvaluator ev(db_);
    QSignalSpy changed(&ev, &RuleEvaluator::alertsChanged);
    std::vector<NotifierAlert> sent;
    connect(&ev, &RuleEvaluator::alertsToSend, this,
            [&](const std::vector<NotifierAlert>& a) { sent.insert(sent.end(), a.begin(), a.end()); });
    QVERIFY(ev.setConfig({{"node.yml", kRules}}, LiveRuleOptions{}).ok());

    // The first pass only schedules: the first evaluation is the next aligned timestamp.
    const int64_t e1 = ev.evaluateDue(kT0);
    QVERIFY(e1 > kT0 && e1 <= kT0 + kMin);
    QCOMPARE(status(ev, "node").lastEvalTimestamp, rules::kNoTime);
    QCOMPARE(ev.evaluateDue(e1 - 1), e1);  // not due yet
    QCOMPARE(status(ev, "node").lastEvalTimestamp, rules::kNoTime);

    QCOMPARE(ev.evaluateDue(e1), e1 + kMin);
    QCOMPARE(status(ev, "node").lastEvalTimestamp, e1);
    QVERIFY(!status(ev, "node").restored);
    auto rec = samples("job:up:sum", e1, e1);
    QCOMPARE(rec.size(), size_t(1));
    QCOMPARE(rec[0].second, 0.0);
    auto a = alert(ev, "InstanceDown");
    QVERIFY(a);
    QCOMPARE(a->state, rules::AlertState::Pending);
    QCOMPARE(a->activeAt, e1);
    QCOMPARE(std::string(a->annotations.get("summary")), std::string("a is down (0)"));
    QCOMPARE(std::string(a->labels.get("severity")), std::string("page"));
    QCOMPARE(changed.count(), 1);
    // Before the for-state restore no ALERTS / ALERTS_FOR_STATE are written.
    QVERIFY(samples("ALERTS", e1 - kMin, e1 + kMin).empty());

    ev.evaluateDue(e1 + kMin);  // second evaluation, then the restore (nothing to restore)
    QVERIFY(status(ev, "node").restored);
    QCOMPARE(alert(ev, "InstanceDown")->activeAt, e1);
    QVERIFY(samples("ALERTS_FOR_STATE", e1 - kMin, e1 + kMin).empty());
    QCOMPARE(changed.count(), 1);  // value and annotations unchanged: no signal
    QVERIFY(sent.empty());         // pending alerts are not sent

    const int64_t e3 = e1 + 2 * kMin;
    ev.evaluateDue(e3 + 10 * kSec);  // a late tick evaluates at the aligned timestamp
    a = alert(ev, "InstanceDown");
    QCOMPARE(a->state, rules::AlertState::Firing);
    QCOMPARE(a->firedAt, e3);
    QCOMPARE(changed.count(), 2);
    auto alerts = samples("ALERTS", e3, e3);
    QCOMPARE(alerts.size(), size_t(1));
    auto fs = samples("ALERTS_FOR_STATE", e3, e3);
    QCOMPARE(fs.size(), size_t(1));
    QCOMPARE(fs[0].second, static_cast<double>(e1 / 1000));
    QCOMPARE(sent.size(), size_t(1));
    QCOMPARE(sent[0].startsAt, e3);
    QCOMPARE(sent[0].endsAt, e3 + 4 * kMin);  // 4 * max(interval 1m, resend delay 1m)
    QCOMPARE(sent[0].generatorURL, std::string("/graph?g0.expr=up+%3D%3D+0&g0.tab=1"));
    QCOMPARE(std::string(sent[0].labels.get("alertname")), std::string("InstanceDown"));

    // Resend delay 1m: the next evaluation (exactly 1m later) does not resend, the one after does.
    ev.evaluateDue(e3 + kMin);
    QCOMPARE(sent.size(), size_t(1));
    ev.evaluateDue(e3 + 2 * kMin);
    QCOMPARE(sent.size(), size_t(2));

    // Recovery: resolved, sent once with endsAt = resolvedAt, ALERTS gets a stale marker.
    writeUp(kT0 + 30 * kMin + 15 * kSec, kT0 + 40 * kMin, 1);
    const int64_t eR = e1 + ((kT0 + 31 * kMin - e1) / kMin + 1) * kMin;
    ev.evaluateDue(eR);
    a = alert(ev, "InstanceDown");
    QCOMPARE(a->state, rules::AlertState::Inactive);
    QCOMPARE(a->resolvedAt, eR);
    QCOMPARE(sent.size(), size_t(3));
    QCOMPARE(sent.back().endsAt, eR);
    auto stale = samples("ALERTS", eR, eR);
    QCOMPARE(stale.size(), size_t(1));
    QVERIFY(promql::isStaleNaN(stale[0].second));
}

void LiveRuleEvaluatorTest::missedEvaluationsAreSkipped() {
    writeUp(kT0 - 5 * kMin, kT0 + 30 * kMin, 1);
    RuleEvaluator ev(db_);
    QVERIFY(ev.setConfig({{"node.yml", kRules}}, LiveRuleOptions{}).ok());
    const int64_t e1 = ev.evaluateDue(kT0);
    ev.evaluateDue(e1);
    // Four and a half intervals later: one evaluation, at the latest aligned timestamp.
    QCOMPARE(ev.evaluateDue(e1 + 4 * kMin + 30 * kSec), e1 + 5 * kMin);
    QCOMPARE(status(ev, "node").lastEvalTimestamp, e1 + 4 * kMin);
    auto rec = samples("job:up:sum", e1, e1 + 5 * kMin);
    QCOMPARE(rec.size(), size_t(2));
    QCOMPARE(rec[1].first, e1 + 4 * kMin);
    QCOMPARE(rec[1].second, 1.0);
}

void LiveRuleEvaluatorTest::restartRestoresActiveAt() {
    const char* rules30m = R"Y(groups:
- name: node
  interval: 1m
  rules:
  - alert: InstanceDown
    expr: up == 0
    for: 30m
)Y";
    writeUp(kT0 - 5 * kMin, kT0 + 60 * kMin, 0);
    int64_t e1 = 0, lastWritten = 0;
    {
        RuleEvaluator before(db_);
        QVERIFY(before.setConfig({{"node.yml", rules30m}}, LiveRuleOptions{}).ok());
        e1 = before.evaluateDue(kT0);
        for (int i = 0; i <= 5; ++i) before.evaluateDue(e1 + i * kMin);
        lastWritten = e1 + 5 * kMin;
        QCOMPARE(alert(before, "InstanceDown")->activeAt, e1);
        QCOMPARE(alert(before, "InstanceDown")->state, rules::AlertState::Pending);
    }
    auto fs = samples("ALERTS_FOR_STATE", e1, lastWritten);
    QCOMPARE(fs.size(), size_t(4));  // from the third evaluation on (after the restore)
    QCOMPARE(fs.back().first, lastWritten);
    // Restart: the DB is closed and replayed from its WAL.
    closeDb();
    openDb();

    RuleEvaluator after(db_);
    QVERIFY(after.setConfig({{"node.yml", rules30m}}, LiveRuleOptions{}).ok());
    const int64_t restart = e1 + 12 * kMin + 20 * kSec;
    const int64_t f1 = after.evaluateDue(restart);
    after.evaluateDue(f1);
    QCOMPARE(alert(after, "InstanceDown")->activeAt, f1);  // new until restored
    const int64_t restoreAt = f1 + kMin + 3 * kSec;        // a late tick: restore uses "now"
    after.evaluateDue(restoreAt);
    // Pending 5m of 30m when it went down: resumed, the down time does not count.
    const int64_t want = floorSec(e1) + (restoreAt - floorSec(lastWritten));
    QCOMPARE(alert(after, "InstanceDown")->activeAt, want);
    after.evaluateDue(f1 + 2 * kMin);
    auto fs2 = samples("ALERTS_FOR_STATE", f1 + 2 * kMin, f1 + 2 * kMin);
    QCOMPARE(fs2.size(), size_t(1));
    QCOMPARE(fs2[0].second, static_cast<double>(want / 1000));
    // It fires when 30m of pending have passed, counting from the restored activeAt.
    const int64_t fireAt = f1 + ((want + 30 * kMin - f1 + kMin - 1) / kMin) * kMin;
    after.evaluateDue(fireAt - kMin);
    QCOMPARE(alert(after, "InstanceDown")->state, rules::AlertState::Pending);
    after.evaluateDue(fireAt);
    QCOMPARE(alert(after, "InstanceDown")->state, rules::AlertState::Firing);
}

void LiveRuleEvaluatorTest::reloadKeepsAlertStateAndMarksDroppedSeriesStale() {
    writeUp(kT0 - 5 * kMin, kT0 + 30 * kMin, 0);
    RuleEvaluator ev(db_);
    QVERIFY(ev.setConfig({{"node.yml", kRules}, {"other.yml", R"Y(groups:
- name: other
  rules:
  - record: other:up
    expr: up
)Y"}},
                         LiveRuleOptions{})
                .ok());
    ev.evaluateDue(kT0);
    const int64_t e1 = status(ev, "node").nextEvalTimestamp;
    const int64_t last = std::max(e1, status(ev, "other").nextEvalTimestamp);
    QVERIFY(last - e1 < kMin - 1);
    ev.evaluateDue(last);  // both groups once, each at its own aligned timestamp
    ev.evaluateDue(last + kMin);
    QCOMPARE(status(ev, "node").lastEvalTimestamp, e1 + kMin);
    const int64_t activeAt = alert(ev, "InstanceDown")->activeAt;
    QCOMPARE(activeAt, e1);
    QVERIFY(!samples("other:up", kT0, kT0 + 30 * kMin).empty());

    // Reload: the recording rule is dropped, the alert gets a new expression but keeps its name
    // and labels, and the other group is removed.
    const char* reloaded = R"Y(groups:
- name: node
  interval: 1m
  rules:
  - alert: InstanceDown
    expr: up < 1
    for: 2m
    labels:
      severity: page
    annotations:
      summary: "{{ $labels.job }} is down ({{ $value }})"
)Y";
    QVERIFY(ev.setConfig({{"node.yml", reloaded}}, LiveRuleOptions{}).ok());
    const int64_t now = last + kMin + 1;
    QCOMPARE(ev.evaluateDue(now), e1 + 2 * kMin);  // the schedule of the kept group goes on
    QCOMPARE(ev.groupStatus().size(), size_t(1));
    auto other = samples("other:up", now, now);
    QCOMPARE(other.size(), size_t(1));
    QVERIFY(promql::isStaleNaN(other[0].second));

    ev.evaluateDue(e1 + 2 * kMin);
    auto a = alert(ev, "InstanceDown");
    QCOMPARE(a->activeAt, activeAt);
    QCOMPARE(a->state, rules::AlertState::Firing);  // 2m after the activeAt kept across reload
    auto rec = samples("job:up:sum", e1 + 2 * kMin, e1 + 2 * kMin);
    QCOMPARE(rec.size(), size_t(1));
    QVERIFY(promql::isStaleNaN(rec[0].second));
    // A group added by a reload starts restored: ALERTS from its first evaluation.
    QVERIFY(ev.setConfig({{"node.yml", reloaded}, {"new.yml", R"Y(groups:
- name: fresh
  interval: 1m
  rules:
  - alert: Fresh
    expr: up == 0
)Y"}},
                         LiveRuleOptions{})
                .ok());
    const int64_t g1 = ev.evaluateDue(e1 + 2 * kMin + kSec);
    const int64_t freshAt = status(ev, "fresh").nextEvalTimestamp;
    QVERIFY(g1 <= freshAt);
    ev.evaluateDue(freshAt);
    QVERIFY(status(ev, "fresh").restored);
    size_t n = 0;
    samples("ALERTS", freshAt, freshAt, &n);
    QVERIFY(n >= 1);
}

void LiveRuleEvaluatorTest::badConfigIsRejectedWithPosition() {
    RuleEvaluator ev(db_);
    QVERIFY(ev.setConfig({{"node.yml", kRules}}, LiveRuleOptions{}).ok());
    ev.evaluateDue(kT0);
    Status st = ev.setConfig({{"bad.yml", "groups:\n- name: g\n  rules:\n  - record: x\n    expr: sum(\n"}},
                             LiveRuleOptions{});
    QVERIFY(!st.ok());
    QVERIFY2(st.toString().find("bad.yml:5:") != std::string::npos, st.toString().c_str());
    ev.evaluateDue(kT0 + 1);
    QCOMPARE(ev.groupStatus().size(), size_t(1));
    QCOMPARE(ev.groupStatus()[0].name, std::string("node"));
}

void LiveRuleEvaluatorTest::workerThreadEvaluates() {
    const int64_t now = QDateTime::currentMSecsSinceEpoch();
    writeUp(now - 5 * kMin, now + 2 * kMin, 3);
    RuleEvaluator ev(db_);
    QSignalSpy evaluated(&ev, &RuleEvaluator::groupEvaluated);
    QVERIFY(ev.setConfig({{"fast.yml", R"Y(groups:
- name: fast
  interval: 1s
  rules:
  - record: job:up:sum
    expr: sum by (job) (up)
)Y"}},
                         LiveRuleOptions{})
                .ok());
    ev.start();
    QVERIFY(ev.running());
    QTRY_VERIFY_WITH_TIMEOUT(evaluated.count() >= 2, 20000);
    ev.stop();
    QVERIFY(!ev.running());
    const GroupStatus s = status(ev, "fast");
    QVERIFY(s.lastEvalTimestamp != rules::kNoTime);
    QVERIFY(s.lastError.empty());
    auto rec = samples("job:up:sum", now - kMin, now + 2 * kMin);
    QVERIFY(rec.size() >= 2);
    QCOMPARE(rec.back().second, 3.0);
    QCOMPARE(evaluated.at(0).at(0).toString(), QString("fast.yml"));
}

// Prometheus runs every group in its own goroutine: a group stuck in a long evaluation must not
// hold back the others, and a reload waits for the running evaluation instead of pulling its
// group away under it.
void LiveRuleEvaluatorTest::slowGroupDelaysOnlyItself() {
    const int64_t now = QDateTime::currentMSecsSinceEpoch();
    writeUp(now - 5 * kMin, now + 2 * kMin, 3);
    RuleEvaluator ev(db_);
    ev.setConcurrency(2);
    std::mutex mu;
    std::condition_variable cv;
    bool release = false;
    std::atomic<int> slowStarted{0}, fastEvaluations{0};
    ev.setEvaluationHook([&](const std::string&, const std::string& group) {
        if (group == "fast") {
            ++fastEvaluations;
            return;
        }
        if (group != "slow") return;
        ++slowStarted;
        std::unique_lock lock(mu);
        cv.wait_for(lock, std::chrono::seconds(30), [&] { return release; });
    });
    const char* both = R"Y(groups:
- name: slow
  interval: 1s
  rules:
  - record: slow:up:sum
    expr: sum(up)
- name: fast
  interval: 1s
  rules:
  - record: fast:up:sum
    expr: sum(up)
)Y";
    QVERIFY(ev.setConfig({{"g.yml", both}}, LiveRuleOptions{}).ok());
    ev.start();
    QTRY_VERIFY_WITH_TIMEOUT(slowStarted.load() == 1, 20000);
    // While "slow" is held in its first evaluation, "fast" keeps its 1s schedule.
    QTRY_VERIFY_WITH_TIMEOUT(fastEvaluations.load() >= 3, 20000);
    QCOMPARE(slowStarted.load(), 1);  // a busy group is not started again
    QCOMPARE(status(ev, "slow").lastEvalTimestamp, rules::kNoTime);

    // A reload while "slow" evaluates takes effect once it has finished.
    QVERIFY(ev.setConfig({{"g.yml", R"Y(groups:
- name: other
  interval: 1s
  rules:
  - record: other:up:sum
    expr: sum(up)
)Y"}},
                         LiveRuleOptions{})
                .ok());
    QTest::qWait(1500);
    QVERIFY(status(ev, "slow").name == "slow");  // still loaded: its evaluation holds it
    {
        std::lock_guard lock(mu);
        release = true;
    }
    cv.notify_all();
    QTRY_VERIFY_WITH_TIMEOUT(status(ev, "other").lastEvalTimestamp != rules::kNoTime, 20000);
    ev.stop();
    const std::vector<GroupStatus> groups = ev.groupStatus();
    QCOMPARE(groups.size(), size_t(1));
    QCOMPARE(groups[0].name, std::string("other"));
    // The one held evaluation, then the staleness marker of the removed group.
    const auto slow = samples("slow:up:sum", now - kMin, now + 5 * kMin);
    QCOMPARE(slow.size(), size_t(2));
    QCOMPARE(slow[0].second, 3.0);
    QVERIFY(promql::isStaleNaN(slow[1].second));
    QVERIFY(samples("fast:up:sum", now - kMin, now + 5 * kMin).size() >= 3);
}

QTEST_GUILESS_MAIN(LiveRuleEvaluatorTest)
#include "live_rule_evaluator_test.moc"
