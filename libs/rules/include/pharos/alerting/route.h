// The routing tree as Alertmanager's dispatcher builds it (dispatch/route.go): every node holds
// its effective options (inherited from its parent unless set), its sorted matchers and its key.
// match() walks depth-first and honours `continue`, like Route.Match.
// Thread-safety: immutable after build(); all const methods may be called concurrently.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "pharos/alerting/config.h"

namespace pharos::alerting {

struct RouteOpts {
    std::string receiver;
    std::set<std::string> groupBy;
    bool groupByAll = false;
    Duration groupWait = std::chrono::seconds(30);
    Duration groupInterval = std::chrono::minutes(5);
    Duration repeatInterval = std::chrono::hours(4);
    std::vector<std::string> muteTimeIntervals;    // not inherited
    std::vector<std::string> activeTimeIntervals;  // not inherited
};

class Route {
public:
    // Builds the tree for a config's root route (parent = nullptr) or a subtree.
    static Result<std::unique_ptr<Route>> build(const RouteConfig& config, const Route* parent = nullptr);

    const RouteOpts& opts() const { return opts_; }
    const Matchers& matchers() const { return matchers_; }
    bool continueMatching() const { return continue_; }
    const Route* parent() const { return parent_; }
    const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }
    // Parent's key + "/" + matchersString(): "{}/{owner=\"team-A\"}".
    const std::string& key() const { return key_; }

    // The routes an alert with these labels ends at, in order (empty when this node does not
    // match; this node itself when no child matches).
    std::vector<const Route*> match(const LabelSet& labels) const;

    // The group labels of an alert on this route (all labels with `...`), and its group key
    // "routeKey:{a=\"1\", b=\"2\"}" as the dispatcher computes it.
    LabelSet groupLabels(const LabelSet& labels) const;
    std::string groupKey(const LabelSet& labels) const;

private:
    Route() = default;

    const Route* parent_ = nullptr;
    RouteOpts opts_;
    Matchers matchers_;
    bool continue_ = false;
    std::string key_;
    std::vector<std::unique_ptr<Route>> routes_;
};

// amtool's output for `config routes` (tree of every route with continue and receiver) and for
// `config routes test --tree` (the matching branches only), drawn like xlab/treeprint.
std::string routingTreeText(const Route& root);
std::string matchingTreeText(const Route& root, const LabelSet& labels);

}  // namespace pharos::alerting
