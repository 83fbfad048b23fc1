// Canonical PromQL text for an AST, matching Prometheus' Expr.String() output.
#include "pharos/promql/printer.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "pharos/duration.h"
#include "pharos/promql/functions.h"
#include "pharos/tsdb/labels.h"

namespace pharos::promql {
namespace {

std::string joinLabels(const std::vector<std::string>& ls) {
    std::string out;
    for (size_t i = 0; i < ls.size(); ++i) {
        if (i) out += ", ";
        if (tsdb::isValidLegacyLabelName(ls[i])) {
            out += ls[i];
        } else {
            out += tsdb::goQuote(ls[i]);
        }
    }
    return out;
}

std::string atOffset(const Node& n) {
    std::string s;
    switch (n.at) {
        case AtKind::None: break;
        case AtKind::Start: s += " @ start()"; break;
        case AtKind::End: s += " @ end()"; break;
        case AtKind::Time: {
            char buf[64];
            std::snprintf(buf, sizeof buf, " @ %.3f", static_cast<double>(n.atMs) / 1000.0);
            s += buf;
            break;
        }
    }
    if (n.offsetExpr) {
        // A signed primary after `offset`: anything else goes in parentheses.
        const auto k = n.offsetExpr->kind;
        const bool primary = k != DurationExpr::Kind::Binary &&
                             (k != DurationExpr::Kind::Neg ||
                              n.offsetExpr->a->kind != DurationExpr::Kind::Binary);
        s += primary ? " offset " : " offset (";
        s += formatDurationExpr(*n.offsetExpr);
        if (!primary) s += ')';
    } else if (n.offsetMs > 0) {
        s += " offset " + formatDuration(n.offsetMs);
    } else if (n.offsetMs < 0) {
        s += " offset -" + formatDuration(-n.offsetMs);
    }
    return s;
}

std::string stepExprString(const DurationExpr& e) {
    std::string s = formatDurationExpr(e);
    if (!s.empty() && std::isalpha(static_cast<unsigned char>(s[0]))) s.insert(s.begin(), ' ');
    return s;
}

std::string rangeString(const Node& n) {
    return n.rangeExpr ? formatDurationExpr(*n.rangeExpr) : formatDuration(n.rangeMs);
}

std::string selectorString(const Node& n) {
    std::string out;
    bool nameInBraces = !n.metricName.empty() && !tsdb::isValidLegacyMetricName(n.metricName);
    if (!n.metricName.empty() && !nameInBraces) out = n.metricName;
    std::vector<std::string> parts;
    if (nameInBraces) parts.push_back(tsdb::goQuote(n.metricName));
    bool skippedName = false;
    for (const auto& m : n.matchers) {
        if (!skippedName && !n.metricName.empty() && m.name == "__name__" &&
            m.op == MatchOp::Equal && m.value == n.metricName) {
            skippedName = true;
            continue;
        }
        std::string name = tsdb::isValidLegacyLabelName(m.name) ? m.name : tsdb::goQuote(m.name);
        parts.push_back(name + matchOpString(m.op) + tsdb::goQuote(m.value));
    }
    if (!parts.empty() || n.metricName.empty()) {
        out += "{";
        for (size_t i = 0; i < parts.size(); ++i) {
            if (i) out += ", ";
            out += parts[i];
        }
        out += "}";
    }
    return out;
}

}  // namespace

std::string formatNumber(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    char buf[400];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    return std::string(buf, r.ptr);
}

std::string formatValue(double v) { return formatNumber(v); }

std::string format(const Node& n) {
    switch (n.kind) {
        case NodeKind::Number:
            if (n.numberIsDuration && n.number >= 0 && std::isfinite(n.number))
                return formatDuration(static_cast<int64_t>(std::llround(n.number * 1000)));
            return formatNumber(n.number);
        case NodeKind::String: return tsdb::goQuote(n.str);
        case NodeKind::VectorSelector: return selectorString(n) + atOffset(n);
        case NodeKind::MatrixSelector:
            return selectorString(*n.expr) + "[" + rangeString(n) + "]" +
                   atOffset(*n.expr);
        case NodeKind::Subquery:
            return format(*n.expr) + "[" + rangeString(n) + ":" +
                   // A space keeps ":" from starting an identifier (":max_of").
                   (n.stepExpr ? stepExprString(*n.stepExpr)
                    : n.stepMs ? formatDuration(n.stepMs)
                               : std::string()) +
                   "]" + atOffset(n);
        case NodeKind::Call: {
            std::string s(n.func->name);
            s += "(";
            for (size_t i = 0; i < n.args.size(); ++i) {
                if (i) s += ", ";
                s += format(*n.args[i]);
            }
            return s + ")";
        }
        case NodeKind::Aggregate: {
            std::string s = aggOpString(n.aggOp);
            if (n.without) {
                s += " without (" + joinLabels(n.grouping) + ") ";
            } else if (!n.grouping.empty()) {
                s += " by (" + joinLabels(n.grouping) + ") ";
            }
            s += "(";
            if (n.param) s += format(*n.param) + ", ";
            return s + format(*n.expr) + ")";
        }
        case NodeKind::Binary: {
            std::string s = format(*n.lhs) + " " + binOpString(n.binOp);
            if (n.returnBool) s += " bool";
            const VectorMatching& vm = n.matching;
            if (!vm.labels.empty() || vm.on) {
                s += std::string(vm.on ? " on" : " ignoring") + " (" + joinLabels(vm.labels) + ")";
                if (vm.card == Cardinality::ManyToOne || vm.card == Cardinality::OneToMany) {
                    s += std::string(vm.card == Cardinality::ManyToOne ? " group_left"
                                                                       : " group_right") +
                         " (" + joinLabels(vm.include) + ")";
                }
            }
            return s + " " + format(*n.rhs);
        }
        case NodeKind::Unary: {
            // "-Inf", not "-+Inf" (which would parse back as two unary operators).
            std::string operand = format(*n.expr);
            if (!operand.empty() && operand[0] == '+') operand.erase(0, 1);
            std::string s(1, n.negate ? '-' : '+');
            s += operand;
            return s;
        }
        case NodeKind::Paren: {
            // Appends: GCC 12 -O3 warns falsely (-Wrestrict) on `"(" + std::string`.
            std::string s(1, '(');
            s += format(*n.expr);
            s += ')';
            return s;
        }
        case NodeKind::StepInvariant: return format(*n.expr);
    }
    return "";
}

}  // namespace pharos::promql
