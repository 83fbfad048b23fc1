// AST helpers: result types of nodes and the names of operators.
#include "pharos/promql/ast.h"

#include <algorithm>
#include <cmath>

#include "pharos/duration.h"
#include "pharos/promql/printer.h"

#include "pharos/promql/functions.h"

namespace pharos::promql {

const char* valueTypeName(ValueType t) {
    switch (t) {
        case ValueType::None: return "none";
        case ValueType::Scalar: return "scalar";
        case ValueType::Vector: return "instant vector";
        case ValueType::Matrix: return "range vector";
        case ValueType::String: return "string";
    }
    return "none";
}

const char* binOpString(BinOp op) {
    switch (op) {
        case BinOp::Add: return "+";
        case BinOp::Sub: return "-";
        case BinOp::Mul: return "*";
        case BinOp::Div: return "/";
        case BinOp::Mod: return "%";
        case BinOp::Pow: return "^";
        case BinOp::Atan2: return "atan2";
        case BinOp::Eq: return "==";
        case BinOp::Ne: return "!=";
        case BinOp::Gt: return ">";
        case BinOp::Lt: return "<";
        case BinOp::Ge: return ">=";
        case BinOp::Le: return "<=";
        case BinOp::And: return "and";
        case BinOp::Or: return "or";
        case BinOp::Unless: return "unless";
    }
    return "?";
}

bool isComparison(BinOp op) {
    return op == BinOp::Eq || op == BinOp::Ne || op == BinOp::Gt || op == BinOp::Lt ||
           op == BinOp::Ge || op == BinOp::Le;
}

bool isSetOp(BinOp op) { return op == BinOp::And || op == BinOp::Or || op == BinOp::Unless; }

const char* aggOpString(AggOp op) {
    switch (op) {
        case AggOp::Sum: return "sum";
        case AggOp::Avg: return "avg";
        case AggOp::Count: return "count";
        case AggOp::Min: return "min";
        case AggOp::Max: return "max";
        case AggOp::Group: return "group";
        case AggOp::Stddev: return "stddev";
        case AggOp::Stdvar: return "stdvar";
        case AggOp::Topk: return "topk";
        case AggOp::Bottomk: return "bottomk";
        case AggOp::Quantile: return "quantile";
        case AggOp::CountValues: return "count_values";
        case AggOp::Limitk: return "limitk";
        case AggOp::LimitRatio: return "limit_ratio";
    }
    return "?";
}

const char* matchOpString(MatchOp op) {
    switch (op) {
        case MatchOp::Equal: return "=";
        case MatchOp::NotEqual: return "!=";
        case MatchOp::Regex: return "=~";
        case MatchOp::NotRegex: return "!~";
    }
    return "?";
}

ValueType Node::type() const {
    switch (kind) {
        case NodeKind::Number: return ValueType::Scalar;
        case NodeKind::String: return ValueType::String;
        case NodeKind::VectorSelector: return ValueType::Vector;
        case NodeKind::MatrixSelector: return ValueType::Matrix;
        case NodeKind::Subquery: return ValueType::Matrix;
        case NodeKind::Call: return func ? func->returnType : ValueType::None;
        case NodeKind::Aggregate: return ValueType::Vector;
        case NodeKind::Binary:
            return lhs->type() == ValueType::Scalar && rhs->type() == ValueType::Scalar
                       ? ValueType::Scalar
                       : ValueType::Vector;
        case NodeKind::Unary:
        case NodeKind::Paren:
        case NodeKind::StepInvariant:
            return expr->type();
    }
    return ValueType::None;
}

}  // namespace pharos::promql

