// Qt Test: the main window — docks and the View menu, layout save/restore/reset, language
// switching, the Problems filter, opening documents, and bad workspace files.
#include <QAbstractItemModel>
#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include "../support/api_server_thread.h"
#include "../support/qt_loopback.h"
#include "alerts/notification_history_view.h"
#include "alerts/notification_settings_dialog.h"
#include "charts/time_series_chart.h"
#include "datasources/datasource_selector.h"
#include "pharos/core/remote/remote_datasource.h"
#include "alerts/alerts_dock.h"
#include "alerts/alerts_model.h"
#include "dashboards/dashboard_canvas.h"
#include "dashboards/dashboard_view.h"
#include "dashboards/panel_frame.h"
#include "pharos/core/live/rule_evaluator.h"
#include "pharos/core/query_service.h"
#include "pharos/tsdb/db.h"
#include "problems/log_capture.h"
#include "ruleeditor/rule_editor_view.h"
#include "problems/problems_dock.h"
#include "problems/problems_model.h"
#include "shell/language.h"
#include "shell/main_window.h"
#include "shell/settings_dialog.h"
#include "workspace/workspace_dock.h"

using pharos::app::MainWindow;
using pharos::app::Problem;

namespace {

QMenu* menuWithTitle(QMainWindow& w, const QString& title) {
    for (QAction* a : w.menuBar()->actions())
        if (a->menu() && a->text() == title) return a->menu();
    return nullptr;
}

using pharos::testsupport::HttpSink;

}  // namespace

class MainWindowTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("PharosTest"));
        QCoreApplication::setApplicationName(QStringLiteral("pharos-test"));
        QSettings().clear();
        QFile::remove(pharos::core::Workspace::defaultPath());
    }

    void cleanupTestCase() {
        QSettings().clear();
        QFile::remove(pharos::core::Workspace::defaultPath());
    }

    void defaultWorkspaceFillsTheDocks() {
        MainWindow w;
        QVERIFY(w.openDefaultWorkspace());
        QVERIFY(w.workspace());
        auto* dock = w.findChild<pharos::app::WorkspaceDock*>();
        QVERIFY(dock);
        QAbstractItemModel* model = dock->view()->model();
        QVERIFY(model->rowCount() >= 2);  // rule files and routing configurations
        bool found = false;
        for (int r = 0; r < model->rowCount(); ++r) {
            const QModelIndex kind = model->index(r, 0);
            for (int c = 0; c < model->rowCount(kind); ++c)
                found |= model->index(c, 0, kind).data().toString() == QLatin1String("knowton.rules.yml");
        }
        QVERIFY(found);
        QVERIFY(w.problems()->rowCount() >= 1);  // "Opened workspace ..."
        QVERIFY(w.windowTitle().contains(QLatin1String("default.pharos")));
    }

    // Tools > Serve Prometheus API: the workspace's TSDB over the Prometheus HTTP API on a
    // loopback port; other addresses are refused; a new workspace stops it.
    void servesThePrometheusApi() {
        QTemporaryDir dir;
        MainWindow w;
        QVERIFY(w.createWorkspace(dir.filePath(QStringLiteral("serve.pharos")), false));
        QTRY_VERIFY_WITH_TIMEOUT(w.startServing(QStringLiteral("127.0.0.1:0")).isEmpty(), 10000);
        const QString url = w.servingUrl();
        QVERIFY2(url.startsWith(QLatin1String("http://127.0.0.1:")), qPrintable(url));
        auto* action = w.findChild<QAction*>(QStringLiteral("serveApi"));
        QVERIFY(action && action->isChecked());
        QNetworkAccessManager nam;
        QNetworkReply* reply = nam.get(QNetworkRequest(QUrl(url + QStringLiteral("/api/v1/query?query=1%2B1&time=100"))));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->readAll(), QByteArray(R"({"status":"success","data":{"resultType":"scalar","result":[100,"2"]}})"));
        reply->deleteLater();
        // Only loopback addresses; the running server is stopped by the attempt.
        const QString err = w.startServing(QStringLiteral("0.0.0.0:9090"));
        QVERIFY2(err.contains(QLatin1String("not a loopback address")), qPrintable(err));
        QVERIFY(w.servingUrl().isEmpty());
        QVERIFY(!action->isChecked());
        QVERIFY(w.startServing(QStringLiteral("127.0.0.1:x")).contains(QLatin1String("port")));
        QTRY_VERIFY_WITH_TIMEOUT(w.startServing(QStringLiteral("[::1]:0")).isEmpty() ||
                                     w.startServing(QStringLiteral("127.0.0.1:0")).isEmpty(),
                                 10000);
        QVERIFY(w.createWorkspace(dir.filePath(QStringLiteral("other.pharos")), false));
        QVERIFY(w.servingUrl().isEmpty());
    }

    // Tools > Evaluate Rules Live: the workspace's rule files run on the TSDB and the Alerts dock
    // lists what fires; a bad rule file is refused with its position.
    void liveEvaluationFillsTheAlertsDock() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("live.pharos"));
        {
            auto ws = pharos::core::Workspace::create(path);
            QVERIFY(ws.ok());
            QVERIFY((*ws)->putDocument(QStringLiteral("rule_file"), QStringLiteral("live.rules.yml"),
                                       QStringLiteral("groups:\n  - name: always\n    interval: 1s\n    rules:\n"
                                                      "      - alert: AlwaysOn\n        expr: vector(1) > 0\n"
                                                      "        labels: {severity: info}\n"))
                        .ok());
        }
        MainWindow w;
        QVERIFY(w.openWorkspace(path, false));
        QTRY_VERIFY_WITH_TIMEOUT(w.startLiveEvaluation().isEmpty(), 10000);
        auto* action = w.findChild<QAction*>(QStringLiteral("liveRules"));
        QVERIFY(action && action->isChecked());
        QVERIFY(w.liveEvaluator());
        QTRY_VERIFY_WITH_TIMEOUT(!w.liveEvaluator()->alerts().empty(), 10000);
        const auto alerts = w.liveEvaluator()->alerts();
        QCOMPARE(alerts.front().rule, std::string("AlwaysOn"));
        QCOMPARE(alerts.front().state, pharos::rules::AlertState::Firing);
        QTRY_VERIFY_WITH_TIMEOUT(w.alertsView()->model()->rowCount() >= 1, 10000);
        QVERIFY2(w.alertsView()->summaryText().contains(QLatin1String("1")), qPrintable(w.alertsView()->summaryText()));
        w.stopLiveEvaluation();
        QVERIFY(!w.liveEvaluator());
        QVERIFY(!action->isChecked());
    }

    // Live operation end to end: the Data selector switches every query to a workspace
    // datasource (here Pharos' own API server over another TSDB); with notifications through the
    // workspace's receivers, the live evaluation's alert reaches a webhook as Alertmanager's
    // JSON, and the attempt shows in the Alerts dock's Notifications tab.
    void datasourceAndNotificationsEndToEnd() {
        QTemporaryDir dir;
        auto remoteDb = pharos::tsdb::DB::open(dir.filePath(QStringLiteral("remote")).toStdString());
        QVERIFY(remoteDb.ok());
        std::shared_ptr<pharos::tsdb::DB> remote(std::move(remoteDb).value());
        pharos::testsupport::ApiServerThread server(remote, pharos::core::serve::ServeOptions{});
        QVERIFY(server.status().ok());
        HttpSink sink;
        const QString path = dir.filePath(QStringLiteral("live.pharos"));
        {
            auto ws = pharos::core::Workspace::create(path);
            QVERIFY(ws.ok());
            QVERIFY((*ws)->putDocument(QStringLiteral("rule_file"), QStringLiteral("live.rules.yml"),
                                       QStringLiteral("groups:\n  - name: always\n    interval: 1s\n    rules:\n"
                                                      "      - alert: AlwaysOn\n        expr: vector(1) > 0\n"
                                                      "        labels: {severity: info}\n"))
                        .ok());
            QVERIFY((*ws)->putDocument(QStringLiteral("alertmanager_config"), QStringLiteral("am.yml"),
                                       QStringLiteral("route:\n  receiver: hook\n  group_wait: 1s\n"
                                                      "receivers:\n- name: hook\n  webhook_configs:\n  - url: %1\n")
                                           .arg(sink.url(QStringLiteral("/hook"))))
                        .ok());
            pharos::core::remote::RemoteDatasource ds;
            ds.name = QStringLiteral("other");
            ds.url = QStringLiteral("http://127.0.0.1:%1").arg(server.port());
            QVERIFY(pharos::core::remote::saveDatasource(**ws, ds).ok());
        }
        {
            pharos::app::NotificationSettings s;
            s.mode = pharos::app::NotificationSettings::Mode::Receivers;
            QSettings settings;
            s.save(settings);
        }
        MainWindow w;
        QVERIFY(w.openWorkspace(path, false));
        auto* selector = w.findChild<pharos::app::DatasourceSelector*>(QStringLiteral("DatasourceSelector"));
        QVERIFY(selector);
        QTRY_VERIFY(selector->datasourceIds().contains(QStringLiteral("other")));
        const int index = selector->findText(QStringLiteral("other"));
        QVERIFY(index > 0);
        selector->setCurrentIndex(index);
        emit selector->activated(index);
        QTRY_VERIFY_WITH_TIMEOUT(w.queryService()->isRemote(), 10000);
        QCOMPARE(w.workspace()->setting(QStringLiteral("datasource/current")).toString(), QStringLiteral("other"));

        QTRY_VERIFY_WITH_TIMEOUT(w.startLiveEvaluation().isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!sink.requests.empty(), 20000);
        const QJsonObject payload = QJsonDocument::fromJson(sink.requests.front().body).object();
        QCOMPARE(payload.value(QStringLiteral("receiver")).toString(), QStringLiteral("hook"));
        QCOMPARE(payload.value(QStringLiteral("status")).toString(), QStringLiteral("firing"));
        QCOMPARE(payload.value(QStringLiteral("alerts")).toArray().first().toObject().value(QStringLiteral("labels"))
                     .toObject().value(QStringLiteral("alertname")).toString(),
                 QStringLiteral("AlwaysOn"));
        auto* history = w.findChild<pharos::app::NotificationHistoryView*>(QStringLiteral("NotificationHistory"));
        QVERIFY(history);
        QTRY_VERIFY_WITH_TIMEOUT(history->model()->rowCount() >= 1, 10000);
        QCOMPARE(history->model()->attempt(0).receiver, QStringLiteral("hook"));
        w.stopLiveEvaluation();
        QSettings().remove(QStringLiteral("notifications"));
    }

    void viewMenuListsEveryDock() {
        MainWindow w;
        QMenu* view = menuWithTitle(w, QStringLiteral("&View"));
        QVERIFY(view);
        const auto docks = w.findChildren<QDockWidget*>();
        QVERIFY(docks.size() >= 2);
        for (QDockWidget* d : docks) {
            QVERIFY2(!d->objectName().isEmpty(), "docks need object names for saveState");
            QVERIFY2(view->actions().contains(d->toggleViewAction()), qPrintable(d->objectName()));
        }
    }

    void layoutIsSavedRestoredAndReset() {
        QSettings().remove(QStringLiteral("mainWindow"));
        {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            auto* problems = w.findChild<QDockWidget*>(QStringLiteral("ProblemsDock"));
            problems->hide();
            w.close();  // saves the layout
        }
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* problems = w.findChild<QDockWidget*>(QStringLiteral("ProblemsDock"));
        auto* workspace = w.findChild<QDockWidget*>(QStringLiteral("WorkspaceDock"));
        QVERIFY(problems->isHidden());  // restored
        workspace->setFloating(true);
        w.resetLayout();
        QVERIFY(problems->isVisible());
        QVERIFY(!workspace->isFloating());
        QCOMPARE(w.dockWidgetArea(workspace), Qt::LeftDockWidgetArea);
        QCOMPARE(w.dockWidgetArea(problems), Qt::BottomDockWidgetArea);
        w.close();
        QSettings().remove(QStringLiteral("mainWindow"));
    }

    void languageSwitchesAtOnce_data() {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("fileMenu");
        QTest::addColumn<QString>("problemsTitle");
        QTest::newRow("zh_CN") << "zh_CN" << QStringLiteral("文件(&F)") << QStringLiteral("问题");
        QTest::newRow("vi") << "vi" << QStringLiteral("&Tệp") << QStringLiteral("Sự cố");
        QTest::newRow("en") << "en" << QStringLiteral("&File") << QStringLiteral("Problems");
    }
    void languageSwitchesAtOnce() {
        QFETCH(QString, code);
        QFETCH(QString, fileMenu);
        QFETCH(QString, problemsTitle);
        MainWindow w;
        pharos::app::SettingsDialog dialog(&w);
        dialog.selectLanguage(code);
        dialog.apply();
        QCoreApplication::processEvents();
        QVERIFY2(menuWithTitle(w, fileMenu), qPrintable(w.menuBar()->actions().first()->text()));
        QCOMPARE(w.findChild<QDockWidget*>(QStringLiteral("ProblemsDock"))->windowTitle(), problemsTitle);
        QCOMPARE(pharos::app::configuredLanguage(), code);
        pharos::app::setConfiguredLanguage(QString());
        pharos::app::applyLanguage(QStringLiteral("en"));
    }

    void problemsFilter() {
        pharos::app::ProblemsModel model;
        pharos::app::ProblemsDock dock(&model);
        Problem e;
        e.severity = Problem::Severity::Error;
        e.message = QStringLiteral("1:5: unexpected character");
        e.file = QStringLiteral("rules.yml");
        e.line = 3;
        e.column = 5;
        Problem w;
        w.severity = Problem::Severity::Warning;
        w.message = QStringLiteral("duplicate rule");
        Problem i;
        i.message = QStringLiteral("Opened workspace");
        model.report(e);
        model.report(w);
        model.report(i);
        QCOMPARE(dock.visibleRows(), 3);
        dock.setSeverityFilter(1);
        QCOMPARE(dock.visibleRows(), 1);
        dock.setSeverityFilter(2);
        QCOMPARE(dock.visibleRows(), 2);
        dock.setSeverityFilter(0);
        dock.setTextFilter(QStringLiteral("rules.yml:3"));  // matches the location column
        QCOMPARE(dock.visibleRows(), 1);
        dock.setTextFilter(QStringLiteral("DUPLICATE"));
        QCOMPARE(dock.visibleRows(), 1);
        dock.setTextFilter(QString());
        QCOMPARE(model.index(0, pharos::app::ProblemsModel::LocationColumn).data().toString(),
                 QStringLiteral("rules.yml:3:5"));
        model.clear();
        QCOMPARE(dock.visibleRows(), 0);
    }

    void qtWarningsReachTheProblemsDock() {
        MainWindow w;
        pharos::app::installLogCapture(w.problems());
        const int before = w.problems()->rowCount();
        qWarning("scraper: target 127.0.0.1:9 refused the connection");
        QTRY_COMPARE(w.problems()->rowCount(), before + 1);
        const Problem& p = w.problems()->problem(before);
        QCOMPARE(p.severity, Problem::Severity::Warning);
        QCOMPARE(p.source, QStringLiteral("log"));
        QVERIFY(p.message.contains(QStringLiteral("refused")));
    }

    // First start: the TSDB opens, the demo data set is generated up to now, and the system
    // overview dashboard opens and shows it (gauges with values, charts with series).
    void startupShowsTheSystemOverviewOnDemoData() {
        MainWindow w;
        QSignalSpy finished(&w, &MainWindow::startupFinished);
        QVERIFY(w.openDefaultWorkspace());
        QVERIFY(finished.count() > 0 || finished.wait(240000));
        auto* view = qobject_cast<pharos::app::DashboardView*>(w.documents()->currentWidget());
        QVERIFY(view);
        QCOMPARE(view->dashboard().title, QStringLiteral("System overview"));
        QVERIFY(w.queryService()->db());
        QVERIFY(w.queryService()->db()->stats().samples > 1'000'000);
        // The newest samples are recent: the data set was topped up to the start-up time.
        QVERIFY(QDateTime::currentMSecsSinceEpoch() - w.queryService()->db()->stats().maxTime < 5 * 60 * 1000);
        int chartsWithData = 0;
        for (int id : view->canvas()->frameIds()) {
            auto* chart = qobject_cast<pharos::app::TimeSeriesChart*>(view->canvas()->frame(id)->content());
            if (chart && chart->seriesCount() > 0) ++chartsWithData;
            QVERIFY2(view->canvas()->frame(id)->error().isEmpty(), qPrintable(view->canvas()->frame(id)->error()));
        }
        QVERIFY(chartsWithData >= 2);
    }

    void openingADocumentAddsATab() {
        MainWindow w;
        QVERIFY(w.openDefaultWorkspace());
        const int before = w.documents()->count();
        w.openDocument(QStringLiteral("rule_file"), QStringLiteral("knowton.rules.yml"));
        QCOMPARE(w.documents()->count(), before + 1);
        w.openDocument(QStringLiteral("rule_file"), QStringLiteral("knowton.rules.yml"));
        QCOMPARE(w.documents()->count(), before + 1);  // focused, not opened twice
        QCOMPARE(w.documents()->tabText(w.documents()->currentIndex()), QStringLiteral("knowton.rules.yml"));
        // Rule files open in the rule editor, on the file's text.
        auto* editor = qobject_cast<pharos::app::RuleEditorView*>(w.documents()->currentWidget());
        QVERIFY(editor);
        QVERIFY(editor->yaml().contains(QLatin1String("HighErrorRate")));
    }

    void badWorkspaceIsReportedNotFatal() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("notes.pharos"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a workspace\n");
        f.close();
        MainWindow w;
        QVERIFY(w.openDefaultWorkspace());
        const QString before = w.workspace()->path();
        QVERIFY(!w.openWorkspace(path, false));
        QCOMPARE(w.workspace()->path(), before);  // the open workspace stays open
        const int last = w.problems()->rowCount() - 1;
        QCOMPARE(w.problems()->problem(last).severity, Problem::Severity::Error);
        QVERIFY(w.problems()->problem(last).message.contains(path));
    }

    void lockedWorkspaceOpensReadOnly() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shared.pharos"));
        auto holder = pharos::core::Workspace::create(path);
        QVERIFY(holder.ok());
        MainWindow w;
        QVERIFY(w.openWorkspace(path, false));
        QVERIFY(w.workspace()->isReadOnly());
    }

    void newAndSaveAs() {
        QTemporaryDir dir;
        MainWindow w;
        QVERIFY(w.createWorkspace(dir.filePath(QStringLiteral("a.pharos")), false));
        QVERIFY(!w.createWorkspace(dir.filePath(QStringLiteral("a.pharos")), false));
        QVERIFY(w.saveWorkspaceAs(dir.filePath(QStringLiteral("b.pharos")), false));
        QCOMPARE(w.workspace()->path(), dir.filePath(QStringLiteral("b.pharos")));
        QVERIFY(w.recentWorkspaces().startsWith(dir.filePath(QStringLiteral("b.pharos"))));
        QVERIFY(w.recentWorkspaces().contains(dir.filePath(QStringLiteral("a.pharos"))));
    }

    // Import of a foreign tree with inline secrets: they leave the documents (keychain, or the
    // private folder where no keychain is reachable, as on CI), each reported with its location.
    void importMovesSecretsOutAndReportsThem() {
        QTemporaryDir dir;
        const QString tree = dir.filePath(QStringLiteral("tree"));
        QVERIFY(QDir().mkpath(tree));
        for (const QString& name : {QStringLiteral("alertmanager.yml"), QStringLiteral("prometheus.yml")})
            QVERIFY(QFile::copy(QStringLiteral(PHAROS_SOURCE_DIR "/tests/core/data/secrets/") + name,
                                tree + QLatin1Char('/') + name));
        MainWindow w;
        QVERIFY(w.createWorkspace(dir.filePath(QStringLiteral("s.pharos")), false));
        const int before = w.problems()->rowCount();
        w.importConfiguration(tree);
        auto movedCount = [&] {
            int n = 0;
            for (int r = before; r < w.problems()->rowCount(); ++r)
                n += w.problems()->problem(r).message.startsWith(QLatin1String("Moved the secret"));
            return n;
        };
        QTRY_VERIFY_WITH_TIMEOUT(movedCount() > 0, 30000);
        QCOMPARE(movedCount(), 15);  // 11 in alertmanager.yml, 4 in prometheus.yml
        for (int r = before; r < w.problems()->rowCount(); ++r) {
            const Problem& p = w.problems()->problem(r);
            QVERIFY2(!p.message.contains(QLatin1String("SECRET")), qPrintable(p.message));
            if (p.message.startsWith(QLatin1String("Moved the secret"))) QVERIFY(p.line > 0 && !p.file.isEmpty());
        }
        auto am = w.workspace()->document(QStringLiteral("alertmanager_config"), QStringLiteral("alertmanager.yml"));
        QVERIFY(am.ok());
        QVERIFY(!am->contains(QLatin1String("SECRET")));
        QVERIFY(am->contains(QLatin1String("routing_key_file:")));
    }
};

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
