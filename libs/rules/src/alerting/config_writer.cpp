// Config -> alertmanager.yml, the inverse of config_loader.cpp (see config_writer.h).
#include "pharos/alerting/config_writer.h"

#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <functional>
#include <map>

#include "integration_decoder.h"
#include "pharos/duration.h"

namespace pharos::alerting {
namespace {

// YAML text kept by the loader (a scalar, map or list) back to a node.
YAML::Node fromText(const std::string& text) {
    try {
        return YAML::Load(text);
    } catch (const YAML::Exception&) {
        return YAML::Node(text);
    }
}

void putUnknown(YAML::Node& node, const UnknownFields& unknown) {
    for (const auto& [k, v] : unknown) node[k] = fromText(v);
}

YAML::Node pairsMap(const std::vector<std::pair<std::string, std::string>>& pairs) {
    YAML::Node m(YAML::NodeType::Map);
    for (const auto& [k, v] : pairs) m[k] = v;
    return m;
}

YAML::Node matcherList(const Matchers& ms) {
    YAML::Node l(YAML::NodeType::Sequence);
    for (const auto& m : ms) l.push_back(m.toString());
    return l;
}

YAML::Node stringList(const std::vector<std::string>& v) {
    YAML::Node l(YAML::NodeType::Sequence);
    for (const auto& s : v) l.push_back(s);
    return l;
}

std::string duration(Duration d) { return pharos::formatDuration(d.count()); }

YAML::Node writeGlobal(const GlobalConfig& g) {
    const GlobalConfig def;
    YAML::Node n(YAML::NodeType::Map);
    if (g.resolveTimeout != def.resolveTimeout) n["resolve_timeout"] = duration(g.resolveTimeout);
    if (!g.httpConfig.empty()) n["http_config"] = fromText(g.httpConfig);
    auto str = [&](const char* key, const std::string& v, const std::string& d) {
        if (v != d) n[key] = v;
    };
    auto opt = [&](const char* key, const std::optional<std::string>& v, const std::optional<std::string>& d) {
        if (v && v != d) n[key] = *v;
    };
    str("smtp_from", g.smtpFrom, def.smtpFrom);
    str("smtp_hello", g.smtpHello, def.smtpHello);
    str("smtp_smarthost", g.smtpSmarthost, def.smtpSmarthost);
    str("smtp_auth_username", g.smtpAuthUsername, def.smtpAuthUsername);
    str("smtp_auth_password", g.smtpAuthPassword, def.smtpAuthPassword);
    str("smtp_auth_password_file", g.smtpAuthPasswordFile, def.smtpAuthPasswordFile);
    str("smtp_auth_secret", g.smtpAuthSecret, def.smtpAuthSecret);
    str("smtp_auth_identity", g.smtpAuthIdentity, def.smtpAuthIdentity);
    if (g.smtpRequireTls != def.smtpRequireTls) n["smtp_require_tls"] = g.smtpRequireTls;
    opt("slack_api_url", g.slackApiUrl, def.slackApiUrl);
    str("slack_api_url_file", g.slackApiUrlFile, def.slackApiUrlFile);
    opt("pagerduty_url", g.pagerdutyUrl, def.pagerdutyUrl);
    opt("opsgenie_api_url", g.opsgenieApiUrl, def.opsgenieApiUrl);
    str("opsgenie_api_key", g.opsgenieApiKey, def.opsgenieApiKey);
    str("opsgenie_api_key_file", g.opsgenieApiKeyFile, def.opsgenieApiKeyFile);
    opt("wechat_api_url", g.wechatApiUrl, def.wechatApiUrl);
    str("wechat_api_secret", g.wechatApiSecret, def.wechatApiSecret);
    str("wechat_api_corp_id", g.wechatApiCorpId, def.wechatApiCorpId);
    opt("victorops_api_url", g.victoropsApiUrl, def.victoropsApiUrl);
    str("victorops_api_key", g.victoropsApiKey, def.victoropsApiKey);
    str("victorops_api_key_file", g.victoropsApiKeyFile, def.victoropsApiKeyFile);
    opt("telegram_api_url", g.telegramApiUrl, def.telegramApiUrl);
    opt("webex_api_url", g.webexApiUrl, def.webexApiUrl);
    putUnknown(n, g.unknown);
    return n;
}

YAML::Node writeRoute(const RouteConfig& r) {
    YAML::Node n(YAML::NodeType::Map);
    if (!r.receiver.empty()) n["receiver"] = r.receiver;
    if (!r.groupByStr.empty()) n["group_by"] = stringList(r.groupByStr);
    if (r.continueMatching) n["continue"] = true;
    if (!r.match.empty()) n["match"] = pairsMap(r.match);
    if (!r.matchRe.empty()) n["match_re"] = pairsMap(r.matchRe);
    if (!r.matchers.empty()) n["matchers"] = matcherList(r.matchers);
    if (!r.muteTimeIntervals.empty()) n["mute_time_intervals"] = stringList(r.muteTimeIntervals);
    if (!r.activeTimeIntervals.empty()) n["active_time_intervals"] = stringList(r.activeTimeIntervals);
    if (r.groupWait) n["group_wait"] = duration(*r.groupWait);
    if (r.groupInterval) n["group_interval"] = duration(*r.groupInterval);
    if (r.repeatInterval) n["repeat_interval"] = duration(*r.repeatInterval);
    if (!r.routes.empty()) {
        YAML::Node routes(YAML::NodeType::Sequence);
        for (const auto& c : r.routes) routes.push_back(writeRoute(c));
        n["routes"] = routes;
    }
    putUnknown(n, r.unknown);
    return n;
}

YAML::Node writeInhibitRule(const InhibitRule& ir) {
    YAML::Node n(YAML::NodeType::Map);
    if (!ir.sourceMatch.empty()) n["source_match"] = pairsMap(ir.sourceMatch);
    if (!ir.sourceMatchRe.empty()) n["source_match_re"] = pairsMap(ir.sourceMatchRe);
    if (!ir.sourceMatchers.empty()) n["source_matchers"] = matcherList(ir.sourceMatchers);
    if (!ir.targetMatch.empty()) n["target_match"] = pairsMap(ir.targetMatch);
    if (!ir.targetMatchRe.empty()) n["target_match_re"] = pairsMap(ir.targetMatchRe);
    if (!ir.targetMatchers.empty()) n["target_matchers"] = matcherList(ir.targetMatchers);
    if (!ir.equal.empty()) n["equal"] = stringList(ir.equal);
    putUnknown(n, ir.unknown);
    return n;
}

YAML::Node writeIntegration(const IntegrationConfig& ic) {
    // A null list entry loads as an integration without fields (yaml.v2 leaves the zero value).
    if (ic.fields.empty() && ic.unknown.empty() && !ic.sendResolved) return YAML::Node(YAML::NodeType::Null);
    YAML::Node n(YAML::NodeType::Map);
    if (ic.sendResolved != detail::defaultSendResolved(ic.type)) n["send_resolved"] = ic.sendResolved;
    for (const auto& [name, v] : ic.fields) {
        if (v.fromDefault) continue;
        n[name] = v.structured ? fromText(v.text) : YAML::Node(v.text);
    }
    putUnknown(n, ic.unknown);
    return n;
}

YAML::Node writeReceiver(const Receiver& r) {
    // A null entry loads (0.26+) as a receiver without name or integrations.
    if (r.name.empty() && r.integrations.empty() && r.unknown.empty()) return YAML::Node(YAML::NodeType::Null);
    YAML::Node n(YAML::NodeType::Map);
    n["name"] = r.name;
    // Integrations of one type together, types in order of first appearance.
    std::vector<IntegrationType> order;
    std::map<IntegrationType, YAML::Node> lists;
    for (const auto& ic : r.integrations) {
        if (!lists.count(ic.type)) {
            order.push_back(ic.type);
            lists[ic.type] = YAML::Node(YAML::NodeType::Sequence);
        }
        lists[ic.type].push_back(writeIntegration(ic));
    }
    for (IntegrationType t : order) n[detail::integrationKey(t)] = lists[t];
    putUnknown(n, r.unknown);
    return n;
}

std::string rangeText(const InclusiveRange& r, const std::function<std::string(int)>& name) {
    return r.begin == r.end ? name(r.begin) : name(r.begin) + ":" + name(r.end);
}

YAML::Node writeTimeInterval(const TimeInterval& ti) {
    static const char* const kWeekdays[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
    static const char* const kMonths[] = {"",     "january", "february", "march",    "april",   "may",
                                          "june", "july",    "august",   "september", "october", "november",
                                          "december"};
    YAML::Node n(YAML::NodeType::Map);
    auto clock = [](int minutes) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
        return std::string(buf);
    };
    if (!ti.times.empty()) {
        YAML::Node times(YAML::NodeType::Sequence);
        for (const auto& t : ti.times) {
            YAML::Node tr(YAML::NodeType::Map);
            tr["start_time"] = clock(t.startMinute);
            tr["end_time"] = clock(t.endMinute);
            times.push_back(tr);
        }
        n["times"] = times;
    }
    auto ranges = [&](const char* key, const std::vector<InclusiveRange>& rs, const std::function<std::string(int)>& name) {
        if (rs.empty()) return;
        YAML::Node l(YAML::NodeType::Sequence);
        for (const auto& r : rs) l.push_back(rangeText(r, name));
        n[key] = l;
    };
    const auto number = [](int v) { return std::to_string(v); };
    ranges("weekdays", ti.weekdays, [](int d) { return std::string(kWeekdays[d % 7]); });
    ranges("days_of_month", ti.daysOfMonth, number);
    ranges("months", ti.months, [](int m) { return m >= 1 && m <= 12 ? std::string(kMonths[m]) : std::to_string(m); });
    ranges("years", ti.years, number);
    if (!ti.location.empty()) n["location"] = ti.location;
    putUnknown(n, ti.unknown);
    return n;
}

YAML::Node writeNamedInterval(const NamedTimeInterval& nti) {
    YAML::Node n(YAML::NodeType::Map);
    n["name"] = nti.name;
    YAML::Node list(YAML::NodeType::Sequence);
    for (const auto& ti : nti.intervals) list.push_back(writeTimeInterval(ti));
    n["time_intervals"] = list;
    putUnknown(n, nti.unknown);
    return n;
}

}  // namespace

std::string writeConfig(const Config& c) {
    YAML::Node doc(YAML::NodeType::Map);
    if (YAML::Node g = writeGlobal(c.global); g.size() > 0) doc["global"] = g;
    if (c.route) doc["route"] = writeRoute(*c.route);
    if (!c.inhibitRules.empty()) {
        YAML::Node l(YAML::NodeType::Sequence);
        for (const auto& ir : c.inhibitRules) l.push_back(writeInhibitRule(ir));
        doc["inhibit_rules"] = l;
    }
    if (!c.receivers.empty()) {
        YAML::Node l(YAML::NodeType::Sequence);
        for (const auto& r : c.receivers) l.push_back(writeReceiver(r));
        doc["receivers"] = l;
    }
    if (!c.templates.empty()) doc["templates"] = stringList(c.templates);
    if (!c.muteTimeIntervals.empty()) {
        YAML::Node l(YAML::NodeType::Sequence);
        for (const auto& t : c.muteTimeIntervals) l.push_back(writeNamedInterval(t));
        doc["mute_time_intervals"] = l;
    }
    if (!c.timeIntervals.empty()) {
        YAML::Node l(YAML::NodeType::Sequence);
        for (const auto& t : c.timeIntervals) l.push_back(writeNamedInterval(t));
        doc["time_intervals"] = l;
    }
    putUnknown(doc, c.unknown);
    YAML::Emitter out;
    out << doc;
    return std::string(out.c_str()) + "\n";
}

}  // namespace pharos::alerting
