// The scrape worker thread and one scrape loop per target (Prometheus 2.42 scrape/scrape.go:
// scrapeLoop.run, scrapeAndReport, append, report, endOfRunStaleness).
#include "pharos/core/scrape/scraper.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QSslKey>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <map>
#include <unordered_set>

#include "pharos/tsdb/chunk.h"
#include "pharos/tsdb/db.h"
#include "pharos/tsdb/textparse.h"

namespace pharos::core::scrape {

using tsdb::Labels;
using tsdb::LabelsBuilder;

std::string_view targetHealthName(TargetHealth h) {
    switch (h) {
        case TargetHealth::Up: return "up";
        case TargetHealth::Down: return "down";
        default: return "unknown";
    }
}

std::optional<Labels> sampleLabels(const Labels& scraped, const Labels& target, bool honorLabels,
                                   std::span<const RelabelRule> metricRelabel) {
    LabelsBuilder lb(scraped);
    if (honorLabels) {
        for (const auto& l : target)
            if (!scraped.has(l.name)) lb.set(l.name, l.value);
    } else {
        std::vector<tsdb::Label> conflicts;
        for (const auto& l : target) {
            const std::string_view existing = scraped.get(l.name);
            if (!existing.empty()) conflicts.push_back({l.name, std::string(existing)});
            lb.set(l.name, l.value);
        }
        // resolveConflictingExposedLabels: exported_<name>, more prefixes while taken.
        for (const auto& c : conflicts) {
            std::string name = "exported_" + c.name;
            while (scraped.has(name) || target.has(name) || !lb.get(name).empty()) name = "exported_" + name;
            lb.set(name, c.value);
        }
    }
    Labels res = lb.labels();
    if (metricRelabel.empty()) return res;
    return relabel(res, metricRelabel);
}

namespace {

int64_t nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

std::string targetKey(const std::string& job, const ScrapeTarget& t) {
    return job + "\x1f" + t.url + "\x1f" + t.labels.toString();
}

QString readSecretFile(const std::string& path, std::string* err) {
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly)) {
        *err = "unable to read file " + path + ": " + f.errorString().toStdString();
        return {};
    }
    return QString::fromUtf8(f.readAll()).trimmed();
}

struct ScrapeResult {
    std::string error;
    uint64_t scraped = 0, post = 0, added = 0;
};

}  // namespace

// One target's scrape loop; lives in the worker thread.
class TargetLoop : public QObject {
public:
    TargetLoop(Scraper* owner, QNetworkAccessManager* nam, std::shared_ptr<const ScrapeJobConfig> job,
               ScrapeTarget target, std::string key)
        : owner_(owner), nam_(nam), job_(std::move(job)), target_(std::move(target)), key_(std::move(key)),
          publicLabels_(target_.publicLabels()) {
        status_.job = job_->jobName;
        status_.url = target_.url;
        status_.discoveredLabels = target_.discoveredLabels;
        status_.labels = target_.labels;
        tick_.setTimerType(Qt::PreciseTimer);
        connect(&tick_, &QTimer::timeout, this, [this] {
            tick_.setInterval(static_cast<int>(target_.intervalMs));
            scrape();
        });
        timeout_.setSingleShot(true);
        connect(&timeout_, &QTimer::timeout, this, [this] {
            if (reply_) {
                timedOut_ = true;
                reply_->abort();
            }
        });
        owner_->publish(key_, status_, false);
    }

    // Prometheus' offset: (hash ^ seed) % interval, aligned so every target keeps its phase.
    void start() {
        const int64_t interval = target_.intervalMs;
        const uint64_t h = tsdb::xxhash64(key_);
        const int64_t now = nowMs();
        const int64_t base = interval - now % interval;
        int64_t next = base + static_cast<int64_t>(h % static_cast<uint64_t>(interval));
        if (next > interval) next -= interval;
        tick_.start(static_cast<int>(next));
    }

