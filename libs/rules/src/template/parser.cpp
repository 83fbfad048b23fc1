// Go text/template parser: tokens to Trees, with Go's parse error messages
// ("template: NAME:LINE: unexpected ...").
#include "parser.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <algorithm>

#include "lexer.h"
#include "pharos/template/format.h"
#include "utf8.h"

namespace pharos::gotemplate {

namespace {

struct ParseError {
    std::string message;
    int line;
    size_t pos;
};

int hexVal(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// strconv.Unquote for "...", `...` and '...'; false on bad syntax.
bool unquote(std::string_view s, std::string& out) {
    out.clear();
    if (s.size() < 2) return false;
    char q = s.front();
    if (s.back() != q) return false;
    std::string_view body = s.substr(1, s.size() - 2);
    if (q == '`') {
        for (char c : body) {
            if (c != '\r') out += c;
        }
        return true;
    }
    for (size_t i = 0; i < body.size();) {
        char c = body[i];
        if (c == q && q == '\'') return false;
        if (c != '\\') {
            out += c;
            ++i;
            continue;
        }
        if (++i >= body.size()) return false;
        char e = body[i++];
        switch (e) {
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case '\\': out += '\\'; break;
        case '\'':
        case '"':
            if (e != q) return false;
            out += e;
            break;
        case 'x': case 'u': case 'U': {
            size_t n = e == 'x' ? 2 : (e == 'u' ? 4 : 8);
            if (i + n > body.size()) return false;
            uint32_t v = 0;
            for (size_t k = 0; k < n; ++k) {
                int h = hexVal(body[i + k]);
                if (h < 0) return false;
                v = v * 16 + static_cast<uint32_t>(h);
            }
            i += n;
            if (e == 'x') {
                out += static_cast<char>(v);
            } else {
                if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return false;
                appendUtf8(out, v);
            }
            break;
        }
        default:
            if (e >= '0' && e <= '7') {
                if (i + 2 > body.size()) return false;
                uint32_t v = static_cast<uint32_t>(e - '0');
                for (size_t k = 0; k < 2; ++k) {
                    char d = body[i + k];
                    if (d < '0' || d > '7') return false;
                    v = v * 8 + static_cast<uint32_t>(d - '0');
                }
                if (v > 255) return false;
                i += 2;
                out += static_cast<char>(v);
                break;
            }
            return false;
        }
    }
    if (q == '\'') {
        // A character constant holds exactly one rune (or one byte from an \x/octal escape).
        uint32_t r = 0;
        if (out.empty()) return false;
        size_t n = decodeUtf8(out, 0, r);
        if ((n == 0 || n != out.size()) && out.size() != 1) return false;
    }
    return true;
}

// strconv.ParseInt(s, 0, 64) (with Go's underscore rules loosely: only between digits).
bool parseGoInt(std::string_view s, int64_t& out) {
    bool neg = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        neg = s[0] == '-';
        s.remove_prefix(1);
    }
    int base = 10;
    bool prefixed = false;
    if (s.size() >= 2 && s[0] == '0') {
        char b = static_cast<char>(s[1] | 0x20);
        if (b == 'x') { base = 16; prefixed = true; }
        else if (b == 'o') { base = 8; prefixed = true; }
        else if (b == 'b') { base = 2; prefixed = true; }
        else { base = 8; }
    }
    std::string_view digits = prefixed ? s.substr(2) : s;
    if (digits.empty()) return false;
    uint64_t v = 0;
    bool any = false;
    char prev = prefixed ? '_' : 'x';
    for (size_t i = 0; i < digits.size(); ++i) {
        char c = digits[i];
        if (c == '_') {
            if (prev == '_' && !(prefixed && i == 0)) return false;
            if (!prefixed && base == 10) return false;
            prev = c;
            continue;
        }
        int d = hexVal(c);
        if (d < 0 || d >= base) return false;
        const uint64_t limit = uint64_t{1} << 63;
        if (v > (limit - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base)) return false;
        v = v * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
        any = true;
        prev = c;
    }
    if (!any || prev == '_') return false;
    if (!neg && v > static_cast<uint64_t>(INT64_MAX)) return false;
    out = neg ? static_cast<int64_t>(~v + 1) : static_cast<int64_t>(v);
    return true;
}

// strconv.ParseFloat(s, 64) for decimal (and hex) literals with underscores.
bool parseGoFloat(std::string_view s, double& out) {
    std::string clean;
    for (char c : s) {
        if (c != '_') clean += c;
    }
    if (clean.empty()) return false;
    const char* b = clean.c_str();
    char* end = nullptr;
    errno = 0;
    double v = std::strtod(b, &end);
    if (end != b + clean.size()) return false;
    // strtod accepts "inf"/"nan" spellings the lexer never produces; ERANGE overflow is an error.
    if (errno == ERANGE && std::isinf(v)) return false;
    out = v;
    return true;
}

class Parser {
public:
    Parser(const std::string& name, std::string_view text, const std::function<bool(std::string_view)>& hasFunc,
           std::vector<std::shared_ptr<Tree>>& out)
        : name_(name), hasFunc_(hasFunc), out_(out), source_(std::make_shared<const std::string>(text)) {
        toks_ = lexTemplate(*source_);
    }

