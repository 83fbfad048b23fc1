// RuleBuilderWidget: the rule editor's builder mode. Fields for the shapes of
// rules::BuilderShape (pharos/rules/rule_builder.h): a metric (completed from QueryService's
// metric names; a drag from the metrics explorer drops a selector onto it), label filters
// (label names and values completed from QueryService), a function with its window and
// parameter, an aggregation with by/without labels, an optional ratio with a second query,
// "* 100", and a comparison with a threshold. Below them, the PromQL the fields stand for.
//
// Every finished edit (a field left, a menu choice) that changes the shape emits shapeChanged()
// once; filling the fields from setShape()/setExpression() emits nothing. setExpression() with
// text the builder cannot show puts a banner saying why and disables the fields: the text stays
// the source of truth. Metadata answers arrive asynchronously and only refresh completions.
// GUI thread only.
#pragma once

#include <QLineEdit>
#include <QPointer>
#include <QWidget>
#include <vector>

#include "pharos/rules/rule_builder.h"

class QCheckBox;
class QComboBox;
class QCompleter;
class QDragEnterEvent;
class QDragMoveEvent;
class QDropEvent;
class QGroupBox;
class QLabel;
class QPushButton;
class QStringListModel;
class QToolButton;
class QVBoxLayout;

namespace pharos::core {
class QueryService;
}

namespace pharos::app {

// The metric field: accepts a selector dragged from the metrics explorer (or any text drop).
class MetricDropEdit : public QLineEdit {
    Q_OBJECT
  public:
    explicit MetricDropEdit(QWidget* parent = nullptr);

  signals:
    // A selector was dropped ("up", "up{job=\"node\"}").
    void selectorDropped(const QString& selector);

  protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
};

// One query of the builder: metric, label filters, function, aggregation.
class BuilderQueryRow : public QWidget {
    Q_OBJECT
  public:
    explicit BuilderQueryRow(core::QueryService* service, QWidget* parent = nullptr);
    ~BuilderQueryRow() override;

    // Fills the fields (emits nothing).
    void setQuery(const rules::BuilderQuery& q);
    // The query the fields hold; `error` gets why not when a field does not read (bad window).
    rules::BuilderQuery query(QString* error = nullptr) const;

    // Applies a selector as dropped from the metrics explorer: its metric and label filters
    // replace the row's. False when the text is not a plain selector.
    bool applySelector(const QString& selector);

    // Widgets, for tests.
    MetricDropEdit* metricEdit() const { return metric_; }
    int filterCount() const { return static_cast<int>(filters_.size()); }
    QComboBox* filterName(int i) const { return filters_.at(static_cast<size_t>(i)).name; }
    QComboBox* filterOp(int i) const { return filters_.at(static_cast<size_t>(i)).op; }
    QLineEdit* filterValue(int i) const { return filters_.at(static_cast<size_t>(i)).value; }
    QToolButton* filterRemove(int i) const { return filters_.at(static_cast<size_t>(i)).remove; }
    QPushButton* addFilterButton() const { return addFilter_; }
    QComboBox* functionCombo() const { return function_; }
    QComboBox* windowCombo() const { return window_; }
    QLineEdit* parameterEdit() const { return parameter_; }
    QComboBox* aggregationCombo() const { return aggregation_; }
    QLineEdit* aggregationParameterEdit() const { return aggParameter_; }
    QComboBox* groupModeCombo() const { return groupMode_; }
    QLineEdit* groupByEdit() const { return groupBy_; }
    QToolButton* groupByMenuButton() const { return groupByMenu_; }
    QStringList metricCompletions() const;
    QStringList labelNameCompletions() const { return labelNames_; }
    // The value completions of filter i (filled when its label name is set).
    QStringList valueCompletions(int i) const;

  signals:
    void edited();  // a finished edit of any field

