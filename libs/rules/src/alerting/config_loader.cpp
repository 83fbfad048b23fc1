// alertmanager.yml -> Config: decoding in document order with the checks of Alertmanager 0.25's
// config package (config.go UnmarshalYAML methods and config.Load), see config_loader.h.
#include "pharos/alerting/config_loader.h"

#include <algorithm>
#include <set>

#include "integration_decoder.h"
#include "pharos/duration.h"
#include "pharos/file_text.h"
#include "yaml_decoder.h"

namespace pharos::alerting {

const char* integrationTypeName(IntegrationType t) {
    switch (t) {
    case IntegrationType::Discord: return "discord";
    case IntegrationType::Email: return "email";
    case IntegrationType::Pagerduty: return "pagerduty";
    case IntegrationType::Slack: return "slack";
    case IntegrationType::Webhook: return "webhook";
    case IntegrationType::Opsgenie: return "opsgenie";
    case IntegrationType::Wechat: return "wechat";
    case IntegrationType::Pushover: return "pushover";
    case IntegrationType::Victorops: return "victorops";
    case IntegrationType::Sns: return "sns";
    case IntegrationType::Telegram: return "telegram";
    case IntegrationType::Webex: return "webex";
    case IntegrationType::Msteams: return "msteams";
    }
    return "?";
}

std::string IntegrationConfig::value(const std::string& field) const {
    const auto it = fields.find(field);
    return it == fields.end() ? std::string() : it->second.text;
}

const Receiver* Config::findReceiver(const std::string& name) const {
    for (const auto& r : receivers)
        if (r.name == name) return &r;
    return nullptr;
}

const NamedTimeInterval* Config::findTimeInterval(const std::string& name) const {
    for (const auto& t : timeIntervals)
        if (t.name == name) return &t;
    for (const auto& t : muteTimeIntervals)
        if (t.name == name) return &t;
    return nullptr;
}

Result<Matchers> legacyMatchers(const std::vector<std::pair<std::string, std::string>>& match,
                                const std::vector<std::pair<std::string, std::string>>& matchRe) {
    Matchers out;
    for (const auto& [n, v] : match) {
        PHAROS_ASSIGN_OR_RETURN(Matcher m, Matcher::create(MatchType::Equal, n, v));
        out.push_back(std::move(m));
    }
    for (const auto& [n, v] : matchRe) {
        // Alertmanager builds these from the compiled, anchored regexp's String().
        PHAROS_ASSIGN_OR_RETURN(Matcher m, Matcher::create(MatchType::Regexp, n, "^(?:" + v + ")$"));
        out.push_back(std::move(m));
    }
    return out;
}

namespace {

using detail::YamlDecoder;
using StrPairs = std::vector<std::pair<std::string, std::string>>;

template <typename Fn>
Status forEachField(YamlDecoder& dec, const YAML::Node& node, const char* goType, Fn fn) {
    if (!node || node.IsNull()) return {};
    if (!node.IsMap()) {
        dec.typeMismatch(node, goType);
        return {};
    }
    for (const auto& kv : node) {
        PHAROS_RETURN_IF_ERROR(fn(kv.first.Scalar(), kv.first, kv.second));
    }
    return {};
}

Result<Duration> decodeDuration(YamlDecoder& dec, const YAML::Node& n) {
    const std::string s = dec.str(n);
    // model.Duration.UnmarshalYAML: the shared Prometheus parser; common 0.38 reports an empty
    // string with its own message.
    if (s.empty()) return dec.error(n, "empty duration string");
    auto d = pharos::parseDuration(s);
    if (!d.ok()) return dec.error(n, d.status().message());
    return Duration(*d);
}

// compat.isValidUTF8LabelName: non-empty, valid UTF-8 (Go's utf8.ValidString).
bool isValidUtf8LabelName(const std::string& s) {
    if (s.empty()) return false;
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        unsigned int cp = n == 1 ? c : c & (0x7Fu >> n);
        for (size_t k = 1; k < n; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc >> 6) != 0x2) return false;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        // Overlong forms, surrogates and values past U+10FFFF are invalid, as in Go.
        if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return false;
        i += n;
    }
    return true;
}

Status checkLabelNames(YamlDecoder& dec, const YAML::Node& node, const StrPairs& pairs) {
    for (const auto& [k, v] : pairs)
        if (!isValidLabelName(k)) return dec.error(node, "invalid label name \"" + k + "\"");
    return {};
}

