// TimeRangePicker: the dashboard's time range. Relative ranges (last 5m ... 30d, ending now),
// absolute from/to, a refresh button and auto-refresh (off, 10s, 30s, 1m, 5m). A relative range
// moves with the clock: each refresh re-emits it ending at the new "now". GUI thread only.
#pragma once

#include <QWidget>
#include <functional>
#include <utility>
#include <vector>

class QComboBox;
class QDateTimeEdit;
class QPushButton;
class QTimer;
class QToolButton;

namespace pharos::app {

class TimeRangePicker : public QWidget {
    Q_OBJECT
public:
    explicit TimeRangePicker(QWidget* parent = nullptr);

    // Relative ranges offered, in ms ("last 5 minutes" = 300000).
    static const std::vector<qint64>& relativeRanges();

    // Selects "last durationMs" (one of relativeRanges()); emits rangeChanged.
    bool setRelativeRange(qint64 durationMs);
    // An absolute range; emits rangeChanged.
    void setAbsoluteRange(qint64 fromMs, qint64 toMs);
    bool isRelative() const { return relativeMs_ > 0; }
    qint64 relativeDurationMs() const { return relativeMs_; }
    // The range now (a relative range ends at now()).
    std::pair<qint64, qint64> currentRange() const;

    // Auto-refresh interval in ms, 0: off. Must be one of autoRefreshIntervals().
    static const std::vector<qint64>& autoRefreshIntervals();
    bool setAutoRefreshInterval(qint64 ms);
    qint64 autoRefreshInterval() const { return refreshMs_; }

    // Refresh: a relative range is re-emitted ending now, then refreshRequested.
    void refresh();

    // The clock (tests use a fixed one).
    void setClock(std::function<qint64()> nowMs);

    QComboBox* rangeCombo() const { return range_; }
    QComboBox* autoRefreshCombo() const { return autoRefresh_; }
    QDateTimeEdit* fromEdit() const { return fromEdit_; }
    QDateTimeEdit* toEdit() const { return toEdit_; }
    QPushButton* applyButton() const { return apply_; }
    QToolButton* refreshButton() const { return refreshButton_; }

signals:
    void rangeChanged(qint64 fromMs, qint64 toMs);
    void refreshRequested();

private:
    void emitRange();
    void syncEdits();
    qint64 now() const;

    std::function<qint64()> clock_;
    qint64 relativeMs_ = 3'600'000;  // 0: absolute
    qint64 absFrom_ = 0, absTo_ = 0;
    qint64 refreshMs_ = 0;
    QComboBox* range_ = nullptr;
    QDateTimeEdit* fromEdit_ = nullptr;
    QDateTimeEdit* toEdit_ = nullptr;
    QPushButton* apply_ = nullptr;
    QToolButton* refreshButton_ = nullptr;
    QComboBox* autoRefresh_ = nullptr;
    QTimer* timer_ = nullptr;
};

}  // namespace pharos::app
