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
#include <optional>
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
#include "discovery_loops.h"

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

struct ScrapeResult {
    std::string error;
    uint64_t scraped = 0, post = 0, added = 0;
};

// verifyLabelLimits of Prometheus 2.42: the scrape fails on the first label set over a limit.
Status checkLabelLimits(const Labels& labels, const ScrapeJobConfig& job) {
    if (job.labelLimit && labels.size() > job.labelLimit)
        return Status::resourceExhausted("label_limit exceeded (metric: " + std::string(labels.metricName()).substr(0, 50) +
                                         ", number of labels: " + std::to_string(labels.size()) +
                                         ", limit: " + std::to_string(job.labelLimit) + ")");
    for (const auto& l : labels) {
        if (job.labelNameLengthLimit && l.name.size() > job.labelNameLengthLimit)
            return Status::resourceExhausted("label_name_length_limit exceeded (metric: " +
                                             std::string(labels.metricName()).substr(0, 50) + ", label name: " +
                                             l.name.substr(0, 50) + ", length: " + std::to_string(l.name.size()) +
                                             ", limit: " + std::to_string(job.labelNameLengthLimit) + ")");
        if (job.labelValueLengthLimit && l.value.size() > job.labelValueLengthLimit)
            return Status::resourceExhausted("label_value_length_limit exceeded (metric: " +
                                             std::string(labels.metricName()).substr(0, 50) + ", label name: " +
                                             l.name.substr(0, 50) + ", value: " + tsdb::goQuote(l.value.substr(0, 50)) +
                                             ", length: " + std::to_string(l.value.size()) +
                                             ", limit: " + std::to_string(job.labelValueLengthLimit) + ")");
    }
    return {};
}

// Hashes a series text; lets the cache be searched with a string_view into the body.
struct SeriesTextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace

