// AST helpers: result types of nodes and the names of operators.
#include "pharos/promql/ast.h"

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
