// Rule file parsing (yaml-cpp, with positions) and promtool-compatible validation.
#include "pharos/rules/rule_file.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>

#include "pharos/duration.h"
#include "pharos/tsdb/labels.h"

namespace pharos::rules {

namespace {

Position positionOf(const YAML::Node& node) {
    const YAML::Mark m = node.Mark();
    if (m.is_null()) return {};
    return {m.line + 1, m.column + 1};
}

Status errorAt(const std::string& path, const YAML::Node& node, std::string message) {
    const Position p = positionOf(node);
    return Status::invalidArgument(std::move(message), {path, p.line, p.column});
}

Status errorAt(const std::string& path, Position p, std::string message) {
    return Status::invalidArgument(std::move(message), {path, p.line, p.column});
}

// As Go's utf8.ValidString: no overlong forms, no surrogates, nothing above U+10FFFF.
bool isValidUtf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t extra;
        unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else {
            return false;
        }
        if (s.size() - i <= extra) return false;
        const auto second = static_cast<unsigned char>(s[i + 1]);
        if (second < lo || second > hi) return false;
        for (size_t k = 2; k <= extra; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += extra + 1;
    }
    return true;
}

// Reads a scalar; a null value (`for:` with nothing) reads as empty.
Result<std::string> scalar(const std::string& path, const YAML::Node& node, const char* what) {
    if (node.IsNull()) return std::string();
    if (!node.IsScalar())
        return errorAt(path, node, std::string("field ") + what + " must be a string");
    return node.Scalar();
}

Result<int64_t> duration(const std::string& path, const YAML::Node& node, const char* what) {
    PHAROS_ASSIGN_OR_RETURN(std::string text, scalar(path, node, what));
    auto d = parseDuration(text);
    if (!d.ok()) return errorAt(path, node, std::string("field ") + what + ": " + d.status().message());
    return *d;
}

Result<StringPairs> stringMap(const std::string& path, const YAML::Node& node, const char* what) {
    StringPairs out;
    if (node.IsNull()) return out;
    if (!node.IsMap()) return errorAt(path, node, std::string("field ") + what + " must be a map");
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (!it->first.IsScalar())
            return errorAt(path, it->first, std::string("field ") + what + ": keys must be strings");
        if (!it->second.IsScalar() && !it->second.IsNull())
            return errorAt(path, it->second,
                           std::string("field ") + what + ": value of \"" + it->first.Scalar() +
                               "\" must be a string");
        out.emplace_back(it->first.Scalar(), it->second.IsNull() ? std::string() : it->second.Scalar());
    }
    return out;
}

// Unknown fields are collected over the whole file, as yaml.UnmarshalStrict reports them all.
struct UnknownFields {
    bool ignore = false;
    std::vector<std::pair<Position, std::string>> found;
    void add(const YAML::Node& key, const char* type) {
        if (!ignore) found.emplace_back(positionOf(key), "field " + key.Scalar() + " not found in type " + type);
    }
};

Result<Rule> parseRule(const std::string& path, const YAML::Node& node, UnknownFields* unknown) {
    if (!node.IsMap()) return errorAt(path, node, "a rule must be a map");
    Rule r;
    r.position = positionOf(node);
    std::string record, alert;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = it->first.Scalar();
        const YAML::Node v = it->second;  // a copy: yaml-cpp iterators yield temporaries
        if (key == "record") {
            PHAROS_ASSIGN_OR_RETURN(record, scalar(path, v, "record"));
            r.namePosition = positionOf(v);
            r.hasRecord = !record.empty();
        } else if (key == "alert") {
            PHAROS_ASSIGN_OR_RETURN(alert, scalar(path, v, "alert"));
            if (!r.hasRecord) r.namePosition = positionOf(v);
            r.hasAlert = !alert.empty();
        } else if (key == "expr") {
            PHAROS_ASSIGN_OR_RETURN(r.expr, scalar(path, v, "expr"));
            r.exprPosition = positionOf(v);
        } else if (key == "for") {
            PHAROS_ASSIGN_OR_RETURN(r.forMs, duration(path, v, "for"));
            r.hasFor = r.forMs != 0;
        } else if (key == "keep_firing_for") {
            PHAROS_ASSIGN_OR_RETURN(r.keepFiringForMs, duration(path, v, "keep_firing_for"));
            r.hasKeepFiringFor = r.keepFiringForMs != 0;
        } else if (key == "labels") {
            PHAROS_ASSIGN_OR_RETURN(r.labels, stringMap(path, v, "labels"));
        } else if (key == "annotations") {
            PHAROS_ASSIGN_OR_RETURN(r.annotations, stringMap(path, v, "annotations"));
            r.hasAnnotations = !r.annotations.empty();
        } else {
            unknown->add(it->first, "rulefmt.RuleNode");
        }
    }
    r.kind = r.hasRecord ? Rule::Kind::Recording : Rule::Kind::Alerting;
    r.name = r.hasRecord ? record : alert;
    return r;
}

