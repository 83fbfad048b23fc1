// Template sets and FuncMap: parsing text into named trees and executing them.
#include "pharos/template/template.h"

#include "builtins.h"
#include "executor.h"
#include "html_escape.h"
#include "parser.h"

namespace pharos::gotemplate {

void FuncMap::add(std::string name, int minArgs, int maxArgs, NativeFn fn) {
    Function f{name, minArgs, maxArgs, std::move(fn)};
    funcs_[std::move(name)] = std::move(f);
}

void FuncMap::add(Function f) {
    std::string name = f.name;
    funcs_[std::move(name)] = std::move(f);
}

void FuncMap::merge(const FuncMap& other) {
    for (const auto& [k, v] : other.funcs_) funcs_[k] = v;
}

const Function* FuncMap::find(std::string_view name) const {
    auto it = funcs_.find(name);
    return it == funcs_.end() ? nullptr : &it->second;
}

Template::Template(std::string name, FuncMap funcs, Limits limits)
    : name_(std::move(name)), funcs_(std::move(funcs)), limits_(limits) {}
Template::~Template() = default;
Template::Template(const Template&) = default;
Template& Template::operator=(const Template&) = default;
Template::Template(Template&&) noexcept = default;
Template& Template::operator=(Template&&) noexcept = default;

Status Template::parse(std::string_view text) { return parseNamed(name_, text); }

Status Template::parseNamed(const std::string& name, std::string_view text) {
    std::vector<std::shared_ptr<Tree>> trees;
    auto hasFunc = [this](std::string_view f) { return funcs_.find(f) != nullptr || isBuiltinFunction(f); };
    PHAROS_RETURN_IF_ERROR(parseTemplate(name, text, hasFunc, trees));
    for (auto& t : trees) {
        auto it = trees_.find(t->name);
        // As Go's AddParseTree via Parse: an empty body never replaces an existing definition.
        if (it != trees_.end() && isEmptyTree(*t->root) && !isEmptyTree(*it->second->root)) continue;
        trees_[t->name] = std::move(t);
    }
    return Status();
}

bool Template::has(std::string_view name) const { return trees_.find(name) != trees_.end(); }

std::vector<std::string> Template::templateNames() const {
    std::vector<std::string> out;
    for (const auto& [k, v] : trees_) out.push_back(k);
    return out;
}

Result<std::string> Template::execute(const Value& data) const { return executeTemplate(name_, data); }

Result<std::string> Template::executeTemplate(std::string_view name, const Value& data) const {
    auto it = trees_.find(name);
    if (it == trees_.end()) {
        if (name == name_ && trees_.empty()) {
            return Status::invalidArgument("template: " + name_ + ": \"" + name_ +
                                           "\" is an incomplete or empty template");
        }
        return Status::invalidArgument("template: no template \"" + std::string(name) +
                                       "\" associated with template \"" + name_ + "\"");
    }
    ExecEnv env{&trees_, &funcs_, limits_, missingKey_, escaping_};
    if (escaping_ == Escaping::Html) {
        // html/template escapes the executed template (and what it calls) before running it.
        HtmlEscaper escaper(trees_, limits_.maxDepth, limits_.maxSteps);
        Result<const EscapePlan*> plan = escaper.escapeTemplate(name);
        if (!plan.ok()) return plan.status();
        env.plan = *plan;
        return executeTree(env, *it->second, data);
    }
    return executeTree(env, *it->second, data);
}

}  // namespace pharos::gotemplate
