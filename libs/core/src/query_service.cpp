// QueryService: TSDB ownership, PromQL queries and metadata look-ups off the GUI thread.
#include "pharos/core/query_service.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPointer>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <map>
#include <set>

#include "pharos/core/remote/prom_client.h"
#include "pharos/core/remote/remote_storage.h"
#include "pharos/promql/engine.h"
#include "pharos/promql/parser.h"
#include "pharos/promql/tsdb_storage.h"
#include "pharos/tsdb/db.h"

namespace pharos::core {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }
QString qs(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

LabelPairs toPairs(const tsdb::Labels& labels) {
    LabelPairs out;
    out.reserve(labels.size());
    for (const auto& l : labels) out.emplace_back(qs(l.name), qs(l.value));
    return out;
}

// The parser reports "L:C: parse error: ..." with C counted in bytes of line L; the editor
// counts UTF-16 code units.
void setParseError(QueryData& d, const std::string& message, const std::string& query) {
    d.error = qs(message);
    int line = 0, byteCol = 0, n = 0;
    if (std::sscanf(message.c_str(), "%d:%d:%n", &line, &byteCol, &n) < 2 || n == 0 || line < 1 || byteCol < 1) return;
    size_t lineStart = 0;
    for (int l = 1; l < line; ++l) {
        const size_t nl = query.find('\n', lineStart);
        if (nl == std::string::npos) return;
        lineStart = nl + 1;
    }
    const size_t prefix = std::min(query.size() - lineStart, static_cast<size_t>(byteCol - 1));
    d.errorLine = line;
    d.errorColumn = static_cast<int>(QString::fromUtf8(query.data() + lineStart, static_cast<qsizetype>(prefix)).size()) + 1;
}

}  // namespace

QueryData evaluateQuery(tsdb::DB* db, const std::string& query, qint64 start, qint64 end, qint64 step, bool instant,
                   const std::atomic<bool>* cancel, const QString& legendFormat) {
    QueryData d;
    d.startMs = instant ? end : start;
    d.endMs = end;
    d.stepMs = instant ? 0 : step;
    if (!db) {
        d.error = QCoreApplication::translate("pharos::core::QueryService", "No TSDB is open.");
        return d;
    }
    if (cancel->load()) {
        d.cancelled = true;
        return d;
    }
    auto parsed = promql::parse(query);
    if (!parsed.ok()) {
        setParseError(d, parsed.status().message(), query);
        return d;
    }
    promql::TsdbStorage storage(db->querier());
    promql::EngineOptions options;
    options.cancel = cancel;
    QElapsedTimer timer;
    timer.start();
    auto r = instant ? promql::instantQuery(storage, **parsed, end, options)
                     : promql::rangeQuery(storage, **parsed, start, end, step, options);
    d.evalMicros = timer.nsecsElapsed() / 1000;
    if (!r.ok()) {
        if (r.status().code() == StatusCode::Cancelled || cancel->load()) d.cancelled = true;
        d.error = qs(r.status().toString());
        return d;
    }
    auto addSeries = [&](const tsdb::Labels& labels) -> SeriesData& {
        SeriesData& s = d.series.emplace_back();
        s.labels = toPairs(labels);
        s.legend = applyLegendFormat(legendFormat, s.labels);
        return s;
    };
    switch (r->type) {
        case promql::ValueType::Scalar: {
            d.kind = QueryData::Kind::Scalar;
            SeriesData& s = addSeries({});
            s.timestamps.push_back(r->scalarT);
            s.values.push_back(r->scalar);
            break;
        }
        case promql::ValueType::String:
            d.kind = QueryData::Kind::String;
            d.stringValue = qs(r->str);
            break;
        case promql::ValueType::Vector:
            d.kind = QueryData::Kind::Vector;
            d.series.reserve(r->vector.size());
            for (const auto& smp : r->vector) {
                SeriesData& s = addSeries(smp.labels);
                s.timestamps.push_back(smp.t);
                s.values.push_back(smp.v);
            }
            break;
        default:
            d.kind = QueryData::Kind::Matrix;
            d.series.reserve(r->matrix.size());
            for (const auto& ser : r->matrix) {
                SeriesData& s = addSeries(ser.labels);
                s.timestamps.reserve(ser.points.size());
                s.values.reserve(ser.points.size());
                for (const auto& p : ser.points) {
                    s.timestamps.push_back(p.t);
                    s.values.push_back(p.v);
                }
            }
            break;
    }
    return d;
}

