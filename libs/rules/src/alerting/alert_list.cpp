// JSON alert timelines (Alertmanager API v2 shape) and RFC 3339 timestamps.
#include "pharos/alerting/alert_list.h"

#include <date/date.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <sstream>

namespace pharos::alerting {

Result<TimePoint> parseTimestamp(std::string_view text) {
    const std::string s(text);
    double unix = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), unix);
    if (!s.empty() && ec == std::errc() && p == s.data() + s.size())
        return TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::duration<double>(unix)));
    for (const char* fmt : {"%FT%T%Ez", "%FT%TZ", "%FT%Tz", "%F %T%Ez", "%F %TZ"}) {
        std::istringstream in(s);
        date::sys_time<std::chrono::microseconds> tp;
        in >> date::parse(fmt, tp);
        if (!in.fail() && in.peek() == std::char_traits<char>::eof())
            return std::chrono::time_point_cast<TimePoint::duration>(tp);
    }
    return Status::invalidArgument("cannot parse \"" + s + "\" as an RFC 3339 time or Unix seconds");
}

std::string formatTimestamp(TimePoint t) {
    const auto ms = date::floor<std::chrono::milliseconds>(t);
    if (ms.time_since_epoch().count() % 1000 == 0) return date::format("%FT%TZ", date::floor<std::chrono::seconds>(t));
    return date::format("%FT%TZ", ms);
}

Result<std::vector<Alert>> parseAlertsJson(std::string_view json, const std::string& fileName) {
    YAML::Node doc;
    try {
        doc = YAML::Load(std::string(json));
    } catch (const YAML::Exception& e) {
        return Status::invalidArgument(e.msg, SourceLocation{fileName, e.mark.line + 1, e.mark.column + 1});
    }
    auto where = [&](const YAML::Node& n) {
        return SourceLocation{fileName, n.Mark().line + 1, n.Mark().column + 1};
    };
    if (!doc.IsSequence()) return Status::invalidArgument("expected a JSON list of alerts", where(doc));
    std::vector<Alert> out;
    for (const auto& item : doc) {
        if (!item.IsMap()) return Status::invalidArgument("an alert must be an object", where(item));
        Alert a;
        for (const char* field : {"labels", "annotations"}) {
            const YAML::Node m = item[field];
            if (!m) continue;
            if (!m.IsMap()) return Status::invalidArgument(std::string(field) + " must be an object", where(m));
            for (const auto& kv : m) {
                if (!kv.second.IsScalar())
                    return Status::invalidArgument(std::string(field) + " values must be strings", where(kv.second));
                (std::string(field) == "labels" ? a.labels : a.annotations)[kv.first.Scalar()] = kv.second.Scalar();
            }
        }
        if (a.labels.empty()) return Status::invalidArgument("alert without labels", where(item));
        if (!item["startsAt"]) return Status::invalidArgument("alert without startsAt", where(item));
        auto start = parseTimestamp(item["startsAt"].Scalar());
        if (!start.ok()) return start.status().withLocation(where(item["startsAt"]));
        a.startsAt = *start;
        if (item["endsAt"] && !item["endsAt"].IsNull() && !item["endsAt"].Scalar().empty()) {
            auto end = parseTimestamp(item["endsAt"].Scalar());
            if (!end.ok()) return end.status().withLocation(where(item["endsAt"]));
            a.endsAt = *end;
        }
        if (const YAML::Node g = item["generatorURL"]; g && g.IsScalar()) a.generatorURL = g.Scalar();
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace pharos::alerting
