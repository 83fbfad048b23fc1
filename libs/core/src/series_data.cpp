// Text forms of query result series: Prometheus' label set notation and legend formats.
#include "pharos/core/series_data.h"

#include <QRegularExpression>

#include "pharos/tsdb/labels.h"

namespace pharos::core {

QString seriesText(const LabelPairs& labels) {
    std::vector<tsdb::Label> ls;
    ls.reserve(labels.size());
    for (const auto& [n, v] : labels) ls.push_back({n.toStdString(), v.toStdString()});
    return QString::fromStdString(tsdb::Labels(std::move(ls)).toString());
}

QString applyLegendFormat(const QString& format, const LabelPairs& labels) {
    if (format.trimmed().isEmpty()) return seriesText(labels);
    // Grafana's legend syntax: {{name}} with optional spaces; an absent label renders empty.
    static const QRegularExpression re(QStringLiteral("\\{\\{\\s*(.+?)\\s*\\}\\}"));
    QString out;
    qsizetype last = 0;
    auto it = re.globalMatch(format);
    while (it.hasNext()) {
        const auto m = it.next();
        out += QStringView(format).mid(last, m.capturedStart() - last);
        const QString name = m.captured(1);
        for (const auto& [n, v] : labels) {
            if (n == name) {
                out += v;
                break;
            }
        }
        last = m.capturedEnd();
    }
    out += QStringView(format).mid(last);
    return out;
}

}  // namespace pharos::core
