// Relabeling: validation and application of relabel_configs (Prometheus 2.42 model/relabel).
#include "pharos/core/scrape/relabel.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QString>
#include <re2/re2.h>

#include <array>
#include <map>

namespace pharos::core::scrape {

namespace {

using tsdb::Labels;
using tsdb::LabelsBuilder;

constexpr std::array<std::pair<RelabelAction, std::string_view>, 11> kActions{{
    {RelabelAction::Replace, "replace"},     {RelabelAction::Keep, "keep"},
    {RelabelAction::Drop, "drop"},           {RelabelAction::KeepEqual, "keepequal"},
    {RelabelAction::DropEqual, "dropequal"}, {RelabelAction::HashMod, "hashmod"},
    {RelabelAction::LabelMap, "labelmap"},   {RelabelAction::LabelDrop, "labeldrop"},
    {RelabelAction::LabelKeep, "labelkeep"}, {RelabelAction::Lowercase, "lowercase"},
    {RelabelAction::Uppercase, "uppercase"},
}};

// Go's unicode.IsLetter / IsDigit / '_' on bytes; any non-ASCII byte counts as a letter.
bool isNameByte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c >= 0x80;
}

// Prometheus' relabelTarget: ^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$
const re2::RE2& relabelTargetRe() {
    static const re2::RE2 re(R"(^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$)");
    return re;
}

std::string anchored(const std::string& re) { return "^(?:" + re + ")$"; }

bool fullMatch(const re2::RE2& re, std::string_view s) {
    return re.Match(re2::StringPiece(s.data(), s.size()), 0, s.size(), re2::RE2::UNANCHORED,
                    nullptr, 0);
}

// Submatches of `re` on `s`; empty vector when there is no match.
std::vector<std::string_view> submatches(const re2::RE2& re, std::string_view s) {
    const int n = re.NumberOfCapturingGroups() + 1;
    std::vector<re2::StringPiece> pieces(static_cast<size_t>(n));
    if (!re.Match(re2::StringPiece(s.data(), s.size()), 0, s.size(), re2::RE2::UNANCHORED,
                  pieces.data(), n))
        return {};
    std::vector<std::string_view> out;
    out.reserve(pieces.size());
    for (const auto& p : pieces)
        out.emplace_back(p.data() ? std::string_view(p.data(), p.size()) : std::string_view());
    return out;
}

std::string joinSources(const RelabelConfig& c, const LabelsBuilder& lb) {
    std::string val;
    for (size_t i = 0; i < c.sourceLabels.size(); ++i) {
        if (i) val += c.separator;
        val += lb.get(c.sourceLabels[i]);
    }
    return val;
}

std::string quoted(std::string_view s) { return tsdb::goQuote(s); }

}  // namespace

std::string_view relabelActionName(RelabelAction a) {
    for (const auto& [act, name] : kActions)
        if (act == a) return name;
    return "replace";
}

std::optional<RelabelAction> parseRelabelAction(std::string_view s) {
    std::string lower(s);
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    for (const auto& [act, name] : kActions)
        if (name == lower) return act;
    return std::nullopt;
}

uint64_t hashMod(std::string_view value, uint64_t modulus) {
    const QByteArray sum = QCryptographicHash::hash(
        QByteArray::fromRawData(value.data(), static_cast<qsizetype>(value.size())),
        QCryptographicHash::Md5);
    uint64_t v = 0;
    for (qsizetype i = 8; i < 16; ++i) v = (v << 8) | static_cast<unsigned char>(sum[i]);
    return modulus ? v % modulus : 0;
}

std::string expandTemplate(const re2::RE2& re, std::string_view templ,
                           std::span<const std::string_view> groups) {
    std::string out;
    while (!templ.empty()) {
        const size_t dollar = templ.find('$');
        if (dollar == std::string_view::npos) break;
        out.append(templ.substr(0, dollar));
        templ.remove_prefix(dollar + 1);
        if (!templ.empty() && templ[0] == '$') {
            out.push_back('$');
            templ.remove_prefix(1);
            continue;
        }
        // extract(): $name or ${name}
        std::string_view str = templ;
        bool brace = false;
        if (!str.empty() && str[0] == '{') {
            brace = true;
            str.remove_prefix(1);
        }
        size_t i = 0;
        while (i < str.size() && isNameByte(static_cast<unsigned char>(str[i]))) ++i;
        if (i == 0 || (brace && (i >= str.size() || str[i] != '}'))) {
            out.push_back('$');  // malformed: the '$' is literal text
            continue;
        }
        const std::string_view name = str.substr(0, i);
        if (brace) ++i;
        templ = str.substr(i);
        long num = 0;
        for (char c : name) {
            if (c < '0' || c > '9' || num >= 100000000) {
                num = -1;
                break;
            }
            num = num * 10 + (c - '0');
        }
        if (name.size() > 1 && name[0] == '0') num = -1;
        if (num >= 0) {
            if (static_cast<size_t>(num) < groups.size()) out.append(groups[static_cast<size_t>(num)]);
        } else {
            const auto& named = re.NamedCapturingGroups();
            auto it = named.find(std::string(name));
            if (it != named.end() && static_cast<size_t>(it->second) < groups.size())
                out.append(groups[static_cast<size_t>(it->second)]);
        }
    }
    out.append(templ);
    return out;
}

