// rule_builder_widget.h: the builder's fields over rules::BuilderShape.
#include "rule_builder_widget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QCompleter>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QStringListModel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "explorer/metrics_model.h"
#include "pharos/core/query_service.h"
#include "pharos/duration.h"
#include "pharos/promql/parser.h"
#include "pharos/promql/printer.h"

namespace pharos::app {
namespace {

// The builder's reasons (rules::builderReasonKeys()) for lupdate; translated in the
// "BuilderReason" context.
const char* const kReasonTexts[] = {
    QT_TRANSLATE_NOOP("BuilderReason", "a binary operation between two ratios"),
    QT_TRANSLATE_NOOP("BuilderReason", "a comparison between two queries (the builder compares with a number)"),
    QT_TRANSLATE_NOOP("BuilderReason", "a comparison inside the query"),
    QT_TRANSLATE_NOOP("BuilderReason", "a comparison of two numbers"),
    QT_TRANSLATE_NOOP("BuilderReason", "a comparison with the bool modifier"),
    QT_TRANSLATE_NOOP("BuilderReason", "a constant number"),
    QT_TRANSLATE_NOOP("BuilderReason", "a function over something other than a range selector"),
    QT_TRANSLATE_NOOP("BuilderReason", "a negated query"),
    QT_TRANSLATE_NOOP("BuilderReason", "a number where a query is expected"),
    QT_TRANSLATE_NOOP("BuilderReason", "a range selector without a function"),
    QT_TRANSLATE_NOOP("BuilderReason", "a ratio with arithmetic on either side (the builder divides one query by another)"),
    QT_TRANSLATE_NOOP("BuilderReason", "a string"),
    QT_TRANSLATE_NOOP("BuilderReason", "a subquery"),
    QT_TRANSLATE_NOOP("BuilderReason", "a window computed with step() or range()"),
    QT_TRANSLATE_NOOP("BuilderReason", "absent() of something other than a selector"),
    QT_TRANSLATE_NOOP("BuilderReason", "an aggregation of an aggregation"),
    QT_TRANSLATE_NOOP("BuilderReason", "an aggregation of histogram_quantile()"),
    QT_TRANSLATE_NOOP("BuilderReason", "an offset modifier"),
    QT_TRANSLATE_NOOP("BuilderReason", "histogram_quantile() inside an aggregation"),
    QT_TRANSLATE_NOOP("BuilderReason", "histogram_quantile() over an aggregation that drops le"),
    QT_TRANSLATE_NOOP("BuilderReason", "histogram_quantile() over something other than rate(...[window])"),
    QT_TRANSLATE_NOOP("BuilderReason", "more than one comparison"),
    QT_TRANSLATE_NOOP("BuilderReason", "the @ modifier"),
    QT_TRANSLATE_NOOP("BuilderReason", "the aggregation %1()"),
    QT_TRANSLATE_NOOP("BuilderReason", "the function %1()"),
    QT_TRANSLATE_NOOP("BuilderReason", "the function %1() with these arguments"),
    QT_TRANSLATE_NOOP("BuilderReason", "the operator \"%1\" (the builder has a ratio, \"* 100\" and one comparison)"),
    QT_TRANSLATE_NOOP("BuilderReason", "the operator \"%1\" inside a query"),
    QT_TRANSLATE_NOOP("BuilderReason", "the set operator \"%1\""),
    QT_TRANSLATE_NOOP("BuilderReason", "this expression"),
    QT_TRANSLATE_NOOP("BuilderReason", "vector matching (on, ignoring, group_left, group_right) in the ratio"),
    QT_TRANSLATE_NOOP("BuilderReason", "a quantile that is not a number"),
    QT_TRANSLATE_NOOP("BuilderReason", "a prediction time that is not a number"),
    QT_TRANSLATE_NOOP("BuilderReason", "an aggregation parameter that is not a number"),
};


QString q(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}
QString numberText(double v) {
    return QString::fromStdString(promql::formatNumber(v));
}

std::optional<double> readNumber(const QString& text) {
    double v = 0;
    if (!promql::parseNumber(text.trimmed().toStdString(), &v)) return std::nullopt;
    return v;
}

void selectData(QComboBox* combo, int value) {
    const int i = combo->findData(value);
    combo->setCurrentIndex(i < 0 ? 0 : i);
}

QStringList splitLabels(const QString& text) {
    QStringList out;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString t = part.trimmed();
        if (!t.isEmpty() && !out.contains(t)) out << t;
    }
    return out;
}

// The disconnect a destructor needs: ~QWidget takes the focus from a child, whose
// editingFinished must not reach the half-destroyed owner.
void disconnectChildren(QObject* owner) {
    for (QObject* child : owner->findChildren<QObject*>())
        QObject::disconnect(child, nullptr, owner, nullptr);
}

}  // namespace

