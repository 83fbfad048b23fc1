// PromQL recursive-descent parser with precedence climbing, Prometheus' type checks and error
// texts. Nesting depth is bounded (ParseOptions::maxDepth).
#include "pharos/promql/parser.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "lexer.h"
#include "pharos/duration.h"
#include "pharos/promql/functions.h"
#include "pharos/tsdb/matcher.h"

namespace pharos::promql {
namespace {

struct ParseError {
    int pos;
    std::string msg;
};

bool isAggregator(std::string_view s, AggOp* op) {
    static const struct {
        std::string_view name;
        AggOp op;
    } kAggs[] = {
        {"sum", AggOp::Sum},           {"avg", AggOp::Avg},
        {"count", AggOp::Count},       {"min", AggOp::Min},
        {"max", AggOp::Max},           {"group", AggOp::Group},
        {"stddev", AggOp::Stddev},     {"stdvar", AggOp::Stdvar},
        {"topk", AggOp::Topk},         {"bottomk", AggOp::Bottomk},
        {"quantile", AggOp::Quantile}, {"count_values", AggOp::CountValues},
        {"limitk", AggOp::Limitk},     {"limit_ratio", AggOp::LimitRatio},
    };
    std::string lower;
    for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& a : kAggs) {
        if (a.name == lower) {
            *op = a.op;
            return true;
        }
    }
    return false;
}

std::string lowerStr(std::string_view s) {
    std::string r;
    for (char c : s) r += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return r;
}

bool aggHasParam(AggOp op) {
    return op == AggOp::Topk || op == AggOp::Bottomk || op == AggOp::Quantile ||
           op == AggOp::CountValues || op == AggOp::Limitk || op == AggOp::LimitRatio;
}

std::string typeName(ValueType t) { return valueTypeName(t); }

class Parser {
public:
    Parser(std::string_view in, const ParseOptions& opts) : in_(in), lex_(in), opts_(opts) {
        advance();
    }

    NodePtr parseTop() {
        NodePtr e = parseExpr(0);
        if (cur_.type != Tok::End) unexpected("");
        ValueType t = e->type();
        if (t != ValueType::Scalar && t != ValueType::Vector && t != ValueType::Matrix &&
            t != ValueType::String) {
            fail(e->pos.start, "expression must have a valid expression type but got " +
                                   typeName(t));
        }
        return e;
    }

    NodePtr parseSelectorOnly() {
        if (cur_.type != Tok::Ident && cur_.type != Tok::LBrace) unexpected("");
        NodePtr e;
        if (cur_.type == Tok::Ident) {
            Token name = cur_;
            advance();
            e = parseVectorSelector(std::string(name.text), name.pos);
        } else {
            e = parseVectorSelector("", cur_.pos);
        }
        if (cur_.type != Tok::End) unexpected("");
        return e;
    }

    [[noreturn]] void fail(int pos, std::string msg) { throw ParseError{pos, std::move(msg)}; }

    [[noreturn]] void unexpected(const std::string& context) {
        if (cur_.type == Tok::Error) fail(cur_.pos, cur_.value);
        // Prometheus' lexer reports these before the parser sees the token.
        if (cur_.type == Tok::End && lex_.braceOpen()) fail(cur_.pos, "unexpected end of input inside braces");
        if (cur_.type == Tok::End && lex_.parenDepth() > 0) fail(cur_.pos, "unclosed left parenthesis");
        if (cur_.type == Tok::RParen && lex_.parenDepth() < 0)
            fail(cur_.end, "unexpected right parenthesis ')'");
        std::string msg = "unexpected " + describeToken(cur_);
        if (!context.empty()) msg += " " + context;
        fail(cur_.pos, msg);
    }

private:
    void advance() {
        prevEnd_ = cur_.end;
        cur_ = lex_.next();
    }
    bool isIdent(std::string_view kw) const {
        return cur_.type == Tok::Ident && lowerStr(cur_.text) == kw;
    }
    void expect(Tok t, const std::string& context) {
        if (cur_.type != t) unexpected(context);
        advance();
    }

    struct DepthGuard {
        Parser* p;
        explicit DepthGuard(Parser* parser) : p(parser) {
            if (++p->depth_ > p->opts_.maxDepth) {
                p->fail(p->cur_.pos, "expression nesting too deep (limit " +
                                         std::to_string(p->opts_.maxDepth) + ")");
            }
        }
        ~DepthGuard() { --p->depth_; }
    };