    // Ends the loop: stale markers for every series of the last scrape and the report series.
    void finish() {
        tick_.stop();
        if (reply_) {
            reply_->disconnect(this);
            reply_->abort();
            reply_->deleteLater();
            reply_ = nullptr;
        }
        if (status_.scrapes > 0) {
            const int64_t t = std::max(nowMs(), lastAppendMs_ + 1);
            auto app = owner_->db_->appender();
            const double stale = tsdb::staleNaN();
            for (const auto& l : lastSeries_) (void)app->append(l, t, stale);
            for (const auto& l : reportLabels()) (void)app->append(l, t, stale);
            (void)app->commit();
        }
        owner_->publish(key_, status_, true);
    }

    void scrape() {
        if (reply_) return;  // the previous scrape is still running (no overlap, as Prometheus)
        startMs_ = nowMs();
        clock_.start();
        body_.clear();
        tooBig_ = timedOut_ = false;
        QNetworkRequest req{QUrl(QString::fromStdString(target_.url))};
        req.setRawHeader("Accept", kScrapeAcceptHeader);
        req.setRawHeader("User-Agent", "Pharos/1.0 (Prometheus-compatible scraper)");
        req.setRawHeader("X-Prometheus-Scrape-Timeout-Seconds",
                         QByteArray::number(static_cast<double>(target_.timeoutMs) / 1000.0));
        // Accept-Encoding gzip is added by Qt, which then inflates the body transparently.
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         job_->followRedirects ? QNetworkRequest::NoLessSafeRedirectPolicy
                                               : QNetworkRequest::ManualRedirectPolicy);
        req.setMaximumRedirectsAllowed(10);
        req.setAttribute(QNetworkRequest::Http2AllowedAttribute, job_->enableHttp2);
        std::string err;
        if (job_->basicAuth) {
            QString pass = QString::fromStdString(job_->basicAuth->password);
            if (!job_->basicAuth->passwordFile.empty()) pass = readSecretFile(job_->basicAuth->passwordFile, &err);
            const QByteArray cred = (QString::fromStdString(job_->basicAuth->username) + ":" + pass).toUtf8();
            req.setRawHeader("Authorization", "Basic " + cred.toBase64());
        } else if (job_->authorization) {
            QString cred = QString::fromStdString(job_->authorization->credentials);
            if (!job_->authorization->credentialsFile.empty())
                cred = readSecretFile(job_->authorization->credentialsFile, &err);
            req.setRawHeader("Authorization", (QString::fromStdString(job_->authorization->type) + " " + cred).toUtf8());
        }
        if (target_.url.rfind("https:", 0) == 0) {
            QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
            const TlsConfig& tls = job_->tls;
            if (!tls.caFile.empty()) {
                auto cas = QSslCertificate::fromPath(QString::fromStdString(tls.caFile));
                if (cas.isEmpty()) err = "unable to load specified CA cert " + tls.caFile;
                ssl.setCaCertificates(cas);
            }
            if (!tls.certFile.empty()) {
                auto certs = QSslCertificate::fromPath(QString::fromStdString(tls.certFile));
                QFile kf(QString::fromStdString(tls.keyFile));
                if (certs.isEmpty() || !kf.open(QIODevice::ReadOnly)) {
                    err = "unable to use specified client cert (" + tls.certFile + ") & key (" + tls.keyFile + ")";
                } else {
                    ssl.setLocalCertificate(certs.front());
                    ssl.setPrivateKey(QSslKey(kf.readAll(), QSsl::Rsa));
                }
            }
            if (tls.insecureSkipVerify) ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
            req.setSslConfiguration(ssl);
            if (!tls.serverName.empty()) req.setPeerVerifyName(QString::fromStdString(tls.serverName));
        }
        if (!err.empty()) {
            ScrapeResult r;
            r.error = err;
            report(r, {}, true);
            return;
        }
        reply_ = nam_->get(req);
        connect(reply_, &QNetworkReply::readyRead, this, [this] {
            body_ += reply_->readAll();
            if (job_->bodySizeLimit > 0 && body_.size() > job_->bodySizeLimit) {
                tooBig_ = true;
                reply_->abort();
            }
        });
        connect(reply_, &QNetworkReply::finished, this, [this] { finished(); });
        timeout_.start(static_cast<int>(target_.timeoutMs));
    }