std::optional<std::vector<tsdb::Matcher>> selectorMatchers(const QString& selector) {
    std::vector<tsdb::Matcher> out;
    if (selector.trimmed().isEmpty()) return out;
    auto node = promql::parseSeriesSelector(selector.trimmed().toStdString());
    if (!node.ok() || (*node)->kind != promql::NodeKind::VectorSelector) return std::nullopt;
    for (const auto& m : (*node)->matchers) {
        tsdb::MatchType t = m.op == promql::MatchOp::Equal      ? tsdb::MatchType::Equal
                            : m.op == promql::MatchOp::NotEqual ? tsdb::MatchType::NotEqual
                            : m.op == promql::MatchOp::Regex    ? tsdb::MatchType::Regex
                                                                : tsdb::MatchType::NotRegex;
        auto matcher = tsdb::Matcher::make(t, m.name, m.value);
        if (!matcher.ok()) return std::nullopt;
        out.push_back(std::move(*matcher));
    }
    return out;
}

namespace {

QString valuesKey(const QString& name, const QString& selector) {
    return name + QChar(0x1f) + selector.trimmed();
}

}  // namespace

QueryService::QueryService(QObject* parent) : QObject(parent) {
    pool_.setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
    pool_.setExpiryTimeout(30000);
    refresh_.setSingleShot(true);
    refresh_.setInterval(300);
    connect(&refresh_, &QTimer::timeout, this, [this] {
        if (metricsWanted_ && isOpen()) metrics(this, nullptr);
    });
}

QueryService::~QueryService() {
    for (const auto& w : running_)
        if (auto f = w.lock()) f->store(true);
    release();
    pool_.waitForDone();
}

void QueryService::open(const QString& tsdbDir) {
    // The previous DB is handed to the open task: it must be gone (its directory lock released)
    // before the same directory can be opened again.
    std::shared_ptr<tsdb::DB> previous = std::move(db_);
    db_.reset();
    if (previous) {
        for (const auto& w : running_)
            if (auto f = w.lock()) f->store(true);
    }
    const quint64 gen = ++generation_;
    dir_ = tsdbDir;
    metricsCache_.clear();
    labelNamesCache_.clear();
    labelValuesCache_.clear();
    QPointer<QueryService> self(this);
    const std::string path = tsdbDir.toStdString();
    (void)QtConcurrent::run(&pool_, [self, gen, path, previous = std::move(previous)]() mutable {
        const bool reopening = previous != nullptr;
        previous.reset();
        auto opened = tsdb::DB::open(path);
        // Queries still finishing on the previous DB keep its lock for a moment.
        for (int i = 0; reopening && !opened.ok() && opened.status().code() == StatusCode::FailedPrecondition && i < 100; ++i) {
            QThread::msleep(50);
            opened = tsdb::DB::open(path);
        }
        std::shared_ptr<tsdb::DB> db;
        QString message;
        if (opened.ok()) {
            // The deleter runs wherever the last reference goes (a worker, see release()) and
            // tells the service when the directory lock is gone.
            db = std::shared_ptr<tsdb::DB>(opened->release(), [self](tsdb::DB* p) {
                delete p;
                QueryService* s = self.data();
                if (s) QMetaObject::invokeMethod(s, [self] { if (self) emit self->closed(); }, Qt::QueuedConnection);
            });
            const auto& rep = db->openReport();
            QStringList notes;
            if (rep.wal.corrupted) notes << qs(rep.wal.corruption);
            for (const auto& b : rep.corruptBlocks) notes << qs(b);
            if (!rep.checkpointCorruption.empty()) notes << qs(rep.checkpointCorruption);
            if (!rep.metadataCorruption.empty()) notes << qs(rep.metadataCorruption);
            message = notes.join(QLatin1Char('\n'));
        } else {
            message = qs(opened.status().toString());
        }
        QueryService* s = self.data();
        if (!s) return;
        QMetaObject::invokeMethod(s, [self, gen, db, message]() mutable {
            if (!self || self->generation_ != gen || self->db_) {
                // Closed or reopened meanwhile: let the DB go off the GUI thread.
                if (db && self) (void)QtConcurrent::run(&self->pool_, [d = std::move(db)]() mutable { d.reset(); });
                return;
            }
            self->db_ = std::move(db);
            emit self->opened(self->db_ != nullptr, message);
        }, Qt::QueuedConnection);
    });
}