// MatchRegexps.UnmarshalYAML: valid names, non-null values that compile.
Result<StrPairs> decodeMatchRe(YamlDecoder& dec, const YAML::Node& node) {
    StrPairs out;
    if (!node || node.IsNull()) return out;
    if (!node.IsMap()) {
        dec.typeMismatch(node, "config.plain");
        return out;
    }
    for (const auto& kv : node) {
        const std::string k = kv.first.Scalar();
        if (kv.second.IsNull()) {
            if (!isValidLabelName(k)) return dec.error(kv.first, "invalid label name \"" + k + "\"");
            return dec.error(kv.first, "invalid regexp value for \"" + k + "\"");
        }
        const std::string v = dec.str(kv.second);
        auto m = Matcher::create(MatchType::Regexp, k, v);
        if (!m.ok()) return dec.error(kv.second, m.status().message());
        out.emplace_back(k, v);
    }
    for (const auto& [k, v] : out)
        if (!isValidLabelName(k)) return dec.error(node, "invalid label name \"" + k + "\"");
    std::sort(out.begin(), out.end());
    return out;
}

// config.Matchers.UnmarshalYAML: a list of matcher strings, each possibly several matchers.
Result<Matchers> decodeMatchers(YamlDecoder& dec, const YAML::Node& node) {
    Matchers out;
    if (!node || node.IsNull()) return out;
    if (!node.IsSequence()) {
        dec.typeMismatch(node, "[]string");
        return out;
    }
    for (const auto& item : node) {
        auto ms = parseMatchersClassic(dec.str(item));
        if (!ms.ok()) return dec.error(item, ms.status().message());
        for (auto& m : *ms) out.push_back(std::move(m));
    }
    sortMatchers(out);
    return out;
}

Status decodeGlobal(YamlDecoder& dec, const YAML::Node& node, GlobalConfig& g) {
    auto url = [&](const YAML::Node& v, std::optional<std::string>& dst, bool secret) -> Status {
        if (v.IsNull()) return {};
        const std::string s = dec.str(v);
        if (Status st = detail::checkUrl(s, secret); !st.ok()) return dec.error(v, st.message());
        dst = s;
        return {};
    };
    return forEachField(dec, node, "config.plain", [&](const std::string& k, const YAML::Node& key,
                                                       const YAML::Node& v) -> Status {
        if (k == "resolve_timeout") {
            PHAROS_ASSIGN_OR_RETURN(g.resolveTimeout, decodeDuration(dec, v));
        } else if (k == "http_config") {
            PHAROS_RETURN_IF_ERROR(detail::decodeHttpConfig(dec, v));
            g.httpConfig = v.IsNull() ? std::string() : detail::yamlText(v);
        } else if (k == "smtp_from") g.smtpFrom = dec.str(v);
        else if (k == "smtp_hello") g.smtpHello = dec.str(v);
        else if (k == "smtp_smarthost") {
            g.smtpSmarthost = dec.str(v);
            if (Status st = detail::checkHostPort(g.smtpSmarthost); !st.ok()) return dec.error(v, st.message());
        } else if (k == "smtp_auth_username") g.smtpAuthUsername = dec.str(v);
        else if (k == "smtp_auth_password") g.smtpAuthPassword = dec.str(v);
        else if (k == "smtp_auth_password_file") g.smtpAuthPasswordFile = dec.str(v);
        else if (k == "smtp_auth_secret") g.smtpAuthSecret = dec.str(v);
        else if (k == "smtp_auth_identity") g.smtpAuthIdentity = dec.str(v);
        else if (k == "smtp_require_tls") g.smtpRequireTls = dec.boolean(v);
        else if (k == "slack_api_url") return url(v, g.slackApiUrl, true);
        else if (k == "slack_api_url_file") g.slackApiUrlFile = dec.str(v);
        else if (k == "pagerduty_url") return url(v, g.pagerdutyUrl, false);
        else if (k == "opsgenie_api_url") return url(v, g.opsgenieApiUrl, false);
        else if (k == "opsgenie_api_key") g.opsgenieApiKey = dec.str(v);
        else if (k == "opsgenie_api_key_file") g.opsgenieApiKeyFile = dec.str(v);
        else if (k == "wechat_api_url") return url(v, g.wechatApiUrl, false);
        else if (k == "wechat_api_secret") g.wechatApiSecret = dec.str(v);
        else if (k == "wechat_api_corp_id") g.wechatApiCorpId = dec.str(v);
        else if (k == "victorops_api_url") return url(v, g.victoropsApiUrl, false);
        else if (k == "victorops_api_key") g.victoropsApiKey = dec.str(v);
        else if (k == "victorops_api_key_file") g.victoropsApiKeyFile = dec.str(v);
        else if (k == "telegram_api_url") return url(v, g.telegramApiUrl, false);
        else if (k == "webex_api_url") return url(v, g.webexApiUrl, false);
        else dec.unknownField(key, v, g.unknown);
        return {};
    });
}

