// Go text/template execution: walks a Tree with dot, variables, pipelines, control structures
// and template calls; errors carry Go's "template: NAME:LINE:COL: executing ..." text.
#include "executor.h"

#include <optional>
#include <vector>

#include "builtins.h"
#include "html_escape.h"
#include "pharos/template/format.h"

namespace pharos::gotemplate {

namespace {

struct ExecError {
    std::string message;
    int line;
    int column;
};

enum class Flow { Normal, Break, Continue };

class Executor {
public:
    explicit Executor(const ExecEnv& env) : env_(env) {}

    std::string run(const Tree& tree, const Value& data) {
        tree_ = &tree;
        plan_ = env_.plan;
        execName_ = tree.name;
        vars_.push_back({"$", data});
        walk(data, *tree.root);
        return std::move(out_);
    }

private:
    const ExecEnv& env_;
    const Tree* tree_ = nullptr;
    std::string execName_;
    std::vector<std::pair<std::string, Value>> vars_;
    std::string out_;
    int depth_ = 0;
    uint64_t steps_ = 0;
    const Node* at_ = nullptr;
    const EscapePlan* plan_ = nullptr;  // Escaping::Html: the escaping of the running template

    // ---- errors -------------------------------------------------------------------------
    [[noreturn]] void errorf(const std::string& msg) {
        if (!at_) throw ExecError{"template: " + execName_ + ": " + msg, 0, 0};
        const std::string& src = *tree_->source;
        size_t pos = std::min(at_->pos, src.size());
        size_t nl = src.rfind('\n', pos == 0 ? std::string::npos : pos - 1);
        if (pos == 0) nl = std::string::npos;
        int col = static_cast<int>(nl == std::string::npos ? pos : pos - nl - 1);
        int line = 1;
        for (size_t i = 0; i < pos; ++i) {
            if (src[i] == '\n') ++line;
        }
        std::string ctx = nodeString(*at_);
        std::string loc = tree_->parseName + ":" + std::to_string(line) + ":" + std::to_string(col);
        throw ExecError{"template: " + loc + ": executing " + goQuote(execName_) + " at <" + ctx + ">: " + msg, line,
                        col + 1};
    }

    void step() {
        if (++steps_ > env_.limits.maxSteps) errorf("execution step limit exceeded");
    }

    void write(std::string_view s) {
        if (out_.size() + s.size() > env_.limits.maxOutput) errorf("output limit exceeded");
        out_.append(s);
    }

    // ---- variables ----------------------------------------------------------------------
    const Value& varValue(const std::string& name) {
        for (auto it = vars_.rbegin(); it != vars_.rend(); ++it) {
            if (it->first == name) return it->second;
        }
        errorf("undefined variable: " + name);
    }
    void setVar(const std::string& name, Value v) {
        for (auto it = vars_.rbegin(); it != vars_.rend(); ++it) {
            if (it->first == name) {
                it->second = std::move(v);
                return;
            }
        }
        errorf("undefined variable: " + name);
    }

    // ---- walking ------------------------------------------------------------------------
    Flow walk(const Value& dot, const Node& n) {
        step();
        at_ = &n;
        switch (n.type) {
        case NodeType::Action: {
            if (plan_ && n.pipe->decl.empty()) {
                printHtml(dot, n);
                return Flow::Normal;
            }
            Value v = evalPipeline(dot, *n.pipe);
            if (n.pipe->decl.empty()) printValue(n, v);
            return Flow::Normal;
        }
        case NodeType::Break: return Flow::Break;
        case NodeType::Continue: return Flow::Continue;
        case NodeType::If:
        case NodeType::With: return walkIfOrWith(dot, n);
        case NodeType::List:
            for (const auto& c : n.nodes) {
                Flow f = walk(dot, *c);
                if (f != Flow::Normal) return f;
            }
            return Flow::Normal;
        case NodeType::Range: return walkRange(dot, n);
        case NodeType::Template: walkTemplate(dot, n); return Flow::Normal;
        case NodeType::Text:
            if (plan_) {
                auto it = plan_->texts.find(&n);
                write(it == plan_->texts.end() ? std::string_view(n.text) : std::string_view(it->second));
            } else {
                write(n.text);
            }
            return Flow::Normal;
        default: errorf("unknown node: " + nodeString(n));
        }
    }