    // Binary precedence; -1 when the current token is not a binary operator.
    int binPrec(BinOp* op) const {
        switch (cur_.type) {
            case Tok::Add: *op = BinOp::Add; return 4;
            case Tok::Sub: *op = BinOp::Sub; return 4;
            case Tok::Mul: *op = BinOp::Mul; return 5;
            case Tok::Div: *op = BinOp::Div; return 5;
            case Tok::Mod: *op = BinOp::Mod; return 5;
            case Tok::Pow: *op = BinOp::Pow; return 6;
            case Tok::Eql: *op = BinOp::Eq; return 3;
            case Tok::Neq: *op = BinOp::Ne; return 3;
            case Tok::Gtr: *op = BinOp::Gt; return 3;
            case Tok::Lss: *op = BinOp::Lt; return 3;
            case Tok::Gte: *op = BinOp::Ge; return 3;
            case Tok::Lte: *op = BinOp::Le; return 3;
            case Tok::Ident: {
                std::string l = lowerStr(cur_.text);
                if (l == "and") { *op = BinOp::And; return 2; }
                if (l == "unless") { *op = BinOp::Unless; return 2; }
                if (l == "or") { *op = BinOp::Or; return 1; }
                if (l == "atan2") { *op = BinOp::Atan2; return 5; }
                return -1;
            }
            default: return -1;
        }
    }

    NodePtr parseExpr(int minPrec) {
        DepthGuard g(this);
        NodePtr lhs = parseUnary();
        for (;;) {
            BinOp op;
            int prec = binPrec(&op);
            if (prec < 0 || prec < minPrec) break;
            int opPos = cur_.pos;
            int opEnd = cur_.end;
            advance();
            auto node = std::make_unique<Node>();
            node->kind = NodeKind::Binary;
            node->binOp = op;
            bool boolSeen = false;
            if (isIdent("bool")) {
                boolSeen = true;
                advance();
            }
            node->returnBool = boolSeen;
            bool matchingGiven = false;
            if (isIdent("on") || isIdent("ignoring")) {
                matchingGiven = true;
                node->matching.on = isIdent("on");
                advance();
                node->matching.labels = parseLabelList();
                if (isIdent("group_left") || isIdent("group_right")) {
                    node->matching.card =
                        isIdent("group_left") ? Cardinality::ManyToOne : Cardinality::OneToMany;
                    advance();
                    if (cur_.type == Tok::LParen) node->matching.include = parseLabelList();
                }
            } else if (isIdent("group_left") || isIdent("group_right")) {
                unexpected("");
            }
            int nextMin = op == BinOp::Pow ? prec : prec + 1;
            NodePtr rhs = parseExpr(nextMin);
            node->pos = {lhs->pos.start, rhs->pos.end};
            node->lhs = std::move(lhs);
            node->rhs = std::move(rhs);
            seal(*node);
            checkBinary(*node, opPos, opEnd, matchingGiven);
            lhs = std::move(node);
        }
        return lhs;
    }

    void checkBinary(Node& n, int opPos, int opEnd, bool matchingGiven) {
        (void)opEnd;
        ValueType lt = n.lhs->type(), rt = n.rhs->type();
        if (n.returnBool && !isComparison(n.binOp))
            fail(opPos, "bool modifier can only be used on comparison operators");
        if (isComparison(n.binOp) && lt == ValueType::Scalar && rt == ValueType::Scalar &&
            !n.returnBool)
            fail(opPos, "comparisons between scalars must use BOOL modifier");
        if (isSetOp(n.binOp) && n.matching.card == Cardinality::OneToOne)
            n.matching.card = Cardinality::ManyToMany;
        for (const auto& l1 : n.matching.labels) {
            for (const auto& l2 : n.matching.include) {
                if (l1 == l2 && n.matching.on)
                    fail(opPos, "label \"" + l1 + "\" must not occur in ON and GROUP clause at once");
            }
        }
        if (lt != ValueType::Scalar && lt != ValueType::Vector)
            fail(n.lhs->pos.start, "binary expression must contain only scalar and instant vector types");
        if (rt != ValueType::Scalar && rt != ValueType::Vector)
            fail(n.rhs->pos.start, "binary expression must contain only scalar and instant vector types");
        if ((lt != ValueType::Vector || rt != ValueType::Vector) && matchingGiven)
            fail(n.pos.start, "vector matching only allowed between instant vectors");
        if (lt == ValueType::Vector && rt == ValueType::Vector && isSetOp(n.binOp)) {
            if (n.matching.card == Cardinality::ManyToOne || n.matching.card == Cardinality::OneToMany)
                fail(n.pos.start, std::string("no grouping allowed for \"") + binOpString(n.binOp) +
                                      "\" operation");
        }
        if ((lt == ValueType::Scalar || rt == ValueType::Scalar) && isSetOp(n.binOp))
            fail(n.pos.start, std::string("set operator \"") + binOpString(n.binOp) +
                                  "\" not allowed in binary scalar expression");
    }

