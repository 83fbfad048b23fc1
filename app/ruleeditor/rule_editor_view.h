// RuleEditorView: a document tab for one Prometheus rule file of the workspace. Left, the
// groups and their rules; right, the selected rule (name, PromQL expression with completion and
// inline errors, `for`, `keep_firing_for`, labels, annotations) and a live preview: the
// expression before its comparison charted over the chosen range with the threshold as a line
// and the rule's pending/firing intervals shaded, computed by rules::backtest over the workspace
// TSDB off the GUI thread (debounced, the previous run cancelled), with its figures, and a
// what-if grid (rules::sweep) of firings over thresholds x `for`.
// The expression is edited as PromQL text or in builder mode (RuleBuilderWidget, toggled by
// Builder | PromQL above it): a builder edit rewrites the text as one undo step, and text
// typed in PromQL mode is read back into the builder once committed (debounced).
// Every edit is a QUndoCommand on undoStack(); ruleFile() / yaml() give the edited file.
// GUI thread only.
#pragma once

#include <QFutureWatcher>
#include <QString>
#include <QWidget>
#include <atomic>
#include <memory>
#include <optional>
#include <vector>

#include "pharos/rules/backtest.h"
#include "pharos/rules/rule_file.h"

class QAbstractButton;
class QAction;
class QComboBox;
class QLabel;
class QScrollArea;
class QSplitter;
class QStackedWidget;
class QLineEdit;
class QStandardItemModel;
class QTableWidget;
class QTimer;
class QTreeView;
class QUndoStack;

namespace pharos::core {
class QueryService;
}

namespace pharos::app {

class AnnotationEditor;
class PromqlEditor;
class RuleBuilderWidget;
class TimeSeriesChart;

class RuleEditorView : public QWidget {
    Q_OBJECT
public:
    RuleEditorView(core::QueryService* service, QString fileName, const QString& yamlText,
                   QWidget* parent = nullptr);
    ~RuleEditorView() override;

    QString fileName() const { return fileName_; }
    // Empty when the text parsed; the parser's file:line:col message otherwise.
    QString parseError() const { return parseError_; }
    QUndoStack* undoStack() const { return undo_; }
    const rules::RuleFile& ruleFile() const { return file_; }
    QString yaml() const;

    // Selection: group and rule index in ruleFile(); false when out of range.
    bool selectRule(int group, int rule);
    // Selects a group (no rule): the group fields below the tree edit it.
    bool selectGroup(int group);
    int currentGroup() const { return group_; }
    int currentRule() const { return rule_; }

    // The preview window's length (6h, 24h, 2d).
    qint64 previewRangeMs() const;

    struct PreviewStats {
        bool valid = false;          // a backtest finished for the current rule
        QString error;               // the evaluation's error, if any
        int firings = 0;
        qint64 firingMs = 0;
        qint64 longestMs = 0;
        int flaps = 0;
        int firingSeries = 0;        // alert label sets that fired at least once
        qint64 startMs = 0, endMs = 0;
        std::vector<rules::BacktestAlert> alerts;
    };
    const PreviewStats& previewStats() const { return stats_; }
    bool previewRunning() const { return running_; }
    // The what-if grid: rows are thresholds, columns `for` values (empty when the expression is
    // not EXPR OP NUMBER).
    const std::vector<double>& sweepThresholds() const { return sweepThresholds_; }
    const std::vector<qint64>& sweepFors() const { return sweepFors_; }
    const std::vector<rules::SweepCell>& sweepCells() const { return sweepCells_; }
    // Sets the cell's threshold and `for` on the current rule (one undo step).
    void applySweepCell(int row, int column);
    // Replaces the number of `EXPR OP NUMBER` (what dragging the chart's threshold line does);
    // false when the rule is not of that shape.
    bool setThreshold(double value);

