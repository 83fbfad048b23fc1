// Table-driven tests of relabeling (every action) from Prometheus' documented semantics
// (configuration.md, <relabel_config>) and Go's regexp.Expand rules.
#include <QtTest>

#include <re2/re2.h>

#include "pharos/core/scrape/relabel.h"

using namespace pharos::core::scrape;
using pharos::tsdb::Labels;

namespace {

// "a=1,b=x y" -> Labels; "" -> {}.
Labels L(const QString& spec) {
    std::vector<pharos::tsdb::Label> v;
    if (!spec.isEmpty())
        for (const QString& kv : spec.split(',')) {
            const auto i = kv.indexOf('=');
            v.push_back({kv.left(i).toStdString(), kv.mid(i + 1).toStdString()});
        }
    return Labels(std::move(v));
}

RelabelConfig cfg(RelabelAction a, std::vector<std::string> src = {}, std::string regex = "(.*)",
                  std::string target = {}, std::string replacement = "$1", uint64_t modulus = 0,
                  std::string sep = ";") {
    RelabelConfig c;
    c.action = a;
    c.sourceLabels = std::move(src);
    c.regex = std::move(regex);
    c.targetLabel = std::move(target);
    c.replacement = std::move(replacement);
    c.modulus = modulus;
    c.separator = std::move(sep);
    return c;
}

}  // namespace

Q_DECLARE_METATYPE(RelabelConfig)

class ScrapeRelabelTest : public QObject {
    Q_OBJECT
private slots:
    void actions_data();
    void actions();
    void chainStopsAtDrop();
    void invalidConfigs_data();
    void invalidConfigs();
    void expand_data();
    void expand();
    void hashModMatchesMd5();
    void parseActionNames();
};

void ScrapeRelabelTest::actions_data() {
    using A = RelabelAction;
    QTest::addColumn<RelabelConfig>("rule");
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("want");  // "DROP": the set is dropped
    // replace
    QTest::newRow("replace default copies joined sources")
        << cfg(A::Replace, {"a", "b"}, "(.*)", "c") << "a=1,b=2" << "a=1,b=2,c=1;2";
    QTest::newRow("replace custom separator")
        << cfg(A::Replace, {"a", "b"}, "(.*)", "c", "$1", 0, "-") << "a=1,b=2" << "a=1,b=2,c=1-2";
    QTest::newRow("replace groups")
        << cfg(A::Replace, {"addr"}, "([^:]+):(\\d+)", "host", "${1}_x$2") << "addr=h:9"
        << "addr=h:9,host=h_x9";
    QTest::newRow("replace is anchored: no partial match")
        << cfg(A::Replace, {"a"}, "oo", "b", "hit") << "a=foo" << "a=foo";
    QTest::newRow("replace no match leaves labels")
        << cfg(A::Replace, {"a"}, "x(.*)", "b", "$1") << "a=foo" << "a=foo";
    QTest::newRow("replace empty result deletes target")
        << cfg(A::Replace, {"missing"}, "(.*)", "a") << "a=1" << "";
    QTest::newRow("replace missing source is empty string")
        << cfg(A::Replace, {"missing"}, "", "b", "empty") << "a=1" << "a=1,b=empty";
    QTest::newRow("replace templated target")
        << cfg(A::Replace, {"k"}, "(\\w+)=(\\w+)", "tag_$1", "$2") << "k=env=prod"
        << "k=env=prod,tag_env=prod";
    QTest::newRow("replace invalid expanded target ignored")
        << cfg(A::Replace, {"k"}, "(.*)", "${1}", "v") << "k=1bad" << "k=1bad";
    QTest::newRow("replace $1x is the unknown group 1x")
        << cfg(A::Replace, {"a"}, "(.*)", "b", "$1x") << "a=v" << "a=v";
    QTest::newRow("replace literal dollar")
        << cfg(A::Replace, {"a"}, "(.*)", "b", "$$$1") << "a=v" << "a=v,b=$v";
    QTest::newRow("replace named group")
        << cfg(A::Replace, {"a"}, "(?P<first>[a-z])(?P<rest>.*)", "b", "$rest-${first}")
        << "a=xyz" << "a=xyz,b=yz-x";
    QTest::newRow("replace without sources matches the empty string")
        << cfg(A::Replace, {}, "(.*)", "static", "v") << "a=1" << "a=1,static=v";
    // keep / drop
    QTest::newRow("keep match") << cfg(A::Keep, {"job"}, "node|api") << "job=node" << "job=node";
    QTest::newRow("keep no match") << cfg(A::Keep, {"job"}, "node|api") << "job=db" << "DROP";
    QTest::newRow("keep anchored") << cfg(A::Keep, {"job"}, "node") << "job=node2" << "DROP";
    QTest::newRow("drop match") << cfg(A::Drop, {"job"}, "no.*") << "job=node" << "DROP";
    QTest::newRow("drop no match") << cfg(A::Drop, {"job"}, "no") << "job=node" << "job=node";
    QTest::newRow("drop empty regex matches missing label")
        << cfg(A::Drop, {"x"}, "") << "job=a" << "DROP";
    // keepequal / dropequal
    QTest::newRow("keepequal equal") << cfg(A::KeepEqual, {"a"}, "(.*)", "b") << "a=1,b=1" << "a=1,b=1";
    QTest::newRow("keepequal differ") << cfg(A::KeepEqual, {"a"}, "(.*)", "b") << "a=1,b=2" << "DROP";
    QTest::newRow("dropequal equal") << cfg(A::DropEqual, {"a"}, "(.*)", "b") << "a=1,b=1" << "DROP";
    QTest::newRow("dropequal differ") << cfg(A::DropEqual, {"a"}, "(.*)", "b") << "a=1,b=2" << "a=1,b=2";
    QTest::newRow("keepequal joined") << cfg(A::KeepEqual, {"a", "b"}, "(.*)", "c")
                                      << "a=1,b=2,c=1;2" << "a=1,b=2,c=1;2";
    // hashmod
    QTest::newRow("hashmod") << cfg(A::HashMod, {"a"}, "(.*)", "shard", "$1", 1000) << "a=foo"
                             << "a=foo,shard=696";
    QTest::newRow("hashmod address") << cfg(A::HashMod, {"__address__"}, "(.*)", "s", "$1", 3)
                                     << "__address__=127.0.0.1:9100" << "__address__=127.0.0.1:9100,s=1";
    // labelmap
    QTest::newRow("labelmap strips prefix")
        << cfg(A::LabelMap, {}, "__meta_kubernetes_pod_label_(.+)", {}, "$1")
        << "__meta_kubernetes_pod_label_app=web,x=1" << "__meta_kubernetes_pod_label_app=web,app=web,x=1";
    QTest::newRow("labelmap anchored") << cfg(A::LabelMap, {}, "meta_(.+)", {}, "$1") << "__meta_a=1"
                                       << "__meta_a=1";
    QTest::newRow("labelmap overwrites")
        << cfg(A::LabelMap, {}, "src_(.+)", {}, "$1") << "src_a=new,a=old" << "a=new,src_a=new";
    // labeldrop / labelkeep
    QTest::newRow("labeldrop") << cfg(A::LabelDrop, {}, "tmp_.*") << "tmp_a=1,tmp_b=2,keep=3" << "keep=3";
    QTest::newRow("labeldrop anchored") << cfg(A::LabelDrop, {}, "tmp") << "tmp_a=1,tmp=2" << "tmp_a=1";
    QTest::newRow("labelkeep") << cfg(A::LabelKeep, {}, "__name__|job") << "__name__=up,job=a,x=1"
                               << "__name__=up,job=a";
    // lowercase / uppercase
    QTest::newRow("lowercase") << cfg(A::Lowercase, {"a", "b"}, "(.*)", "c") << "a=AbC,b=Ü"
                               << "a=AbC,b=Ü,c=abc;ü";
    QTest::newRow("uppercase") << cfg(A::Uppercase, {"a"}, "(.*)", "a") << "a=abc" << "a=ABC";
    QTest::newRow("lowercase empty deletes") << cfg(A::Lowercase, {"none"}, "(.*)", "a") << "a=X" << "";
}

