#include "panel_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

namespace pharos::app {

namespace dash = core::dashboards;

namespace {

enum TargetColumn { kExpr, kLegend, kInstant, kColumns };

struct ReduceChoice {
    core::Reduce reduce;
    const char* text;
};
const ReduceChoice kReduces[] = {
    {core::Reduce::LastNotNull, QT_TRANSLATE_NOOP("pharos::app::PanelEditor", "Last (not null)")},
    {core::Reduce::Last, QT_TRANSLATE_NOOP("pharos::app::PanelEditor", "Last")},
    {core::Reduce::First, QT_TRANSLATE_NOOP("pharos::app::PanelEditor", "First")},
    {core::Reduce::Mean, QT_TRANSLATE_NOOP("pharos::app::PanelEditor", "Mean")},
    {core::Reduce::Min, QT_TRANSLATE_NOOP("pharos::app::PanelEditor", "Min")},
    {core::Reduce::Max, QT_TRANSLATE_NOOP("pharos::app::PanelEditor", "Max")},
    {core::Reduce::Sum, QT_TRANSLATE_NOOP("pharos::app::PanelEditor", "Total")},
    {core::Reduce::Count, QT_TRANSLATE_NOOP("pharos::app::PanelEditor", "Count")},
    {core::Reduce::Range, QT_TRANSLATE_NOOP("pharos::app::PanelEditor", "Range")},
    {core::Reduce::Delta, QT_TRANSLATE_NOOP("pharos::app::PanelEditor", "Delta")},
};

const char* const kCommonUnits[] = {"",      "short",      "percent", "percentunit", "bytes", "decbytes",
                                    "bps",   "Bps",        "s",       "ms",          "ops",   "reqps",
                                    "iops",  "hertz",      "celsius", "currencyUSD", "none"};

core::Reduce reduceOf(const dash::Panel& p) {
    switch (p.type) {
    case dash::PanelType::Stat: return p.stat.reduce;
    case dash::PanelType::Gauge: return p.gauge.reduce;
    case dash::PanelType::BarGauge: return p.barGauge.reduce;
    case dash::PanelType::Table: return p.table.reduce;
    default: return core::Reduce::LastNotNull;
    }
}

QString optionalText(const std::optional<double>& v) { return v ? QString::number(*v) : QString(); }

}  // namespace

QString PanelEditor::thresholdsToText(const std::vector<core::Threshold>& steps) {
    QStringList parts;
    for (const auto& s : steps) {
        const QString color = s.color.isValid() ? s.color.name() : QStringLiteral("green");
        parts << (std::isinf(s.value) && s.value < 0 ? color : QString::number(s.value) + QLatin1Char(' ') + color);
    }
    return parts.join(QStringLiteral(", "));
}

bool PanelEditor::thresholdsFromText(const QString& text, std::vector<core::Threshold>* steps, QString* error) {
    steps->clear();
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (int i = 0; i < parts.size(); ++i) {
        const QStringList words = parts[i].simplified().split(QLatin1Char(' '));
        core::Threshold t;
        QString colorName;
        if (words.size() == 1 && i == 0) {
            colorName = words[0];
        } else if (words.size() == 2) {
            bool ok = false;
            t.value = words[0].toDouble(&ok);
            if (!ok) {
                *error = tr("threshold %1: “%2” is not a number").arg(i + 1).arg(words[0]);
                return false;
            }
            colorName = words[1];
        } else {
            *error = tr("threshold %1: write “VALUE COLOUR” (the first may be just a colour)").arg(i + 1);
            return false;
        }
        t.color = QColor::fromString(colorName);
        if (!t.color.isValid()) {
            *error = tr("threshold %1: “%2” is not a colour").arg(i + 1).arg(colorName);
            return false;
        }
        if (!steps->empty() && t.value <= steps->back().value) {
            *error = tr("threshold %1: values must increase").arg(i + 1);
            return false;
        }
        steps->push_back(t);
    }
    return true;
}

PanelEditor::PanelEditor(const dash::Panel& panel, QWidget* parent) : QDialog(parent), original_(panel) {
    setObjectName(QStringLiteral("PanelEditor"));
    setWindowTitle(tr("Edit panel"));
    resize(760, 560);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    title_ = new QLineEdit(panel.title, this);
    title_->setObjectName(QStringLiteral("PanelTitleEdit"));
    description_ = new QLineEdit(panel.description, this);
    type_ = new QComboBox(this);
    type_->setObjectName(QStringLiteral("PanelTypeCombo"));
    const std::pair<dash::PanelType, QString> types[] = {
        {dash::PanelType::TimeSeries, tr("Time series")}, {dash::PanelType::Stat, tr("Stat")},
        {dash::PanelType::Gauge, tr("Gauge")},             {dash::PanelType::BarGauge, tr("Bar gauge")},
        {dash::PanelType::Table, tr("Table")},             {dash::PanelType::Heatmap, tr("Heatmap")},
        {dash::PanelType::Text, tr("Text")},
    };
    for (const auto& [t, name] : types) type_->addItem(name, static_cast<int>(t));
    if (panel.type == dash::PanelType::Unsupported)
        type_->addItem(tr("Not supported (%1)").arg(panel.unsupportedType), static_cast<int>(panel.type));
    type_->setCurrentIndex(type_->findData(static_cast<int>(panel.type)));
    form->addRow(tr("Title:"), title_);
    form->addRow(tr("Description:"), description_);
    form->addRow(tr("Type:"), type_);
    layout->addLayout(form);

    targets_ = new QTableWidget(0, kColumns, this);
    targets_->setObjectName(QStringLiteral("PanelTargets"));
    targets_->setHorizontalHeaderLabels({tr("PromQL expression"), tr("Legend"), tr("Instant")});
    targets_->horizontalHeader()->setSectionResizeMode(kExpr, QHeaderView::Stretch);
    targets_->verticalHeader()->setVisible(false);
    for (const auto& t : panel.targets) addTargetRow(t);
    if (panel.targets.empty() && panel.type != dash::PanelType::Text) addTargetRow({QStringLiteral("A"), {}, {}, false, {}, false, {}});
    auto* targetButtons = new QHBoxLayout;
    auto* addQuery = new QPushButton(tr("Add query"), this);
    auto* removeQuery = new QPushButton(tr("Remove query"), this);
    connect(addQuery, &QPushButton::clicked, this, [this] {
        dash::Target t;
        t.refId = QString(QChar(u'A' + targets_->rowCount() % 26));
        addTargetRow(t);
    });
    connect(removeQuery, &QPushButton::clicked, this, [this] {
        if (targets_->currentRow() >= 0) targets_->removeRow(targets_->currentRow());
    });
    targetButtons->addWidget(addQuery);
    targetButtons->addWidget(removeQuery);
    targetButtons->addStretch(1);
    layout->addWidget(new QLabel(tr("Queries ($variables, $__rate_interval and $__interval are substituted):"), this));
    layout->addWidget(targets_, 1);
    layout->addLayout(targetButtons);

    auto* options = new QFormLayout;
    unit_ = new QComboBox(this);
    unit_->setObjectName(QStringLiteral("PanelUnitCombo"));
    unit_->setEditable(true);
    for (const char* u : kCommonUnits) unit_->addItem(QString::fromLatin1(u));
    unit_->setCurrentText(panel.field.unit);
    min_ = new QLineEdit(optionalText(panel.field.min), this);
    max_ = new QLineEdit(optionalText(panel.field.max), this);
    min_->setPlaceholderText(tr("auto"));
    max_->setPlaceholderText(tr("auto"));
    auto* range = new QHBoxLayout;
    range->addWidget(min_);
    range->addWidget(new QLabel(tr("to"), this));
    range->addWidget(max_);
    decimals_ = new QSpinBox(this);
    decimals_->setRange(-1, 10);
    decimals_->setSpecialValueText(tr("auto"));
    decimals_->setValue(panel.field.decimals);
    thresholds_ = new QLineEdit(thresholdsToText(panel.field.thresholds), this);
    thresholds_->setObjectName(QStringLiteral("PanelThresholds"));
    thresholds_->setPlaceholderText(tr("green, 80 orange, 90 red"));
    stacked_ = new QCheckBox(tr("Stacked"), this);
    stacked_->setChecked(panel.timeSeries.stacked);
    stepped_ = new QCheckBox(tr("Step lines"), this);
    stepped_->setChecked(panel.timeSeries.stepped);
    fill_ = new QSpinBox(this);
    fill_->setRange(0, 100);
    fill_->setSuffix(QStringLiteral(" %"));
    fill_->setValue(panel.timeSeries.fillOpacity);
    reduce_ = new QComboBox(this);
    for (const auto& r : kReduces) reduce_->addItem(tr(r.text), static_cast<int>(r.reduce));
    reduce_->setCurrentIndex(std::max(0, reduce_->findData(static_cast<int>(reduceOf(panel)))));
    text_ = new QPlainTextEdit(panel.text, this);
    text_->setObjectName(QStringLiteral("PanelText"));
    options->addRow(tr("Unit:"), unit_);
    options->addRow(tr("Min / max:"), range);
    options->addRow(tr("Decimals:"), decimals_);
    options->addRow(tr("Thresholds:"), thresholds_);
    auto* tsRow = new QHBoxLayout;
    tsRow->addWidget(stacked_);
    tsRow->addWidget(stepped_);
    tsRow->addWidget(new QLabel(tr("Fill:"), this));
    tsRow->addWidget(fill_);
    tsRow->addStretch(1);
    options->addRow(tr("Lines:"), tsRow);
    options->addRow(tr("Calculation:"), reduce_);
    options->addRow(tr("Text:"), text_);
    layout->addLayout(options);

    error_ = new QLabel(this);
    error_->setObjectName(QStringLiteral("PanelEditorError"));
    error_->setStyleSheet(QStringLiteral("color: #c4162a"));
    layout->addWidget(error_);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons_);