    void printValue(const Node& n, const Value& v) {
        at_ = &n;
        if (v.isNil()) {
            write("<no value>");
            return;
        }
        if (v.kind() == Kind::Function) errorf("can't print " + nodeString(n) + " of type func");
        write(goFormatValue(v));
    }

    // html/template: the pipeline's value goes through the escapers the escaping pass chose for
    // this action. When the pipeline ends in html/urlquery merged into that chain, the pipeline
    // runs without it and its arguments go to the chain.
    void printHtml(const Value& dot, const Node& n) {
        const Node& pipe = *n.pipe;
        auto it = plan_->actions.find(&n);
        if (it == plan_->actions.end()) errorf("internal error: action was not escaped");
        const ActionPlan& ap = it->second;
        std::vector<Value> args;
        if (ap.lastMerged && !pipe.nodes.empty()) {
            at_ = &pipe;
            std::optional<Value> value;
            for (size_t k = 0; k + 1 < pipe.nodes.size(); ++k) value = evalCommand(dot, *pipe.nodes[k], value);
            const Node& last = *pipe.nodes.back();
            for (size_t k = 1; k < last.nodes.size(); ++k) args.push_back(evalArg(dot, *last.nodes[k]));
            if (value) args.push_back(*value);
        } else {
            args.push_back(evalPipeline(dot, pipe));
        }
        at_ = &n;
        for (const auto& a : args) {
            if (a.kind() == Kind::Function) errorf("can't print " + nodeString(n) + " of type func");
        }
        write(applyEscapers(ap.chain, args));
    }

    Flow walkIfOrWith(const Value& dot, const Node& n) {
        size_t mark = vars_.size();
        Value val = evalPipeline(dot, *n.pipe);
        Flow f = Flow::Normal;
        if (val.truthy()) {
            f = walk(n.type == NodeType::With ? val : dot, *n.list);
        } else if (n.elseList) {
            f = walk(dot, *n.elseList);
        }
        vars_.resize(mark);
        return f;
    }

    Flow walkRange(const Value& dot, const Node& r) {
        at_ = &r;
        size_t mark = vars_.size();
        Value val = evalPipeline(dot, *r.pipe);
        if (val.kind() == Kind::Object && !val.asObject().underlying().isNil()) {
            Value u = val.asObject().underlying();  // copy first: assigning releases the object
            val = std::move(u);
        }
        size_t mark2 = vars_.size();
        auto oneIteration = [&](const Value& index, const Value& elem) -> Flow {
            const auto& decl = r.pipe->decl;
            if (!decl.empty()) {
                if (r.pipe->isAssign) {
                    if (decl.size() > 1) {
                        setVar(decl[0], index);
                        setVar(decl[1], elem);
                    } else {
                        setVar(decl[0], elem);
                    }
                } else if (decl.size() > 1) {
                    vars_[mark2 - 2].second = index;
                    vars_[mark2 - 1].second = elem;
                } else {
                    vars_[mark2 - 1].second = elem;
                }
            }
            Flow f = walk(elem, *r.list);
            vars_.resize(mark2);
            return f;
        };
        bool any = false;
        switch (val.kind()) {
        case Kind::List: {
            const List& l = val.asList();
            for (size_t i = 0; i < l.size(); ++i) {
                any = true;
                if (oneIteration(Value(static_cast<int64_t>(i)), l[i]) == Flow::Break) break;
            }
            break;
        }
        case Kind::Map: {
            const Map& m = val.asMap();
            for (const auto& [k, v] : m.entries()) {
                any = true;
                if (oneIteration(Value(k), v) == Flow::Break) break;
            }
            break;
        }
        case Kind::Int: {
            if (r.pipe->decl.size() > 1) errorf("can't use " + goFormatValue(val) + " to iterate over more than one variable");
            for (int64_t i = 0; i < val.asInt(); ++i) {
                any = true;
                if (oneIteration(Value(i), Value(i)) == Flow::Break) break;
            }
            break;
        }
        case Kind::Nil: break;
        default: errorf("range can't iterate over " + goFormatValue(val));  // at the last evaluated node, as Go
        }
        if (!any && r.elseList) walk(dot, *r.elseList);
        vars_.resize(mark);
        return Flow::Normal;
    }