namespace pharos::promql {

double evalDurationExpr(const DurationExpr& e, int64_t stepMs, int64_t rangeMs) {
    switch (e.kind) {
        case DurationExpr::Kind::Number: return e.seconds;
        case DurationExpr::Kind::Step: return static_cast<double>(stepMs) / 1000.0;
        case DurationExpr::Kind::Range: return static_cast<double>(rangeMs) / 1000.0;
        case DurationExpr::Kind::Neg: return -evalDurationExpr(*e.a, stepMs, rangeMs);
        case DurationExpr::Kind::Paren: return evalDurationExpr(*e.a, stepMs, rangeMs);
        case DurationExpr::Kind::MinOf:
            return std::min(evalDurationExpr(*e.a, stepMs, rangeMs), evalDurationExpr(*e.b, stepMs, rangeMs));
        case DurationExpr::Kind::MaxOf:
            return std::max(evalDurationExpr(*e.a, stepMs, rangeMs), evalDurationExpr(*e.b, stepMs, rangeMs));
        case DurationExpr::Kind::Binary: {
            const double a = evalDurationExpr(*e.a, stepMs, rangeMs);
            const double b = evalDurationExpr(*e.b, stepMs, rangeMs);
            switch (e.op) {
                case '+': return a + b;
                case '-': return a - b;
                case '*': return a * b;
                case '/': return a / b;
                case '%': return std::fmod(a, b);
                case '^': return std::pow(a, b);
                default: return std::nan("");
            }
        }
    }
    return std::nan("");
}

std::string formatDurationExpr(const DurationExpr& e) {
    // Built by appending (GCC 12 -O3 warns falsely on `"(" + std::string`).
    std::string out;
    switch (e.kind) {
        case DurationExpr::Kind::Number:
            if (e.isDuration) return formatDuration(static_cast<int64_t>(std::llround(e.seconds * 1000)));
            return formatNumber(e.seconds);
        case DurationExpr::Kind::Step: return "step()";
        case DurationExpr::Kind::Range: return "range()";
        case DurationExpr::Kind::Neg:
            out.append(1, '-').append(formatDurationExpr(*e.a));
            return out;
        case DurationExpr::Kind::Paren:
            out.append(1, '(').append(formatDurationExpr(*e.a)).append(1, ')');
            return out;
        case DurationExpr::Kind::MinOf:
        case DurationExpr::Kind::MaxOf:
            out.append(e.kind == DurationExpr::Kind::MinOf ? "min_of(" : "max_of(");
            out.append(formatDurationExpr(*e.a)).append(", ").append(formatDurationExpr(*e.b)).append(1, ')');
            return out;
        case DurationExpr::Kind::Binary:
            out.append(formatDurationExpr(*e.a)).append(1, ' ').append(1, e.op).append(1, ' ');
            out.append(formatDurationExpr(*e.b));
            return out;
    }
    return out;
}

NodePtr cloneNode(const Node& n) {
    auto c = std::make_unique<Node>();
    c->kind = n.kind;
    c->pos = n.pos;
    c->height = n.height;
    c->number = n.number;
    c->numberIsDuration = n.numberIsDuration;
    c->str = n.str;
    c->metricName = n.metricName;
    c->matchers = n.matchers;
    c->compiled = n.compiled;
    c->offsetMs = n.offsetMs;
    c->offsetSet = n.offsetSet;
    c->at = n.at;
    c->atMs = n.atMs;
    c->rangeMs = n.rangeMs;
    c->stepMs = n.stepMs;
    c->offsetExpr = n.offsetExpr;
    c->rangeExpr = n.rangeExpr;
    c->stepExpr = n.stepExpr;
    c->func = n.func;
    for (const auto& a : n.args) c->args.push_back(a ? cloneNode(*a) : nullptr);
    c->aggOp = n.aggOp;
    c->grouping = n.grouping;
    c->without = n.without;
    c->hasGrouping = n.hasGrouping;
    if (n.param) c->param = cloneNode(*n.param);
    c->binOp = n.binOp;
    if (n.lhs) c->lhs = cloneNode(*n.lhs);
    if (n.rhs) c->rhs = cloneNode(*n.rhs);
    c->returnBool = n.returnBool;
    c->matching = n.matching;
    c->negate = n.negate;
    if (n.expr) c->expr = cloneNode(*n.expr);
    return c;
}

bool hasDurationExprs(const Node& n) {
    if (n.offsetExpr || n.rangeExpr || n.stepExpr) return true;
    for (const auto& a : n.args)
        if (a && hasDurationExprs(*a)) return true;
    for (const Node* child : {n.param.get(), n.lhs.get(), n.rhs.get(), n.expr.get()})
        if (child && hasDurationExprs(*child)) return true;
    return false;
}

namespace {

Status durationMs(const DurationExpr& e, int64_t stepMs, int64_t rangeMs, int64_t* out) {
    const double ms = evalDurationExpr(e, stepMs, rangeMs) * 1000.0;
    if (!std::isfinite(ms) || std::fabs(ms) > 9.2e18)
        return Status::invalidArgument("duration out of range: " + formatDurationExpr(e));
    *out = static_cast<int64_t>(std::llround(ms));
    return Status();
}

}  // namespace

Status resolveDurationExprs(Node* n, int64_t stepMs, int64_t rangeMs) {
    if (n->offsetExpr) {
        PHAROS_RETURN_IF_ERROR(durationMs(*n->offsetExpr, stepMs, rangeMs, &n->offsetMs));
        n->offsetExpr.reset();
    }
    if (n->rangeExpr) {
        PHAROS_RETURN_IF_ERROR(durationMs(*n->rangeExpr, stepMs, rangeMs, &n->rangeMs));
        if (n->rangeMs <= 0)
            return Status::invalidArgument("duration must be greater than 0: " +
                                           formatDurationExpr(*n->rangeExpr));
        n->rangeExpr.reset();
    }
    if (n->stepExpr) {
        PHAROS_RETURN_IF_ERROR(durationMs(*n->stepExpr, stepMs, rangeMs, &n->stepMs));
        if (n->stepMs < 0)
            return Status::invalidArgument("step must be greater than 0: " + formatDurationExpr(*n->stepExpr));
        n->stepExpr.reset();
    }
    for (auto& a : n->args)
        if (a) PHAROS_RETURN_IF_ERROR(resolveDurationExprs(a.get(), stepMs, rangeMs));
    for (Node* child : {n->param.get(), n->lhs.get(), n->rhs.get(), n->expr.get()})
        if (child) PHAROS_RETURN_IF_ERROR(resolveDurationExprs(child, stepMs, rangeMs));
    return Status();
}

}  // namespace pharos::promql
