// InhibitionEditor: the inhibit rules of an Alertmanager configuration — a list (add, delete,
// reorder), per rule its source and target matchers in Alertmanager's matcher syntax (validated
// as typed with the library's messages), legacy match/match_re shown and convertible to
// matchers, the `equal` labels, and a plain-words summary of what the rule does.
// The editor never changes a configuration it does not own: every change is emitted as
// edited(description, config after) and shown; the owner (routing dock) makes it one undo step
// and hands configurations back with setConfig().
// GUI thread only.
#pragma once

#include <QString>
#include <QWidget>

#include "pharos/alerting/config.h"

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStandardItemModel;

namespace pharos::app {

class InhibitionEditor : public QWidget {
    Q_OBJECT
public:
    explicit InhibitionEditor(QWidget* parent = nullptr);

    // Shows this configuration (keeps the selected row when it still exists). Does not emit.
    void setConfig(const alerting::Config& config);
    const alerting::Config& config() const { return config_; }

    int ruleCount() const { return static_cast<int>(config_.inhibitRules.size()); }
    int currentRule() const { return current_; }
    bool selectRule(int row);

    // Edits (each emits edited() once and returns true when it changed the configuration).
    bool addRule();        // after the selected rule (at the end when none)
    bool deleteRule();     // the selected rule
    bool moveRule(int delta);  // -1 up, +1 down
    // Matcher lists as typed: `severity="critical", cluster=~"eu.*"` (braces optional).
    bool setSourceMatchers(const QString& text);
    bool setTargetMatchers(const QString& text);
    // Comma- or space-separated label names.
    bool setEqual(const QString& text);
    // Replaces the selected rule's legacy source_match(_re)/target_match(_re) by matchers.
    bool convertLegacy();

    // Validation as the fields use it: empty when acceptable, else the library's message.
    static QString validateMatchers(const QString& text);
    static QString validateEqual(const QString& text);
    // "warning alerts are muted while a critical alert with the same alertname, cluster fires."
    static QString summary(const alerting::InhibitRule& rule);
    // The matchers a field shows (sorted, as written in the YAML list).
    static QString matchersText(const alerting::Matchers& ms);

    QString errorText() const;
    QString summaryText() const;
    QStandardItemModel* model() const { return model_; }

signals:
    void edited(const QString& description, const pharos::alerting::Config& after);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void rebuildList();
    void updateFields();
    void emitEdit(const QString& text, alerting::Config after, int select);
    void showError(const QString& text);

    alerting::Config config_;
    int current_ = -1;
    bool updating_ = false;

    QStandardItemModel* model_ = nullptr;
    QListView* list_ = nullptr;
    QPushButton* add_ = nullptr;
    QPushButton* delete_ = nullptr;
    QPushButton* up_ = nullptr;
    QPushButton* down_ = nullptr;
    QLabel* sourceLabel_ = nullptr;
    QLabel* targetLabel_ = nullptr;
    QLabel* equalLabel_ = nullptr;
    QLineEdit* source_ = nullptr;
    QLineEdit* target_ = nullptr;
    QLineEdit* equal_ = nullptr;
    QLabel* legacy_ = nullptr;
    QPushButton* convert_ = nullptr;
    QLabel* error_ = nullptr;
    QLabel* summary_ = nullptr;
};

}  // namespace pharos::app
