// promtool-compatible rule unit tests (`promtool test rules`, Prometheus 3 semantics) and rule
// checks (`promtool check rules`). The evaluation loop follows cmd/promtool/unittest.go: input
// samples are loaded lazily up to each evaluation time, every group is evaluated at mint +
// k*evaluation_interval, alert expectations are compared against the evaluation at or just
// before their eval_time, and PromQL expectations are queried after the loop.
#include "pharos/rules/rule_test.h"

#include <glob.h>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "pharos/duration.h"
#include "pharos/file_text.h"
#include "pharos/promql/parser.h"
#include "pharos/rules/group.h"
#include "pharos/template/go_time.h"
#include "pharos/template/prometheus_funcs.h"
#include "pharos/template/template.h"

namespace pharos::rules {

namespace {

std::string goQuoteString(std::string_view s) { return tsdb::goQuote(s); }

// ---------------------------------------------------------------- unit-test file model

struct InputSeries {
    std::string series;
    std::string values;
};
struct ExpAlert {
    StringPairs labels;
    StringPairs annotations;
};
struct AlertTestCase {
    int64_t evalTime = 0;
    std::string alertname;
    std::vector<ExpAlert> expAlerts;
};
struct ExpSample {
    std::string labels;
    double value = 0;
    std::string histogram;  // native-histogram expectation (Pharos has no native histograms)
};
struct PromqlTestCase {
    std::string expr;
    int64_t evalTime = 0;
    std::vector<ExpSample> expSamples;
};
struct TestGroup {
    int64_t intervalMs = 0;  // 0: evaluation_interval
    std::vector<InputSeries> inputSeries;
    std::vector<AlertTestCase> alertTests;
    std::vector<PromqlTestCase> promqlTests;
    StringPairs externalLabels;
    std::string externalURL;
    std::string name;
    int64_t startMs = 0;
};
struct UnitTestFile {
    std::vector<std::string> ruleFiles;
    int64_t evalIntervalMs = 0;
    std::vector<std::string> groupEvalOrder;
    bool fuzzyCompare = false;
    std::vector<TestGroup> tests;
};

// Strict YAML decoding with Go yaml.v2's wording for unknown fields and type errors; all such
// errors of a document are collected, as yaml.UnmarshalStrict does.
class Decoder {
public:
    std::vector<std::string> unmarshalErrors;
    std::optional<std::string> fatal;  // an error that is not an "unmarshal error"

    static int line(const YAML::Node& n) { return n.Mark().is_null() ? 0 : n.Mark().line + 1; }

