// Qt Test: the metrics explorer over a temp TSDB — metric rows with TYPE / UNIT / HELP / series
// counts, lazily loaded label names (distinct values) and values (series counts), the search
// filter, double-click → querySelected and the drag mime data.
#include <QMimeData>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include "../support/query_service_open.h"
#include "explorer/explorer_dock.h"
#include "explorer/metrics_model.h"
#include "pharos/core/query_service.h"
#include "pharos/tsdb/db.h"

using namespace pharos;
using pharos::app::ExplorerDock;
using pharos::app::MetricsModel;

class ExplorerDockTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void metricRows();
    void lazyLabelNamesAndValues();
    void searchFilter();
    void doubleClickSelectsQuery();
    void dragMimeData();
    void reloadsAfterDataChanged();
    void renderPng();

private:
    QModelIndex find(QAbstractItemModel* m, const QString& name, const QModelIndex& parent = {}) {
        for (int r = 0; r < m->rowCount(parent); ++r) {
            QModelIndex i = m->index(r, 0, parent);
            if (i.data().toString() == name) return i;
        }
        return {};
    }
    // Expands `proxyIndex` in the view and waits until its children arrived.
    bool expandAndWait(ExplorerDock& dock, const QModelIndex& proxyIndex) {
        QSignalSpy spy(dock.model(), &MetricsModel::childrenLoaded);
        dock.view()->expand(proxyIndex);
        if (dock.proxy()->rowCount(proxyIndex) > 0) return true;
        return spy.wait(10000);
    }
    std::unique_ptr<ExplorerDock> makeDock() {
        auto dock = std::make_unique<ExplorerDock>(svc_.get());
        if (dock->model()->rowCount() == 0) {
            QSignalSpy loaded(dock->model(), &MetricsModel::loaded);
            if (!loaded.wait(10000)) return nullptr;
        }
        return dock;
    }

    QTemporaryDir tmp_;
    std::unique_ptr<core::QueryService> svc_;
};

void ExplorerDockTest::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    svc_ = std::make_unique<core::QueryService>();
    const QString error = pharos::testsupport::openQueryService(*svc_, tmp_.filePath(QStringLiteral("tsdb")));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto db = svc_->db();
    auto app = db->appender();
    const tsdb::Labels series[] = {
        {{"__name__", "up"}, {"job", "node"}, {"instance", "a:9100"}},
        {{"__name__", "up"}, {"job", "node"}, {"instance", "b:9100"}},
        {{"__name__", "up"}, {"job", "prom"}, {"instance", "c:9090"}},
        {{"__name__", "node_cpu_seconds_total"}, {"job", "node"}, {"cpu", "0"}, {"mode", "idle"}},
        {{"__name__", "node_cpu_seconds_total"}, {"job", "node"}, {"cpu", "0"}, {"mode", "user"}},
        {{"__name__", "node_cpu_seconds_total"}, {"job", "node"}, {"cpu", "1"}, {"mode", "idle"}},
        {{"__name__", "node_cpu_seconds_total"}, {"job", "node"}, {"cpu", "1"}, {"mode", "user"}},
        {{"__name__", "process_resident_memory_bytes"}, {"job", "prom"}},
    };
    for (qint64 t = 0; t <= 60'000; t += 15'000)
        for (const auto& s : series) QVERIFY(app->append(s, t, 1).ok());
    QVERIFY(app->commit().ok());
    auto& md = db->metadata();
    md.setType("up", tsdb::MetricType::Gauge);
    md.setHelp("up", "1 if the target answered the last scrape");
    md.setType("node_cpu_seconds_total", tsdb::MetricType::Counter);
    md.setHelp("node_cpu_seconds_total", "Seconds the CPUs spent in each mode.");
    md.setType("process_resident_memory_bytes", tsdb::MetricType::Gauge);
    md.setUnit("process_resident_memory_bytes", "bytes");
    svc_->notifyDataChanged();
}

void ExplorerDockTest::cleanupTestCase() { svc_.reset(); }