Result<RuleGroup> parseGroup(const std::string& path, const YAML::Node& node, UnknownFields* unknown) {
    if (!node.IsMap()) return errorAt(path, node, "a rule group must be a map");
    RuleGroup g;
    g.position = positionOf(node);
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = it->first.Scalar();
        const YAML::Node v = it->second;  // a copy: yaml-cpp iterators yield temporaries
        if (key == "name") {
            PHAROS_ASSIGN_OR_RETURN(g.name, scalar(path, v, "name"));
        } else if (key == "interval") {
            PHAROS_ASSIGN_OR_RETURN(int64_t ms, duration(path, v, "interval"));
            g.intervalMs = ms;
        } else if (key == "query_offset") {
            PHAROS_ASSIGN_OR_RETURN(int64_t ms, duration(path, v, "query_offset"));
            g.queryOffsetMs = ms;
        } else if (key == "limit") {
            PHAROS_ASSIGN_OR_RETURN(std::string text, scalar(path, v, "limit"));
            try {
                size_t used = 0;
                g.limit = text.empty() ? 0 : std::stoi(text, &used);
                if (used != text.size() || g.limit < 0) throw std::invalid_argument(text);
            } catch (const std::exception&) {
                return errorAt(path, v, "field limit: cannot unmarshal \"" + text + "\" into an int");
            }
        } else if (key == "labels") {
            PHAROS_ASSIGN_OR_RETURN(g.labels, stringMap(path, v, "labels"));
        } else if (key == "rules") {
            if (v.IsNull()) continue;
            if (!v.IsSequence()) return errorAt(path, v, "field rules must be a list");
            for (const auto& rn : v) {
                PHAROS_ASSIGN_OR_RETURN(Rule r, parseRule(path, rn, unknown));
                g.rules.push_back(std::move(r));
            }
        } else {
            unknown->add(it->first, "rulefmt.RuleGroup");
        }
    }
    return g;
}

