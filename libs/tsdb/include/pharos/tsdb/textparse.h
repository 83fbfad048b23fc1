// Streaming (pull) parsers for the Prometheus text format 0.0.4 and OpenMetrics 1.0 text.
// next() returns one entry at a time (a sample, or HELP / TYPE / UNIT metadata); errors are
// InvalidArgument with a 1-based line:col location (Status::withFile adds the file name).
// The OpenMetrics parser also checks the spec's rules across lines (# EOF, family grouping,
// metadata placement, histogram / summary / counter / info / stateset values, timestamp order).
// Thread-safety: a parser is used by one thread; it borrows `input`, which must outlive it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "pharos/status.h"
#include "pharos/tsdb/labels.h"

namespace pharos::tsdb {

enum class ExpositionFormat { PromText, OpenMetrics };

enum class MetricType { Unknown, Counter, Gauge, Histogram, GaugeHistogram, Summary, Info, StateSet };
std::string_view metricTypeName(MetricType t);

struct Exemplar {
    Labels labels;
    double value = 0;
    std::optional<int64_t> timestampMs;
};

struct ParsedSample {
    Labels labels;                    // includes __name__
    double value = 0;
    std::optional<int64_t> timestampMs;
    std::optional<Exemplar> exemplar;  // OpenMetrics only
    MetricType type = MetricType::Unknown;  // of the family the sample belongs to
};

// Parses a Go-style float as Prometheus accepts it: decimal with optional exponent, and
// NaN / Inf / +Inf / -Inf / Infinity case-insensitively; no hex, no '_'.
bool parseExpositionFloat(std::string_view s, double* out);

// Go's strconv.FormatFloat(v, 'g', -1, 64) ("1e+06", "0.25", "NaN", "+Inf", "-Inf").
std::string formatGoFloat(double v);
// OpenMetrics canonical float text: formatGoFloat plus ".0" when it has no '.' or exponent.
std::string formatOpenMetricsFloat(double v);

class ExpositionParser {
public:
    enum class Entry { Sample, Help, Type, Unit, End };

    // strictOpenMetrics = false keeps the OpenMetrics syntax, metadata and # EOF rules but skips
    // the rules across samples (metric point grouping, bucket order and counts, value ranges,
    // timestamp order), as Prometheus' own parser and `promtool tsdb create-blocks-from
    // openmetrics` do; the importer uses it so series-major backfill files load.
    ExpositionParser(std::string_view input, ExpositionFormat format, bool strictOpenMetrics = true);
    ~ExpositionParser();
    ExpositionParser(const ExpositionParser&) = delete;
    ExpositionParser& operator=(const ExpositionParser&) = delete;

    // The next entry; End after the last one (OpenMetrics: after "# EOF").
    Result<Entry> next();

    const ParsedSample& sample() const { return sample_; }
    // For Help / Type / Unit entries.
    const std::string& metadataName() const { return metaName_; }
    const std::string& metadataText() const { return metaText_; }  // help (unescaped) or unit
    MetricType metadataType() const { return metaType_; }

    int line() const { return line_; }  // line of the last entry (1-based)
    ExpositionFormat format() const { return format_; }

private:
    struct OmState;
    Status error(size_t pos, std::string msg) const;
    Result<Entry> parseComment(size_t start, size_t end);
    Status parseSample(size_t start, size_t end);
    Status parseLabels(size_t& pos, size_t end, bool allowName, std::string* name,
                       std::vector<Label>* out);
    Status parseQuoted(size_t& pos, size_t end, std::string* out);
    Status checkOpenMetricsSample(size_t lineStart, std::string_view name,
                                  const std::vector<Label>& rawLabels, double value,
                                  std::optional<int64_t> ts, bool hasExemplar);
    Status openMetricsMetadata(size_t pos, Entry kind);
    Status closeOpenMetricsPoint(size_t pos);
    Status finishOpenMetrics(size_t pos);

    std::string_view in_;
    ExpositionFormat format_;
    bool strict_ = true;
    size_t pos_ = 0;         // start of the next line
    int line_ = 0;
    size_t lineStart_ = 0;
    bool eof_ = false;       // "# EOF" seen (OpenMetrics)
    ParsedSample sample_;
    std::string metaName_, metaText_;
    MetricType metaType_ = MetricType::Unknown;
    std::unique_ptr<OmState> om_;  // OpenMetrics family state; Prometheus text: TYPE per name
    std::vector<Label> scratch_;
};

}  // namespace pharos::tsdb
