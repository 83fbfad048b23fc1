// Go time.Time / time.Duration values: Go's reference-layout formatting, String() forms, and
// time zones from the system TZif files (RFC 8536).
#include "pharos/template/go_time.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>

namespace pharos::gotemplate {

namespace {

constexpr int64_t kNanos = 1'000'000'000;

int64_t floorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

struct Civil {
    int64_t year;
    int month, day, hour, minute, second, weekday, yday;
    int64_t nanos;
};

// Days since 1970-01-01 to proleptic Gregorian y/m/d (the classic era-based conversion).
void civilFromDays(int64_t z, int64_t& y, int& m, int& d) {
    z += 719468;
    int64_t era = floorDiv(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    if (m <= 2) ++y;
}

Civil toCivil(int64_t unixNanos, int offsetSeconds) {
    int64_t secs = floorDiv(unixNanos, kNanos) + offsetSeconds;
    Civil c{};
    c.nanos = unixNanos - floorDiv(unixNanos, kNanos) * kNanos;
    int64_t days = floorDiv(secs, 86400);
    int64_t rem = secs - days * 86400;
    civilFromDays(days, c.year, c.month, c.day);
    c.hour = static_cast<int>(rem / 3600);
    c.minute = static_cast<int>(rem / 60 % 60);
    c.second = static_cast<int>(rem % 60);
    c.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday (4)
    static const int cum[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    bool leap = (c.year % 4 == 0 && c.year % 100 != 0) || c.year % 400 == 0;
    c.yday = cum[c.month - 1] + c.day + ((leap && c.month > 2) ? 1 : 0);
    return c;
}

const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};
const char* const kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

std::string pad(int64_t v, int width, char fill = '0') {
    std::string s = std::to_string(v < 0 ? -v : v);
    while (static_cast<int>(s.size()) < width) s.insert(s.begin(), fill);
    return v < 0 ? "-" + s : s;
}

bool startsWith(std::string_view s, size_t i, std::string_view p) { return s.substr(i, p.size()) == p; }

std::string zoneOffset(int off, bool colon, bool seconds, bool hoursOnly, bool z) {
    if (z && off == 0) return "Z";
    std::string out = off < 0 ? "-" : "+";
    int a = off < 0 ? -off : off;
    out += pad(a / 3600, 2);
    if (hoursOnly) return out;
    if (colon) out += ':';
    out += pad(a / 60 % 60, 2);
    if (seconds) {
        if (colon) out += ':';
        out += pad(a % 60, 2);
    }
    return out;
}

// TZif (RFC 8536) lookup of the local time type in effect at t.
bool tzifLookup(const std::string& data, int64_t t, ZoneInfo& out) {
    auto be32 = [&](size_t p) -> int64_t {
        uint32_t v = 0;
        for (int k = 0; k < 4; ++k) v = (v << 8) | static_cast<unsigned char>(data[p + static_cast<size_t>(k)]);
        return static_cast<int32_t>(v);
    };
    auto be64 = [&](size_t p) -> int64_t {
        uint64_t v = 0;
        for (int k = 0; k < 8; ++k) v = (v << 8) | static_cast<unsigned char>(data[p + static_cast<size_t>(k)]);
        return static_cast<int64_t>(v);
    };
    if (data.size() < 44 || data.compare(0, 4, "TZif") != 0) return false;
    auto counts = [&](size_t h, int64_t c[6]) {
        for (int k = 0; k < 6; ++k) c[k] = be32(h + 20 + static_cast<size_t>(k) * 4);
    };
    int64_t c[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
    counts(0, c);
    size_t hdr = 0;
    int tsize = 4;
    if (data[4] >= '2') {
        size_t v1len = static_cast<size_t>(c[3] * 4 + c[3] + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0]);
        hdr = 44 + v1len;
        if (data.size() < hdr + 44) return false;
        counts(hdr, c);
        tsize = 8;
    }
    size_t p = hdr + 44;
    size_t need = static_cast<size_t>(c[3] * tsize + c[3] + c[4] * 6 + c[5]);
    if (data.size() < p + need || c[4] <= 0) return false;
    size_t idxBase = p + static_cast<size_t>(c[3] * tsize);
    size_t typeBase = idxBase + static_cast<size_t>(c[3]);
    size_t charBase = typeBase + static_cast<size_t>(c[4] * 6);
    int64_t type = 0;
    for (int64_t i = 0; i < c[3]; ++i) {
        int64_t at = tsize == 8 ? be64(p + static_cast<size_t>(i) * 8) : be32(p + static_cast<size_t>(i) * 4);
        if (at > t) break;
        type = static_cast<unsigned char>(data[idxBase + static_cast<size_t>(i)]);
    }
    if (type >= c[4]) return false;
    size_t tp = typeBase + static_cast<size_t>(type) * 6;
    out.offsetSeconds = static_cast<int>(be32(tp));
    size_t ai = static_cast<unsigned char>(data[tp + 5]);
    if (charBase + ai >= data.size()) return false;
    out.abbrev = std::string(data.c_str() + charBase + ai);
    return true;
}

}  // namespace

Result<ZoneInfo> lookupZone(std::string_view name, int64_t unixSeconds) {
    if (name.empty() || name == "UTC" || name == "Local") return ZoneInfo{};
    if (name.find("..") != std::string_view::npos || name.front() == '/' || name.size() > 128) {
        return Status::invalidArgument("unknown time zone " + std::string(name));
    }
    std::ifstream f("/usr/share/zoneinfo/" + std::string(name), std::ios::binary);
    if (!f) return Status::invalidArgument("unknown time zone " + std::string(name));
    std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    ZoneInfo z;
    if (!tzifLookup(data, unixSeconds, z)) return Status::invalidArgument("unknown time zone " + std::string(name));
    return z;
}

std::string goFormatTime(int64_t unixNanos, const ZoneInfo& zone, std::string_view layout) {
    Civil c = toCivil(unixNanos, zone.offsetSeconds);
    std::string out;
    size_t i = 0;
    auto isDigit = [&](size_t k) { return k < layout.size() && layout[k] >= '0' && layout[k] <= '9'; };
    while (i < layout.size()) {
        char ch = layout[i];
        auto lit = [&] { out += ch; ++i; };
        switch (ch) {
        case 'J':
            if (startsWith(layout, i, "January")) { out += kMonths[c.month - 1]; i += 7; continue; }
            if (startsWith(layout, i, "Jan")) { out += std::string(kMonths[c.month - 1]).substr(0, 3); i += 3; continue; }
            lit(); continue;
        case 'M':
            if (startsWith(layout, i, "Monday")) { out += kDays[c.weekday]; i += 6; continue; }
            if (startsWith(layout, i, "Mon")) { out += std::string(kDays[c.weekday]).substr(0, 3); i += 3; continue; }
            if (startsWith(layout, i, "MST")) { out += zone.abbrev; i += 3; continue; }
            lit(); continue;
        case '0':
            if (startsWith(layout, i, "002")) { out += pad(c.yday, 3); i += 3; continue; }
            if (i + 1 < layout.size() && layout[i + 1] >= '1' && layout[i + 1] <= '6') {
                switch (layout[i + 1]) {
                case '1': out += pad(c.month, 2); break;
                case '2': out += pad(c.day, 2); break;
                case '3': out += pad(c.hour % 12 == 0 ? 12 : c.hour % 12, 2); break;
                case '4': out += pad(c.minute, 2); break;
                case '5': out += pad(c.second, 2); break;
                case '6': out += pad(((c.year % 100) + 100) % 100, 2); break;
                default: break;
                }
                i += 2;
                continue;
            }
            lit(); continue;
        case '1':
            if (startsWith(layout, i, "15")) { out += pad(c.hour, 2); i += 2; continue; }
            out += std::to_string(c.month); ++i; continue;
        case '2':
            if (startsWith(layout, i, "2006")) { out += pad(c.year, 4); i += 4; continue; }
            out += std::to_string(c.day); ++i; continue;
        case '_':
            if (startsWith(layout, i, "_2") && !startsWith(layout, i, "_2006")) { out += pad(c.day, 2, ' '); i += 2; continue; }
            if (startsWith(layout, i, "__2")) { out += pad(c.yday, 3, ' '); i += 3; continue; }
            lit(); continue;
        case '3': out += std::to_string(c.hour % 12 == 0 ? 12 : c.hour % 12); ++i; continue;
        case '4': out += std::to_string(c.minute); ++i; continue;
        case '5': out += std::to_string(c.second); ++i; continue;
        case 'P':
            if (startsWith(layout, i, "PM")) { out += c.hour >= 12 ? "PM" : "AM"; i += 2; continue; }
            lit(); continue;
        case 'p':
            if (startsWith(layout, i, "pm")) { out += c.hour >= 12 ? "pm" : "am"; i += 2; continue; }
            lit(); continue;
        case '-':
        case 'Z': {
            bool z = ch == 'Z';
            std::string_view rest = layout.substr(i + 1);
            int off = zone.offsetSeconds;
            if (rest.substr(0, 6) == "070000") { out += zoneOffset(off, false, true, false, z); i += 7; continue; }
            if (rest.substr(0, 8) == "07:00:00") { out += zoneOffset(off, true, true, false, z); i += 9; continue; }
            if (rest.substr(0, 4) == "0700") { out += zoneOffset(off, false, false, false, z); i += 5; continue; }
            if (rest.substr(0, 5) == "07:00") { out += zoneOffset(off, true, false, false, z); i += 6; continue; }
            if (rest.substr(0, 2) == "07") { out += zoneOffset(off, false, false, true, z); i += 3; continue; }
            lit(); continue;
        }
        case '.':
        case ',':
            if (i + 1 < layout.size() && (layout[i + 1] == '0' || layout[i + 1] == '9')) {
                char d = layout[i + 1];
                size_t j = i + 1;
                while (j < layout.size() && layout[j] == d) ++j;
                if (!isDigit(j)) {
                    size_t n = j - i - 1;
                    std::string frac = pad(c.nanos, 9).substr(0, n > 9 ? 9 : n);
                    if (d == '9') {
                        while (!frac.empty() && frac.back() == '0') frac.pop_back();
                        if (!frac.empty()) out += ch + frac;
                    } else {
                        out += ch + frac;
                    }
                    i = j;
                    continue;
                }
            }
            lit(); continue;
        default: lit(); continue;
        }
    }
    return out;
}

std::string goDurationString(int64_t d) {
    if (d == 0) return "0s";
    bool neg = d < 0;
    uint64_t u = neg ? ~static_cast<uint64_t>(d) + 1 : static_cast<uint64_t>(d);
    auto frac = [](uint64_t v, int digits) {
        // v with `digits` implied decimals, trailing zeros trimmed.
        std::string s = std::to_string(v);
        while (static_cast<int>(s.size()) <= digits) s.insert(s.begin(), '0');
        std::string ip = s.substr(0, s.size() - static_cast<size_t>(digits));
        std::string fp = s.substr(s.size() - static_cast<size_t>(digits));
        while (!fp.empty() && fp.back() == '0') fp.pop_back();
        return fp.empty() ? ip : ip + "." + fp;
    };
    std::string out;
    if (u < static_cast<uint64_t>(kNanos)) {
        if (u < 1000) out = std::to_string(u) + "ns";
        else if (u < 1000000) out = frac(u, 3) + "\xC2\xB5s";
        else out = frac(u, 6) + "ms";
    } else {
        uint64_t secsN = u % (60 * static_cast<uint64_t>(kNanos));
        uint64_t mins = u / (60 * static_cast<uint64_t>(kNanos));
        out = frac(secsN, 9) + "s";
        if (mins > 0) {
            out = std::to_string(mins % 60) + "m" + out;
            if (mins >= 60) out = std::to_string(mins / 60) + "h" + out;
        }
    }
    return neg ? "-" + out : out;
}

Value makeDuration(int64_t nanos) {
    return ObjectBuilder("time.Duration")
        .printer([nanos] { return goDurationString(nanos); })
        .underlying(Value(nanos))
        .method0("Seconds", [nanos] { return Value(static_cast<double>(nanos) / 1e9); })
        .method0("Minutes", [nanos] { return Value(static_cast<double>(nanos) / 6e10); })
        .method0("Hours", [nanos] { return Value(static_cast<double>(nanos) / 3.6e12); })
        .method0("Milliseconds", [nanos] { return Value(nanos / 1000000); })
        .method0("String", [nanos] { return Value(goDurationString(nanos)); })
        .build();
}

Value makeTime(int64_t unixNanos, const std::string& zoneName) {
    auto zoneAt = [unixNanos, zoneName]() {
        Result<ZoneInfo> z = lookupZone(zoneName, floorDiv(unixNanos, kNanos));
        return z.ok() ? *z : ZoneInfo{};
    };
    auto str = [unixNanos, zoneAt] {
        return goFormatTime(unixNanos, zoneAt(), "2006-01-02 15:04:05.999999999 -0700 MST");
    };
    return ObjectBuilder("time.Time")
        .printer(str)
        .underlying(Value(unixNanos))
        .method("Format", 1, 1,
                [unixNanos, zoneAt](std::span<const Value> a) -> Result<Value> {
                    if (a[0].kind() != Kind::String) {
                        return Status::invalidArgument("wrong type for value; expected string; got " + a[0].typeName());
                    }
                    return Value(goFormatTime(unixNanos, zoneAt(), a[0].asString()));
                })
        .method0("Unix", [unixNanos] { return Value(floorDiv(unixNanos, kNanos)); })
        .method0("UnixMilli", [unixNanos] { return Value(floorDiv(unixNanos, 1000000)); })
        .method0("UnixNano", [unixNanos] { return Value(unixNanos); })
        .method0("UTC", [unixNanos] { return makeTime(unixNanos, "UTC"); })
        .method0("Location", [zoneName] { return Value(zoneName); })
        .method0("String", [str] { return Value(str()); })
        .build();
}

bool timeOf(const Value& v, int64_t& unixNanos, std::string& zoneName) {
    if (v.kind() != Kind::Object || v.asObject().typeName() != "time.Time") return false;
    const Object& o = v.asObject();
    if (o.underlying().kind() != Kind::Int) return false;
    unixNanos = o.underlying().asInt();
    const Function* loc = o.method("Location");
    if (!loc) return false;
    Result<Value> z = loc->fn({});
    zoneName = z.ok() && z->kind() == Kind::String ? z->asString() : "UTC";
    return true;
}

}  // namespace pharos::gotemplate