    void parse() {
        auto main = newTree(name_);
        vars_ = {"$"};
        main->root = std::make_unique<Node>(NodeType::List, peek().pos);
        while (peek().type != Tok::Eof) {
            if (peek().type == Tok::LeftDelim) {
                size_t save = idx_;
                next();
                if (nextNonSpace().type == Tok::Define) {
                    parseDefinition();
                    continue;
                }
                idx_ = save;
            }
            auto n = textOrAction();
            if (n.end || n.isElse) errorf(std::string("unexpected ") + (n.end ? "{{end}}" : "{{else}}"));
            if (n.node) main->root->nodes.push_back(std::move(n.node));
        }
        addTree(main);
    }

private:
    struct Item {
        std::unique_ptr<Node> node;
        bool end = false;
        bool isElse = false;
        size_t pos = 0;
    };

    std::string name_;
    const std::function<bool(std::string_view)>& hasFunc_;
    std::vector<std::shared_ptr<Tree>>& out_;
    std::shared_ptr<const std::string> source_;
    std::vector<Token> toks_;
    size_t idx_ = 0;
    int lastLine_ = 1;
    std::vector<std::string> vars_;
    int rangeDepth_ = 0;
    int nesting_ = 0;  // open actions/parentheses; bounded so that hostile input cannot overflow the stack

    std::shared_ptr<Tree> newTree(const std::string& n) {
        auto t = std::make_shared<Tree>();
        t->name = n;
        t->parseName = name_;
        t->source = source_;
        return t;
    }

    void addTree(const std::shared_ptr<Tree>& t) {
        for (auto& existing : out_) {
            if (existing->name == t->name) {
                if (isEmptyTree(*existing->root)) {
                    existing = t;
                    return;
                }
                if (!isEmptyTree(*t->root)) {
                    errorf("template: multiple definition of template " + goQuote(t->name));
                }
                return;
            }
        }
        out_.push_back(t);
    }

    [[noreturn]] void errorf(const std::string& msg) {
        throw ParseError{"template: " + name_ + ":" + std::to_string(lastLine_) + ": " + msg, lastLine_,
                         idx_ > 0 ? toks_[idx_ - 1].pos : 0};
    }

    // The token list ends with Eof or Error; reading past it keeps returning that token, and
    // idx_ keeps counting so that backup() stays symmetric.
    const Token& at(size_t i) const { return toks_[std::min(i, toks_.size() - 1)]; }
    const Token& next() {
        const Token& t = at(idx_++);
        lastLine_ = t.line;
        return t;
    }
    const Token& peek() const { return at(idx_); }
    void backup() {
        if (idx_ > 0) --idx_;
    }
    const Token& nextNonSpace() {
        while (true) {
            const Token& t = next();
            if (t.type != Tok::Space) return t;
        }
    }
    const Token& peekNonSpace() {
        while (at(idx_).type == Tok::Space) next();
        lastLine_ = at(idx_).line;  // as Go's, errors after a peek report the peeked token's line
        return at(idx_);
    }
    [[noreturn]] void unexpected(const Token& t, const std::string& context) {
        if (t.type == Tok::Error) errorf(t.val);
        errorf("unexpected " + tokenString(t) + " in " + context);
    }
    const Token& expect(Tok type, const std::string& context) {
        const Token& t = nextNonSpace();
        if (t.type != type) unexpected(t, context);
        return t;
    }

