// Edits of the receivers of an alerting::Config as pure functions (each returns the changed copy
// or an error message): rename with the route references, add, delete (refused while routes use
// the receiver), and the integration list. ReceiverEditor turns each into one `edited` signal.
// Thread-safety: pure functions.
#pragma once

#include <QString>
#include <QStringList>
#include <optional>
#include <string>

#include "pharos/alerting/config.h"

namespace pharos::app::receivers {

// The routes whose receiver is `name`, described for a message: "the root route",
// "route 2.1 {severity=\"page\"}" (1-based child positions from the root).
QStringList routesUsing(const alerting::Config& config, const std::string& name);

// Empty when `name` may be given to the receiver now called `current` ("" for a new receiver).
QString validateReceiverName(const alerting::Config& config, const std::string& current,
                             const QString& name);

// `from` renamed to `to` in receivers and every route. The caller validated `to`.
alerting::Config renameReceiver(alerting::Config config, const std::string& from,
                                const std::string& to);

// A name not used yet: "base", "base-2", ...
std::string unusedReceiverName(const alerting::Config& config, const std::string& base);

// The index of the receiver called name, or -1.
int receiverIndex(const alerting::Config& config, const std::string& name);

// "slack" integration #2 of a receiver: the index among integrations of its own type, which is
// the list index in the YAML (slack_configs[1]).
int indexWithinType(const alerting::Receiver& receiver, int integration);

// A secret's stable name in the document, as the importer names them: "oncall-slack-0-api_url".
QString secretName(const std::string& receiver, alerting::IntegrationType type, int indexInType,
                   const std::string& field);

}  // namespace pharos::app::receivers
