// Receiver edits on the Config model (see receiver_edits.h).
#include "routing/receiver_edits.h"

#include <QCoreApplication>
#include <functional>

#include "pharos/alerting/matcher.h"

namespace pharos::app::receivers {

namespace {

QString routeMatchersText(const alerting::RouteConfig& r) {
    QStringList parts;
    for (const auto& [n, v] : r.match) parts << QString::fromStdString(n + "=\"" + v + "\"");
    for (const auto& [n, v] : r.matchRe) parts << QString::fromStdString(n + "=~\"" + v + "\"");
    for (const auto& m : r.matchers) parts << QString::fromStdString(m.toString());
    return parts.isEmpty()
               ? QString()
               : QStringLiteral(" {") + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
}

void renameIn(alerting::RouteConfig& r, const std::string& from, const std::string& to) {
    if (r.receiver == from) r.receiver = to;
    for (auto& c : r.routes) renameIn(c, from, to);
}

}  // namespace

QStringList routesUsing(const alerting::Config& config, const std::string& name) {
    QStringList out;
    if (!config.route) return out;
    std::function<void(const alerting::RouteConfig&, const QString&)> walk =
        [&](const alerting::RouteConfig& r, const QString& path) {
            if (r.receiver == name)
                out << (path.isEmpty()
                            ? QCoreApplication::translate("pharos::app::ReceiverEditor",
                                                          "the root route")
                            : QCoreApplication::translate("pharos::app::ReceiverEditor", "route %1")
                                      .arg(path) +
                                  routeMatchersText(r));
            for (size_t i = 0; i < r.routes.size(); ++i)
                walk(r.routes[i], path.isEmpty()
                                      ? QString::number(i + 1)
                                      : path + QLatin1Char('.') + QString::number(i + 1));
        };
    walk(*config.route, QString());
    return out;
}

QString validateReceiverName(const alerting::Config& config, const std::string& current,
                             const QString& name) {
    const std::string n = name.toStdString();
    if (name.trimmed().isEmpty())
        return QCoreApplication::translate("pharos::app::ReceiverEditor",
                                           "A receiver needs a name.");
    if (name.trimmed() != name)
        return QCoreApplication::translate("pharos::app::ReceiverEditor",
                                           "The name must not start or end with spaces.");
    if (n != current && config.findReceiver(n))
        return QCoreApplication::translate("pharos::app::ReceiverEditor",
                                           "A receiver called \"%1\" exists already.")
            .arg(name);
    return {};
}

alerting::Config renameReceiver(alerting::Config config, const std::string& from,
                                const std::string& to) {
    for (auto& r : config.receivers)
        if (r.name == from) r.name = to;
    if (config.route) renameIn(*config.route, from, to);
    return config;
}

std::string unusedReceiverName(const alerting::Config& config, const std::string& base) {
    if (!config.findReceiver(base)) return base;
    for (int i = 2;; ++i) {
        const std::string n = base + "-" + std::to_string(i);
        if (!config.findReceiver(n)) return n;
    }
}

int receiverIndex(const alerting::Config& config, const std::string& name) {
    for (size_t i = 0; i < config.receivers.size(); ++i)
        if (config.receivers[i].name == name) return static_cast<int>(i);
    return -1;
}

int indexWithinType(const alerting::Receiver& receiver, int integration) {
    int n = 0;
    for (int i = 0; i < integration && i < static_cast<int>(receiver.integrations.size()); ++i)
        if (receiver.integrations[static_cast<size_t>(i)].type ==
            receiver.integrations[static_cast<size_t>(integration)].type)
            ++n;
    return n;
}

QString secretName(const std::string& receiver, alerting::IntegrationType type, int indexInType,
                   const std::string& field) {
    const std::string raw = receiver + "-" + alerting::integrationTypeName(type) + "-" +
                            std::to_string(indexInType) + "-" + field;
    QString out;
    for (char c : raw) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        out += ok ? QLatin1Char(c) : QLatin1Char('_');
    }
    return out;
}

}  // namespace pharos::app::receivers