    NodePtr parseUnary() {
        if (cur_.type == Tok::Add || cur_.type == Tok::Sub) {
            DepthGuard g(this);
            bool neg = cur_.type == Tok::Sub;
            int start = cur_.pos;
            advance();
            NodePtr operand = parseExpr(6);  // only '^' binds tighter than unary minus
            if (operand->kind == NodeKind::Number) {
                if (neg) operand->number = -operand->number;
                operand->pos.start = start;
                return operand;
            }
            ValueType t = operand->type();
            if (t != ValueType::Scalar && t != ValueType::Vector)
                fail(start, "unary expression only allowed on expressions of type scalar or "
                            "instant vector, got \"" + typeName(t) + "\"");
            auto n = std::make_unique<Node>();
            n->kind = NodeKind::Unary;
            n->negate = neg;
            n->pos = {start, operand->pos.end};
            n->expr = std::move(operand);
            seal(*n);
            return n;
        }
        return parsePostfix(parsePrimary());
    }

    // Duration expressions (numbers are seconds): the full arithmetic inside [...], only a
    // signed primary after `offset` (what follows belongs to the enclosing expression).
    DurationExprPtr durNode(DurationExpr::Kind kind, DurationExprPtr a = nullptr,
                            DurationExprPtr b = nullptr, char op = '+') {
        auto d = std::make_shared<DurationExpr>();
        d->kind = kind;
        d->height = 1 + std::max(a ? a->height : 0, b ? b->height : 0);
        if (d->height > opts_.maxTreeHeight)
            fail(cur_.pos, "expression nesting too deep (limit " + std::to_string(opts_.maxTreeHeight) + ")");
        d->a = std::move(a);
        d->b = std::move(b);
        d->op = op;
        return d;
    }

    // Sets n.height from its children and refuses a tree that is too high.
    void seal(Node& n) {
        int h = 0;
        for (const auto& a : n.args)
            if (a) h = std::max(h, a->height);
        for (const Node* c : {n.param.get(), n.lhs.get(), n.rhs.get(), n.expr.get()})
            if (c) h = std::max(h, c->height);
        n.height = h + 1;
        if (n.height > opts_.maxTreeHeight)
            fail(n.pos.start, "expression nesting too deep (limit " + std::to_string(opts_.maxTreeHeight) + ")");
    }

    static bool durUsesQuery(const DurationExpr& e) {
        if (e.kind == DurationExpr::Kind::Step || e.kind == DurationExpr::Kind::Range) return true;
        return (e.a && durUsesQuery(*e.a)) || (e.b && durUsesQuery(*e.b));
    }

    DurationExprPtr parseDurPrimary() {
        DepthGuard g(this);
        const Token t = cur_;
        if (t.type == Tok::Duration || t.type == Tok::Number) {
            auto d = std::make_shared<DurationExpr>();
            if (t.type == Tok::Duration) {
                auto r = parseDuration(t.text);
                if (!r.ok()) fail(t.pos, r.status().message());
                d->seconds = static_cast<double>(*r) / 1000.0;
                d->isDuration = true;
            } else if (!parseNumber(t.text, &d->seconds) || std::isnan(d->seconds) ||
                       std::isinf(d->seconds)) {
                fail(t.pos, "expected number literal or duration expression");
            }
            advance();
            return d;
        }
        if (t.type == Tok::LParen) {
            advance();
            auto inner = parseDurExpr(0);
            expect(Tok::RParen, "in duration expression");
            return durNode(DurationExpr::Kind::Paren, std::move(inner));
        }
        if (isIdent("step") || isIdent("range")) {
            const bool step = isIdent("step");
            advance();
            expect(Tok::LParen, "");
            expect(Tok::RParen, "");
            return durNode(step ? DurationExpr::Kind::Step : DurationExpr::Kind::Range);
        }
        if (isIdent("min_of") || isIdent("max_of")) {
            const bool isMin = isIdent("min_of");
            advance();
            expect(Tok::LParen, "");
            auto a = parseDurExpr(0);
            expect(Tok::Comma, "in duration expression");
            auto b = parseDurExpr(0);
            expect(Tok::RParen, "in duration expression");
            return durNode(isMin ? DurationExpr::Kind::MinOf : DurationExpr::Kind::MaxOf, std::move(a),
                           std::move(b));
        }
        unexpected("");
    }