Status decodeRoute(YamlDecoder& dec, const YAML::Node& node, RouteConfig& r) {
    r.where = dec.where(node);
    const size_t mark = dec.mark();
    if (Status fs = forEachField(dec, node, "config.plain", [&](const std::string& k,
                                                                       const YAML::Node& key,
                                                                       const YAML::Node& v) -> Status {
        if (k == "receiver") r.receiver = dec.str(v);
        else if (k == "group_by") r.groupByStr = dec.strList(v);
        else if (k == "match") {
            r.match = dec.strMap(v);
            std::sort(r.match.begin(), r.match.end());
        } else if (k == "match_re") {
            PHAROS_ASSIGN_OR_RETURN(r.matchRe, decodeMatchRe(dec, v));
        } else if (k == "matchers") {
            PHAROS_ASSIGN_OR_RETURN(r.matchers, decodeMatchers(dec, v));
        } else if (k == "mute_time_intervals") r.muteTimeIntervals = dec.strList(v);
        else if (k == "active_time_intervals") r.activeTimeIntervals = dec.strList(v);
        else if (k == "continue") r.continueMatching = dec.boolean(v);
        else if (k == "routes") {
            if (v.IsNull()) return {};
            if (!v.IsSequence()) {
                dec.typeMismatch(v, "[]*config.Route");
                return {};
            }
            for (const auto& child : v) {
                if (child.IsNull()) continue;
                RouteConfig c;
                PHAROS_RETURN_IF_ERROR(decodeRoute(dec, child, c));
                r.routes.push_back(std::move(c));
            }
        } else if (k == "group_wait") {
            if (v.IsNull()) return {};
            PHAROS_ASSIGN_OR_RETURN(r.groupWait, decodeDuration(dec, v));
        } else if (k == "group_interval") {
            if (v.IsNull()) return {};
            PHAROS_ASSIGN_OR_RETURN(r.groupInterval, decodeDuration(dec, v));
        } else if (k == "repeat_interval") {
            if (v.IsNull()) return {};
            PHAROS_ASSIGN_OR_RETURN(r.repeatInterval, decodeDuration(dec, v));
        } else {
            dec.unknownField(key, v, r.unknown);
        }
        return {};
    }); !fs.ok()) return fs;
    if (!dec.cleanSince(mark) && dec.strict()) return {};
    // Route.UnmarshalYAML's checks.
    PHAROS_RETURN_IF_ERROR(checkLabelNames(dec, node, r.match));
    std::set<std::string> seen;
    for (const auto& l : r.groupByStr) {
        if (l == "...") {
            r.groupByAll = true;
            continue;
        }
        // 0.27 checks through matchers/compat, whose default (fallback) mode accepts any
        // non-empty UTF-8 name.
        const bool valid = dec.versionMinor() >= 27 ? isValidUtf8LabelName(l) : isValidLabelName(l);
        if (!valid) return dec.error(node["group_by"], "invalid label name \"" + l + "\" in group_by list");
        r.groupBy.push_back(l);
    }
    if (!r.groupBy.empty() && r.groupByAll)
        return dec.error(node["group_by"],
                         "cannot have wildcard group_by (`...`) and other other labels at the same time");
    for (const auto& l : r.groupBy)
        if (!seen.insert(l).second)
            return dec.error(node["group_by"], "duplicated label \"" + l + "\" in group_by");
    if (r.groupInterval && r.groupInterval->count() == 0)
        return dec.error(node["group_interval"], "group_interval cannot be zero");
    if (r.repeatInterval && r.repeatInterval->count() == 0)
        return dec.error(node["repeat_interval"], "repeat_interval cannot be zero");
    return {};
}

