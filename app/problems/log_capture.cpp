// Qt message handler that feeds the Problems dock.
#include "log_capture.h"

#include <QMetaObject>
#include <atomic>

#include "problems_model.h"

namespace pharos::app {

namespace {

QtMessageHandler previousHandler = nullptr;
// Cleared when the model is destroyed. A message from another thread racing with that
// destruction is the one case not covered; the model lives as long as the main window.
std::atomic<ProblemsModel*> targetRaw{nullptr};

void handler(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (previousHandler) previousHandler(type, context, message);
    if (type == QtDebugMsg || type == QtInfoMsg) return;
    // The headless (offscreen) platform's note on every popup: about the platform, not the user's work.
    if (message == QLatin1String("This plugin does not support propagateSizeHints()")) return;
    ProblemsModel* model = targetRaw.load();
    if (!model) return;
    Problem p;
    p.severity = type == QtWarningMsg ? Problem::Severity::Warning : Problem::Severity::Error;
    p.message = message;
    p.source = QStringLiteral("log");
    if (context.file && context.line > 0) {
        p.file = QString::fromUtf8(context.file);
        p.line = context.line;
    }
    // Queued: safe from any thread, and never re-enters the model from inside a model change.
    QMetaObject::invokeMethod(model, [model, p] { model->report(p); }, Qt::QueuedConnection);
}

}  // namespace

void installLogCapture(ProblemsModel* model) {
    targetRaw.store(model);
    QObject::connect(model, &QObject::destroyed, [] { targetRaw.store(nullptr); });
    QtMessageHandler old = qInstallMessageHandler(handler);
    if (old != handler) previousHandler = old;
}

}  // namespace pharos::app