    // Visits the fields of a map; unknown keys are recorded.
    template <typename F>
    void fields(const YAML::Node& n, const char* type, std::initializer_list<const char*> known, F&& f) {
        if (n.IsNull() || !n.IsDefined()) return;
        if (!n.IsMap()) {
            typeError(n, type);
            return;
        }
        for (auto it = n.begin(); it != n.end(); ++it) {
            const std::string key = it->first.Scalar();
            bool ok = false;
            for (const char* k : known) ok = ok || key == k;
            if (!ok) {
                unmarshalErrors.push_back("line " + std::to_string(line(it->first)) + ": field " + key +
                                          " not found in type " + type);
                continue;
            }
            f(key, YAML::Node(it->second));
        }
    }
    void typeError(const YAML::Node& n, const std::string& type) {
        std::string tag = n.IsSequence() ? "!!seq" : n.IsMap() ? "!!map" : "!!str";
        std::string val = n.IsScalar() ? " `" + n.Scalar() + "`" : "";
        unmarshalErrors.push_back("line " + std::to_string(line(n)) + ": cannot unmarshal " + tag + val +
                                  " into " + type);
    }
    std::string str(const YAML::Node& n) {
        if (n.IsNull()) return {};
        if (!n.IsScalar()) {
            typeError(n, "string");
            return {};
        }
        return n.Scalar();
    }
    int64_t duration(const YAML::Node& n) {
        const std::string s = str(n);
        if (s.empty()) return 0;
        auto d = parseDuration(s);
        if (!d.ok()) {
            if (!fatal) fatal = "not a valid duration string: \"" + s + "\"";
            return 0;
        }
        return *d;
    }
    double number(const YAML::Node& n) {
        const std::string s = str(n);
        if (s.empty()) return 0;
        std::string l = s;
        std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return std::tolower(c); });
        if (l == ".inf" || l == "+.inf") return INFINITY;
        if (l == "-.inf") return -INFINITY;
        if (l == ".nan") return NAN;
        char* end = nullptr;
        const double v = std::strtod(s.c_str(), &end);
        if (end == s.c_str() || *end != '\0' || l.find("inf") != std::string::npos ||
            l.find("nan") != std::string::npos || l.find("0x") != std::string::npos) {
            typeError(n, "float64");
            return 0;
        }
        return v;
    }
    bool boolean(const YAML::Node& n) {
        const std::string s = str(n);
        if (s == "true" || s == "True" || s == "TRUE" || s == "yes" || s == "on") return true;
        if (s == "false" || s == "False" || s == "FALSE" || s == "no" || s == "off" || s.empty()) return false;
        typeError(n, "bool");
        return false;
    }
    StringPairs stringMap(const YAML::Node& n, const std::string& type) {
        StringPairs out;
        if (n.IsNull()) return out;
        if (!n.IsMap()) {
            typeError(n, type);
            return out;
        }
        for (auto it = n.begin(); it != n.end(); ++it) out.emplace_back(it->first.Scalar(), str(it->second));
        return out;
    }
    std::vector<std::string> strings(const YAML::Node& n) {
        std::vector<std::string> out;
        if (n.IsNull()) return out;
        if (!n.IsSequence()) {
            typeError(n, "[]string");
            return out;
        }
        for (const auto& x : n) out.push_back(str(x));
        return out;
    }
    template <typename T, typename F>
    std::vector<T> list(const YAML::Node& n, const std::string& type, F&& one) {
        std::vector<T> out;
        if (n.IsNull()) return out;
        if (!n.IsSequence()) {
            typeError(n, "[]" + type);
            return out;
        }
        for (const auto& x : n) out.push_back(one(YAML::Node(x)));
        return out;
    }
};

// Parses RFC 3339 ("2024-01-01T00:00:00Z", fractions and offsets allowed) or Unix seconds.
std::optional<int64_t> parseStartTimestamp(const std::string& s) {
    double secs;
    if (promql::parseNumber(s, &secs) && std::isfinite(secs)) return static_cast<int64_t>(std::llround(secs * 1000));
    int y, mo, d, h, mi;
    double sec;
    char rest[32] = {0};
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%lf%31s", &y, &mo, &d, &h, &mi, &sec, rest) < 6)
        return std::nullopt;
    int64_t offsetSec = 0;
    const std::string z = rest;
    if (z == "Z" || z == "z") {
    } else if (z.size() == 6 && (z[0] == '+' || z[0] == '-') && z[3] == ':') {
        offsetSec = (std::stoi(z.substr(1, 2)) * 60 + std::stoi(z.substr(4, 2))) * 60;
        if (z[0] == '-') offsetSec = -offsetSec;
    } else {
        return std::nullopt;
    }
    // Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's civil algorithm).
    const int yy = y - (mo <= 2 ? 1 : 0);
    const int era = (yy >= 0 ? yy : yy - 399) / 400;
    const int yoe = yy - era * 400;
    const int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const int64_t days = static_cast<int64_t>(era) * 146097 + doe - 719468;
    const double total = static_cast<double>(days * 86400 + h * 3600 + mi * 60 - offsetSec) + sec;
    return static_cast<int64_t>(std::llround(total * 1000));
}

