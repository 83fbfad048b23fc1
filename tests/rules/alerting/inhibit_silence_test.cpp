// Inhibition (equal labels, both matcher forms, never self) and silences (state, validation,
// expiry, muting).
#include <gtest/gtest.h>

#include "pharos/alerting/config_loader.h"
#include "pharos/alerting/inhibitor.h"
#include "pharos/alerting/silence.h"

using namespace pharos::alerting;
using namespace std::chrono;

namespace {
const TimePoint kT0 = TimePoint(seconds(1700000000));

Alert firing(LabelSet ls) { return Alert{std::move(ls), {}, kT0 - minutes(1), std::nullopt, {}}; }

Inhibitor inhibitorFrom(const char* rules) {
    std::string yaml = std::string("route:\n  receiver: a\nreceivers:\n  - name: a\ninhibit_rules:\n") + rules;
    auto cfg = parseConfig(yaml);
    EXPECT_TRUE(cfg.ok()) << cfg.status().toString();
    return Inhibitor::create(cfg->inhibitRules).value();
}
}  // namespace

TEST(Inhibitor, SourceMutesTargetWithEqualLabels) {
    const Inhibitor inh = inhibitorFrom(
        "  - source_matchers: [severity=\"critical\"]\n    target_match: {severity: warning}\n"
        "    equal: [cluster]\n");
    const std::vector<Alert> alerts = {firing({{"severity", "critical"}, {"cluster", "a"}})};
    EXPECT_TRUE(inh.inhibitedBy({{"severity", "warning"}, {"cluster", "a"}}, alerts, kT0));
    EXPECT_FALSE(inh.inhibitedBy({{"severity", "warning"}, {"cluster", "b"}}, alerts, kT0));
    EXPECT_FALSE(inh.inhibitedBy({{"severity", "info"}, {"cluster", "a"}}, alerts, kT0));
    // A missing equal label on both sides counts as equal (both empty).
    const std::vector<Alert> noCluster = {firing({{"severity", "critical"}})};
    EXPECT_TRUE(inh.inhibitedBy({{"severity", "warning"}}, noCluster, kT0));
    // A resolved source does not inhibit.
    std::vector<Alert> resolved = alerts;
    resolved[0].endsAt = kT0 - seconds(1);
    EXPECT_FALSE(inh.inhibitedBy({{"severity", "warning"}, {"cluster", "a"}}, resolved, kT0));
}

TEST(Inhibitor, AnAlertNeverInhibitsItself) {
    const Inhibitor inh = inhibitorFrom("  - source_match_re: {alertname: '.+'}\n    target_match_re: {alertname: '.+'}\n"
                                        "    equal: [job]\n");
    const std::vector<Alert> alerts = {firing({{"alertname", "A"}, {"job", "x"}})};
    EXPECT_FALSE(inh.inhibitedBy(alerts[0].labels, alerts, kT0));
    const auto by = inh.inhibitedBy({{"alertname", "B"}, {"job", "x"}}, alerts, kT0);
    EXPECT_FALSE(by);  // B matches both sides, and so does A: excluded as a two-sided match
}

TEST(Silence, StatesValidationAndExpiry) {
    Silences set;
    Silence s;
    s.matchers = parseMatchersClassic("{alertname=\"Down\", env=~\"prod|stage\"}").value();
    s.startsAt = kT0;
    s.endsAt = kT0 + hours(1);
    s.createdBy = "me";
    s.comment = "maintenance";
    auto id = set.add(s);
    ASSERT_TRUE(id.ok()) << id.status().toString();
    const LabelSet ls{{"alertname", "Down"}, {"env", "prod"}};
    EXPECT_TRUE(set.mutedBy(ls, kT0 - seconds(1)).empty());  // pending
    EXPECT_EQ(set.mutedBy(ls, kT0), std::vector<std::string>{*id});
    EXPECT_TRUE(set.mutedBy({{"alertname", "Down"}, {"env", "dev"}}, kT0).empty());
    EXPECT_EQ(set.find(*id)->state(kT0 + hours(1)), SilenceState::Expired);
    ASSERT_TRUE(set.expire(*id, kT0 + minutes(10)).ok());
    EXPECT_TRUE(set.mutedBy(ls, kT0 + minutes(10)).empty());
    EXPECT_FALSE(set.expire(*id, kT0 + minutes(20)).ok());
    EXPECT_FALSE(set.expire("nope", kT0).ok());

    Silence bad = s;
    bad.matchers = parseMatchersClassic("{env=~\".*\"}").value();
    EXPECT_EQ(bad.validate().message(), "at least one matcher must not match the empty string");
    bad = s;
    bad.matchers.clear();
    EXPECT_EQ(bad.validate().message(), "at least one matcher required");
    bad = s;
    bad.endsAt = kT0 - seconds(1);
    EXPECT_EQ(bad.validate().message(), "end time must not be before start time");
    bad = s;
    bad.comment.clear();
    EXPECT_FALSE(bad.validate().ok());
}
