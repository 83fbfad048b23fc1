// rule_file_writer.h: RuleFile -> YAML text.
#include "pharos/rules/rule_file_writer.h"


#include "pharos/duration.h"
#include "pharos/tsdb/labels.h"

namespace pharos::rules {
namespace {

bool isPrintableText(std::string_view s, bool allowNewline) {
    for (unsigned char c : s) {
        if (c == '\n' && allowNewline) continue;
        if (c < 0x20 || c == 0x7f) return false;
    }
    return true;
}

// Scalars YAML 1.1/1.2 resolvers read as something other than a string.
bool looksTyped(std::string_view s) {
    static const char* const kWords[] = {"true",  "false", "yes", "no",  "on", "off", "y",
                                         "n",     "null",  "~",   ".inf", "-.inf", "+.inf", ".nan"};
    std::string lower;
    for (char c : s) lower += static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
    for (const char* w : kWords)
        if (lower == w) return true;
    // Numbers (decimal, float, hex, octal, sexagesimal-ish): anything starting like a number and
    // made only of number characters.
    size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (i == s.size()) return false;
    if (!(s[i] >= '0' && s[i] <= '9') && s[i] != '.') return false;
    const bool radix = s.size() > i + 1 && s[i] == '0' &&
                       (s[i + 1] == 'x' || s[i + 1] == 'X' || s[i + 1] == 'o' || s[i + 1] == 'b');
    if (radix) return true;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        const bool numChar = (c >= '0' && c <= '9') || c == '.' || c == '_' || c == ':' || c == 'e' ||
                             c == 'E' || c == '+' || c == '-';
        if (!numChar) return false;
    }
    return true;
}

bool canBePlain(std::string_view s) {
    if (s.empty() || !isPrintableText(s, false)) return false;
    if (s.front() == ' ' || s.back() == ' ' || s.back() == ':') return false;
    static constexpr std::string_view kIndicators = "-?:,[]{}#&*!|>'\"%@`";
    if (kIndicators.find(s.front()) != std::string_view::npos) {
        // "-x", "?x", ":x" are plain when followed by a non-space, but keep it simple and safe.
        return false;
    }
    if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos) return false;
    if (s.find('\t') != std::string_view::npos) return false;
    if (s == "---" || s == "...") return false;
    return !looksTyped(s);
}

// A literal block keeps the text exactly when every line is printable, no line before the first
// non-empty one is made of spaces only, and the text has at least one non-space character.
bool canBeLiteral(std::string_view s) {
    if (s.find('\n') == std::string_view::npos || !isPrintableText(s, true)) return false;
    size_t firstContent = s.find_first_not_of(" \n");
    if (firstContent == std::string_view::npos) return false;
    // Leading lines made only of spaces would be read as indentation.
    size_t lineStart = 0;
    while (lineStart < firstContent) {
        size_t nl = s.find('\n', lineStart);
        if (nl == std::string_view::npos || nl > firstContent) break;
        if (nl != lineStart) return false;  // a line of spaces only
        lineStart = nl + 1;
    }
    // Trailing lines made only of spaces after the last content line are lost too.
    size_t lastContent = s.find_last_not_of(" \n");
    size_t afterLast = s.find('\n', lastContent);
    if (afterLast != std::string_view::npos &&
        s.substr(afterLast).find_first_not_of('\n') != std::string_view::npos)
        return false;
    return true;
}

std::string literalBlock(std::string_view s, int indent) {
    std::string out = "|";
    if (s.front() == ' ' || s.front() == '\n') out += std::to_string(2);  // explicit indentation
    size_t trailing = 0;
    while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n') ++trailing;
    if (trailing == 0)
        out += '-';
    else if (trailing > 1)
        out += '+';
    out += '\n';
    const std::string pad(static_cast<size_t>(indent), ' ');
    std::string_view body = s.substr(0, s.size() - trailing);
    size_t pos = 0;
    while (true) {
        size_t nl = body.find('\n', pos);
        std::string_view line = body.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        if (!line.empty()) out += pad;
        out += line;
        out += '\n';
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    for (size_t i = 1; i < trailing; ++i) out += '\n';
    return out;
}

void writeKey(std::string& out, int indent, std::string_view key, std::string_view value) {
    out.append(static_cast<size_t>(indent), ' ');
    out += yamlScalar(key, indent + 2);
    out += ": ";
    std::string v = yamlScalar(value, indent + 2);
    out += v;
    if (v.back() != '\n') out += '\n';
}

void writePairs(std::string& out, int indent, std::string_view key, const StringPairs& pairs) {
    out.append(static_cast<size_t>(indent), ' ');
    out += key;
    out += ":\n";
    for (const auto& [name, value] : pairs) writeKey(out, indent + 2, name, value);
}

}  // namespace

std::string yamlScalar(std::string_view value, int indent) {
    if (canBePlain(value)) return std::string(value);
    if (canBeLiteral(value)) return literalBlock(value, indent);
    return tsdb::goQuote(value);  // Go's %q escapes are valid in YAML double-quoted scalars
}

// One rule as an item of a group's `rules:` list (item at 6 spaces, keys at 8).
static void writeRule(std::string& out, const Rule& r) {
    const bool alerting = r.kind == Rule::Kind::Alerting;
    out += "      - ";
    out += alerting ? "alert: " : "record: ";
    std::string rn = yamlScalar(r.name, 10);
    out += rn;
    if (rn.back() != '\n') out += '\n';
    writeKey(out, 8, "expr", r.expr);
    if (r.forMs != 0 || r.hasFor) writeKey(out, 8, "for", formatDuration(r.forMs));
    if (r.keepFiringForMs != 0 || r.hasKeepFiringFor)
        writeKey(out, 8, "keep_firing_for", formatDuration(r.keepFiringForMs));
    if (!r.labels.empty()) writePairs(out, 8, "labels", r.labels);
    if (!r.annotations.empty() || r.hasAnnotations) {
        if (r.annotations.empty())
            out += "        annotations: {}\n";
        else
            writePairs(out, 8, "annotations", r.annotations);
    }
}

std::string writeRuleFile(const RuleFile& file) {
    std::string out = "groups:\n";
    if (file.groups.empty()) return "groups: []\n";
    for (const RuleGroup& g : file.groups) {
        out += "  - name: ";
        std::string name = yamlScalar(g.name, 6);
        out += name;
        if (name.back() != '\n') out += '\n';
        if (g.intervalMs) writeKey(out, 4, "interval", formatDuration(*g.intervalMs));
        if (g.queryOffsetMs) writeKey(out, 4, "query_offset", formatDuration(*g.queryOffsetMs));
        if (g.limit != 0) out += "    limit: " + std::to_string(g.limit) + "\n";
        if (!g.labels.empty()) writePairs(out, 4, "labels", g.labels);
        if (g.rules.empty()) {
            out += "    rules: []\n";
            continue;
        }
        out += "    rules:\n";
        for (const Rule& r : g.rules) {
            if (!r.disabled) {
                writeRule(out, r);
                continue;
            }
            // Commented out two columns left of the item (rule_file.h, kDisabledRuleMarker).
            std::string rule;
            writeRule(rule, r);
            out += "    ";
            out += kDisabledRuleMarker;
            out += '\n';
            for (size_t at = 0; at < rule.size();) {
                size_t nl = rule.find('\n', at);
                if (nl == std::string::npos) nl = rule.size();
                std::string_view line = std::string_view(rule).substr(at, nl - at);
                out += "    #";
                if (line.size() > 5) out += line.substr(5);
                out += '\n';
                at = nl + 1;
            }
        }
    }
    return out;
}

}  // namespace pharos::rules