private:
    std::string getPrefix() const { return "Get \"" + target_.url + "\": "; }

    void finished() {
        timeout_.stop();
        QNetworkReply* reply = reply_;
        reply_ = nullptr;
        reply->deleteLater();
        ScrapeResult r;
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (tooBig_) {
            r.error = "body size limit exceeded";
        } else if (timedOut_) {
            r.error = getPrefix() + "context deadline exceeded";
        } else if (reply->error() == QNetworkReply::TooManyRedirectsError) {
            r.error = getPrefix() + "stopped after 10 redirects";
        } else if (status.isValid() && status.toInt() != 200) {
            r.error = "server returned HTTP status " + std::to_string(status.toInt()) + " " +
                      reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString().toStdString();
        } else if (reply->error() == QNetworkReply::ConnectionRefusedError) {
            const QUrl u = reply->url();
            r.error = getPrefix() + "dial tcp " + u.host().toStdString() + ":" + std::to_string(u.port()) +
                      ": connect: connection refused";
        } else if (reply->error() != QNetworkReply::NoError) {
            r.error = getPrefix() + reply->errorString().toStdString();
        }
        if (r.error.empty()) {
            body_ += reply->readAll();
            if (job_->bodySizeLimit > 0 && body_.size() > job_->bodySizeLimit) r.error = "body size limit exceeded";
        }
        const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        report(r, contentType, false);
    }

    std::vector<Labels> reportLabels() const {
        std::vector<Labels> out;
        for (const char* name : {"up", "scrape_duration_seconds", "scrape_samples_scraped",
                                 "scrape_samples_post_metric_relabeling", "scrape_series_added"}) {
            LabelsBuilder lb(publicLabels_);
            lb.set(tsdb::kMetricName, name);
            out.push_back(lb.labels());
        }
        return out;
    }

    // Parses and appends the body (an empty body on failure, which marks every series of the
    // previous scrape stale, as Prometheus does), then the report series.
    void report(ScrapeResult r, const QByteArray& contentType, bool skipBody) {
        const double durationS = static_cast<double>(clock_.nsecsElapsed()) / 1e9;
        const int64_t t = startMs_;
        auto app = owner_->db_->appender();
        std::unordered_set<Labels> seen;
        if (r.error.empty() && !skipBody) {
            Status st = appendBody(*app, contentType, t, &seen, &r);
            if (!st.ok()) {
                app->rollback();
                app = owner_->db_->appender();
                seen.clear();
                r.error = st.toString();
                r.post = 0;
                r.added = 0;
            }
        }
        const double stale = tsdb::staleNaN();
        for (const auto& l : lastSeries_)
            if (!seen.count(l)) (void)app->append(l, t, stale);
        const bool up = r.error.empty();
        const auto rl = reportLabels();
        const double values[] = {up ? 1.0 : 0.0, durationS, static_cast<double>(r.scraped),
                                 static_cast<double>(r.post), static_cast<double>(r.added)};
        for (size_t i = 0; i < rl.size(); ++i) (void)app->append(rl[i], t, values[i]);
        Status cs = app->commit();
        if (!cs.ok() && up) r.error = "commit: " + cs.message();
        if (owner_->db_->metadata().dirty()) (void)owner_->db_->metadata().flush();  // new declarations only
        lastSeries_ = std::move(seen);
        lastAppendMs_ = t;

        status_.health = r.error.empty() ? TargetHealth::Up : TargetHealth::Down;
        status_.lastScrapeMs = startMs_;
        status_.lastDurationSeconds = durationS;
        status_.samplesScraped = r.scraped;
        status_.samplesPostRelabeling = r.post;
        status_.seriesAdded = r.added;
        status_.lastError = r.error;
        ++status_.scrapes;
        owner_->publish(key_, status_, false);
        owner_->scrapes_.fetch_add(1);
        emit owner_->scrapeFinished(QString::fromStdString(target_.url), r.error.empty());
    }

    // # TYPE / # HELP / # UNIT into the DB's metadata store (unchanged declarations cost a lookup).
    void recordMetadata(tsdb::ExpositionParser::Entry e, const tsdb::ExpositionParser& parser) {
        tsdb::MetadataStore& md = owner_->db_->metadata();
        if (e == tsdb::ExpositionParser::Entry::Type) md.setType(parser.metadataName(), parser.metadataType());
        else if (e == tsdb::ExpositionParser::Entry::Help) md.setHelp(parser.metadataName(), parser.metadataText());
        else if (e == tsdb::ExpositionParser::Entry::Unit) md.setUnit(parser.metadataName(), parser.metadataText());
    }

    Status appendBody(tsdb::Appender& app, const QByteArray& contentType, int64_t t,
                      std::unordered_set<Labels>* seen, ScrapeResult* r) {
        const bool om = contentType.startsWith("application/openmetrics-text");
        const std::string_view text(body_.constData(), static_cast<size_t>(body_.size()));
        tsdb::ExpositionParser parser(text, om ? tsdb::ExpositionFormat::OpenMetrics : tsdb::ExpositionFormat::PromText,
                                      /*strictOpenMetrics=*/false);
        const ScrapeJobConfig& job = *job_;
        for (;;) {
            auto e = parser.next();
            if (!e.ok()) return e.status();
            if (*e == tsdb::ExpositionParser::Entry::End) break;
            if (*e != tsdb::ExpositionParser::Entry::Sample) {
                recordMetadata(*e, parser);
                continue;
            }
            ++r->scraped;
            const tsdb::ParsedSample& s = parser.sample();
            auto labels = sampleLabels(s.labels, publicLabels_, job.honorLabels, job.metricRelabelConfigs);
            if (!labels || labels->empty()) continue;
            if (job.labelLimit && labels->size() > job.labelLimit)
                return Status::resourceExhausted("label_limit exceeded (metric: " + std::string(labels->metricName()).substr(0, 50) +
                                                 ", number of labels: " + std::to_string(labels->size()) +
                                                 ", limit: " + std::to_string(job.labelLimit) + ")");
            for (const auto& l : *labels) {
                if (job.labelNameLengthLimit && l.name.size() > job.labelNameLengthLimit)
                    return Status::resourceExhausted("label_name_length_limit exceeded (metric: " +
                                                     std::string(labels->metricName()).substr(0, 50) + ", label name: " +
                                                     l.name.substr(0, 50) + ", length: " + std::to_string(l.name.size()) +
                                                     ", limit: " + std::to_string(job.labelNameLengthLimit) + ")");
                if (job.labelValueLengthLimit && l.value.size() > job.labelValueLengthLimit)
                    return Status::resourceExhausted("label_value_length_limit exceeded (metric: " +
                                                     std::string(labels->metricName()).substr(0, 50) + ", label name: " +
                                                     l.name.substr(0, 50) + ", value: " + tsdb::goQuote(l.value.substr(0, 50)) +
                                                     ", length: " + std::to_string(l.value.size()) +
                                                     ", limit: " + std::to_string(job.labelValueLengthLimit) + ")");
            }
            ++r->post;
            if (job.sampleLimit && r->post > job.sampleLimit) return Status::resourceExhausted("sample limit exceeded");
            const bool explicitTs = s.timestampMs.has_value() && job.honorTimestamps;
            const int64_t ts = explicitTs ? *s.timestampMs : t;
            auto added = app.append(*labels, ts, s.value);
            if (!added.ok()) continue;  // out of order / duplicate: counted out, as Prometheus does
            if (!explicitTs) {
                if (!lastSeries_.count(*labels)) ++r->added;
                seen->insert(std::move(*labels));
            }
        }
        return {};
    }

    Scraper* owner_;
    QNetworkAccessManager* nam_;
    std::shared_ptr<const ScrapeJobConfig> job_;
    ScrapeTarget target_;
    std::string key_;
    Labels publicLabels_;
    TargetStatus status_;
    QTimer tick_, timeout_;
    QNetworkReply* reply_ = nullptr;
    QByteArray body_;
    bool tooBig_ = false, timedOut_ = false;
    QElapsedTimer clock_;
    int64_t startMs_ = 0, lastAppendMs_ = 0;
    std::unordered_set<Labels> lastSeries_;  // series of the last scrape (default timestamps)
};

