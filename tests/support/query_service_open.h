// Test support (Qt Test): open a QueryService on a TSDB directory and wait for its answer.
#pragma once

#include <QSignalSpy>
#include <QString>

#include "pharos/core/query_service.h"

namespace pharos::testsupport {

// Empty when the TSDB opened within timeoutMs; otherwise why it did not.
inline QString openQueryService(pharos::core::QueryService& service, const QString& dir, int timeoutMs = 10000) {
    QSignalSpy opened(&service, &pharos::core::QueryService::opened);
    service.open(dir);
    if (!opened.wait(timeoutMs)) return QStringLiteral("no answer from QueryService::open within %1 ms").arg(timeoutMs);
    if (!opened.at(0).at(0).toBool()) return QStringLiteral("cannot open %1: %2").arg(dir, opened.at(0).at(1).toString());
    return {};
}

}  // namespace pharos::testsupport
