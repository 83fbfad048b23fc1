// `pharos-cli query` and `pharos-cli query-range`: PromQL over a TSDB directory, printed as the
// Prometheus HTTP API JSON document (or a short text form on a terminal without --json).
#include <chrono>
#include <cmath>
#include <ctime>
#include <optional>
#include <ostream>

#include "commands.h"
#include "pharos/promql/api_json.h"
#include "pharos/promql/engine.h"
#include "pharos/promql/parser.h"
#include "pharos/promql/printer.h"
#include "pharos/promql/tsdb_storage.h"
#include "pharos/tsdb/db.h"

namespace pharos::cli {
namespace {

// RFC 3339 ("2023-11-14T22:13:20Z", "...20.5+01:00") or Unix seconds ("1700000000.5").
std::optional<int64_t> parseTime(const std::string& s) {
    double secs;
    if (promql::parseNumber(s, &secs) && std::isfinite(secs))
        return static_cast<int64_t>(std::llround(secs * 1000));
    int y, mo, d, h, mi, sec;
    int n = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6)
        return std::nullopt;
    size_t i = static_cast<size_t>(n);
    int64_t ms = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        int digits = 0;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
            if (digits < 3) ms = ms * 10 + (s[i] - '0');
            ++digits;
            ++i;
        }
        for (; digits < 3; ++digits) ms *= 10;
    }
    int64_t tz = 0;
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
        ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        int th, tm;
        if (std::sscanf(s.c_str() + i + 1, "%2d:%2d", &th, &tm) != 2) return std::nullopt;
        tz = (th * 3600 + tm * 60) * (s[i] == '+' ? 1 : -1);
        i += 6;
    } else {
        return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    struct tm t {};
    t.tm_year = y - 1900;
    t.tm_mon = mo - 1;
    t.tm_mday = d;
    t.tm_hour = h;
    t.tm_min = mi;
    t.tm_sec = sec;
    return (static_cast<int64_t>(timegm(&t)) - tz) * 1000 + ms;
}

int printResult(Invocation& inv, const Result<promql::QueryResult>& r) {
    const bool json = inv.wantsJson(true);
    if (!r.ok()) {
        const bool parseErr = r.status().message().find("parse error") != std::string::npos;
        const std::string type = parseErr ? "bad_data"
                                 : r.status().code() == StatusCode::DeadlineExceeded ? "timeout"
                                 : r.status().code() == StatusCode::Cancelled ? "canceled"
                                                                               : "execution";
        if (json) {
            *inv.out << promql::errorToApiJson(type, r.status().message()) << "\n";
        } else {
            *inv.err << "pharos-cli " << inv.spec->name << ": " << r.status().message() << "\n";
        }
        return kExitUsage;
    }
    if (json) {
        *inv.out << promql::resultToApiJson(*r) << "\n";
        return kExitOk;
    }
    const auto& q = *r;
    switch (q.type) {
        case promql::ValueType::Scalar:
            *inv.out << "scalar: " << promql::formatApiValue(q.scalar) << "\n";
            break;
        case promql::ValueType::String:
            *inv.out << "string: " << q.str << "\n";
            break;
        case promql::ValueType::Vector:
            for (const auto& s : q.vector)
                *inv.out << s.labels.toString() << " => " << promql::formatApiValue(s.v) << " @["
                         << promql::formatApiTimestamp(s.t) << "]\n";
            break;
        default:
            for (const auto& s : q.matrix) {
                *inv.out << s.labels.toString() << " =>\n";
                for (const auto& p : s.points)
                    *inv.out << "  " << promql::formatApiValue(p.v) << " @["
                             << promql::formatApiTimestamp(p.t) << "]\n";
            }
    }
    for (const auto& w : q.annotations.warnings) *inv.err << "warning: " << w << "\n";
    return kExitOk;
}

struct Opened {
    std::unique_ptr<tsdb::DB> db;
    std::unique_ptr<promql::TsdbStorage> storage;
};

std::optional<Opened> openDb(Invocation& inv, int* exitCode) {
    auto db = tsdb::DB::open(inv.value("--db"));
    if (!db.ok()) {
        *exitCode = inv.inputError(inv.value("--db") + ": " + db.status().message());
        return std::nullopt;
    }
    Opened o;
    o.db = std::move(*db);
    o.storage = std::make_unique<promql::TsdbStorage>(o.db->querier());
    return o;
}

