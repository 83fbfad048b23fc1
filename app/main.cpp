// pharos: the GUI entry point — options, language, the main window, and --screenshot.
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QPixmap>
#include <QTimer>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

#include "pharos/core/version.h"
#include "problems/log_capture.h"
#include "shell/language.h"
#include "shell/main_window.h"

namespace {

// Reports the time from process start to the first paint of the main window.
class FirstPaintWatcher : public QObject {
public:
    FirstPaintWatcher(QElapsedTimer* clock, std::function<void(qint64)> done)
        : clock_(clock), done_(std::move(done)) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Paint && done_) {
            auto done = std::move(done_);
            done_ = nullptr;
            watched->removeEventFilter(this);
            const qint64 ms = clock_->elapsed();
            QTimer::singleShot(0, [done, ms] { done(ms); });
        }
        return false;
    }

private:
    QElapsedTimer* clock_;
    std::function<void(qint64)> done_;
};

}  // namespace

int main(int argc, char** argv) {
    QElapsedTimer clock;
    clock.start();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Pharos"));
    QApplication::setApplicationName(QStringLiteral("pharos"));
    QApplication::setApplicationDisplayName(QStringLiteral("Pharos"));
    QApplication::setApplicationVersion(QString::fromStdString(pharos::core::versionString()));
    QApplication::setDesktopFileName(QStringLiteral("io.pharos.Pharos"));
    pharos::app::applyLanguage(pharos::app::configuredLanguage());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Pharos: design, backtest and simulate Prometheus alerts and Alertmanager routing."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOpt(
        QStringLiteral("workspace"),
        QApplication::translate("main", "Open FILE instead of the default workspace."),
        QStringLiteral("FILE"));
    const QCommandLineOption screenshotOpt(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Render the main window at 1280×800 after start-up, save it "
                                        "as a PNG to FILE and exit."),
        QStringLiteral("FILE"));
    parser.addOption(workspaceOpt);
    parser.addOption(screenshotOpt);
    parser.process(app);

    pharos::app::MainWindow window;
    pharos::app::installLogCapture(window.problems());
    const bool screenshot = parser.isSet(screenshotOpt);
    if (parser.isSet(workspaceOpt)) {
        const QString path = parser.value(workspaceOpt);
        if (!QFileInfo::exists(path))
            window.createWorkspace(path, !screenshot);
        else
            window.openWorkspace(path, !screenshot);
    } else {
        window.openDefaultWorkspace();
    }

    std::optional<FirstPaintWatcher> watcher;  // lives as long as the event loop
    if (screenshot) {
        const QString file = parser.value(screenshotOpt);
        window.resize(1280, 800);
        // The shot is taken once the window has painted and start-up work (opening the TSDB, demo
        // data, the first dashboard's queries) is done, or after 120 s at the latest.
        auto painted = std::make_shared<qint64>(-1);
        auto forced = std::make_shared<bool>(false);
        auto shoot = [&window, file, painted, forced] {
            if (*painted < 0 || !(window.isStartupFinished() || *forced)) return;
            *painted = -2;  // once
            QTimer::singleShot(300, [&window, file] {  // let the last results paint
                const QPixmap shot = window.grab();
                const bool saved = shot.save(file, "PNG");
                std::fprintf(stdout, "screenshot %dx%d %s %s\n", shot.width(), shot.height(),
                             saved ? "saved to" : "NOT saved to", qPrintable(file));
                std::fflush(stdout);
                QApplication::exit(saved ? 0 : 1);
            });
        };
        watcher.emplace(&clock, [painted, shoot](qint64 ms) {
            std::fprintf(stdout, "first paint after %lld ms\n", static_cast<long long>(ms));
            std::fflush(stdout);
            *painted = ms;
            shoot();
        });
        QObject::connect(&window, &pharos::app::MainWindow::startupFinished, &window, shoot);
        QTimer::singleShot(120000, &window, [forced, shoot] {
            std::fprintf(stderr, "start-up did not finish within 120 s; taking the screenshot anyway\n");
            *forced = true;
            shoot();
        });
        window.installEventFilter(&*watcher);
    }
    window.show();
    return QApplication::exec();
}