void ScrapeRelabelTest::actions() {
    QFETCH(RelabelConfig, rule);
    QFETCH(QString, in);
    QFETCH(QString, want);
    auto compiled = RelabelRule::compile(rule);
    QVERIFY2(compiled.ok(), compiled.status().toString().c_str());
    std::vector<RelabelRule> rules{*compiled};
    auto got = relabel(L(in), rules);
    if (want == "DROP") {
        QVERIFY2(!got.has_value(), got ? got->toString().c_str() : "");
        return;
    }
    QVERIFY(got.has_value());
    QCOMPARE(QString::fromStdString(got->toString()), QString::fromStdString(L(want).toString()));
}

void ScrapeRelabelTest::chainStopsAtDrop() {
    using A = RelabelAction;
    std::vector<RelabelRule> rules;
    for (const auto& c : {cfg(A::Replace, {"a"}, "(.*)", "b"), cfg(A::Drop, {"b"}, "1"),
                          cfg(A::Replace, {}, "", "c", "never")})
        rules.push_back(*RelabelRule::compile(c));
    std::vector<Labels> steps;
    QVERIFY(!relabelTraced(L("a=1"), rules, &steps).has_value());
    QCOMPARE(steps.size(), size_t(1));
    QCOMPARE(steps[0], L("a=1,b=1"));
    steps.clear();
    auto kept = relabelTraced(L("a=2"), rules, &steps);
    QVERIFY(kept.has_value());
    QCOMPARE(steps.size(), size_t(3));
    QCOMPARE(*kept, L("a=2,b=2,c=never"));
}