// ---- MetricDropEdit ------------------------------------------------------------------------

MetricDropEdit::MetricDropEdit(QWidget* parent) : QLineEdit(parent) {
    setAcceptDrops(true);
}

void MetricDropEdit::dragEnterEvent(QDragEnterEvent* event) {
    const QMimeData* m = event->mimeData();
    if (m->hasFormat(QString::fromLatin1(MetricsModel::kPromqlMime)) || m->hasText())
        event->acceptProposedAction();
    else
        QLineEdit::dragEnterEvent(event);
}

void MetricDropEdit::dragMoveEvent(QDragMoveEvent* event) {
    event->acceptProposedAction();
}

void MetricDropEdit::dropEvent(QDropEvent* event) {
    const QMimeData* m = event->mimeData();
    const QString mime = QString::fromLatin1(MetricsModel::kPromqlMime);
    QString text = m->hasFormat(mime) ? QString::fromUtf8(m->data(mime)) : m->text();
    text = text.section(QLatin1Char('\n'), 0, 0).trimmed();  // the explorer joins several with '\n'
    if (text.isEmpty()) return;
    event->acceptProposedAction();
    emit selectorDropped(text);
}

// ---- BuilderQueryRow -----------------------------------------------------------------------

BuilderQueryRow::BuilderQueryRow(core::QueryService* service, QWidget* parent)
    : QWidget(parent), service_(service) {
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);

    metric_ = new MetricDropEdit(this);
    metric_->setPlaceholderText(
        tr("metric name; type to search or drag one from the metrics explorer"));
    metricModel_ = new QStringListModel(this);
    metricCompleter_ = new QCompleter(metricModel_, this);
    metricCompleter_->setFilterMode(Qt::MatchContains);
    metricCompleter_->setCaseSensitivity(Qt::CaseInsensitive);
    metric_->setCompleter(metricCompleter_);
    form->addRow(tr("Metric"), metric_);

    auto* filters = new QWidget(this);
    filterBox_ = new QVBoxLayout(filters);
    filterBox_->setContentsMargins(0, 0, 0, 0);
    filterBox_->setSpacing(2);
    addFilter_ = new QPushButton(tr("Add filter"), filters);
    addFilter_->setToolTip(tr("Keep only the series whose label matches"));
    auto* addRow = new QHBoxLayout;
    addRow->addWidget(addFilter_);
    addRow->addStretch();
    filterBox_->addLayout(addRow);
    form->addRow(tr("Label filters"), filters);

    auto* fnRow = new QHBoxLayout;
    function_ = new QComboBox(this);
    for (rules::BuilderFunction f : rules::builderFunctions())
        function_->addItem(f == rules::BuilderFunction::None ? tr("none (the values as they are)")
                                                             : q(rules::builderFunctionName(f)),
                           static_cast<int>(f));
    function_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    fnRow->addWidget(function_);
    windowLabel_ = new QLabel(tr("over"), this);
    fnRow->addWidget(windowLabel_);
    window_ = new QComboBox(this);
    window_->setEditable(true);
    window_->setInsertPolicy(QComboBox::NoInsert);
    for (const char* w : {"1m", "5m", "10m", "15m", "30m", "1h", "6h", "1d"})
        window_->addItem(QString::fromLatin1(w));
    window_->setToolTip(tr("The window the function reads, e.g. 5m or 1h"));
    fnRow->addWidget(window_);
    parameterLabel_ = new QLabel(this);
    fnRow->addWidget(parameterLabel_);
    parameter_ = new QLineEdit(this);
    parameter_->setMaximumWidth(90);
    fnRow->addWidget(parameter_);
    fnRow->addStretch();
    form->addRow(tr("Function"), fnRow);

    auto* aggRow = new QHBoxLayout;
    aggregation_ = new QComboBox(this);
    for (rules::BuilderAggregation a : rules::builderAggregations())
        aggregation_->addItem(a == rules::BuilderAggregation::None
                                  ? tr("none (each series)")
                                  : q(rules::builderAggregationName(a)),
                              static_cast<int>(a));
    aggregation_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    aggRow->addWidget(aggregation_);
    aggParameter_ = new QLineEdit(this);
    aggParameter_->setMaximumWidth(70);
    aggRow->addWidget(aggParameter_);
    groupMode_ = new QComboBox(this);
    groupMode_->addItem(tr("by"), false);
    groupMode_->addItem(tr("without"), true);
    aggRow->addWidget(groupMode_);
    groupBy_ = new QLineEdit(this);
    groupBy_->setPlaceholderText(tr("labels, comma-separated"));
    aggRow->addWidget(groupBy_, 2);
    groupByMenu_ = new QToolButton(this);
    groupByMenu_->setText(tr("Labels"));
    groupByMenu_->setToolTip(tr("Pick labels of the metric"));
    groupByMenu_->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(groupByMenu_);
    groupByMenu_->setMenu(menu);
    aggRow->addWidget(groupByMenu_);
    form->addRow(tr("Aggregate"), aggRow);

    connect(metric_, &QLineEdit::editingFinished, this, [this] {
        refreshLabelNames();
        changed();
    });
    connect(metricCompleter_, qOverload<const QString&>(&QCompleter::activated), this,
            [this](const QString& text) {
                metric_->setText(text);
                refreshLabelNames();
                changed();
            });
    connect(metric_, &MetricDropEdit::selectorDropped, this, [this](const QString& text) {
        if (applySelector(text)) changed();
    });
    connect(addFilter_, &QPushButton::clicked, this, [this] {
        Filter& f = addFilterRow();
        f.name->setFocus();
    });
    connect(function_, &QComboBox::currentIndexChanged, this, [this] {
        updateVisibility();
        changed();
    });
    connect(window_, &QComboBox::activated, this, &BuilderQueryRow::changed);
    connect(window_->lineEdit(), &QLineEdit::editingFinished, this, &BuilderQueryRow::changed);
    connect(parameter_, &QLineEdit::editingFinished, this, &BuilderQueryRow::changed);
    connect(aggregation_, &QComboBox::currentIndexChanged, this, [this] {
        updateVisibility();
        changed();
    });
    connect(aggParameter_, &QLineEdit::editingFinished, this, &BuilderQueryRow::changed);
    connect(groupMode_, &QComboBox::currentIndexChanged, this, &BuilderQueryRow::changed);
    connect(groupBy_, &QLineEdit::editingFinished, this, &BuilderQueryRow::changed);
    connect(menu, &QMenu::aboutToShow, this, &BuilderQueryRow::fillGroupByMenu);

    if (service_) {
        connect(service_, &core::QueryService::metricsLoaded, this,
                &BuilderQueryRow::refreshMetrics);
        connect(service_, &core::QueryService::opened, this, [this](bool ok) {
            if (ok && service_) service_->metrics(this, nullptr);
        });
        refreshMetrics();
        if (service_->cachedMetrics().empty() && service_->isOpen())
            service_->metrics(this, nullptr);
    }
    setQuery(rules::BuilderQuery{});  // the fields show the defaults (a 5m window)
}