// Owns the network manager and the loops; lives in the worker thread.
class ScrapeWorker : public QObject {
public:
    explicit ScrapeWorker(Scraper* owner) : owner_(owner) {}

    void apply(const ScrapeFileConfig& config) {
        config_ = config;
        // Qt pools connections by host and port regardless of the TLS settings of a request, so
        // each job gets its own network manager (jobs may differ in TLS configuration).
        for (auto& [name, nam] : nams_) nam->clearConnectionCache();
        for (auto* t : sdTimers_) t->deleteLater();
        sdTimers_.clear();
        // file_sd: re-read on change (directory and file watches) and every refresh_interval.
        delete watcher_;
        watcher_ = new QFileSystemWatcher(this);
        connect(watcher_, &QFileSystemWatcher::directoryChanged, this, [this] { scheduleSync(); });
        connect(watcher_, &QFileSystemWatcher::fileChanged, this, [this] { scheduleSync(); });
        for (const auto& job : config_.scrapeConfigs) {
            for (const auto& sd : job.fileSdConfigs) {
                auto* timer = new QTimer(this);
                connect(timer, &QTimer::timeout, this, [this] { sync(); });
                timer->start(static_cast<int>(std::min<int64_t>(sd.refreshIntervalMs, INT32_MAX)));
                sdTimers_.push_back(timer);
            }
        }
        sync();
    }