Status decodeInhibitRule(YamlDecoder& dec, const YAML::Node& node, InhibitRule& ir) {
    ir.where = dec.where(node);
    const size_t mark = dec.mark();
    if (Status fs = forEachField(dec, node, "config.plain", [&](const std::string& k,
                                                                       const YAML::Node& key,
                                                                       const YAML::Node& v) -> Status {
        if (k == "source_match") ir.sourceMatch = dec.strMap(v);
        else if (k == "target_match") ir.targetMatch = dec.strMap(v);
        else if (k == "source_match_re") {
            PHAROS_ASSIGN_OR_RETURN(ir.sourceMatchRe, decodeMatchRe(dec, v));
        } else if (k == "target_match_re") {
            PHAROS_ASSIGN_OR_RETURN(ir.targetMatchRe, decodeMatchRe(dec, v));
        } else if (k == "source_matchers") {
            PHAROS_ASSIGN_OR_RETURN(ir.sourceMatchers, decodeMatchers(dec, v));
        } else if (k == "target_matchers") {
            PHAROS_ASSIGN_OR_RETURN(ir.targetMatchers, decodeMatchers(dec, v));
        } else if (k == "equal") {
            ir.equal = dec.strList(v);
            for (const auto& l : ir.equal)
                if (!isValidLabelName(l)) return dec.error(v, "\"" + l + "\" is not a valid label name");
        } else {
            dec.unknownField(key, v, ir.unknown);
        }
        return {};
    }); !fs.ok()) return fs;
    std::sort(ir.sourceMatch.begin(), ir.sourceMatch.end());
    std::sort(ir.targetMatch.begin(), ir.targetMatch.end());
    if (!dec.cleanSince(mark) && dec.strict()) return {};
    PHAROS_RETURN_IF_ERROR(checkLabelNames(dec, node, ir.sourceMatch));
    return checkLabelNames(dec, node, ir.targetMatch);
}

Status decodeReceiver(YamlDecoder& dec, const YAML::Node& node, Receiver& rcv) {
    rcv.where = dec.where(node);
    const size_t mark = dec.mark();
    if (Status fs = forEachField(dec, node, "config.plain", [&](const std::string& k,
                                                                       const YAML::Node& key,
                                                                       const YAML::Node& v) -> Status {
        if (k == "name") {
            rcv.name = dec.str(v);
            return {};
        }
        const auto type = detail::integrationForKey(k, dec);
        if (!type) {
            dec.unknownField(key, v, rcv.unknown);
            return {};
        }
        if (v.IsNull()) return {};
        if (!v.IsSequence()) {
            dec.typeMismatch(v, "[]*config.Config");
            return {};
        }
        for (const auto& item : v) {
            PHAROS_ASSIGN_OR_RETURN(IntegrationConfig ic, detail::decodeIntegration(dec, *type, item));
            rcv.integrations.push_back(std::move(ic));
        }
        return {};
    }); !fs.ok()) return fs;
    if (!dec.cleanSince(mark) && dec.strict()) return {};
    if (rcv.name.empty()) return dec.error(node, "missing name in receiver");
    return {};
}

template <typename ParseFn>
Status decodeRanges(YamlDecoder& dec, const YAML::Node& v, std::vector<InclusiveRange>& out, ParseFn parse) {
    for (const auto& s : dec.strList(v)) {
        auto r = parse(s);
        if (!r.ok()) return dec.error(v, r.status().message());
        out.push_back(*r);
    }
    return {};
}