BuilderQueryRow::~BuilderQueryRow() {
    disconnectChildren(this);
}

void BuilderQueryRow::changed() {
    if (!loading_) emit edited();
}

BuilderQueryRow::Filter& BuilderQueryRow::addFilterRow() {
    Filter f;
    auto* parent = addFilter_->parentWidget();
    f.box = new QWidget(parent);
    auto* h = new QHBoxLayout(f.box);
    h->setContentsMargins(0, 0, 0, 0);
    f.name = new QComboBox(f.box);
    f.name->setEditable(true);
    f.name->setInsertPolicy(QComboBox::NoInsert);
    f.name->addItems(labelNames_);
    f.name->setEditText(QString());
    f.name->lineEdit()->setPlaceholderText(tr("label"));
    f.name->setMinimumContentsLength(10);
    f.op = new QComboBox(f.box);
    f.op->addItem(tr("= (equals)"), static_cast<int>(promql::MatchOp::Equal));
    f.op->addItem(tr("!= (differs)"), static_cast<int>(promql::MatchOp::NotEqual));
    f.op->addItem(tr("=~ (matches regex)"), static_cast<int>(promql::MatchOp::Regex));
    f.op->addItem(tr("!~ (does not match regex)"), static_cast<int>(promql::MatchOp::NotRegex));
    f.value = new QLineEdit(f.box);
    f.value->setPlaceholderText(tr("value"));
    f.values = new QStringListModel(f.box);
    auto* completer = new QCompleter(f.values, f.value);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    f.value->setCompleter(completer);
    f.remove = new QToolButton(f.box);
    f.remove->setIcon(style()->standardIcon(QStyle::SP_DialogCloseButton));
    f.remove->setToolTip(tr("Remove this filter"));
    h->addWidget(f.name, 2);
    h->addWidget(f.op);
    h->addWidget(f.value, 3);
    h->addWidget(f.remove);
    filterBox_->insertWidget(filterBox_->count() - 1, f.box);

    QWidget* box = f.box;
    connect(f.name, &QComboBox::activated, this, [this, box] {
        for (Filter& x : filters_)
            if (x.box == box) refreshValues(x);
        changed();
    });
    connect(f.name->lineEdit(), &QLineEdit::editingFinished, this, [this, box] {
        for (Filter& x : filters_)
            if (x.box == box) refreshValues(x);
        changed();
    });
    connect(f.op, &QComboBox::currentIndexChanged, this, &BuilderQueryRow::changed);
    connect(f.value, &QLineEdit::editingFinished, this, &BuilderQueryRow::changed);
    connect(completer, qOverload<const QString&>(&QCompleter::activated), this,
            [this, box](const QString& text) {
                for (Filter& x : filters_)
                    if (x.box == box) x.value->setText(text);
                changed();
            });
    connect(f.remove, &QToolButton::clicked, this, [this, box] {
        removeFilterRow(box);
        changed();
    });
    filters_.push_back(f);
    return filters_.back();
}

