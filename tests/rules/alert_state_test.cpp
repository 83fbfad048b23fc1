// The alert state machine: inactive -> pending -> firing, `for`, `keep_firing_for`, resolved
// retention, limit, and the ALERTS / ALERTS_FOR_STATE samples (Prometheus rules/alerting.go).
#include "pharos/rules/alert_state.h"

#include <gtest/gtest.h>

using namespace pharos;
using namespace pharos::rules;

namespace {

constexpr int64_t kMin = 60 * 1000;

AlertCandidate cand(const char* instance, double v = 1) {
    return {tsdb::Labels{{"alertname", "A"}, {"instance", instance}}, tsdb::Labels{}, v};
}

const Alert* find(const AlertStateMachine& m, const char* instance) {
    auto it = m.alerts().find(tsdb::Labels{{"alertname", "A"}, {"instance", instance}});
    return it == m.alerts().end() ? nullptr : &it->second;
}

// One row: the expression is present (1) or absent (0) at t = i minutes; expected state after.
struct Row {
    int64_t holdMin, keepMin;
    std::string presence;  // one char per minute
    std::string states;    // '-' no alert, 'p' pending, 'F' firing, 'i' inactive (resolved, kept)
};

TEST(AlertStateMachine, TransitionsTable) {
    const std::vector<Row> rows = {
        {0, 0, "1100", "FFi" "i"},      // no `for`: fires at once; resolved is kept
        {2, 0, "11110", "ppFFi"},       // for 2m: pending at 0,1; firing at 2
        {2, 0, "11011", "pp-pp"},       // disappearing while pending drops the alert
        {3, 0, "1111", "pppF"},
        {0, 2, "100001", "FFFiiF"},     // keep_firing_for 2m: firing at 1 and 2, resolved at 3
        {1, 2, "1101001", "pFFFFFF"},   // present again while kept firing: stays firing
        {1, 2, "1100001", "pFFFiip"},   // back after resolution: a new pending alert
    };
    for (const Row& r : rows) {
        AlertStateMachine m(r.holdMin * kMin, r.keepMin * kMin);
        for (size_t i = 0; i < r.presence.size(); ++i) {
            std::vector<AlertCandidate> c;
            if (r.presence[i] == '1') c.push_back(cand("a"));
            ASSERT_TRUE(m.step(static_cast<int64_t>(i) * kMin, c).ok());
            const Alert* a = find(m, "a");
            char got = '-';
            if (a) got = a->state == AlertState::Pending ? 'p' : a->state == AlertState::Firing ? 'F' : 'i';
            EXPECT_EQ(got, r.states[i]) << "row " << r.presence << " for=" << r.holdMin << " keep=" << r.keepMin
                                        << " at minute " << i;
        }
    }
}

TEST(AlertStateMachine, ResolvedAlertsAreKeptFifteenMinutes) {
    AlertStateMachine m;
    ASSERT_TRUE(m.step(0, {cand("a")}).ok());
    ASSERT_TRUE(m.step(kMin, {}).ok());  // resolved at 1m
    ASSERT_NE(find(m, "a"), nullptr);
    EXPECT_EQ(find(m, "a")->resolvedAt, kMin);
    ASSERT_TRUE(m.step(16 * kMin, {}).ok());  // 15m after resolution: still kept (> retention drops)
    EXPECT_NE(find(m, "a"), nullptr);
    ASSERT_TRUE(m.step(16 * kMin + 1, {}).ok());
    EXPECT_EQ(find(m, "a"), nullptr);
}

TEST(AlertStateMachine, ValueAndAnnotationsFollowTheLatestEvaluation) {
    AlertStateMachine m(5 * kMin);
    ASSERT_TRUE(m.step(0, {cand("a", 1)}).ok());
    AlertCandidate c = cand("a", 7);
    c.annotations = tsdb::Labels{{"summary", "now 7"}};
    ASSERT_TRUE(m.step(kMin, {c}).ok());
    const Alert* a = find(m, "a");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->value, 7);
    EXPECT_EQ(a->annotations.get("summary"), "now 7");
    EXPECT_EQ(a->activeAt, 0);
}

TEST(AlertStateMachine, LimitDropsEveryAlert) {
    AlertStateMachine m;
    Status s = m.step(0, {cand("a"), cand("b"), cand("c")}, 2);
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(s.message(), "exceeded limit of 2 with 3 alerts");
    EXPECT_TRUE(m.alerts().empty());
    EXPECT_TRUE(m.step(kMin, {cand("a"), cand("b")}, 2).ok());
    EXPECT_EQ(m.activeCount(), 2);
}

TEST(AlertStateMachine, DuplicateLabelSetsAreAnError) {
    AlertStateMachine m;
    Status s = m.step(0, {cand("a"), cand("a")});
    EXPECT_EQ(s.message(), "vector contains metrics with the same labelset after applying alert labels");
    EXPECT_TRUE(m.alerts().empty());
}

TEST(AlertStateMachine, AlertsSeries) {
    AlertStateMachine m(2 * kMin);
    ASSERT_TRUE(m.step(90 * 1000, {cand("a")}).ok());
    std::vector<promql::Sample> out;
    m.appendSeries(90 * 1000, &out);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].labels.toString(), R"(ALERTS{alertname="A", alertstate="pending", instance="a"})");
    EXPECT_EQ(out[0].v, 1);
    EXPECT_EQ(out[1].labels.toString(), R"(ALERTS_FOR_STATE{alertname="A", instance="a"})");
    EXPECT_EQ(out[1].v, 90);  // ActiveAt in Unix seconds
    ASSERT_TRUE(m.step(90 * 1000 + 2 * kMin, {cand("a")}).ok());
    out.clear();
    m.appendSeries(0, &out);
    EXPECT_EQ(out[0].labels.get("alertstate"), "firing");
    ASSERT_TRUE(m.step(90 * 1000 + 3 * kMin, {}).ok());  // resolved: no series any more
    out.clear();
    m.appendSeries(0, &out);
    EXPECT_TRUE(out.empty());
}

}  // namespace
