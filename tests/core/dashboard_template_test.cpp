// Qt Test: template variables (query parsing, custom options, regex, sort, resolution against a
// fake data source, selection repair), substitution ($var, ${var:fmt}, [[var]], multi values,
// All, regex escaping, built-ins), Grafana's interval arithmetic and relative time ranges.
#include <QtTest>
#include <map>

#include "pharos/core/dashboards/interpolation.h"
#include "pharos/core/dashboards/variables.h"

using namespace pharos::core;
using namespace pharos::core::dashboards;

namespace {

// A data source over a fixed set of series.
class FakeSource : public VariableDataSource {
  public:
    std::vector<LabelPairs> series;
    QStringList calls;  // what was asked, for assertions

    static bool matches(const LabelPairs& s, const QString& selector) {
        // Supports `name` and `name{label="value"}` / `{label="value"}` with one matcher.
        if (selector.isEmpty()) return true;
        QString name = selector.section(QLatin1Char('{'), 0, 0).trimmed();
        auto label = [&](const QString& k) {
            for (const auto& [n, v] : s)
                if (n == k) return v;
            return QString();
        };
        if (!name.isEmpty() && label(QStringLiteral("__name__")) != name) return false;
        if (selector.contains(QLatin1Char('{'))) {
            const QString body = selector.section(QLatin1Char('{'), 1).chopped(1);
            if (!body.isEmpty()) {
                const QString k = body.section(QLatin1Char('='), 0, 0);
                const QString v = body.section(QLatin1Char('"'), 1, 1);
                if (label(k) != v) return false;
            }
        }
        return true;
    }

    pharos::Result<QStringList> labelValues(const QString& label, const QString& selector, qint64,
                                            qint64) override {
        calls << QStringLiteral("values %1 %2").arg(label, selector);
        if (selector == QLatin1String("broken"))
            return pharos::Status::invalidArgument("1:1: parse error");
        QStringList out;
        for (const auto& s : series)
            if (matches(s, selector))
                for (const auto& [n, v] : s)
                    if (n == label && !out.contains(v)) out << v;
        out.sort();
        return out;
    }
    pharos::Result<QStringList> labelNames(const QString& selector, qint64, qint64) override {
        calls << QStringLiteral("names %1").arg(selector);
        QStringList out;
        for (const auto& s : series)
            if (matches(s, selector))
                for (const auto& [n, v] : s)
                    if (!out.contains(n)) out << n;
        out.sort();
        return out;
    }
    pharos::Result<QueryData> instantQuery(const QString& expr, qint64 t) override {
        calls << QStringLiteral("query %1").arg(expr);
        QueryData d;
        d.kind = QueryData::Kind::Vector;
        d.startMs = d.endMs = t;
        for (const auto& s : series)
            if (matches(s, expr)) d.series.push_back({s, {}, {t}, {1.5}});
        return d;
    }
};

LabelPairs L(std::initializer_list<std::pair<const char*, const char*>> l) {
    LabelPairs out;
    for (const auto& [k, v] : l) out.emplace_back(QString::fromLatin1(k), QString::fromLatin1(v));
    return out;
}

FakeSource fleet() {
    FakeSource s;
    s.series = {L({{"__name__", "up"}, {"instance", "a.example:9100"}, {"job", "node"}}),
                L({{"__name__", "up"}, {"instance", "b.example:9100"}, {"job", "node"}}),
                L({{"__name__", "up"}, {"instance", "db:9187"}, {"job", "postgres"}}),
                L({{"__name__", "node_load1"}, {"instance", "a.example:9100"}, {"job", "node"}})};
    return s;
}

Variable var(const char* name, VariableKind kind, const char* query) {
    Variable v;
    v.name = QString::fromLatin1(name);
    v.kind = kind;
    v.query = QString::fromLatin1(query);
    return v;
}

Variable selected(const char* name, QStringList values, bool multi = false,
                  bool includeAll = false) {
    Variable v = var(name, VariableKind::Custom, "");
    v.multi = multi;
    v.includeAll = includeAll;
    for (const QString& value : values)
        if (value != kAllValue) v.options.push_back({value, value});
    v.current.values = values;
    v.current.texts = values;
    return v;
}

constexpr qint64 kHour = 3'600'000;
const ResolvedTimeRange kSixHours{1'700'000'000'000 - 6 * kHour, 1'700'000'000'000};

}  // namespace

