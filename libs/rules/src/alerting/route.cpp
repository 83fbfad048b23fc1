// Route tree construction, depth-first matching with `continue`, group keys, and the tree
// drawings amtool prints.
#include "pharos/alerting/route.h"

namespace pharos::alerting {

Result<std::unique_ptr<Route>> Route::build(const RouteConfig& cr, const Route* parent) {
    std::unique_ptr<Route> r(new Route());
    r->parent_ = parent;
    r->opts_ = parent ? parent->opts_ : RouteOpts{};
    if (!cr.receiver.empty()) r->opts_.receiver = cr.receiver;
    // Alertmanager: a list of real labels replaces the parent's; `...` alone only sets "all".
    if (!cr.groupBy.empty()) {
        r->opts_.groupBy = std::set<std::string>(cr.groupBy.begin(), cr.groupBy.end());
        r->opts_.groupByAll = false;
    } else if (cr.groupByAll) {
        r->opts_.groupByAll = true;
    }
    if (cr.groupWait) r->opts_.groupWait = *cr.groupWait;
    if (cr.groupInterval) r->opts_.groupInterval = *cr.groupInterval;
    if (cr.repeatInterval) r->opts_.repeatInterval = *cr.repeatInterval;
    r->opts_.muteTimeIntervals = cr.muteTimeIntervals;
    r->opts_.activeTimeIntervals = cr.activeTimeIntervals;

    PHAROS_ASSIGN_OR_RETURN(r->matchers_, legacyMatchers(cr.match, cr.matchRe));
    for (const auto& m : cr.matchers) r->matchers_.push_back(m);
    sortMatchers(r->matchers_);
    r->continue_ = cr.continueMatching;
    r->key_ = (parent ? parent->key_ + "/" : std::string()) + matchersString(r->matchers_);

    for (const auto& child : cr.routes) {
        PHAROS_ASSIGN_OR_RETURN(auto c, build(child, r.get()));
        r->routes_.push_back(std::move(c));
    }
    return r;
}

std::vector<const Route*> Route::match(const LabelSet& labels) const {
    if (!matchesAll(matchers_, labels)) return {};
    std::vector<const Route*> all;
    for (const auto& child : routes_) {
        auto matches = child->match(labels);
        const bool matched = !matches.empty();
        all.insert(all.end(), matches.begin(), matches.end());
        if (matched && !child->continue_) break;
    }
    if (all.empty()) all.push_back(this);
    return all;
}

LabelSet Route::groupLabels(const LabelSet& labels) const {
    if (opts_.groupByAll) return labels;
    LabelSet out;
    for (const auto& [name, value] : labels)
        if (opts_.groupBy.count(name)) out.emplace(name, value);
    return out;
}

std::string Route::groupKey(const LabelSet& labels) const {
    return key_ + ":" + labelSetString(groupLabels(labels));
}

namespace {

// A node of a treeprint-style drawing.
struct TextNode {
    std::string value;
    std::vector<TextNode> children;
};

void draw(const TextNode& n, const std::string& prefix, std::string& out) {
    for (size_t i = 0; i < n.children.size(); ++i) {
        const bool last = i + 1 == n.children.size();
        out += prefix + (last ? "└── " : "├── ") + n.children[i].value + "\n";
        // treeprint continues a branch with "│" and two no-break spaces.
        draw(n.children[i], prefix + (last ? "    " : "│\u00a0\u00a0 "), out);
    }
}

std::string slug(const Route& r, bool showContinue, bool showReceiver) {
    std::string s = r.matchers().empty() ? "default-route" : matchersString(r.matchers());
    if (r.continueMatching() && showContinue) s += "  continue: true";
    if (showReceiver) s += "  receiver: " + r.opts().receiver;
    return s;
}

TextNode fullTree(const Route& r) {
    TextNode n{slug(r, true, true), {}};
    for (const auto& c : r.routes()) n.children.push_back(fullTree(*c));
    return n;
}

TextNode matchingTree(const Route& r, const LabelSet& labels) {
    TextNode n{slug(r, false, false), {}};
    bool final = true;
    for (const auto& c : r.routes()) {
        if (matchesAll(c->matchers(), labels)) {
            n.children.push_back(matchingTree(*c, labels));
            final = false;
            if (!c->continueMatching()) break;
        }
    }
    if (final) n.value = slug(r, false, true);
    return n;
}

std::string render(const TextNode& top) {
    std::string out = ".\n";
    TextNode root{".", {top}};
    draw(root, "", out);
    return out;
}

}  // namespace

std::string routingTreeText(const Route& root) { return render(fullTree(root)); }

std::string matchingTreeText(const Route& root, const LabelSet& labels) {
    return render(matchingTree(root, labels));
}

}  // namespace pharos::alerting
