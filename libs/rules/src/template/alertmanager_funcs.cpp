// Alertmanager notification template functions and data (template.Data, Alert, KV, Pairs).
#include "pharos/template/alertmanager_funcs.h"

#include <algorithm>
#include <chrono>

#include "pharos/template/format.h"
#include "pharos/template/go_time.h"
#include "text_funcs.h"
#include "utf8.h"

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


// One rune as a string, upper- or lower-cased with Go's Unicode mapping.
std::string mapRune(uint32_t r, bool upper) {
    std::string one;
    appendUtf8(one, r);
    return upper ? goToUpper(one) : goToLower(one);
}

bool isCased(uint32_t r) {
    if ((r >= 0x01C4 && r <= 0x01CC) || (r >= 0x01F1 && r <= 0x01F3)) return true;  // digraphs
    return mapRune(r, true) != mapRune(r, false);
}

// Letters and digits of words; non-ASCII runes count as letters unless they are Latin-1 or
// general/CJK punctuation and spaces.
bool isWordLetter(uint32_t r) {
    if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
    if (r <= 0xBF || (r >= 0x2000 && r <= 0x206F) || (r >= 0x3000 && r <= 0x303F)) return false;
    return r != 0xD7 && r != 0xF7;
}
bool isWordDigit(uint32_t r) { return r >= '0' && r <= '9'; }

// Title case of the Latin digraphs (Dž, Lj, Nj, Dz); other runes title-case to upper case.
std::string titleRune(uint32_t r) {
    switch (r) {
    case 0x01C4: case 0x01C5: case 0x01C6: r = 0x01C5; break;
    case 0x01C7: case 0x01C8: case 0x01C9: r = 0x01C8; break;
    case 0x01CA: case 0x01CB: case 0x01CC: r = 0x01CB; break;
    case 0x01F1: case 0x01F2: case 0x01F3: r = 0x01F2; break;
    default: return mapRune(r, true);
    }
    std::string one;
    appendUtf8(one, r);
    return one;
}

// Alertmanager 0.25's `title` (cases.Title(language.AmericanEnglish)): in each word the first
// cased letter is title-cased and the rest lower-cased. Words follow Unicode word breaking as
// x/text/cases applies it: letters, digits and '_' join; ':' joins two letters; '.' and '\''
// join letters or digits; ',' and ';' join two digits; anything else breaks.
std::string amTitle(std::string_view s) {
    std::vector<uint32_t> runes;
    for (size_t i = 0; i < s.size();) {
        uint32_t r = 0;
        const size_t n = decodeUtf8(s, i, r);
        runes.push_back(n == 0 ? 0xFFFD : r);
        i += n == 0 ? 1 : n;
    }
    auto wordChar = [](uint32_t r) { return isWordLetter(r) || isWordDigit(r) || r == '_'; };
    std::string out;
    bool inWord = false, titled = false;
    for (size_t i = 0; i < runes.size(); ++i) {
        const uint32_t r = runes[i];
        const uint32_t prev = i > 0 ? runes[i - 1] : 0, next = i + 1 < runes.size() ? runes[i + 1] : 0;
        bool joins = wordChar(r);
        if (!joins && inWord && i > 0) {
            if (r == ':' || r == 0xB7) joins = isWordLetter(prev) && isWordLetter(next);
            else if (r == '.' || r == '\'' || r == 0x2019) joins = (isWordLetter(prev) || isWordDigit(prev)) &&
                                                                  (isWordLetter(next) || isWordDigit(next));
            else if (r == ',' || r == ';') joins = isWordDigit(prev) && isWordDigit(next);
        }
        if (!joins) {
            inWord = false;
            titled = false;
            appendUtf8(out, r);
            continue;
        }
        inWord = true;
        if (!titled && isCased(r)) {
            out += titleRune(r);
            titled = true;
        } else {
            out += mapRune(r, false);
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
    m.add("title", 1, 1, str1(amTitle));
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
    // html/template.HTML(text) / html/template.URL(text): typed strings Escaping::Html trusts.
    m.add("safeHtml", 1, 1, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string s, stringArg(a[0]));
        return Value::typed(std::move(s), ContentType::HTML);
    });
    m.add("safeUrl", 1, 1, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(std::string s, stringArg(a[0]));
        return Value::typed(std::move(s), ContentType::URL);
    });
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

// The alert times of template.Alert: time.Time values with IsZero. Go's zero time (0001-01-01,
// the EndsAt of a firing alert) lies outside Pharos' int64 nanoseconds; it prints and formats
// as Go does (through 2001-01-01, also a Monday in a common year, with the year digits swapped).
static Value alertTime(int64_t nanos, bool zero) {
    const Value base = makeTime(zero ? int64_t{978307200} * 1000000000 : nanos);
    const Object& o = base.asObject();
    ObjectBuilder b("time.Time");
    b.underlying(Value(nanos));
    auto year1 = [](std::string s) {
        for (auto pos = s.find("2001"); pos != std::string::npos; pos = s.find("2001", pos + 4)) s.replace(pos, 4, "0001");
        return s;
    };
    if (zero) b.printer([] { return std::string("0001-01-01 00:00:00 +0000 UTC"); });
    else b.printer([base] { return base.asObject().print(); });
    for (const char* name : {"Format", "Unix", "UnixMilli", "UnixNano", "UTC", "Location", "String"}) {
        const Function* f = o.method(name);
        if (!f) continue;
        const std::string n = name;
        NativeFn fn = f->fn;
        if (zero && (n == "Format" || n == "String")) {
            fn = [fn, year1](std::span<const Value> args) -> Result<Value> {
                PHAROS_ASSIGN_OR_RETURN(Value v, fn(args));
                return v.kind() == Kind::String ? Value(year1(v.asString())) : v;
            };
        } else if (zero && n == "Unix") {
            fn = [](std::span<const Value>) -> Result<Value> { return Value(int64_t{-62135596800}); };
        } else if (zero && n == "UTC") {
            fn = [](std::span<const Value>) -> Result<Value> { return alertTime(0, true); };
        }
        b.method(n, f->minArgs, f->maxArgs, std::move(fn));
    }
    b.method0("IsZero", [zero] { return Value(zero); });
    return b.build();
}

Value makeNotificationAlert(const NotificationAlert& a) {
    return ObjectBuilder("template.Alert")
        .field("Status", Value(a.status))
        .field("Labels", makeKV(a.labels))
        .field("Annotations", makeKV(a.annotations))
        .field("StartsAt", alertTime(a.startsAtNanos, false))
        .field("EndsAt", alertTime(a.endsAtNanos, a.endsAtNanos == 0))
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
