// Rule group evaluation: recording and alerting rules in order, staleness markers for series a
// rule stops producing, limits, query offset, template expansion of alert labels/annotations.
// Mirrors Prometheus' rules/group.go, recording.go and alerting.go.
#include "pharos/rules/group.h"

#include <algorithm>
#include <map>
#include <set>

#include "pharos/promql/parser.h"
#include "pharos/template/prometheus_funcs.h"

namespace pharos::rules {

namespace {

gotemplate::LabelPairs toPairs(const tsdb::Labels& l) {
    gotemplate::LabelPairs out;
    out.reserve(l.size());
    for (const auto& x : l) out.emplace_back(x.name, x.value);
    return out;
}

bool hasTemplate(std::string_view text) { return text.find("{{") != std::string_view::npos; }

}  // namespace

Result<promql::Vector> queryVector(const promql::Storage& storage, const promql::Node& expr,
                                   int64_t t, const promql::EngineOptions& options) {
    auto r = promql::instantQuery(storage, expr, t, options);
    if (!r.ok()) return r.status();
    switch (r->type) {
        case promql::ValueType::Vector:
            return std::move(r->vector);
        case promql::ValueType::Scalar:
            return promql::Vector{promql::Sample{tsdb::Labels(), t, r->scalar}};
        default:
            return Status::invalidArgument("rule result is not a vector or scalar");
    }
}

AlertCandidate expandAlert(const Rule& rule, const tsdb::Labels& ruleLabels,
                           const promql::Sample& sample, int64_t evalTime,
                           const promql::Storage& storage, const GroupOptions& options) {
    AlertCandidate c;
    c.value = sample.v;
    bool needsTemplates = false;
    for (const auto& l : ruleLabels) needsTemplates = needsTemplates || hasTemplate(l.value);
    for (const auto& [n, v] : rule.annotations) needsTemplates = needsTemplates || hasTemplate(v);

    gotemplate::Value data;
    gotemplate::PrometheusFuncOptions fopts;
    if (needsTemplates) {
        data = gotemplate::prometheusAlertData(toPairs(sample.labels), options.externalLabels,
                                               options.externalURL, sample.v);
        fopts.externalURL = options.externalURL;
        const promql::EngineOptions engine = options.engine;
        fopts.query = [&storage, evalTime, engine](std::string_view q)
            -> Result<std::vector<gotemplate::QuerySample>> {
            auto parsed = promql::parse(q);
            if (!parsed.ok()) return parsed.status();
            auto v = queryVector(storage, **parsed, evalTime, engine);
            if (!v.ok()) return v.status();
            std::vector<gotemplate::QuerySample> out;
            out.reserve(v->size());
            for (const auto& s : *v) out.push_back({toPairs(s.labels), s.v});
            return out;
        };
    }
    auto expand = [&](const std::string& text) -> std::string {
        if (!hasTemplate(text)) return text;
        return gotemplate::expandAlertTemplateOrError(rule.name, text, data, fopts);
    };

    tsdb::LabelsBuilder b(sample.labels);
    b.del(tsdb::kMetricName);
    for (const auto& l : ruleLabels) b.set(l.name, expand(l.value));
    b.set("alertname", rule.name);
    c.labels = b.labels();

    std::vector<tsdb::Label> ann;
    ann.reserve(rule.annotations.size());
    for (const auto& [n, v] : rule.annotations) ann.push_back({n, expand(v)});
    c.annotations = tsdb::Labels(std::move(ann));
    return c;
}

Result<Group> Group::load(const RuleGroup& def, const std::string& file, const GroupOptions& options) {
    Group g;
    g.name_ = def.name;
    g.file_ = file;
    g.intervalMs_ = def.intervalMs.value_or(options.defaultIntervalMs);
    if (g.intervalMs_ <= 0) g.intervalMs_ = options.defaultIntervalMs;
    g.queryOffsetMs_ = def.queryOffsetMs.value_or(options.defaultQueryOffsetMs);
    g.limit_ = def.limit;
    g.options_ = options;
    for (size_t i = 0; i < def.rules.size(); ++i) {
        const Rule& r = def.rules[i];
        auto parsed = promql::parse(r.expr);
        if (!parsed.ok()) {
            return Status::invalidArgument("group \"" + def.name + "\", rule " + std::to_string(i + 1) +
                                               ", \"" + r.name + "\": could not parse expression: " +
                                               parsed.status().message(),
                                           {file, r.exprPosition.line, r.exprPosition.column});
        }
        RuleState s;
        s.def_ = r;
        s.expr_ = std::shared_ptr<const promql::Node>(std::move(parsed).value());
        std::vector<tsdb::Label> labels;
        for (const auto& [n, v] : def.labels) labels.push_back({n, v});
        for (const auto& [n, v] : r.labels) labels.push_back({n, v});  // later wins
        s.labels_ = tsdb::Labels(std::move(labels));
        s.alerts_ = AlertStateMachine(r.forMs, r.keepFiringForMs, options.resolvedRetentionMs);
        g.rules_.push_back(std::move(s));
    }
    return g;
}

int64_t Group::evalTimestamp(int64_t t) const {
    // Prometheus works in nanoseconds: offset = hash % interval, then floor-aligns (t - offset).
    const int64_t intervalNs = intervalMs_ * 1'000'000;
    const tsdb::Labels key{{"name", name_}, {"file", file_}};
    const auto offset = static_cast<int64_t>(key.hash() % static_cast<uint64_t>(intervalNs));
    const int64_t adj = t * 1'000'000 - offset;
    int64_t base = adj - (adj % intervalNs);
    if (adj % intervalNs < 0) base -= intervalNs;
    const int64_t ns = base + offset;
    int64_t ms = ns / 1'000'000;
    if (ns % 1'000'000 < 0) --ms;
    return ms;
}

Status Group::evalRule(RuleState& r, int64_t ts, const promql::Storage& storage,
                       std::vector<promql::Sample>* out) const {
    const int64_t qt = ts - queryOffsetMs_;
    PHAROS_ASSIGN_OR_RETURN(promql::Vector vec, queryVector(storage, *r.expr_, qt, options_.engine));
    if (r.def_.kind == Rule::Kind::Recording) {
        std::set<tsdb::Labels> seen;
        for (auto& s : vec) {
            tsdb::LabelsBuilder b(s.labels);
            b.set(tsdb::kMetricName, r.def_.name);
            for (const auto& l : r.labels_) b.set(l.name, l.value);
            s.labels = b.labels();
            s.t = qt;
            if (!seen.insert(s.labels).second)
                return Status::invalidArgument(
                    "vector contains metrics with the same labelset after applying rule labels");
        }
        if (limit_ > 0 && static_cast<int64_t>(vec.size()) > limit_)
            return Status::invalidArgument("exceeded limit of " + std::to_string(limit_) + " with " +
                                           std::to_string(vec.size()) + " series");
        *out = std::move(vec);
        return Status();
    }
    std::vector<AlertCandidate> candidates;
    candidates.reserve(vec.size());
    for (const auto& s : vec)
        candidates.push_back(expandAlert(r.def_, r.labels_, s, ts, storage, options_));
    PHAROS_RETURN_IF_ERROR(r.alerts_.step(ts, std::move(candidates), limit_));
    r.alerts_.appendSeries(qt, out);
    return Status();
}

void Group::eval(int64_t ts, const promql::Storage& storage, SampleAppender& out) {
    const int64_t sampleTs = ts - queryOffsetMs_;
    for (RuleState& r : rules_) {
        std::vector<promql::Sample> samples;
        r.lastError_ = evalRule(r, ts, storage, &samples);
        if (!r.lastError_.ok()) continue;
        std::vector<tsdb::Labels> written;
        written.reserve(samples.size());
        for (const auto& s : samples) {
            // Like Prometheus, an append error (out of order, duplicate) does not fail the rule.
            (void)out.append(s.labels, s.t, s.v);
            written.push_back(s.labels);
        }
        std::sort(written.begin(), written.end());
        for (const auto& prev : r.lastSeries_)
            if (!std::binary_search(written.begin(), written.end(), prev))
                (void)out.append(prev, sampleTs, promql::staleNaN());
        r.lastSeries_ = std::move(written);
    }
}

void Group::setRestored(bool restored) {
    for (RuleState& r : rules_)
        if (AlertStateMachine* m = r.mutableAlerts()) m->setRestored(restored);
}

Status Group::restoreForState(const promql::Storage& storage, int64_t ts, int64_t outageToleranceMs,
                              int64_t gracePeriodMs) {
    Status firstError;
    const int64_t mint = ts - outageToleranceMs;
    for (RuleState& r : rules_) {
        AlertStateMachine* m = r.mutableAlerts();
        if (!m) continue;
        const int64_t holdMs = m->holdMs();
        if (holdMs < gracePeriodMs) {  // would otherwise wait the grace period, longer than `for`
            m->setRestored(true);
            continue;
        }
        std::vector<std::pair<tsdb::Labels, int64_t>> updates;
        for (const auto& [labels, alert] : m->alerts()) {
            // AlertingRule.forStateSample: the alert's labels with __name__ and alertname.
            tsdb::LabelsBuilder b(labels);
            b.set(tsdb::kMetricName, "ALERTS_FOR_STATE");
            b.set("alertname", r.name());
            const tsdb::Labels want = b.labels();
            std::vector<tsdb::Matcher> matchers;
            matchers.reserve(want.size());
            for (const auto& l : want) {
                auto mt = tsdb::Matcher::make(tsdb::MatchType::Equal, l.name, l.value);
                if (mt.ok()) matchers.push_back(std::move(mt).value());
            }
            std::vector<promql::SelectedSeries> found;
            Status st = storage.select(matchers, mint, ts, &found);
            if (!st.ok()) {
                if (firstError.ok())
                    firstError = Status::internal("failed to restore 'for' state of alert \"" +
                                                  r.name() + "\": " + st.message());
                continue;
            }
            // Only the series with exactly these labels (others merely contain them).
            const promql::SelectedSeries* series = nullptr;
            for (const auto& s : found)
                if (s.labels == want) series = &s;
            if (!series || series->t.empty()) continue;
            const double v = series->v.back();
            if (promql::isStaleNaN(v)) continue;  // the alert was not active
            updates.emplace_back(labels, restoredActiveAt(holdMs, series->t.back(), v, ts, gracePeriodMs));
        }
        for (const auto& [labels, activeAt] : updates) m->setActiveAt(labels, activeAt);
        m->setRestored(true);
    }
    return firstError;
}

std::vector<tsdb::Labels> Group::copyState(const Group& from) {
    // Prometheus keys rules by Name() + Labels().String(); equal keys match in order.
    auto key = [](const RuleState& r) { return r.name() + "\x00" + r.labels_.toString(); };
    std::map<std::string, std::vector<size_t>> byKey;
    for (size_t i = 0; i < from.rules_.size(); ++i) byKey[key(from.rules_[i])].push_back(i);
    std::vector<bool> matched(from.rules_.size(), false);
    for (RuleState& r : rules_) {
        auto it = byKey.find(key(r));
        if (it == byKey.end() || it->second.empty()) continue;
        const size_t fi = it->second.front();
        it->second.erase(it->second.begin());
        matched[fi] = true;
        const RuleState& old = from.rules_[fi];
        r.lastSeries_ = old.lastSeries_;
        if (r.isAlerting() && old.isAlerting()) r.alerts_.adoptAlerts(old.alerts_);
    }
    std::vector<tsdb::Labels> stale;
    for (size_t i = 0; i < from.rules_.size(); ++i)
        if (!matched[i])
            stale.insert(stale.end(), from.rules_[i].lastSeries_.begin(), from.rules_[i].lastSeries_.end());
    return stale;
}

std::vector<tsdb::Labels> Group::lastSeries() const {
    std::vector<tsdb::Labels> out;
    for (const RuleState& r : rules_) out.insert(out.end(), r.lastSeries_.begin(), r.lastSeries_.end());
    return out;
}

}  // namespace pharos::rules