promql::EngineOptions engineOptions(Invocation& inv, bool* ok) {
    promql::EngineOptions opts;
    *ok = true;
    if (inv.has("--lookback-delta")) {
        auto d = promql::parseDurationMs(inv.value("--lookback-delta"));
        if (!d.ok() || *d <= 0) *ok = false;
        else opts.lookbackDeltaMs = *d;
    }
    if (inv.has("--timeout")) {
        auto d = promql::parseDurationMs(inv.value("--timeout"));
        if (!d.ok() || *d <= 0) *ok = false;
        else opts.timeout = std::chrono::milliseconds(*d);
    }
    return opts;
}

}  // namespace

std::vector<CommandSpec> queryCommands() {
    std::vector<CommandSpec> out;
    {
        CommandSpec c;
        c.name = "query";
        c.summary = "evaluate a PromQL expression at one time (instant query)";
        c.positional = "EXPR";
        c.minPositional = 1;
        c.maxPositional = 1;
        c.options = {{"--db", "DIR", "TSDB directory"},
                     {"--time", "T", "evaluation time, RFC 3339 or Unix seconds (default: now)"},
                     {"--lookback-delta", "D", "lookback delta (default 5m)"},
                     {"--timeout", "D", "query timeout (default 2m)"},
                     {"--json", "", "Prometheus API JSON (default when stdout is not a terminal)"}};
        c.run = [](Invocation& inv) {
            if (!inv.has("--db")) return inv.usageError("--db DIR is required");
            int64_t t = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
            if (inv.has("--time")) {
                auto pt = parseTime(inv.value("--time"));
                if (!pt) return inv.usageError("invalid --time '" + inv.value("--time") + "'");
                t = *pt;
            }
            bool ok;
            promql::EngineOptions opts = engineOptions(inv, &ok);
            if (!ok) return inv.usageError("invalid duration option");
            auto expr = promql::parse(inv.positional[0]);
            if (!expr.ok()) return printResult(inv, expr.status());
            int code = 0;
            auto db = openDb(inv, &code);
            if (!db) return code;
            return printResult(inv, promql::instantQuery(*db->storage, **expr, t, opts));
        };
        out.push_back(std::move(c));
    }
    {
        CommandSpec c;
        c.name = "query-range";
        c.summary = "evaluate a PromQL expression over a time range (range query)";
        c.positional = "EXPR";
        c.minPositional = 1;
        c.maxPositional = 1;
        c.options = {{"--db", "DIR", "TSDB directory"},
                     {"--start", "T", "start time, RFC 3339 or Unix seconds"},
                     {"--end", "T", "end time, RFC 3339 or Unix seconds"},
                     {"--step", "D", "resolution step (Prometheus duration or seconds)"},
                     {"--lookback-delta", "D", "lookback delta (default 5m)"},
                     {"--timeout", "D", "query timeout (default 2m)"},
                     {"--json", "", "Prometheus API JSON (default when stdout is not a terminal)"}};
        c.run = [](Invocation& inv) {
            for (const char* o : {"--db", "--start", "--end", "--step"})
                if (!inv.has(o)) return inv.usageError(std::string(o) + " is required");
            auto start = parseTime(inv.value("--start"));
            auto end = parseTime(inv.value("--end"));
            if (!start) return inv.usageError("invalid --start '" + inv.value("--start") + "'");
            if (!end) return inv.usageError("invalid --end '" + inv.value("--end") + "'");
            auto step = promql::parseDurationMs(inv.value("--step"));
            if (!step.ok() || *step <= 0)
                return inv.usageError("invalid --step '" + inv.value("--step") + "'");
            bool ok;
            promql::EngineOptions opts = engineOptions(inv, &ok);
            if (!ok) return inv.usageError("invalid duration option");
            auto expr = promql::parse(inv.positional[0]);
            if (!expr.ok()) return printResult(inv, expr.status());
            int code = 0;
            auto db = openDb(inv, &code);
            if (!db) return code;
            return printResult(inv, promql::rangeQuery(*db->storage, **expr, *start, *end, *step, opts));
        };
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace pharos::cli