void ExplorerDockTest::metricRows() {
    auto dock = makeDock();
    QVERIFY(dock);
    MetricsModel* m = dock->model();
    QCOMPARE(m->rowCount(), 3);
    const QModelIndex up = find(m, QStringLiteral("up"));
    QVERIFY(up.isValid());
    QCOMPARE(up.siblingAtColumn(MetricsModel::Type).data().toString(), QStringLiteral("gauge"));
    QCOMPARE(up.siblingAtColumn(MetricsModel::Count).data().toInt(), 3);
    QVERIFY(up.data(Qt::ToolTipRole).toString().contains(QStringLiteral("1 if the target answered the last scrape")));
    const QModelIndex mem = find(m, QStringLiteral("process_resident_memory_bytes"));
    QCOMPARE(mem.siblingAtColumn(MetricsModel::Unit).data().toString(), QStringLiteral("bytes"));
    QCOMPARE(mem.siblingAtColumn(MetricsModel::Count).data().toInt(), 1);
    const QModelIndex cpu = find(m, QStringLiteral("node_cpu_seconds_total"));
    QCOMPARE(cpu.siblingAtColumn(MetricsModel::Type).data().toString(), QStringLiteral("counter"));
    QCOMPARE(cpu.siblingAtColumn(MetricsModel::Count).data().toInt(), 4);
    // Nothing below is loaded until a metric is expanded.
    QVERIFY(m->hasChildren(up));
    QCOMPARE(m->rowCount(up), 0);
    QVERIFY(m->canFetchMore(up));
    QCOMPARE(dock->statusText(), QStringLiteral("3 metric(s)"));
    // The view is sorted by name.
    QCOMPARE(dock->proxy()->index(0, 0).data().toString(), QStringLiteral("node_cpu_seconds_total"));
}

void ExplorerDockTest::lazyLabelNamesAndValues() {
    auto dock = makeDock();
    QVERIFY(dock);
    QAbstractItemModel* p = dock->proxy();
    const QModelIndex cpu = find(p, QStringLiteral("node_cpu_seconds_total"));
    QVERIFY(expandAndWait(*dock, cpu));
    QCOMPARE(p->rowCount(cpu), 3);  // cpu, job, mode
    const QModelIndex mode = find(p, QStringLiteral("mode"), cpu);
    QVERIFY(mode.isValid());
    QCOMPARE(mode.siblingAtColumn(MetricsModel::Count).data().toInt(), 2);  // distinct values
    QCOMPARE(find(p, QStringLiteral("job"), cpu).siblingAtColumn(MetricsModel::Count).data().toInt(), 1);
    QVERIFY(expandAndWait(*dock, mode));
    QCOMPARE(p->rowCount(mode), 2);
    const QModelIndex idle = find(p, QStringLiteral("idle"), mode);
    QCOMPARE(idle.siblingAtColumn(MetricsModel::Count).data().toInt(), 2);  // series
    QVERIFY(!p->hasChildren(idle));

    const QModelIndex up = find(p, QStringLiteral("up"));
    QVERIFY(expandAndWait(*dock, up));
    const QModelIndex job = find(p, QStringLiteral("job"), up);
    QVERIFY(expandAndWait(*dock, job));
    QCOMPARE(p->rowCount(job), 2);
    QCOMPARE(find(p, QStringLiteral("node"), job).siblingAtColumn(MetricsModel::Count).data().toInt(), 2);
    QCOMPARE(find(p, QStringLiteral("prom"), job).siblingAtColumn(MetricsModel::Count).data().toInt(), 1);
}

void ExplorerDockTest::searchFilter() {
    auto dock = makeDock();
    QVERIFY(dock);
    QCOMPARE(dock->visibleMetricCount(), 3);
    dock->setFilterText(QStringLiteral("NODE_CPU"));
    QCOMPARE(dock->visibleMetricCount(), 1);
    QCOMPARE(dock->proxy()->index(0, 0).data().toString(), QStringLiteral("node_cpu_seconds_total"));
    QCOMPARE(dock->statusText(), QStringLiteral("1 of 3 metric(s)"));
    dock->setFilterText(QStringLiteral("e"));  // node_cpu_seconds_total, process_resident_memory_bytes
    QCOMPARE(dock->visibleMetricCount(), 2);
    dock->setFilterText(QStringLiteral("zzz"));
    QCOMPARE(dock->visibleMetricCount(), 0);
    dock->setFilterText(QString());
    QCOMPARE(dock->visibleMetricCount(), 3);
    // Children of a shown metric are not filtered by the metric search.
    dock->setFilterText(QStringLiteral("up"));
    const QModelIndex up = find(dock->proxy(), QStringLiteral("up"));
    QVERIFY(expandAndWait(*dock, up));
    QCOMPARE(dock->proxy()->rowCount(up), 2);
}

