// Go fmt/strconv formatting rules for template values (fmt.Sprintf, Sprint, Sprintln,
// strconv.FormatFloat, strconv.Quote), written from the documented Go behaviour.
#include "pharos/template/format.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "utf8.h"

namespace pharos::gotemplate {

namespace {

// A decimal digit string d1 d2 ... dn with the decimal point after dp digits (value 0.d1d2..×10^dp).
struct Digits {
    std::string d;  // no leading zeros; "" for zero
    int dp = 0;
};

// Shortest digits that round-trip (strconv's shortest mode), or exactly `n` significant digits
// correctly rounded (n >= 1). Trailing zeros are removed, as strconv's decimal rounding does.
Digits decimalDigits(double f, int n) {
    char buf[64];
    std::to_chars_result r = n < 0 ? std::to_chars(buf, buf + sizeof buf, std::fabs(f), std::chars_format::scientific)
                                   : std::to_chars(buf, buf + sizeof buf, std::fabs(f), std::chars_format::scientific, n - 1);
    std::string_view s(buf, static_cast<size_t>(r.ptr - buf));
    Digits out;
    size_t e = s.find('e');
    std::string_view mant = s.substr(0, e);
    int exp = std::atoi(std::string(s.substr(e + 1)).c_str());
    for (char c : mant) {
        if (c != '.') out.d += c;
    }
    while (!out.d.empty() && out.d.back() == '0') out.d.pop_back();
    if (out.d.empty()) {
        out.dp = 0;
        return out;
    }
    out.dp = exp + 1;
    return out;
}

// %e layout of digits with prec digits after the point (digits already rounded to fit).
std::string layoutE(bool neg, const Digits& dg, int prec, char e) {
    std::string out;
    if (neg) out += '-';
    out += dg.d.empty() ? '0' : dg.d[0];
    if (prec > 0) {
        out += '.';
        for (int i = 1; i <= prec; ++i) out += i < static_cast<int>(dg.d.size()) ? dg.d[static_cast<size_t>(i)] : '0';
    }
    int exp = dg.d.empty() ? 0 : dg.dp - 1;
    out += e;
    out += exp < 0 ? '-' : '+';
    if (exp < 0) exp = -exp;
    if (exp < 10) out += '0';
    out += std::to_string(exp);
    return out;
}

// %f layout of digits with prec digits after the point (no rounding needed).
std::string layoutF(bool neg, const Digits& dg, int prec) {
    std::string out;
    if (neg) out += '-';
    int nd = static_cast<int>(dg.d.size());
    if (dg.dp > 0) {
        for (int i = 0; i < dg.dp; ++i) out += i < nd ? dg.d[static_cast<size_t>(i)] : '0';
    } else {
        out += '0';
    }
    if (prec > 0) {
        out += '.';
        for (int i = 0; i < prec; ++i) {
            int j = dg.dp + i;
            out += (j >= 0 && j < nd) ? dg.d[static_cast<size_t>(j)] : '0';
        }
    }
    return out;
}

std::string quoteRune(uint32_t r, char q) {
    std::string out;
    char buf[16];
    switch (r) {
    case '\a': return "\\a";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    case '\v': return "\\v";
    case '\\': return "\\\\";
    default: break;
    }
    if (r == static_cast<uint32_t>(q)) return std::string("\\") + q;
    if (r < 0x20 || r == 0x7f) {
        std::snprintf(buf, sizeof buf, "\\x%02x", r);
        return buf;
    }
    if (r >= 0x80 && r < 0xa0) {
        std::snprintf(buf, sizeof buf, "\\u%04x", r);
        return buf;
    }
    appendUtf8(out, r);
    return out;
}

struct Spec {
    bool minus = false, plus = false, sharp = false, space = false, zero = false;
    int width = -1;
    int prec = -1;
};

// Pads s to the width in runes; zero padding goes after a sign.
std::string pad(std::string s, const Spec& sp, bool numeric) {
    if (sp.width < 0) return s;
    size_t n = utf8Length(s);
    if (n >= static_cast<size_t>(sp.width)) return s;
    size_t fill = static_cast<size_t>(sp.width) - n;
    if (sp.minus) return s + std::string(fill, ' ');
    if (sp.zero && numeric) {
        size_t signLen = (!s.empty() && (s[0] == '-' || s[0] == '+' || s[0] == ' ')) ? 1 : 0;
        return s.substr(0, signLen) + std::string(fill, '0') + s.substr(signLen);
    }
    if (sp.zero) return std::string(fill, '0') + s;
    return std::string(fill, ' ') + s;
}

std::string badVerb(char verb, const Value& v) {
    std::string out = "%!";
    out += verb;
    out += '(';
    if (v.isNil()) {
        out += "<nil>";
    } else {
        out += v.typeName();
        out += '=';
        out += goFormatValue(v);
    }
    out += ')';
    return out;
}

std::string fmtInteger(int64_t i, char verb, const Spec& sp) {
    bool neg = i < 0;
    uint64_t u = neg ? (~static_cast<uint64_t>(i) + 1) : static_cast<uint64_t>(i);
    std::string digits;
    int base = 10;
    switch (verb) {
    case 'b': base = 2; break;
    case 'o': case 'O': base = 8; break;
    case 'x': case 'X': base = 16; break;
    default: break;
    }
    const char* alpha = verb == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    if (u == 0) digits = "0";
    while (u > 0) {
        digits.insert(digits.begin(), alpha[u % static_cast<uint64_t>(base)]);
        u /= static_cast<uint64_t>(base);
    }
    if (sp.prec >= 0) {
        if (sp.prec == 0 && i == 0) digits.clear();
        while (static_cast<int>(digits.size()) < sp.prec) digits.insert(digits.begin(), '0');
    }
    std::string prefix;
    if (verb == 'O') prefix = "0o";
    if (sp.sharp) {
        if (verb == 'x') prefix = "0x";
        if (verb == 'X') prefix = "0X";
        if (verb == 'b') prefix = "0b";
        if (verb == 'o' && (digits.empty() || digits[0] != '0')) prefix = "0";
    }
    std::string out = neg ? "-" : (sp.plus ? "+" : (sp.space ? " " : ""));
    out += prefix + digits;
    Spec s2 = sp;
    if (sp.prec >= 0) s2.zero = false;  // Go ignores the 0 flag when a precision is given
    return pad(out, s2, true);
}

std::string fmtFloatVerb(double f, char verb, const Spec& sp) {
    char fv = verb == 'v' ? 'g' : verb;
    int prec = sp.prec;
    if (prec < 0 && (fv == 'e' || fv == 'E' || fv == 'f' || fv == 'F')) prec = 6;
    std::string num = goFormatFloat(f, fv == 'F' ? 'f' : fv, prec);
    bool special = std::isinf(f) || std::isnan(f);
    if (special) {
        if (std::isinf(f) && f > 0) num = "+Inf";
        if (std::isnan(f)) num = (sp.plus ? "+NaN" : (sp.space ? " NaN" : "NaN"));
        else if (f > 0 && sp.space && !sp.plus) num = " Inf";
        Spec s2 = sp;
        s2.zero = false;
        return pad(num, s2, false);
    }
    if (num[0] != '-') {
        if (sp.plus) num = "+" + num;
        else if (sp.space) num = " " + num;
    }
    return pad(num, sp, true);
}

std::string fmtString(const std::string& s, char verb, const Spec& sp) {
    switch (verb) {
    case 'v':
    case 's': {
        std::string t = s;
        if (sp.prec >= 0) t = utf8Prefix(s, static_cast<size_t>(sp.prec));
        return pad(t, sp, false);
    }
    case 'q': {
        if (sp.sharp && s.find('`') == std::string::npos && utf8Valid(s)) {
            bool ok = true;
            for (unsigned char c : s) {
                if ((c < 0x20 && c != '\t') || c == 0x7f) ok = false;
            }
            if (ok) return pad("`" + s + "`", sp, false);
        }
        return pad(goQuote(s), sp, false);
    }
    case 'x':
    case 'X': {
        const char* alpha = verb == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        std::string out;
        size_t n = s.size();
        if (sp.prec >= 0 && static_cast<size_t>(sp.prec) < n) n = static_cast<size_t>(sp.prec);
        for (size_t i = 0; i < n; ++i) {
            if (sp.space && i > 0) out += ' ';
            if (sp.sharp && (sp.space || i == 0)) out += verb == 'X' ? "0X" : "0x";
            unsigned char c = static_cast<unsigned char>(s[i]);
            out += alpha[c >> 4];
            out += alpha[c & 15];
        }
        return pad(out, sp, false);
    }
    default:
        return badVerb(verb, Value(s));
    }
}

std::string fmtValue(const Value& v, char verb, const Spec& sp, int depth = 0);

std::string fmtComposite(const Value& v, char verb, const Spec& sp, int depth) {
    std::string out;
    if (v.kind() == Kind::List) {
        out = "[";
        bool first = true;
        for (const auto& e : v.asList()) {
            if (!first) out += ' ';
            first = false;
            out += fmtValue(e, verb, Spec{}, depth + 1);
        }
        out += ']';
    } else {
        out = "map[";
        bool first = true;
        for (const auto& [k, e] : v.asMap().entries()) {
            if (!first) out += ' ';
            first = false;
            out += fmtValue(Value(k), verb, Spec{}, depth + 1);
            out += ':';
            out += fmtValue(e, verb, Spec{}, depth + 1);
        }
        out += ']';
    }
    return pad(out, sp, false);
}

std::string fmtValue(const Value& v, char verb, const Spec& sp, int depth) {
    if (depth > 64) return "...";
    if (verb == 'T') return pad(v.typeName(), sp, false);
    switch (v.kind()) {
    case Kind::Nil:
        if (verb == 'v') return pad("<nil>", sp, false);
        return badVerb(verb, v);
    case Kind::Bool:
        if (verb == 'v' || verb == 't') return pad(v.asBool() ? "true" : "false", sp, false);
        return badVerb(verb, v);
    case Kind::Int: {
        int64_t i = v.asInt();
        switch (verb) {
        case 'v': case 'd': case 'b': case 'o': case 'O': case 'x': case 'X':
            return fmtInteger(i, verb == 'v' ? 'd' : verb, sp);
        case 'c': {
            std::string s;
            appendUtf8(s, static_cast<uint32_t>(i));
            return pad(s, sp, false);
        }
        case 'q': return pad("'" + quoteRune(static_cast<uint32_t>(i), '\'') + "'", sp, false);
        case 'U': {
            char buf[32];
            std::snprintf(buf, sizeof buf, "U+%04llX", static_cast<unsigned long long>(i));
            return pad(buf, sp, false);
        }
        default: return badVerb(verb, v);
        }
    }
    case Kind::Float:
        switch (verb) {
        case 'v': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
            return fmtFloatVerb(v.asFloat(), verb, sp);
        default: return badVerb(verb, v);
        }
    case Kind::String: return fmtString(v.asString(), verb, sp);
    case Kind::List:
    case Kind::Map: return fmtComposite(v, verb, sp, depth);
    case Kind::Function: return pad("<func " + v.asFunction().name + ">", sp, false);
    case Kind::Object: {
        const Object& o = v.asObject();
        if (o.hasPrinter()) {
            if (verb == 'v' || verb == 's') return fmtString(o.print(), verb, sp);
            if (verb == 'q') return fmtString(o.print(), 'q', sp);
        }
        // Go's fmt calls String() on Stringers for %v and %s.
        if (verb == 'v' || verb == 's' || verb == 'q') {
            if (const Function* m = o.method("String"); m && m->minArgs == 0) {
                Result<Value> r = m->fn({});
                if (r.ok() && r->kind() == Kind::String) return fmtString(r->asString(), verb, sp);
            }
        }
        if (!o.underlying().isNil()) return fmtValue(o.underlying(), verb, sp, depth + 1);
        std::string out = "{";
        bool first = true;
        for (const auto& [k, f] : o.fields()) {
            if (!first) out += ' ';
            first = false;
            out += fmtValue(f, verb, Spec{}, depth + 1);
        }
        out += '}';
        return pad(out, sp, false);
    }
    }
    return {};
}

}  // namespace

std::string goFormatFloat(double f, char fmt, int prec) {
    if (std::isnan(f)) return "NaN";
    if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
    bool neg = std::signbit(f);
    char e = (fmt == 'E' || fmt == 'G') ? 'E' : 'e';
    switch (fmt) {
    case 'f': {
        if (prec < 0) {
            Digits dg = decimalDigits(f, -1);
            return layoutF(neg, dg, std::max(static_cast<int>(dg.d.size()) - dg.dp, 0));
        }
        std::string buf(static_cast<size_t>(330 + prec), '\0');
        auto r = std::to_chars(buf.data(), buf.data() + buf.size(), std::fabs(f), std::chars_format::fixed, prec);
        buf.resize(static_cast<size_t>(r.ptr - buf.data()));
        return neg ? "-" + buf : buf;
    }
    case 'e':
    case 'E': {
        Digits dg = prec < 0 ? decimalDigits(f, -1) : decimalDigits(f, prec + 1);
        if (prec < 0) prec = std::max(static_cast<int>(dg.d.size()) - 1, 0);
        return layoutE(neg, dg, prec, e);
    }
    case 'g':
    case 'G': {
        bool shortest = prec < 0;
        if (prec == 0) prec = 1;
        Digits dg = shortest ? decimalDigits(f, -1) : decimalDigits(f, prec);
        int nd = static_cast<int>(dg.d.size());
        if (shortest) prec = nd;
        int eprec = prec;
        if (eprec > nd && nd >= dg.dp) eprec = nd;
        if (shortest) eprec = 6;
        int exp = dg.dp - 1;
        if (exp < -4 || exp >= eprec) {
            if (prec > nd) prec = nd;
            return layoutE(neg, dg, std::max(prec - 1, 0), e);
        }
        if (prec > dg.dp) prec = nd;
        return layoutF(neg, dg, std::max(prec - dg.dp, 0));
    }
    default: break;
    }
    return "%" + std::string(1, fmt);
}

std::string goQuote(std::string_view s) {
    std::string out = "\"";
    size_t i = 0;
    while (i < s.size()) {
        uint32_t r = 0;
        size_t n = decodeUtf8(s, i, r);
        if (n == 0) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(s[i]));
            out += buf;
            ++i;
            continue;
        }
        out += quoteRune(r, '"');
        i += n;
    }
    out += '"';
    return out;
}