void BuilderQueryRow::dropFilter(const Filter& f) {
    for (QObject* w : std::initializer_list<QObject*>{f.name, f.name->lineEdit(), f.op, f.value,
                                                      f.value->completer(), f.remove})
        disconnect(w, nullptr, this, nullptr);
    f.box->hide();
    f.box->deleteLater();  // may be running the remove button's click
}

void BuilderQueryRow::removeFilterRow(QWidget* box) {
    auto it = std::find_if(filters_.begin(), filters_.end(),
                           [box](const Filter& f) { return f.box == box; });
    if (it == filters_.end()) return;
    dropFilter(*it);
    filters_.erase(it);
}

void BuilderQueryRow::clearFilters() {
    for (const Filter& f : filters_) dropFilter(f);
    filters_.clear();
}

void BuilderQueryRow::setQuery(const rules::BuilderQuery& query) {
    const bool wasLoading = loading_;
    loading_ = true;
    metric_->setText(QString::fromStdString(query.metric));
    clearFilters();
    for (const rules::BuilderMatcher& m : query.matchers) {
        Filter& f = addFilterRow();
        f.name->setEditText(QString::fromStdString(m.name));
        selectData(f.op, static_cast<int>(m.op));
        f.value->setText(QString::fromStdString(m.value));
    }
    selectData(function_, static_cast<int>(query.function));
    window_->setEditText(QString::fromStdString(formatDuration(query.windowMs)));
    parameter_->setText(rules::builderFunctionHasParameter(query.function)
                            ? numberText(query.parameter)
                            : QString());
    selectData(aggregation_, static_cast<int>(query.aggregation));
    aggParameter_->setText(rules::builderAggregationHasParameter(query.aggregation)
                               ? numberText(query.aggregationParameter)
                               : QString());
    groupMode_->setCurrentIndex(query.without ? 1 : 0);
    QStringList by;
    for (const std::string& l : query.groupBy) by << QString::fromStdString(l);
    groupBy_->setText(by.join(QStringLiteral(", ")));
    updateVisibility();
    loading_ = wasLoading;
    refreshLabelNames();
    for (Filter& f : filters_) refreshValues(f);
}

