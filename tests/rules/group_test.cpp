// Rule group evaluation: rule order and visibility of recording results, staleness markers,
// limit, query offset, templated alert labels/annotations, alignment of evaluation times.
#include "pharos/rules/group.h"

#include <gtest/gtest.h>

#include <cmath>

#include "pharos/promql/engine.h"

using namespace pharos;
using namespace pharos::rules;

namespace {

constexpr int64_t kMin = 60 * 1000;

Group load(const char* yaml, GroupOptions opts = {}) {
    auto f = parseRuleFile(yaml, "g.yml");
    EXPECT_TRUE(f.ok()) << f.status().toString();
    auto g = Group::load(f->groups.at(0), "g.yml", opts);
    EXPECT_TRUE(g.ok()) << g.status().toString();
    return std::move(g).value();
}

double instant(const promql::Storage& s, const char* q, int64_t t, size_t* n = nullptr) {
    auto r = promql::instantQuery(s, q, t);
    EXPECT_TRUE(r.ok()) << r.status().toString();
    if (n) *n = r->vector.size();
    if (r->vector.empty()) return NAN;
    return r->vector[0].v;
}

TEST(Group, RecordingResultsAreVisibleToLaterRules) {
    Group g = load(R"Y(groups:
- name: g
  rules:
  - record: a:sum
    expr: sum(x)
  - record: b:double
    expr: a:sum * 2
)Y");
    promql::MemoryStorage st;
    st.add(tsdb::Labels{{"__name__", "x"}, {"i", "1"}}, 0, 3);
    st.add(tsdb::Labels{{"__name__", "x"}, {"i", "2"}}, 0, 4);
    MemoryStorageAppender app(&st);
    g.eval(0, st, app);
    for (const auto& r : g.rules()) EXPECT_TRUE(r.lastError().ok()) << r.lastError().message();
    EXPECT_EQ(instant(st, "a:sum", 0), 7);
    EXPECT_EQ(instant(st, "b:double", 0), 14);
}

TEST(Group, SeriesThatDisappearGetStaleMarkers) {
    Group g = load(R"Y(groups:
- name: g
  rules:
  - record: r
    expr: x > 0
)Y");
    promql::MemoryStorage st;
    const tsdb::Labels x{{"__name__", "x"}};
    st.add(x, 0, 1);
    st.add(x, kMin, -1);
    MemoryStorageAppender app(&st);
    g.eval(0, st, app);
    g.eval(kMin, st, app);
    size_t n = 99;
    instant(st, "r", 0, &n);
    EXPECT_EQ(n, 1u);
    instant(st, "r", kMin + 1000, &n);  // a stale marker at 1m ends the series at once
    EXPECT_EQ(n, 0u);
}

TEST(Group, LimitAndErrorsPerRule) {
    Group g = load(R"Y(groups:
- name: g
  limit: 1
  rules:
  - record: r
    expr: x
  - record: ok
    expr: vector(1)
)Y");
    promql::MemoryStorage st;
    st.add(tsdb::Labels{{"__name__", "x"}, {"i", "1"}}, 0, 1);
    st.add(tsdb::Labels{{"__name__", "x"}, {"i", "2"}}, 0, 1);
    MemoryStorageAppender app(&st);
    g.eval(0, st, app);
    EXPECT_EQ(g.rules()[0].lastError().message(), "exceeded limit of 1 with 2 series");
    EXPECT_TRUE(g.rules()[1].lastError().ok());
    EXPECT_EQ(instant(st, "ok", 0), 1);
}

TEST(Group, QueryOffsetShiftsQueryAndSamples) {
    Group g = load(R"Y(groups:
- name: g
  query_offset: 1m
  rules:
  - record: r
    expr: timestamp(x)
)Y");
    promql::MemoryStorage st;
    const tsdb::Labels x{{"__name__", "x"}};
    for (int i = 0; i <= 5; ++i) st.add(x, i * kMin, i);
    MemoryStorageAppender app(&st);
    g.eval(5 * kMin, st, app);
    EXPECT_EQ(instant(st, "timestamp(r)", 5 * kMin), 240);  // written at ts - offset
    EXPECT_EQ(instant(st, "r", 5 * kMin), 240);            // queried at ts - offset
}

TEST(Group, AlertTemplatesSeeLabelsValueExternalLabelsAndQuery) {
    GroupOptions opts;
    opts.externalLabels = {{"cluster", "eu1"}};
    opts.externalURL = "http://prom.example:9090";
    Group g = load(R"Y(groups:
- name: g
  rules:
  - alert: High
    expr: load > 0.5
    for: 1m
    labels:
      severity: '{{ if gt $value 0.8 }}page{{ else }}ticket{{ end }}'
    annotations:
      summary: '{{ $labels.host }} at {{ $value | humanizePercentage }} in {{ $externalLabels.cluster }}'
      link: '{{ $externalURL }}/alerts'
      total: '{{ query "sum(load)" | first | value }}'
)Y",
                   opts);
    promql::MemoryStorage st;
    const tsdb::Labels l{{"__name__", "load"}, {"host", "h1"}};
    st.add(l, 0, 0.9);
    st.add(l, kMin, 0.6);
    MemoryStorageAppender app(&st);
    g.eval(0, st, app);
    const AlertStateMachine* m = g.rules()[0].alerts();
    ASSERT_EQ(m->alerts().size(), 1u);
    const Alert& a = m->alerts().begin()->second;
    EXPECT_EQ(a.state, AlertState::Pending);
    EXPECT_EQ(a.labels.toString(), R"({alertname="High", host="h1", severity="page"})");
    EXPECT_EQ(a.annotations.get("summary"), "h1 at 90% in eu1");
    EXPECT_EQ(a.annotations.get("link"), "http://prom.example:9090/alerts");
    EXPECT_EQ(a.annotations.get("total"), "0.9");
    g.eval(kMin, st, app);
    // Templated labels are part of the identity: severity changed, so the pending "page" alert
    // disappeared and a new "ticket" alert became pending at 1m.
    ASSERT_EQ(m->alerts().size(), 1u);
    const Alert& b = m->alerts().begin()->second;
    EXPECT_EQ(b.labels.get("severity"), "ticket");
    EXPECT_EQ(b.activeAt, kMin);
    EXPECT_EQ(b.annotations.get("summary"), "h1 at 60% in eu1");
}

