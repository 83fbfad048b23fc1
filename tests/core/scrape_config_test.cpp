// prometheus.yml scrape part: defaults, every field, errors with file:line:col, file_sd (JSON
// and YAML) and target label computation (Prometheus' PopulateLabels).
#include <QtTest>

#include "pharos/core/scrape/scrape_config.h"

using namespace pharos::core::scrape;
using pharos::tsdb::Labels;

namespace {
const std::string kDataDir = PHAROS_TEST_DATA_DIR "/scrape";

ScrapeFileConfig parseOk(const std::string& yaml) {
    auto r = parseScrapeConfig(yaml, "prometheus.yml", kDataDir);
    if (!r.ok()) qFatal("%s", r.status().toString().c_str());
    return *r;
}
}  // namespace

class ScrapeConfigTest : public QObject {
    Q_OBJECT
private slots:
    void defaults() {
        auto c = parseOk("scrape_configs:\n  - job_name: a\n");
        QCOMPARE(c.scrapeConfigs.size(), size_t(1));
        const auto& j = c.scrapeConfigs[0];
        QCOMPARE(j.intervalMs, int64_t(60000));
        QCOMPARE(j.timeoutMs, int64_t(10000));
        QCOMPARE(j.metricsPath, std::string("/metrics"));
        QCOMPARE(j.scheme, std::string("http"));
        QVERIFY(j.honorTimestamps);
        QVERIFY(!j.honorLabels);
        QVERIFY(j.followRedirects);
    }
    void globalAndEveryField() {
        auto c = parseOk(R"(global:
  scrape_interval: 15s
  external_labels: {dc: eu1}
scrape_configs:
  - job_name: node
    scrape_interval: 5s
    metrics_path: /m
    scheme: https
    params: {module: [http_2xx, x]}
    honor_labels: true
    honor_timestamps: false
    basic_auth: {username: u, password_file: password.txt}
    tls_config: {ca_file: ca.pem, server_name: srv, insecure_skip_verify: true}
    follow_redirects: false
    static_configs:
      - targets: ['a:1', 'b:2']
        labels: {team: x}
    file_sd_configs:
      - files: ['targets.json', '*.yml']
        refresh_interval: 1m
    relabel_configs:
      - source_labels: [__address__]
        target_label: host
    metric_relabel_configs:
      - action: labeldrop
        regex: tmp_.*
    sample_limit: 100
    label_limit: 30
    label_name_length_limit: 64
    label_value_length_limit: 256
    target_limit: 9
    body_size_limit: 10MB
  - job_name: bearer
    authorization: {credentials_file: token}
    dns_sd_configs: [{names: [x]}]
)");
        QCOMPARE(c.global.scrapeIntervalMs, int64_t(15000));
        QCOMPARE(c.global.externalLabels, (Labels{{"dc", "eu1"}}));
        const auto& j = c.scrapeConfigs[0];
        QCOMPARE(j.intervalMs, int64_t(5000));
        QCOMPARE(j.timeoutMs, int64_t(5000));  // global 10s timeout capped by the job interval
        QCOMPARE(j.metricsPath, std::string("/m"));
        QCOMPARE(j.scheme, std::string("https"));
        QCOMPARE(j.params.at("module").size(), size_t(2));
        QVERIFY(j.honorLabels && !j.honorTimestamps && !j.followRedirects);
        QCOMPARE(j.basicAuth->passwordFile, kDataDir + "/password.txt");
        QCOMPARE(j.tls.caFile, kDataDir + "/ca.pem");
        QVERIFY(j.tls.insecureSkipVerify);
        QCOMPARE(j.staticConfigs[0].targets.size(), size_t(2));
        QCOMPARE(j.fileSdConfigs[0].refreshIntervalMs, int64_t(60000));
        QCOMPARE(j.relabelConfigs.size(), size_t(1));
        QCOMPARE(j.metricRelabelConfigs[0].config().action, RelabelAction::LabelDrop);
        QCOMPARE(j.sampleLimit, uint64_t(100));
        QCOMPARE(j.labelLimit, uint64_t(30));
        QCOMPARE(j.labelNameLengthLimit, uint64_t(64));
        QCOMPARE(j.labelValueLengthLimit, uint64_t(256));
        QCOMPARE(j.targetLimit, uint64_t(9));
        QCOMPARE(j.bodySizeLimit, int64_t(10) << 20);
        QCOMPARE(c.scrapeConfigs[1].intervalMs, int64_t(15000));
        QCOMPARE(c.scrapeConfigs[1].authorization->credentialsFile, kDataDir + "/token");
        QCOMPARE(c.warnings.size(), size_t(1));
        QVERIFY(QString::fromStdString(c.warnings[0]).contains("prometheus.yml:35:5: dns_sd_configs"));

        auto groups = loadFileSd(j.fileSdConfigs[0], kDataDir);
        QVERIFY2(groups.ok(), groups.status().toString().c_str());
        QCOMPARE(groups->size(), size_t(3));  // two JSON groups, one YAML group
        QCOMPARE((*groups)[0].labels.get("env"), std::string_view("prod"));
        QCOMPARE((*groups)[0].labels.get("__meta_filepath"), std::string_view(kDataDir + "/targets.json"));
        QCOMPARE((*groups)[2].targets[0], std::string("db:9187"));
    }
    void errors_data() {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<QString>("error");
        QTest::newRow("timeout > interval")
            << "scrape_configs:\n  - job_name: a\n    scrape_interval: 5s\n    scrape_timeout: 6s\n"
            << "prometheus.yml:2:5: scrape timeout greater than scrape interval for scrape config with job name \"a\"";
        QTest::newRow("duplicate job") << "scrape_configs:\n  - job_name: a\n  - job_name: a\n"
                                       << "prometheus.yml:3:5: found multiple scrape configs with job name \"a\"";
        QTest::newRow("bad duration") << "scrape_configs:\n  - job_name: a\n    scrape_interval: 5x\n"
                                      << "prometheus.yml:3:22: not a valid duration string: \"5x\"";
        QTest::newRow("bad action")
            << "scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - action: nope\n"
            << "prometheus.yml:4:17: unknown relabel action \"nope\"";
        QTest::newRow("relabel validation")
            << "scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - action: hashmod\n        target_label: x\n"
            << "prometheus.yml:4:9: relabel configuration for hashmod requires non-zero modulus";
        QTest::newRow("password twice")
            << "scrape_configs:\n  - job_name: a\n    basic_auth: {username: u, password: p, password_file: f}\n"
            << "at most one of basic_auth password & password_file must be configured";
        QTest::newRow("bad scheme") << "scrape_configs:\n  - job_name: a\n    scheme: ftp\n"
                                    << "prometheus.yml:3:13: invalid scheme \"ftp\"";
        QTest::newRow("yaml syntax") << "scrape_configs:\n  - job_name: [a\n" << "prometheus.yml:3:1:";
        QTest::newRow("missing job name") << "scrape_configs:\n  - scrape_interval: 1s\n"
                                          << "prometheus.yml:2:5: job_name is empty";
        QTest::newRow("target with path")
            << "scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ['h/x']\n"
            << "prometheus.yml:4:19: \"h/x\" is not a valid hostname";
        QTest::newRow("bad file_sd ext")
            << "scrape_configs:\n  - job_name: a\n    file_sd_configs:\n      - files: [a.txt]\n"
            << "is not valid for file discovery";
        QTest::newRow("bad body size") << "scrape_configs:\n  - job_name: a\n    body_size_limit: 10XB\n"
                                       << "prometheus.yml:3:22: invalid size";
    }
    void errors() {
        QFETCH(QString, yaml);
        QFETCH(QString, error);
        auto r = parseScrapeConfig(yaml.toStdString(), "prometheus.yml", "");
        QVERIFY(!r.ok());
        QVERIFY2(QString::fromStdString(r.status().toString()).contains(error), r.status().toString().c_str());
    }
    void targetLabels() {
        auto c = parseOk(R"(scrape_configs:
  - job_name: blackbox
    params: {module: [http_2xx]}
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__meta_rack]
        target_label: rack
      - target_label: __address__
        replacement: 127.0.0.1:9115
      - source_labels: [__param_target]
        regex: drop.*
        action: drop
)");
        const auto& j = c.scrapeConfigs[0];
        TargetGroup g;
        g.labels = Labels{{"__meta_rack", "r1"}, {"env", "prod"}};
        auto t = populateTarget(j, g, "example.org");
        QVERIFY2(t.ok(), t.status().toString().c_str());
        QVERIFY(t->has_value());
        const ScrapeTarget& tg = **t;
        QCOMPARE(tg.url, std::string("http://127.0.0.1:9115/metrics?module=http_2xx&target=example.org"));
        QCOMPARE(tg.publicLabels(), (Labels{{"env", "prod"}, {"instance", "127.0.0.1:9115"},
                                            {"job", "blackbox"}, {"rack", "r1"}}));
        QVERIFY(!tg.labels.has("__meta_rack"));
        QCOMPARE(tg.discoveredLabels.get("__meta_rack"), std::string_view("r1"));
        QCOMPARE(tg.discoveredLabels.get("__scrape_interval__"), std::string_view("1m"));
        QCOMPARE(tg.discoveredLabels.get("__param_module"), std::string_view("http_2xx"));
        auto dropped = populateTarget(j, g, "drop.me");
        QVERIFY(dropped.ok() && !dropped->has_value());

        // instance defaults to the address with the scheme's default port (Prometheus 2.x).
        auto plain = parseOk("scrape_configs:\n  - job_name: p\n    scheme: https\n");
        auto t2 = populateTarget(plain.scrapeConfigs[0], TargetGroup{}, "host");
        QVERIFY(t2.ok() && t2->has_value());
        QCOMPARE((*t2)->labels.get("instance"), std::string_view("host:443"));
        QCOMPARE((*t2)->url, std::string("https://host:443/metrics"));
    }
};

QTEST_GUILESS_MAIN(ScrapeConfigTest)
#include "scrape_config_test.moc"