// Uncomments the disabled-rule blocks of `yaml` in place (kDisabledRuleMarker), keeping every
// line and column; returns the 1-based line ranges of the blocks' rule lines.
std::vector<std::pair<int, int>> uncommentDisabled(std::string& yaml) {
    std::vector<std::pair<int, int>> blocks;
    std::vector<std::pair<size_t, size_t>> lines;  // [begin, end) of each line
    for (size_t at = 0; at <= yaml.size();) {
        size_t nl = yaml.find('\n', at);
        if (nl == std::string::npos) nl = yaml.size();
        lines.push_back({at, nl});
        at = nl + 1;
    }
    auto text = [&](size_t i) { return std::string_view(yaml).substr(lines[i].first, lines[i].second - lines[i].first); };
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string_view l = text(i);
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        const size_t indent = l.find_first_not_of(' ');
        if (indent == std::string_view::npos) continue;
        std::string_view rest = l.substr(indent);
        while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
        if (rest != kDisabledRuleMarker) continue;
        // The block: lines with '#' at the marker's column; the first is a sequence item.
        const std::string prefix = std::string(indent, ' ') + "#";
        auto inBlock = [&](size_t j) {
            std::string_view t = text(j);
            if (t.substr(0, prefix.size()) != prefix) return false;
            std::string_view after = t.substr(prefix.size());
            return after.empty() || after[0] == ' ' || after[0] == '\r';
        };
        if (i + 1 >= lines.size() || !inBlock(i + 1) || text(i + 1).substr(prefix.size()).substr(0, 3) != " - ")
            continue;
        // Then the rule's other lines: blank, or indented past the item's "- ".
        auto continues = [&](size_t j) {
            if (!inBlock(j)) return false;
            std::string_view after = text(j).substr(prefix.size());
            return after.find_first_not_of(" \r") == std::string_view::npos || after.substr(0, 3) == "   ";
        };
        size_t j = i + 1;
        for (; j < lines.size() && (j == i + 1 || continues(j)); ++j) yaml[lines[j].first + indent] = ' ';
        blocks.push_back({static_cast<int>(i + 2), static_cast<int>(j)});
        i = j - 1;
    }
    return blocks;
}

std::string ruleContext(const RuleGroup& g, size_t index, const Rule& r) {
    return "group \"" + g.name + "\", rule " + std::to_string(index + 1) + ", \"" + r.name + "\"";
}

}  // namespace

size_t RuleFile::ruleCount() const {
    size_t n = 0;
    for (const auto& g : groups) n += g.rules.size();
    return n;
}

Result<RuleFile> parseRuleFile(std::string_view yaml, const std::string& path) {
    return parseRuleFile(yaml, path, RuleFileParseOptions{});
}

Result<RuleFile> parseRuleFile(std::string_view yaml, const std::string& path,
                               const RuleFileParseOptions& options) {
    UnknownFields unknown;
    unknown.ignore = options.ignoreUnknownFields;
    RuleFile file;
    file.path = path;
    std::string source(yaml);
    std::vector<std::pair<int, int>> disabledLines;
    if (options.keepDisabled) disabledLines = uncommentDisabled(source);
    try {
        const YAML::Node root = YAML::Load(source);
        if (!root.IsDefined() || root.IsNull()) return file;  // an empty file has no groups
        if (!root.IsMap()) return errorAt(path, root, "a rule file must be a map with a \"groups\" list");
        for (auto it = root.begin(); it != root.end(); ++it) {
            const std::string key = it->first.Scalar();
            if (key != "groups") {
                unknown.add(it->first, "rulefmt.RuleGroups");
                continue;
            }
            const YAML::Node groups = it->second;  // a copy (see above)
            if (groups.IsNull()) continue;
            if (!groups.IsSequence()) return errorAt(path, groups, "field groups must be a list");
            for (const auto& gn : groups) {
                PHAROS_ASSIGN_OR_RETURN(RuleGroup g, parseGroup(path, gn, &unknown));
                file.groups.push_back(std::move(g));
            }
        }
    } catch (const YAML::Exception& e) {
        return Status::invalidArgument("yaml: " + e.msg,
                                       {path, e.mark.is_null() ? 0 : e.mark.line + 1,
                                        e.mark.is_null() ? 0 : e.mark.column + 1});
    }
    if (!unknown.found.empty()) {
        std::string msg = "yaml: unmarshal errors:";
        for (const auto& [pos, text] : unknown.found) msg += "\n  line " + std::to_string(pos.line) + ": " + text;
        return errorAt(path, unknown.found.front().first, std::move(msg));
    }
    for (RuleGroup& g : file.groups)
        for (Rule& r : g.rules)
            for (const auto& [first, last] : disabledLines)
                if (r.position.line >= first && r.position.line <= last) r.disabled = true;
    return file;
}