Status decodeTimeIntervalSpec(YamlDecoder& dec, const YAML::Node& node, TimeInterval& ti) {
    return forEachField(dec, node, "timeinterval.TimeInterval", [&](const std::string& k,
                                                                    const YAML::Node& key,
                                                                    const YAML::Node& v) -> Status {
        if (k == "times") {
            if (v.IsNull()) return {};
            if (!v.IsSequence()) {
                dec.typeMismatch(v, "[]timeinterval.TimeRange");
                return {};
            }
            for (const auto& t : v) {
                std::string start, end;
                UnknownFields ignored;
                if (Status fs = forEachField(dec, t, "timeinterval.yamlTimeRange",
                                                    [&](const std::string& tk, const YAML::Node& tkey,
                                                        const YAML::Node& tv) -> Status {
                    if (tk == "start_time") start = dec.str(tv);
                    else if (tk == "end_time") end = dec.str(tv);
                    else dec.unknownField(tkey, tv, ignored, "timeinterval.yamlTimeRange");
                    return {};
                }); !fs.ok()) return fs;
                if (start.empty() || end.empty())
                    return dec.error(t, "both start and end times must be provided");
                auto s = parseClockTime(start);
                if (!s.ok()) return dec.error(t, s.status().message());
                auto e = parseClockTime(end);
                if (!e.ok()) return dec.error(t, e.status().message());
                if (*s >= *e) return dec.error(t, "start time cannot be equal or greater than end time");
                ti.times.push_back(TimeRange{*s, *e});
            }
            return {};
        }
        if (k == "weekdays") return decodeRanges(dec, v, ti.weekdays, parseWeekdayRange);
        if (k == "days_of_month") return decodeRanges(dec, v, ti.daysOfMonth, parseDayOfMonthRange);
        if (k == "months") return decodeRanges(dec, v, ti.months, parseMonthRange);
        if (k == "years") return decodeRanges(dec, v, ti.years, parseYearRange);
        if (k == "location") {
            ti.location = dec.str(v);
            auto z = lookupZone(ti.location);
            if (!z.ok()) return dec.error(v, z.status().message());
            ti.zone = *z;
            return {};
        }
        dec.unknownField(key, v, ti.unknown, "timeinterval.TimeInterval");
        return {};
    });
}

Status decodeNamedInterval(YamlDecoder& dec, const YAML::Node& node, NamedTimeInterval& nti, bool legacy) {
    const size_t mark = dec.mark();
    if (Status fs = forEachField(dec, node, "config.plain", [&](const std::string& k,
                                                                       const YAML::Node& key,
                                                                       const YAML::Node& v) -> Status {
        if (k == "name") nti.name = dec.str(v);
        else if (k == "time_intervals") {
            if (v.IsNull()) return {};
            if (!v.IsSequence()) {
                dec.typeMismatch(v, "[]timeinterval.TimeInterval");
                return {};
            }
            for (const auto& spec : v) {
                TimeInterval ti;
                PHAROS_RETURN_IF_ERROR(decodeTimeIntervalSpec(dec, spec, ti));
                nti.intervals.push_back(std::move(ti));
            }
        } else {
            dec.unknownField(key, v, nti.unknown);
        }
        return {};
    }); !fs.ok()) return fs;
    if (!dec.cleanSince(mark) && dec.strict()) return {};
    if (nti.name.empty())
        return dec.error(node, legacy ? "missing name in mute time interval" : "missing name in time interval");
    return {};
}

template <typename T, typename Fn>
Status decodeList(YamlDecoder& dec, const YAML::Node& v, const char* goType, std::vector<T>& out, Fn fn) {
    if (v.IsNull()) return {};
    if (!v.IsSequence()) {
        dec.typeMismatch(v, goType);
        return {};
    }
    for (const auto& item : v) {
        T t;
        PHAROS_RETURN_IF_ERROR(fn(item, t));
        out.push_back(std::move(t));
    }
    return {};
}

Status checkRouteReceivers(const RouteConfig& r, const std::set<std::string>& names) {
    for (const auto& c : r.routes) PHAROS_RETURN_IF_ERROR(checkRouteReceivers(c, names));
    if (!r.receiver.empty() && !names.count(r.receiver))
        return Status::invalidArgument("undefined receiver \"" + r.receiver + "\" used in route", r.where);
    return {};
}

Status checkRouteIntervals(const RouteConfig& r, const std::set<std::string>& names) {
    for (const auto& c : r.routes) PHAROS_RETURN_IF_ERROR(checkRouteIntervals(c, names));
    for (const auto* list : {&r.activeTimeIntervals, &r.muteTimeIntervals})
        for (const auto& n : *list)
            if (!names.count(n))
                return Status::invalidArgument("undefined time interval \"" + n + "\" used in route", r.where);
    return {};
}

// The order in which config.Config.UnmarshalYAML visits a receiver's integrations.
int globalPassOrder(IntegrationType t) {
    switch (t) {
    case IntegrationType::Webhook: return 0;
    case IntegrationType::Email: return 1;
    case IntegrationType::Slack: return 2;
    case IntegrationType::Pushover: return 3;
    case IntegrationType::Pagerduty: return 4;
    case IntegrationType::Opsgenie: return 5;
    case IntegrationType::Wechat: return 6;
    case IntegrationType::Victorops: return 7;
    case IntegrationType::Sns: return 8;
    case IntegrationType::Telegram: return 9;
    case IntegrationType::Discord: return 10;
    case IntegrationType::Webex: return 11;
    case IntegrationType::Msteams: return 12;
    }
    return 13;
}

