// Prometheus HTTP API JSON for query results ({"status":"success","data":{...}}) and errors
// ({"status":"error","errorType":"bad_data","error":"..."}), as used by `pharos-cli query`.
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "pharos/promql/value.h"

namespace pharos::promql {

std::string resultToApiJson(const QueryResult& result);
std::string errorToApiJson(const std::string& errorType, const std::string& message);
// A Prometheus API timestamp: seconds with up to 3 decimals ("1700000000.5" -> "1700000000.500").
std::string formatApiTimestamp(int64_t ms);
// A sample value as the API writes it: shortest float, "+Inf", "-Inf", "NaN".
std::string formatApiValue(double v);

}  // namespace pharos::promql
