// libFuzzer target: Grafana dashboard import, Pharos dashboard JSON, variable queries and
// template interpolation must never crash, whatever the input; an imported dashboard must
// survive the export/import round trip.
#include <QByteArray>
#include <QString>
#include <cstddef>
#include <cstdint>

#include "pharos/core/dashboards/dashboard_json.h"
#include "pharos/core/dashboards/grafana.h"
#include "pharos/core/dashboards/interpolation.h"
#include "pharos/core/dashboards/variables.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    namespace dash = pharos::core::dashboards;
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    if (auto imported = dash::importGrafanaDashboard(bytes, QStringLiteral("fuzz.json")); imported.ok()) {
        const auto& d = imported->dashboard;
        (void)dash::importGrafanaDashboard(dash::toGrafanaJsonBytes(d));
        (void)dash::fromPharosJson(dash::toPharosJson(d));
        const dash::ResolvedTimeRange range{1'700'000'000'000, 1'700'003'600'000};
        for (const auto& p : d.panels) (void)dash::planPanelQueries(p, d.variables, range, 800);
    }
    (void)dash::fromPharosJson(bytes, QStringLiteral("fuzz.pharos.json"));
    const QString text = QString::fromUtf8(bytes);
    (void)dash::parseVariableQuery(text);
    (void)dash::parseCustomOptions(text);
    dash::Variable v;
    v.name = QStringLiteral("job");
    v.multi = true;
    v.includeAll = true;
    v.options = {{QStringLiteral("a|b"), QStringLiteral("a|b")}, {QStringLiteral("c.d"), QStringLiteral("c.d")}};
    v.current.values = {dash::kAllValue};
    const std::vector<dash::Variable> vars{v};
    dash::InterpolationScope scope;
    scope.variables = vars;
    scope.range = {0, 3'600'000};
    scope.intervalMs = 15'000;
    (void)dash::interpolate(text, scope);
    (void)dash::referencedVariables(text);
    return 0;
}
