// Freeze as test: recorded data + an alerting rule -> a promtool unit test whose expectations
// come from evaluating the rule on the generated input exactly as the rule-test runner does.
#include "pharos/rules/freeze_test.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <numeric>
#include <set>

#include "pharos/duration.h"
#include "pharos/promql/functions.h"
#include "pharos/promql/parser.h"
#include "pharos/promql/value.h"
#include "pharos/rules/group.h"
#include "pharos/rules/rule_file_writer.h"
#include "pharos/tsdb/labels.h"

namespace pharos::rules {

namespace {

constexpr int64_t kDefaultIntervalMs = 60 * 1000;
constexpr size_t kMaxGridPoints = 500'000;  // per series, after offsetting

template <typename F>
void walk(const promql::Node& n, const F& f) {
    f(n);
    for (const auto& a : n.args)
        if (a) walk(*a, f);
    for (const promql::Node* c : {n.param.get(), n.lhs.get(), n.rhs.get(), n.expr.get()})
        if (c) walk(*c, f);
}

// How far back from an evaluation the expression reads (ms).
int64_t historyNeeded(const promql::Node& n, int64_t lookbackMs, int64_t defaultStepMs) {
    using K = promql::NodeKind;
    switch (n.kind) {
        case K::VectorSelector:
            return std::max<int64_t>(0, n.offsetMs) + lookbackMs;
        case K::MatrixSelector:
            return std::max<int64_t>(0, n.expr ? n.expr->offsetMs : 0) + n.rangeMs;
        case K::Subquery:
            return std::max<int64_t>(0, n.offsetMs) + n.rangeMs + (n.stepMs > 0 ? n.stepMs : defaultStepMs) +
                   (n.expr ? historyNeeded(*n.expr, lookbackMs, defaultStepMs) : 0);
        default: {
            int64_t m = 0;
            for (const auto& a : n.args)
                if (a) m = std::max(m, historyNeeded(*a, lookbackMs, defaultStepMs));
            for (const promql::Node* c : {n.param.get(), n.lhs.get(), n.rhs.get(), n.expr.get()})
                if (c) m = std::max(m, historyNeeded(*c, lookbackMs, defaultStepMs));
            return m;
        }
    }
}

bool readsClock(const promql::Node& root) {
    static const std::set<std::string_view> clock = {"time", "timestamp", "day_of_month", "day_of_week",
                                                      "day_of_year", "days_in_month", "hour", "minute",
                                                      "month", "year"};
    bool found = false;
    walk(root, [&](const promql::Node& n) {
        if (n.kind == promql::NodeKind::Call && n.func && clock.count(n.func->name)) found = true;
    });
    return found;
}

std::string numberToken(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "Inf" : "-Inf";
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

std::string rfc3339(int64_t ms) {
    const time_t secs = static_cast<time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
    struct tm tmv {};
    gmtime_r(&secs, &tmv);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tmv);
    std::string s = buf;
    const int64_t frac = ms - static_cast<int64_t>(secs) * 1000;
    if (frac != 0) {
        char f[8];
        std::snprintf(f, sizeof f, ".%03d", static_cast<int>(frac));
        s += f;
    }
    return s + "Z";
}

// The input_series `series` text: name{label="value", ...} with Go-quoted values.
std::string seriesText(const tsdb::Labels& labels) {
    std::string s(labels.metricName());
    s += '{';
    bool first = true;
    for (const auto& l : labels) {
        if (l.name == tsdb::kMetricName) continue;
        if (!first) s += ", ";
        first = false;
        s += l.name;
        s += '=';
        s += tsdb::goQuote(l.value);
    }
    s += '}';
    return s;
}

struct FiringAlert {
    tsdb::Labels labels;  // without alertname
    tsdb::Labels annotations;
    bool operator<(const FiringAlert& o) const {
        if (labels != o.labels) return labels < o.labels;
        return annotations < o.annotations;
    }
    bool operator==(const FiringAlert& o) const { return labels == o.labels && annotations == o.annotations; }
};

// Collects the recording rules the alert reads, transitively, in file order.
std::vector<const Rule*> recordingDependencies(const RuleFile& file, const promql::Node& alertExpr,
                                               std::vector<promql::NodePtr>* parsed, Status* err) {
    std::set<std::string> wanted;
    walk(alertExpr, [&](const promql::Node& n) {
        if (n.kind == promql::NodeKind::VectorSelector && !n.metricName.empty()) wanted.insert(n.metricName);
    });
    std::set<const Rule*> chosen;
    bool grew = true;
    while (grew) {
        grew = false;
        for (const auto& g : file.groups)
            for (const auto& r : g.rules) {
                if (r.kind != Rule::Kind::Recording || chosen.count(&r) || !wanted.count(r.name)) continue;
                auto p = promql::parse(r.expr);
                if (!p.ok()) {
                    *err = Status::invalidArgument("recording rule " + r.name + ": " + p.status().message(),
                                                   {file.path, r.exprPosition.line, r.exprPosition.column});
                    return {};
                }
                walk(**p, [&](const promql::Node& n) {
                    if (n.kind == promql::NodeKind::VectorSelector && !n.metricName.empty())
                        wanted.insert(n.metricName);
                });
                chosen.insert(&r);
                grew = true;
            }
    }
    std::vector<const Rule*> out;
    for (const auto& g : file.groups)
        for (const auto& r : g.rules)
            if (chosen.count(&r)) {
                out.push_back(&r);
                parsed->push_back(std::move(promql::parse(r.expr)).value());
            }
    return out;
}

void writeLabelMap(std::string* out, const tsdb::Labels& m, int indent) {
    const std::string pad(static_cast<size_t>(indent), ' ');
    for (const auto& l : m) {
        *out += pad + yamlScalar(l.name, indent + 2) + ": " + yamlScalar(l.value, indent + 2) + "\n";
    }
}

}  // namespace

std::string formatSeriesValues(const std::vector<std::optional<double>>& values) {
    std::string out;
    auto emit = [&](const std::string& tok) {
        if (!out.empty()) out += ' ';
        out += tok;
    };
    size_t i = 0;
    while (i < values.size()) {
        if (!values[i]) {
            size_t j = i;
            while (j < values.size() && !values[j]) ++j;
            emit(j - i == 1 ? "_" : "_x" + std::to_string(j - i));
            i = j;
            continue;
        }
        const double a = *values[i];
        if (promql::isStaleNaN(a)) {
            emit("stale");
            ++i;
            continue;
        }
        // Longest run a, a+b, a+2b, ... reproduced by repeated float addition (as the test
        // loader expands 'a+bxN'), over finite values only.
        size_t j = i + 1;
        if (std::isfinite(a) && j < values.size() && values[j] && std::isfinite(*values[j]) &&
            !promql::isStaleNaN(*values[j])) {
            const double b = *values[j] - a;
            double cur = a;
            while (j < values.size() && values[j] && std::isfinite(*values[j]) && !promql::isStaleNaN(*values[j])) {
                const double next = cur + b;
                if (!sameBits(next, *values[j])) break;
                cur = next;
                ++j;
            }
            // The step must also survive formatting (shortest round-trip text parses back to b).
            if (j - i >= 3) {
                const std::string n = std::to_string(j - i - 1);
                if (b == 0)
                    emit(numberToken(a) + "x" + n);
                else
                    emit(numberToken(a) + (b > 0 ? "+" : "-") + numberToken(std::fabs(b)) + "x" + n);
                i = j;
                continue;
            }
        }
        emit(numberToken(a));
        ++i;
    }
    return out;
}

Result<FrozenTest> freezeAlertTest(const promql::Storage& storage, const RuleFile& rules,
                                   const std::string& alertName, const FreezeOptions& options) {
    FrozenTest out;
    // The rule and its group.
    const RuleGroup* group = nullptr;
    const Rule* alert = nullptr;
    for (const auto& g : rules.groups)
        for (const auto& r : g.rules)
            if (!alert && r.kind == Rule::Kind::Alerting && r.name == alertName) {
                group = &g;
                alert = &r;
            }
    if (!alert) return Status::invalidArgument("no alerting rule named \"" + alertName + "\" in " + rules.path);
    if (options.endMs < options.startMs) return Status::invalidArgument("the window ends before it starts");

    const int64_t evalInterval = options.evalIntervalMs > 0 ? options.evalIntervalMs
                                 : group->intervalMs && *group->intervalMs > 0 ? *group->intervalMs
                                                                               : kDefaultIntervalMs;
    const int64_t inputInterval = options.inputIntervalMs > 0 ? options.inputIntervalMs : evalInterval;
    const int64_t lookback = promql::EngineOptions{}.lookbackDeltaMs;  // what promtool uses

    auto alertExpr = promql::parse(alert->expr);
    if (!alertExpr.ok())
        return Status::invalidArgument("alert " + alertName + ": " + alertExpr.status().message(),
                                       {rules.path, alert->exprPosition.line, alert->exprPosition.column});
    std::vector<promql::NodePtr> depExprs;
    Status depErr;
    const std::vector<const Rule*> deps = recordingDependencies(rules, **alertExpr, &depExprs, &depErr);
    if (!depErr.ok()) return depErr;
    std::set<std::string> recorded;
    for (const Rule* r : deps) recorded.insert(r->name);

    std::vector<const promql::Node*> exprs;
    for (const auto& e : depExprs) exprs.push_back(e.get());
    exprs.push_back(alertExpr->get());

    // History to load before `start`, the granularity of all windows, unsupported modifiers.
    int64_t depHistory = 0;
    for (const auto& e : depExprs) depHistory = std::max(depHistory, historyNeeded(*e, lookback, evalInterval));
    const int64_t history = historyNeeded(**alertExpr, lookback, evalInterval) + depHistory;
    int64_t granularity = std::gcd(evalInterval, std::gcd(inputInterval, lookback));
    Status modifierErr;
    bool clock = false;
    for (const promql::Node* e : exprs) {
        clock = clock || readsClock(*e);
        if (promql::hasDurationExprs(*e))
            return Status::invalidArgument("alert " + alertName + ": duration expressions (step(), range()) are not supported");
        walk(*e, [&](const promql::Node& n) {
            if (n.at == promql::AtKind::Time)
                modifierErr = Status::invalidArgument("alert " + alertName +
                                                      ": an `@ <time>` modifier pins recorded time and cannot be frozen");
            for (int64_t d : {n.offsetMs, n.rangeMs, n.stepMs})
                if (d != 0) granularity = std::gcd(granularity, std::llabs(d));
        });
    }
    if (!modifierErr.ok()) return modifierErr;
    if (clock)
        out.warnings.push_back("the rule reads the clock (time(), timestamp(), ...): in the test it sees test time "
                               "(0 = " + rfc3339(options.startMs - history) + "), not the recorded time");
    bool ranges = false;
    for (const promql::Node* e : exprs)
        walk(*e, [&](const promql::Node& n) {
            ranges = ranges || n.kind == promql::NodeKind::MatrixSelector || n.kind == promql::NodeKind::Subquery;
        });

    const int64_t align = std::lcm(evalInterval, inputInterval);
    const int64_t pre = (history + align - 1) / align * align;
    const int64_t origin = options.startMs - pre;
    const int64_t gridSteps = (options.endMs - origin) / inputInterval;  // last grid point index
    if (static_cast<uint64_t>(gridSteps) >= kMaxGridPoints)
        return Status::resourceExhausted("the window needs more than " + std::to_string(kMaxGridPoints) +
                                         " points per series; use a larger input interval");
    out.originMs = origin;

    // Recorded series, resampled: grid point k (time origin + k*inputInterval) takes the newest
    // sample in (t - inputInterval, t].
    std::map<tsdb::Labels, std::vector<std::optional<double>>> input;
    for (const promql::Node* e : exprs) {
        Status selErr;
        walk(*e, [&](const promql::Node& n) {
            if (!selErr.ok() || n.kind != promql::NodeKind::VectorSelector) return;
            if (!n.metricName.empty() && recorded.count(n.metricName)) return;
            std::vector<promql::SelectedSeries> sel;
            Status s = storage.select(n.compiled, origin - inputInterval + 1, options.endMs, &sel);
            if (!s.ok()) {
                selErr = s;
                return;
            }
            for (const auto& ss : sel) {
                if (input.count(ss.labels)) continue;
                if (ss.histogram) {
                    out.warnings.push_back(ss.labels.toString() + ": native histogram samples are left out");
                    continue;
                }
                std::vector<std::optional<double>> grid(static_cast<size_t>(gridSteps + 1));
                bool any = false;
                for (size_t i = 0; i < ss.t.size(); ++i) {
                    const int64_t rel = ss.t[i] - origin;  // > -inputInterval
                    const int64_t k = rel <= 0 ? 0 : (rel + inputInterval - 1) / inputInterval;
                    if (k > gridSteps) continue;
                    grid[static_cast<size_t>(k)] = ss.v[i];  // samples ascend: the newest wins
                    any = true;
                }
                if (any) input.emplace(ss.labels, std::move(grid));
            }
        });
        if (!selErr.ok()) return selErr;
        if (input.size() > options.maxSeries)
            return Status::resourceExhausted("the rule selects more than " + std::to_string(options.maxSeries) +
                                             " series");
    }

    // Offset the samples when a window of the rule could start on one (see the header).
    bool offset = ranges;
    const int64_t lastEval = options.startMs + (options.endMs - options.startMs) / evalInterval * evalInterval;
    for (const auto& [labels, grid] : input) {
        std::optional<int64_t> prev;
        for (size_t k = 0; k < grid.size(); ++k) {
            if (!grid[k]) continue;
            if (prev && (static_cast<int64_t>(k) - *prev) * inputInterval >= lookback) offset = true;
            prev = static_cast<int64_t>(k);
        }
        if (prev && lastEval - (origin + *prev * inputInterval) >= lookback) offset = true;
    }
    if (options.offsetSamples) offset = *options.offsetSamples;
    if (offset && granularity < 2)
        return Status::invalidArgument("windows of 1ms granularity cannot be offset; set offsetSamples to false");
    const int64_t testInterval = offset ? granularity / 2 : inputInterval;
    const int64_t sampleShift = offset ? granularity / 2 : 0;
    const int64_t positionsPerStep = inputInterval / testInterval;
    if (static_cast<uint64_t>(gridSteps + 1) * static_cast<uint64_t>(positionsPerStep) > kMaxGridPoints)
        return Status::resourceExhausted("the window needs more than " + std::to_string(kMaxGridPoints) +
                                         " points per series; use a larger input interval");
    out.testIntervalMs = testInterval;
    out.offsetSamples = offset;

    // The rule file under test: one group with the recording rules read and the alert.
    RuleGroup g;
    g.name = group->name;
    g.limit = group->limit;
    for (const Rule* r : deps) g.rules.push_back(*r);
    g.rules.push_back(*alert);
    if (!group->labels.empty()) {
        for (auto& r : g.rules)
            for (const auto& gl : group->labels)
                if (std::none_of(r.labels.begin(), r.labels.end(), [&](const auto& l) { return l.first == gl.first; }))
                    r.labels.push_back(gl);
        out.warnings.push_back("group labels were copied into the rules (promtool 2 has no group labels)");
    }
    if (group->queryOffsetMs && *group->queryOffsetMs != 0)
        out.warnings.push_back("the group's query_offset is not frozen (promtool 2 does not know it)");
    RuleFile ruleFile;
    ruleFile.path = options.ruleFileName;
    ruleFile.groups.push_back(g);
    out.rulesYaml = writeRuleFile(ruleFile);

    // The generated input on the test's time axis (what the runner loads).
    struct Loaded {
        tsdb::Labels labels;
        std::vector<std::optional<double>> positions;  // on the test grid
        std::vector<std::pair<int64_t, double>> samples;
        size_t next = 0;
    };
    std::vector<Loaded> loaded;
    for (auto& [labels, grid] : input) {
        Loaded l;
        l.labels = labels;
        size_t last = 0;
        for (size_t k = 0; k < grid.size(); ++k)
            if (grid[k]) last = k;
        l.positions.resize(static_cast<size_t>(static_cast<int64_t>(last) * positionsPerStep + sampleShift / testInterval) + 1);
        for (size_t k = 0; k <= last; ++k) {
            if (!grid[k]) continue;
            const int64_t t = static_cast<int64_t>(k) * inputInterval + sampleShift;
            l.positions[static_cast<size_t>(t / testInterval)] = grid[k];
            l.samples.emplace_back(t, *grid[k]);
        }
        out.inputSamples += l.samples.size();
        loaded.push_back(std::move(l));
    }
    out.inputSeries = loaded.size();

    GroupOptions gopts;
    gopts.defaultIntervalMs = testInterval;
    gopts.engine = options.engine;
    gopts.engine.lookbackDeltaMs = lookback;
    gopts.engine.defaultSubqueryStepMs = evalInterval;
    auto evalGroup = Group::load(g, options.ruleFileName, gopts);
    if (!evalGroup.ok()) return evalGroup.status();

    promql::MemoryStorage mem;
    MemoryStorageAppender appender(&mem);
    const int64_t firstCheck = options.startMs - origin;
    const int64_t lastCheck = firstCheck + (options.endMs - options.startMs) / evalInterval * evalInterval;
    std::vector<std::pair<int64_t, std::vector<FiringAlert>>> states;  // per evaluation in the window
    for (int64_t ts = 0; ts <= lastCheck; ts += evalInterval) {
        for (auto& s : loaded)
            while (s.next < s.samples.size() && s.samples[s.next].first <= ts) {
                mem.add(s.labels, s.samples[s.next].first, s.samples[s.next].second);
                ++s.next;
            }
        evalGroup->eval(ts, mem, appender);
        for (const auto& r : evalGroup->rules())
            if (!r.lastError().ok())
                return Status::invalidArgument("rule " + r.name() + " at test time " + formatDuration(ts) + ": " +
                                               r.lastError().message());
        if (ts < firstCheck) continue;
        std::vector<FiringAlert> firing;
        const RuleState& ar = evalGroup->rules().back();
        for (const auto& [key, a] : ar.alerts()->alerts()) {
            if (a.state != AlertState::Firing) continue;
            tsdb::LabelsBuilder b(a.labels);
            b.del("alertname");
            firing.push_back({b.labels(), a.annotations});
        }
        std::sort(firing.begin(), firing.end());
        states.emplace_back(ts, std::move(firing));
    }

    // Evaluation times to check: the first and last of the window, each change and the one before.
    std::set<size_t> picked;
    if (!states.empty()) {
        picked.insert(0);
        size_t changes = 0;
        for (size_t i = 1; i < states.size(); ++i)
            if (!(states[i].second == states[i - 1].second)) {
                ++changes;
                if (picked.size() + 3 > options.maxEvalTimes) continue;
                picked.insert(i - 1);
                picked.insert(i);
            }
        picked.insert(states.size() - 1);
        const size_t kept = picked.size();
        if (kept >= options.maxEvalTimes && changes * 2 + 2 > kept)
            out.warnings.push_back(std::to_string(changes) + " changes of the firing alerts; only the first are checked");
    }

    // The unit-test file.
    std::string y;
    y += "# Frozen from recorded data: alert " + alertName + " from " + rfc3339(options.startMs) + " to " +
         rfc3339(options.endMs) + ".\n";
    y += "# Test time 0 = " + rfc3339(origin) + "; input resampled every " + formatDuration(inputInterval) +
         (offset ? ", placed " + formatDuration(sampleShift) + " after the evaluation grid" : "") +
         ".\n";
    for (const auto& w : out.warnings) y += "# Warning: " + w + "\n";
    y += "rule_files:\n  - " + yamlScalar(options.ruleFileName, 4) + "\n";
    y += "evaluation_interval: " + formatDuration(evalInterval) + "\n";
    y += "tests:\n";
    y += "  - interval: " + formatDuration(testInterval) + "\n";
    y += "    input_series:";
    if (loaded.empty()) y += " []";
    y += "\n";
    for (const auto& s : loaded) {
        y += "      - series: " + yamlScalar(seriesText(s.labels), 10) + "\n";
        y += "        values: " + yamlScalar(formatSeriesValues(s.positions), 10) + "\n";
    }
    y += "    alert_rule_test:\n";
    for (size_t i : picked) {
        const auto& [ts, firing] = states[i];
        out.evalTimesMs.push_back(ts);
        if (!firing.empty()) ++out.firingChecks;
        y += "      - eval_time: " + formatDuration(ts) + "\n";
        y += "        alertname: " + yamlScalar(alertName, 10) + "\n";
        y += "        exp_alerts:";
        if (firing.empty()) y += " []";
        y += "\n";
        for (const auto& a : firing) {
            y += "          - exp_labels:";
            y += a.labels.empty() ? " {}\n" : "\n";
            writeLabelMap(&y, a.labels, 14);
            if (!a.annotations.empty()) {
                y += "            exp_annotations:\n";
                writeLabelMap(&y, a.annotations, 14);
            }
        }
    }
    out.testYaml = std::move(y);
    return out;
}

std::string frozenRulesFileName(const std::string& testFileName) {
    std::string stem = testFileName;
    for (std::string_view suffix : {".test.yml", ".test.yaml", ".yml", ".yaml"}) {
        if (stem.size() > suffix.size() && stem.ends_with(suffix)) {
            stem.resize(stem.size() - suffix.size());
            break;
        }
    }
    return stem + ".rules.yml";
}

}  // namespace pharos::rules