class DashboardTemplateTest : public QObject {
    Q_OBJECT

  private slots:
    void parseQueries_data() {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        using K = VariableQuery::Kind;
        QTest::newRow("label_values(label)") << "label_values(job)" << int(K::LabelValues) << "job"
                                             << "";
        QTest::newRow("label_values(metric, label)")
            << "label_values(up, instance)" << int(K::LabelValues) << "instance"
            << "up";
        QTest::newRow("selector with commas")
            << "label_values(up{job=\"a\",env=~\"b|c\"}, instance)" << int(K::LabelValues)
            << "instance"
            << "up{job=\"a\",env=~\"b|c\"}";
        QTest::newRow("spaces") << "  label_values( up , job )  " << int(K::LabelValues) << "job"
                                << "up";
        QTest::newRow("metrics") << "metrics(node_.*)" << int(K::Metrics) << "node_.*"
                                 << "";
        QTest::newRow("query_result") << "query_result(topk(5, sum by (job) (up)))"
                                      << int(K::QueryResult) << "topk(5, sum by (job) (up))"
                                      << "";
        QTest::newRow("label_names") << "label_names()" << int(K::LabelNames) << ""
                                     << "";
    }
    void parseQueries() {
        QFETCH(QString, query);
        QFETCH(int, kind);
        QFETCH(QString, a);
        QFETCH(QString, b);
        auto q = parseVariableQuery(query);
        QVERIFY2(q.ok(), q.status().toString().c_str());
        QCOMPARE(int(q->kind), kind);
        switch (q->kind) {
            case VariableQuery::Kind::LabelValues:
                QCOMPARE(q->label, a);
                QCOMPARE(q->selector, b);
                break;
            case VariableQuery::Kind::Metrics:
                QCOMPARE(q->regex, a);
                break;
            case VariableQuery::Kind::QueryResult:
                QCOMPARE(q->expr, a);
                break;
            case VariableQuery::Kind::LabelNames:
                QCOMPARE(q->selector, a);
                break;
        }
    }

    void parseQueryErrors() {
        for (const char* bad : {"", "up", "label_values()", "series(up)"}) {
            auto q = parseVariableQuery(QString::fromLatin1(bad));
            QVERIFY2(!q.ok(), bad);
            QCOMPARE(q.status().code(), pharos::StatusCode::InvalidArgument);
        }
    }

    void customOptions() {
        const auto o = parseCustomOptions(QStringLiteral("a, b ,Text : value,x\\,y,k:v"));
        QCOMPARE(o,
                 (std::vector<VariableOption>{
                     {"a", "a"}, {"b", "b"}, {"Text", "value"}, {"x,y", "x,y"}, {"k:v", "k:v"}}));
        QVERIFY(parseCustomOptions(QString()).empty());
    }

    void regexFilter() {
        const QStringList raw{QStringLiteral("a.example:9100"), QStringLiteral("b.example:9100"),
                              QStringLiteral("db:9187"), QStringLiteral("a.example:9200")};
        auto group = applyVariableRegex(QStringLiteral("/([^.:]+)\\.example:.*/"), raw);
        QVERIFY(group.ok());
        QCOMPARE(*group, (std::vector<VariableOption>{
                             {"a", "a"}, {"b", "b"}}));  // db dropped, duplicate a once
        auto whole = applyVariableRegex(QStringLiteral("/.*:9100/"), raw);
        QCOMPARE(whole->size(), size_t(2));
        QCOMPARE(whole->at(0).value, QStringLiteral("a.example:9100"));
        auto named =
            applyVariableRegex(QStringLiteral("/(?<text>[^.:]+)[^:]*:(?<value>\\d+)/"), raw);
        QCOMPARE(named->at(0), (VariableOption{"a", "9100"}));
        QCOMPARE(named->size(), size_t(3));  // b:9100 repeats the value 9100
        QCOMPARE(named->at(1), (VariableOption{"db", "9187"}));
        auto ci = applyVariableRegex(QStringLiteral("/^DB/i"), raw);
        QCOMPARE(ci->size(), size_t(1));
        QVERIFY(!applyVariableRegex(QStringLiteral("/([/"), raw).ok());
        QVERIFY(!applyVariableRegex(QStringLiteral("/a/q"), raw).ok());
        QCOMPARE(applyVariableRegex(QString(), raw)->size(), size_t(4));
    }

