// Query results as the GUI takes them: what charts, panels, tables and the query console show.
// Produced by QueryService (query_service.h) from the PromQL engine's results.
#pragma once

#include <QString>
#include <utility>
#include <vector>

namespace pharos::core {

using LabelPairs = std::vector<std::pair<QString, QString>>;  // sorted by name

// One series. Timestamps are milliseconds since the Unix epoch, ascending. A range query yields
// no point at a step where the series has no sample: consecutive points more than one step apart
// (QueryData::stepMs) are a gap, drawn as a gap. A NaN value is also a gap.
struct SeriesData {
    LabelPairs labels;          // incl. __name__ when the result has one
    QString legend;             // display name: legendFormat applied, else seriesText(labels)
    std::vector<qint64> timestamps;
    std::vector<double> values;  // same length as timestamps
};

struct QueryData {
    enum class Kind { Matrix, Vector, Scalar, String };
    Kind kind = Kind::Matrix;
    std::vector<SeriesData> series;  // Vector/Scalar: one point per series at `endMs`
    QString stringValue;             // Kind::String
    qint64 startMs = 0, endMs = 0, stepMs = 0;  // instant query: startMs == endMs, stepMs == 0
    QString error;                   // empty on success; the engine's or parser's message
    int errorLine = 0, errorColumn = 0;  // 1-based position of a parse error in the expression; 0: none
    qint64 evalMicros = 0;
    bool cancelled = false;          // superseded or cancelled; nothing to show
};

// Prometheus' text form of a label set: name{a="b", c="d"} (name omitted when absent; values
// escaped like Go's %q).
QString seriesText(const LabelPairs& labels);

// Applies a Grafana/Prometheus legend format: "{{instance}} - {{ job }}" -> "host:9100 - node".
// An empty format yields seriesText(labels).
QString applyLegendFormat(const QString& format, const LabelPairs& labels);

}  // namespace pharos::core
