// The scraper: scrapes the targets of a prometheus.yml's scrape_configs into a TSDB the way
// Prometheus 2.42 does (scrape/scrape.go): content negotiation (OpenMetrics, then text 0.0.4),
// gzip, timeout, body size limit, honor_labels / honor_timestamps, metric relabeling, label and
// sample limits, the report series (up, scrape_duration_seconds, scrape_samples_scraped,
// scrape_samples_post_metric_relabeling, scrape_series_added), scrape offsets spread over the
// interval, and staleness markers (StaleNaN) for series that disappear, for every series of a
// failed scrape, and for all series of a target that goes away (config change or stop()).
//
// Threading: all network I/O, parsing and appending run on the scraper's own worker thread
// (a QThread with its QNetworkAccessManager), never on the caller's (GUI) thread. The worker
// is the only writer of `db` while the scraper runs. applyConfig(), scrapeNow(), stop() and
// targets() may be called from any thread; targets() returns a consistent snapshot.
#pragma once

#include <QObject>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "pharos/core/scrape/scrape_config.h"
#include "pharos/tsdb/labels.h"

class QThread;

namespace pharos::tsdb {
class DB;
}

namespace pharos::core::scrape {

enum class TargetHealth { Unknown, Up, Down };
std::string_view targetHealthName(TargetHealth h);  // "unknown", "up", "down"

// What the Targets dock shows for one target.
struct TargetStatus {
    std::string job;
    std::string url;
    tsdb::Labels discoveredLabels;  // before relabeling
    tsdb::Labels labels;            // after relabeling (public labels: see publicLabels)
    TargetHealth health = TargetHealth::Unknown;
    int64_t lastScrapeMs = 0;       // start of the last scrape (Unix ms); 0: never
    double lastDurationSeconds = 0;
    uint64_t samplesScraped = 0;
    uint64_t samplesPostRelabeling = 0;
    uint64_t seriesAdded = 0;
    uint64_t scrapes = 0;           // finished scrapes
    std::string lastError;          // "" when up
};

// Per-job problems found while computing targets (bad relabel output, file_sd errors).
struct JobStatus {
    std::string job;
    std::vector<std::string> errors;
    uint64_t droppedTargets = 0;
};

class ScrapeWorker;

class Scraper : public QObject {
    Q_OBJECT
public:
    // `db` must outlive the scraper. The worker thread starts at once; nothing is scraped until
    // applyConfig().
    explicit Scraper(tsdb::DB* db, QObject* parent = nullptr);
    ~Scraper() override;  // stop()s

    // Replaces the scrape configuration: targets that stay keep their state and schedule, new
    // ones start at their offset, removed ones get staleness markers. Asynchronous.
    void applyConfig(const ScrapeFileConfig& config);
    // Scrapes every target (or the ones whose URL equals `url`) right away. Asynchronous.
    void scrapeNow(const std::string& url = {});
    // Stops every target (writing staleness markers) and the worker thread; blocks until done.
    void stop();

    std::vector<TargetStatus> targets() const;
    std::vector<JobStatus> jobs() const;
    uint64_t scrapesFinished() const { return scrapes_.load(); }

signals:
    // Emitted from the worker thread after each scrape (use a queued connection in the GUI).
    void scrapeFinished(const QString& url, bool up);

private:
    friend class ScrapeWorker;
    friend class TargetLoop;
    void publish(const std::string& key, const TargetStatus& s, bool remove);  // worker thread
    void publishJobs(std::vector<JobStatus> jobs);

    tsdb::DB* db_;
    QThread* thread_ = nullptr;
    ScrapeWorker* worker_ = nullptr;  // lives in thread_
    mutable std::mutex mu_;
    std::vector<std::pair<std::string, TargetStatus>> status_;  // guarded by mu_; sorted by key
    std::vector<JobStatus> jobs_;                                // guarded by mu_
    std::atomic<uint64_t> scrapes_{0};
    bool stopped_ = false;
};

// Sample label handling of Prometheus' mutateSampleLabels: target labels are attached (with
// honor_labels the scraped ones win; otherwise conflicting scraped labels are kept as
// exported_<name>), then metric_relabel_configs apply. nullopt: dropped.
std::optional<tsdb::Labels> sampleLabels(const tsdb::Labels& scraped, const tsdb::Labels& target,
                                         bool honorLabels, std::span<const RelabelRule> metricRelabel);

// The Accept header Prometheus 2.42 sends.
inline constexpr char kScrapeAcceptHeader[] =
    "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
    "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

}  // namespace pharos::core::scrape