    void walkTemplate(const Value& dot, const Node& t) {
        at_ = &t;
        auto it = env_.trees->find(t.text);
        if (it == env_.trees->end()) errorf("template " + goQuote(t.text) + " not defined");
        if (depth_ >= env_.limits.maxDepth) {
            errorf("exceeded maximum template depth (" + std::to_string(env_.limits.maxDepth) + ")");
        }
        Value newDot = t.pipe ? evalPipeline(dot, *t.pipe) : Value();
        auto savedVars = std::move(vars_);
        const Tree* savedTree = tree_;
        std::string savedName = std::move(execName_);
        vars_.clear();
        vars_.push_back({"$", newDot});
        tree_ = it->second.get();
        execName_ = it->second->name;
        const EscapePlan* savedPlan = plan_;
        if (plan_) {
            auto call = plan_->calls.find(&t);
            if (call == plan_->calls.end()) errorf("internal error: template call was not escaped");
            plan_ = call->second;
        }
        ++depth_;
        walk(newDot, *it->second->root);
        --depth_;
        plan_ = savedPlan;
        vars_ = std::move(savedVars);
        tree_ = savedTree;
        execName_ = std::move(savedName);
    }

    // ---- pipelines and commands ------------------------------------------------------------
    Value evalPipeline(const Value& dot, const Node& pipe) {
        at_ = &pipe;
        if (++depth_ > env_.limits.maxDepth + 256) errorf("exceeded maximum template depth");
        std::optional<Value> value;
        for (const auto& cmd : pipe.nodes) {
            value = evalCommand(dot, *cmd, value);
        }
        --depth_;
        Value v = value ? *value : Value();
        for (const auto& d : pipe.decl) {
            if (pipe.isAssign) {
                setVar(d, v);
            } else {
                vars_.push_back({d, v});
            }
        }
        return v;
    }

    void notAFunction(const Node& cmd, const std::optional<Value>& final) {
        if (cmd.nodes.size() > 1 || final) {
            errorf("can't give argument to non-function " + nodeString(*cmd.nodes[0]));
        }
    }

    Value evalCommand(const Value& dot, const Node& cmd, const std::optional<Value>& final) {
        step();
        const Node& first = *cmd.nodes[0];
        switch (first.type) {
        case NodeType::Field:
            at_ = &first;
            return evalFieldChain(dot, dot, first, first.idents, 0, &cmd, final);
        case NodeType::Chain: {
            at_ = &first;
            Value pipe = evalArg(dot, *first.nodes[0]);
            // Like Go, errors in the chain's fields report the operand last evaluated.
            return evalFieldChain(dot, pipe, first, first.idents, 0, &cmd, final);
        }
        case NodeType::Identifier: return evalFunction(dot, first, cmd, final);
        case NodeType::Pipe:
            at_ = &first;
            notAFunction(cmd, final);
            return evalPipeline(dot, first);
        case NodeType::Variable: {
            at_ = &first;
            Value v = varValue(first.idents[0]);
            if (first.idents.size() == 1) {
                notAFunction(cmd, final);
                return v;
            }
            return evalFieldChain(dot, v, first, first.idents, 1, &cmd, final);
        }
        default: break;
        }
        at_ = &first;
        notAFunction(cmd, final);
        switch (first.type) {
        case NodeType::Bool: return Value(first.boolVal);
        case NodeType::Dot: return dot;
        case NodeType::Nil: errorf("nil is not a command");
        case NodeType::Number: return idealConstant(first);
        case NodeType::String: return Value(first.text);
        default: errorf("can't evaluate command " + goQuote(nodeString(first)));
        }
    }