Result<UnitTestFile> decodeUnitTestFile(const std::string& text) {
    UnitTestFile f;
    Decoder dec;
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        return Status::invalidArgument("yaml: line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
    }
    dec.fields(root, "main.unitTestFile",
               {"rule_files", "evaluation_interval", "group_eval_order", "fuzzy_compare", "tests"},
               [&](const std::string& k, const YAML::Node& v) {
        if (k == "rule_files") f.ruleFiles = dec.strings(v);
        else if (k == "evaluation_interval") f.evalIntervalMs = dec.duration(v);
        else if (k == "group_eval_order") f.groupEvalOrder = dec.strings(v);
        else if (k == "fuzzy_compare") f.fuzzyCompare = dec.boolean(v);
        else if (k == "tests") f.tests = dec.list<TestGroup>(v, "main.testGroup", [&](const YAML::Node& gn) {
            TestGroup g;
            dec.fields(gn, "main.testGroup",
                       {"interval", "input_series", "alert_rule_test", "promql_expr_test", "external_labels",
                        "external_url", "name", "start_timestamp"},
                       [&](const std::string& gk, const YAML::Node& gv) {
                if (gk == "interval") g.intervalMs = dec.duration(gv);
                else if (gk == "name") g.name = dec.str(gv);
                else if (gk == "external_url") g.externalURL = dec.str(gv);
                else if (gk == "external_labels") g.externalLabels = dec.stringMap(gv, "labels.Labels");
                else if (gk == "start_timestamp") {
                    const std::string s = dec.str(gv);
                    auto t = parseStartTimestamp(s);
                    if (!t && !dec.fatal) dec.fatal = "invalid start_timestamp \"" + s + "\"";
                    g.startMs = t.value_or(0);
                } else if (gk == "input_series") g.inputSeries = dec.list<InputSeries>(gv, "main.series", [&](const YAML::Node& sn) {
                    InputSeries s;
                    dec.fields(sn, "main.series", {"series", "values"}, [&](const std::string& sk, const YAML::Node& sv) {
                        if (sk == "series") s.series = dec.str(sv);
                        else s.values = dec.str(sv);
                    });
                    return s;
                });
                else if (gk == "alert_rule_test") g.alertTests = dec.list<AlertTestCase>(gv, "main.alertTestCase", [&](const YAML::Node& an) {
                    AlertTestCase a;
                    dec.fields(an, "main.alertTestCase", {"eval_time", "alertname", "exp_alerts"},
                               [&](const std::string& ak, const YAML::Node& av) {
                        if (ak == "eval_time") a.evalTime = dec.duration(av);
                        else if (ak == "alertname") a.alertname = dec.str(av);
                        else a.expAlerts = dec.list<ExpAlert>(av, "main.alert", [&](const YAML::Node& en) {
                            ExpAlert e;
                            dec.fields(en, "main.alert", {"exp_labels", "exp_annotations"},
                                       [&](const std::string& ek, const YAML::Node& ev) {
                                if (ek == "exp_labels") e.labels = dec.stringMap(ev, "map[string]string");
                                else e.annotations = dec.stringMap(ev, "map[string]string");
                            });
                            return e;
                        });
                    });
                    return a;
                });
                else if (gk == "promql_expr_test") g.promqlTests = dec.list<PromqlTestCase>(gv, "main.promqlTestCase", [&](const YAML::Node& pn) {
                    PromqlTestCase p;
                    dec.fields(pn, "main.promqlTestCase", {"expr", "eval_time", "exp_samples"},
                               [&](const std::string& pk, const YAML::Node& pv) {
                        if (pk == "expr") p.expr = dec.str(pv);
                        else if (pk == "eval_time") p.evalTime = dec.duration(pv);
                        else p.expSamples = dec.list<ExpSample>(pv, "main.sample", [&](const YAML::Node& xn) {
                            ExpSample x;
                            dec.fields(xn, "main.sample", {"labels", "value", "histogram"},
                                       [&](const std::string& xk, const YAML::Node& xv) {
                                if (xk == "labels") x.labels = dec.str(xv);
                                else if (xk == "value") x.value = dec.number(xv);
                                else x.histogram = dec.str(xv);
                            });
                            return x;
                        });
                    });
                    return p;
                });
            });
            return g;
        });
    });
    if (!dec.unmarshalErrors.empty()) {
        std::string msg = "yaml: unmarshal errors:";
        for (const auto& e : dec.unmarshalErrors) msg += "\n  " + e;
        return Status::invalidArgument(msg);
    }
    if (dec.fatal) return Status::invalidArgument(*dec.fatal);
    return f;
}

// ---------------------------------------------------------------- series loading

struct LoadedSeries {
    tsdb::Labels labels;
    std::vector<std::pair<int64_t, double>> samples;  // sorted by time
    size_t next = 0;                                  // first sample not yet in storage
};

