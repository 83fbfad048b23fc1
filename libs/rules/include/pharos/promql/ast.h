// PromQL abstract syntax tree: one Node type tagged by kind, with source positions, produced by
// parse() (parser.h) and printed canonically by format() (printer.h).
// Thread-safety: a parsed tree is immutable; const access may be shared between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "pharos/status.h"
#include "pharos/tsdb/matcher.h"

namespace pharos::promql {

enum class ValueType { None, Scalar, Vector, Matrix, String };
const char* valueTypeName(ValueType t);  // "scalar", "instant vector", "range vector", "string"

// Byte offsets into the query text, [start, end).
struct PosRange {
    int start = 0;
    int end = 0;
};

enum class NodeKind {
    Number,
    String,
    VectorSelector,
    MatrixSelector,  // expr = the VectorSelector, range
    Subquery,        // expr, range, step
    Call,            // function, args
    Aggregate,       // aggOp, grouping, without, param, expr
    Binary,          // binOp, lhs, rhs, returnBool, matching
    Unary,           // negate (else unary plus), expr
    Paren,           // expr
    StepInvariant,   // unused by the parser; reserved for the engine
};

enum class BinOp {
    Add, Sub, Mul, Div, Mod, Pow, Atan2,
    Eq, Ne, Gt, Lt, Ge, Le,
    And, Or, Unless,
};
const char* binOpString(BinOp op);
bool isComparison(BinOp op);
bool isSetOp(BinOp op);

enum class AggOp {
    Sum, Avg, Count, Min, Max, Group, Stddev, Stdvar, Topk, Bottomk, Quantile, CountValues,
    Limitk, LimitRatio,
};
const char* aggOpString(AggOp op);

enum class MatchOp { Equal, NotEqual, Regex, NotRegex };
const char* matchOpString(MatchOp op);

// A label matcher as written in the query; converted to tsdb::Matcher by the engine.
struct MatcherSpec {
    MatchOp op = MatchOp::Equal;
    std::string name;
    std::string value;
};

enum class Cardinality { OneToOne, ManyToOne, OneToMany, ManyToMany };

struct VectorMatching {
    Cardinality card = Cardinality::OneToOne;
    bool on = false;                  // on(...) given (else ignoring(...) or nothing)
    std::vector<std::string> labels;  // the on/ignoring labels
    std::vector<std::string> include; // group_left/group_right labels
};

enum class AtKind { None, Time, Start, End };

struct Function;  // functions.h

// A duration expression that needs the query to be evaluated: it uses step() (the query step,
// 0 for an instant query) or range() (end - start of the query). Written after `offset` and
// inside `[...]` (Prometheus' duration arithmetic); expressions without step()/range() are
// folded to milliseconds by the parser. Numbers are seconds.
struct DurationExpr {
    enum class Kind { Number, Step, Range, Neg, Paren, Binary, MinOf, MaxOf };
    Kind kind = Kind::Number;
    double seconds = 0;        // Number
    bool isDuration = false;   // Number written as a duration literal (printed as one)
    char op = '+';             // Binary: + - * / % ^
    std::shared_ptr<const DurationExpr> a, b;  // Neg/Paren: a; Binary/MinOf/MaxOf: a, b
    int height = 1;            // of this subtree (bounded by the parser)
};
using DurationExprPtr = std::shared_ptr<const DurationExpr>;

// Value in seconds with the given query step and range (ms).
double evalDurationExpr(const DurationExpr& e, int64_t stepMs, int64_t rangeMs);
std::string formatDurationExpr(const DurationExpr& e);

struct Node;
using NodePtr = std::unique_ptr<Node>;

struct Node {
    NodeKind kind = NodeKind::Number;
    PosRange pos;

    // Number / String
    double number = 0;
    bool numberIsDuration = false;  // written as a duration literal (printed as one)
    std::string str;

    // VectorSelector
    std::string metricName;             // "" when the selector has no name
    std::vector<MatcherSpec> matchers;  // includes the __name__ matcher for a named selector
    std::vector<tsdb::Matcher> compiled;  // matchers, compiled (same order)

    // VectorSelector / Subquery (MatrixSelector keeps them on its VectorSelector)
    int64_t offsetMs = 0;
    bool offsetSet = false;
    AtKind at = AtKind::None;
    int64_t atMs = 0;

    // MatrixSelector / Subquery
    int64_t rangeMs = 0;
    int64_t stepMs = 0;  // Subquery; 0 means the default step

    // Duration expressions with step()/range(), resolved per query (resolveDurationExprs);
    // when set, offsetMs/rangeMs/stepMs hold 0 until then.
    DurationExprPtr offsetExpr;  // VectorSelector / Subquery
    DurationExprPtr rangeExpr;   // MatrixSelector / Subquery
    DurationExprPtr stepExpr;    // Subquery

    // Call
    const Function* func = nullptr;
    std::vector<NodePtr> args;

    // Aggregate
    AggOp aggOp = AggOp::Sum;
    std::vector<std::string> grouping;
    bool without = false;
    bool hasGrouping = false;  // "by ()" written explicitly
    NodePtr param;

    // Binary
    BinOp binOp = BinOp::Add;
    NodePtr lhs, rhs;
    bool returnBool = false;
    VectorMatching matching;

    // Unary
    bool negate = true;

    // Aggregate / Unary / Paren / MatrixSelector / Subquery
    NodePtr expr;

    // Height of this subtree (1 for a leaf); set by the parser, which bounds it.
    int height = 1;

    ValueType type() const;
};

// A deep copy of a tree.
NodePtr cloneNode(const Node& n);
// Whether any node of the tree has a duration expression to resolve.
bool hasDurationExprs(const Node& n);
// Replaces every duration expression of the tree by its value for a query with this step and
// range (both 0 for an instant query). Errors: a range that is not positive, a negative
// subquery step, a duration out of range.
Status resolveDurationExprs(Node* n, int64_t stepMs, int64_t rangeMs);

}  // namespace pharos::promql