void ScrapeRelabelTest::invalidConfigs_data() {
    using A = RelabelAction;
    QTest::addColumn<RelabelConfig>("rule");
    QTest::addColumn<QString>("error");
    QTest::newRow("bad regex") << cfg(A::Replace, {"a"}, "(", "b") << "error parsing regexp";
    QTest::newRow("hashmod no modulus") << cfg(A::HashMod, {"a"}, "(.*)", "b")
                                        << "relabel configuration for hashmod requires non-zero modulus";
    QTest::newRow("replace no target") << cfg(A::Replace, {"a"})
                                       << "relabel configuration for replace action requires 'target_label' value";
    QTest::newRow("replace bad target") << cfg(A::Replace, {"a"}, "(.*)", "1x")
                                        << "\"1x\" is invalid 'target_label' for replace action";
    QTest::newRow("lowercase templated target") << cfg(A::Lowercase, {"a"}, "(.*)", "$1")
                                                << "\"$1\" is invalid 'target_label' for lowercase action";
    QTest::newRow("uppercase replacement") << cfg(A::Uppercase, {"a"}, "(.*)", "b", "x")
                                           << "'replacement' can not be set for uppercase action";
    QTest::newRow("labelmap bad replacement") << cfg(A::LabelMap, {}, "(.*)", {}, "a-b")
                                              << "\"a-b\" is invalid 'replacement' for labelmap action";
    QTest::newRow("keepequal with regex") << cfg(A::KeepEqual, {"a"}, "x", "b")
                                          << "keepequal action requires only 'source_labels' and `target_label`, and no other fields";
    QTest::newRow("labeldrop with sources") << cfg(A::LabelDrop, {"a"}, "x")
                                            << "labeldrop action requires only 'regex', and no other fields";
    QTest::newRow("labelkeep with target") << cfg(A::LabelKeep, {}, "x", "t")
                                           << "labelkeep action requires only 'regex', and no other fields";
    QTest::newRow("bad source label") << cfg(A::Keep, {"a-b"}) << "\"a-b\" is not a valid label name";
}

void ScrapeRelabelTest::invalidConfigs() {
    QFETCH(RelabelConfig, rule);
    QFETCH(QString, error);
    auto r = RelabelRule::compile(rule);
    QVERIFY(!r.ok());
    QVERIFY2(QString::fromStdString(r.status().message()).contains(error), r.status().message().c_str());
}

void ScrapeRelabelTest::expand_data() {
    QTest::addColumn<QString>("templ");
    QTest::addColumn<QString>("want");
    // regex (?P<x>a)(b)? on "a": groups 0="a", 1="a", 2 unmatched.
    QTest::newRow("index") << "$1" << "a";
    QTest::newRow("brace index") << "${1}b" << "ab";
    QTest::newRow("whole match") << "<$0>" << "<a>";
    QTest::newRow("named") << "$x-${x}" << "a-a";
    QTest::newRow("unmatched group") << "[$2]" << "[]";
    QTest::newRow("out of range") << "[$9]" << "[]";
    QTest::newRow("leading zero is a name") << "[$01]" << "[]";
    QTest::newRow("name runs on") << "[$1b]" << "[]";
    QTest::newRow("dollar dollar") << "$$1" << "$1";
    QTest::newRow("lone dollar") << "a$" << "a$";
    QTest::newRow("dollar space") << "$ x" << "$ x";
    QTest::newRow("unclosed brace") << "${1" << "${1";
    QTest::newRow("empty brace") << "${}" << "${}";
    QTest::newRow("no vars") << "plain" << "plain";
}

void ScrapeRelabelTest::expand() {
    QFETCH(QString, templ);
    QFETCH(QString, want);
    re2::RE2 re("^(?:(?P<x>a)(b)?)$");
    QVERIFY(re.ok());
    std::vector<std::string_view> groups{"a", "a", {}};
    QCOMPARE(QString::fromStdString(expandTemplate(re, templ.toStdString(), groups)), want);
}

void ScrapeRelabelTest::hashModMatchesMd5() {
    // Reference values: int.from_bytes(md5(s).digest()[8:], 'big') % m, computed independently.
    QCOMPARE(hashMod("foo", 1000), uint64_t(696));
    QCOMPARE(hashMod("127.0.0.1:9100", 3), uint64_t(1));
    QCOMPARE(hashMod("a;b", uint64_t(1) << 32), uint64_t(1865334026));
    QCOMPARE(hashMod("", 7), uint64_t(1));
}

void ScrapeRelabelTest::parseActionNames() {
    QCOMPARE(parseRelabelAction("LabelMap"), std::optional<RelabelAction>(RelabelAction::LabelMap));
    QCOMPARE(parseRelabelAction("keepequal"), std::optional<RelabelAction>(RelabelAction::KeepEqual));
    QVERIFY(!parseRelabelAction("rename").has_value());
    for (auto a : {RelabelAction::Replace, RelabelAction::Uppercase, RelabelAction::DropEqual})
        QCOMPARE(parseRelabelAction(relabelActionName(a)), std::optional<RelabelAction>(a));
}

QTEST_GUILESS_MAIN(ScrapeRelabelTest)
#include "scrape_relabel_test.moc"