Result<tsdb::Labels> parseMetric(const std::string& text) {
    if (text.empty()) return tsdb::Labels();
    auto r = promql::parseSeriesSelector(text);
    if (!r.ok()) return r.status();
    std::vector<tsdb::Label> ls;
    for (const auto& m : (*r)->matchers) {
        if (m.op != promql::MatchOp::Equal)
            return Status::invalidArgument("series descriptions must use = matchers: " + text);
        ls.push_back({m.name, m.value});
    }
    return tsdb::Labels(std::move(ls));
}

Result<double> valueNumber(const std::string& s) {
    if (s == "stale") return promql::staleNaN();
    double v;
    if (promql::parseNumber(s, &v)) return v;
    return Status::invalidArgument("parse error: invalid value \"" + s + "\" in series values");
}

// The expanding notation of promqltest `load` lines: "1 2 _ stale 1+2x3 5x2 _x4 -1-1x2".
// As in Prometheus' series-description lexer, "0x10" is 0 repeated, not a hex number.
Result<std::vector<std::optional<double>>> expandValues(const std::string& text) {
    std::vector<std::optional<double>> out;
    std::istringstream in(text);
    std::string tok;
    while (in >> tok) {
        if (tok.rfind("{{", 0) == 0)
            return Status::unsupported("native histogram samples are not supported: " + tok);
        if (tok == "_") {
            out.push_back(std::nullopt);
            continue;
        }
        const size_t x = tok.rfind('x');
        const bool repeat = x != std::string::npos && x + 1 < tok.size() &&
                            std::all_of(tok.begin() + static_cast<std::ptrdiff_t>(x) + 1, tok.end(),
                                        [](char c) { return c >= '0' && c <= '9'; });
        if (!repeat) {
            PHAROS_ASSIGN_OR_RETURN(double v, valueNumber(tok));
            out.push_back(v);
            continue;
        }
        const std::string left = tok.substr(0, x);
        const long long n = std::stoll(tok.substr(x + 1));
        if (n > 10'000'000) return Status::invalidArgument("series value repetition too large: " + tok);
        if (left == "_") {
            for (long long k = 0; k < n; ++k) out.push_back(std::nullopt);
            continue;
        }
        size_t sign = std::string::npos;
        for (size_t i = 1; i < left.size(); ++i)
            if ((left[i] == '+' || left[i] == '-') && left[i - 1] != 'e' && left[i - 1] != 'E') {
                sign = i;
                break;
            }
        double a, b = 0;
        if (sign == std::string::npos) {
            PHAROS_ASSIGN_OR_RETURN(a, valueNumber(left));
        } else {
            PHAROS_ASSIGN_OR_RETURN(a, valueNumber(left.substr(0, sign)));
            PHAROS_ASSIGN_OR_RETURN(b, valueNumber(left.substr(sign + 1)));
            if (left[sign] == '-') b = -b;
        }
        // Prometheus adds the increment step by step (floating-point results match that).
        double cur = a;
        for (long long k = 0; k <= n; ++k) {
            out.push_back(cur);
            cur += b;
        }
    }
    return out;
}

// ---------------------------------------------------------------- formatting

std::string indentLines(const std::string& lines, const std::string& indent) {
    std::string out;
    size_t start = 0;
    bool first = true;
    while (true) {
        const size_t nl = lines.find('\n', start);
        if (!first) out += indent;
        first = false;
        if (nl == std::string::npos) {
            out += lines.substr(start);
            break;
        }
        out += lines.substr(start, nl - start);
        out += '\n';
        start = nl + 1;
    }
    return out;
}

struct LabelsAndAnnotations {
    tsdb::Labels labels;
    tsdb::Labels annotations;
    bool operator<(const LabelsAndAnnotations& o) const {
        if (labels != o.labels) return labels < o.labels;
        return annotations < o.annotations;
    }
    bool operator==(const LabelsAndAnnotations& o) const = default;
    std::string str() const {
        return "Labels:" + goLabelsString(labels) + "\nAnnotations:" + goLabelsString(annotations);
    }
};

