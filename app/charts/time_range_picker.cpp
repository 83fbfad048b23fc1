// The dashboard time range picker (time_range_picker.h).
#include "charts/time_range_picker.h"

#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTimer>
#include <QToolButton>
#include <algorithm>

namespace pharos::app {

namespace {
constexpr qint64 kMin = 60'000, kHour = 60 * kMin, kDay = 24 * kHour;
}

const std::vector<qint64>& TimeRangePicker::relativeRanges() {
    static const std::vector<qint64> r{5 * kMin, 15 * kMin, 30 * kMin, kHour,  3 * kHour, 6 * kHour,
                                       12 * kHour, 24 * kHour, 2 * kDay, 7 * kDay, 30 * kDay};
    return r;
}

const std::vector<qint64>& TimeRangePicker::autoRefreshIntervals() {
    static const std::vector<qint64> r{0, 10'000, 30'000, 60'000, 300'000};
    return r;
}

TimeRangePicker::TimeRangePicker(QWidget* parent) : QWidget(parent), clock_([] { return QDateTime::currentMSecsSinceEpoch(); }) {
    range_ = new QComboBox(this);
    const QStringList names{tr("Last 5 minutes"), tr("Last 15 minutes"), tr("Last 30 minutes"), tr("Last 1 hour"),
                            tr("Last 3 hours"),   tr("Last 6 hours"),    tr("Last 12 hours"),   tr("Last 24 hours"),
                            tr("Last 2 days"),    tr("Last 7 days"),     tr("Last 30 days")};
    for (std::size_t i = 0; i < relativeRanges().size(); ++i)
        range_->addItem(names[static_cast<int>(i)], relativeRanges()[i]);
    range_->addItem(tr("Absolute range"), qint64{0});
    range_->setCurrentIndex(3);

    fromEdit_ = new QDateTimeEdit(this);
    toEdit_ = new QDateTimeEdit(this);
    for (QDateTimeEdit* e : {fromEdit_, toEdit_}) {
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        e->setCalendarPopup(true);
    }
    apply_ = new QPushButton(tr("Apply"), this);
    apply_->setToolTip(tr("Show the absolute range from – to"));
    refreshButton_ = new QToolButton(this);
    refreshButton_->setText(tr("Refresh"));
    refreshButton_->setToolTip(tr("Run the queries again (a relative range moves to now)"));
    autoRefresh_ = new QComboBox(this);
    const QStringList refreshNames{tr("Auto-refresh off"), tr("Every 10s"), tr("Every 30s"), tr("Every 1m"), tr("Every 5m")};
    for (std::size_t i = 0; i < autoRefreshIntervals().size(); ++i)
        autoRefresh_->addItem(refreshNames[static_cast<int>(i)], autoRefreshIntervals()[i]);
    timer_ = new QTimer(this);

    auto* lay = new QHBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addWidget(range_);
    lay->addWidget(new QLabel(tr("From"), this));
    lay->addWidget(fromEdit_);
    lay->addWidget(new QLabel(tr("To"), this));
    lay->addWidget(toEdit_);
    lay->addWidget(apply_);
    lay->addWidget(refreshButton_);
    lay->addWidget(autoRefresh_);

    connect(range_, &QComboBox::activated, this, [this](int index) {
        const qint64 d = range_->itemData(index).toLongLong();
        if (d > 0) {
            setRelativeRange(d);
        } else {
            // Absolute: start from what the edits show.
            setAbsoluteRange(fromEdit_->dateTime().toMSecsSinceEpoch(), toEdit_->dateTime().toMSecsSinceEpoch());
        }
    });
    connect(apply_, &QPushButton::clicked, this, [this] {
        setAbsoluteRange(fromEdit_->dateTime().toMSecsSinceEpoch(), toEdit_->dateTime().toMSecsSinceEpoch());
    });
    connect(refreshButton_, &QToolButton::clicked, this, &TimeRangePicker::refresh);
    connect(autoRefresh_, &QComboBox::activated, this,
            [this](int index) { setAutoRefreshInterval(autoRefresh_->itemData(index).toLongLong()); });
    connect(timer_, &QTimer::timeout, this, &TimeRangePicker::refresh);
    syncEdits();
}

void TimeRangePicker::setClock(std::function<qint64()> nowMs) {
    clock_ = std::move(nowMs);
    syncEdits();
}

qint64 TimeRangePicker::now() const { return clock_(); }

std::pair<qint64, qint64> TimeRangePicker::currentRange() const {
    if (relativeMs_ > 0) {
        const qint64 n = now();
        return {n - relativeMs_, n};
    }
    return {absFrom_, absTo_};
}

bool TimeRangePicker::setRelativeRange(qint64 durationMs) {
    const auto& r = relativeRanges();
    const auto it = std::find(r.begin(), r.end(), durationMs);
    if (it == r.end()) return false;
    relativeMs_ = durationMs;
    {
        QSignalBlocker block(range_);
        range_->setCurrentIndex(static_cast<int>(it - r.begin()));
    }
    emitRange();
    return true;
}

void TimeRangePicker::setAbsoluteRange(qint64 fromMs, qint64 toMs) {
    if (toMs < fromMs) std::swap(fromMs, toMs);
    if (toMs == fromMs) toMs = fromMs + 1000;
    relativeMs_ = 0;
    absFrom_ = fromMs;
    absTo_ = toMs;
    {
        QSignalBlocker block(range_);
        range_->setCurrentIndex(range_->count() - 1);
    }
    emitRange();
}

bool TimeRangePicker::setAutoRefreshInterval(qint64 ms) {
    const auto& r = autoRefreshIntervals();
    const auto it = std::find(r.begin(), r.end(), ms);
    if (it == r.end()) return false;
    refreshMs_ = ms;
    {
        QSignalBlocker block(autoRefresh_);
        autoRefresh_->setCurrentIndex(static_cast<int>(it - r.begin()));
    }
    if (ms > 0)
        timer_->start(static_cast<int>(ms));
    else
        timer_->stop();
    return true;
}

void TimeRangePicker::refresh() {
    if (relativeMs_ > 0) emitRange();
    emit refreshRequested();
}

void TimeRangePicker::syncEdits() {
    const auto [from, to] = currentRange();
    QSignalBlocker b1(fromEdit_), b2(toEdit_);
    fromEdit_->setDateTime(QDateTime::fromMSecsSinceEpoch(from));
    toEdit_->setDateTime(QDateTime::fromMSecsSinceEpoch(to));
}

void TimeRangePicker::emitRange() {
    syncEdits();
    const auto [from, to] = currentRange();
    emit rangeChanged(from, to);
}

}  // namespace pharos::app
