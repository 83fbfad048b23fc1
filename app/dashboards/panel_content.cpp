#include "panel_content.h"

#include <QCoreApplication>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "../charts/bar_gauge_panel.h"
#include "../charts/chart_group.h"
#include "../charts/gauge_panel.h"
#include "../charts/heatmap_panel.h"
#include "../charts/stat_panel.h"
#include "../charts/table_panel.h"
#include "../charts/time_series_chart.h"

namespace pharos::app {

namespace dash = core::dashboards;

namespace {

QWidget* unsupportedNotice(const dash::Panel& p, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(QStringLiteral("UnsupportedPanel"));
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QString text = QCoreApplication::translate("pharos::app::PanelContent", "Panel type “%1” is not supported by Pharos.")
                       .arg(p.unsupportedType.isEmpty() ? QStringLiteral("?") : p.unsupportedType);
    if (!p.unsupportedReason.isEmpty()) text += QLatin1Char('\n') + p.unsupportedReason;
    label->setText(text);
    label->setEnabled(false);
    return label;
}

}  // namespace

QWidget* createPanelContent(const dash::Panel& p, ChartGroup* group, QWidget* parent) {
    switch (p.type) {
    case dash::PanelType::TimeSeries: {
        auto* chart = new TimeSeriesChart(parent);
        chart->setToolbarVisible(false);  // its actions go into the panel menu
        chart->setFieldOptions(p.field);
        chart->setOptions(p.timeSeries);
        if (group) group->addChart(chart);
        return chart;
    }
    case dash::PanelType::Stat: {
        auto* w = new StatPanel(parent);
        w->setFieldOptions(p.field);
        w->setOptions(p.stat);
        return w;
    }
    case dash::PanelType::Gauge: {
        auto* w = new GaugePanel(parent);
        w->setFieldOptions(p.field);
        w->setOptions(p.gauge);
        return w;
    }
    case dash::PanelType::BarGauge: {
        auto* w = new BarGaugePanel(parent);
        w->setFieldOptions(p.field);
        w->setOptions(p.barGauge);
        return w;
    }
    case dash::PanelType::Table: {
        auto* w = new TablePanel(parent);
        w->setFieldOptions(p.field);
        w->setOptions(p.table);
        return w;
    }
    case dash::PanelType::Heatmap: {
        auto* w = new HeatmapPanel(parent);
        w->setFieldOptions(p.field);
        w->setOptions(p.heatmap);
        return w;
    }
    case dash::PanelType::Text: {
        auto* t = new QTextBrowser(parent);
        t->setObjectName(QStringLiteral("TextPanel"));
        t->setFrameShape(QFrame::NoFrame);
        t->setOpenExternalLinks(false);
        switch (p.textMode) {
        case dash::TextMode::Markdown: t->setMarkdown(p.text); break;
        case dash::TextMode::Html: t->setHtml(p.text); break;
        case dash::TextMode::Plain: t->setPlainText(p.text); break;
        }
        return t;
    }
    case dash::PanelType::Unsupported:
        break;
    }
    return unsupportedNotice(p, parent);
}

void setPanelContentData(QWidget* content, const dash::Panel& p, const core::QueryData& data) {
    if (!content) return;
    switch (p.type) {
    case dash::PanelType::TimeSeries:
        if (auto* w = qobject_cast<TimeSeriesChart*>(content)) w->setData(data);
        break;
    case dash::PanelType::Stat:
        if (auto* w = qobject_cast<StatPanel*>(content)) w->setData(data);
        break;
    case dash::PanelType::Gauge:
        if (auto* w = qobject_cast<GaugePanel*>(content)) w->setData(data);
        break;
    case dash::PanelType::BarGauge:
        if (auto* w = qobject_cast<BarGaugePanel*>(content)) w->setData(data);
        break;
    case dash::PanelType::Table:
        if (auto* w = qobject_cast<TablePanel*>(content)) w->setData(data);
        break;
    case dash::PanelType::Heatmap:
        if (auto* w = qobject_cast<HeatmapPanel*>(content)) w->setData(data);
        break;
    case dash::PanelType::Text:
    case dash::PanelType::Unsupported:
        break;
    }
}

QList<QAction*> panelContentActions(QWidget* content) {
    if (auto* chart = qobject_cast<TimeSeriesChart*>(content)) return {chart->undoZoomAction(), chart->cursorsAction()};
    return {};
}

void setPanelContentRange(QWidget* content, qint64 fromMs, qint64 toMs) {
    if (auto* chart = qobject_cast<TimeSeriesChart*>(content); chart && toMs > fromMs) chart->setTimeRange(fromMs, toMs);
}

core::QueryData mergeQueryData(const std::vector<core::QueryData>& parts, const QStringList& refIds) {
    core::QueryData out;
    QStringList errors;
    bool first = true;
    for (size_t i = 0; i < parts.size(); ++i) {
        const auto& part = parts[i];
        if (first) {
            out.kind = part.kind;
            out.startMs = part.startMs;
            out.endMs = part.endMs;
            out.stepMs = part.stepMs;
            out.stringValue = part.stringValue;
            first = false;
        }
        out.evalMicros += part.evalMicros;
        if (!part.error.isEmpty()) {
            const QString ref = i < static_cast<size_t>(refIds.size()) ? refIds[static_cast<qsizetype>(i)] : QString();
            errors << (ref.isEmpty() ? part.error : ref + QStringLiteral(": ") + part.error);
        }
        out.series.insert(out.series.end(), part.series.begin(), part.series.end());
    }
    out.error = errors.join(QLatin1Char('\n'));
    return out;
}

}  // namespace pharos::app