    void parseDefinition() {
        const std::string context = "define clause";
        const Token& nameTok = nextNonSpace();
        if (nameTok.type != Tok::String && nameTok.type != Tok::RawString) unexpected(nameTok, context);
        std::string defName;
        if (!unquote(nameTok.val, defName)) errorf("invalid syntax");
        expect(Tok::RightDelim, context);
        auto t = newTree(defName);
        auto savedVars = vars_;
        vars_ = {"$"};
        auto [list, endItem] = itemList();
        vars_ = savedVars;
        if (!endItem.end) errorf("unexpected {{else}} in " + context);
        t->root = std::move(list);
        addTree(t);
    }

    std::pair<std::unique_ptr<Node>, Item> itemList() {
        auto list = std::make_unique<Node>(NodeType::List, peekNonSpace().pos);
        while (peekNonSpace().type != Tok::Eof) {
            Item n = textOrAction();
            if (n.end || n.isElse) return {std::move(list), std::move(n)};
            if (n.node) list->nodes.push_back(std::move(n.node));
        }
        errorf("unexpected EOF");
    }

    Item textOrAction() {
        const Token& t = nextNonSpace();
        Item it;
        switch (t.type) {
        case Tok::Text: {
            it.node = std::make_unique<Node>(NodeType::Text, t.pos);
            it.node->text = t.val;
            return it;
        }
        case Tok::LeftDelim: return action();
        default: unexpected(t, "input");
        }
    }

    Item action() {
        if (++nesting_ > 256) errorf("max nesting depth exceeded");
        struct Guard {
            int& n;
            ~Guard() { --n; }
        } guard{nesting_};
        const Token& t = nextNonSpace();
        Item it;
        switch (t.type) {
        case Tok::Block: it.node = blockControl(); return it;
        case Tok::Break:
        case Tok::Continue: {
            bool isBreak = t.type == Tok::Break;
            size_t pos = t.pos;
            const Token& r = nextNonSpace();
            if (r.type != Tok::RightDelim) unexpected(r, isBreak ? "{{break}}" : "{{continue}}");
            if (rangeDepth_ == 0) errorf(isBreak ? "{{break}} outside {{range}}" : "{{continue}} outside {{range}}");
            it.node = std::make_unique<Node>(isBreak ? NodeType::Break : NodeType::Continue, pos);
            return it;
        }
        case Tok::Else: {
            const Token& p = peekNonSpace();
            it.isElse = true;
            it.pos = p.pos;
            if (p.type == Tok::If || p.type == Tok::With) return it;
            expect(Tok::RightDelim, "else");
            return it;
        }
        case Tok::End:
            expect(Tok::RightDelim, "end");
            it.end = true;
            return it;
        case Tok::If: it.node = control(NodeType::If, "if"); return it;
        case Tok::Range: it.node = control(NodeType::Range, "range"); return it;
        case Tok::With: it.node = control(NodeType::With, "with"); return it;
        case Tok::Template: it.node = templateControl(); return it;
        default: break;
        }
        backup();
        auto n = std::make_unique<Node>(NodeType::Action, peek().pos);
        n->pipe = pipeline("command", Tok::RightDelim);
        it.node = std::move(n);
        return it;
    }

    std::unique_ptr<Node> control(NodeType type, const std::string& context) {
        size_t savedVars = vars_.size();
        auto n = std::make_unique<Node>(type, 0);
        n->pipe = pipeline(context, Tok::RightDelim);
        n->pos = n->pipe->pos;
        if (type == NodeType::Range) ++rangeDepth_;
        auto [list, nextItem] = itemList();
        if (type == NodeType::Range) --rangeDepth_;
        n->list = std::move(list);
        if (nextItem.isElse) {
            if ((type == NodeType::If && peek().type == Tok::If) || (type == NodeType::With && peek().type == Tok::With)) {
                next();
                n->elseList = std::make_unique<Node>(NodeType::List, nextItem.pos);
                n->elseList->nodes.push_back(control(type, context));
            } else {
                auto [elseList, endItem] = itemList();
                if (!endItem.end) errorf("expected end; found {{else}}");
                n->elseList = std::move(elseList);
            }
        }
        vars_.resize(savedVars);
        return n;
    }

    std::string templateName(const Token& t, const std::string& context) {
        if (t.type != Tok::String && t.type != Tok::RawString) unexpected(t, context);
        std::string s;
        if (!unquote(t.val, s)) errorf("invalid syntax");
        return s;
    }

