// SilenceEditor: the silences of an Alertmanager configuration — a list with their state at a
// chosen "now" (active, pending, expired) and a text/state filter, and an editor (matchers
// validated as typed, start and end or a duration, creator, comment) with a preview of which
// alerts of a given alert list the silence matches. Silences are persisted in the workspace
// through SilenceStore; every change is also emitted as edited(description, silences after)
// so that the owner can make it an undo step (and hand sets back with setSilences()).
// GUI thread only.
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <functional>
#include <vector>

#include "pharos/alerting/alert.h"
#include "pharos/alerting/silence.h"

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace pharos::core {
class Workspace;
}

namespace pharos::app {

class SilenceEditor : public QWidget {
    Q_OBJECT
public:
    // The silence being edited, as the editor fields hold it.
    struct Draft {
        QString id;        // empty: a new silence
        QString matchers;  // `alertname="Foo", env=~"prod.*"`
        QDateTime startsAt;
        QDateTime endsAt;
        QString createdBy;
        QString comment;
    };
    enum class StateFilter { All, Active, Pending, Expired };
    enum Column { StateColumn, MatchersColumn, StartsColumn, EndsColumn, CreatedByColumn, CommentColumn, ColumnCount };

    explicit SilenceEditor(QWidget* parent = nullptr);

    // Where silences are kept: the workspace (asked each time) and the document name (the
    // Alertmanager configuration's). Loads them; false (with the reason shown) on a bad document.
    bool setStore(std::function<core::Workspace*()> workspace, const QString& documentName);
    // Shows this set and persists it when a store is set (undo/redo hand sets back here).
    void setSilences(const alerting::Silences& silences);
    const alerting::Silences& silences() const { return silences_; }

    // The instant states are shown for (default: the current time).
    void setNow(const QDateTime& now);
    QDateTime now() const { return now_; }
    // Alerts the preview matches against.
    void setAlerts(std::vector<alerting::Alert> alerts);

    void setFilterText(const QString& text);
    void setStateFilter(StateFilter filter);
    int visibleCount() const;
    QSortFilterProxyModel* proxy() const { return proxy_; }
    QStandardItemModel* model() const { return model_; }

    // The editor.
    bool selectSilence(const QString& id);
    void newSilence();  // starts now, ends in 2 hours
    Draft draft() const;
    void setDraft(const Draft& draft);
    // "2h", "1d12h": sets the end to start + duration; false on a bad duration.
    bool setDuration(const QString& text);
    // Validates (matchers, times, creator, comment: the library's messages), adds or replaces the
    // silence, persists, emits edited(). False with the message in errorText() when refused.
    bool saveDraft();
    // Expires the selected silence at now().
    bool expireSelected();

    static QString validateMatchers(const QString& text);
    // Labels of the alerts (setAlerts) the draft's matchers select, as {a="1", b="2"}.
    QStringList previewMatches() const;
    QString errorText() const;

signals:
    void edited(const QString& description, const pharos::alerting::Silences& after);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void rebuildList();
    void updatePreview();
    void commit(const QString& text, alerting::Silences after, const QString& select);
    bool persist();
    void showError(const QString& text);

    alerting::Silences silences_;
    std::function<core::Workspace*()> workspace_;
    QString document_;
    QDateTime now_;
    std::vector<alerting::Alert> alerts_;
    QString selected_;  // id of the silence in the editor; empty = new
    QStringList preview_;

    QStandardItemModel* model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTableView* table_ = nullptr;
    QLineEdit* filter_ = nullptr;
    QComboBox* stateFilter_ = nullptr;
    QPushButton* new_ = nullptr;
    QPushButton* expire_ = nullptr;
    QLabel* matchersLabel_ = nullptr;
    QLabel* startsLabel_ = nullptr;
    QLabel* endsLabel_ = nullptr;
    QLabel* durationLabel_ = nullptr;
    QLabel* createdByLabel_ = nullptr;
    QLabel* commentLabel_ = nullptr;
    QLineEdit* matchers_ = nullptr;
    QDateTimeEdit* starts_ = nullptr;
    QDateTimeEdit* ends_ = nullptr;
    QLineEdit* duration_ = nullptr;
    QLineEdit* createdBy_ = nullptr;
    QPlainTextEdit* comment_ = nullptr;
    QPushButton* save_ = nullptr;
    QLabel* error_ = nullptr;
    QLabel* previewLabel_ = nullptr;
    QStandardItemModel* previewModel_ = nullptr;
    QTableView* previewView_ = nullptr;
};

}  // namespace pharos::app
