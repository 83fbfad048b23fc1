// The refresh loops of http_sd_configs and dns_sd_configs (Prometheus 2.42 discovery/refresh:
// refresh at once, then every refresh_interval; a failed refresh keeps the last good groups)
// and the Qt Network set-up shared by scrape requests and http_sd (auth, TLS, proxy_url).
// Threading: every object here lives in the scraper's worker thread and is used only there.
// DNS lookups block, so they run on a small thread pool of their own and their results come
// back to the worker thread through QFutureWatcher; nothing blocks the worker's event loop.
#pragma once

#include <QFutureWatcher>
#include <QNetworkProxy>
#include <QNetworkRequest>
#include <QObject>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "pharos/core/scrape/dns_resolver.h"
#include "pharos/core/scrape/http_client.h"
#include "pharos/core/scrape/scrape_config.h"

class QNetworkAccessManager;
class QNetworkReply;

namespace pharos::core::scrape {

// One discovery mechanism instance of a job: its last good target groups and current errors.
class TargetDiscovery : public QObject {
  public:
    explicit TargetDiscovery(std::string job, QObject* parent)
        : QObject(parent), job_(std::move(job)) {}
    const std::string& job() const { return job_; }
    virtual void start() = 0;
    virtual std::vector<TargetGroup> groups() const = 0;
    virtual std::vector<std::string> errors() const = 0;
    // Called (in the worker thread) after a refresh changed groups() or errors().
    std::function<void()> onChange;

  protected:
    void changed() {
        if (onChange) onChange();
    }

  private:
    std::string job_;
};

// GET url every refresh_interval; 200 + JSON content type + target groups JSON required.
class HttpDiscovery final : public TargetDiscovery {
  public:
    HttpDiscovery(std::string job, HttpSdConfig config, QObject* parent);
    ~HttpDiscovery() override;
    void start() override;
    std::vector<TargetGroup> groups() const override { return groups_; }
    std::vector<std::string> errors() const override;

  private:
    void refresh();
    void finished();
    void fail(std::string message);

    HttpSdConfig config_;
    QNetworkAccessManager* nam_;  // child of this
    QNetworkReply* reply_ = nullptr;
    QTimer timer_, timeout_;
    bool timedOut_ = false;
    std::vector<TargetGroup> groups_;  // of the last good refresh
    std::string error_;                // of the last refresh; "" when it succeeded
};

// Resolves every name every refresh_interval; per name, a failed lookup keeps that name's
// last groups (Prometheus sends no update for it) and an NXDOMAIN answer empties them.
class DnsDiscovery final : public TargetDiscovery {
  public:
    DnsDiscovery(std::string job, DnsSdConfig config, std::shared_ptr<const DnsResolver> resolver,
                 QObject* parent);
    void start() override;
    std::vector<TargetGroup> groups() const override;
    std::vector<std::string> errors() const override;

    struct Outcome {
        bool ok = false;
        std::string error;
        DnsAnswer answer;
    };

  private:
    void refresh();

    DnsSdConfig config_;
    std::shared_ptr<const DnsResolver> resolver_;
    QTimer timer_;
    std::set<std::string> inFlight_;                          // names being looked up
    std::map<std::string, std::vector<TargetGroup>> groups_;  // by name, of the last good lookup
    std::map<std::string, std::string> errors_;               // by name, of the last lookup
};

// Identity of a discovery instance: equal keys across applyConfig() keep the running instance
// (and its groups), as Prometheus keeps providers whose configuration did not change.
std::string discoveryKey(const std::string& job, size_t index, const HttpSdConfig& sd);
std::string discoveryKey(const std::string& job, size_t index, const DnsSdConfig& sd,
                         const std::vector<std::string>& nameservers);

}  // namespace pharos::core::scrape