    // Coalesces bursts of file change notifications (editors write in several steps).
    void scheduleSync() {
        if (syncPending_) return;
        syncPending_ = true;
        QTimer::singleShot(200, this, [this] {
            syncPending_ = false;
            sync();
        });
    }

    // Recomputes the targets of every job and starts / stops loops to match.
    void sync() {
        std::map<std::string, TargetLoop*> next;
        std::vector<JobStatus> jobs;
        for (const auto& jobConfig : config_.scrapeConfigs) {
            auto job = std::make_shared<const ScrapeJobConfig>(jobConfig);
            JobStatus js;
            js.job = job->jobName;
            std::vector<TargetGroup> groups = job->staticConfigs;
            for (const auto& sd : job->fileSdConfigs) {
                for (const auto& pattern : sd.files) {
                    const QFileInfo fi(QDir(QString::fromStdString(config_.baseDir)), QString::fromStdString(pattern));
                    if (fi.absoluteDir().exists() && !watcher_->directories().contains(fi.absolutePath()))
                        watcher_->addPath(fi.absolutePath());
                    if (fi.exists() && !watcher_->files().contains(fi.absoluteFilePath()))
                        watcher_->addPath(fi.absoluteFilePath());
                }
                auto g = loadFileSd(sd, config_.baseDir);
                if (g.ok())
                    for (const auto& group : *g) {
                        const QString file = QString::fromStdString(std::string(group.labels.get("__meta_filepath")));
                        if (!file.isEmpty() && !watcher_->files().contains(file)) watcher_->addPath(file);
                    }
                if (!g.ok()) js.errors.push_back(g.status().toString());
                else groups.insert(groups.end(), g->begin(), g->end());
            }
            std::vector<std::pair<std::string, ScrapeTarget>> targets;
            for (const auto& g : groups)
                for (const auto& addr : g.targets) {
                    auto t = populateTarget(*job, g, addr);
                    if (!t.ok()) {
                        js.errors.push_back("instance " + addr + " in group " + g.source + ": " + t.status().message());
                        continue;
                    }
                    if (!t->has_value()) {
                        ++js.droppedTargets;
                        continue;
                    }
                    targets.emplace_back(targetKey(job->jobName, **t), std::move(**t));
                }
            if (job->targetLimit && targets.size() > job->targetLimit) {
                js.errors.push_back("target_limit exceeded (number of targets: " + std::to_string(targets.size()) +
                                    ", limit: " + std::to_string(job->targetLimit) + ")");
                targets.clear();
            }
            for (auto& [key, t] : targets) {
                if (next.count(key)) continue;
                auto it = loops_.find(key);
                if (it != loops_.end()) {
                    next[key] = it->second;
                    loops_.erase(it);
                    continue;
                }
                QNetworkAccessManager*& nam = nams_[job->jobName];
                if (!nam) nam = new QNetworkAccessManager(this);
                auto* loop = new TargetLoop(owner_, nam, job, std::move(t), key);
                loop->setParent(this);
                loop->start();
                next[key] = loop;
            }
            jobs.push_back(std::move(js));
        }
        for (auto& [key, loop] : loops_) {
            loop->finish();
            delete loop;
        }
        loops_ = std::move(next);
        owner_->publishJobs(std::move(jobs));
    }

