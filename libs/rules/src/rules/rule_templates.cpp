// Rule template library: parsing of our template YAML (with positions), parameter validation
// and instantiation into rulefmt rules checked as promtool checks them.
#include "pharos/rules/rule_templates.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>
#include <tuple>

#include "pharos/duration.h"
#include "pharos/file_text.h"
#include "pharos/promql/parser.h"
#include "pharos/promql/printer.h"
#include "pharos/rules/rule_test.h"
#include "pharos/tsdb/labels.h"

namespace pharos::rules {

namespace {

Position positionOf(const YAML::Node& node) {
    const YAML::Mark m = node.Mark();
    if (m.is_null()) return {};
    return {m.line + 1, m.column + 1};
}

Status errorAt(const std::string& path, Position p, std::string message) {
    return Status::invalidArgument(std::move(message), {path, p.line, p.column});
}

Status errorAt(const std::string& path, const YAML::Node& node, std::string message) {
    return errorAt(path, positionOf(node), std::move(message));
}

bool isTemplateId(std::string_view s) {
    if (s.empty()) return false;
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

// A scalar (string) value, or an error at the node.
Result<std::string> scalarAt(const std::string& path, const YAML::Node& node, const std::string& key) {
    if (!node.IsScalar()) return errorAt(path, node, "\"" + key + "\" must be a string");
    return node.Scalar();
}

// Checks that a mapping has only the allowed keys (and the required ones).
Status checkKeys(const std::string& path, const YAML::Node& map, const std::string& what,
                 const std::set<std::string>& allowed, const std::vector<std::string>& required) {
    if (!map.IsMap()) return errorAt(path, map, what + " must be a mapping");
    for (const auto& kv : map) {
        const std::string key = kv.first.Scalar();
        if (allowed.count(key) == 0)
            return errorAt(path, kv.first, "unknown field \"" + key + "\" in " + what);
    }
    for (const auto& key : required)
        if (!map[key]) return errorAt(path, map, what + " misses required field \"" + key + "\"");
    return Status();
}

Result<StringPairs> stringPairsAt(const std::string& path, const YAML::Node& node, const std::string& key) {
    if (!node.IsMap()) return errorAt(path, node, "\"" + key + "\" must be a mapping");
    StringPairs out;
    for (const auto& kv : node) {
        if (!kv.second.IsScalar())
            return errorAt(path, kv.second, "value of \"" + kv.first.Scalar() + "\" in " + key + " must be a string");
        out.emplace_back(kv.first.Scalar(), kv.second.Scalar());
    }
    return out;
}

// Names of the ${...} placeholders in text, with the byte offset of each.
Status collectPlaceholders(std::string_view text, std::vector<std::string>* names) {
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '$') continue;
        if (text.compare(i, 3, "$${") == 0) {
            i += 2;
            continue;
        }
        if (i + 1 >= text.size() || text[i + 1] != '{') continue;
        const size_t close = text.find('}', i + 2);
        if (close == std::string_view::npos)
            return Status::invalidArgument("unterminated placeholder \"" + std::string(text.substr(i)) + "\"");
        names->emplace_back(text.substr(i + 2, close - i - 2));
        i = close;
    }
    return Status();
}

Result<TemplateParameter> parseParameter(const std::string& path, const YAML::Node& node) {
    PHAROS_RETURN_IF_ERROR(checkKeys(path, node, "parameter", {"name", "type", "default", "help", "min", "max"},
                                     {"name", "type", "default"}));
    TemplateParameter p;
    p.position = positionOf(node);
    PHAROS_ASSIGN_OR_RETURN(p.name, scalarAt(path, node["name"], "name"));
    // A parameter name is an identifier: ASCII letters, digits (not first) and _.
    if (!tsdb::isValidLegacyLabelName(p.name))
        return errorAt(path, node["name"], "invalid parameter name \"" + p.name + "\"");
    PHAROS_ASSIGN_OR_RETURN(std::string type, scalarAt(path, node["type"], "type"));
    if (type == "number") {
        p.type = TemplateParameter::Type::Number;
    } else if (type == "duration") {
        p.type = TemplateParameter::Type::Duration;
    } else if (type == "string") {
        p.type = TemplateParameter::Type::String;
    } else if (type == "selector") {
        p.type = TemplateParameter::Type::Selector;
    } else {
        return errorAt(path, node["type"],
                       "unknown parameter type \"" + type + "\" (want number, duration, string or selector)");
    }
    PHAROS_ASSIGN_OR_RETURN(p.defaultValue, scalarAt(path, node["default"], "default"));
    if (node["help"]) { PHAROS_ASSIGN_OR_RETURN(p.help, scalarAt(path, node["help"], "help")); }
    for (const char* bound : {"min", "max"}) {
        if (!node[bound]) continue;
        if (p.type != TemplateParameter::Type::Number)
            return errorAt(path, node[bound], std::string("\"") + bound + "\" is only allowed for numbers");
        double v;
        PHAROS_ASSIGN_OR_RETURN(std::string text, scalarAt(path, node[bound], bound));
        if (!promql::parseNumber(text, &v) || !std::isfinite(v))
            return errorAt(path, node[bound], std::string("\"") + bound + "\" must be a finite number");
        (std::strcmp(bound, "min") == 0 ? p.min : p.max) = v;
    }
    Status s = validateParameterValue(p, p.defaultValue);
    if (!s.ok()) return errorAt(path, node["default"], "bad default: " + s.message());
    return p;
}

Result<TemplateRule> parseTemplateRule(const std::string& path, const YAML::Node& node) {
    PHAROS_RETURN_IF_ERROR(checkKeys(path, node, "rule",
                                     {"alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations"},
                                     {"expr"}));
    TemplateRule r;
    r.position = positionOf(node);
    if (node["alert"] && node["record"]) return errorAt(path, node, "a rule has either \"alert\" or \"record\"");
    if (node["alert"]) {
        r.kind = Rule::Kind::Alerting;
        PHAROS_ASSIGN_OR_RETURN(r.name, scalarAt(path, node["alert"], "alert"));
    } else if (node["record"]) {
        r.kind = Rule::Kind::Recording;
        PHAROS_ASSIGN_OR_RETURN(r.name, scalarAt(path, node["record"], "record"));
    } else {
        return errorAt(path, node, "a rule needs \"alert\" or \"record\"");
    }
    PHAROS_ASSIGN_OR_RETURN(r.expr, scalarAt(path, node["expr"], "expr"));
    if (r.kind == Rule::Kind::Recording)
        for (const char* k : {"for", "keep_firing_for", "annotations"})
            if (node[k]) return errorAt(path, node[k], std::string("\"") + k + "\" is not allowed in a recording rule");
    if (node["for"]) { PHAROS_ASSIGN_OR_RETURN(r.forText, scalarAt(path, node["for"], "for")); }
    if (node["keep_firing_for"]) {
        PHAROS_ASSIGN_OR_RETURN(r.keepFiringForText, scalarAt(path, node["keep_firing_for"], "keep_firing_for"));
    }
    if (node["labels"]) { PHAROS_ASSIGN_OR_RETURN(r.labels, stringPairsAt(path, node["labels"], "labels")); }
    if (node["annotations"]) {
        PHAROS_ASSIGN_OR_RETURN(r.annotations, stringPairsAt(path, node["annotations"], "annotations"));
    }
    return r;
}

// Every placeholder of a rule names a parameter (checked at load time, with the rule's place).
Status checkRulePlaceholders(const std::string& path, const RuleTemplate& t, const TemplateRule& r) {
    std::vector<std::string> texts = {r.name, r.expr, r.forText, r.keepFiringForText};
    for (const auto& [k, v] : r.labels) texts.push_back(v);
    for (const auto& [k, v] : r.annotations) texts.push_back(v);
    for (const auto& text : texts) {
        std::vector<std::string> names;
        Status s = collectPlaceholders(text, &names);
        if (!s.ok()) return errorAt(path, r.position, "rule \"" + r.name + "\": " + s.message());
        for (const auto& n : names)
            if (!t.parameter(n))
                return errorAt(path, r.position,
                               "rule \"" + r.name + "\": placeholder ${" + n + "} names no parameter of template \"" +
                                   t.id + "\"");
    }
    return Status();
}

Result<RuleTemplate> parseTemplate(const std::string& path, const YAML::Node& node) {
    PHAROS_RETURN_IF_ERROR(checkKeys(path, node, "template",
                                     {"id", "name", "category", "description", "parameters", "rules"},
                                     {"id", "name", "category", "rules"}));
    RuleTemplate t;
    t.file = path;
    t.position = positionOf(node);
    PHAROS_ASSIGN_OR_RETURN(t.id, scalarAt(path, node["id"], "id"));
    if (!isTemplateId(t.id))
        return errorAt(path, node["id"], "invalid template id \"" + t.id + "\" (want lower-case letters, digits and -)");
    PHAROS_ASSIGN_OR_RETURN(t.name, scalarAt(path, node["name"], "name"));
    PHAROS_ASSIGN_OR_RETURN(t.category, scalarAt(path, node["category"], "category"));
    if (node["description"]) { PHAROS_ASSIGN_OR_RETURN(t.description, scalarAt(path, node["description"], "description")); }
    if (const YAML::Node ps = node["parameters"]) {
        if (!ps.IsSequence()) return errorAt(path, ps, "\"parameters\" must be a list");
        for (const auto& pn : ps) {
            PHAROS_ASSIGN_OR_RETURN(TemplateParameter p, parseParameter(path, pn));
            if (t.parameter(p.name))
                return errorAt(path, pn["name"], "duplicate parameter \"" + p.name + "\"");
            t.parameters.push_back(std::move(p));
        }
    }
    const YAML::Node rs = node["rules"];
    if (!rs.IsSequence() || rs.size() == 0) return errorAt(path, rs, "\"rules\" must be a non-empty list");
    for (const auto& rn : rs) {
        PHAROS_ASSIGN_OR_RETURN(TemplateRule r, parseTemplateRule(path, rn));
        t.rules.push_back(std::move(r));
    }
    for (const auto& r : t.rules) PHAROS_RETURN_IF_ERROR(checkRulePlaceholders(path, t, r));
    // The defaults must give valid rules; report the failure at the template.
    auto inst = instantiate(t, {});
    if (!inst.ok()) return errorAt(path, t.position, "template \"" + t.id + "\" with its defaults: " + inst.status().message());
    return t;
}

}  // namespace