std::string alertsString(const std::vector<LabelsAndAnnotations>& la) {
    if (la.empty()) return "[]";
    std::string s = "[\n0:" + indentLines("\n" + la[0].str(), "  ");
    for (size_t i = 1; i < la.size(); ++i)
        s += ",\n" + std::to_string(i) + ":" + indentLines("\n" + la[i].str(), "  ");
    s += "\n]";
    return s;
}

struct ParsedSample {
    tsdb::Labels labels;
    double value = 0;
    std::string histogram;
};

std::string samplesString(const std::vector<ParsedSample>& v) {
    if (v.empty()) return "nil";
    std::string s;
    for (size_t i = 0; i < v.size(); ++i) {
        if (i) s += ", ";
        s += goLabelsString(v[i].labels) + " " + goFormatFloatE(v[i].value);
        if (!v[i].histogram.empty()) s += " " + v[i].histogram;
    }
    return s;
}

// fuzzy_compare: equal within a couple of units in the last place (the tolerance of Prometheus'
// float comparisons in tests), NaN equal to NaN.
bool fuzzyEqual(double a, double b) {
    if (std::isnan(a) && std::isnan(b)) return true;
    if (a == b) return true;
    const double absSum = std::fabs(a) + std::fabs(b);
    const double diff = std::fabs(a - b);
    constexpr double kEpsilon = 1e-16;
    constexpr double kMinNormal = 2.2250738585072014e-308;
    if (a == 0 || b == 0 || absSum < kMinNormal) return diff < kEpsilon * kMinNormal;
    return diff / std::min(absSum, 1.7976931348623157e308) < kEpsilon;
}

std::string modelDuration(int64_t ms) { return formatDuration(ms); }
std::string goSince0(int64_t ms) { return gotemplate::goDurationString(ms * 1'000'000); }

std::string joinPath(const std::string& dir, const std::string& rel) {
    if (rel.empty() || rel[0] == '/') return rel;
    if (dir.empty() || dir == ".") return rel;
    return dir + "/" + rel;
}

// ---------------------------------------------------------------- one test group

struct LoadedRules {
    std::vector<std::pair<RuleGroup, std::string>> groups;  // with the file each came from
};

std::vector<std::string> loadRuleFiles(const std::vector<std::string>& files, bool ignoreUnknown,
                                       LoadedRules* out) {
    std::vector<std::string> errs;
    for (const auto& path : files) {
        auto text = readFileText(path);
        if (!text.ok()) {
            errs.push_back(path + ": " + text.status().message());
            continue;
        }
        auto rf = parseRuleFile(*text, path, RuleFileParseOptions{ignoreUnknown});
        if (!rf.ok()) {
            errs.push_back(promtoolErrorText(rf.status()));
            continue;
        }
        RuleFileCheck chk = checkRuleFile(*rf, promqlExprChecker(), prometheusTemplateChecker());
        if (!chk.errors.empty()) {
            for (const auto& e : chk.errors) errs.push_back(promtoolErrorText(e));
            continue;
        }
        for (auto& g : rf->groups) out->groups.emplace_back(std::move(g), path);
    }
    return errs;
}