    void scrapeNow(const std::string& url) {
        for (auto& [key, loop] : loops_) {
            (void)key;
            if (url.empty() || key.find("\x1f" + url + "\x1f") != std::string::npos) loop->scrape();
        }
    }

    void shutdown() {
        for (auto& [key, loop] : loops_) {
            loop->finish();
            delete loop;
        }
        loops_.clear();
        for (auto& [name, nam] : nams_) delete nam;
        nams_.clear();
    }

private:
    Scraper* owner_;
    std::map<std::string, QNetworkAccessManager*> nams_;  // by job name; children of this
    ScrapeFileConfig config_;
    std::map<std::string, TargetLoop*> loops_;  // by targetKey
    std::vector<QTimer*> sdTimers_;
    QFileSystemWatcher* watcher_ = nullptr;  // child of this
    bool syncPending_ = false;
};

Scraper::Scraper(tsdb::DB* db, QObject* parent) : QObject(parent), db_(db) {
    thread_ = new QThread();
    thread_->setObjectName("pharos-scrape");
    worker_ = new ScrapeWorker(this);
    worker_->moveToThread(thread_);
    thread_->start();
}

Scraper::~Scraper() { stop(); }

void Scraper::applyConfig(const ScrapeFileConfig& config) {
    if (stopped_) return;
    QMetaObject::invokeMethod(worker_, [w = worker_, config] { w->apply(config); }, Qt::QueuedConnection);
}

void Scraper::scrapeNow(const std::string& url) {
    if (stopped_) return;
    QMetaObject::invokeMethod(worker_, [w = worker_, url] { w->scrapeNow(url); }, Qt::QueuedConnection);
}

void Scraper::stop() {
    if (stopped_) return;
    stopped_ = true;
    QMetaObject::invokeMethod(worker_, [w = worker_] { w->shutdown(); }, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(worker_, [w = worker_] { delete w; }, Qt::BlockingQueuedConnection);
    worker_ = nullptr;
    thread_->quit();
    thread_->wait();
    delete thread_;
    thread_ = nullptr;
}

void Scraper::publish(const std::string& key, const TargetStatus& s, bool remove) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = std::lower_bound(status_.begin(), status_.end(), key,
                               [](const auto& e, const std::string& k) { return e.first < k; });
    const bool found = it != status_.end() && it->first == key;
    if (remove) {
        if (found) status_.erase(it);
    } else if (found) {
        it->second = s;
    } else {
        status_.insert(it, {key, s});
    }
}

void Scraper::publishJobs(std::vector<JobStatus> jobs) {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_ = std::move(jobs);
}

std::vector<TargetStatus> Scraper::targets() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<TargetStatus> out;
    out.reserve(status_.size());
    for (const auto& [k, s] : status_) out.push_back(s);
    return out;
}

std::vector<JobStatus> Scraper::jobs() const {
    std::lock_guard<std::mutex> lock(mu_);
    return jobs_;
}

}  // namespace pharos::core::scrape