rules::BuilderQuery BuilderQueryRow::query(QString* error) const {
    rules::BuilderQuery out;
    out.metric = metric_->text().trimmed().toStdString();
    for (const Filter& f : filters_) {
        const QString name = f.name->currentText().trimmed();
        if (name.isEmpty()) continue;  // a row being filled in
        out.matchers.push_back({name.toStdString(),
                                static_cast<promql::MatchOp>(f.op->currentData().toInt()),
                                f.value->text().toStdString()});
    }
    out.function = static_cast<rules::BuilderFunction>(function_->currentData().toInt());
    auto fail = [error](const QString& why) {
        if (error && error->isEmpty()) *error = why;
    };
    if (rules::builderFunctionHasWindow(out.function)) {
        const QString w = window_->currentText().trimmed();
        auto ms = parseDuration(w.toStdString());
        if (!ms.ok() || *ms <= 0)
            fail(tr("Window: \"%1\" is not a duration; use e.g. 5m or 1h").arg(w));
        else
            out.windowMs = *ms;
    }
    if (rules::builderFunctionHasParameter(out.function)) {
        const QString text = parameter_->text().trimmed();
        auto v = readNumber(text);
        if (!v && out.function == rules::BuilderFunction::PredictLinear) {
            auto ms = promql::parseDurationMs(text.toStdString());  // "4h" ahead
            if (ms.ok()) v = static_cast<double>(*ms) / 1000.0;
        }
        if (!v)
            fail(tr("%1: \"%2\" is not a number").arg(parameterLabel_->text(), text));
        else
            out.parameter = *v;
    }
    out.aggregation = static_cast<rules::BuilderAggregation>(aggregation_->currentData().toInt());
    if (rules::builderAggregationHasParameter(out.aggregation)) {
        const QString text = aggParameter_->text().trimmed();
        auto v = readNumber(text);
        if (!v)
            fail(tr("Aggregation parameter: \"%1\" is not a number").arg(text));
        else
            out.aggregationParameter = *v;
    }
    if (out.aggregation != rules::BuilderAggregation::None) {
        out.without = groupMode_->currentData().toBool();
        for (const QString& l : splitLabels(groupBy_->text()))
            out.groupBy.push_back(l.toStdString());
    }
    return out;
}

bool BuilderQueryRow::applySelector(const QString& selector) {
    const rules::BuilderParse p = rules::fromPromQL(selector.toStdString());
    if (!p.shape || p.shape->denominator || p.shape->percent ||
        p.shape->comparison != rules::BuilderComparison::None)
        return false;
    const rules::BuilderQuery& dropped = p.shape->numerator;
    if (dropped.function != rules::BuilderFunction::None ||
        dropped.aggregation != rules::BuilderAggregation::None)
        return false;
    rules::BuilderQuery current = query();
    current.metric = dropped.metric;
    current.matchers = dropped.matchers;
    const bool wasLoading = loading_;
    loading_ = true;
    setQuery(current);
    loading_ = wasLoading;
    return true;
}

void BuilderQueryRow::updateVisibility() {
    const auto f = static_cast<rules::BuilderFunction>(function_->currentData().toInt());
    const bool window = rules::builderFunctionHasWindow(f);
    windowLabel_->setVisible(window);
    window_->setVisible(window);
    const bool param = rules::builderFunctionHasParameter(f);
    parameterLabel_->setVisible(param);
    parameter_->setVisible(param);
    parameterLabel_->setText(f == rules::BuilderFunction::PredictLinear ? tr("seconds ahead")
                                                                        : tr("quantile"));
    parameter_->setPlaceholderText(f == rules::BuilderFunction::PredictLinear ? tr("e.g. 14400")
                                                                              : tr("e.g. 0.95"));
    if (f == rules::BuilderFunction::HistogramQuantile)
        windowLabel_->setText(tr("of rate over"));
    else
        windowLabel_->setText(tr("over"));

    const auto a = static_cast<rules::BuilderAggregation>(aggregation_->currentData().toInt());
    const bool agg = a != rules::BuilderAggregation::None;
    aggParameter_->setVisible(rules::builderAggregationHasParameter(a));
    aggParameter_->setPlaceholderText(a == rules::BuilderAggregation::Quantile ? tr("quantile")
                                                                               : tr("k"));
    groupMode_->setEnabled(agg);
    groupBy_->setEnabled(agg);
    groupByMenu_->setEnabled(agg);
    groupBy_->setToolTip(f == rules::BuilderFunction::HistogramQuantile
                             ? tr("histogram_quantile keeps the le label by itself: do not list it")
                             : QString());
}

