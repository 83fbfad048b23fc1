// SilenceStore: silences kept in the workspace as a document of kind "silences" (one per
// Alertmanager configuration, same name), so that the routing simulation can apply them.
// Silences are not part of alertmanager.yml; the document is JSON in the shape of Alertmanager's
// API v2 silences:
//   [{"id": "...", "matchers": [{"name": "a", "value": "b", "isRegex": false, "isEqual": true}],
//     "startsAt": "RFC 3339", "endsAt": "...", "updatedAt": "...", "createdBy": "...",
//     "comment": "..."}, ...]
// Thread-safety: pure functions; load/save use the workspace on its own thread.
#pragma once

#include <QString>

#include "pharos/alerting/silence.h"
#include "pharos/status.h"

namespace pharos::core {
class Workspace;
}

namespace pharos::app {

class SilenceStore {
public:
    static QString documentKind() { return QStringLiteral("silences"); }

    static QString toJson(const alerting::Silences& silences);
    // Each silence is validated as Silences::add does; errors name the entry ("silence 2: ...").
    static Result<alerting::Silences> fromJson(const QString& json);

    // A configuration without a silences document has no silences (an empty set, not an error).
    static Result<alerting::Silences> load(const core::Workspace& workspace, const QString& name);
    static Status save(core::Workspace& workspace, const QString& name, const alerting::Silences& silences);
};

}  // namespace pharos::app