    // Widgets, for tests and the shell.
    QTreeView* tree() const { return tree_; }
    QLineEdit* nameEdit() const { return nameEdit_; }
    PromqlEditor* exprEditor() const { return exprEdit_; }
    QLineEdit* forEdit() const { return forEdit_; }
    QLineEdit* keepFiringForEdit() const { return keepEdit_; }
    QTableWidget* labelsTable() const { return labels_; }
    AnnotationEditor* annotationEditor() const { return annotationEditor_; }
    QComboBox* rangeCombo() const { return rangeCombo_; }
    TimeSeriesChart* chart() const { return chart_; }
    QTableWidget* sweepTable() const { return sweepTable_; }
    QLabel* statsLabel() const { return statsLabel_; }
    QLabel* fieldErrorLabel() const { return fieldError_; }
    QLabel* structureErrorLabel() const { return structureError_; }
    QLineEdit* groupNameEdit() const { return groupName_; }
    QLineEdit* groupIntervalEdit() const { return groupInterval_; }
    QLineEdit* groupLabelsEdit() const { return groupLabels_; }

    // Builder mode: the builder in place of the PromQL editor (PromQL mode by default).
    RuleBuilderWidget* builder() const { return builder_; }
    bool isBuilderMode() const;
    void setBuilderMode(bool builder);
    QAbstractButton* builderModeButton() const { return builderButton_; }
    QAbstractButton* promqlModeButton() const { return promqlButton_; }

    // Replaces the rule at (group, rule) without an undo step (what the undo commands call).
    void setRule(int group, int rule, const rules::Rule& value);
    // Replaces the whole file and selects (group, rule) without an undo step (rule -1: the
    // group only).
    void setFile(const rules::RuleFile& file, int group, int rule);

    // Structure edits, each one undo step; false (with the reason in structureErrorLabel()) when
    // refused. Group names must be unique in a file, as Prometheus requires.
    bool addGroup(const QString& name);
    bool renameGroup(int group, const QString& name);
    // Empty text: the global default. Durations as Prometheus writes them ("30s", "1m").
    bool setGroupInterval(int group, const QString& interval);
    bool setGroupQueryOffset(int group, const QString& offset);
    bool setGroupLimit(int group, int limit);  // 0: no limit
    // "name=value, name2=value2" (values may be double-quoted); empty: none.
    bool setGroupLabels(int group, const QString& labels);
    bool deleteGroup(int group);
    bool addRule(int group, bool alerting);     // a new rule at the end of the group, selected
    bool duplicateRule(int group, int rule);    // the copy goes right after the original
    // Disabled rules stay in the file as comments (exported so, not evaluated, backtested or
    // simulated); one undo step.
    bool setRuleEnabled(int group, int rule, bool enabled);
    bool deleteRule(int group, int rule);
    // Moves a rule to position `index` of `toGroup` (the same group: reorder).
    bool moveRule(int group, int rule, int toGroup, int index);
    // Appends rules (e.g. from the template library) to `group`, selecting the first.
    bool insertRules(int group, const std::vector<rules::Rule>& rules, const QString& text);
    // Opens the template library and inserts what it returns into the current group.
    void openTemplateLibrary();

    // What `pharos-cli rules check` (promtool's checks) finds in the file as it would be saved:
    // rule names, durations, label names, PromQL expressions and Go templates. Recomputed after
    // every change; rules with a problem carry an error icon and tooltip in the tree.
    struct RuleProblem {
        int group = -1, rule = -1;  // -1: not inside a rule
        int line = 0, column = 0;   // in yaml()
        QString message;
        bool lint = false;          // a promtool lint finding (warning), not an error
    };
    const std::vector<RuleProblem>& problems() const { return problems_; }
    // Selects the rule whose text in yaml() spans `line` (a Problems dock location).
    bool selectLine(int line);