RuleFileCheck checkRuleFile(const RuleFile& file, const ExprChecker& exprChecker,
                            const TemplateChecker& templateChecker) {
    RuleFileCheck out;
    const std::string& path = file.path;
    std::set<std::string> groupNames;
    for (const RuleGroup& g : file.groups) {
        if (g.name.empty()) {
            out.errors.push_back(errorAt(path, g.position, "Groupname must not be empty"));
        } else if (!groupNames.insert(g.name).second) {
            out.errors.push_back(
                errorAt(path, g.position, "groupname: \"" + g.name + "\" is repeated in the same file"));
        }
        for (const auto& [name, value] : g.labels) {
            if (!tsdb::isValidLegacyLabelName(name) || name == "__name__")
                out.errors.push_back(errorAt(path, g.position, "group \"" + g.name + "\": invalid label name: " + name));
        }
        for (size_t i = 0; i < g.rules.size(); ++i) {
            const Rule& r = g.rules[i];
            const std::string ctx = ruleContext(g, i, r);
            auto fail = [&](Position p, const std::string& msg) {
                out.errors.push_back(errorAt(path, p, ctx + ": " + msg));
            };
            if (r.hasRecord && r.hasAlert) fail(r.position, "only one of 'record' and 'alert' must be set");
            if (!r.hasRecord && !r.hasAlert) fail(r.position, "one of 'record' or 'alert' must be set");
            if (r.expr.empty()) {
                fail(r.position, "field 'expr' must be set in rule");
            } else if (exprChecker) {
                if (Status s = exprChecker(r.expr); !s.ok())
                    fail(r.exprPosition, "could not parse expression: " + s.toString());
            }
            if (r.kind == Rule::Kind::Recording) {
                // promtool attaches these to the `record` value.
                const Position at = r.namePosition.line > 0 ? r.namePosition : r.position;
                if (r.hasAnnotations) fail(at, "invalid field 'annotations' in recording rule");
                if (r.hasFor) fail(at, "invalid field 'for' in recording rule");
                if (r.hasKeepFiringFor) fail(at, "invalid field 'keep_firing_for' in recording rule");
                if (!tsdb::isValidLegacyMetricName(r.name)) fail(at, "invalid recording rule name: " + r.name);
            }
            for (const auto& [name, value] : r.labels) {
                if (!tsdb::isValidLegacyLabelName(name) || name == "__name__") fail(r.position, "invalid label name: " + name);
                if (!isValidUtf8(value)) fail(r.position, "invalid label value: " + value);
            }
            for (const auto& [name, value] : r.annotations)
                if (!tsdb::isValidLegacyLabelName(name)) fail(r.position, "invalid annotation name: " + name);
            if (r.kind == Rule::Kind::Alerting && templateChecker) {
                const std::string tmplName = "__alert_" + r.name;
                for (const auto& [name, value] : r.labels)
                    if (Status s = templateChecker(tmplName, value); !s.ok())
                        fail(r.position, "label \"" + name + "\": " + s.message());
                for (const auto& [name, value] : r.annotations)
                    if (Status s = templateChecker(tmplName, value); !s.ok())
                        fail(r.position, "annotation \"" + name + "\": " + s.message());
            }
        }
    }

    // Lint: rules with the same name (record or alert) and labels, promtool's checkDuplicates:
    // each duplicated (name, labels) is reported once, however many copies there are.
    std::map<std::pair<std::string, StringPairs>, int> seen;
    for (const RuleGroup& g : file.groups)
        for (const Rule& r : g.rules) {
            StringPairs labels = r.labels;
            std::sort(labels.begin(), labels.end());
            ++seen[{r.name, labels}];
        }
    size_t duplicates = 0;
    std::string detail;
    for (const auto& [key, count] : seen) {
        if (count < 2) continue;
        ++duplicates;
        detail += "Metric: " + key.first + "\nLabel(s):\n";
        for (const auto& [n, v] : key.second) detail += "\t" + n + ": " + v + "\n";
    }
    if (duplicates > 0)
        out.lint.push_back(std::to_string(duplicates) + " duplicate rule(s) found.\n" + detail +
                           "Might cause inconsistency while recording expressions");
    return out;
}

}  // namespace pharos::rules