    DurationExprPtr parseDurUnary() {
        if (cur_.type == Tok::Sub || cur_.type == Tok::Add) {
            const bool neg = cur_.type == Tok::Sub;
            advance();
            DepthGuard g(this);
            auto operand = parseDurExpr(3);  // a sign binds more loosely than ^
            return neg ? durNode(DurationExpr::Kind::Neg, std::move(operand)) : operand;
        }
        return parseDurPrimary();
    }

    DurationExprPtr parseDurExpr(int minPrec) {
        DepthGuard g(this);
        DurationExprPtr lhs = parseDurUnary();
        for (;;) {
            char op;
            int prec;
            switch (cur_.type) {
                case Tok::Add: op = '+'; prec = 1; break;
                case Tok::Sub: op = '-'; prec = 1; break;
                case Tok::Mul: op = '*'; prec = 2; break;
                case Tok::Div: op = '/'; prec = 2; break;
                case Tok::Mod: op = '%'; prec = 2; break;
                case Tok::Pow: op = '^'; prec = 3; break;
                default: return lhs;
            }
            if (prec < minPrec) return lhs;
            advance();
            auto rhs = parseDurExpr(op == '^' ? prec : prec + 1);
            lhs = durNode(DurationExpr::Kind::Binary, std::move(lhs), std::move(rhs), op);
        }
    }

    // A duration: folded to ms when constant (*expr null), else left for the query (ms 0).
    int64_t finishDuration(const DurationExprPtr& d, int pos, DurationExprPtr* expr) {
        if (durUsesQuery(*d)) {
            *expr = d;
            return 0;
        }
        const double ms = evalDurationExpr(*d, 0, 0) * 1000.0;
        if (!std::isfinite(ms) || std::fabs(ms) > 9.2e18) fail(pos, "duration out of range");
        return static_cast<int64_t>(std::llround(ms));
    }