void QueryService::release() {
    if (!db_) return;
    // Destroying the DB flushes and closes files: never on the GUI thread.
    (void)QtConcurrent::run(&pool_, [d = std::move(db_)]() mutable { d.reset(); });
    db_.reset();
}

void QueryService::close() {
    ++generation_;
    for (const auto& w : running_)
        if (auto f = w.lock()) f->store(true);
    metricsCache_.clear();
    labelNamesCache_.clear();
    labelValuesCache_.clear();
    release();
}

void QueryService::notifyDataChanged() {
    ++generation_;
    metricsCache_.clear();
    labelNamesCache_.clear();
    labelValuesCache_.clear();
    emit dataChanged();
    refresh_.start();
}

QueryTicket QueryService::rangeQuery(const QString& expr, qint64 startMs, qint64 endMs, qint64 stepMs,
                                     QObject* context, QueryDone done, const QString& legendFormat) {
    return runQuery(expr, startMs, endMs, stepMs, false, context, std::move(done), legendFormat);
}

QueryTicket QueryService::instantQuery(const QString& expr, qint64 timeMs, QObject* context, QueryDone done,
                                       const QString& legendFormat) {
    return runQuery(expr, timeMs, timeMs, 0, true, context, std::move(done), legendFormat);
}

QueryTicket QueryService::runQuery(const QString& expr, qint64 startMs, qint64 endMs, qint64 stepMs, bool instant,
                                   QObject* context, QueryDone done, const QString& legendFormat) {
    auto flag = std::make_shared<std::atomic<bool>>(false);
    std::erase_if(running_, [](const auto& w) { return w.expired(); });
    running_.push_back(flag);
    QPointer<QObject> guard(context);
    if (remote_) {
        (void)QtConcurrent::run(&pool_, [client = remote_, expr, startMs, endMs, stepMs, instant, flag, guard,
                                         done = std::move(done), legendFormat]() mutable {
            QElapsedTimer timer;
            timer.start();
            auto r = instant ? client->query(expr, endMs, flag.get(), legendFormat)
                             : client->queryRange(expr, startMs, endMs, stepMs, flag.get(), legendFormat);
            QueryData d;
            if (r.ok()) {
                d = std::move(*r);
            } else {
                d.startMs = instant ? endMs : startMs;
                d.endMs = endMs;
                d.stepMs = instant ? 0 : stepMs;
                d.cancelled = r.status().code() == StatusCode::Cancelled;
                setParseError(d, r.status().message(), expr.toStdString());
            }
            d.evalMicros = timer.nsecsElapsed() / 1000;
            QObject* ctx = guard.data();
            if (!ctx || !done) return;
            QMetaObject::invokeMethod(ctx, [d = std::move(d), done = std::move(done), flag, guard]() mutable {
                if (!guard) return;
                if (flag->load()) {
                    d.cancelled = true;
                    d.series.clear();
                }
                done(std::move(d));
            }, Qt::QueuedConnection);
        });
        return QueryTicket(flag);
    }
    (void)QtConcurrent::run(&pool_, [db = db_, q = expr.toStdString(), startMs, endMs, stepMs, instant, flag, guard,
                                     done = std::move(done), legendFormat]() mutable {
        QueryData d = evaluateQuery(db.get(), q, startMs, endMs, stepMs, instant, flag.get(), legendFormat);
        db.reset();  // the DB may close as soon as no query needs it
        QObject* ctx = guard.data();
        if (!ctx || !done) return;
        QMetaObject::invokeMethod(ctx, [d = std::move(d), done = std::move(done), flag, guard]() mutable {
            if (!guard) return;
            if (flag->load()) {  // cancelled while running or waiting for delivery
                d.cancelled = true;
                d.series.clear();
            }
            done(std::move(d));
        }, Qt::QueuedConnection);
    });
    return QueryTicket(flag);
}

template <typename T>
void QueryService::runMetadata(QObject* context, std::function<T(tsdb::DB&)> work, std::function<void(T)> store,
                               std::function<void(T)> done, T fallback) {
    QPointer<QObject> guard(context);
    QPointer<QueryService> self(this);
    const quint64 gen = generation_;
    (void)QtConcurrent::run(&pool_, [db = db_, work = std::move(work), store = std::move(store),
                                     done = std::move(done), fallback = std::move(fallback), guard, self,
                                     gen]() mutable {
        T result = db ? work(*db) : std::move(fallback);
        db.reset();
        QObject* ctx = guard.data();
        if (!ctx) return;
        QMetaObject::invokeMethod(ctx, [result = std::move(result), store, done, guard, self, gen]() mutable {
            if (!guard) return;
            if (self && self->generation_ == gen && store) store(result);
            if (done) done(std::move(result));
        }, Qt::QueuedConnection);
    });
}