  private:
    struct Filter {
        QWidget* box = nullptr;
        QComboBox* name = nullptr;
        QComboBox* op = nullptr;
        QLineEdit* value = nullptr;
        QToolButton* remove = nullptr;
        QStringListModel* values = nullptr;
    };
    Filter& addFilterRow();
    void removeFilterRow(QWidget* box);
    void dropFilter(const Filter& f);
    void clearFilters();
    void updateVisibility();
    void refreshMetrics();
    void refreshLabelNames();
    void refreshValues(Filter& f);
    void fillGroupByMenu();
    void changed();

    QPointer<core::QueryService> service_;
    bool loading_ = false;  // fields are being filled: no edited()
    MetricDropEdit* metric_ = nullptr;
    QCompleter* metricCompleter_ = nullptr;
    QStringListModel* metricModel_ = nullptr;
    QVBoxLayout* filterBox_ = nullptr;
    std::vector<Filter> filters_;
    QPushButton* addFilter_ = nullptr;
    QComboBox* function_ = nullptr;
    QLabel* windowLabel_ = nullptr;
    QComboBox* window_ = nullptr;
    QLabel* parameterLabel_ = nullptr;
    QLineEdit* parameter_ = nullptr;
    QComboBox* aggregation_ = nullptr;
    QLineEdit* aggParameter_ = nullptr;
    QComboBox* groupMode_ = nullptr;
    QLineEdit* groupBy_ = nullptr;
    QToolButton* groupByMenu_ = nullptr;
    QStringList labelNames_;  // of the current metric, from QueryService
    QString labelNamesFor_;   // the metric labelNames_ were asked for
};

class RuleBuilderWidget : public QWidget {
    Q_OBJECT
  public:
    explicit RuleBuilderWidget(core::QueryService* service, QWidget* parent = nullptr);
    ~RuleBuilderWidget() override;

    // Fills the fields, hides the banner and enables the builder (emits nothing).
    void setShape(const rules::BuilderShape& shape);
    // The shape the fields hold (canonical); meaningful when validationError() is empty.
    rules::BuilderShape shape() const;
    // Why the fields do not make an expression now ("window: ..."), empty when they do.
    QString validationError() const;
    // toPromQL(shape()), empty when the fields do not make an expression.
    QString expression() const;

    // Reads text into the builder. True when the builder can show it; otherwise the banner says
    // why, the fields are disabled and keep their last content. Empty text clears the builder.
    bool setExpression(const QString& text);
    bool canShowExpression() const { return reason_.isEmpty(); }
    QString unsupportedReason() const { return reason_; }
    // A reason of rules::fromPromQL (reasonKey, reasonArg) in the UI language; empty for a key
    // this widget does not know.
    static QString reasonText(const std::string& key, const std::string& arg);

    // Widgets, for tests and the rule editor.
    QLabel* banner() const { return banner_; }
    QWidget* form() const { return form_; }
    BuilderQueryRow* numeratorRow() const { return numerator_; }
    BuilderQueryRow* denominatorRow() const { return denominator_; }
    QCheckBox* ratioCheck() const { return ratio_; }
    QCheckBox* percentCheck() const { return percent_; }
    QComboBox* comparisonCombo() const { return comparison_; }
    QLineEdit* thresholdEdit() const { return threshold_; }
    QLabel* expressionLabel() const { return exprLabel_; }
    QLabel* errorLabel() const { return error_; }

  signals:
    // A builder edit changed shape() (and expression()).
    void shapeChanged();

  private:
    void edited();
    void updateVisibility();
    void showExpression();
    rules::BuilderShape readShape(QString* error) const;

    bool loading_ = false;
    QString reason_;
    rules::BuilderShape last_;  // the shape last set or emitted
    QLabel* banner_ = nullptr;
    QWidget* form_ = nullptr;
    BuilderQueryRow* numerator_ = nullptr;
    QGroupBox* denominatorBox_ = nullptr;
    BuilderQueryRow* denominator_ = nullptr;
    QCheckBox* ratio_ = nullptr;
    QCheckBox* percent_ = nullptr;
    QComboBox* comparison_ = nullptr;
    QLineEdit* threshold_ = nullptr;
    QLabel* exprLabel_ = nullptr;
    QLabel* error_ = nullptr;
};

}  // namespace pharos::app
