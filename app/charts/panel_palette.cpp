// Panel colours (Grafana's classic palette, d3-style sequential and diverging schemes) and the
// shared message / font helpers of the panels.
#include "charts/panel_palette.h"

#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <vector>

#include "pharos/core/units.h"

namespace pharos::app {

namespace {

// Grafana's classic series colours.
constexpr std::array<QRgb, 32> kClassic = {
    0x7EB26D, 0xEAB839, 0x6ED0E0, 0xEF843C, 0xE24D42, 0x1F78C1, 0xBA43A9, 0x705DA0,
    0x508642, 0xCCA300, 0x447EBC, 0xC15C17, 0x890F02, 0x0A437C, 0x6D1F62, 0x584477,
    0xB7DBAB, 0xF4D598, 0x70DBED, 0xF9BA8F, 0xF29191, 0x82B5D8, 0xE5A8E2, 0xAEA2E0,
    0x629E51, 0xE5AC0E, 0x64B0C8, 0xE0752D, 0xBF1B00, 0x0A50A1, 0x962D82, 0x614D93};

// Colour stops of the schemes, evenly spaced from t = 0 to t = 1.
const std::map<QString, std::vector<QRgb>>& schemes() {
    static const std::map<QString, std::vector<QRgb>> s = {
        {QStringLiteral("oranges"), {0xfff5eb, 0xfdd0a2, 0xfd8d3c, 0xd94801, 0x7f2704}},
        {QStringLiteral("reds"), {0xfff5f0, 0xfcbba1, 0xfb6a4a, 0xcb181d, 0x67000d}},
        {QStringLiteral("greens"), {0xf7fcf5, 0xc7e9c0, 0x74c476, 0x238b45, 0x00441b}},
        {QStringLiteral("blues"), {0xf7fbff, 0xc6dbef, 0x6baed6, 0x2171b5, 0x08306b}},
        {QStringLiteral("purples"), {0xfcfbfd, 0xdadaeb, 0x9e9ac8, 0x6a51a3, 0x3f007d}},
        {QStringLiteral("greys"), {0xffffff, 0xd9d9d9, 0x969696, 0x525252, 0x000000}},
        {QStringLiteral("spectral"),
         {0x9e0142, 0xd53e4f, 0xf46d43, 0xfdae61, 0xfee08b, 0xffffbf, 0xe6f598, 0xabdda4, 0x66c2a5,
          0x3288bd, 0x5e4fa2}},
        {QStringLiteral("rdylgn"),
         {0xa50026, 0xd73027, 0xf46d43, 0xfdae61, 0xfee08b, 0xffffbf, 0xd9ef8b, 0xa6d96a, 0x66bd63,
          0x1a9850, 0x006837}},
        {QStringLiteral("rdylbu"),
         {0xa50026, 0xd73027, 0xf46d43, 0xfdae61, 0xfee090, 0xffffbf, 0xe0f3f8, 0xabd9e9, 0x74add1,
          0x4575b4, 0x313695}},
        {QStringLiteral("viridis"), {0x440154, 0x3b528b, 0x21918c, 0x5ec962, 0xfde725}},
        {QStringLiteral("magma"), {0x000004, 0x3b0f70, 0x8c2981, 0xde4968, 0xfe9f6d, 0xfcfdbf}},
        {QStringLiteral("inferno"), {0x000004, 0x420a68, 0x932667, 0xdd513a, 0xfca50a, 0xfcffa4}},
        {QStringLiteral("plasma"), {0x0d0887, 0x6a00a8, 0xb12a90, 0xe16462, 0xfca636, 0xf0f921}},
    };
    return s;
}

int lerp(int a, int b, double t) {
    return static_cast<int>(std::lround(a + (b - a) * t));
}

}  // namespace

QColor paletteColor(int i) {
    const int n = static_cast<int>(kClassic.size());
    return QColor(kClassic[static_cast<size_t>(((i % n) + n) % n)]);
}

int paletteSize() {
    return static_cast<int>(kClassic.size());
}

QColor schemeColor(const QString& scheme, double t) {
    QString key = scheme.toLower();
    if (key.startsWith(QLatin1String("interpolate"))) key = key.mid(11);
    const auto& all = schemes();
    auto it = all.find(key);
    if (it == all.end()) it = all.find(QStringLiteral("oranges"));
    const std::vector<QRgb>& stops = it->second;
    if (!std::isfinite(t)) t = 0;
    t = std::clamp(t, 0.0, 1.0);
    const double pos = t * static_cast<double>(stops.size() - 1);
    const size_t i = std::min(static_cast<size_t>(pos), stops.size() - 2);
    const double f = pos - static_cast<double>(i);
    const QColor a(stops[i]), b(stops[i + 1]);
    return QColor(lerp(a.red(), b.red(), f), lerp(a.green(), b.green(), f),
                  lerp(a.blue(), b.blue(), f));
}

QStringList schemeNames() {
    return {QStringLiteral("Oranges"),  QStringLiteral("Reds"),    QStringLiteral("Greens"),
            QStringLiteral("Blues"),    QStringLiteral("Purples"), QStringLiteral("Greys"),
            QStringLiteral("Spectral"), QStringLiteral("RdYlGn"),  QStringLiteral("RdYlBu"),
            QStringLiteral("Viridis"),  QStringLiteral("Magma"),   QStringLiteral("Inferno"),
            QStringLiteral("Plasma")};
}

QString seriesDisplayName(const core::SeriesData& series, const core::FieldOptions& options) {
    if (!options.displayName.isEmpty())
        return core::applyLegendFormat(options.displayName, series.labels);
    if (!series.legend.isEmpty()) return series.legend;
    return core::seriesText(series.labels);
}

QColor valueColor(double v, const core::FieldOptions& options, int seriesIndex, double dataMin,
                  double dataMax) {
    if (const core::ValueMapping* m = core::matchValueMapping(v, options); m && m->color.isValid()) return m->color;
    QColor c = core::thresholdColor(v, options, dataMin, dataMax);
    return c.isValid() ? c : paletteColor(seriesIndex);
}

QFont fitFont(const QFont& base, const QString& text, const QSizeF& box, double minPx,
              double maxPx) {
    QFont f = base;
    const double probe = 100;
    f.setPixelSize(static_cast<int>(probe));
    const QFontMetricsF fm(f);
    const double w = std::max(1.0, fm.horizontalAdvance(text));
    const double h = std::max(1.0, fm.height());
    double px = std::min(probe * box.width() / w, probe * box.height() / h);
    px = std::clamp(std::floor(px), std::max(1.0, minPx), std::max(minPx, maxPx));
    f.setPixelSize(static_cast<int>(px));
    return f;
}

QString panelMessage(const core::QueryData& data, const QString& noDataText) {
    if (!data.error.isEmpty()) return data.error;
    if (data.kind == core::QueryData::Kind::String) return QString();
    bool any = false;
    for (const auto& s : data.series) any = any || !s.values.empty();
    return any ? QString() : noDataText;
}

void drawPanelMessage(QPainter& p, const QRectF& rect, const QString& text, bool isError) {
    p.save();
    QFont f = p.font();
    f.setPixelSize(std::clamp(static_cast<int>(rect.height() / 8), 11, 18));
    p.setFont(f);
    p.setPen(isError ? QColor(0xE0, 0x2F, 0x44) : QColor(0x8e, 0x8e, 0x8e));
    p.drawText(rect.adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, text);
    p.restore();
}

QColor contrastText(const QColor& bg) {
    const double lum = 0.299 * bg.redF() + 0.587 * bg.greenF() + 0.114 * bg.blueF();
    return lum > 0.6 ? QColor(Qt::black) : QColor(Qt::white);
}

}  // namespace pharos::app