    connect(type_, &QComboBox::currentIndexChanged, this, &PanelEditor::updateTypeOptions);
    connect(thresholds_, &QLineEdit::textChanged, this, &PanelEditor::validate);
    connect(min_, &QLineEdit::textChanged, this, &PanelEditor::validate);
    connect(max_, &QLineEdit::textChanged, this, &PanelEditor::validate);
    updateTypeOptions();
    validate();
}

void PanelEditor::addTargetRow(const dash::Target& t) {
    const int row = targets_->rowCount();
    targets_->insertRow(row);
    auto* expr = new QTableWidgetItem(t.expr);
    expr->setData(Qt::UserRole, t.refId);
    expr->setData(Qt::UserRole + 1, t.hide);
    expr->setData(Qt::UserRole + 2, t.interval);
    expr->setData(Qt::UserRole + 3, t.format);
    targets_->setItem(row, kExpr, expr);
    targets_->setItem(row, kLegend, new QTableWidgetItem(t.legendFormat));
    auto* instant = new QTableWidgetItem;
    instant->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    instant->setCheckState(t.instant ? Qt::Checked : Qt::Unchecked);
    targets_->setItem(row, kInstant, instant);
}

void PanelEditor::updateTypeOptions() {
    const auto t = static_cast<dash::PanelType>(type_->currentData().toInt());
    const bool ts = t == dash::PanelType::TimeSeries;
    const bool reduces = t == dash::PanelType::Stat || t == dash::PanelType::Gauge || t == dash::PanelType::BarGauge ||
                         t == dash::PanelType::Table;
    stacked_->setEnabled(ts);
    stepped_->setEnabled(ts);
    fill_->setEnabled(ts);
    reduce_->setEnabled(reduces);
    text_->setEnabled(t == dash::PanelType::Text);
    targets_->setEnabled(t != dash::PanelType::Text);
}