    Value idealConstant(const Node& n) {
        bool floaty = n.literal.find_first_of(".eEpP") != std::string::npos &&
                      !(n.literal.size() > 1 && (n.literal[1] == 'x' || n.literal[1] == 'X')) && n.literal[0] != '\'';
        if (n.isFloat && floaty) return Value(n.floatVal);
        if (n.isInt) return Value(n.intVal);
        if (n.isFloat) return Value(n.floatVal);
        errorf(n.literal + " overflows int");
    }

    // Evaluates idents[from..] on receiver; the last one receives the command's remaining
    // arguments (cmd->nodes[1..]) and final.
    Value evalFieldChain(const Value& dot, Value receiver, const Node& node, const std::vector<std::string>& idents,
                         size_t from, const Node* cmd, const std::optional<Value>& final) {
        for (size_t i = from; i < idents.size(); ++i) {
            bool last = i + 1 == idents.size();
            receiver = evalField(dot, idents[i], node, receiver, last ? cmd : nullptr, last ? final : std::nullopt);
        }
        return receiver;
    }

    Value evalField(const Value& dot, const std::string& name, const Node& node, const Value& receiver,
                    const Node* cmd, const std::optional<Value>& final) {
        (void)node;
        bool hasArgs = (cmd && cmd->nodes.size() > 1) || final.has_value();
        switch (receiver.kind()) {
        case Kind::Nil:
            if (env_.missingKey == MissingKey::Error) errorf("nil data; no entry for key " + goQuote(name));
            return Value();
        case Kind::Object: {
            const Object& o = receiver.asObject();
            if (const Value* f = o.field(name)) {
                if (hasArgs) errorf(name + " has arguments but cannot be invoked as function");
                return *f;
            }
            if (const Function* m = o.method(name)) {
                std::vector<Value> args;
                if (cmd) {
                    for (size_t k = 1; k < cmd->nodes.size(); ++k) args.push_back(evalArg(dot, *cmd->nodes[k]));
                }
                if (final) args.push_back(*final);
                return callFunction(*m, args, name, &node);  // Go reports method errors at the field
            }
            // A named map type with methods (e.g. Alertmanager's KV): keys after methods.
            if (o.underlying().kind() == Kind::Map) return evalField(dot, name, node, o.underlying(), cmd, final);
            errorf("can't evaluate field " + name + " in type " + o.typeName());
        }
        case Kind::Map: {
            if (hasArgs) errorf(name + " is not a method but has arguments");
            const Map& m = receiver.asMap();
            if (const Value* v = m.find(name)) return *v;
            switch (env_.missingKey) {
            case MissingKey::Error: errorf("map has no entry for key " + goQuote(name));
            case MissingKey::Zero: return m.zeroValue();
            case MissingKey::Default: return Value();
            }
            return Value();
        }
        default: errorf("can't evaluate field " + name + " in type " + receiver.typeName());
        }
    }

    Value evalArg(const Value& dot, const Node& n) {
        at_ = &n;
        switch (n.type) {
        case NodeType::Dot: return dot;
        case NodeType::Nil: return Value();
        case NodeType::Field: return evalFieldChain(dot, dot, n, n.idents, 0, nullptr, std::nullopt);
        case NodeType::Variable: {
            Value v = varValue(n.idents[0]);
            return evalFieldChain(dot, v, n, n.idents, 1, nullptr, std::nullopt);
        }
        case NodeType::Pipe: return evalPipeline(dot, n);
        case NodeType::Identifier: return evalFunctionArgs(dot, n, nullptr, std::nullopt);
        case NodeType::Chain: {
            Value v = evalArg(dot, *n.nodes[0]);
            return evalFieldChain(dot, v, n, n.idents, 0, nullptr, std::nullopt);
        }
        case NodeType::Bool: return Value(n.boolVal);
        case NodeType::Number: return idealConstant(n);
        case NodeType::String: return Value(n.text);
        default: errorf("can't handle " + nodeString(n) + " for arg");
        }
    }