std::vector<std::string> runTestGroup(const TestGroup& tg, const UnitTestFile& f, const LoadedRules& rules,
                                      const std::map<std::string, int>& groupOrder) {
    std::vector<std::string> errs;
    const int64_t evalInterval = f.evalIntervalMs;
    const int64_t interval = tg.intervalMs > 0 ? tg.intervalMs : evalInterval;
    const int64_t mint = tg.startMs;

    // Input series.
    std::vector<LoadedSeries> series;
    for (const auto& is : tg.inputSeries) {
        auto labels = parseMetric(is.series);
        if (!labels.ok()) return {labels.status().message()};
        auto values = expandValues(is.values);
        if (!values.ok()) return {values.status().message()};
        LoadedSeries s;
        s.labels = std::move(labels).value();
        for (size_t i = 0; i < values->size(); ++i)
            if ((*values)[i]) s.samples.emplace_back(mint + static_cast<int64_t>(i) * interval, *(*values)[i]);
        series.push_back(std::move(s));
    }

    GroupOptions gopts;
    gopts.defaultIntervalMs = interval;
    gopts.externalLabels = tg.externalLabels;
    gopts.externalURL = tg.externalURL;
    gopts.engine.defaultSubqueryStepMs = evalInterval;
    std::vector<Group> groups;
    for (const auto& [def, file] : rules.groups) {
        auto g = Group::load(def, file, gopts);
        if (!g.ok()) return {promtoolErrorText(g.status())};
        groups.push_back(std::move(g).value());
    }
    std::stable_sort(groups.begin(), groups.end(), [&](const Group& a, const Group& b) {
        auto ia = groupOrder.find(a.name()), ib = groupOrder.find(b.name());
        return (ia == groupOrder.end() ? 0 : ia->second) < (ib == groupOrder.end() ? 0 : ib->second);
    });

    int64_t maxEval = 0;
    for (const auto& a : tg.alertTests) maxEval = std::max(maxEval, a.evalTime);
    for (const auto& p : tg.promqlTests) maxEval = std::max(maxEval, p.evalTime);
    const int64_t maxt = mint + maxEval;

    std::map<int64_t, std::vector<const AlertTestCase*>> alertTests;
    for (const auto& a : tg.alertTests) {
        if (a.alertname.empty()) {
            std::string where = tg.name.empty() ? "" : " (in TestGroup " + tg.name + ")";
            return {"an item under alert_rule_test misses required attribute alertname at eval_time " +
                    modelDuration(a.evalTime) + where};
        }
        alertTests[a.evalTime].push_back(&a);
    }
    auto nextAlert = alertTests.begin();

    promql::MemoryStorage storage;
    MemoryStorageAppender appender(&storage);
    for (int64_t ts = mint; ts <= maxt; ts += evalInterval) {
        for (auto& s : series)
            while (s.next < s.samples.size() && s.samples[s.next].first <= ts) {
                storage.add(s.labels, s.samples[s.next].first, s.samples[s.next].second);
                ++s.next;
            }
        std::vector<std::string> evalErrs;
        for (auto& g : groups) {
            g.eval(ts, storage, appender);
            for (const auto& r : g.rules())
                if (!r.lastError().ok())
                    evalErrs.push_back("    rule: " + r.name() + ", time: " + goSince0(ts) +
                                       ", err: " + r.lastError().message());
        }
        if (!evalErrs.empty()) {
            errs.insert(errs.end(), evalErrs.begin(), evalErrs.end());
            return errs;
        }
        // Alert expectations with ts <= mint+eval_time < ts+evalInterval use this evaluation.
        while (nextAlert != alertTests.end() && ts - mint <= nextAlert->first &&
               nextAlert->first < ts + evalInterval - mint) {
            std::set<std::string> names;
            for (const auto* tc : nextAlert->second) names.insert(tc->alertname);
            std::map<std::string, std::vector<LabelsAndAnnotations>> got;
            for (const auto& g : groups)
                for (const auto& r : g.rules()) {
                    if (!r.isAlerting() || names.count(r.name()) == 0) continue;
                    auto& v = got[r.name()];
                    for (const auto& [labels, a] : r.alerts()->alerts())
                        if (a.state == AlertState::Firing) v.push_back({a.labels, a.annotations});
                }
            for (const auto* tc : nextAlert->second) {
                std::vector<LabelsAndAnnotations> gotAlerts = got[tc->alertname];
                std::vector<LabelsAndAnnotations> expAlerts;
                for (const auto& e : tc->expAlerts) {
                    std::vector<tsdb::Label> ls;
                    for (const auto& [n, v] : e.labels) ls.push_back({n, v});
                    ls.push_back({"alertname", tc->alertname});
                    std::vector<tsdb::Label> an;
                    for (const auto& [n, v] : e.annotations) an.push_back({n, v});
                    expAlerts.push_back({tsdb::Labels(std::move(ls)), tsdb::Labels(std::move(an))});
                }
                std::sort(gotAlerts.begin(), gotAlerts.end());
                std::sort(expAlerts.begin(), expAlerts.end());
                if (gotAlerts != expAlerts) {
                    std::string testName = tg.name.empty() ? "" : "    name: " + tg.name + ",\n";
                    errs.push_back(testName + "    alertname: " + tc->alertname + ", time: " +
                                   modelDuration(tc->evalTime) + ", \n        exp:" +
                                   indentLines(alertsString(expAlerts), "            ") + ", \n        got:" +
                                   indentLines(alertsString(gotAlerts), "            "));
                }
            }
            ++nextAlert;
        }
    }

    for (const auto& tc : tg.promqlTests) {
        const std::string head = "    expr: " + goQuoteString(tc.expr) + ", time: " + modelDuration(tc.evalTime);
        auto parsed = promql::parse(tc.expr);
        Result<promql::Vector> got = parsed.ok() ? queryVector(storage, **parsed, mint + tc.evalTime,
                                                               gopts.engine)
                                                 : Result<promql::Vector>(parsed.status());
        if (!got.ok()) {
            errs.push_back(head + ", err: " + got.status().message());
            continue;
        }
        std::vector<ParsedSample> gotSamples, expSamples;
        for (const auto& s : *got) gotSamples.push_back({s.labels, s.v, {}});
        bool bad = false;
        for (const auto& x : tc.expSamples) {
            auto l = parseMetric(x.labels);
            if (!l.ok()) {
                errs.push_back(head + ", err: labels " + goQuoteString(x.labels) + ": " + l.status().message());
                bad = true;
                break;
            }
            expSamples.push_back({std::move(l).value(), x.value, x.histogram});
        }
        if (bad) continue;
        auto byLabels = [](const ParsedSample& a, const ParsedSample& b) { return a.labels < b.labels; };
        std::stable_sort(gotSamples.begin(), gotSamples.end(), byLabels);
        std::stable_sort(expSamples.begin(), expSamples.end(), byLabels);
        bool equal = gotSamples.size() == expSamples.size();
        for (size_t i = 0; equal && i < gotSamples.size(); ++i) {
            const auto& a = expSamples[i];
            const auto& b = gotSamples[i];
            equal = a.labels == b.labels && a.histogram == b.histogram &&
                    (f.fuzzyCompare ? fuzzyEqual(a.value, b.value) : a.value == b.value);
        }
        if (!equal)
            errs.push_back(head + ",\n        exp: " + samplesString(expSamples) + "\n        got: " +
                           samplesString(gotSamples));
    }
    return errs;
}

}  // namespace