QStringList BuilderQueryRow::metricCompletions() const {
    return metricModel_->stringList();
}

QStringList BuilderQueryRow::valueCompletions(int i) const {
    return filters_.at(static_cast<size_t>(i)).values->stringList();
}

void BuilderQueryRow::refreshMetrics() {
    if (!service_) return;
    QStringList names;
    for (const core::MetricInfo& m : service_->cachedMetrics()) names << m.name;
    if (names != metricModel_->stringList()) metricModel_->setStringList(names);
}

void BuilderQueryRow::refreshLabelNames() {
    const QString metric = metric_->text().trimmed();
    if (!service_ || metric == labelNamesFor_) return;
    labelNamesFor_ = metric;
    auto apply = [this](const std::vector<core::LabelNameInfo>& infos) {
        QStringList names;
        for (const core::LabelNameInfo& i : infos) names << i.name;
        labelNames_ = names;
        for (Filter& f : filters_) {
            const QString text = f.name->currentText();
            const bool was = loading_;
            loading_ = true;
            f.name->clear();
            f.name->addItems(names);
            f.name->setEditText(text);
            loading_ = was;
        }
    };
    if (const auto* cached = service_->cachedLabelNames(metric)) {
        apply(*cached);
        return;
    }
    service_->labelNames(metric, this,
                         [this, metric, apply](std::vector<core::LabelNameInfo> infos) {
                             if (metric == labelNamesFor_) apply(infos);
                         });
}

void BuilderQueryRow::refreshValues(Filter& f) {
    const QString name = f.name->currentText().trimmed();
    if (!service_ || name.isEmpty()) return;
    const QString metric = metric_->text().trimmed();
    QPointer<QStringListModel> model = f.values;
    auto apply = [model](const std::vector<core::LabelValueInfo>& infos) {
        if (!model) return;
        QStringList values;
        for (const core::LabelValueInfo& v : infos) values << v.value;
        model->setStringList(values);
    };
    if (const auto* cached = service_->cachedLabelValues(name, metric)) {
        apply(*cached);
        return;
    }
    service_->labelValues(name, metric, this,
                          [apply](std::vector<core::LabelValueInfo> infos) { apply(infos); });
}

void BuilderQueryRow::fillGroupByMenu() {
    QMenu* menu = groupByMenu_->menu();
    menu->clear();
    const QStringList current = splitLabels(groupBy_->text());
    QStringList names = labelNames_;
    for (const QString& c : current)
        if (!names.contains(c)) names << c;
    if (names.isEmpty()) {
        menu->addAction(tr("No labels known for this metric"))->setEnabled(false);
        return;
    }
    for (const QString& n : names) {
        QAction* a = menu->addAction(n);
        a->setCheckable(true);
        a->setChecked(current.contains(n));
        connect(a, &QAction::toggled, this, [this, n](bool on) {
            QStringList labels = splitLabels(groupBy_->text());
            if (on && !labels.contains(n)) labels << n;
            if (!on) labels.removeAll(n);
            groupBy_->setText(labels.join(QStringLiteral(", ")));
            changed();
        });
    }
}

// ---- RuleBuilderWidget ---------------------------------------------------------------------