template <typename T>
void QueryService::runRemoteMetadata(QObject* context, std::function<T(const remote::PromClient&)> work,
                                     std::function<void(T)> store, std::function<void(T)> done) {
    QPointer<QObject> guard(context);
    QPointer<QueryService> self(this);
    const quint64 gen = generation_;
    (void)QtConcurrent::run(&pool_, [client = remote_, work = std::move(work), store = std::move(store),
                                     done = std::move(done), guard, self, gen]() mutable {
        T result = work(*client);
        QObject* ctx = guard.data();
        if (!ctx) return;
        QMetaObject::invokeMethod(ctx, [result = std::move(result), store, done, guard, self, gen]() mutable {
            if (!guard) return;
            if (self && self->generation_ == gen && store) store(result);
            if (done) done(std::move(result));
        }, Qt::QueuedConnection);
    });
}

namespace {

// Label names of a set of series with the number of series carrying each and its distinct values.
std::vector<LabelNameInfo> countLabelNames(const std::vector<LabelPairs>& series) {
    std::map<QString, std::pair<quint64, std::set<QString>>> counts;
    for (const auto& s : series)
        for (const auto& [n, v] : s) {
            if (n == QLatin1String("__name__")) continue;
            auto& c = counts[n];
            ++c.first;
            c.second.insert(v);
        }
    std::vector<LabelNameInfo> out;
    for (const auto& [n, c] : counts) out.push_back({n, c.first, static_cast<quint64>(c.second.size())});
    return out;
}

std::vector<LabelValueInfo> countLabelValues(const std::vector<LabelPairs>& series, const QString& name) {
    std::map<QString, quint64> counts;
    for (const auto& s : series)
        for (const auto& [n, v] : s)
            if (n == name) ++counts[v];
    std::vector<LabelValueInfo> out;
    for (const auto& [v, c] : counts) out.push_back({v, c});
    return out;
}

}  // namespace

void QueryService::setDatasource(std::shared_ptr<const remote::PromClient> remote) {
    for (const auto& w : running_)
        if (auto f = w.lock()) f->store(true);
    remote_ = std::move(remote);
    notifyDataChanged();
}

std::shared_ptr<promql::Storage> QueryService::backtestStorage() const {
    if (remote_) return std::make_shared<remote::RemoteStorage>(remote_);
    if (!db_) return nullptr;
    // The storage keeps the DB open while a backtest reads it.
    struct LocalStorage : promql::TsdbStorage {
        explicit LocalStorage(std::shared_ptr<tsdb::DB> db) : promql::TsdbStorage(db->querier()), db_(std::move(db)) {}
        std::shared_ptr<tsdb::DB> db_;
    };
    return std::make_shared<LocalStorage>(db_);
}

void QueryService::metrics(QObject* context, std::function<void(std::vector<MetricInfo>)> done) {
    metricsWanted_ = true;
    QPointer<QueryService> self(this);
    auto store = [self](const std::vector<MetricInfo>& r) {
        if (!self) return;
        self->metricsCache_ = r;
        emit self->metricsLoaded();
    };
    if (remote_) {
        runRemoteMetadata<std::vector<MetricInfo>>(
            context,
            [](const remote::PromClient& c) {
                std::vector<MetricInfo> out;
                auto names = c.labelValues(QStringLiteral("__name__"));
                if (!names.ok()) return out;
                auto meta = c.metadata();
                std::map<QString, MetricInfo> byName;
                if (meta.ok())
                    for (auto& m : *meta) byName[m.name] = std::move(m);
                for (const auto& n : *names) {
                    auto it = byName.find(n);
                    MetricInfo m = it != byName.end() ? it->second : MetricInfo{};
                    m.name = n;
                    out.push_back(std::move(m));
                }
                return out;
            },
            store, std::move(done));
        return;
    }
    runMetadata<std::vector<MetricInfo>>(
        context,
        [](tsdb::DB& db) {
            std::vector<MetricInfo> out;
            auto names = db.querier()->labelValueCounts(tsdb::kMetricName, {});
            if (!names.ok()) return out;
            const tsdb::MetadataStore& md = db.metadata();
            out.reserve(names->size());
            for (const auto& n : *names) {
                MetricInfo m;
                m.name = qs(n.value);
                m.series = n.series;
                if (auto meta = md.lookup(n.value)) {
                    m.type = qs(tsdb::metricTypeName(meta->second.type));
                    m.help = qs(meta->second.help);
                    m.unit = qs(meta->second.unit);
                }
                out.push_back(std::move(m));
            }
            return out;
        },
        store, std::move(done), {});
}

