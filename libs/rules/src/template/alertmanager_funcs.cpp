// Alertmanager notification template functions and data (template.Data, Alert, KV, Pairs).
#include "pharos/template/alertmanager_funcs.h"

#include <algorithm>
#include <chrono>

#include "pharos/template/format.h"
#include "pharos/template/go_time.h"
#include "text_funcs.h"

namespace pharos::gotemplate {

namespace {

NativeFn str1(std::string (*f)(std::string_view)) {
    return [f](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string s, stringArg(a[0]));
        return Value(f(s));
    };
}

// A []string argument (also accepts the underlying list of named slice types).
Result<std::vector<std::string>> stringList(const Value& v0) {
    const Value& v = (v0.kind() == Kind::Object && !v0.asObject().underlying().isNil()) ? v0.asObject().underlying() : v0;
    if (v.kind() != Kind::List) {
        if (v.isNil()) return std::vector<std::string>{};
        return Status::invalidArgument("wrong type for value; expected []string; got " + v.typeName());
    }
    std::vector<std::string> out;
    for (const auto& e : v.asList()) {
        if (e.kind() != Kind::String) {
            return Status::invalidArgument("wrong type for value; expected []string; got " + v.typeName());
        }
        out.push_back(e.asString());
    }
    return out;
}

Value stringsValue(const std::vector<std::string>& s) {
    List l;
    l.reserve(s.size());
    for (const auto& x : s) l.push_back(Value(x));
    return Value(std::move(l));
}

Result<int64_t> timeArg(const Value& v, std::string& zone) {
    int64_t ns = 0;
    if (!timeOf(v, ns, zone)) {
        if (v.isNil()) return Status::invalidArgument("invalid value; expected time.Time");
        return Status::invalidArgument("wrong type for value; expected time.Time; got " + v.typeName());
    }
    return ns;
}

std::string urlUnescape(std::string_view s, bool& ok) {
    std::string out;
    ok = true;
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%') {
            int h = i + 2 < s.size() ? hex(s[i + 1]) : -1;
            int l = i + 2 < s.size() ? hex(s[i + 2]) : -1;
            if (h < 0 || l < 0) {
                ok = false;
                return {};
            }
            out += static_cast<char>(h * 16 + l);
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

}  // namespace

FuncMap alertmanagerFuncs(NowFn now) {
    if (!now) {
        now = [] {
            return static_cast<int64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                            std::chrono::system_clock::now().time_since_epoch())
                                            .count());
        };
    }
    FuncMap m;
    m.add("toUpper", 1, 1, str1(goToUpper));
    m.add("toLower", 1, 1, str1(goToLower));
    m.add("title", 1, 1, str1(goTitle));
    m.add("trimSpace", 1, 1, str1(goTrimSpace));
    m.add("join", 2, 2, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string sep, stringArg(a[0]));
        PHAROS_ASSIGN_OR_RETURN(std::vector<std::string> parts, stringList(a[1]));
        std::string out;
        for (size_t i = 0; i < parts.size(); ++i) {
            if (i > 0) out += sep;
            out += parts[i];
        }
        return Value(std::move(out));
    });
    m.add("match", 2, 2, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string pat, stringArg(a[0]));
        PHAROS_ASSIGN_OR_RETURN(std::string text, stringArg(a[1]));
        Result<bool> r = regexMatch(pat, text);
        if (!r.ok()) return Status::failedPrecondition(r.status().message());
        return Value(*r);
    });
    m.add("reReplaceAll", 3, 3, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string pat, stringArg(a[0]));
        PHAROS_ASSIGN_OR_RETURN(std::string repl, stringArg(a[1]));
        PHAROS_ASSIGN_OR_RETURN(std::string text, stringArg(a[2]));
        Result<std::string> r = regexReplaceAll(pat, repl, text);
        if (!r.ok()) return Status::failedPrecondition("regexp: Compile(" + goQuote(pat) + "): " + r.status().message());
        return Value(std::move(*r));
    });
    auto identity = [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string s, stringArg(a[0]));
        return Value(std::move(s));
    };
    m.add("safeHtml", 1, 1, identity);
    m.add("safeUrl", 1, 1, identity);
    m.add("urlUnescape", 1, 1, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string s, stringArg(a[0]));
        bool ok = true;
        std::string out = urlUnescape(s, ok);
        if (!ok) return Status::failedPrecondition("invalid URL escape in " + goQuote(s));
        return Value(std::move(out));
    });
    m.add("stringSlice", 0, -1, [](std::span<const Value> a) -> Result<Value> {
        List l;
        for (const auto& v : a) {
            PHAROS_ASSIGN_OR_RETURN(std::string s, stringArg(v));
            l.push_back(Value(std::move(s)));
        }
        return Value(std::move(l));
    });
    m.add("date", 2, 2, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string layout, stringArg(a[0]));
        std::string zone;
        PHAROS_ASSIGN_OR_RETURN(int64_t ns, timeArg(a[1], zone));
        int64_t secs = ns / 1000000000 - (ns % 1000000000 < 0 ? 1 : 0);
        Result<ZoneInfo> z = lookupZone(zone, secs);
        return Value(goFormatTime(ns, z.ok() ? *z : ZoneInfo{}, layout));
    });
    m.add("tz", 2, 2, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string name, stringArg(a[0]));
        std::string zone;
        PHAROS_ASSIGN_OR_RETURN(int64_t ns, timeArg(a[1], zone));
        Result<ZoneInfo> z = lookupZone(name, ns / 1000000000);
        if (!z.ok()) return Status::failedPrecondition(z.status().message());
        return makeTime(ns, name);
    });
    m.add("since", 1, 1, [now](std::span<const Value> a) -> Result<Value> {
        std::string zone;
        PHAROS_ASSIGN_OR_RETURN(int64_t ns, timeArg(a[0], zone));
        return makeDuration(now() - ns);
    });
    m.add("humanizeDuration", 1, 1, [](std::span<const Value> a) -> Result<Value> {
        // Alertmanager passes time.Duration values too: use their seconds.
        Value v = a[0];
        if (v.kind() == Kind::Object && v.asObject().typeName() == "time.Duration") {
            v = Value(static_cast<double>(v.asObject().underlying().asInt()) / 1e9);
        }
        PHAROS_ASSIGN_OR_RETURN(std::string s, humanizeDuration(v));
        return Value(std::move(s));
    });
    return m;
}

