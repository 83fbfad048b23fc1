// Alertmanager's notification template functions (toUpper, toLower, title, trimSpace, join,
// match, reReplaceAll, safeHtml, safeUrl, urlUnescape, stringSlice, date, tz, since,
// humanizeDuration) and its template data (.Receiver, .Status, .Alerts with .Firing/.Resolved,
// .GroupLabels, .CommonLabels, .CommonAnnotations, .ExternalURL; KV with SortedPairs, Names,
// Values, Remove), as Alertmanager's template package defines them.
// Thread-safety: values and the FuncMap are immutable; `now` must be callable concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "pharos/template/prometheus_funcs.h"
#include "pharos/template/template.h"
#include "pharos/template/value.h"

namespace pharos::gotemplate {

// Wall clock for `since`, in Unix nanoseconds (injectable for tests and simulation).
using NowFn = std::function<int64_t()>;

FuncMap alertmanagerFuncs(NowFn now = {});

struct NotificationAlert {
    std::string status;  // "firing" | "resolved"
    LabelPairs labels;
    LabelPairs annotations;
    int64_t startsAtNanos = 0;
    int64_t endsAtNanos = 0;  // 0001-01-01 (Go's zero time) is not representable; 0 = unset
    std::string generatorURL;
    std::string fingerprint;
};

struct NotificationData {
    std::string receiver;
    std::string status;
    std::vector<NotificationAlert> alerts;
    LabelPairs groupLabels;
    LabelPairs commonLabels;
    LabelPairs commonAnnotations;
    std::string externalURL;
};

// template.KV: a map[string]string with SortedPairs (alertname first), Names, Values, Remove.
Value makeKV(const LabelPairs& pairs);
Value makeNotificationAlert(const NotificationAlert& a);
// template.Data.
Value makeNotificationData(const NotificationData& d);

// A template set as Alertmanager builds it: its functions, missingkey=zero.
Template alertmanagerTemplate(const std::string& name, NowFn now = {});

}  // namespace pharos::gotemplate