void QueryService::labelNames(const QString& metric, QObject* context,
                              std::function<void(std::vector<LabelNameInfo>)> done) {
    QPointer<QueryService> self(this);
    auto store = [self, metric](const std::vector<LabelNameInfo>& r) {
        if (self) self->labelNamesCache_.insert(metric, r);
    };
    if (remote_) {
        runRemoteMetadata<std::vector<LabelNameInfo>>(
            context,
            [metric](const remote::PromClient& c) {
                std::vector<LabelNameInfo> out;
                if (!metric.isEmpty()) {
                    auto series = c.series({metric});
                    if (series.ok()) out = countLabelNames(*series);
                    return out;
                }
                auto names = c.labelNames();
                if (names.ok())
                    for (const auto& n : *names)
                        if (n != QLatin1String("__name__")) out.push_back({n, 0, 0});
                return out;
            },
            store, std::move(done));
        return;
    }
    const std::string name = metric.toStdString();
    runMetadata<std::vector<LabelNameInfo>>(
        context,
        [name](tsdb::DB& db) {
            std::vector<LabelNameInfo> out;
            std::vector<tsdb::Matcher> matchers;
            if (!name.empty()) matchers.push_back(*tsdb::Matcher::make(tsdb::MatchType::Equal, std::string(tsdb::kMetricName), name));
            auto counts = db.querier()->labelNameCounts(matchers);
            if (!counts.ok()) return out;
            for (const auto& c : *counts) {
                if (c.name == tsdb::kMetricName) continue;
                out.push_back({qs(c.name), c.series, c.values});
            }
            return out;
        },
        store, std::move(done), {});
}

void QueryService::labelValues(const QString& name, const QString& selector, QObject* context,
                               std::function<void(std::vector<LabelValueInfo>)> done) {
    QPointer<QueryService> self(this);
    const std::string label = name.toStdString();
    const QString key = valuesKey(name, selector);
    auto store = [self, key](const std::vector<LabelValueInfo>& r) {
        if (self) self->labelValuesCache_.insert(key, r);
    };
    if (remote_) {
        runRemoteMetadata<std::vector<LabelValueInfo>>(
            context,
            [name, selector](const remote::PromClient& c) {
                std::vector<LabelValueInfo> out;
                if (!selector.trimmed().isEmpty()) {
                    if (!selectorMatchers(selector)) return out;
                    auto series = c.series({selector.trimmed()});
                    if (series.ok()) out = countLabelValues(*series, name);
                    return out;
                }
                auto values = c.labelValues(name);
                if (values.ok())
                    for (const auto& v : *values) out.push_back({v, 0});
                return out;
            },
            store, std::move(done));
        return;
    }
    runMetadata<std::vector<LabelValueInfo>>(
        context,
        [label, selector](tsdb::DB& db) {
            std::vector<LabelValueInfo> out;
            auto matchers = selectorMatchers(selector);
            if (!matchers) return out;
            auto counts = db.querier()->labelValueCounts(label, *matchers);
            if (!counts.ok()) return out;
            out.reserve(counts->size());
            for (const auto& c : *counts) out.push_back({qs(c.value), c.series});
            return out;
        },
        store, std::move(done), {});
}

QueryData QueryService::checkSyntax(const QString& expr) {
    QueryData d;
    const std::string q = expr.toStdString();
    auto parsed = promql::parse(q);
    if (!parsed.ok()) setParseError(d, parsed.status().message(), q);
    return d;
}

const std::vector<LabelNameInfo>* QueryService::cachedLabelNames(const QString& metric) const {
    auto it = labelNamesCache_.constFind(metric);
    return it == labelNamesCache_.constEnd() ? nullptr : &it.value();
}

const std::vector<LabelValueInfo>* QueryService::cachedLabelValues(const QString& name, const QString& selector) const {
    auto it = labelValuesCache_.constFind(valuesKey(name, selector));
    return it == labelValuesCache_.constEnd() ? nullptr : &it.value();
}

}  // namespace pharos::core