Value makeKV(const LabelPairs& pairs) {
    Value map = makeStringMap(pairs);
    auto sortedNames = [map]() {
        std::vector<std::string> names;
        for (const auto& [k, v] : map.asMap().entries()) names.push_back(k);
        // Alertmanager puts alertname first, the rest sorted.
        std::stable_partition(names.begin(), names.end(), [](const std::string& n) { return n == "alertname"; });
        return names;
    };
    auto sortedPairs = [map, sortedNames]() {
        std::vector<std::string> names = sortedNames();
        List pairsList;
        std::vector<std::string> values;
        for (const auto& n : names) {
            const std::string& v = map.asMap().find(n)->asString();
            values.push_back(v);
            pairsList.push_back(ObjectBuilder("template.Pair").field("Name", Value(n)).field("Value", Value(v)).build());
        }
        std::string str;
        for (size_t i = 0; i < names.size(); ++i) {
            if (i > 0) str += ", ";
            str += names[i] + "=" + values[i];
        }
        return ObjectBuilder("template.Pairs")
            .underlying(Value(std::move(pairsList)))
            .method0("Names", [names] { return stringsValue(names); })
            .method0("Values", [values] { return stringsValue(values); })
            .method0("String", [str] { return Value(str); })
            .build();
    };
    return ObjectBuilder("template.KV")
        .underlying(map)
        .method0("SortedPairs", sortedPairs)
        .method0("Names", [sortedNames] { return stringsValue(sortedNames()); })
        .method0("Values", [map, sortedNames] {
            std::vector<std::string> values;
            for (const auto& n : sortedNames()) values.push_back(map.asMap().find(n)->asString());
            return stringsValue(values);
        })
        .method("Remove", 1, 1,
                [map](std::span<const Value> a) -> Result<Value> {
                    PHAROS_ASSIGN_OR_RETURN(std::vector<std::string> drop, stringList(a[0]));
                    LabelPairs kept;
                    for (const auto& [k, v] : map.asMap().entries()) {
                        if (std::find(drop.begin(), drop.end(), k) == drop.end()) kept.emplace_back(k, v.asString());
                    }
                    return makeKV(kept);
                })
        .build();
}

Value makeNotificationAlert(const NotificationAlert& a) {
    return ObjectBuilder("template.Alert")
        .field("Status", Value(a.status))
        .field("Labels", makeKV(a.labels))
        .field("Annotations", makeKV(a.annotations))
        .field("StartsAt", makeTime(a.startsAtNanos))
        .field("EndsAt", makeTime(a.endsAtNanos))
        .field("GeneratorURL", Value(a.generatorURL))
        .field("Fingerprint", Value(a.fingerprint))
        .build();
}

Value makeNotificationData(const NotificationData& d) {
    List all, firing, resolved;
    for (const auto& a : d.alerts) {
        Value v = makeNotificationAlert(a);
        all.push_back(v);
        (a.status == "resolved" ? resolved : firing).push_back(v);
    }
    Value firingV(std::move(firing)), resolvedV(std::move(resolved));
    Value alerts = ObjectBuilder("template.Alerts")
                       .underlying(Value(std::move(all)))
                       .method0("Firing", [firingV] { return firingV; })
                       .method0("Resolved", [resolvedV] { return resolvedV; })
                       .build();
    return ObjectBuilder("template.Data")
        .field("Receiver", Value(d.receiver))
        .field("Status", Value(d.status))
        .field("Alerts", alerts)
        .field("GroupLabels", makeKV(d.groupLabels))
        .field("CommonLabels", makeKV(d.commonLabels))
        .field("CommonAnnotations", makeKV(d.commonAnnotations))
        .field("ExternalURL", Value(d.externalURL))
        .build();
}

Template alertmanagerTemplate(const std::string& name, NowFn now) {
    Template t(name, alertmanagerFuncs(std::move(now)));
    t.setMissingKey(MissingKey::Zero);
    return t;
}

}  // namespace pharos::gotemplate
