// Qt Test: JobTracker delivers only the latest job's result, cancels superseded work through
// Progress, drops results for receivers that are gone, and reports progress.
#include <QSignalSpy>
#include <QThread>
#include <QtTest>
#include <atomic>

#include "pharos/core/job_tracker.h"

using pharos::Progress;
using pharos::core::JobTracker;

class JobTrackerTest : public QObject {
    Q_OBJECT

private slots:
    void deliversTheResult() {
        JobTracker tracker;
        QObject receiver;
        int got = 0;
        QSignalSpy finished(&tracker, &JobTracker::finished);
        tracker.start<int>(&receiver, [](Progress&) { return 42; }, [&](int v) { got = v; });
        QVERIFY(tracker.isRunning());
        QTRY_COMPARE(got, 42);
        QCOMPARE(finished.count(), 1);
        QVERIFY(!tracker.isRunning());
    }

    void newerJobSupersedesAndCancelsOlder() {
        JobTracker tracker;
        QObject receiver;
        std::atomic<bool> firstSawCancel{false};
        QList<int> delivered;
        tracker.start<int>(&receiver,
                           [&](Progress& p) {
                               for (int i = 0; i < 500 && !p.cancelled(); ++i) QThread::msleep(10);
                               firstSawCancel = p.cancelled();
                               return 1;
                           },
                           [&](int v) { delivered << v; });
        QThread::msleep(30);
        tracker.start<int>(&receiver, [](Progress&) { return 2; }, [&](int v) { delivered << v; });
        QTRY_VERIFY(firstSawCancel.load());
        QTRY_COMPARE(delivered, QList<int>{2});
        QTest::qWait(100);
        QCOMPARE(delivered, QList<int>{2});  // the first result never arrives
    }

    void cancelDropsTheResult() {
        JobTracker tracker;
        QObject receiver;
        bool delivered = false;
        std::atomic<bool> done{false};
        tracker.start<int>(&receiver,
                           [&](Progress& p) {
                               while (!p.cancelled()) QThread::msleep(5);
                               done = true;
                               return 0;
                           },
                           [&](int) { delivered = true; });
        tracker.cancel();
        QVERIFY(!tracker.isRunning());
        QTRY_VERIFY(done.load());
        QTest::qWait(50);
        QVERIFY(!delivered);
    }

    void receiverGoneNoDelivery() {
        JobTracker tracker;
        auto* receiver = new QObject;
        bool delivered = false;
        std::atomic<bool> release{false}, done{false};
        tracker.start<int>(receiver,
                           [&](Progress&) {
                               while (!release) QThread::msleep(5);
                               done = true;
                               return 7;
                           },
                           [&](int) { delivered = true; });
        delete receiver;
        release = true;
        QTRY_VERIFY(done.load());
        QTest::qWait(50);
        QVERIFY(!delivered);
    }

    void reportsProgress() {
        JobTracker tracker;
        QObject receiver;
        QSignalSpy progress(&tracker, &JobTracker::progress);
        bool delivered = false;
        tracker.start<int>(&receiver,
                           [](Progress& p) {
                               p.setTotal(10);
                               p.setPhase("evaluating rules");
                               for (int i = 0; i < 10; ++i) {
                                   p.advance();
                                   QThread::msleep(40);
                               }
                               return 0;
                           },
                           [&](int) { delivered = true; });
        QTRY_VERIFY_WITH_TIMEOUT(delivered, 5000);
        QVERIFY(progress.count() >= 2);
        const double f = progress.last().at(0).toDouble();
        QVERIFY(f > 0.0 && f <= 1.0);
        QCOMPARE(progress.last().at(1).toString(), QStringLiteral("evaluating rules"));
    }
};

QTEST_GUILESS_MAIN(JobTrackerTest)
#include "job_tracker_test.moc"
