// Route tree: inheritance, depth-first matching with continue, keys, group keys and amtool's
// tree drawings.
#include <gtest/gtest.h>

#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/route.h"

using namespace pharos::alerting;

namespace {

const char* kConfig = R"(route:
  receiver: default
  group_by: [alertname]
  group_wait: 10s
  repeat_interval: 1h
  routes:
    - matchers: [team="db"]
      receiver: db
      group_interval: 1m
      routes:
        - matchers: [severity="page"]
          receiver: db-pager
          continue: true
        - match_re: {severity: "page|warn"}
          receiver: db-all
          group_by: ['...']
    - matchers: [team="web"]
      group_by: [instance]
receivers:
  - name: default
  - name: db
  - name: db-pager
  - name: db-all
)";

std::unique_ptr<Route> buildTree() {
    auto cfg = parseConfig(kConfig, "t.yml");
    EXPECT_TRUE(cfg.ok()) << cfg.status().toString();
    auto r = Route::build(*cfg->route);
    EXPECT_TRUE(r.ok());
    return std::move(r).value();
}

std::string receivers(const Route& root, const LabelSet& ls) {
    std::string out;
    for (const auto* r : root.match(ls)) out += (out.empty() ? "" : ",") + r->opts().receiver;
    return out;
}

}  // namespace

TEST(Route, MatchingTable) {
    auto root = buildTree();
    struct Case {
        LabelSet labels;
        const char* receivers;
    };
    const Case cases[] = {
        {{}, "default"},
        {{{"team", "db"}}, "db"},
        {{{"team", "db"}, {"severity", "page"}}, "db-pager,db-all"},
        {{{"team", "db"}, {"severity", "warn"}}, "db-all"},
        {{{"team", "db"}, {"severity", "pagex"}}, "db"},
        {{{"team", "web"}}, "default"},
    };
    for (const auto& c : cases) EXPECT_EQ(receivers(*root, c.labels), c.receivers) << labelSetString(c.labels);
}

TEST(Route, OptionsAreInherited) {
    auto root = buildTree();
    const auto m = root->match({{"team", "db"}, {"severity", "page"}});
    ASSERT_EQ(m.size(), 2u);
    const RouteOpts& pager = m[0]->opts();
    EXPECT_EQ(pager.groupBy, std::set<std::string>{"alertname"});
    EXPECT_EQ(pager.groupWait, std::chrono::seconds(10));
    EXPECT_EQ(pager.groupInterval, std::chrono::minutes(1));
    EXPECT_EQ(pager.repeatInterval, std::chrono::hours(1));
    EXPECT_TRUE(m[1]->opts().groupByAll);
    EXPECT_EQ(m[1]->key(), "{}/{team=\"db\"}/{severity=~\"^(?:page|warn)$\"}");
    const auto web = root->match({{"team", "web"}});
    EXPECT_EQ(web[0]->opts().groupBy, std::set<std::string>{"instance"});
    EXPECT_EQ(web[0]->opts().receiver, "default");
}

TEST(Route, GroupKeys) {
    auto root = buildTree();
    const LabelSet ls{{"team", "db"}, {"severity", "page"}, {"alertname", "Down"}, {"x", "\"q\""}};
    const auto m = root->match(ls);
    EXPECT_EQ(m[0]->groupKey(ls), "{}/{team=\"db\"}/{severity=\"page\"}:{alertname=\"Down\"}");
    EXPECT_EQ(m[1]->groupKey(ls),
              "{}/{team=\"db\"}/{severity=~\"^(?:page|warn)$\"}:{alertname=\"Down\", severity=\"page\", "
              "team=\"db\", x=\"\\\"q\\\"\"}");
}

TEST(Route, TreesAreDrawnLikeAmtool) {
    auto root = buildTree();
    EXPECT_EQ(routingTreeText(*root),
              ".\n"
              "└── default-route  receiver: default\n"
              "    ├── {team=\"db\"}  receiver: db\n"
              "    │\u00a0\u00a0 ├── {severity=\"page\"}  continue: true  receiver: db-pager\n"
              "    │\u00a0\u00a0 └── {severity=~\"^(?:page|warn)$\"}  receiver: db-all\n"
              "    └── {team=\"web\"}  receiver: default\n");
    EXPECT_EQ(matchingTreeText(*root, {{"team", "db"}, {"severity", "page"}}),
              ".\n"
              "└── default-route\n"
              "    └── {team=\"db\"}\n"
              "        ├── {severity=\"page\"}  receiver: db-pager\n"
              "        └── {severity=~\"^(?:page|warn)$\"}  receiver: db-all\n");
}