    void sorting() {
        std::vector<VariableOption> o{{"b10", "1"}, {"a2", "2"}, {"B1", "3"}, {"a10", "4"}};
        auto texts = [](const std::vector<VariableOption>& v) {
            QStringList t;
            for (const auto& x : v) t << x.text;
            return t;
        };
        auto s = o;
        sortOptions(s, VariableSort::AlphaAsc);
        QCOMPARE(texts(s), (QStringList{"B1", "a10", "a2", "b10"}));
        sortOptions(s, VariableSort::AlphaCiDesc);
        QCOMPARE(texts(s), (QStringList{"b10", "B1", "a2", "a10"}));
        sortOptions(s, VariableSort::NumAsc);
        QCOMPARE(texts(s), (QStringList{"B1", "a2", "b10", "a10"}));
        sortOptions(s, VariableSort::NaturalAsc);
        QCOMPARE(texts(s), (QStringList{"a2", "a10", "B1", "b10"}));
        s = o;
        sortOptions(s, VariableSort::None);
        QCOMPARE(texts(s), texts(o));
    }

    void queryResultTextsLikeGrafana() {
        QueryData d;
        d.kind = QueryData::Kind::Vector;
        d.series.push_back(
            {L({{"__name__", "up"}, {"instance", "a:1"}, {"job", "x"}}), {}, {1700000000000}, {1}});
        d.series.push_back({L({{"job", "y"}}), {}, {1700000000000}, {0.25}});
        QCOMPARE(queryResultTexts(d), (QStringList{"up{instance=\"a:1\",job=\"x\"} 1 1700000000000",
                                                   "{job=\"y\"} 0.25 1700000000000"}));
    }

    void resolveChainedVariables() {
        FakeSource src = fleet();
        std::vector<Variable> vars;
        Variable job = var("job", VariableKind::Query, "label_values(up, job)");
        job.includeAll = true;
        job.multi = true;
        vars.push_back(job);
        Variable node =
            var("node", VariableKind::Query, "label_values(up{job=\"$job\"}, instance)");
        node.current.values = QStringList{QStringLiteral("gone:1")};
        vars.push_back(node);
        vars.push_back(var("metric", VariableKind::Query, "metrics(^node_)"));
        Variable host = var("host", VariableKind::Query, "query_result(up{job=\"node\"})");
        host.regex = QStringLiteral("/instance=\"([^\"]+)\"/");
        host.sort = VariableSort::AlphaDesc;
        vars.push_back(host);
        vars.push_back(var("interval", VariableKind::Interval, "1m, 5m"));
        vars.push_back(var("env", VariableKind::Custom, "prod,dev"));
        const auto errors = resolveVariables(vars, src, kSixHours);
        QVERIFY(errors.empty());
        QCOMPARE(vars[0].options,
                 (std::vector<VariableOption>{{"node", "node"}, {"postgres", "postgres"}}));
        QVERIFY(vars[0].current.isAll());  // nothing selected before: All (includeAll)
        // $job (All of node, postgres) was interpolated into the chained query, regex-escaped.
        QVERIFY2(src.calls.contains(QStringLiteral("values instance up{job=\"(node|postgres)\"}")),
                 qPrintable(src.calls.join(';')));
        QCOMPARE(vars[1].current.values,
                 QStringList{});  // no series matches the regex-in-equality selector here
        QCOMPARE(vars[2].options, (std::vector<VariableOption>{{"node_load1", "node_load1"}}));
        QCOMPARE(vars[3].options,
                 (std::vector<VariableOption>{{"b.example:9100", "b.example:9100"},
                                              {"a.example:9100", "a.example:9100"}}));
        QCOMPARE(vars[3].current.values,
                 QStringList{QStringLiteral("b.example:9100")});  // first option
        QCOMPARE(vars[4].options.size(), size_t(2));
        QCOMPARE(vars[4].current.values, QStringList{QStringLiteral("1m")});
        QCOMPARE(vars[5].current.texts, QStringList{QStringLiteral("prod")});

        // Select one job: the chained variable now finds that job's instances, and a valid
        // selection survives a refresh.
        QVERIFY(selectValues(vars[0], {QStringLiteral("node")}));
        QVERIFY(selectValues(vars[3], {QStringLiteral("a.example:9100")}));
        QVERIFY(resolveVariables(vars, src, kSixHours).empty());
        QCOMPARE(vars[1].options.size(), size_t(2));
        QCOMPARE(vars[1].current.values, QStringList{QStringLiteral("a.example:9100")});
        QCOMPARE(vars[3].current.values, QStringList{QStringLiteral("a.example:9100")});
    }

