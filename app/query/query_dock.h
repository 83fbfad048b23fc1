// QueryDock: the query console. A PromQL editor (colouring, completion, live error marker),
// Format, a history of the last 100 queries kept in QSettings (a combo and Alt+Up/Down), instant
// or range mode with a range picker (5m..30d) and a step (auto: range / chart width, rounded to a
// nice duration; or typed), Run (Ctrl+Enter) through QueryService off the GUI thread, results as
// a table and a chart, and a status line (series count, evaluation time, errors). Other widgets
// send queries here with setExpression() + run(). GUI thread only.
#pragma once

#include <QDockWidget>
#include <QPointer>

#include "pharos/core/query_service.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace pharos::app {

class PromqlEditor;
class QueryResultModel;
class TimeSeriesChart;

class QueryDock : public QDockWidget {
    Q_OBJECT
public:
    explicit QueryDock(core::QueryService* service, QWidget* parent = nullptr);
    ~QueryDock() override;  // cancels a running query

    void setExpression(const QString& expr);
    QString expression() const;
    // Runs the expression (a running query is cancelled first). Asynchronous: resultReady().
    void run();
    void cancel();
    bool isRunning() const { return running_; }

    void setInstant(bool instant);
    bool isInstant() const;
    // The range of a range query, one of rangeChoicesMs() or any positive duration.
    void setRangeMs(qint64 ms);
    qint64 rangeMs() const;
    static QList<qint64> rangeChoicesMs();
    // Typed step ("30s", "1m"); empty: automatic.
    void setStepText(const QString& step);
    // The step the next range query uses (auto or typed); 0 when the typed step is invalid.
    qint64 effectiveStepMs() const;
    // A nice step for `rangeMs` drawn on `widthPx` pixels (never more than 11,000 points).
    static qint64 autoStepMs(qint64 rangeMs, int widthPx);
    // The evaluation / range end time in ms; 0 (default): now at each run.
    void setEndTimeMs(qint64 ms) { endTimeMs_ = ms; }

    // Parses and pretty prints the expression (undoable); false with the error marked.
    bool formatExpression();

    QStringList history() const { return history_; }
    // Shows the next older (+1) or newer (-1) history entry; newer than the newest is the text
    // that was being edited.
    void stepHistory(int direction);
    static constexpr int kMaxHistory = 100;
    static QString historySettingsKey() { return QStringLiteral("queryConsole/history"); }

    PromqlEditor* editor() const { return editor_; }
    QueryResultModel* resultModel() const { return model_; }
    QTableView* tableView() const { return table_; }
    QTabWidget* resultTabs() const { return tabs_; }
    TimeSeriesChart* chart() const { return chart_; }
    QString statusText() const;
    QString errorText() const;
    QComboBox* historyCombo() const { return historyCombo_; }

signals:
    // A run finished (result, error or cancellation shown).
    void resultReady();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void showResult(const core::QueryData& data);
    void addHistory(const QString& expr);
    void loadHistory();
    void refillHistoryCombo();
    void updateModeWidgets();
    void setRunning(bool running);
    void setError(const QString& text);
    void setStatus(const QString& text);

    QPointer<core::QueryService> service_;
    core::QueryTicket ticket_;
    quint64 runId_ = 0;
    bool running_ = false;
    qint64 endTimeMs_ = 0;
    QStringList history_;
    int historyPos_ = -1;  // -1: the draft; else the index shown from history_
    QString draft_;
    bool settingFromHistory_ = false;

    PromqlEditor* editor_ = nullptr;
    QComboBox* mode_ = nullptr;
    QComboBox* range_ = nullptr;
    QLineEdit* step_ = nullptr;
    QComboBox* historyCombo_ = nullptr;
    QPushButton* format_ = nullptr;
    QPushButton* run_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QLabel* rangeLabel_ = nullptr;
    QLabel* stepLabel_ = nullptr;
    QLabel* error_ = nullptr;
    QLabel* status_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    QTableView* table_ = nullptr;
    QueryResultModel* model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    TimeSeriesChart* chart_ = nullptr;
};

}  // namespace pharos::app