    NodePtr parsePostfix(NodePtr e) {
        for (;;) {
            if (cur_.type == Tok::LBracket) {
                int lb = cur_.pos;
                advance();
                const int rpos = cur_.pos;
                DurationExprPtr rangeExpr;
                int64_t range = finishDuration(parseDurExpr(0), rpos, &rangeExpr);
                if (cur_.type == Tok::Colon) {
                    advance();
                    int64_t step = 0;
                    DurationExprPtr stepExpr;
                    if (cur_.type != Tok::RBracket) {
                        const int spos = cur_.pos;
                        step = finishDuration(parseDurExpr(0), spos, &stepExpr);
                        if (step < 0) fail(spos, "step must be greater than 0");
                    }
                    int end = cur_.end;
                    if (cur_.type == Tok::Colon) fail(cur_.pos, "unexpected colon ':'");
                    expect(Tok::RBracket, "in subquery selector");
                    if (e->type() != ValueType::Vector)
                        fail(e->pos.start, "subquery is only allowed on instant vector, got " +
                                               typeName(e->type()) + " instead");
                    auto s = std::make_unique<Node>();
                    s->kind = NodeKind::Subquery;
                    s->rangeMs = range;
                    s->stepMs = step;
                    s->rangeExpr = std::move(rangeExpr);
                    s->stepExpr = std::move(stepExpr);
                    s->pos = {e->pos.start, end};
                    s->expr = std::move(e);
                    seal(*s);
                    e = std::move(s);
                    continue;
                }
                int end = cur_.end;
                expect(Tok::RBracket, "in subquery or range, expected \":\" or \"]\"");
                if (e->kind != NodeKind::VectorSelector)
                    fail(lb, "ranges only allowed for vector selectors");
                if (e->offsetMs != 0 || e->offsetExpr) fail(lb, "no offset modifiers allowed before range");
                if (e->at != AtKind::None) fail(lb, "no @ modifiers allowed before range");
                if (!rangeExpr && range <= 0) fail(lb, "duration must be greater than 0");
                auto m = std::make_unique<Node>();
                m->kind = NodeKind::MatrixSelector;
                m->rangeMs = range;
                m->rangeExpr = std::move(rangeExpr);
                m->pos = {e->pos.start, end};
                m->expr = std::move(e);
                seal(*m);
                e = std::move(m);
                continue;
            }
            if (isIdent("offset")) {
                int opos = cur_.pos;
                advance();
                if (cur_.type != Tok::Duration && cur_.type != Tok::Number && cur_.type != Tok::LParen &&
                    cur_.type != Tok::Sub && cur_.type != Tok::Add && cur_.type != Tok::Ident)
                    unexpected("in offset, expected duration");
                const int dpos = cur_.pos;
                DurationExprPtr offExpr;
                DurationExprPtr d;
                if (cur_.type == Tok::Sub || cur_.type == Tok::Add) {
                    const bool neg = cur_.type == Tok::Sub;
                    advance();
                    d = parseDurPrimary();
                    if (neg) d = durNode(DurationExpr::Kind::Neg, std::move(d));
                } else {
                    d = parseDurPrimary();
                }
                int64_t off = finishDuration(d, dpos, &offExpr);
                Node* target = modifierTarget(e.get());
                if (!target)
                    fail(opos, "offset modifier must be preceded by an instant vector selector or "
                               "range vector selector or a subquery");
                if (target->offsetSet)
                    fail(opos, "offset may not be set multiple times");
                target->offsetMs = off;
                target->offsetExpr = std::move(offExpr);
                target->offsetSet = true;
                e->pos.end = prevEnd_;
                continue;
            }
            if (cur_.type == Tok::At) {
                int apos = cur_.pos;
                advance();
                Node* target = modifierTarget(e.get());
                if (!target)
                    fail(apos, "@ modifier must be preceded by an instant vector selector or range "
                               "vector selector or a subquery");
                if (target->at != AtKind::None)
                    fail(apos, "@ <timestamp> may not be set multiple times");
                if (isIdent("start") || isIdent("end")) {
                    target->at = isIdent("start") ? AtKind::Start : AtKind::End;
                    advance();
                    expect(Tok::LParen, "");
                    expect(Tok::RParen, "");
                } else {
                    bool neg = false;
                    if (cur_.type == Tok::Sub || cur_.type == Tok::Add) {
                        neg = cur_.type == Tok::Sub;
                        advance();
                    }
                    double v;
                    if (cur_.type == Tok::Duration) {
                        auto r = parseDuration(cur_.text);
                        if (!r.ok()) fail(cur_.pos, r.status().message());
                        v = static_cast<double>(*r) / 1000.0;
                    } else if (cur_.type == Tok::Number) {
                        parseNumber(cur_.text, &v);
                    } else {
                        unexpected("in @, expected timestamp");
                    }
                    if (neg) v = -v;
                    if (std::isnan(v) || std::isinf(v) || std::fabs(v * 1000) > 9.2e18) {
                        char buf[64];
                        std::snprintf(buf, sizeof buf, "%f", v);
                        fail(apos, std::string("timestamp out of bounds for @ modifier: ") + buf);
                    }
                    target->at = AtKind::Time;
                    target->atMs = static_cast<int64_t>(std::llround(v * 1000.0));
                    advance();
                }
                e->pos.end = prevEnd_;
                continue;
            }
            return e;
        }
    }

    Node* modifierTarget(Node* e) {
        if (e->kind == NodeKind::VectorSelector || e->kind == NodeKind::Subquery) return e;
        if (e->kind == NodeKind::MatrixSelector) return e->expr.get();
        return nullptr;
    }