void PanelEditor::validate() {
    QString err;
    std::vector<core::Threshold> steps;
    bool ok = thresholdsFromText(thresholds_->text(), &steps, &err);
    for (QLineEdit* e : {min_, max_}) {
        if (!ok || e->text().trimmed().isEmpty()) continue;
        bool num = false;
        e->text().trimmed().toDouble(&num);
        if (!num) {
            ok = false;
            err = tr("“%1” is not a number").arg(e->text().trimmed());
        }
    }
    error_->setText(err);
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

dash::Panel PanelEditor::panel() const {
    dash::Panel p = original_;
    p.title = title_->text();
    p.description = description_->text();
    p.type = static_cast<dash::PanelType>(type_->currentData().toInt());
    p.targets.clear();
    for (int r = 0; r < targets_->rowCount(); ++r) {
        dash::Target t;
        const QTableWidgetItem* expr = targets_->item(r, kExpr);
        t.expr = expr ? expr->text() : QString();
        t.refId = expr ? expr->data(Qt::UserRole).toString() : QString();
        if (t.refId.isEmpty()) t.refId = QString(QChar(u'A' + r % 26));
        t.hide = expr && expr->data(Qt::UserRole + 1).toBool();
        t.interval = expr ? expr->data(Qt::UserRole + 2).toString() : QString();
        t.format = expr ? expr->data(Qt::UserRole + 3).toString() : QString();
        t.legendFormat = targets_->item(r, kLegend) ? targets_->item(r, kLegend)->text() : QString();
        t.instant = targets_->item(r, kInstant) && targets_->item(r, kInstant)->checkState() == Qt::Checked;
        p.targets.push_back(t);
    }
    p.field.unit = unit_->currentText().trimmed();
    const auto optional = [](const QLineEdit* e) -> std::optional<double> {
        bool ok = false;
        const double v = e->text().trimmed().toDouble(&ok);
        return ok ? std::optional<double>(v) : std::nullopt;
    };
    p.field.min = optional(min_);
    p.field.max = optional(max_);
    p.field.decimals = decimals_->value();
    QString err;
    std::vector<core::Threshold> steps;
    if (thresholdsFromText(thresholds_->text(), &steps, &err)) p.field.thresholds = steps;
    p.timeSeries.stacked = stacked_->isChecked();
    p.timeSeries.stepped = stepped_->isChecked();
    p.timeSeries.fillOpacity = fill_->value();
    const auto reduce = static_cast<core::Reduce>(reduce_->currentData().toInt());
    p.stat.reduce = p.gauge.reduce = p.barGauge.reduce = p.table.reduce = reduce;
    p.text = text_->toPlainText();
    return p;
}

}  // namespace pharos::app
