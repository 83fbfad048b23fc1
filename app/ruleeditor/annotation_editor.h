// AnnotationEditor: edits the annotations of an alerting rule (name + Go template text each)
// with completion of the template variables ($labels.<name>, $value, $externalLabels, ...) and
// of Prometheus' template functions, and renders every annotation live: the rule's expression
// runs as an instant query through QueryService (debounced, off the GUI thread) and each
// template is expanded for the chosen result series with Prometheus' alert template data
// ($labels = the series' labels, $value = its sample value), on a worker thread since `query`
// in a template reads the TSDB. The result, or the template's error with its line:col in the
// annotation text, is shown under each annotation.
// GUI thread only.
#pragma once

#include <QPlainTextEdit>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <memory>
#include <vector>

#include "pharos/core/series_data.h"
#include "pharos/rules/rule_file.h"

class QComboBox;
class QCompleter;
class QLabel;
class QPushButton;
class QStringListModel;
class QTimer;
class QVBoxLayout;

namespace pharos::core {
class QueryService;
}

namespace pharos::app {

// A template text editor with a completion popup: typing `{{ `, `$` or a word inside an action
// offers the candidates set by setCandidates() that start with the word at the cursor.
// committed() is emitted when the user leaves the editor (focus out, not to the popup) or
// presses Ctrl+Return.
class TemplateTextEdit : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit TemplateTextEdit(QWidget* parent = nullptr);

    void setCandidates(const QStringList& candidates);
    const QStringList& candidates() const { return candidates_; }
    QCompleter* completer() const { return completer_; }
    // The word being completed at the cursor ("" right after "{{ "); null QString when the
    // cursor is in no completion context (plain text outside {{ }}).
    QString completionPrefix() const;
    // The candidates offered at the cursor (what the popup lists), sorted.
    QStringList completionsAtCursor() const;

signals:
    void committed();

protected:
    void keyPressEvent(QKeyEvent* e) override;
    void focusOutEvent(QFocusEvent* e) override;

private:
    void insertCompletion(const QString& completion);
    void updatePopup(bool force);

    QStringList candidates_;
    QCompleter* completer_ = nullptr;
    QStringListModel* model_ = nullptr;
};

class AnnotationEditor : public QWidget {
    Q_OBJECT
public:
    explicit AnnotationEditor(QWidget* parent = nullptr);
    ~AnnotationEditor() override;

    // The service whose TSDB feeds the live rendering (may be null: no rendering).
    void setQueryService(core::QueryService* service);
    // Loads the rule's annotations (rebuilding the rows) and re-runs its expression. Does not
    // emit annotationsEdited.
    void setRule(const rules::Rule& rule);
    // The evaluation time of the instant query and of `query` in templates; 0 (default): now.
    void setEvaluationTime(qint64 ms);
    // External labels / URL given to templates ($externalLabels, $externalURL); default none.
    void setExternalData(const core::LabelPairs& externalLabels, const QString& externalURL);

    // The edited annotations in row order (rows without a name are left out).
    rules::StringPairs annotations() const;

    // Rows and their widgets (tests, the shell).
    int rowCount() const { return static_cast<int>(rows_.size()); }
    QComboBox* nameCombo(int row) const;
    TemplateTextEdit* textEdit(int row) const;
    QLabel* resultLabel(int row) const;  // the rendering or error under the row
    QComboBox* seriesCombo() const { return seriesCombo_; }
    QLabel* statusLabel() const { return status_; }
    QPushButton* addButton() const { return addButton_; }
    // Appends a row (one committed edit: emits annotationsEdited).
    void addAnnotation(const QString& name = QString(), const QString& text = QString());
    void removeAnnotation(int row);  // one committed edit

    // The rendered text of a row for the current series; empty when it failed or no data.
    QString renderedText(int row) const;
    // The error of a row's template ("" when it rendered), and its 1-based position in the
    // row's text (0 when unknown).
    QString renderError(int row) const;
    int renderErrorLine(int row) const;
    int renderErrorColumn(int row) const;
    // Result series of the last instant query (labels incl. __name__).
    const std::vector<core::SeriesData>& series() const { return series_; }
    // The completion candidates offered to every template editor.
    QStringList completionCandidates() const { return candidates_; }
    // Prometheus' template function names present in the function map (sorted).
    static QStringList templateFunctionNames();

    // Re-runs the instant query now (otherwise debounced after setRule).
    void refresh();
    // A query or rendering is scheduled or running (the shown results may be outdated).
    bool isBusy() const;

signals:
    // The user committed a change (text left, name chosen, row added or removed); one signal
    // per change, carrying annotations().
    void annotationsEdited(const rules::StringPairs& annotations);
    // A rendering (or "no data" / query error) was shown.
    void rendered();

private:
    struct Row;
    struct RenderResult;
    Row& makeRow(const QString& name, const QString& text);
    void clearRows();
    void commit();
    void runQuery();
    void scheduleRender(int delayMs);
    void startRender();
    void updateCandidates();
    void showNoRender(const QString& message);

    core::QueryService* service_ = nullptr;
    rules::Rule rule_;
    rules::StringPairs committed_;
    qint64 evalTimeMs_ = 0;
    core::LabelPairs externalLabels_;
    QString externalURL_;

    std::vector<std::unique_ptr<Row>> rows_;
    std::vector<core::SeriesData> series_;
    QStringList candidates_;
    QString queryError_;
    bool queried_ = false;
    bool queryRunning_ = false;
    bool renderRunning_ = false;
    quint64 queryId_ = 0;
    quint64 renderId_ = 0;

    QComboBox* seriesCombo_ = nullptr;
    QLabel* status_ = nullptr;
    QPushButton* addButton_ = nullptr;
    QVBoxLayout* rowsLayout_ = nullptr;
    QTimer* queryTimer_ = nullptr;
    QTimer* renderTimer_ = nullptr;
};

}  // namespace pharos::app
