// The recorded demo data set of the default workspace: what the seed teams' exporters (node,
// cAdvisor, postgres/redis/mongodb exporters, Kong, blackbox, kafka_exporter, kube-state-metrics)
// and applications (KnowTon, LabelMint, PFM, DefiLlama realtime) would have exposed, scraped every
// DemoOptions::scrapeIntervalMs (the node job every 2x, as in the seed prometheus.yml).
//
// Every sample is a pure function of (seed, series, timestamp, incident anchor): diurnal and
// weekly load patterns, hashed noise, counters integrated in closed form from their rate
// functions (so they are true counters), classic histograms built from fixed latency mixtures
// (buckets cumulative, _count == +Inf bucket, _sum consistent). Generating [a, b] and then
// [b, c] therefore gives the same samples as [a, c] when the anchor is the same.
//
// Incidents repeat every 48 h relative to the anchor (default: toMs, so they fall in the recent
// window of a fresh data set): demoIncidents() lists them with the seed alerts they make fire.
// A caller that tops a data set up later (the default workspace at each start) must pass the
// anchor of the first generation, or incidents move.
//
// Thread-safety: generateDemoData() is the DB's one writer while it runs; the other functions are
// pure and reentrant.
#pragma once

#include <QtGlobal>

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "pharos/status.h"

namespace pharos::tsdb {
class DB;
}

namespace pharos::core {

struct DemoOptions {
    quint64 seed = 1;                 // changes the noise, not the shape
    qint64 scrapeIntervalMs = 15'000;  // must be > 0; the node job uses twice this
    qint64 incidentAnchorMs = 0;       // 0: toMs of the call
    size_t commitBatchSamples = 100'000;
};

// One incident occurrence inside the generated window.
struct DemoIncident {
    std::string kind;  // "api-errors", "postgres-outage", "disk-fill", "cpu-saturation", "auth-attack", "deploy"
    std::string description;  // one line, English
    qint64 startMs = 0;
    qint64 endMs = 0;                 // the end of the abnormal behaviour (not of the alerts)
    std::vector<std::string> alerts;  // seed alert names expected to fire because of it
    // The job whose counters restart at endMs (empty: none).
    std::string counterResetJob;
};

// The incident occurrences overlapping [fromMs, toMs], in time order.
std::vector<DemoIncident> demoIncidents(qint64 fromMs, qint64 toMs, const DemoOptions& options = {});

// Appends the demo series for every scrape timestamp (multiples of the interval) in
// [fromMs, toMs] through db's appender, in time order, committing every
// options.commitBatchSamples samples. Samples the DB already holds (same value) are ignored;
// samples below the head's lower bound are skipped. progress, if given, is called with 0..1
// after each commit. Errors: InvalidArgument (bad window or options), Cancelled (the samples
// committed so far stay), or what the DB reports.
Status generateDemoData(tsdb::DB& db, qint64 fromMs, qint64 toMs, const DemoOptions& options,
                        const std::atomic<bool>* cancel = nullptr,
                        std::function<void(double fraction)> progress = {});

// Number of series the generator writes (independent of the window).
size_t demoSeriesCount(const DemoOptions& options = {});

}  // namespace pharos::core