    std::unique_ptr<Node> templateControl() {
        const std::string context = "template clause";
        const Token& t = nextNonSpace();
        auto n = std::make_unique<Node>(NodeType::Template, t.pos);
        n->text = templateName(t, context);
        if (nextNonSpace().type != Tok::RightDelim) {
            backup();
            n->pipe = pipeline(context, Tok::RightDelim);
        }
        return n;
    }

    std::unique_ptr<Node> blockControl() {
        const std::string context = "block clause";
        const Token& t = nextNonSpace();
        auto n = std::make_unique<Node>(NodeType::Template, t.pos);
        n->text = templateName(t, context);
        n->pipe = pipeline(context, Tok::RightDelim);
        auto tree = newTree(n->text);
        auto savedVars = vars_;
        int savedRange = rangeDepth_;
        vars_ = {"$"};
        rangeDepth_ = 0;
        auto [list, endItem] = itemList();
        vars_ = savedVars;
        rangeDepth_ = savedRange;
        if (!endItem.end) errorf("unexpected {{else}} in " + context);
        tree->root = std::move(list);
        addTree(tree);
        return n;
    }

    std::unique_ptr<Node> pipeline(const std::string& context, Tok end) {
        auto pipe = std::make_unique<Node>(NodeType::Pipe, peekNonSpace().pos);
        // Declarations: "$x :=", "$x =", "$i, $v :=" (range only).
        while (peekNonSpace().type == Tok::Variable) {
            size_t varIdx = idx_;  // "$x foo": $x is an operand, not a declaration; rewind to it
            const Token v = next();
            const Token& nx = peekNonSpace();
            if (nx.type == Tok::Assign || nx.type == Tok::Declare) {
                pipe->isAssign = nx.type == Tok::Assign;
                nextNonSpace();
                if (pipe->isAssign && !hasVar(v.val)) errorf("undefined variable " + goQuote(v.val));
                pipe->decl.push_back(v.val);
                vars_.push_back(v.val);
                break;
            }
            if (nx.type == Tok::Char && nx.val == ",") {
                nextNonSpace();
                pipe->decl.push_back(v.val);
                if (context == "range" && pipe->decl.size() < 2) {
                    Tok pt = peekNonSpace().type;
                    if (pt == Tok::Variable || pt == Tok::RightDelim || pt == Tok::RightParen) continue;
                    errorf("range can only initialize variables");
                }
                errorf("too many declarations in " + context);
            }
            idx_ = varIdx;
            break;
        }
        // Variables declared as "$i, $v" without := are not valid.
        if (!pipe->decl.empty() && !pipe->isAssign) {
            // Make sure the declared names are in scope (the ", " form pushes them here).
            for (const auto& d : pipe->decl) {
                if (vars_.empty() || std::find(vars_.begin(), vars_.end(), d) == vars_.end()) vars_.push_back(d);
            }
        }
        while (true) {
            const Token& t = nextNonSpace();
            if (t.type == end) {
                checkPipeline(*pipe, context);
                return pipe;
            }
            switch (t.type) {
            case Tok::Bool: case Tok::CharConstant: case Tok::Dot: case Tok::Field: case Tok::Identifier:
            case Tok::Number: case Tok::Nil: case Tok::RawString: case Tok::String: case Tok::Variable:
            case Tok::LeftParen:
                backup();
                pipe->nodes.push_back(command());
                break;
            default: unexpected(t, context);
            }
        }
    }

    void checkPipeline(const Node& pipe, const std::string& context) {
        if (pipe.nodes.empty()) errorf("missing value for " + context);
        for (size_t i = 1; i < pipe.nodes.size(); ++i) {
            switch (pipe.nodes[i]->nodes[0]->type) {
            case NodeType::Bool: case NodeType::Dot: case NodeType::Nil: case NodeType::Number: case NodeType::String:
                errorf("non executable command in pipeline stage " + std::to_string(i + 1));
            default: break;
            }
        }
    }

    bool hasVar(const std::string& name) const {
        for (const auto& v : vars_) {
            if (v == name) return true;
        }
        return false;
    }

    std::unique_ptr<Node> command() {
        auto cmd = std::make_unique<Node>(NodeType::Command, peekNonSpace().pos);
        while (true) {
            peekNonSpace();
            auto op = operand();
            if (op) cmd->nodes.push_back(std::move(op));
            const Token& t = next();
            if (t.type == Tok::Space) continue;
            if (t.type == Tok::RightDelim || t.type == Tok::RightParen) {
                backup();
            } else if (t.type != Tok::Pipe) {
                unexpected(t, "operand");
            }
            break;
        }
        if (cmd->nodes.empty()) errorf("empty command");
        return cmd;
    }