// Config.UnmarshalYAML after the plain decode: global exclusivity, receiver defaults, root route.
Status checkConfig(Config& c, const SourceLocation& top, int versionMinor) {
    const GlobalConfig& g = c.global;
    auto fail = [&](const std::string& msg) { return Status::invalidArgument(msg, top); };
    if (g.slackApiUrl && !g.slackApiUrlFile.empty())
        return fail("at most one of slack_api_url & slack_api_url_file must be configured");
    if (!g.opsgenieApiKey.empty() && !g.opsgenieApiKeyFile.empty())
        return fail("at most one of opsgenie_api_key & opsgenie_api_key_file must be configured");
    if (!g.victoropsApiKey.empty() && !g.victoropsApiKeyFile.empty())
        return fail("at most one of victorops_api_key & victorops_api_key_file must be configured");
    if (!g.smtpAuthPassword.empty() && !g.smtpAuthPasswordFile.empty())
        return fail("at most one of smtp_auth_password & smtp_auth_password_file must be configured");

    std::set<std::string> names;
    for (auto& rcv : c.receivers) {
        if (names.count(rcv.name))
            return Status::invalidArgument("notification config name \"" + rcv.name + "\" is not unique", rcv.where);
        std::vector<IntegrationConfig*> order;
        for (auto& ic : rcv.integrations) order.push_back(&ic);
        std::stable_sort(order.begin(), order.end(), [](const IntegrationConfig* a, const IntegrationConfig* b) {
            return globalPassOrder(a->type) < globalPassOrder(b->type);
        });
        for (auto* ic : order) PHAROS_RETURN_IF_ERROR(detail::applyGlobalDefaults(g, *ic, versionMinor));
        names.insert(rcv.name);
    }
    if (!c.route) return fail("no routes provided");
    const RouteConfig& root = *c.route;
    if (root.receiver.empty())
        return Status::invalidArgument("root route must specify a default receiver", root.where);
    if (root.hasMatchers()) return Status::invalidArgument("root route must not have any matchers", root.where);
    if (!root.muteTimeIntervals.empty())
        return Status::invalidArgument("root route must not have any mute time intervals", root.where);
    if (!root.activeTimeIntervals.empty())
        return Status::invalidArgument("root route must not have any active time intervals", root.where);
    PHAROS_RETURN_IF_ERROR(checkRouteReceivers(root, names));
    std::set<std::string> ti;
    for (const auto& mt : c.muteTimeIntervals)
        if (!ti.insert(mt.name).second) return fail("mute time interval \"" + mt.name + "\" is not unique");
    for (const auto& t : c.timeIntervals)
        if (!ti.insert(t.name).second) return fail("time interval \"" + t.name + "\" is not unique");
    return checkRouteIntervals(root, ti);
}

}  // namespace