RuleBuilderWidget::RuleBuilderWidget(core::QueryService* service, QWidget* parent)
    : QWidget(parent) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    banner_ = new QLabel(this);
    banner_->setWordWrap(true);
    banner_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    banner_->setStyleSheet(
        QStringLiteral("QLabel { background: #fdf3d4; color: #6b4e00; border: 1px solid #e0b84c; "
                       "border-radius: 3px; padding: 6px; }"));
    banner_->hide();
    outer->addWidget(banner_);

    form_ = new QWidget(this);
    auto* v = new QVBoxLayout(form_);
    v->setContentsMargins(0, 0, 0, 0);
    auto* numBox = new QGroupBox(tr("Query"), form_);
    auto* nb = new QVBoxLayout(numBox);
    numerator_ = new BuilderQueryRow(service, numBox);
    nb->addWidget(numerator_);
    v->addWidget(numBox);

    auto* options = new QHBoxLayout;
    ratio_ = new QCheckBox(tr("Divide by a second query (ratio)"), form_);
    ratio_->setToolTip(tr("For example errors divided by all requests"));
    percent_ = new QCheckBox(tr("Multiply by 100 (percent)"), form_);
    options->addWidget(ratio_);
    options->addWidget(percent_);
    options->addStretch();
    v->addLayout(options);

    denominatorBox_ = new QGroupBox(tr("Divided by"), form_);
    auto* db = new QVBoxLayout(denominatorBox_);
    denominator_ = new BuilderQueryRow(service, denominatorBox_);
    db->addWidget(denominator_);
    v->addWidget(denominatorBox_);

    auto* cond = new QHBoxLayout;
    cond->addWidget(new QLabel(tr("Condition"), form_));
    comparison_ = new QComboBox(form_);
    comparison_->addItem(tr("none (no comparison)"),
                         static_cast<int>(rules::BuilderComparison::None));
    for (rules::BuilderComparison c :
         {rules::BuilderComparison::Gt, rules::BuilderComparison::Lt, rules::BuilderComparison::Ge,
          rules::BuilderComparison::Le, rules::BuilderComparison::Eq, rules::BuilderComparison::Ne})
        comparison_->addItem(q(rules::builderComparisonSymbol(c)), static_cast<int>(c));
    cond->addWidget(comparison_);
    threshold_ = new QLineEdit(form_);
    threshold_->setPlaceholderText(tr("threshold"));
    threshold_->setMaximumWidth(120);
    cond->addWidget(threshold_);
    cond->addStretch();
    v->addLayout(cond);

    error_ = new QLabel(form_);
    error_->setStyleSheet(QStringLiteral("color: #c0392b;"));
    error_->setWordWrap(true);
    error_->hide();
    v->addWidget(error_);

    auto* exprRow = new QHBoxLayout;
    auto* exprTitle = new QLabel(tr("PromQL:"), form_);
    exprTitle->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    exprRow->addWidget(exprTitle);
    exprLabel_ = new QLabel(form_);
    exprLabel_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    exprLabel_->setWordWrap(true);
    exprLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    exprRow->addWidget(exprLabel_, 1);
    v->addLayout(exprRow);
    outer->addWidget(form_);
    outer->addStretch();

    connect(numerator_, &BuilderQueryRow::edited, this, &RuleBuilderWidget::edited);
    connect(denominator_, &BuilderQueryRow::edited, this, &RuleBuilderWidget::edited);
    connect(ratio_, &QCheckBox::toggled, this, [this](bool on) {
        if (on && !loading_ && denominator_->query().metric.empty() &&
            denominator_->query().matchers.empty()) {
            // The usual ratio divides the same metric without its filters (errors / all).
            rules::BuilderQuery d = numerator_->query();
            d.matchers.clear();
            loading_ = true;
            denominator_->setQuery(d);
            loading_ = false;
        }
        updateVisibility();
        edited();
    });
    connect(percent_, &QCheckBox::toggled, this, &RuleBuilderWidget::edited);
    connect(comparison_, &QComboBox::currentIndexChanged, this, [this] {
        if (!loading_ && threshold_->text().trimmed().isEmpty() &&
            comparison_->currentData().toInt() != static_cast<int>(rules::BuilderComparison::None))
            threshold_->setText(QStringLiteral("0"));  // a complete condition to start from
        updateVisibility();
        edited();
    });
    connect(threshold_, &QLineEdit::editingFinished, this, &RuleBuilderWidget::edited);
    updateVisibility();
    showExpression();
}

RuleBuilderWidget::~RuleBuilderWidget() {
    disconnectChildren(this);
}

void RuleBuilderWidget::updateVisibility() {
    denominatorBox_->setVisible(ratio_->isChecked());
    threshold_->setEnabled(comparison_->currentData().toInt() !=
                           static_cast<int>(rules::BuilderComparison::None));
}