std::string goFormatValue(const Value& v) { return fmtValue(v, 'v', Spec{}); }

std::string goSprint(std::span<const Value> args) {
    std::string out;
    for (size_t i = 0; i < args.size(); ++i) {
        bool isStr = args[i].kind() == Kind::String;
        if (i > 0 && !isStr && args[i - 1].kind() != Kind::String) out += ' ';
        out += goFormatValue(args[i]);
    }
    return out;
}

std::string goSprintln(std::span<const Value> args) {
    std::string out;
    for (size_t i = 0; i < args.size(); ++i) {
        if (i > 0) out += ' ';
        out += goFormatValue(args[i]);
    }
    out += '\n';
    return out;
}

std::string goSprintf(std::string_view format, std::span<const Value> args) {
    std::string out;
    size_t argi = 0;
    size_t i = 0;
    const size_t end = format.size();
    auto readNum = [&](int& dst) {
        bool any = false;
        int n = 0;
        while (i < end && format[i] >= '0' && format[i] <= '9') {
            if (n < 1000000) n = n * 10 + (format[i] - '0');
            ++i;
            any = true;
        }
        if (any) dst = n;
        return any;
    };
    while (i < end) {
        size_t pct = format.find('%', i);
        if (pct == std::string_view::npos) {
            out.append(format.substr(i));
            break;
        }
        out.append(format.substr(i, pct - i));
        i = pct + 1;
        Spec sp;
        for (; i < end; ++i) {
            char c = format[i];
            if (c == '-') { sp.minus = true; sp.zero = false; }
            else if (c == '+') sp.plus = true;
            else if (c == '#') sp.sharp = true;
            else if (c == ' ') sp.space = true;
            else if (c == '0') sp.zero = !sp.minus;
            else break;
        }
        bool badWidth = false, badPrec = false;
        if (i < end && format[i] == '*') {
            ++i;
            if (argi < args.size() && args[argi].kind() == Kind::Int) {
                int64_t w = args[argi].asInt();
                if (w < 0) { sp.minus = true; sp.zero = false; w = -w; }
                sp.width = w > 1000000 ? 1000000 : static_cast<int>(w);
            } else {
                badWidth = true;
            }
            ++argi;
        } else {
            readNum(sp.width);
        }
        if (i < end && format[i] == '.') {
            ++i;
            if (i < end && format[i] == '*') {
                ++i;
                if (argi < args.size() && args[argi].kind() == Kind::Int && args[argi].asInt() >= 0) {
                    int64_t p = args[argi].asInt();
                    sp.prec = p > 1000000 ? 1000000 : static_cast<int>(p);
                } else {
                    badPrec = true;
                }
                ++argi;
            } else if (!readNum(sp.prec)) {
                sp.prec = 0;
            }
        }
        if (badWidth) out += "%!(BADWIDTH)";
        if (badPrec) out += "%!(BADPREC)";
        if (i >= end) {
            out += "%!(NOVERB)";
            break;
        }
        uint32_t verb = 0;
        size_t n = decodeUtf8(format, i, verb);
        if (n == 0) { verb = 0xFFFD; n = 1; }
        i += n;
        if (verb == '%') {
            out += '%';
            continue;
        }
        if (argi >= args.size()) {
            out += "%!";
            appendUtf8(out, verb);
            out += "(MISSING)";
            continue;
        }
        const Value& a = args[argi++];
        if (verb > 0x7f) {
            std::string vs;
            appendUtf8(vs, verb);
            out += "%!" + vs + "(" + (a.isNil() ? std::string("<nil>") : a.typeName() + "=" + goFormatValue(a)) + ")";
            continue;
        }
        out += fmtValue(a, static_cast<char>(verb), sp);
    }
    if (argi < args.size()) {
        out += "%!(EXTRA ";
        for (size_t k = argi; k < args.size(); ++k) {
            if (k > argi) out += ", ";
            if (args[k].isNil()) {
                out += "<nil>";
            } else {
                out += args[k].typeName() + "=" + goFormatValue(args[k]);
            }
        }
        out += ')';
    }
    return out;
}

}  // namespace pharos::gotemplate