void ExplorerDockTest::doubleClickSelectsQuery() {
    auto dock = makeDock();
    QVERIFY(dock);
    dock->resize(500, 400);
    dock->show();
    QVERIFY(QTest::qWaitForWindowExposed(dock.get()));
    QSignalSpy selected(dock.get(), &ExplorerDock::querySelected);
    QTreeView* v = dock->view();
    const QModelIndex up = find(dock->proxy(), QStringLiteral("up"));
    v->scrollTo(up);
    QTRY_VERIFY(v->visualRect(up).isValid());
    QTest::mouseClick(v->viewport(), Qt::LeftButton, {}, v->visualRect(up).center());
    QTest::mouseDClick(v->viewport(), Qt::LeftButton, {}, v->visualRect(up).center());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).toString(), QStringLiteral("up"));
    QVERIFY(expandAndWait(*dock, up));
    const QModelIndex job = find(dock->proxy(), QStringLiteral("job"), up);
    QVERIFY(expandAndWait(*dock, job));
    const QModelIndex node = find(dock->proxy(), QStringLiteral("node"), job);
    QTRY_VERIFY(v->visualRect(node).isValid());
    QTest::mouseClick(v->viewport(), Qt::LeftButton, {}, v->visualRect(node).center());
    QTest::mouseDClick(v->viewport(), Qt::LeftButton, {}, v->visualRect(node).center());
    QCOMPARE(selected.count(), 2);
    QCOMPARE(selected.at(1).at(0).toString(), QStringLiteral("up{job=\"node\"}"));
    // A label name toggles instead of selecting.
    v->collapse(job);
    QTest::mouseClick(v->viewport(), Qt::LeftButton, {}, v->visualRect(job).center());
    QTest::mouseDClick(v->viewport(), Qt::LeftButton, {}, v->visualRect(job).center());
    QCOMPARE(selected.count(), 2);
    QVERIFY(v->isExpanded(job));
}

void ExplorerDockTest::dragMimeData() {
    auto dock = makeDock();
    QVERIFY(dock);
    MetricsModel* m = dock->model();
    QVERIFY(m->mimeTypes().contains(QStringLiteral("application/x-pharos-promql")));
    QVERIFY(m->mimeTypes().contains(QStringLiteral("text/plain")));
    const QModelIndex up = find(m, QStringLiteral("up"));
    QVERIFY(m->flags(up) & Qt::ItemIsDragEnabled);
    std::unique_ptr<QMimeData> md(m->mimeData({up}));
    QVERIFY(md);
    QCOMPARE(md->text(), QStringLiteral("up"));
    QCOMPARE(md->data(QStringLiteral("application/x-pharos-promql")), QByteArray("up"));
    QVERIFY(expandAndWait(*dock, dock->proxy()->mapFromSource(up)));
    const QModelIndex inst = find(m, QStringLiteral("instance"), up);
    QVERIFY(!(m->flags(inst) & Qt::ItemIsDragEnabled));
    QVERIFY(expandAndWait(*dock, dock->proxy()->mapFromSource(inst)));
    const QModelIndex a = find(m, QStringLiteral("a:9100"), inst);
    std::unique_ptr<QMimeData> mv(m->mimeData({a, a.siblingAtColumn(MetricsModel::Count)}));
    QCOMPARE(mv->text(), QStringLiteral("up{instance=\"a:9100\"}"));
    QCOMPARE(mv->data(QStringLiteral("application/x-pharos-promql")), QByteArray("up{instance=\"a:9100\"}"));
}

void ExplorerDockTest::reloadsAfterDataChanged() {
    auto dock = makeDock();
    QVERIFY(dock);
    QCOMPARE(dock->model()->rowCount(), 3);
    auto app = svc_->db()->appender();
    QVERIFY(app->append({{"__name__", "node_load1"}, {"job", "node"}}, 60'000, 0.2).ok());
    QVERIFY(app->commit().ok());
    QSignalSpy loaded(dock->model(), &MetricsModel::loaded);
    svc_->notifyDataChanged();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(dock->model()->rowCount(), 4);
    // With a metric expanded, new data only flags the tree as stale.
    const QModelIndex up = find(dock->proxy(), QStringLiteral("up"));
    QVERIFY(expandAndWait(*dock, up));
    svc_->notifyDataChanged();
    QTRY_VERIFY_WITH_TIMEOUT(dock->statusText().contains(QStringLiteral("Reload to refresh")), 10000);
    QVERIFY(dock->view()->isExpanded(up));
    dock->reload();
    QTRY_COMPARE_WITH_TIMEOUT(dock->statusText(), QStringLiteral("4 metric(s)"), 10000);
}

void ExplorerDockTest::renderPng() {
    auto dock = makeDock();
    QVERIFY(dock);
    dock->resize(520, 420);
    dock->show();
    QVERIFY(QTest::qWaitForWindowExposed(dock.get()));
    const QModelIndex cpu = find(dock->proxy(), QStringLiteral("node_cpu_seconds_total"));
    QVERIFY(expandAndWait(*dock, cpu));
    QVERIFY(expandAndWait(*dock, find(dock->proxy(), QStringLiteral("mode"), cpu)));
    QTest::qWait(50);
    QVERIFY(dock->grab().save(QStringLiteral(PHAROS_BINARY_DIR "/explorer_dock.png")));
}

QTEST_MAIN(ExplorerDockTest)
#include "explorer_dock_test.moc"