Result<Config> parseConfig(std::string_view text, const std::string& fileName, LoadOptions options) {
    YAML::Node doc;
    try {
        doc = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        return Status::invalidArgument("yaml: line " + std::to_string(e.mark.line + 1) + ": " + e.msg,
                                       SourceLocation{fileName, e.mark.line + 1, e.mark.column + 1});
    }
    Config c;
    YamlDecoder dec(fileName, options.strict);
    if (options.version.major != 0) return Status::invalidArgument("unsupported Alertmanager version");
    dec.setVersionMinor(options.version.minor);
    const SourceLocation top{fileName, 0, 0};
    try {
        bool decoded = false;  // yaml.v2 calls Config.UnmarshalYAML only for a non-empty document
        if (doc && !doc.IsNull()) {
            decoded = true;
            if (Status fs = forEachField(dec, doc, "config.plain", [&](const std::string& k,
                                                                              const YAML::Node& key,
                                                                              const YAML::Node& v) -> Status {
                if (k == "global") {
                    if (v.IsNull()) return {};
                    c.global = GlobalConfig{};
                    return decodeGlobal(dec, v, c.global);
                }
                if (k == "route") {
                    if (v.IsNull()) return {};
                    RouteConfig r;
                    PHAROS_RETURN_IF_ERROR(decodeRoute(dec, v, r));
                    c.route = std::move(r);
                    return {};
                }
                if (k == "inhibit_rules")
                    return decodeList(dec, v, dec.versionMinor() >= 26 ? "[]config.InhibitRule" : "[]*config.InhibitRule",
                                      c.inhibitRules,
                                      [&](const YAML::Node& n, InhibitRule& ir) { return decodeInhibitRule(dec, n, ir); });
                if (k == "receivers")
                    return decodeList(dec, v, dec.versionMinor() >= 26 ? "[]config.Receiver" : "[]*config.Receiver",
                                      c.receivers, [&](const YAML::Node& n, Receiver& r) -> Status {
                                          // From 0.26 receivers are values: yaml.v2 leaves a null entry
                                          // the zero Receiver (no name, no check). 0.25 crashes on it.
                                          if (n.IsNull() && dec.versionMinor() >= 26) {
                                              r.where = dec.where(n);
                                              return {};
                                          }
                                          return decodeReceiver(dec, n, r);
                                      });
                if (k == "templates") {
                    c.templates = dec.strList(v);
                    return {};
                }
                if (k == "mute_time_intervals")
                    return decodeList(dec, v, "[]config.MuteTimeInterval", c.muteTimeIntervals,
                                      [&](const YAML::Node& n, NamedTimeInterval& t) {
                                          return decodeNamedInterval(dec, n, t, true);
                                      });
                if (k == "time_intervals")
                    return decodeList(dec, v, "[]config.TimeInterval", c.timeIntervals,
                                      [&](const YAML::Node& n, NamedTimeInterval& t) {
                                          return decodeNamedInterval(dec, n, t, false);
                                      });
                dec.unknownField(key, v, c.unknown);
                return {};
            }); !fs.ok()) return fs;
        }
        if (!dec.typeErrors().empty() && (options.strict || !doc.IsMap())) {
            std::string msg = "yaml: unmarshal errors:";
            for (const auto& e : dec.typeErrors()) msg += "\n  " + e;
            return Status::invalidArgument(msg, top);
        }
        if (decoded) PHAROS_RETURN_IF_ERROR(checkConfig(c, top, dec.versionMinor()));
    } catch (const YAML::Exception& e) {
        return Status::invalidArgument(e.msg, SourceLocation{fileName, e.mark.line + 1, e.mark.column + 1});
    }
    // config.Load's own checks, which also apply to an empty document.
    if (!c.route) return Status::invalidArgument("no route provided in config", top);
    if (c.route->continueMatching)
        return Status::invalidArgument("cannot have continue in root route", c.route->where);
    return c;
}

Result<AlertmanagerVersion> parseAlertmanagerVersion(std::string_view text) {
    std::string_view t = text;
    if (!t.empty() && t[0] == 'v') t.remove_prefix(1);
    AlertmanagerVersion v;
    int* parts[] = {&v.major, &v.minor};
    size_t i = 0;
    for (int* part : parts) {
        const size_t start = i;
        long long n = 0;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9' && n < 100000) n = n * 10 + (t[i++] - '0');
        if (i == start) return Status::invalidArgument("invalid Alertmanager version \"" + std::string(text) + "\"");
        *part = static_cast<int>(n);
        if (part == parts[0]) {
            if (i >= t.size() || t[i] != '.')
                return Status::invalidArgument("invalid Alertmanager version \"" + std::string(text) + "\"");
            ++i;
        }
    }
    if (i < t.size()) {  // an optional patch number
        if (t[i] != '.' || i + 1 >= t.size() ||
            t.substr(i + 1).find_first_not_of("0123456789") != std::string_view::npos)
            return Status::invalidArgument("invalid Alertmanager version \"" + std::string(text) + "\"");
    }
    return v;
}

Result<Config> loadConfigFile(const std::string& path, LoadOptions options) {
    auto text = readFileText(path);
    if (!text.ok()) return Status::invalidArgument(text.status().message(), SourceLocation{path, 0, 0});
    return parseConfig(*text, path, options);
}

std::vector<std::string> configSummary(const Config& c) {
    std::vector<std::string> out;
    out.push_back("global config");
    if (c.route) out.push_back("route");
    out.push_back(std::to_string(c.inhibitRules.size()) + " inhibit rules");
    out.push_back(std::to_string(c.receivers.size()) + " receivers");
    out.push_back(std::to_string(c.templates.size()) + " templates");
    return out;
}

}  // namespace pharos::alerting
