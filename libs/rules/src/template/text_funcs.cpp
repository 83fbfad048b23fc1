// Go string and regexp functions over RE2 (Go's regexp syntax is RE2's): replacement templates
// with $1, ${1}, ${name}, $$ as regexp.Expand reads them; Unicode case mapping for common scripts.
#include "text_funcs.h"

#include <re2/re2.h>

#include <vector>

#include "pharos/tsdb/matcher.h"
#include "utf8.h"

namespace pharos::gotemplate {

namespace {

constexpr size_t kMaxReplaceOutput = 16u << 20;

Result<std::unique_ptr<RE2>> compile(std::string_view pattern) {
    RE2::Options opts;
    opts.set_log_errors(false);
    auto re = std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), opts);
    if (!re->ok()) {
        return Status::invalidArgument(tsdb::goRegexpError(*re));
    }
    return re;
}

bool isWordRune(uint32_t r) {
    return r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r >= 0x80;
}

// Go regexp.Expand of one replacement template.
void expand(std::string& dst, std::string_view tmpl, const RE2& re, const std::vector<re2::StringPiece>& groups) {
    const auto& names = re.NamedCapturingGroups();
    size_t i = 0;
    while (i < tmpl.size()) {
        size_t d = tmpl.find('$', i);
        if (d == std::string_view::npos) {
            dst.append(tmpl.substr(i));
            return;
        }
        dst.append(tmpl.substr(i, d - i));
        std::string_view rest = tmpl.substr(d);
        if (rest.size() > 1 && rest[1] == '$') {
            dst += '$';
            i = d + 2;
            continue;
        }
        // extract the name
        bool brace = rest.size() > 1 && rest[1] == '{';
        size_t start = brace ? 2 : 1;
        size_t k = start;
        while (k < rest.size()) {
            uint32_t r = 0;
            size_t n = decodeUtf8(rest, k, r);
            if (n == 0 || !isWordRune(r)) break;
            k += n;
        }
        std::string_view name = rest.substr(start, k - start);
        bool ok = !name.empty();
        if (ok && brace) {
            if (k >= rest.size() || rest[k] != '}') ok = false;
            else ++k;
        }
        if (!ok) {
            dst += '$';
            i = d + 1;
            continue;
        }
        i = d + k;
        int num = 0;
        for (char c : name) {
            if (c < '0' || c > '9' || num >= 100000000) {
                num = -1;
                break;
            }
            num = num * 10 + (c - '0');
        }
        if (name.size() > 1 && name[0] == '0') num = -1;
        if (num >= 0) {
            if (static_cast<size_t>(num) < groups.size() && groups[static_cast<size_t>(num)].data()) {
                dst.append(groups[static_cast<size_t>(num)].data(), groups[static_cast<size_t>(num)].size());
            }
        } else {
            auto it = names.find(std::string(name));
            if (it != names.end() && static_cast<size_t>(it->second) < groups.size() &&
                groups[static_cast<size_t>(it->second)].data()) {
                const auto& g = groups[static_cast<size_t>(it->second)];
                dst.append(g.data(), g.size());
            }
        }
    }
}

uint32_t upperRune(uint32_t r) {
    if (r >= 'a' && r <= 'z') return r - 32;
    if (r == 0xB5) return 0x39C;
    if ((r >= 0xE0 && r <= 0xFE && r != 0xF7)) return r - 32;
    if (r == 0xFF) return 0x178;
    if (r >= 0x100 && r <= 0x17F && r != 0x131 && r != 0x138 && r != 0x149 && r != 0x17F) {
        bool oddLower = (r >= 0x139 && r <= 0x148) || (r >= 0x179 && r <= 0x17E);
        if (oddLower ? (r % 2 == 0) : (r % 2 == 1)) return r - 1;
        return r;
    }
    if (r >= 0x3B1 && r <= 0x3C9 && r != 0x3C2) return r - 32;
    if (r >= 0x430 && r <= 0x44F) return r - 32;
    if (r >= 0x450 && r <= 0x45F) return r - 80;
    return r;
}