    std::vector<std::string> parseLabelList() {
        expect(Tok::LParen, "in grouping opts, expected \"(\"");
        std::vector<std::string> out;
        while (cur_.type != Tok::RParen) {
            if (cur_.type == Tok::Ident) {
                if (cur_.text.find(':') != std::string_view::npos)
                    unexpected("in grouping opts, expected label");
                out.emplace_back(cur_.text);
            } else if (cur_.type == Tok::String) {
                out.push_back(cur_.value);
            } else {
                unexpected("in grouping opts, expected label");
            }
            advance();
            if (cur_.type == Tok::Comma) {
                advance();
            } else if (cur_.type != Tok::RParen) {
                unexpected("in grouping opts, expected \",\" or \")\"");
            }
        }
        advance();
        return out;
    }

    NodePtr parsePrimary() {
        DepthGuard g(this);
        Token t = cur_;
        switch (t.type) {
            case Tok::Number:
            case Tok::Duration: {
                auto n = std::make_unique<Node>();
                n->kind = NodeKind::Number;
                n->pos = {t.pos, t.end};
                if (t.type == Tok::Duration) {
                    auto r = parseDuration(t.text);
                    if (!r.ok()) fail(t.pos, r.status().message());
                    n->number = static_cast<double>(*r) / 1000.0;
                    n->numberIsDuration = true;
                } else if (!parseNumber(t.text, &n->number)) {
                    fail(t.pos, "error parsing number: " + std::string(t.text));
                }
                advance();
                return n;
            }
            case Tok::String: {
                auto n = std::make_unique<Node>();
                n->kind = NodeKind::String;
                n->str = t.value;
                n->pos = {t.pos, t.end};
                advance();
                return n;
            }
            case Tok::LParen: {
                advance();
                auto n = std::make_unique<Node>();
                n->kind = NodeKind::Paren;
                n->expr = parseExpr(0);
                n->pos = {t.pos, cur_.end};
                expect(Tok::RParen, "");
                seal(*n);
                return n;
            }
            case Tok::LBrace:
                return parseVectorSelector("", t.pos);
            case Tok::Ident: {
                AggOp agg;
                advance();
                if (isAggregator(t.text, &agg) &&
                    (cur_.type == Tok::LParen || isIdent("by") || isIdent("without"))) {
                    return parseAggregation(agg, t);
                }
                // A keyword ("by", "on", ...) is a metric name here, never a function.
                if (cur_.type == Tok::LParen && !isKeyword(t.text)) return parseCall(t);
                return parseVectorSelector(std::string(t.text), t.pos);
            }
            case Tok::Error:
                fail(t.pos, t.value);
            default:
                unexpected("");
        }
    }

    NodePtr parseCall(const Token& name) {
        const Function* f = findFunction(name.text);
        if (!f) fail(name.pos, "unknown function with name \"" + std::string(name.text) + "\"");
        if (f->experimental && !opts_.experimentalFunctions)
            fail(name.pos, "function \"" + std::string(name.text) +
                               "\" is not enabled");
        auto n = std::make_unique<Node>();
        n->kind = NodeKind::Call;
        n->func = f;
        advance();  // (
        while (cur_.type != Tok::RParen) {
            n->args.push_back(parseExpr(0));
            if (cur_.type == Tok::Comma) {
                advance();
                if (cur_.type == Tok::RParen) unexpected("in call to function, expected expression");
            } else if (cur_.type != Tok::RParen) {
                unexpected("in function call, expected \",\" or \")\"");
            }
        }
        n->pos = {name.pos, cur_.end};
        advance();
        seal(*n);
        checkCall(*n);
        return n;
    }

    void checkCall(Node& n) {
        const Function& f = *n.func;
        int nargs = static_cast<int>(f.argTypes.size());
        int got = static_cast<int>(n.args.size());
        std::string fname(f.name);
        if (f.variadic == 0) {
            if (got != nargs)
                fail(n.pos.start, "expected " + std::to_string(nargs) +
                                      " argument(s) in call to \"" + fname + "\", got " +
                                      std::to_string(got));
        } else {
            int na = nargs - 1;
            if (na > got)
                fail(n.pos.start, "expected at least " + std::to_string(na) +
                                      " argument(s) in call to \"" + fname + "\", got " +
                                      std::to_string(got));
            int nmax = na + f.variadic;
            if (f.variadic > 0 && nmax < got)
                fail(n.pos.start, "expected at most " + std::to_string(nmax) +
                                      " argument(s) in call to \"" + fname + "\", got " +
                                      std::to_string(got));
        }
        for (int i = 0; i < got; ++i) {
            ValueType want = i < nargs ? f.argTypes[static_cast<size_t>(i)] : f.argTypes.back();
            ValueType have = n.args[static_cast<size_t>(i)]->type();
            if (want != have)
                fail(n.args[static_cast<size_t>(i)]->pos.start,
                     "expected type " + typeName(want) + " in call to function \"" + fname +
                         "\", got " + typeName(have));
        }
    }

