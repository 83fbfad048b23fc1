// Metric metadata: TYPE, HELP and UNIT per metric family name, as exposition files and scrapes
// declare them (# TYPE / # HELP / # UNIT). The store lives in the DB directory as one small,
// versioned, checksummed file `DIR/metadata` (byte layout: FORMAT.md §Metadata), replaced
// atomically (metadata.tmp, fsync, rename, fsync of the directory) by flush().
//
// Metadata is keyed by family name ("http_requests" for the OpenMetrics counter whose samples
// are http_requests_total); lookup() resolves a series' metric name to its family through the
// usual suffixes (_total, _bucket, _sum, _count, _created, _info, _gcount, _gsum).
//
// Thread-safety: every method may be called concurrently (one internal mutex).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pharos/status.h"
#include "pharos/tsdb/textparse.h"

namespace pharos::tsdb {

struct MetricMetadata {
    MetricType type = MetricType::Unknown;
    std::string help;
    std::string unit;
    bool operator==(const MetricMetadata&) const = default;
};

class MetadataStore {
public:
    // An empty store that is never persisted (flush() is a no-op).
    MetadataStore() = default;
    // An empty store that flush() writes to DIR/metadata.
    explicit MetadataStore(std::string dir) : dir_(std::move(dir)) {}
    // Loads DIR/metadata when present (an absent file is an empty store); flush() writes there.
    // Errors: Corruption (bad magic, truncated, checksum), FailedPrecondition (newer version),
    // IoError.
    static Result<std::unique_ptr<MetadataStore>> open(const std::string& dir);
    MetadataStore(const MetadataStore&) = delete;
    MetadataStore& operator=(const MetadataStore&) = delete;

    // Record one declaration; a change marks the store dirty. Empty help / unit and
    // MetricType::Unknown are recorded too (an exposition may clear them).
    void setType(std::string_view family, MetricType type);
    void setHelp(std::string_view family, std::string_view help);
    void setUnit(std::string_view family, std::string_view unit);
    // Sets every field of `family` at once.
    void set(std::string_view family, const MetricMetadata& m);

    // The metadata of exactly this family name.
    std::optional<MetricMetadata> get(std::string_view family) const;
    // For a series' metric name: the exact name, else the family it belongs to by suffix.
    // Returns the family name found and its metadata.
    std::optional<std::pair<std::string, MetricMetadata>> lookup(std::string_view metricName) const;
    // Every family, sorted by name.
    std::vector<std::pair<std::string, MetricMetadata>> all() const;
    size_t size() const;

    bool dirty() const;
    // Writes the file when something changed since the last load / flush.
    Status flush();
    const std::string& dir() const { return dir_; }

    // The file's bytes for the current contents, and the parser (exposed for tests / fuzzing).
    std::string encode() const;
    static Result<std::map<std::string, MetricMetadata, std::less<>>> decode(std::string_view data);

private:
    MetricMetadata& entryLocked(std::string_view family);
    std::string encodeLocked() const;

    std::string dir_;  // empty: not persisted
    mutable std::mutex mu_;
    std::map<std::string, MetricMetadata, std::less<>> entries_;  // guarded by mu_
    uint64_t changes_ = 0;  // guarded by mu_; counts modifications
    uint64_t flushed_ = 0;  // guarded by mu_; changes_ as of the last load / flush
};

}  // namespace pharos::tsdb
