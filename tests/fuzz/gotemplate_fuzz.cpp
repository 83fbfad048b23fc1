// libFuzzer target for the Go template engine: parse arbitrary text with the Prometheus and
// Alertmanager function sets and execute it over representative data under tight limits, in text
// mode and in html mode (html/template's contextual escaping, as Alertmanager's email html).
// Must never crash, hang or grow without bound.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "pharos/template/alertmanager_funcs.h"
#include "pharos/template/prometheus_funcs.h"
#include "pharos/template/template.h"

using namespace pharos::gotemplate;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    static const Value promData = prometheusAlertData({{"alertname", "A"}, {"instance", "h:1"}}, {{"dc", "x"}},
                                                      "http://p:9090", 1234.5);
    static const Value amData = [] {
        NotificationData d;
        d.receiver = "r";
        d.status = "firing";
        d.commonLabels = {{"alertname", "A"}, {"job", "j"}};
        NotificationAlert a;
        a.status = "firing";
        a.labels = d.commonLabels;
        a.startsAtNanos = 1'700'000'000'000'000'000;
        d.alerts = {a, a};
        return makeNotificationData(d);
    }();
    Limits limits;
    limits.maxOutput = 1 << 16;
    limits.maxSteps = 20000;
    limits.maxDepth = 50;

    PrometheusFuncOptions opts;
    opts.externalURL = "http://p:9090/prefix";
    opts.query = [](std::string_view) -> pharos::Result<std::vector<QuerySample>> {
        return std::vector<QuerySample>{{{{"__name__", "up"}, {"job", "a"}}, 1}};
    };
    FuncMap funcs = prometheusFuncs(opts);
    funcs.merge(alertmanagerFuncs([] { return int64_t{1'700'000'100'000'000'000}; }));
    Template t("fuzz", funcs, limits);
    if (!t.parse(text).ok()) return 0;
    (void)t.execute(promData);
    (void)t.execute(amData);
    t.setEscaping(Escaping::Html);
    (void)t.execute(promData);
    (void)t.execute(amData);
    return 0;
}