    Value evalFunction(const Value& dot, const Node& ident, const Node& cmd, const std::optional<Value>& final) {
        at_ = &ident;
        return evalFunctionArgs(dot, ident, &cmd, final);
    }

    // Calls the function named by ident with cmd's arguments (none when cmd is null) and final.
    Value evalFunctionArgs(const Value& dot, const Node& ident, const Node* cmd, const std::optional<Value>& final) {
        const std::string& name = ident.text;
        size_t nargs = (cmd ? cmd->nodes.size() - 1 : 0) + (final ? 1 : 0);
        const Node* errNode = cmd ? cmd : &ident;
        if ((name == "and" || name == "or") && !env_.funcs->find(name)) {
            if (nargs < 1) {
                at_ = errNode;
                errorf("wrong number of args for " + name + ": want at least 1 got 0");
            }
            // Lazy: stop at the first falsy (and) / truthy (or) argument.
            Value v;
            size_t explicitArgs = cmd ? cmd->nodes.size() - 1 : 0;
            for (size_t k = 0; k < nargs; ++k) {
                v = k < explicitArgs ? evalArg(dot, *cmd->nodes[k + 1]) : *final;
                if (v.truthy() != (name == "and")) return v;
            }
            return v;
        }
        const Function* f = env_.funcs->find(name);
        if (!f) f = builtinFuncs().find(name);
        if (f) checkArgCount(*f, static_cast<int>(nargs), name);
        std::vector<Value> args;
        args.reserve(nargs);
        if (cmd) {
            for (size_t k = 1; k < cmd->nodes.size(); ++k) args.push_back(evalArg(dot, *cmd->nodes[k]));
        }
        if (final) args.push_back(*final);
        // Like Go, a successful call leaves the error position at the last evaluated argument.
        if (name == "call" && !env_.funcs->find(name)) {
            at_ = errNode;
            if (args.empty()) errorf("wrong number of args for call: want at least 1 got 0");
            if (args[0].isNil()) errorf("error calling call: call of nil");
            if (args[0].kind() != Kind::Function) {
                errorf("error calling call: non-function " + nodeString(*cmd->nodes[1]) + " of type " + args[0].typeName());
            }
            const Function& fn = args[0].asFunction();
            std::vector<Value> rest(args.begin() + 1, args.end());
            checkArgCount(fn, static_cast<int>(rest.size()), "call");
            return callFunction(fn, rest, "call", errNode);
        }
        if (!f) {
            at_ = errNode;
            errorf(goQuote(name) + " is not a defined function");
        }
        return callFunction(*f, args, name, errNode);
    }

    void checkArgCount(const Function& f, int n, const std::string& name) {
        if (f.maxArgs < 0) {
            if (n < f.minArgs) {
                errorf("wrong number of args for " + name + ": want at least " + std::to_string(f.minArgs) + " got " +
                       std::to_string(n));
            }
        } else if (n < f.minArgs || n > f.maxArgs) {
            errorf("wrong number of args for " + name + ": want " + std::to_string(n < f.minArgs ? f.minArgs : f.maxArgs) +
                   " got " + std::to_string(n));
        }
    }

    Value callFunction(const Function& f, std::span<const Value> args, const std::string& name, const Node* errNode) {
        checkArgCount(f, static_cast<int>(args.size()), name);
        Result<Value> r = f.fn(args);
        if (!r.ok()) {
            at_ = errNode;
            const std::string m = r.status().message();
            if (m.rfind("wrong type for value", 0) == 0 || m.rfind("invalid value", 0) == 0) errorf(m);
            errorf("error calling " + name + ": " + m);
        }
        return std::move(r).value();
    }
};

}  // namespace

Result<std::string> executeTree(const ExecEnv& env, const Tree& tree, const Value& data) {
    Executor ex(env);
    try {
        return ex.run(tree, data);
    } catch (const ExecError& e) {
        return Status(StatusCode::InvalidArgument, e.message, SourceLocation{"", e.line, e.column});
    }
}

}  // namespace pharos::gotemplate