    NodePtr parseAggregation(AggOp op, const Token& name) {
        auto n = std::make_unique<Node>();
        n->kind = NodeKind::Aggregate;
        n->aggOp = op;
        auto grouping = [&]() {
            n->without = isIdent("without");
            n->hasGrouping = true;
            advance();
            n->grouping = parseLabelList();
        };
        if (isIdent("by") || isIdent("without")) grouping();
        if (cur_.type != Tok::LParen) unexpected("in aggregation");
        advance();
        std::vector<NodePtr> args;
        while (cur_.type != Tok::RParen) {
            args.push_back(parseExpr(0));
            if (cur_.type == Tok::Comma) {
                advance();
            } else if (cur_.type != Tok::RParen) {
                unexpected("in aggregation, expected \",\" or \")\"");
            }
        }
        int end = cur_.end;
        advance();
        if (isIdent("by") || isIdent("without")) {
            if (n->hasGrouping) unexpected("in aggregation");
            grouping();
            end = prevEnd_;
        }
        n->pos = {name.pos, end};
        if (args.empty()) fail(n->pos.start, "no arguments for aggregate expression provided");
        size_t want = aggHasParam(op) ? 2 : 1;
        if (args.size() != want)
            fail(n->pos.start, "wrong number of arguments for aggregate expression provided, "
                               "expected " + std::to_string(want) + ", got " +
                               std::to_string(args.size()));
        if (want == 2) {
            n->param = std::move(args[0]);
            n->expr = std::move(args[1]);
            ValueType pt = op == AggOp::CountValues ? ValueType::String : ValueType::Scalar;
            if (n->param->type() != pt)
                fail(n->param->pos.start, "expected type " + typeName(pt) +
                                              " in aggregation parameter, got " +
                                              typeName(n->param->type()));
        } else {
            n->expr = std::move(args[0]);
        }
        if (n->expr->type() != ValueType::Vector)
            fail(n->expr->pos.start, "expected type instant vector in aggregation expression, got " +
                                         typeName(n->expr->type()));
        seal(*n);
        return n;
    }

    NodePtr parseVectorSelector(std::string name, int start) {
        auto n = std::make_unique<Node>();
        n->kind = NodeKind::VectorSelector;
        n->metricName = name;
        int end = prevEnd_;
        if (!name.empty()) {
            n->matchers.push_back({MatchOp::Equal, "__name__", name});
            end = start + static_cast<int>(name.size());
        }
        std::vector<int> matcherPos(n->matchers.size(), start);  // for regex errors
        if (cur_.type == Tok::LBrace) {
            advance();
            while (cur_.type != Tok::RBrace) {
                std::string lname;
                bool quoted = false;
                matcherPos.resize(n->matchers.size(), start);
                matcherPos.push_back(cur_.pos);
                if (cur_.type == Tok::Ident) {
                    lname = std::string(cur_.text);
                } else if (cur_.type == Tok::String) {
                    lname = cur_.value;
                    quoted = true;
                } else {
                    unexpected("in label matching, expected label");
                }
                advance();
                if (quoted && (cur_.type == Tok::Comma || cur_.type == Tok::RBrace)) {
                    // A bare quoted string is the metric name: {"my.metric"}.
                    if (!n->metricName.empty())
                        fail(start, "metric name must not be set twice: \"" + n->metricName +
                                        "\" or \"" + lname + "\"");
                    n->metricName = lname;
                    n->matchers.push_back({MatchOp::Equal, "__name__", lname});
                } else {
                    MatchOp mop;
                    switch (cur_.type) {
                        case Tok::Assign: mop = MatchOp::Equal; break;
                        case Tok::Neq: mop = MatchOp::NotEqual; break;
                        case Tok::EqlRegex: mop = MatchOp::Regex; break;
                        case Tok::NeqRegex: mop = MatchOp::NotRegex; break;
                        default: unexpected("in label matching, expected label matching operator");
                    }
                    advance();
                    if (cur_.type != Tok::String) unexpected("in label matching, expected string");
                    std::string value = cur_.value;
                    advance();
                    if (lname == "__name__" && mop == MatchOp::Equal && !n->metricName.empty() &&
                        !name.empty())
                        fail(start, "metric name must not be set twice: \"" + n->metricName +
                                        "\" or \"" + value + "\"");
                    n->matchers.push_back({mop, lname, value});
                }
                if (cur_.type == Tok::Comma) {
                    advance();
                } else if (cur_.type != Tok::RBrace) {
                    unexpected("in label matching, expected \",\" or \"}\"");
                }
            }
            end = cur_.end;
            advance();
        }
        n->pos = {start, end};
        if (n->metricName.empty()) {
            for (const auto& m : n->matchers)
                if (m.name == "__name__" && m.op == MatchOp::Equal) n->metricName = m.value;
        }
        // At least one matcher must not match the empty string.
        bool nonEmpty = false;
        for (size_t i = 0; i < n->matchers.size(); ++i) {
            const auto& m = n->matchers[i];
            auto r = tsdb::Matcher::make(static_cast<tsdb::MatchType>(m.op), m.name, m.value);
            if (!r.ok()) fail(i < matcherPos.size() ? matcherPos[i] : start, r.status().message());
            nonEmpty |= !r->matchesEmpty();
            n->compiled.push_back(std::move(*r));
        }
        if (!nonEmpty && !seriesMode_) fail(start, "vector selector must contain at least one non-empty matcher");
        return n;
    }