// One target's scrape loop; lives in the worker thread.
class TargetLoop : public QObject {
    // An entry of the scrape cache (Prometheus 2.42 scrapeCache): what a series text became.
    struct CacheEntry {
        tsdb::SeriesRef ref = 0;
        Labels labels;              // final: target labels attached, metric relabeling applied
        tsdb::MetricType type = tsdb::MetricType::Unknown;  // TYPE it was parsed under (le forms)
        bool dropped = false;       // relabeled away
        uint64_t lastIter = 0;      // cache iteration it was last seen in
        uint64_t seenPass = 0;      // last append pass that appended it with the scrape's time
    };

public:
    TargetLoop(Scraper* owner, QNetworkAccessManager* nam, std::shared_ptr<const ScrapeJobConfig> job,
               ScrapeTarget target, std::string key)
        : owner_(owner), nam_(nam), job_(std::move(job)), target_(std::move(target)), key_(std::move(key)),
          publicLabels_(target_.publicLabels()), reportLabels_(makeReportLabels(publicLabels_)) {
        status_.job = job_->jobName;
        status_.url = target_.url;
        status_.discoveredLabels = target_.discoveredLabels;
        status_.labels = target_.labels;
        tick_.setTimerType(Qt::PreciseTimer);
        connect(&tick_, &QTimer::timeout, this, [this] {
            // After the first tick (the target's offset) the timer repeats at the interval;
            // setInterval on a running timer re-registers it, so only once.
            if (tick_.interval() != static_cast<int>(target_.intervalMs))
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
            for (CacheEntry* e : prev_) (void)appendCached(*app, *e, t, stale);
            for (const auto& l : reportLabels_) (void)app->append(l, t, stale);
            (void)app->commit();
        }
        owner_->publish(key_, status_, true);
    }

    void scrape() {
        if (reply_) return;  // the previous scrape is still running (no overlap, as Prometheus)
        startMs_ = nowMs();
        clock_.start();
        body_.resize(0);  // keeps the capacity of the last body
        tooBig_ = timedOut_ = false;
        if (!request_) {
            QNetworkRequest req{QUrl(QString::fromStdString(target_.url))};
            req.setRawHeader("Accept", kScrapeAcceptHeader);
            req.setRawHeader("User-Agent", "Pharos/1.0 (Prometheus-compatible scraper)");
            req.setRawHeader("X-Prometheus-Scrape-Timeout-Seconds",
                             QByteArray::number(static_cast<double>(target_.timeoutMs) / 1000.0));
            // Accept-Encoding gzip is added by Qt, which then inflates the body transparently.
            // Auth, TLS, redirects, HTTP/2: shared with http_sd; proxy_url is the job's network
            // manager's.
            const std::string err =
                applyHttpClientConfig(req, job_->httpClient(), target_.url.rfind("https:", 0) == 0);
            if (!err.empty()) {
                ScrapeResult r;
                r.error = err;
                report(r, {}, true);
                return;
            }
            // The same request serves every scrape unless it reads files (password, token,
            // certificates), which are read again for each scrape as Prometheus does.
            const HttpClientConfig http = job_->httpClient();
            const bool readsFiles = (http.basicAuth && !http.basicAuth->passwordFile.empty()) ||
                                    (http.authorization && !http.authorization->credentialsFile.empty()) ||
                                    !http.tls.caFile.empty() || !http.tls.certFile.empty() || !http.tls.keyFile.empty();
            if (readsFiles) {
                startRequest(req);
                return;
            }
            request_ = std::move(req);
        }
        startRequest(*request_);
    }

    void startRequest(const QNetworkRequest& req) {
        reply_ = nam_->get(req);
        connect(reply_, &QNetworkReply::readyRead, this, [this] {
            // Read in place: no temporary buffer per network read.
            const qint64 avail = reply_->bytesAvailable();
            if (avail > 0) {
                const qsizetype at = body_.size();
                body_.resize(at + static_cast<qsizetype>(avail));
                const qint64 got = reply_->read(body_.data() + at, avail);
                body_.resize(at + static_cast<qsizetype>(std::max<qint64>(got, 0)));
            }
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
        } else if (!job_->proxyUrl.empty() && (reply->error() == QNetworkReply::ConnectionRefusedError ||
                                                reply->error() == QNetworkReply::ProxyConnectionRefusedError)) {
            r.error = getPrefix() + proxyRefusedError(job_->proxyUrl);
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

    static std::vector<Labels> makeReportLabels(const Labels& publicLabels) {
        std::vector<Labels> out;
        for (const char* name : {"up", "scrape_duration_seconds", "scrape_samples_scraped",
                                 "scrape_samples_post_metric_relabeling", "scrape_series_added"}) {
            LabelsBuilder lb(publicLabels);
            lb.set(tsdb::kMetricName, name);
            out.push_back(lb.labels());
        }
        return out;
    }

    // Parses and appends the body, then the report series. A failed scrape (or a body that
    // fails to append, which is rolled back) is an empty scrape: every series of the previous
    // scrape gets a staleness marker. As in Prometheus 2.42 the counts reported for a body that
    // failed to append are those of that attempt (scraped, post relabeling, series added).
    void report(ScrapeResult r, const QByteArray& contentType, bool skipBody) {
        const double durationS = static_cast<double>(clock_.nsecsElapsed()) / 1e9;
        const int64_t t = startMs_;
        auto app = owner_->db_->appender();
        ++pass_;
        cur_.clear();
        bool appended = false;  // a non-empty body was appended (scrapeCache.iterDone(true))
        if (r.error.empty() && !skipBody) {
            Status st = appendBody(*app, contentType, t, &r);
            appended = st.ok() && !body_.isEmpty();
            if (!st.ok()) {
                app->rollback();
                app = owner_->db_->appender();
                ++pass_;  // the empty pass that follows (nothing of the failed one counts as seen)
                cur_.clear();
                r.error = st.toString();
            }
        }
        const double stale = tsdb::staleNaN();
        for (CacheEntry* e : prev_)
            if (e->seenPass != pass_) (void)appendCached(*app, *e, t, stale);
        const bool up = r.error.empty();
        const double values[] = {up ? 1.0 : 0.0, durationS, static_cast<double>(r.scraped),
                                 static_cast<double>(r.post), static_cast<double>(r.added)};
        for (size_t i = 0; i < reportLabels_.size(); ++i) {
            if (reportRefs_[i] && app->appendRef(reportRefs_[i], t, values[i]).code() != StatusCode::NotFound) continue;
            auto ref = app->append(reportLabels_[i], t, values[i]);
            if (ref.ok()) reportRefs_[i] = *ref;
        }
        Status cs = app->commit();
        if (!cs.ok() && up) r.error = "commit: " + cs.message();
        if (owner_->db_->metadata().dirty()) (void)owner_->db_->metadata().flush();  // new declarations only
        cacheIterDone(appended);
        prev_.swap(cur_);
        cur_.clear();
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

    // Appends a cached series' sample by ref (by labels when the head no longer knows the ref).
    static Status appendCached(tsdb::Appender& app, CacheEntry& e, int64_t t, double v) {
        Status st = app.appendRef(e.ref, t, v);
        if (st.code() != StatusCode::NotFound) return st;
        auto ref = app.append(e.labels, t, v);
        if (!ref.ok()) return ref.status();
        e.ref = *ref;
        return {};
    }

    // Prometheus 2.42's scrapeLoop.append: every sample's series text is looked up in the scrape
    // cache first; only a text not seen before is parsed into labels, gets the target labels and
    // metric_relabel_configs, the label limits and the index look-up, and counts as a series
    // added when its sample was appended. Texts relabeled away are cached as dropped. With
    // sample_limit exceeded the body is still counted to the end and the scrape fails.
    Status appendBody(tsdb::Appender& app, const QByteArray& contentType, int64_t t, ScrapeResult* r) {
        const bool om = contentType.startsWith("application/openmetrics-text");
        const std::string_view text(body_.constData(), static_cast<size_t>(body_.size()));
        tsdb::ExpositionParser parser(text, om ? tsdb::ExpositionFormat::OpenMetrics : tsdb::ExpositionFormat::PromText,
                                      /*strictOpenMetrics=*/false);
        parser.setLazyLabels(true);
        const ScrapeJobConfig& job = *job_;
        bool overLimit = false;
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
            const std::string_view series = parser.seriesText();
            auto it = cache_.find(series);
            CacheEntry* ce = nullptr;
            Labels fresh;
            if (it != cache_.end() && it->second.type == s.type) {
                it->second.lastIter = iter_;
                if (it->second.dropped) continue;
                ce = &it->second;
            } else {
                PHAROS_RETURN_IF_ERROR(parser.parseSeries());
                auto labels = sampleLabels(s.labels, publicLabels_, job.honorLabels, job.metricRelabelConfigs);
                if (!labels || labels->empty()) {
                    CacheEntry& d = cache_[std::string(series)];
                    d = CacheEntry{};
                    d.dropped = true;
                    d.type = s.type;
                    d.lastIter = iter_;
                    continue;
                }
                PHAROS_RETURN_IF_ERROR(checkLabelLimits(*labels, job));
                fresh = std::move(*labels);
            }
            ++r->post;
            if (job.sampleLimit && r->post > job.sampleLimit) {
                overLimit = true;  // nothing more is appended; the body is still counted
                continue;
            }
            const bool explicitTs = s.timestampMs.has_value() && job.honorTimestamps;
            const int64_t ts = explicitTs ? *s.timestampMs : t;
            if (ce) {
                if (!appendCached(app, *ce, ts, s.value).ok()) continue;  // out of order / duplicate: counted out
            } else {
                auto ref = app.append(fresh, ts, s.value);
                if (!ref.ok()) continue;  // not cached, as Prometheus caches no series it could not append
                CacheEntry& n = cache_[std::string(series)];
                const uint64_t seenPass = n.seenPass;  // an entry re-parsed under another TYPE keeps its place in cur_
                n = CacheEntry{};
                n.ref = *ref;
                n.labels = std::move(fresh);
                n.type = s.type;
                n.lastIter = iter_;
                n.seenPass = seenPass;
                ce = &n;
                ++r->added;
            }
            if (!explicitTs && ce->seenPass != pass_) {  // staleness is not tracked for explicit timestamps
                ce->seenPass = pass_;
                cur_.push_back(ce);
            }
        }
        if (overLimit) return Status::resourceExhausted("sample limit exceeded");
        return {};
    }

    // scrapeCache.iterDone: after a non-empty body was appended, entries not seen in it are
    // dropped (series churn); after failed scrapes only when the cache more than doubled
    // (+1000) since the last success. Entries in cur_ were seen, so they stay.
    void cacheIterDone(bool appended) {
        bool flush = appended;
        if (appended) successfulCount_ = cache_.size();
        else if (cache_.size() > successfulCount_ * 2 + 1000) flush = true;
        if (!flush) return;
        std::erase_if(cache_, [this](const auto& kv) { return kv.second.lastIter != iter_; });
        ++iter_;
    }

    Scraper* owner_;
    QNetworkAccessManager* nam_;
    std::shared_ptr<const ScrapeJobConfig> job_;
    ScrapeTarget target_;
    std::string key_;
    Labels publicLabels_;
    std::vector<Labels> reportLabels_;  // up, scrape_duration_seconds, ... with publicLabels_
    tsdb::SeriesRef reportRefs_[5] = {};  // of reportLabels_ once appended (0: not yet)
    TargetStatus status_;
    QTimer tick_, timeout_;
    QNetworkReply* reply_ = nullptr;
    QByteArray body_;
    std::optional<QNetworkRequest> request_;  // built at the first scrape (see scrape())
    bool tooBig_ = false, timedOut_ = false;
    QElapsedTimer clock_;
    int64_t startMs_ = 0, lastAppendMs_ = 0;

    // series text as exposed -> CacheEntry
    std::unordered_map<std::string, CacheEntry, SeriesTextHash, std::equal_to<>> cache_;
    uint64_t iter_ = 1;             // advances when the cache is flushed
    size_t successfulCount_ = 0;    // cache size after the last appended body
    uint64_t pass_ = 0;             // append passes (a failed body adds an empty one)
    // Series appended with the scrape's timestamp in this pass and in the last scrape; entries
    // of cache_ (a node map: pointers stay valid until the entry is erased, which a flush only
    // does to entries that are in neither list).
    std::vector<CacheEntry*> cur_, prev_;
};

// Owns the network manager and the loops; lives in the worker thread.
class ScrapeWorker : public QObject {
public:
    explicit ScrapeWorker(Scraper* owner) : owner_(owner) {}

    void apply(const ScrapeFileConfig& config) {
        config_ = config;
        // Qt pools connections by host and port regardless of the TLS settings of a request, so
        // each job gets its own network managers (jobs may differ in TLS configuration).
        for (auto& [name, shards] : nams_)
            for (auto& shard : shards) shard.nam->clearConnectionCache();
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
            if (auto it = nams_.find(job.jobName); it != nams_.end())
                for (auto& shard : it->second) shard.nam->setProxy(proxyFromUrl(job.proxyUrl));
        }
        applyDiscoveries();
        sync();
    }

    // http_sd / dns_sd instances: unchanged configurations keep their instance and groups;
    // new ones start (refreshing at once, results arrive later and trigger a sync).
    void applyDiscoveries() {
        std::vector<std::pair<std::string, TargetDiscovery*>> next;
        auto reuse = [&](const std::string& key) {
            for (auto it = discoveries_.begin(); it != discoveries_.end(); ++it)
                if (it->first == key) {
                    next.push_back(*it);
                    discoveries_.erase(it);
                    return true;
                }
            return false;
        };
        auto add = [&](const std::string& key, TargetDiscovery* d) {
            d->onChange = [this] { scheduleSync(); };
            next.emplace_back(key, d);
            d->start();
        };
        std::shared_ptr<const DnsResolver> resolver;
        for (const auto& job : config_.scrapeConfigs) {
            for (size_t i = 0; i < job.httpSdConfigs.size(); ++i) {
                const std::string key = discoveryKey(job.jobName, i, job.httpSdConfigs[i]);
                if (!reuse(key)) add(key, new HttpDiscovery(job.jobName, job.httpSdConfigs[i], this));
            }
            for (size_t i = 0; i < job.dnsSdConfigs.size(); ++i) {
                const std::string key = discoveryKey(job.jobName, i, job.dnsSdConfigs[i], config_.dnsNameservers);
                if (reuse(key)) continue;
                if (!resolver) resolver = makeSystemDnsResolver(config_.dnsNameservers);
                add(key, new DnsDiscovery(job.jobName, job.dnsSdConfigs[i], resolver, this));
            }
        }
        for (auto& [key, d] : discoveries_) delete d;
        discoveries_ = std::move(next);
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
            for (const auto& [key, d] : discoveries_) {
                if (d->job() != job->jobName) continue;
                const auto found = d->groups();
                groups.insert(groups.end(), found.begin(), found.end());
                for (auto& e : d->errors()) js.errors.push_back(std::move(e));
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
                QNetworkAccessManager* nam = assignManager(*job, key);
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
            releaseManager(key);
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
        for (auto& [key, d] : discoveries_) delete d;
        discoveries_.clear();
        for (auto& [key, loop] : loops_) {
            loop->finish();
            delete loop;
        }
        loops_.clear();
        for (auto& [name, shards] : nams_)
            for (auto& shard : shards) delete shard.nam;
        nams_.clear();
        loopNams_.clear();
    }

private:
    // A network manager and the number of loops using it. Qt's HTTP backend runs each manager's
    // connections in a thread of that manager, whose event loop polls all of its sockets on
    // every wake-up; so a job's targets are spread over managers of at most kLoopsPerManager.
    struct ManagerShard {
        QNetworkAccessManager* nam = nullptr;  // child of this
        size_t loops = 0;
    };
    static constexpr size_t kLoopsPerManager = 64;

    // The manager of a new loop: the job's first manager with room (managers of a job share
    // its proxy and TLS settings). A loop keeps its manager while it lives, so a target keeps
    // its pooled connections across configuration reloads.
    QNetworkAccessManager* assignManager(const ScrapeJobConfig& job, const std::string& key) {
        auto& shards = nams_[job.jobName];
        auto it = std::find_if(shards.begin(), shards.end(),
                               [](const ManagerShard& m) { return m.loops < kLoopsPerManager; });
        if (it == shards.end()) {
            auto* nam = new QNetworkAccessManager(this);
            nam->setProxy(proxyFromUrl(job.proxyUrl));
            shards.push_back({nam, 0});
            it = shards.end() - 1;
        }
        ++it->loops;
        loopNams_[key] = {job.jobName, it->nam};
        return it->nam;
    }

    void releaseManager(const std::string& key) {
        auto l = loopNams_.find(key);
        if (l == loopNams_.end()) return;
        if (auto j = nams_.find(l->second.first); j != nams_.end())
            for (auto& shard : j->second)
                if (shard.nam == l->second.second && shard.loops > 0) --shard.loops;
        loopNams_.erase(l);
    }

    Scraper* owner_;
    std::map<std::string, std::vector<ManagerShard>> nams_;  // by job name
    std::map<std::string, std::pair<std::string, QNetworkAccessManager*>> loopNams_;  // targetKey -> job, manager
    ScrapeFileConfig config_;
    std::map<std::string, TargetLoop*> loops_;  // by targetKey
    std::vector<QTimer*> sdTimers_;
    QFileSystemWatcher* watcher_ = nullptr;  // child of this
    std::vector<std::pair<std::string, TargetDiscovery*>> discoveries_;  // by discoveryKey; children of this
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
