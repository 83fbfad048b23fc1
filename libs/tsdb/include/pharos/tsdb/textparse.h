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

    // Lazy labels (Prometheus text format only; OpenMetrics input ignores the setting): next()
    // only finds where a sample's series text (metric name and label set) ends and reads its
    // value and timestamp; sample().labels stays empty until parseSeries(). For callers that
    // map series texts they parsed before to what they built from them (the scraper's cache,
    // as Prometheus' scrapeCache does), so a known series costs no label parsing.
    void setLazyLabels(bool lazy) { lazy_ = lazy; }
    // Fills sample().labels of the current sample (a no-op when it is filled already). Its
    // errors are exactly those next() returns for the same line without lazy labels; a line
    // whose series text once parsed without error always parses again.
    Status parseSeries();
    // The current sample's series text as exposed, e.g. `http_requests_total{code="200"}`
    // (borrowed from the input; with and without lazy labels).
    std::string_view seriesText() const { return series_; }
    // For Help / Type / Unit entries.
    const std::string& metadataName() const { return metaName_; }
    const std::string& metadataText() const { return metaText_; }  // help (unescaped) or unit
    MetricType metadataType() const { return metaType_; }

    // True when the current sample's line repeated the previous sample's series text, so that
    // sample().labels are the previous sample's (callers may skip comparing them).
    bool sameSeries() const { return repeated_; }
    int line() const { return line_; }  // line of the last entry (1-based)
    ExpositionFormat format() const { return format_; }

    // Parsing one input in pieces, one parser per piece (the importer's parallel parse; not
    // for strict OpenMetrics). A piece starts and ends at line starts; lines count from 1 in
    // each piece. setPiece(false): the input continues after this piece, so its end is not the
    // end of the OpenMetrics input ("# EOF" not required there). The OpenMetrics family state
    // (textparse_internal.h) can be read after and set before parsing a piece.
    struct OmState;
    void setLastPiece(bool last) { lastPiece_ = last; }
    OmState& omState() { return *om_; }
    bool sawEof() const { return eof_; }

private:
    Status error(size_t pos, std::string msg) const;
    Result<Entry> parseComment(size_t start, size_t end);
    Status parseSample(size_t start, size_t end);
    // The series text's extent without building labels (lazy mode); false: parse eagerly.
    bool lazySample(size_t start, size_t end);
    bool skipLabelSet(size_t& pos, size_t end) const;
    Status parseValue(size_t& pos, size_t end, double* value, std::optional<int64_t>* ts,
                      std::optional<Exemplar>* exemplar);
    MetricType promTypeOf(std::string_view name);
    Status parseLabels(size_t& pos, size_t end, bool allowName, std::string* name,
                       std::vector<Label>* out);
    Status parseQuoted(size_t& pos, size_t end, std::string* out);
    Status parseRepeatedSample(size_t start, size_t end);
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
    bool lastPiece_ = true;  // setLastPiece
    ParsedSample sample_;
    std::string metaName_, metaText_;
    MetricType metaType_ = MetricType::Unknown;
    std::unique_ptr<OmState> om_;  // OpenMetrics family state; Prometheus text: TYPE per name
    std::vector<Label> scratch_;
    bool lazy_ = false;
    bool labelsPending_ = false;     // lazy: sample_.labels not built yet for the current line
    size_t sampleStart_ = 0, sampleEnd_ = 0;  // the current sample line (lazy: for parseSeries)
    std::string_view series_;
    std::string lastTypeName_;       // promTypeOf's one-entry cache (families are contiguous)
    MetricType lastType_ = MetricType::Unknown;
    bool lastTypeValid_ = false;     // reset when a # TYPE line changes the types
    // Series-major files (backfill) repeat one series text line after line: when a line starts
    // with the previous eagerly parsed sample's series text followed by a separator, its name
    // and labels are the same, so sample_.labels is kept instead of parsed and built again.
    // Cleared by anything else that touches sample_.labels or the types (comments, lazy
    // lines, errors); not used in strict OpenMetrics (its checks need the raw labels).
    std::string_view prevSeries_;
    std::string_view prevName_;      // borrowed from the input
    bool prevValid_ = false;
    bool repeated_ = false;          // sameSeries()
};

}  // namespace pharos::tsdb
