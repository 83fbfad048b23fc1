// Qt Test: the demo data set (demo_data.h) — deterministic and splittable, true counters and
// consistent histograms, data behind every seed rule selector and every seed dashboard query,
// and seed alerts that fire in the incidents and stay mostly quiet outside them.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <map>
#include <set>

#include "pharos/core/dashboards/grafana.h"
#include "pharos/core/demo_data.h"
#include "pharos/promql/engine.h"
#include "pharos/promql/parser.h"
#include "pharos/promql/tsdb_storage.h"
#include "pharos/rules/backtest.h"
#include "pharos/rules/rule_file.h"
#include "pharos/tsdb/db.h"

using namespace pharos;

namespace {

constexpr qint64 kEnd = 1764000000000;  // 2025-11-24T16:00:00Z
constexpr qint64 kHourMs = 3600 * 1000;
constexpr qint64 kDays2 = 48 * kHourMs;

struct Sample {
    qint64 t;
    uint64_t bits;
};
using Dump = std::map<std::string, std::vector<Sample>>;

Dump dumpAll(tsdb::DB& db) {
    Dump out;
    auto q = db.querier();
    auto set = q->select({}, INT64_MIN, INT64_MAX);
    if (!set.ok()) qFatal("select: %s", set.status().toString().c_str());
    while (set->next()) {
        auto& v = out[set->labels().toString()];
        auto it = set->iterator();
        while (it.next()) {
            uint64_t b;
            const double x = it.v();
            std::memcpy(&b, &x, sizeof b);
            v.push_back({it.t(), b});
        }
    }
    return out;
}

bool isCounterName(std::string_view name) {
    auto ends = [&](std::string_view s) { return name.size() >= s.size() && name.substr(name.size() - s.size()) == s; };
    return ends("_total") || ends("_bucket") || ends("_count") || ends("_sum") || name.rfind("pg_stat_database_", 0) == 0;
}

QStringList seedFiles(const char* sub, const char* pattern) {
    QDir dir(QStringLiteral(PHAROS_SOURCE_DIR "/resources/seed/") + QLatin1String(sub));
    QStringList out;
    for (const QString& f : dir.entryList({QLatin1String(pattern)}, QDir::Files)) out << dir.filePath(f);
    return out;
}

std::string readFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    return f.readAll().toStdString();
}

void collectSelectors(const promql::Node& n, std::vector<const promql::Node*>* out) {
    if (n.kind == promql::NodeKind::VectorSelector) out->push_back(&n);
    for (const auto& a : n.args) collectSelectors(*a, out);
    for (const promql::Node* c : {n.param.get(), n.lhs.get(), n.rhs.get(), n.expr.get()})
        if (c) collectSelectors(*c, out);
}

bool nonEmpty(const promql::QueryResult& r) {
    switch (r.type) {
    case promql::ValueType::Vector: return !r.vector.empty();
    case promql::ValueType::Matrix: return !r.matrix.empty();
    case promql::ValueType::Scalar: return true;
    default: return false;
    }
}

}  // namespace

class DemoDataTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<tsdb::DB> db_;
    core::DemoOptions opts_;

    std::unique_ptr<tsdb::DB> openDb(const QString& path) {
        auto db = tsdb::DB::open(path.toStdString());
        if (!db.ok()) qFatal("open: %s", db.status().toString().c_str());
        return std::move(*db);
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        db_ = openDb(dir_.filePath(QStringLiteral("main")));
        std::vector<double> fractions;
        const Status st = core::generateDemoData(*db_, kEnd - kDays2, kEnd, opts_, nullptr,
                                                 [&](double f) { fractions.push_back(f); });
        QVERIFY2(st.ok(), st.toString().c_str());
        QVERIFY(fractions.size() > 2);
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
        QCOMPARE(fractions.back(), 1.0);
        const auto stats = db_->stats();
        QCOMPARE(stats.series, uint64_t(core::demoSeriesCount(opts_)));
        QVERIFY(stats.samples > 5'000'000);
        QCOMPARE(stats.maxTime, kEnd - kEnd % 15000);

        // Every metric has its TYPE and HELP recorded, as a scrape would have.
        for (const auto& m : db_->metricSummary()) {
            const auto md = db_->metadata().lookup(m.name);
            QVERIFY2(md.has_value(), m.name.c_str());
            QVERIFY2(md->second.type != tsdb::MetricType::Unknown, m.name.c_str());
            QVERIFY2(!md->second.help.empty() && md->second.help.rfind("Demo data set", 0) != 0, m.name.c_str());
        }
        QCOMPARE(int(db_->metadata().lookup("http_request_duration_seconds_bucket")->second.type), int(tsdb::MetricType::Histogram));
        QCOMPARE(int(db_->metadata().lookup("http_requests_total")->second.type), int(tsdb::MetricType::Counter));
    }

    // Generating [a, b] then [b, c] gives exactly the samples of [a, c] (the lead tops the data
    // up each start); the window covers the postgres outage (stale markers, counter restart).
    void splitGenerationIsIdentical() {
        core::DemoOptions o;
        o.incidentAnchorMs = kEnd;
        o.commitBatchSamples = 5000;
        const qint64 a = kEnd - 27 * kHourMs, b = kEnd - 26 * kHourMs + 7 * 60'000 + 1234, c = kEnd - 25 * kHourMs;
        auto whole = openDb(dir_.filePath(QStringLiteral("whole")));
        QVERIFY(core::generateDemoData(*whole, a, c, o).ok());
        auto split = openDb(dir_.filePath(QStringLiteral("split")));
        QVERIFY(core::generateDemoData(*split, a, b, o).ok());
        QVERIFY(core::generateDemoData(*split, b - 60'000, c, o).ok());  // overlapping top-up
        const Dump dw = dumpAll(*whole), ds = dumpAll(*split);
        QCOMPARE(dw.size(), ds.size());
        size_t samples = 0, stale = 0;
        for (const auto& [labels, samplesW] : dw) {
            auto it = ds.find(labels);
            QVERIFY2(it != ds.end(), labels.c_str());
            QCOMPARE(it->second.size(), samplesW.size());
            for (size_t i = 0; i < samplesW.size(); ++i) {
                QCOMPARE(it->second[i].t, samplesW[i].t);
                QVERIFY2(it->second[i].bits == samplesW[i].bits, labels.c_str());
                if (samplesW[i].bits == tsdb::kStaleNaNBits) ++stale;
            }
            samples += samplesW.size();
        }
        QVERIFY(samples > 100'000);
        QVERIFY2(stale > 10, "the outage ends the primary's series with stale markers");

        // The same window from the big data set (same anchor) has the same samples too.
        const Dump dm = dumpAll(*db_);
        const auto& upW = dw.at(R"(up{instance="127.0.0.1:9187", job="postgres"})");
        const auto& upM = dm.at(R"(up{instance="127.0.0.1:9187", job="postgres"})");
        auto first = std::find_if(upM.begin(), upM.end(), [&](const Sample& s) { return s.t == upW.front().t; });
        QVERIFY(first != upM.end());
        for (size_t i = 0; i < upW.size(); ++i) QCOMPARE(first[qsizetype(i)].bits, upW[i].bits);
        QVERIFY(std::any_of(upW.begin(), upW.end(), [](const Sample& s) { double v; std::memcpy(&v, &s.bits, 8); return v == 0; }));

        // Another seed changes the noise.
        core::DemoOptions other = o;
        other.seed = 2;
        auto reseeded = openDb(dir_.filePath(QStringLiteral("seed2")));
        QVERIFY(core::generateDemoData(*reseeded, a, c, other).ok());
        const Dump dr = dumpAll(*reseeded);
        size_t differ = 0;
        for (const auto& [labels, s] : dr)
            if (dw.at(labels).size() == s.size() && !std::equal(s.begin(), s.end(), dw.at(labels).begin(),
                                                                [](const Sample& x, const Sample& y) { return x.bits == y.bits; }))
                ++differ;
        QVERIFY(differ > dr.size() / 2);
    }

    void cancellationStops() {
        std::atomic<bool> cancel{true};
        auto db = openDb(dir_.filePath(QStringLiteral("cancel")));
        core::DemoOptions o;
        o.commitBatchSamples = 1000;
        const Status st = core::generateDemoData(*db, kEnd - kDays2, kEnd, o, &cancel);
        QCOMPARE(int(st.code()), int(StatusCode::Cancelled));
        QVERIFY(db->stats().samples < 100'000);
        QCOMPARE(int(core::generateDemoData(*db, kEnd, kEnd - 1, o).code()), int(StatusCode::InvalidArgument));
    }

    // Counters only go down at the deliberate restarts (deploy of knowton-backend, postgres after
    // its outage); histograms are cumulative with _count == the +Inf bucket.
    void countersAndHistograms() {
        const auto incidents = core::demoIncidents(kEnd - kDays2, kEnd, opts_);
        QVERIFY(incidents.size() >= 5);
        const Dump dm = dumpAll(*db_);
        int resets = 0, counters = 0;
        std::set<std::string> resetJobs;
        for (const auto& [key, samples] : dm) {
            const std::string name = key.substr(0, key.find('{'));
            const auto md = db_->metadata().lookup(name);
            QVERIFY(md.has_value());
            if (md->second.type != tsdb::MetricType::Counter && md->second.type != tsdb::MetricType::Histogram) continue;
            QVERIFY2(md->second.type == tsdb::MetricType::Histogram || isCounterName(name), name.c_str());
            ++counters;
            double prev = -1;
            for (const auto& s : samples) {
                double v;
                std::memcpy(&v, &s.bits, sizeof v);
                if (std::isnan(v)) continue;
                if (v < prev) {
                    bool expected = false;
                    for (const auto& inc : incidents) {
                        if (inc.counterResetJob.empty() || key.find("job=\"" + inc.counterResetJob + "\"") == std::string::npos) continue;
                        if (s.t >= inc.startMs && s.t <= inc.endMs + 60'000) expected = true;
                    }
                    QVERIFY2(expected, (key + " decreases at " + std::to_string(s.t)).c_str());
                    ++resets;
                    resetJobs.insert(key.substr(key.find("job=\"") + 5, key.find('"', key.find("job=\"") + 5) - key.find("job=\"") - 5));
                }
                prev = v;
            }
        }
        QVERIFY(counters > 300);
        QVERIFY(resets > 0);
        QCOMPARE(resetJobs, (std::set<std::string>{"knowton-backend", "postgres"}));

        // Histogram consistency at a few instants (incident ones included).
        promql::TsdbStorage storage(db_->querier());
        for (qint64 t : {kEnd - 3 * kHourMs + 10 * 60'000, kEnd - 20 * kHourMs + 60'000, kEnd}) {
            auto r = promql::instantQuery(storage, "http_request_duration_seconds_bucket", t);
            QVERIFY(r.ok());
            std::map<std::string, std::vector<std::pair<double, double>>> byFamily;
            for (const auto& s : r->vector) {
                std::vector<tsdb::Label> rest;
                for (const auto& l : s.labels) if (l.name != "le") rest.push_back(l);
                const std::string le(s.labels.get("le"));
                byFamily[tsdb::Labels(rest).toString()].push_back({le == "+Inf" ? INFINITY : std::stod(le), s.v});
            }
            QVERIFY(byFamily.size() > 10);
            auto counts = promql::instantQuery(storage, "http_request_duration_seconds_count", t);
            QVERIFY(counts.ok());
            std::map<std::string, double> countOf;
            for (const auto& s : counts->vector) {
                std::vector<tsdb::Label> l;
                for (const auto& x : s.labels) l.push_back(x.name == "__name__" ? tsdb::Label{x.name, "http_request_duration_seconds_bucket"} : x);
                countOf[tsdb::Labels(l).toString()] = s.v;
            }
            for (auto& [fam, buckets] : byFamily) {
                std::sort(buckets.begin(), buckets.end());
                for (size_t i = 1; i < buckets.size(); ++i) QVERIFY2(buckets[i].second >= buckets[i - 1].second, fam.c_str());
                QVERIFY(std::isinf(buckets.back().first));
                QCOMPARE(buckets.back().second, countOf.at(fam));
            }
        }
    }

    // Every selector of every seed rule (except recorded series) has data in the last hour.
    void everySeedRuleSelectorHasData() {
        const QStringList files = seedFiles("rules", "*.yml");
        QCOMPARE(files.size(), 4);
        std::set<std::string> recorded;
        std::vector<rules::RuleFile> parsed;
        for (const QString& f : files) {
            auto rf = rules::parseRuleFile(readFile(f), f.toStdString());
            QVERIFY2(rf.ok(), rf.status().toString().c_str());
            for (const auto& g : rf->groups)
                for (const auto& r : g.rules)
                    if (r.kind == rules::Rule::Kind::Recording) recorded.insert(r.name);
            parsed.push_back(std::move(*rf));
        }
        promql::TsdbStorage storage(db_->querier());
        int checked = 0;
        for (const auto& rf : parsed) {
            for (const auto& g : rf.groups) {
                for (const auto& r : g.rules) {
                    auto ast = promql::parse(r.expr);
                    QVERIFY2(ast.ok(), r.expr.c_str());
                    std::vector<const promql::Node*> sels;
                    collectSelectors(**ast, &sels);
                    for (const promql::Node* s : sels) {
                        if (recorded.count(s->metricName)) continue;
                        const std::string text = r.expr.substr(size_t(s->pos.start), size_t(s->pos.end - s->pos.start));
                        auto res = promql::instantQuery(storage, "last_over_time((" + text + ")[1h:1m])", kEnd);
                        QVERIFY2(res.ok(), (text + ": " + res.status().toString()).c_str());
                        QVERIFY2(nonEmpty(*res), (r.name + ": no data for " + text).c_str());
                        ++checked;
                    }
                }
            }
        }
        QVERIFY(checked > 80);
    }

    // The seed dashboards are Grafana 10 JSON, and every target has data.
    void dashboardsQueryData() {
        const QStringList files = seedFiles("dashboards", "*.json");
        QVERIFY(files.size() >= 4);
        promql::TsdbStorage storage(db_->querier());
        std::set<QString> titles, uids;
        int targets = 0;
        static const QRegularExpression var(QStringLiteral(R"(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)"));
        for (const QString& f : files) {
            QJsonParseError err;
            const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(readFile(f)), &err);
            QVERIFY2(err.error == QJsonParseError::NoError, qPrintable(f + QStringLiteral(": ") + err.errorString()));
            const QJsonObject d = doc.object();
            QCOMPARE(d.value(QStringLiteral("schemaVersion")).toInt(), 39);
            // The workspace's importer takes every panel and variable without loss.
            auto imported = core::dashboards::importGrafanaDashboard(QByteArray::fromStdString(readFile(f)), f);
            QVERIFY2(imported.ok(), imported.status().toString().c_str());
            // Nothing is lost (notes only), value mappings (UP/DOWN on status stats) included.
            for (const auto& issue : imported->report.issues) {
                QVERIFY2(issue.severity == core::dashboards::ImportIssue::Severity::Info,
                         qPrintable(f + QStringLiteral(": ") + issue.path + QStringLiteral(": ") + issue.message));
            }
            QVERIFY(titles.insert(d.value(QStringLiteral("title")).toString()).second);
            QVERIFY(uids.insert(d.value(QStringLiteral("uid")).toString()).second);
            std::set<int> ids;
            for (const QJsonValue pv : d.value(QStringLiteral("panels")).toArray()) {
                const QJsonObject p = pv.toObject();
                QVERIFY(ids.insert(p.value(QStringLiteral("id")).toInt()).second);
                const QJsonObject pos = p.value(QStringLiteral("gridPos")).toObject();
                QVERIFY(pos.value(QStringLiteral("x")).toInt() + pos.value(QStringLiteral("w")).toInt() <= 24);
                for (const QJsonValue tv : p.value(QStringLiteral("targets")).toArray()) {
                    QString expr = tv.toObject().value(QStringLiteral("expr")).toString();
                    QVERIFY(!tv.toObject().value(QStringLiteral("refId")).toString().isEmpty());
                    expr.replace(QStringLiteral("$__rate_interval"), QStringLiteral("1m"));
                    expr.replace(var, QStringLiteral(".*"));
                    auto res = promql::instantQuery(storage, expr.toStdString(), kEnd);
                    QVERIFY2(res.ok(), qPrintable(f + QStringLiteral(": ") + expr + QStringLiteral(": ") +
                                                  QString::fromStdString(res.status().toString())));
                    QVERIFY2(nonEmpty(*res), qPrintable(f + QStringLiteral(": no data for ") + expr));
                    ++targets;
                }
            }
        }
        QVERIFY(titles.count(QStringLiteral("System overview")) && titles.count(QStringLiteral("Application / API")) &&
                titles.count(QStringLiteral("Databases")) && titles.count(QStringLiteral("Business")));
        QVERIFY(targets > 60);
    }

    // Backtest of the seed alert rules over the last 30 h: each incident makes its alerts fire
    // inside its window, and outside the incidents the catalogue is nearly quiet.
    void seedAlertsFireInIncidentsOnly() {
        const qint64 start = kEnd - 30 * kHourMs;
        const auto incidents = core::demoIncidents(start, kEnd, opts_);
        promql::TsdbStorage storage(db_->querier());
        rules::BacktestOptions bo;
        bo.startMs = start;
        bo.endMs = kEnd;
        bo.intervalMs = 60'000;
        std::map<std::string, std::vector<std::pair<qint64, qint64>>> firing;  // alert -> [start, end]
        int64_t firingMs = 0, rulesCount = 0;
        for (const QString& f : seedFiles("rules", "*.yml")) {
            auto rf = rules::parseRuleFile(readFile(f), f.toStdString());
            QVERIFY(rf.ok());
            auto res = rules::backtest(storage, *rf, bo);
            QVERIFY2(res.ok(), res.status().toString().c_str());
            for (const auto& rule : *res) {
                QVERIFY2(rule.error.ok(), (rule.alert + ": " + rule.error.toString()).c_str());
                if (rule.alert.empty()) continue;
                ++rulesCount;
                for (const auto& a : rule.alerts) {
                    firingMs += a.firingMs;
                    for (const auto& iv : a.intervals) firing[rule.alert].push_back({iv.start, iv.end.value_or(kEnd)});
                }
            }
        }
        QString summary;
        for (const auto& [name, ivs] : firing) summary += QString::fromStdString(name) + QStringLiteral("(%1) ").arg(ivs.size());
        qInfo("firing: %s", qPrintable(summary));
        // Each incident's alerts fire while it lasts or shortly after.
        for (const auto& inc : incidents) {
            for (const auto& alert : inc.alerts) {
                bool fired = false;
                for (const auto& [s, e] : firing[alert]) fired |= s >= inc.startMs && s <= inc.endMs + 20 * 60'000;
                QVERIFY2(fired, (inc.kind + ": " + alert + " did not fire").c_str());
            }
        }
        // Outside the incidents (and 30 min after them) nothing starts firing.
        for (const auto& [name, ivs] : firing) {
            for (const auto& [s, e] : ivs) {
                bool inIncident = false;
                for (const auto& inc : incidents) inIncident |= s >= inc.startMs && s <= inc.endMs + 30 * 60'000;
                QVERIFY2(inIncident, (name + " fires outside the incidents at " + std::to_string(s)).c_str());
            }
        }
        // Budget: firing time summed over all alerts is under 2 % of rules x window.
        QVERIFY(rulesCount > 50);
        const double share = double(firingMs) / (double(rulesCount) * double(kEnd - start));
        QVERIFY2(share < 0.02, qPrintable(QString::number(share)));
    }
};

QTEST_GUILESS_MAIN(DemoDataTest)
#include "demo_data_test.moc"
