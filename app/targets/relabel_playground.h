// RelabelPlayground: paste a label set, edit relabel_configs (YAML), see the label set after
// each step (relabelTraced), or where it was dropped. Parse errors name line:col of the text
// being edited. GUI thread only.
#pragma once

#include <QWidget>
#include <optional>

#include "pharos/tsdb/labels.h"

class QLabel;
class QPlainTextEdit;
class QStandardItemModel;
class QTableView;
class QTimer;

namespace pharos::app {

class RelabelPlayground : public QWidget {
    Q_OBJECT
public:
    explicit RelabelPlayground(QWidget* parent = nullptr);

    void setLabelsText(const QString& text);
    void setConfigText(const QString& yaml);
    // Re-runs now (edits re-run after a short pause on their own). False on a parse error.
    bool run();

    // "line:col: message" of the labels or YAML text; empty when both parse.
    QString errorText() const { return error_; }
    // Rows: input, then one per rule: step, action, labels after it ("dropped" where dropped).
    QStandardItemModel* steps() const { return steps_; }
    // The final label set (nullopt when dropped or on error).
    std::optional<tsdb::Labels> result() const { return result_; }

    // Parses `a="1", b="2"` / `{a="1"}` / one name=value per line; errors as "line:col: message".
    static std::optional<tsdb::Labels> parseLabelSet(const QString& text, QString* error);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();

    QLabel* labelsLabel_ = nullptr;
    QLabel* configLabel_ = nullptr;
    QLabel* status_ = nullptr;
    QPlainTextEdit* labelsEdit_ = nullptr;
    QPlainTextEdit* configEdit_ = nullptr;
    QTableView* view_ = nullptr;
    QStandardItemModel* steps_ = nullptr;
    QTimer* debounce_ = nullptr;
    QString error_;
    std::optional<tsdb::Labels> result_;
};

}  // namespace pharos::app