const char* parameterTypeName(TemplateParameter::Type t) {
    switch (t) {
        case TemplateParameter::Type::Number: return "number";
        case TemplateParameter::Type::Duration: return "duration";
        case TemplateParameter::Type::String: return "string";
        case TemplateParameter::Type::Selector: return "selector";
    }
    return "string";
}

const TemplateParameter* RuleTemplate::parameter(std::string_view n) const {
    for (const auto& p : parameters)
        if (p.name == n) return &p;
    return nullptr;
}

std::map<std::string, std::string> RuleTemplate::defaults() const {
    std::map<std::string, std::string> m;
    for (const auto& p : parameters) m[p.name] = p.defaultValue;
    return m;
}

Status validateParameterValue(const TemplateParameter& p, std::string_view value) {
    const std::string prefix = "parameter \"" + p.name + "\": ";
    switch (p.type) {
        case TemplateParameter::Type::Number: {
            // Decimal numbers only: the value is pasted into PromQL and shown to people.
            const std::string s(value);
            char* end = nullptr;
            errno = 0;
            const double v = s.empty() ? 0 : std::strtod(s.c_str(), &end);
            const bool hex = s.find_first_of("xXpP") != std::string::npos;
            if (s.empty() || hex || end != s.c_str() + s.size() || errno == ERANGE || !std::isfinite(v) ||
                s.find_first_of(" \t") != std::string::npos)
                return Status::invalidArgument(prefix + "\"" + s + "\" is not a number");
            if (p.min && v < *p.min)
                return Status::invalidArgument(prefix + s + " is below the minimum " + promql::formatNumber(*p.min));
            if (p.max && v > *p.max)
                return Status::invalidArgument(prefix + s + " is above the maximum " + promql::formatNumber(*p.max));
            return Status();
        }
        case TemplateParameter::Type::Duration: {
            auto d = parseDuration(value);
            if (!d.ok()) return Status::invalidArgument(prefix + d.status().message());
            return Status();
        }
        case TemplateParameter::Type::Selector: {
            const std::string q = "m{" + std::string(value) + "}";
            auto n = promql::parse(q);
            if (!n.ok() || (*n)->kind != promql::NodeKind::VectorSelector) {
                std::string why = n.ok() ? "not a list of label matchers" : n.status().message();
                return Status::invalidArgument(prefix + "\"" + std::string(value) +
                                               "\" is not a label-matcher list such as job=\"api\": " + why);
            }
            return Status();
        }
        case TemplateParameter::Type::String:
            if (value.find('\n') != std::string_view::npos || value.find('\r') != std::string_view::npos)
                return Status::invalidArgument(prefix + "must be one line");
            return Status();
    }
    return Status();
}

