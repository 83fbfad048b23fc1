// NotificationHistoryView: loads the attempts stored in a workspace off the GUI thread, shows
// them newest first, filters by receiver, prepends live attempts; rendered to a PNG for a look
// (PHAROS_BINARY_DIR/notification_history.png).
#include <QtTest>

#include <QComboBox>
#include <QTableView>
#include <QTemporaryDir>

#include "alerts/notification_history_view.h"
#include "pharos/core/workspace.h"

using namespace pharos::core::notify;
using pharos::app::NotificationHistoryModel;
using pharos::app::NotificationHistoryView;

namespace {

NotificationAttempt attempt(const QString& receiver, const QString& integration, int secs, AttemptResult r,
                            int n = 1, const QString& error = {}) {
    NotificationAttempt a;
    a.jobId = secs;
    a.time = QDateTime::fromSecsSinceEpoch(1700000000 + secs, Qt::UTC);
    a.receiver = receiver;
    a.integration = integration;
    a.groupKey = "{}:{alertname=\"HighLatency\"}";
    a.alertCount = 2;
    a.status = "firing";
    a.result = r;
    a.attempt = n;
    a.error = error;
    return a;
}

}  // namespace

class NotificationHistoryTest : public QObject {
    Q_OBJECT
private slots:
    void loadsFiltersAndAppends();
    void reportsLoadErrors();
};

void NotificationHistoryTest::loadsFiltersAndAppends() {
    QTemporaryDir dir;
    auto ws = pharos::core::Workspace::create(dir.filePath("n.pharos"));
    QVERIFY2(ws.ok(), ws.status().toString().c_str());
    auto history = NotificationHistory::open((*ws)->connectionName());
    QVERIFY(history.ok());
    QVERIFY(history->record(attempt("oncall", "slack[0]", 10, AttemptResult::Retrying, 1, "unexpected status code 503")).ok());
    QVERIFY(history->record(attempt("oncall", "slack[0]", 11, AttemptResult::Success, 2)).ok());
    QVERIFY(history->record(attempt("team-db", "email[0]", 20, AttemptResult::Failed, 1, "send RCPT command: 550 no such user")).ok());

    NotificationHistoryView view;
    const QString path = (*ws)->path();
    view.setLoader([path](const HistoryFilter& f) { return NotificationHistory::listFile(path, f); });
    QSignalSpy loaded(&view, &NotificationHistoryView::loaded);
    view.refresh();
    QVERIFY(loaded.wait(20000));
    QCOMPARE(loaded.at(0).at(0).toInt(), 3);
    QCOMPARE(loaded.at(0).at(1).toString(), QString());
    auto* m = view.table()->model();
    QCOMPARE(m->rowCount(), 3);
    // Newest first.
    QCOMPARE(m->index(0, NotificationHistoryModel::ReceiverColumn).data().toString(), QString("team-db"));
    QCOMPARE(m->index(0, NotificationHistoryModel::ResultColumn).data().toString(), QString("failed"));
    QCOMPARE(m->index(0, NotificationHistoryModel::ErrorColumn).data().toString(), QString("send RCPT command: 550 no such user"));
    QCOMPARE(m->index(1, NotificationHistoryModel::AttemptColumn).data().toInt(), 2);
    QCOMPARE(m->index(2, NotificationHistoryModel::ResultColumn).data().toString(), QString("failed, retrying"));

    // Receiver filter.
    QComboBox* combo = view.receiverFilter();
    QCOMPARE(combo->count(), 3);  // all, oncall, team-db
    combo->setCurrentIndex(combo->findData(QString("oncall")));
    QCOMPARE(m->rowCount(), 2);
    combo->setCurrentIndex(0);
    QCOMPARE(m->rowCount(), 3);

    // A live attempt goes on top and adds its receiver to the filter.
    view.addAttempt(attempt("pager", "pagerduty[0]", 30, AttemptResult::Success));
    QCOMPARE(m->rowCount(), 4);
    QCOMPARE(m->index(0, NotificationHistoryModel::ReceiverColumn).data().toString(), QString("pager"));
    QVERIFY(combo->findData(QString("pager")) > 0);

    view.resize(1000, 260);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QString png = QStringLiteral(PHAROS_BINARY_DIR "/notification_history.png");
    QVERIFY(view.grab().save(png));
}

void NotificationHistoryTest::reportsLoadErrors() {
    NotificationHistoryView view;
    view.setLoader([](const HistoryFilter&) -> pharos::Result<std::vector<NotificationAttempt>> {
        return pharos::Status::ioError("disk on fire");
    });
    QSignalSpy loaded(&view, &NotificationHistoryView::loaded);
    view.refresh();
    QVERIFY(loaded.wait(20000));
    QCOMPARE(loaded.at(0).at(1).toString(), QString("disk on fire"));
    QCOMPARE(view.model()->rowCount(), 0);
    // A workspace without the table yet is an empty history, not an error.
    QTemporaryDir dir;
    auto ws = pharos::core::Workspace::create(dir.filePath("e.pharos"));
    QVERIFY(ws.ok());
    auto empty = NotificationHistory::listFile((*ws)->path());
    QVERIFY(empty.ok());
    QCOMPARE(empty->size(), size_t(0));
}

QTEST_MAIN(NotificationHistoryTest)
#include "notification_history_test.moc"
