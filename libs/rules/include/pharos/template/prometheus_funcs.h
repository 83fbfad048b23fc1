// Prometheus' template functions (humanize*, query/first/label/value, reReplaceAll, links, ...)
// and the data Prometheus gives alert label/annotation templates ($labels, $externalLabels,
// $externalURL, $value), with Prometheus' output formats.
// Thread-safety: the FuncMap is immutable; the query callback must be safe to call from the
// thread executing the template.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pharos/status.h"
#include "pharos/template/template.h"
#include "pharos/template/value.h"

namespace pharos::gotemplate {

using LabelPairs = std::vector<std::pair<std::string, std::string>>;

// One instant-vector element as a template sees it: .Labels and .Value.
struct QuerySample {
    LabelPairs labels;
    double value = 0;
};
// Evaluates a PromQL instant query at the template's evaluation time.
using QueryFn = std::function<Result<std::vector<QuerySample>>(std::string_view query)>;

struct PrometheusFuncOptions {
    std::string externalURL;  // e.g. "http://prom.example:9090/prefix"
    QueryFn query;            // may be empty: `query` then fails with an error
};

// The functions Prometheus adds to alerting/recording rule and console templates.
FuncMap prometheusFuncs(const PrometheusFuncOptions& options);

// A query sample value (*template.sample).
Value makeSample(const QuerySample& s);

// The data of an alert template (Prometheus' AlertTemplateData).
Value prometheusAlertData(const LabelPairs& labels, const LabelPairs& externalLabels,
                          const std::string& externalURL, double value);
// The variable definitions Prometheus prepends to every alert template text.
std::string_view prometheusAlertDefs();

// Expands one alert label/annotation template as Prometheus' rule manager does: defs + text,
// template name "__alert_" + alertName, missing label keys as "". Errors read
// "error parsing template __alert_X: ..." / "error executing template __alert_X: ...".
Result<std::string> expandAlertTemplate(const std::string& alertName, std::string_view text,
                                        const Value& data, const PrometheusFuncOptions& options);
// As Prometheus stores a failed expansion in the annotation: "<error expanding template: ...>".
std::string expandAlertTemplateOrError(const std::string& alertName, std::string_view text,
                                       const Value& data, const PrometheusFuncOptions& options);

// Prometheus' number formats, usable outside templates (e.g. the GUI).
Result<std::string> humanize(const Value& v);
Result<std::string> humanize1024(const Value& v);
Result<std::string> humanizeDuration(const Value& v);
Result<std::string> humanizePercentage(const Value& v);
Result<std::string> humanizeTimestamp(const Value& v);

}  // namespace pharos::gotemplate
