// Template variable resolution: turns each variable's definition into its options and keeps or
// repairs the current selection. Pure functions over a VariableDataSource, so they are testable
// without a TSDB; the GUI runs them off the GUI thread with a source backed by QueryService.
//
// Thread-safety: free functions; the data source is called on the caller's thread.
#pragma once

#include <QString>
#include <QStringList>
#include <vector>

#include "pharos/core/dashboards/dashboard.h"
#include "pharos/core/dashboards/interpolation.h"
#include "pharos/core/series_data.h"
#include "pharos/status.h"

namespace pharos::core::dashboards {

// Where query variables get their values.
class VariableDataSource {
  public:
    virtual ~VariableDataSource() = default;
    // Distinct values of `label` over the series matching `selector` (a PromQL series selector
    // such as `up{job="node"}`; empty: all series) with samples in [startMs, endMs].
    virtual Result<QStringList> labelValues(const QString& label, const QString& selector,
                                            qint64 startMs, qint64 endMs) = 0;
    // Label names over the series matching selector (empty: all series).
    virtual Result<QStringList> labelNames(const QString& selector, qint64 startMs,
                                           qint64 endMs) = 0;
    // An instant query at timeMs.
    virtual Result<QueryData> instantQuery(const QString& expr, qint64 timeMs) = 0;
};

// A query variable's query, parsed (Grafana's Prometheus variable query syntax).
struct VariableQuery {
    enum class Kind { LabelNames, LabelValues, Metrics, QueryResult };
    Kind kind = Kind::LabelValues;
    QString label;     // LabelValues
    QString selector;  // LabelValues (optional metric or selector), LabelNames (optional)
    QString regex;     // Metrics: the metric name regex
    QString expr;      // QueryResult
    bool operator==(const VariableQuery&) const = default;
};
// "label_values(job)", "label_values(up{env=\"prod\"}, instance)", "metrics(node_.*)",
// "query_result(topk(5, up))", "label_names()". Anything else is InvalidArgument (col 1-based).
Result<VariableQuery> parseVariableQuery(const QString& query);

// Custom variable options: "a,b,c", "\," escapes a comma, "Text : value" gives text and value.
std::vector<VariableOption> parseCustomOptions(const QString& query);

// Applies a variable's regex ("/pattern/flags", or a bare pattern) to raw values: values that do
// not match are dropped; a named group "value" (and "text") or else the first capture group
// gives the option; duplicates removed (first kept). Errors: a bad regex.
Result<std::vector<VariableOption>> applyVariableRegex(const QString& regex,
                                                       const QStringList& raw);

// Orders options by the variable's sort (stable; None keeps the source order).
void sortOptions(std::vector<VariableOption>& options, VariableSort sort);

// The text Grafana lists for each sample of a query_result(): `name{a="b",c="d"} 1.5
// 1700000000000`.
QStringList queryResultTexts(const QueryData& data);

// Computes one variable's options. Its query is first interpolated with `scope` (earlier
// variables and the built-ins), as Grafana does for chained variables. Constant/textbox give one
// option (the query). Interval with auto gives an "auto" option first (value
// "$__auto_interval_<name>").
Result<std::vector<VariableOption>> resolveOptions(const Variable& v, VariableDataSource& source,
                                                   const InterpolationScope& scope);

// Sets options and repairs the selection: selected values still offered are kept; otherwise the
// first option is selected (All when includeAll). texts follow the options.
void applyOptions(Variable& v, std::vector<VariableOption> options);

// Selects values by value or text (multi: several, else the first valid one; "$__all" selects
// All when includeAll). Values not among the options are ignored, except that textbox and
// constant variables take any value. Returns false (selection unchanged) when nothing was valid.
bool selectValues(Variable& v, const QStringList& values);

struct VariableError {
    QString name;
    QString message;
    bool operator==(const VariableError&) const = default;
};

// Resolves every variable in order (each sees the ones before it), updating options and
// selections in place. Variables with refresh Never that already have options keep them unless
// `force`. A failing variable keeps its old options and is reported; the others still resolve.
std::vector<VariableError> resolveVariables(std::vector<Variable>& variables,
                                            VariableDataSource& source,
                                            const ResolvedTimeRange& range, bool force = false);

}  // namespace pharos::core::dashboards