std::string goLabelsString(const tsdb::Labels& l) {
    std::string out = "{";
    bool first = true;
    for (const auto& x : l) {
        if (!first) out += ", ";
        first = false;
        if (tsdb::isValidLegacyLabelName(x.name)) {
            out += x.name;
        } else {
            tsdb::appendGoQuoted(out, x.name);
        }
        out += '=';
        tsdb::appendGoQuoted(out, x.value);
    }
    out += '}';
    return out;
}

std::string goFormatFloatE(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    std::string s(buf, r.ptr);
    for (char& c : s)
        if (c == 'e') c = 'E';
    return s;
}

std::string promtoolErrorText(const Status& s) {
    const SourceLocation& w = s.where();
    const std::string& msg = s.message();
    if (msg.rfind("yaml: unmarshal errors:", 0) == 0) return w.file + ": " + msg;
    std::string out = w.file.empty() ? "" : w.file + ": ";
    // promtool prints a position only for errors tied to a YAML node (expr, record, fields);
    // label, annotation and template findings are reported for the rule as a whole.
    const bool ruleLevel = msg.find(": label \"") != std::string::npos ||
                           msg.find(": annotation \"") != std::string::npos ||
                           msg.find(": invalid label name: ") != std::string::npos ||
                           msg.find(": invalid label value: ") != std::string::npos ||
                           msg.find(": invalid annotation name: ") != std::string::npos;
    if (w.line > 0 && !ruleLevel) out += std::to_string(w.line) + ":" + std::to_string(w.column) + ": ";
    return out + msg;
}

ExprChecker promqlExprChecker() {
    return [](std::string_view expr) -> Status {
        auto r = promql::parse(expr);
        if (!r.ok()) return Status::invalidArgument(r.status().message());
        return Status();
    };
}

TemplateChecker prometheusTemplateChecker() {
    return [](std::string_view name, std::string_view text) -> Status {
        gotemplate::Template t(std::string(name), gotemplate::prometheusFuncs({}));
        std::string full(gotemplate::prometheusAlertDefs());
        full.append(text);
        Status s = t.parse(full);
        if (!s.ok()) return Status::invalidArgument(s.message());
        return Status();
    };
}