uint32_t lowerRune(uint32_t r) {
    if (r >= 'A' && r <= 'Z') return r + 32;
    if ((r >= 0xC0 && r <= 0xDE && r != 0xD7)) return r + 32;
    if (r == 0x178) return 0xFF;
    if (r >= 0x100 && r <= 0x17F && r != 0x130 && r != 0x138 && r != 0x149 && r != 0x17F) {
        bool oddLower = (r >= 0x139 && r <= 0x148) || (r >= 0x179 && r <= 0x17E);
        if (oddLower ? (r % 2 == 1) : (r % 2 == 0)) return r + 1;
        return r;
    }
    if (r >= 0x391 && r <= 0x3A9 && r != 0x3A2) return r + 32;
    if (r >= 0x410 && r <= 0x42F) return r + 32;
    if (r >= 0x400 && r <= 0x40F) return r + 80;
    return r;
}

template <typename F>
std::string mapRunes(std::string_view s, F f) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        uint32_t r = 0;
        size_t n = decodeUtf8(s, i, r);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        appendUtf8(out, f(r));
        i += n;
    }
    return out;
}

}  // namespace

Result<std::string> regexReplaceAll(std::string_view pattern, std::string_view repl, std::string_view text) {
    PHAROS_ASSIGN_OR_RETURN(auto re, compile(pattern));
    int ngroups = re->NumberOfCapturingGroups() + 1;
    std::vector<re2::StringPiece> groups(static_cast<size_t>(ngroups));
    re2::StringPiece src(text.data(), text.size());
    std::string out;
    size_t lastMatchEnd = 0;
    size_t searchPos = 0;
    while (searchPos <= text.size()) {
        if (!re->Match(src, searchPos, text.size(), RE2::UNANCHORED, groups.data(), ngroups)) break;
        size_t a0 = static_cast<size_t>(groups[0].data() - text.data());
        size_t a1 = a0 + groups[0].size();
        out.append(text.substr(lastMatchEnd, a0 - lastMatchEnd));
        // No replacement for an empty match right after the previous match (Go's rule).
        if (a1 > lastMatchEnd || a0 == 0) expand(out, repl, *re, groups);
        // Bounded: a template must not turn a few bytes into gigabytes ("" matches everywhere).
        if (out.size() > kMaxReplaceOutput) return Status::resourceExhausted("reReplaceAll: result too large");
        lastMatchEnd = a1;
        size_t width = 1;
        if (searchPos < text.size()) {
            uint32_t r = 0;
            size_t n = decodeUtf8(text, searchPos, r);
            width = n == 0 ? 1 : n;
        }
        if (searchPos + width > a1) searchPos += width;
        else if (searchPos + 1 > a1) ++searchPos;
        else searchPos = a1;
    }
    out.append(text.substr(lastMatchEnd));
    return out;
}

Result<bool> regexMatch(std::string_view pattern, std::string_view text) {
    PHAROS_ASSIGN_OR_RETURN(auto re, compile(pattern));
    return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re);
}

std::string goToUpper(std::string_view s) { return mapRunes(s, upperRune); }
std::string goToLower(std::string_view s) { return mapRunes(s, lowerRune); }

std::string goTitle(std::string_view s) {
    // strings.Title: a letter that starts a word (after a separator) is upper-cased.
    auto isSeparator = [](uint32_t r) {
        if (r <= 0x7F) {
            if ((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_') return false;
            return true;
        }
        return r == 0xA0 || r == 0x2028 || r == 0x2029 || r == 0x3000 || (r >= 0x2000 && r <= 0x200A);
    };
    std::string out;
    uint32_t prev = ' ';
    for (size_t i = 0; i < s.size();) {
        uint32_t r = 0;
        size_t n = decodeUtf8(s, i, r);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            prev = 0xFFFD;
            ++i;
            continue;
        }
        appendUtf8(out, isSeparator(prev) ? upperRune(r) : r);
        prev = r;
        i += n;
    }
    return out;
}

std::string goTrimSpace(std::string_view s) {
    auto sp = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
    size_t b = 0, e = s.size();
    while (b < e && sp(s[b])) ++b;
    while (e > b && sp(s[e - 1])) --e;
    return std::string(s.substr(b, e - b));
}

Result<std::string> stringArg(const Value& v) {
    // A typed string (template.HTML, ...) is not assignable to a Go string parameter.
    if (v.kind() == Kind::String && v.contentType() == ContentType::Plain) return v.asString();
    if (v.isNil()) return Status::invalidArgument("invalid value; expected string");
    return Status::invalidArgument("wrong type for value; expected string; got " + v.typeName());
}

}  // namespace pharos::gotemplate