    void resolutionErrorsKeepOldOptions() {
        FakeSource src = fleet();
        std::vector<Variable> vars{var("bad", VariableKind::Query, "label_values(broken, job)"),
                                   var("worse", VariableKind::Query, "nonsense("),
                                   var("ok", VariableKind::Custom, "x")};
        vars[0].options = {{"kept", "kept"}};
        const auto errors = resolveVariables(vars, src, kSixHours);
        QCOMPARE(errors.size(), size_t(2));
        QCOMPARE(errors[0].name, QStringLiteral("bad"));
        QVERIFY(errors[0].message.contains(QStringLiteral("parse error")));
        QCOMPARE(errors[1].name, QStringLiteral("worse"));
        QCOMPARE(vars[0].options, (std::vector<VariableOption>{{"kept", "kept"}}));
        QCOMPARE(vars[2].current.values, QStringList{QStringLiteral("x")});
        // refresh Never with options: not asked again unless forced.
        vars[0].refresh = VariableRefresh::Never;
        src.calls.clear();
        resolveVariables(vars, src, kSixHours);
        QVERIFY(!src.calls.join(';').contains(QStringLiteral("broken")));
        resolveVariables(vars, src, kSixHours, true);
        QVERIFY(src.calls.join(';').contains(QStringLiteral("broken")));
    }