TEST(Group, TemplateErrorsAreStoredInTheAnnotation) {
    Group g = load(R"Y(groups:
- name: g
  rules:
  - alert: A
    expr: vector(1)
    annotations:
      bad: '{{ query "sum(" }}'
)Y");
    promql::MemoryStorage st;
    MemoryStorageAppender app(&st);
    g.eval(0, st, app);
    const Alert& a = g.rules()[0].alerts()->alerts().begin()->second;
    EXPECT_EQ(a.annotations.get("bad").rfind("<error expanding template: ", 0), 0u) << a.annotations.get("bad");
}

TEST(Group, EvaluationTimesAreAlignedPerGroup) {
    Group g = load(R"Y(groups:
- name: g
  interval: 30s
  rules:
  - record: r
    expr: vector(1)
)Y");
    const int64_t base = 1'700'000'000'000;
    const int64_t t0 = g.evalTimestamp(base);
    EXPECT_LE(t0, base);
    EXPECT_GT(t0, base - 30'000);
    for (int64_t d : {1, 999, 12'345, 29'999, 30'000, 86'400'000}) {
        const int64_t t = g.evalTimestamp(base + d);
        EXPECT_EQ((t - t0) % 30'000, 0) << d;  // one phase for every timestamp
        EXPECT_LE(t, base + d);
        EXPECT_GT(t, base + d - 30'000);
    }
    EXPECT_EQ(g.nextEvalTimestamp(base), t0 + 30'000);
    // Another group name gives (in general) another phase.
    Group h = load(R"Y(groups:
- name: other
  interval: 30s
  rules:
  - record: r
    expr: vector(1)
)Y");
    EXPECT_NE(h.evalTimestamp(base) % 30'000, t0 % 30'000);
}

}  // namespace
