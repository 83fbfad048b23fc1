// prometheus.yml scrape part: defaults, every field, errors with file:line:col, file_sd (JSON
// and YAML) and target label computation (Prometheus' PopulateLabels).
#include <QtTest>

#include "pharos/core/scrape/scrape_config.h"

using namespace pharos::core::scrape;
using pharos::Status;
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
        // dns_sd_configs is run by Pharos now: parsed with 2.42's defaults, no warning.
        QVERIFY(c.warnings.empty());
        QCOMPARE(c.scrapeConfigs[1].dnsSdConfigs.size(), size_t(1));
        QCOMPARE(c.scrapeConfigs[1].dnsSdConfigs[0].names, std::vector<std::string>{"x"});
        QCOMPARE(c.scrapeConfigs[1].dnsSdConfigs[0].type, DnsRecordType::Srv);
        QCOMPARE(c.scrapeConfigs[1].dnsSdConfigs[0].refreshIntervalMs, int64_t(30000));

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
        // http_sd_configs (discovery/http UnmarshalYAML; messages as promtool 2.42 prints them).
        const QString http = "scrape_configs:\n  - job_name: a\n    http_sd_configs:\n";
        QTest::newRow("http_sd no url") << http + "      - refresh_interval: 5s\n"
                                        << "prometheus.yml:4:9: URL is missing";
        QTest::newRow("http_sd ftp") << http + "      - url: ftp://x/y\n"
                                     << "prometheus.yml:4:14: URL scheme must be 'http' or 'https'";
        QTest::newRow("http_sd no host") << http + "      - url: http:///x\n"
                                         << "prometheus.yml:4:14: host is missing in URL";
        QTest::newRow("http_sd unknown field") << http + "      - url: http://h/x\n        foo: 1\n"
                                               << "prometheus.yml:5:9: field foo not found in type http.plain";
        QTest::newRow("http_sd two auths")
            << http + "      - url: http://h/x\n        basic_auth: {username: u}\n        bearer_token: t\n"
            << "prometheus.yml:4:9: at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured";
        QTest::newRow("http_sd bad proxy") << http + "      - url: http://h/x\n        proxy_url: ftp://p:21\n"
                                           << "prometheus.yml:5:20: unsupported proxy scheme \"ftp\"";
        // dns_sd_configs (discovery/dns UnmarshalYAML, 2.42).
        const QString dns = "scrape_configs:\n  - job_name: a\n    dns_sd_configs:\n";
        QTest::newRow("dns_sd no names") << dns + "      - type: A\n"
                                         << "prometheus.yml:4:9: DNS-SD config must contain at least one SRV record name";
        QTest::newRow("dns_sd MX without port")
            << dns + "      - names: [x]\n        type: MX\n"
            << "prometheus.yml:4:9: a port is required in DNS-SD configs for all record types except SRV";
        QTest::newRow("dns_sd A without port")
            << dns + "      - names: [x]\n        type: a\n"
            << "prometheus.yml:4:9: a port is required in DNS-SD configs for all record types except SRV";
        QTest::newRow("dns_sd NS is later than 2.42") << dns + "      - names: [x]\n        type: NS\n        port: 1\n"
                                                      << "prometheus.yml:5:15: invalid DNS-SD records type NS";
        QTest::newRow("dns_sd unknown field") << dns + "      - names: [x]\n        foo: 1\n"
                                              << "prometheus.yml:5:9: field foo not found in type dns.plain";
        QTest::newRow("dns_sd bad port") << dns + "      - names: [x]\n        type: A\n        port: http\n"
                                         << "prometheus.yml:6:15: cannot unmarshal \"http\" into int (port)";
        // proxy_url: http:// and socks5:// (what Qt Network offers); Go's URL parse errors.
        QTest::newRow("proxy no scheme") << "scrape_configs:\n  - job_name: a\n    proxy_url: 127.0.0.1:3128\n"
                                         << "prometheus.yml:3:16: parse \"127.0.0.1:3128\": proxy_url must be an absolute URL";
        QTest::newRow("proxy bad escape") << "scrape_configs:\n  - job_name: a\n    proxy_url: http://%zz\n"
                                          << "prometheus.yml:3:16: parse \"http://%zz\": invalid URL escape \"%zz\"";
        QTest::newRow("proxy https") << "scrape_configs:\n  - job_name: a\n    proxy_url: https://p:443\n"
                                     << "prometheus.yml:3:16: unsupported proxy scheme \"https\" in proxy_url \"https://p:443\": "
                                        "Pharos supports http:// and socks5:// proxies";
        QTest::newRow("proxy no host") << "scrape_configs:\n  - job_name: a\n    proxy_url: http://:3128\n"
                                       << "prometheus.yml:3:16: proxy_url \"http://:3128\" has no host";
    }
    void errors() {
        QFETCH(QString, yaml);
        QFETCH(QString, error);
        auto r = parseScrapeConfig(yaml.toStdString(), "prometheus.yml", "");
        QVERIFY(!r.ok());
        QVERIFY2(QString::fromStdString(r.status().toString()).contains(error), r.status().toString().c_str());
    }
    void httpSdAndDnsSd() {
        auto c = parseOk(R"(scrape_configs:
  - job_name: h
    proxy_url: http://proxy.example:3128
    http_sd_configs:
      - url: https://sd.example/targets
      - url: http://sd2.example/t?x=1
        refresh_interval: 15s
        basic_auth: {username: u, password: p}
        tls_config: {ca_file: ca.pem}
        proxy_url: socks5://127.0.0.1:1080
        follow_redirects: false
      - url: http://sd3.example/
        bearer_token_file: token
  - job_name: d
    dns_sd_configs:
      - names: [_prometheus._tcp.example.org, other.example.org.]
      - names: [mx.example.org]
        type: mx
        port: 9100
        refresh_interval: 1m
      - names: [v6.example.org]
        type: AAAA
        port: 80
        refresh_interval: 10s
)");
        QVERIFY(c.warnings.empty());
        const auto& h = c.scrapeConfigs[0];
        QCOMPARE(h.proxyUrl, std::string("http://proxy.example:3128"));
        QCOMPARE(h.httpClient().proxyUrl, h.proxyUrl);
        QCOMPARE(h.httpSdConfigs.size(), size_t(3));
        QCOMPARE(h.httpSdConfigs[0].url, std::string("https://sd.example/targets"));
        QCOMPARE(h.httpSdConfigs[0].refreshIntervalMs, int64_t(60000));  // 2.42 default
        QVERIFY(h.httpSdConfigs[0].http.followRedirects);
        QVERIFY(h.httpSdConfigs[0].http.proxyUrl.empty());  // the job's proxy_url is not inherited
        QCOMPARE(h.httpSdConfigs[0].where.toString(), std::string("prometheus.yml:5:9"));
        const auto& sd2 = h.httpSdConfigs[1];
        QCOMPARE(sd2.refreshIntervalMs, int64_t(15000));
        QCOMPARE(sd2.http.basicAuth->username, std::string("u"));
        QCOMPARE(sd2.http.tls.caFile, kDataDir + "/ca.pem");
        QCOMPARE(sd2.http.proxyUrl, std::string("socks5://127.0.0.1:1080"));
        QVERIFY(!sd2.http.followRedirects);
        QCOMPARE(h.httpSdConfigs[2].http.authorization->type, std::string("Bearer"));
        QCOMPARE(h.httpSdConfigs[2].http.authorization->credentialsFile, kDataDir + "/token");

        const auto& d = c.scrapeConfigs[1];
        QCOMPARE(d.dnsSdConfigs.size(), size_t(3));
        QCOMPARE(d.dnsSdConfigs[0].type, DnsRecordType::Srv);
        QCOMPARE(d.dnsSdConfigs[0].names.size(), size_t(2));
        QCOMPARE(d.dnsSdConfigs[0].refreshIntervalMs, int64_t(30000));  // 2.42 default
        QCOMPARE(d.dnsSdConfigs[0].port, 0);
        QCOMPARE(d.dnsSdConfigs[1].type, DnsRecordType::Mx);  // type is case-insensitive
        QCOMPARE(d.dnsSdConfigs[1].port, 9100);
        QCOMPARE(d.dnsSdConfigs[1].refreshIntervalMs, int64_t(60000));
        QCOMPARE(d.dnsSdConfigs[2].type, DnsRecordType::Aaaa);
        QCOMPARE(dnsRecordTypeName(d.dnsSdConfigs[2].type), std::string_view("AAAA"));
        QCOMPARE(d.dnsSdConfigs[2].where.toString(), std::string("prometheus.yml:21:9"));
    }
    void proxyUrl_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("ok");
        QTest::newRow("empty") << "" << true;
        QTest::newRow("http") << "http://127.0.0.1:3128" << true;
        QTest::newRow("http no port") << "http://proxy.example" << true;
        QTest::newRow("http user") << "http://u:p%40ss@proxy:8080/" << true;
        QTest::newRow("HTTP upper") << "HTTP://proxy:8080" << true;
        QTest::newRow("socks5") << "socks5://127.0.0.1:1080" << true;
        QTest::newRow("https") << "https://proxy:443" << false;
        QTest::newRow("ftp") << "ftp://proxy:21" << false;
        QTest::newRow("relative") << "proxy:3128" << false;
        QTest::newRow("no host") << "http://" << false;
        QTest::newRow("bad escape") << "http://p%2" << false;
    }
    void proxyUrl() {
        QFETCH(QString, url);
        QFETCH(bool, ok);
        const Status st = validateProxyUrl(url.toStdString());
        QVERIFY2(st.ok() == ok, st.toString().c_str());
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