    void selection() {
        Variable v = selected("env", {QStringLiteral("a")}, true, true);
        v.options = {{"A", "a"}, {"B", "b"}, {"C", "c"}};
        QVERIFY(selectValues(v, {QStringLiteral("b"), QStringLiteral("C"),
                                 QStringLiteral("zzz")}));  // by value or text
        QCOMPARE(v.current.values, (QStringList{"b", "c"}));
        QCOMPARE(v.current.texts, (QStringList{"B", "C"}));
        QVERIFY(selectValues(v, {kAllValue}));
        QVERIFY(v.current.isAll());
        QCOMPARE(v.current.texts, QStringList{QStringLiteral("All")});
        QVERIFY(!selectValues(v, {QStringLiteral("zzz")}));
        QVERIFY(v.current.isAll());  // unchanged
        v.multi = false;
        QVERIFY(selectValues(v, {QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(v.current.values, QStringList{QStringLiteral("a")});
        v.includeAll = false;
        QVERIFY(!selectValues(v, {kAllValue}));
        // Options change: a vanished value falls back to the first option.
        applyOptions(v, {{"x", "x"}, {"y", "y"}});
        QCOMPARE(v.current.values, QStringList{QStringLiteral("x")});
        applyOptions(v, {});
        QVERIFY(v.current.values.isEmpty());
        Variable box = var("q", VariableKind::Textbox, "default");
        applyOptions(box, {});
        QCOMPARE(box.current.values, QStringList{QStringLiteral("default")});
        QVERIFY(selectValues(box, {QStringLiteral("anything")}));
        QCOMPARE(box.current.values, QStringList{QStringLiteral("anything")});
    }

    void substitution_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("$var") << "up{job=\"$job\"}"
                              << "up{job=\"node\"}";
        QTest::newRow("${var}") << "${job}_total"
                                << "node_total";
        QTest::newRow("[[var]]") << "x[[job]]y"
                                 << "xnodey";
        QTest::newRow("unknown stays") << "$nope ${nope} [[nope]]"
                                       << "$nope ${nope} [[nope]]";
        QTest::newRow("quote escaped") << "{a=\"$quote\"}"
                                       << "{a=\"it\\\\'s\"}";
        QTest::newRow("single value of multi: regex-escaped") << "{i=~\"$single\"}"
                                                              << "{i=~\"a\\\\.b:9100\"}";
        QTest::newRow("multi") << "{i=~\"$hosts\"}"
                               << "{i=~\"(a\\\\.example|b\\\\.example)\"}";
        QTest::newRow("All without allValue") << "{job=~\"$all\"}"
                                              << "{job=~\"(node|post\\\\(gres\\\\))\"}";
        QTest::newRow("All with allValue, raw") << "{env=~\"$allv\"}"
                                                << "{env=~\".*\"}";
        QTest::newRow("All with no options") << "{x=~\"$empty\"}"
                                             << "{x=~\".*\"}";
        QTest::newRow(":regex") << "${hosts:regex}"
                                << "(a\\.example|b\\.example)";
        QTest::newRow(":regex single") << "${job:regex}"
                                       << "node";
        QTest::newRow(":pipe") << "${hosts:pipe}"
                               << "a.example|b.example";
        QTest::newRow(":csv") << "${hosts:csv}"
                              << "a.example,b.example";
        QTest::newRow(":text") << "${env:text}"
                               << "Production + Staging";
        QTest::newRow(":json") << "${hosts:json}"
                               << "[\"a.example\",\"b.example\"]";
        QTest::newRow(":glob") << "${hosts:glob}"
                               << "{a.example,b.example}";
        QTest::newRow(":singlequote") << "${hosts:singlequote}"
                                      << "'a.example','b.example'";
        QTest::newRow(":raw") << "${single:raw}"
                              << "a.b:9100";
        QTest::newRow("[[var:csv]]") << "[[hosts:csv]]"
                                     << "a.example,b.example";
        QTest::newRow("text of All") << "${all:text}"
                                     << "All";
        QTest::newRow("constant") << "$cluster"
                                  << "eu-1";
        QTest::newRow("backslash in multi") << "$back"
                                            << "(a\\\\\\\\b|c)";
        QTest::newRow("longest name wins") << "$jobs $job"
                                           << "$jobs node";
        QTest::newRow("$__interval") << "rate(x[$__interval])"
                                     << "rate(x[30s])";
        QTest::newRow("$__interval_ms") << "$__interval_ms"
                                        << "30000";
        QTest::newRow("$__rate_interval") << "rate(x[$__rate_interval])"
                                          << "rate(x[1m])";
        QTest::newRow("${__rate_interval}") << "${__rate_interval}"
                                            << "1m";
        QTest::newRow("$__range") << "increase(x[$__range])"
                                  << "increase(x[21600s])";
        QTest::newRow("$__range_s / _ms") << "$__range_s $__range_ms"
                                          << "21600 21600000";
        QTest::newRow("$__from $__to") << "${__from} $__to"
                                       << "1699978400000 1700000000000";
    }
    void substitution() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        std::vector<Variable> vars;
        vars.push_back(selected("job", {QStringLiteral("node")}));
        vars.push_back(selected("quote", {QStringLiteral("it's")}));
        vars.push_back(selected("single", {QStringLiteral("a.b:9100")}, true));
        vars.push_back(selected("hosts", {QStringLiteral("a.example"), QStringLiteral("b.example")},
                                true, true));
        Variable all = selected("all", {kAllValue}, true, true);
        all.options = {{"node", "node"}, {"post(gres)", "post(gres)"}};
        vars.push_back(all);
        Variable allv = selected("allv", {kAllValue}, false, true);
        allv.allValue = QStringLiteral(".*");
        allv.options = {{"x", "x"}};
        vars.push_back(allv);
        vars.push_back(selected("empty", {kAllValue}, false, true));
        Variable env = selected("env", {QStringLiteral("prod"), QStringLiteral("stage")}, true);
        env.current.texts = QStringList{QStringLiteral("Production"), QStringLiteral("Staging")};
        vars.push_back(env);
        vars.push_back(var("cluster", VariableKind::Constant, "eu-1"));
        vars.push_back(selected("back", {QStringLiteral("a\\b"), QStringLiteral("c")}, true));
        InterpolationScope scope{
            vars, {1'700'000'000'000 - 6 * kHour, 1'700'000'000'000}, 30'000, 15'000};
        QCOMPARE(interpolate(text, scope), expected);
    }

    void autoIntervalVariable() {
        Variable iv = var("iv", VariableKind::Interval, "1m,5m");
        iv.autoInterval = true;
        iv.autoCount = 30;
        iv.autoMin = QStringLiteral("10s");
        iv.current.values = QStringList{QStringLiteral("$__auto_interval_iv")};
        std::vector<Variable> vars{iv};
        // 6h / 30 = 12m -> rounded to 10m.
        QCOMPARE(
            interpolate(QStringLiteral("[$iv]"), InterpolationScope{vars, kSixHours, 0, 15'000}),
            QStringLiteral("[10m]"));
        vars[0].autoMin = QStringLiteral("1h");
        QCOMPARE(interpolate(QStringLiteral("$iv"), InterpolationScope{vars, kSixHours, 0, 15'000}),
                 QStringLiteral("1h"));
    }

    void referenced() {
        QCOMPARE(referencedVariables(QStringLiteral("$a ${b:csv} [[c]] $a $__interval ${__range}")),
                 (QStringList{"a", "b", "c"}));
    }

    void intervals() {
        QCOMPARE(roundInterval(12), qint64(10));
        QCOMPARE(roundInterval(14'000), qint64(15'000));
        QCOMPARE(roundInterval(21'600), qint64(20'000));  // 6h / 1000
        QCOMPARE(roundInterval(100'000), qint64(120'000));
        QCOMPARE(roundInterval(86'400'000LL * 10), qint64(604'800'000));    // 10d -> 1w
        QCOMPARE(roundInterval(86'400'000LL * 30), qint64(2'592'000'000));  // 30d
        QCOMPARE(roundInterval(86'400'000LL * 400), qint64(31'536'000'000));
        QCOMPARE(formatInterval(90'000), QStringLiteral("1m"));
        QCOMPARE(formatInterval(500), QStringLiteral("500ms"));
        QCOMPARE(formatInterval(2 * 86'400'000LL), QStringLiteral("2d"));
        QCOMPARE(calculateIntervalMs(kSixHours, 1000, 15'000), qint64(20'000));
        QCOMPARE(calculateIntervalMs(kSixHours, 1000, 60'000),
                 qint64(60'000));  // at least the scrape/min interval
        QCOMPARE(calculateIntervalMs({0, kHour}, 1000, 15'000), qint64(15'000));
        QCOMPARE(rateIntervalMs(20'000, 15'000), qint64(60'000));
        QCOMPARE(rateIntervalMs(120'000, 15'000), qint64(135'000));
    }

    void panelQueries() {
        Panel p;
        p.targets = {{QStringLiteral("A"),
                      QStringLiteral("rate(x{job=\"$job\"}[$__rate_interval])"),
                      QStringLiteral("{{instance}} $job"),
                      false,
                      {},
                      false,
                      {}},
                     {QStringLiteral("B"), QStringLiteral("hidden"), {}, false, {}, true, {}},
                     {QStringLiteral("C"),
                      QStringLiteral("sum(x)"),
                      QStringLiteral("__auto"),
                      true,
                      {},
                      false,
                      QStringLiteral("table")},
                     {QStringLiteral("D"),
                      QStringLiteral("avg_over_time(x[$__interval])"),
                      {},
                      false,
                      QStringLiteral("5m"),
                      false,
                      {}}};
        std::vector<Variable> vars{selected("job", {QStringLiteral("node")})};
        const auto q = planPanelQueries(p, vars, kSixHours);
        QCOMPARE(q.size(), size_t(3));
        QCOMPARE(q[0].refId, QStringLiteral("A"));
        QCOMPARE(q[0].stepMs, qint64(20'000));  // 6h / 1000 -> 21.6s -> 20s
        QCOMPARE(q[0].expr, QStringLiteral("rate(x{job=\"node\"}[1m])"));  // max(20s+15s, 60s)
        QCOMPARE(q[0].legendFormat, QStringLiteral("{{instance}} node"));
        QCOMPARE(q[0].startMs % 20'000, qint64(0));
        QVERIFY(q[0].startMs <= kSixHours.fromMs && q[0].endMs <= kSixHours.toMs);
        QVERIFY(q[1].instant);
        QCOMPARE(q[1].startMs, kSixHours.toMs);
        QCOMPARE(q[1].endMs, kSixHours.toMs);
        QCOMPARE(q[1].legendFormat, QString());
        QCOMPARE(q[1].format, QStringLiteral("table"));
        QCOMPARE(q[2].stepMs, qint64(300'000));  // the target's min interval
        QCOMPARE(q[2].expr, QStringLiteral("avg_over_time(x[5m])"));
        // A narrow panel gets a coarser step; maxDataPoints wins over the width.
        QCOMPARE(planPanelQueries(p, vars, kSixHours, 200)[0].stepMs, qint64(120'000));
        p.maxDataPoints = 2000;
        QCOMPARE(planPanelQueries(p, vars, kSixHours, 200)[0].stepMs, qint64(15'000));
        // Prometheus' 11000 points per series limit.
        p.maxDataPoints = 100'000;
        const ResolvedTimeRange year{0, 365 * 24 * kHour};
        QVERIFY(planPanelQueries(p, vars, year)[0].stepMs >= year.toMs / 11'000);
    }

    void relativeTime() {
        const QTimeZone utc = QTimeZone::utc();
        const qint64 now =
            QDateTime(QDate(2026, 11, 29), QTime(10, 30, 15), utc).toMSecsSinceEpoch();
        auto at = [&](int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0) {
            return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), utc).toMSecsSinceEpoch();
        };
        QCOMPARE(*resolveTime(QStringLiteral("now"), now, false, utc), now);
        QCOMPARE(*resolveTime(QStringLiteral("now-6h"), now, false, utc), now - 6 * kHour);
        QCOMPARE(*resolveTime(QStringLiteral("now-1d/d"), now, false, utc), at(2026, 11, 28));
        QCOMPARE(*resolveTime(QStringLiteral("now-1d/d"), now, true, utc),
                 at(2026, 11, 28, 23, 59, 59, 999));
        QCOMPARE(*resolveTime(QStringLiteral("now/M"), now, false, utc), at(2026, 11, 1));
        QCOMPARE(*resolveTime(QStringLiteral("now/w"), now, false, utc),
                 at(2026, 11, 29));  // a Sunday
        QCOMPARE(*resolveTime(QStringLiteral("now-1M"), now, false, utc),
                 at(2026, 10, 29, 10, 30, 15));
        QCOMPARE(*resolveTime(QStringLiteral("now+30m"), now, false, utc), now + kHour / 2);
        QCOMPARE(*resolveTime(QStringLiteral("1700000000000"), now, false, utc),
                 qint64(1700000000000));
        QCOMPARE(*resolveTime(QStringLiteral("2026-01-02T03:04:05Z"), now, false, utc),
                 at(2026, 1, 2, 3, 4, 5));
        const QTimeZone berlin("Europe/Berlin");
        QCOMPARE(*resolveTime(QStringLiteral("now/d"), now, false, berlin),
                 at(2026, 11, 28, 23));  // local midnight
        for (const char* bad : {"", "yesterday", "now-", "now-5x", "now/q", "now*2"})
            QVERIFY2(!resolveTime(QString::fromLatin1(bad), now, false, utc).ok(), bad);
        auto r = resolveTimeRange(TimeRange{}, now, utc);
        QVERIFY(r.ok());
        QCOMPARE(r->toMs - r->fromMs, 6 * kHour);
        QVERIFY(
            !resolveTimeRange(TimeRange{QStringLiteral("now"), QStringLiteral("now-1h")}, now, utc)
                 .ok());
        QCOMPARE(timeZoneFor(QStringLiteral("utc")), QTimeZone::utc());
        QCOMPARE(timeZoneFor(QStringLiteral("browser")), QTimeZone::systemTimeZone());
    }
};

QTEST_GUILESS_MAIN(DashboardTemplateTest)
#include "dashboard_template_test.moc"