    std::string_view in_;
    Lexer lex_;
    Token cur_;
    int prevEnd_ = 0;
    int depth_ = 0;

public:
    bool seriesMode_ = false;  // parsing a series description: {} allowed

private:
    ParseOptions opts_;
};

std::string positionString(std::string_view in, int pos) {
    int line = 1;
    int lastBreak = -1;
    for (int i = 0; i < pos && i < static_cast<int>(in.size()); ++i) {
        if (in[static_cast<size_t>(i)] == '\n') {
            lastBreak = i;
            ++line;
        }
    }
    return std::to_string(line) + ":" + std::to_string(pos - lastBreak);
}

Status toStatus(std::string_view in, const ParseError& e) {
    return Status::invalidArgument(positionString(in, e.pos) + ": parse error: " + e.msg);
}

}  // namespace

bool parseNumber(std::string_view text, double* out) {
    std::string s(text);
    bool neg = false;
    size_t i = 0;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        neg = s[0] == '-';
        i = 1;
    }
    std::string rest = lowerStr(s.substr(i));
    double v;
    if (rest == "inf" || rest == "+inf") {
        v = INFINITY;
    } else if (rest == "nan") {
        v = NAN;
    } else if (rest.size() > 2 && rest[0] == '0' && rest[1] == 'x') {
        char* endp = nullptr;
        errno = 0;
        unsigned long long u = std::strtoull(rest.c_str() + 2, &endp, 16);
        if (*endp != '\0') return false;
        v = static_cast<double>(u);
    } else {
        if (rest.empty()) return false;
        for (char c : rest) {
            if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' ||
                  c == '+' || c == '-'))
                return false;
        }
        char* endp = nullptr;
        v = std::strtod(rest.c_str(), &endp);
        if (*endp != '\0') return false;
    }
    *out = neg ? -v : v;
    return true;
}

Result<NodePtr> parse(std::string_view query, const ParseOptions& options) {
    try {
        Parser p(query, options);
        return p.parseTop();
    } catch (const ParseError& e) {
        return toStatus(query, e);
    } catch (const std::bad_alloc&) {
        return Status::resourceExhausted("out of memory while parsing");
    }
}

Result<NodePtr> parseSeriesSelector(std::string_view text) {
    try {
        Parser p(text, ParseOptions{});
        p.seriesMode_ = true;
        return p.parseSelectorOnly();
    } catch (const ParseError& e) {
        return toStatus(text, e);
    }
}

Result<int64_t> parseDurationMs(std::string_view text) {
    double v;
    if (parseNumber(text, &v) && !std::isnan(v) && !std::isinf(v))
        return static_cast<int64_t>(std::llround(v * 1000.0));
    return parseDuration(text);
}

}  // namespace pharos::promql