Result<RelabelRule> RelabelRule::compile(const RelabelConfig& c) {
    using A = RelabelAction;
    const A a = c.action;
    const std::string an(relabelActionName(a));
    const RelabelConfig def;
    for (const auto& s : c.sourceLabels)
        if (!tsdb::isValidLegacyLabelName(s))
            return Status::invalidArgument(quoted(s) + " is not a valid label name");
    if (a == A::HashMod && c.modulus == 0)
        return Status::invalidArgument("relabel configuration for hashmod requires non-zero modulus");
    const bool needsTarget = a == A::Replace || a == A::HashMod || a == A::Lowercase ||
                             a == A::Uppercase || a == A::KeepEqual || a == A::DropEqual;
    if (needsTarget && c.targetLabel.empty())
        return Status::invalidArgument("relabel configuration for " + an +
                                       " action requires 'target_label' value");
    const bool hasDollar = c.targetLabel.find('$') != std::string::npos;
    if (a == A::Replace && ((!hasDollar && !tsdb::isValidLegacyLabelName(c.targetLabel)) ||
                            (hasDollar && !fullMatch(relabelTargetRe(), c.targetLabel))))
        return Status::invalidArgument(quoted(c.targetLabel) + " is invalid 'target_label' for " + an +
                                       " action");
    const bool simpleTarget = a == A::Lowercase || a == A::Uppercase || a == A::KeepEqual ||
                              a == A::DropEqual || a == A::HashMod;
    if (simpleTarget && !tsdb::isValidLegacyLabelName(c.targetLabel))
        return Status::invalidArgument(quoted(c.targetLabel) + " is invalid 'target_label' for " + an +
                                       " action");
    if ((a == A::Lowercase || a == A::Uppercase || a == A::KeepEqual || a == A::DropEqual) &&
        c.replacement != def.replacement)
        return Status::invalidArgument("'replacement' can not be set for " + an + " action");
    if (a == A::LabelMap && !fullMatch(relabelTargetRe(), c.replacement))
        return Status::invalidArgument(quoted(c.replacement) + " is invalid 'replacement' for " + an +
                                       " action");
    if ((a == A::KeepEqual || a == A::DropEqual) &&
        (c.regex != def.regex || c.modulus != 0 || c.separator != def.separator ||
         c.replacement != def.replacement))
        return Status::invalidArgument(an +
                                       " action requires only 'source_labels' and `target_label`, "
                                       "and no other fields");
    if ((a == A::LabelDrop || a == A::LabelKeep) &&
        (!c.sourceLabels.empty() || !c.targetLabel.empty() || c.modulus != 0 ||
         c.separator != def.separator || c.replacement != def.replacement))
        return Status::invalidArgument(an + " action requires only 'regex', and no other fields");

    re2::RE2::Options opts;
    opts.set_log_errors(false);
    auto re = std::make_shared<re2::RE2>(anchored(c.regex), opts);
    if (!re->ok())
        return Status::invalidArgument("error parsing regexp: " + re->error() + ": `" + c.regex + "`");
    RelabelRule rule;
    rule.config_ = c;
    rule.re_ = std::move(re);
    return rule;
}

bool RelabelRule::apply(LabelsBuilder& lb) const {
    const RelabelConfig& c = config_;
    const re2::RE2& re = *re_;
    const std::string val = joinSources(c, lb);
    switch (c.action) {
        case RelabelAction::Drop:
            return !fullMatch(re, val);
        case RelabelAction::Keep:
            return fullMatch(re, val);
        case RelabelAction::DropEqual:
            return lb.get(c.targetLabel) != val;
        case RelabelAction::KeepEqual:
            return lb.get(c.targetLabel) == val;
        case RelabelAction::Replace: {
            const auto groups = submatches(re, val);
            if (groups.empty()) break;  // no match: no replacement
            const std::string target = expandTemplate(re, c.targetLabel, groups);
            if (!tsdb::isValidLegacyLabelName(target)) break;
            const std::string res = expandTemplate(re, c.replacement, groups);
            if (res.empty())
                lb.del(target);
            else
                lb.set(target, res);
            break;
        }
        case RelabelAction::Lowercase:
            lb.set(c.targetLabel, QString::fromStdString(val).toLower().toStdString());
            break;
        case RelabelAction::Uppercase:
            lb.set(c.targetLabel, QString::fromStdString(val).toUpper().toStdString());
            break;
        case RelabelAction::HashMod:
            lb.set(c.targetLabel, std::to_string(hashMod(val, c.modulus)));
            break;
        case RelabelAction::LabelMap: {
            const Labels snapshot = lb.labels();
            for (const auto& l : snapshot) {
                const auto groups = submatches(re, l.name);
                if (groups.empty()) continue;
                lb.set(expandTemplate(re, c.replacement, groups), l.value);
            }
            break;
        }
        case RelabelAction::LabelDrop:
        case RelabelAction::LabelKeep: {
            const bool keepMatching = c.action == RelabelAction::LabelKeep;
            const Labels snapshot = lb.labels();
            for (const auto& l : snapshot)
                if (fullMatch(re, l.name) != keepMatching) lb.del(l.name);
            break;
        }
    }
    return true;
}

std::optional<Labels> relabelTraced(const Labels& labels, std::span<const RelabelRule> rules,
                                    std::vector<Labels>* steps) {
    LabelsBuilder lb(labels);
    for (const auto& r : rules) {
        if (!r.apply(lb)) return std::nullopt;
        if (steps) steps->push_back(lb.labels());
    }
    return lb.labels();
}

std::optional<Labels> relabel(const Labels& labels, std::span<const RelabelRule> rules) {
    return relabelTraced(labels, rules, nullptr);
}

}  // namespace pharos::core::scrape