Result<std::string> substitutePlaceholders(std::string_view text, const TemplateValues& values) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '$' && text.compare(i, 3, "$${") == 0) {
            out += "${";
            i += 2;
            continue;
        }
        if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
            const size_t close = text.find('}', i + 2);
            if (close == std::string_view::npos)
                return Status::invalidArgument("unterminated placeholder \"" + std::string(text.substr(i)) + "\"");
            const std::string name(text.substr(i + 2, close - i - 2));
            auto it = values.find(name);
            if (it == values.end()) return Status::invalidArgument("no value for placeholder ${" + name + "}");
            out += it->second;
            i = close;
            continue;
        }
        out += text[i];
    }
    return out;
}

Result<std::vector<Rule>> instantiate(const RuleTemplate& tmpl, const TemplateValues& given) {
    TemplateValues values = tmpl.defaults();
    for (const auto& [name, value] : given) {
        const TemplateParameter* p = tmpl.parameter(name);
        if (!p) return Status::invalidArgument("template \"" + tmpl.id + "\" has no parameter \"" + name + "\"");
        PHAROS_RETURN_IF_ERROR(validateParameterValue(*p, value));
        values[name] = value;
    }
    std::vector<Rule> out;
    RuleGroup group;
    group.name = tmpl.id;
    for (const auto& tr : tmpl.rules) {
        Rule r;
        r.kind = tr.kind;
        (r.kind == Rule::Kind::Alerting ? r.hasAlert : r.hasRecord) = true;
        const std::string ruleName = tr.name;
        auto fail = [&](const Status& s) {
            return Status::invalidArgument("rule \"" + ruleName + "\": " + s.toString());
        };
        auto sub = [&](const std::string& text, std::string* dst) -> Status {
            auto s = substitutePlaceholders(text, values);
            if (!s.ok()) return s.status();
            *dst = std::move(s).value();
            return Status();
        };
        Status st;
        if (!(st = sub(tr.name, &r.name)).ok()) return fail(st);
        if (r.name.empty())
            return Status::invalidArgument(std::string(r.kind == Rule::Kind::Alerting ? "alert" : "record") +
                                           " name of rule \"" + tr.name + "\" is empty after filling in the parameters");
        // An empty selector leaves no trace: `m{a="b", ${s}}` -> `m{a="b"}`, `m{${s}}` -> `m`.
        std::string exprText = tr.expr;
        for (const auto& p : tmpl.parameters) {
            if (p.type != TemplateParameter::Type::Selector || !values[p.name].empty()) continue;
            const std::string ph = "${" + p.name + "}";
            for (const std::string& pattern : {", " + ph + "}", "," + ph + "}", "{" + ph + "}"})
                for (size_t at; (at = exprText.find(pattern)) != std::string::npos;)
                    exprText.replace(at, pattern.size(), pattern[0] == '{' ? "" : "}");
        }
        if (!(st = sub(exprText, &r.expr)).ok()) return fail(st);
        // A trailing newline of a block scalar is kept by promtool; trim it for tidy output.
        while (!r.expr.empty() && (r.expr.back() == '\n' || r.expr.back() == ' ')) r.expr.pop_back();
        for (auto [text, dst, has] : {std::tuple{&tr.forText, &r.forMs, &r.hasFor},
                                      std::tuple{&tr.keepFiringForText, &r.keepFiringForMs, &r.hasKeepFiringFor}}) {
            if (text->empty()) continue;
            std::string d;
            if (!(st = sub(*text, &d)).ok()) return fail(st);
            auto ms = parseDuration(d);
            if (!ms.ok()) return fail(ms.status());
            *dst = *ms;
            *has = true;
        }
        for (const auto& [k, v] : tr.labels) {
            std::string val;
            if (!(st = sub(v, &val)).ok()) return fail(st);
            r.labels.emplace_back(k, std::move(val));
        }
        for (const auto& [k, v] : tr.annotations) {
            std::string val;
            if (!(st = sub(v, &val)).ok()) return fail(st);
            r.annotations.emplace_back(k, std::move(val));
        }
        r.hasAnnotations = !r.annotations.empty();
        auto parsed = promql::parse(r.expr);
        if (!parsed.ok()) return fail(Status::invalidArgument("could not parse expression: " + parsed.status().message()));
        group.rules.push_back(r);
        out.push_back(std::move(r));
    }
    // promtool's checks: rule names, label names, templates.
    RuleFile file;
    file.path = tmpl.id;
    file.groups.push_back(std::move(group));
    RuleFileCheck chk = checkRuleFile(file, promqlExprChecker(), prometheusTemplateChecker());
    if (!chk.errors.empty()) return Status::invalidArgument(chk.errors.front().message());
    return out;
}