    std::unique_ptr<Node> operand() {
        auto node = term();
        if (!node) return nullptr;
        if (peek().type == Tok::Field) {
            std::vector<std::string> fields;
            size_t chainPos = peek().pos;
            while (peek().type == Tok::Field) fields.push_back(next().val.substr(1));
            switch (node->type) {
            case NodeType::Field:
            case NodeType::Variable:
                for (auto& f : fields) node->idents.push_back(std::move(f));
                node->pos = chainPos;  // Go positions a field chain at its last-but-added field
                return node;
            case NodeType::Bool: case NodeType::String: case NodeType::Number: case NodeType::Nil: case NodeType::Dot:
                errorf("unexpected . after term " + goQuote(nodeString(*node)));
            default: {
                auto chain = std::make_unique<Node>(NodeType::Chain, chainPos);
                chain->idents = std::move(fields);
                chain->nodes.push_back(std::move(node));
                return chain;
            }
            }
        }
        return node;
    }

    std::unique_ptr<Node> term() {
        const Token& t = nextNonSpace();
        switch (t.type) {
        case Tok::Identifier: {
            if (!hasFunc_(t.val)) errorf("function " + goQuote(t.val) + " not defined");
            auto n = std::make_unique<Node>(NodeType::Identifier, t.pos);
            n->text = t.val;
            return n;
        }
        case Tok::Dot: return std::make_unique<Node>(NodeType::Dot, t.pos);
        case Tok::Nil: return std::make_unique<Node>(NodeType::Nil, t.pos);
        case Tok::Variable: {
            if (!hasVar(t.val)) errorf("undefined variable " + goQuote(t.val));
            auto n = std::make_unique<Node>(NodeType::Variable, t.pos);
            n->idents.push_back(t.val);
            return n;
        }
        case Tok::Field: {
            auto n = std::make_unique<Node>(NodeType::Field, t.pos);
            n->idents.push_back(t.val.substr(1));
            return n;
        }
        case Tok::Bool: {
            auto n = std::make_unique<Node>(NodeType::Bool, t.pos);
            n->boolVal = t.val == "true";
            return n;
        }
        case Tok::CharConstant:
        case Tok::Number: return number(t);
        case Tok::LeftParen: {
            if (++nesting_ > 256) errorf("max nesting depth exceeded");
            auto p = pipeline("parenthesized pipeline", Tok::RightParen);
            --nesting_;
            return p;
        }
        case Tok::String:
        case Tok::RawString: {
            auto n = std::make_unique<Node>(NodeType::String, t.pos);
            n->literal = t.val;
            if (!unquote(t.val, n->text)) errorf("invalid syntax");
            return n;
        }
        default: break;
        }
        backup();
        return nullptr;
    }