    // Freeze as test: writes a promtool unit test of the current alerting rule over the preview
    // window to `testPath` (and the rule file it tests beside it, STEM.rules.yml), off the GUI
    // thread; testFrozen() reports the result. False when there is nothing to freeze.
    bool freezeAsTest(const QString& testPath);

signals:
    void saveRequested();
    // A freezeAsTest() finished: error is empty on success; summary describes the test.
    void testFrozen(const QString& testPath, const QString& error, const QString& summary);
    void previewUpdated();  // a backtest result (or error) was shown
    void ruleChanged();     // an edit or undo changed ruleFile()
    void problemsChanged(); // problems() differs from before

private:
    struct PreviewResult;
    void buildUi();
    void fillTree();
    void updateTreeItem(int group, int rule);
    void loadFields();
    void pushRule(const rules::Rule& after, const QString& text);
    void pushFile(rules::RuleFile after, int group, int rule, const QString& text);
    bool refuse(const QString& why);
    bool validGroup(int group) const;
    bool validRule(int group, int rule) const;
    void updateGroupFields();
    void recheck();
    void commitName();
    void commitExpr();
    void commitBuilder();
    void commitDuration(QLineEdit* edit, bool keepFiring);
    void commitPairs(QTableWidget* table, bool annotations);
    void fillPairs(QTableWidget* table, const rules::StringPairs& pairs);
    void schedulePreview(int delayMs);
    void startPreview();
    void showPreview(const PreviewResult& r);
    void showStats();
    const rules::Rule* currentRulePtr() const;
    qint64 groupIntervalMs() const;

    core::QueryService* service_;
    QString fileName_;
    QString parseError_;
    rules::RuleFile file_;
    int group_ = -1, rule_ = -1;
    QAction* enableAction_ = nullptr;  // "Disable"/"Enable" for the selected rule
    bool loading_ = false;  // fields are being filled from the model: no commits

    QUndoStack* undo_ = nullptr;
    QTreeView* tree_ = nullptr;
    QStandardItemModel* treeModel_ = nullptr;
    QSplitter* formSplit_ = nullptr;  // ruleForm_ above the preview
    QList<int> promqlSizes_;          // formSplit_'s sizes before builder mode grew the form
    QWidget* ruleForm_ = nullptr;
    QLineEdit* nameEdit_ = nullptr;
    PromqlEditor* exprEdit_ = nullptr;
    QStackedWidget* exprStack_ = nullptr;  // page 0: exprEdit_, page 1: the builder
    RuleBuilderWidget* builder_ = nullptr;
    QScrollArea* builderScroll_ = nullptr;  // the builder's page of exprStack_
    QAbstractButton* builderButton_ = nullptr;
    QAbstractButton* promqlButton_ = nullptr;
    QLineEdit* forEdit_ = nullptr;
    QLineEdit* keepEdit_ = nullptr;
    QLabel* fieldError_ = nullptr;
    QTableWidget* labels_ = nullptr;
    AnnotationEditor* annotationEditor_ = nullptr;
    QComboBox* rangeCombo_ = nullptr;
    QLabel* statsLabel_ = nullptr;
    QLabel* errorLabel_ = nullptr;
    TimeSeriesChart* chart_ = nullptr;
    QTableWidget* sweepTable_ = nullptr;
    QTimer* exprTimer_ = nullptr;
    QLineEdit* groupName_ = nullptr;
    QLineEdit* groupInterval_ = nullptr;
    QLineEdit* groupOffset_ = nullptr;
    QLineEdit* groupLimit_ = nullptr;
    QLineEdit* groupLabels_ = nullptr;
    std::vector<RuleProblem> problems_;
    QLabel* structureError_ = nullptr;
    QTimer* previewTimer_ = nullptr;

    // The running preview: each run has an id; a newer run cancels the older one's flag and an
    // older result arriving late is dropped.
    quint64 previewId_ = 0;
    std::shared_ptr<std::atomic<bool>> cancel_;
    bool running_ = false;
    PreviewStats stats_;
    std::vector<double> sweepThresholds_;
    std::vector<qint64> sweepFors_;
    std::vector<rules::SweepCell> sweepCells_;
    quint64 chartTicketId_ = 0;
};

}  // namespace pharos::app