Result<std::vector<RuleTemplate>> parseRuleTemplates(std::string_view yaml, const std::string& path) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml));
    } catch (const YAML::ParserException& e) {
        return Status::invalidArgument(e.msg, {path, e.mark.line + 1, e.mark.column + 1});
    } catch (const YAML::Exception& e) {
        return Status::invalidArgument(e.what(), {path, 0, 0});
    }
    try {
        if (!root.IsMap()) return errorAt(path, root, "a template file is a mapping with a \"templates\" list");
        PHAROS_RETURN_IF_ERROR(checkKeys(path, root, "template file", {"templates"}, {"templates"}));
        const YAML::Node list = root["templates"];
        if (!list.IsSequence()) return errorAt(path, list, "\"templates\" must be a list");
        std::vector<RuleTemplate> out;
        for (const auto& node : list) {
            PHAROS_ASSIGN_OR_RETURN(RuleTemplate t, parseTemplate(path, node));
            for (const auto& other : out)
                if (other.id == t.id) return errorAt(path, node["id"], "duplicate template id \"" + t.id + "\"");
            out.push_back(std::move(t));
        }
        return out;
    } catch (const YAML::Exception& e) {
        return Status::invalidArgument(e.msg, {path, e.mark.line + 1, e.mark.column + 1});
    }
}

Result<std::vector<RuleTemplate>> loadRuleTemplateDir(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string ext = it->path().extension().string();
        if (it->is_regular_file() && (ext == ".yml" || ext == ".yaml")) files.push_back(it->path());
    }
    if (ec) return Status::ioError(dir + ": " + ec.message());
    std::sort(files.begin(), files.end());
    std::vector<RuleTemplate> all;
    for (const auto& f : files) {
        PHAROS_ASSIGN_OR_RETURN(const std::string text, readFileText(f.string()));
        PHAROS_ASSIGN_OR_RETURN(auto ts, parseRuleTemplates(text, f.string()));
        for (auto& t : ts) {
            for (const auto& other : all)
                if (other.id == t.id)
                    return Status::invalidArgument("duplicate template id \"" + t.id + "\" (also in " + other.file + ":" +
                                                       std::to_string(other.position.line) + ")",
                                                   {t.file, t.position.line, t.position.column});
            all.push_back(std::move(t));
        }
    }
    return all;
}

}  // namespace pharos::rules