rules::BuilderShape RuleBuilderWidget::readShape(QString* error) const {
    rules::BuilderShape s;
    s.numerator = numerator_->query(error);
    if (ratio_->isChecked()) {
        QString denError;
        s.denominator = denominator_->query(&denError);
        if (error && error->isEmpty() && !denError.isEmpty())
            *error = tr("Divided by: %1").arg(denError);
    }
    s.percent = percent_->isChecked();
    s.comparison = static_cast<rules::BuilderComparison>(comparison_->currentData().toInt());
    if (s.comparison != rules::BuilderComparison::None) {
        const QString text = threshold_->text().trimmed();
        auto v = readNumber(text);
        if (!v) {
            if (error && error->isEmpty())
                *error = tr("Threshold: \"%1\" is not a number").arg(text);
        } else {
            s.threshold = *v;
        }
    }
    return rules::canonicalShape(std::move(s));
}

rules::BuilderShape RuleBuilderWidget::shape() const {
    return readShape(nullptr);
}

QString RuleBuilderWidget::validationError() const {
    QString error;
    const rules::BuilderShape s = readShape(&error);
    if (!error.isEmpty()) return error;
    auto text = rules::toPromQL(s);
    if (!text.ok()) return QString::fromStdString(text.status().message());
    return {};
}

QString RuleBuilderWidget::expression() const {
    QString error;
    const rules::BuilderShape s = readShape(&error);
    if (!error.isEmpty()) return {};
    auto text = rules::toPromQL(s);
    return text.ok() ? QString::fromStdString(*text) : QString();
}

void RuleBuilderWidget::showExpression() {
    const QString error = validationError();
    error_->setText(error);
    error_->setVisible(!error.isEmpty() && reason_.isEmpty());
    const QString text = expression();
    exprLabel_->setText(text.isEmpty() ? tr("(incomplete)") : text);
}

void RuleBuilderWidget::edited() {
    if (loading_) return;
    showExpression();
    if (!validationError().isEmpty()) return;
    const rules::BuilderShape s = shape();
    if (s == last_) return;
    last_ = s;
    emit shapeChanged();
}

void RuleBuilderWidget::setShape(const rules::BuilderShape& shape) {
    loading_ = true;
    reason_.clear();
    banner_->hide();
    form_->setEnabled(true);
    numerator_->setQuery(shape.numerator);
    ratio_->setChecked(shape.denominator.has_value());
    denominator_->setQuery(shape.denominator ? *shape.denominator : rules::BuilderQuery{});
    percent_->setChecked(shape.percent);
    selectData(comparison_, static_cast<int>(shape.comparison));
    threshold_->setText(shape.comparison != rules::BuilderComparison::None
                            ? numberText(shape.threshold)
                            : QString());
    last_ = rules::canonicalShape(shape);
    loading_ = false;
    updateVisibility();
    showExpression();
}

QString RuleBuilderWidget::reasonText(const std::string& key, const std::string& arg) {
    const auto known = std::find_if(std::begin(kReasonTexts), std::end(kReasonTexts),
                                    [&](const char* k) { return key == k; });
    if (known == std::end(kReasonTexts)) return {};
    QString text = QCoreApplication::translate("BuilderReason", *known);
    if (text.contains(QLatin1String("%1"))) text = text.arg(QString::fromStdString(arg));
    return text;
}

bool RuleBuilderWidget::setExpression(const QString& text) {
    if (text.trimmed().isEmpty()) {
        setShape(rules::BuilderShape{});
        return true;
    }
    const rules::BuilderParse p = rules::fromPromQL(text.toStdString());
    if (p.shape) {
        // Fields that already say this keep their state (focus, half-typed filter rows).
        if (!reason_.isEmpty() || !validationError().isEmpty() || shape() != *p.shape)
            setShape(*p.shape);
        return true;
    }
    if (p.syntaxError) {
        reason_ = tr("The expression does not parse: %1").arg(QString::fromStdString(p.reason));
    } else {
        QString what = reasonText(p.reasonKey, p.reasonArg);
        if (what.isEmpty()) what = QString::fromStdString(p.reason);  // a reason without a translation
        reason_ = tr("The builder cannot show this expression: it uses %1.").arg(what);
    }
    banner_->setText(
        reason_ + QLatin1Char('\n') +
        tr("Edit it in PromQL mode: the text stays the source of truth, and the builder "
           "comes back when the expression has a shape it can show."));
    banner_->show();
    form_->setEnabled(false);
    error_->hide();
    exprLabel_->setText(text);
    return false;
}

}  // namespace pharos::app