    std::unique_ptr<Node> number(const Token& t) {
        auto n = std::make_unique<Node>(NodeType::Number, t.pos);
        n->literal = t.val;
        if (t.type == Tok::CharConstant) {
            std::string s;
            uint32_t r = 0;
            if (!unquote(t.val, s) || s.empty()) errorf("malformed character constant: " + t.val);
            if (decodeUtf8(s, 0, r) == 0) r = static_cast<unsigned char>(s[0]);
            n->isInt = n->isFloat = true;
            n->intVal = r;
            n->floatVal = r;
            return n;
        }
        if (!t.val.empty() && t.val.back() == 'i') errorf("illegal number syntax: " + goQuote(t.val));
        int64_t i = 0;
        if (parseGoInt(t.val, i)) {
            n->isInt = true;
            n->intVal = i;
            n->isFloat = true;
            n->floatVal = static_cast<double>(i);
            return n;
        }
        double f = 0;
        bool hexInt = t.val.size() > 1 && (t.val[1] == 'x' || t.val[1] == 'X' ||
                                           (t.val.size() > 2 && (t.val[2] == 'x' || t.val[2] == 'X')));
        if (!hexInt && parseGoFloat(t.val, f)) {
            n->isFloat = true;
            n->floatVal = f;
            if (f == std::trunc(f) && std::fabs(f) < 9.2e18) {
                n->isInt = true;
                n->intVal = static_cast<int64_t>(f);
            }
            return n;
        }
        errorf("illegal number syntax: " + goQuote(t.val));
    }
};

std::string joinIdents(const std::vector<std::string>& ids, size_t from) {
    std::string out;
    for (size_t i = from; i < ids.size(); ++i) out += "." + ids[i];
    return out;
}

}  // namespace

bool isEmptyTree(const Node& n) {
    switch (n.type) {
    case NodeType::List:
        for (const auto& c : n.nodes) {
            if (!isEmptyTree(*c)) return false;
        }
        return true;
    case NodeType::Text:
        for (char c : n.text) {
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
        }
        return true;
    default: return false;
    }
}

std::string nodeString(const Node& n) {
    switch (n.type) {
    case NodeType::Text: return goQuote(n.text);
    case NodeType::Dot: return ".";
    case NodeType::Nil: return "nil";
    case NodeType::Bool: return n.boolVal ? "true" : "false";
    case NodeType::Number:
    case NodeType::String: return n.literal;
    case NodeType::Identifier: return n.text;
    case NodeType::Field: return joinIdents(n.idents, 0);
    case NodeType::Variable: return n.idents[0] + joinIdents(n.idents, 1);
    case NodeType::Chain: {
        std::string s = nodeString(*n.nodes[0]);
        if (n.nodes[0]->type == NodeType::Pipe) s = "(" + s + ")";
        return s + joinIdents(n.idents, 0);
    }
    case NodeType::Command: {
        std::string s;
        for (size_t i = 0; i < n.nodes.size(); ++i) {
            if (i > 0) s += ' ';
            if (n.nodes[i]->type == NodeType::Pipe) {
                s += "(" + nodeString(*n.nodes[i]) + ")";
            } else {
                s += nodeString(*n.nodes[i]);
            }
        }
        return s;
    }
    case NodeType::Pipe: {
        std::string s;
        if (!n.decl.empty()) {
            for (size_t i = 0; i < n.decl.size(); ++i) {
                if (i > 0) s += ", ";
                s += n.decl[i];
            }
            s += n.isAssign ? " = " : " := ";
        }
        for (size_t i = 0; i < n.nodes.size(); ++i) {
            if (i > 0) s += " | ";
            s += nodeString(*n.nodes[i]);
        }
        return s;
    }
    case NodeType::Action: return "{{" + nodeString(*n.pipe) + "}}";
    case NodeType::List: {
        std::string s;
        for (const auto& c : n.nodes) s += nodeString(*c);
        return s;
    }
    case NodeType::If:
    case NodeType::Range:
    case NodeType::With: {
        std::string kw = n.type == NodeType::If ? "if" : (n.type == NodeType::Range ? "range" : "with");
        std::string s = "{{" + kw + " " + nodeString(*n.pipe) + "}}" + nodeString(*n.list);
        if (n.elseList) s += "{{else}}" + nodeString(*n.elseList);
        return s + "{{end}}";
    }
    case NodeType::Template:
        return "{{template " + goQuote(n.text) + (n.pipe ? " " + nodeString(*n.pipe) : std::string()) + "}}";
    case NodeType::Break: return "{{break}}";
    case NodeType::Continue: return "{{continue}}";
    }
    return {};
}

Status parseTemplate(const std::string& name, std::string_view text,
                     const std::function<bool(std::string_view)>& hasFunction,
                     std::vector<std::shared_ptr<Tree>>& out) {
    out.clear();
    try {
        Parser p(name, text, hasFunction, out);
        p.parse();
    } catch (const ParseError& e) {
        out.clear();
        // Column: 1-based, from the byte offset of the offending token.
        size_t lineStart = text.rfind('\n', e.pos == 0 ? 0 : e.pos - 1);
        int col = static_cast<int>(e.pos - (lineStart == std::string_view::npos ? 0 : lineStart + 1)) + 1;
        if (e.pos == 0) col = 1;
        return Status::invalidArgument(e.message, SourceLocation{"", e.line, col});
    }
    // Move the main tree first.
    for (size_t i = 0; i < out.size(); ++i) {
        if (out[i]->name == name) {
            std::rotate(out.begin(), out.begin() + static_cast<long>(i), out.begin() + static_cast<long>(i) + 1);
            break;
        }
    }
    return Status();
}

}  // namespace pharos::gotemplate