RuleTestFileResult runRuleTestFile(const std::string& path, const RuleTestOptions& options) {
    RuleTestFileResult res;
    res.file = path;
    auto fail = [&](std::string msg) {
        res.errors.push_back(std::move(msg));
        res.failed = 1;
        return res;
    };
    auto text = readFileText(path);
    if (!text.ok()) return fail(text.status().message());
    auto decoded = decodeUnitTestFile(*text);
    if (!decoded.ok()) return fail(decoded.status().message());
    UnitTestFile f = std::move(decoded).value();
    if (f.evalIntervalMs <= 0) f.evalIntervalMs = 60 * 1000;

    const size_t slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
    std::vector<std::string> ruleFiles;
    for (const auto& rf : f.ruleFiles) {
        const std::string pattern = joinPath(dir, rf);
        glob_t g{};
        if (::glob(pattern.c_str(), 0, nullptr, &g) == 0) {
            for (size_t i = 0; i < g.gl_pathc; ++i) ruleFiles.emplace_back(g.gl_pathv[i]);
        }
        ::globfree(&g);
    }

    std::map<std::string, int> groupOrder;
    for (size_t i = 0; i < f.groupEvalOrder.size(); ++i) {
        if (!groupOrder.emplace(f.groupEvalOrder[i], static_cast<int>(i)).second)
            return fail("group name repeated in evaluation order: " + f.groupEvalOrder[i]);
    }

    std::vector<std::unique_ptr<RE2>> run;
    for (const auto& r : options.run) {
        auto re = std::make_unique<RE2>(r, RE2::Quiet);
        if (!re->ok()) return fail("invalid --run regexp " + r + ": " + re->error());
        run.push_back(std::move(re));
    }

    for (const TestGroup& tg : f.tests) {
        if (!run.empty()) {
            bool match = false;
            for (const auto& re : run) match = match || RE2::PartialMatch(tg.name, *re);
            if (!match) {
                ++res.skipped;
                continue;
            }
        }
        LoadedRules rules;
        std::vector<std::string> errs = loadRuleFiles(ruleFiles, options.ignoreUnknownFields, &rules);
        if (errs.empty()) errs = runTestGroup(tg, f, rules, groupOrder);
        if (errs.empty()) {
            ++res.passed;
        } else {
            ++res.failed;
            res.errors.insert(res.errors.end(), errs.begin(), errs.end());
        }
    }
    return res;
}

std::string formatRuleTestResult(const RuleTestFileResult& r) {
    std::string out = "Unit Testing:  " + r.file + "\n";
    if (r.errors.empty()) return out + "  SUCCESS\n\n";
    out += "  FAILED:\n";
    for (const auto& e : r.errors) out += e + "\n\n";
    return out + "\n";
}

RuleCheckResult checkRulesFile(const std::string& path, bool ignoreUnknownFields) {
    RuleCheckResult res;
    res.file = path;
    auto text = readFileText(path);
    if (!text.ok()) {
        res.errors.push_back(path + ": " + text.status().message());
        return res;
    }
    auto rf = parseRuleFile(*text, path, RuleFileParseOptions{ignoreUnknownFields});
    if (!rf.ok()) {
        res.errors.push_back(promtoolErrorText(rf.status()));
        return res;
    }
    RuleFileCheck chk = checkRuleFile(*rf, promqlExprChecker(), prometheusTemplateChecker());
    for (const auto& e : chk.errors) res.errors.push_back(promtoolErrorText(e));
    for (const auto& l : chk.lint) res.lint.push_back("lint error " + l);
    res.rules = rf->ruleCount();
    return res;
}

std::string formatRuleCheckResult(const RuleCheckResult& r) {
    std::string out = "Checking " + r.file + "\n";
    if (r.errors.empty() && r.lint.empty())
        return out + "  SUCCESS: " + std::to_string(r.rules) + " rules found\n\n";
    out += "  FAILED:\n";
    for (const auto& e : r.errors) out += e + "\n";
    for (const auto& l : r.lint) out += l + "\n";
    return out + "\n";
}

}  // namespace pharos::rules
