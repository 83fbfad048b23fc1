// Prometheus template functions and alert template expansion: outputs as Prometheus produces them
// (expected values from Prometheus' documented behaviour and promtool 2.42 runs).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "pharos/template/prometheus_funcs.h"

namespace pharos::gotemplate {
namespace {

std::vector<QuerySample> gQueryResult;

PrometheusFuncOptions options() {
    PrometheusFuncOptions o;
    o.externalURL = "http://testhost:9090/path/prefix";
    o.query = [](std::string_view q) -> Result<std::vector<QuerySample>> {
        if (q == "fail") return Status::internal("query failed");
        return gQueryResult;
    };
    return o;
}

std::string expand(const std::string& text, const Value& data = Value()) {
    Template t("test", prometheusFuncs(options()));
    Status s = t.parse(text);
    if (!s.ok()) return "PARSE: " + s.message();
    Result<std::string> r = t.execute(data);
    if (!r.ok()) return "EXEC: " + r.status().message();
    return *r;
}

Value floats(std::initializer_list<double> v) {
    List l;
    for (double d : v) l.push_back(Value(d));
    return Value(l);
}
Value ints(std::initializer_list<int64_t> v) {
    List l;
    for (int64_t d : v) l.push_back(Value(d));
    return Value(l);
}
Value strings(std::initializer_list<const char*> v) {
    List l;
    for (const char* d : v) l.push_back(Value(d));
    return Value(l);
}

struct Case {
    const char* name;
    std::string text;
    Value input;
    std::string want;
};

std::vector<Case> cases() {
    const double inf = std::numeric_limits<double>::infinity();
    return {
        {"plain", "plain text", {}, "plain text"},
        {"args", "{{define \"x\"}}{{.arg0}} {{.arg1}}{{end}}{{template \"x\" (args 1 \"2\")}}", {}, "1 2"},
        {"humanize floats", "{{ range . }}{{ humanize . }}:{{ end }}", floats({0.0, 1.0, 1234567.0, .12}),
         "0:1:1.235M:120m:"},
        {"humanize strings", "{{ range . }}{{ humanize . }}:{{ end }}", strings({"0.0", "1.0", "1234567.0", ".12"}),
         "0:1:1.235M:120m:"},
        {"humanize ints", "{{ range . }}{{ humanize . }}:{{ end }}",
         ints({0, -1, 1, 1234567, std::numeric_limits<int64_t>::max()}), "0:-1:1:1.235M:9.223E:"},
        {"humanize small", "{{ humanize 0.000123 }}", {}, "123u"},
        {"humanize error", "{{ humanize \"one\" }}", {},
         "EXEC: template: test:1:3: executing \"test\" at <humanize \"one\">: error calling humanize: "
         "strconv.ParseFloat: parsing \"one\": invalid syntax"},
        {"humanize1024", "{{ range . }}{{ humanize1024 . }}:{{ end }}", floats({0.0, 1.0, 1048576.0, .12}),
         "0:1:1Mi:0.12:"},
        {"humanize1024 ints", "{{ range . }}{{ humanize1024 . }}:{{ end }}",
         ints({0, -1, 1, 1234567, std::numeric_limits<int64_t>::max()}), "0:-1:1:1.177Mi:8Ei:"},
        {"humanizeDuration", "{{ range . }}{{ humanizeDuration . }}:{{ end }}",
         floats({0, 1, 60, 3600, 86400, 86400 + 3600, -(86400 * 2 + 3600 * 3 + 60 * 4 + 5), 899.99, 3661}),
         "0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:1d 1h 0m 0s:-2d 3h 4m 5s:14m 59s:1h 1m 1s:"},
        {"humanizeDuration fractions", "{{ range . }}{{ humanizeDuration . }}:{{ end }}",
         floats({.1, .0001, .12345, 60.1, 60.5, 1.2345, 12.345}),
         "100ms:100us:123.5ms:1m 0s:1m 0s:1.234s:12.35s:"},
        {"humanizeDuration ints", "{{ range . }}{{ humanizeDuration . }}:{{ end }}", ints({0, -1, 1, 1234567}),
         "0s:-1s:1s:14d 6h 56m 7s:"},
        {"humanize inf nan",
         "{{ range . }}{{ humanize . }}:{{ humanize1024 . }}:{{ humanizeDuration . }}:{{humanizeTimestamp .}}:{{ end }}",
         floats({inf, -inf, std::nan("")}), "+Inf:+Inf:+Inf:+Inf:-Inf:-Inf:-Inf:-Inf:NaN:NaN:NaN:NaN:"},
        {"humanize inf nan strings",
         "{{ range . }}{{ humanize . }}:{{ humanize1024 . }}:{{ humanizeDuration . }}:{{humanizeTimestamp .}}:{{ end }}",
         strings({"+Inf", "-Inf", "NaN"}), "+Inf:+Inf:+Inf:+Inf:-Inf:-Inf:-Inf:-Inf:NaN:NaN:NaN:NaN:"},
        {"humanizePercentage",
         "{{ -0.22222 | humanizePercentage }}:{{ 0.0 | humanizePercentage }}:{{ 0.1234567 | humanizePercentage }}:"
         "{{ 1.23456 | humanizePercentage }}:{{ 0.1234 | humanizePercentage }}",
         {}, "-22.22%:0%:12.35%:123.5%:12.34%"},
        {"humanizePercentage ints", "{{ range . }}{{ humanizePercentage . }}:{{ end }}",
         ints({0, -1, 1, 1234567, std::numeric_limits<int64_t>::max()}), "0%:-100%:100%:1.235e+08%:9.223e+20%:"},
        {"humanizePercentage error", "{{ \"one\" | humanizePercentage }}", {},
         "EXEC: template: test:1:11: executing \"test\" at <humanizePercentage>: error calling humanizePercentage: "
         "strconv.ParseFloat: parsing \"one\": invalid syntax"},
        {"humanizeTimestamp ints", "{{ range . }}{{ humanizeTimestamp . }}:{{ end }}",
         ints({0, -1, 1, 1234567, 9223372036}),
         "1970-01-01 00:00:00 +0000 UTC:1969-12-31 23:59:59 +0000 UTC:1970-01-01 00:00:01 +0000 UTC:"
         "1970-01-15 06:56:07 +0000 UTC:2262-04-11 23:47:16 +0000 UTC:"},
        {"humanizeTimestamp overflow", "{{ range . }}{{ humanizeTimestamp . }}:{{ end }}",
         ints({std::numeric_limits<int64_t>::min()}),
         "EXEC: template: test:1:16: executing \"test\" at <humanizeTimestamp .>: error calling humanizeTimestamp: "
         "-9.223372036854776e+18 cannot be represented as a nanoseconds timestamp since it overflows int64"},
        {"humanizeTimestamp float", "{{ 1435065584.128 | humanizeTimestamp }}", {},
         "2015-06-23 13:19:44.128 +0000 UTC"},
        {"humanizeTimestamp string", "{{ \"1435065584.128\" | humanizeTimestamp }}", {},
         "2015-06-23 13:19:44.128 +0000 UTC"},
        {"toTime format", "{{ (1435065584.128 | toTime).Format \"2006\" }}", {}, "2015"},
        {"toTime print", "{{ toTime 1435065584.128 }}", {}, "2015-06-23 13:19:44.128 +0000 UTC"},
        {"title", "{{ \"aa bb CC\" | title }}|{{ title \"hello wORLD foo_bar x-y\" }}", {},
         "Aa Bb CC|Hello WORLD Foo_bar X-Y"},
        {"toUpper toLower", "{{ \"aa bb CC\" | toUpper }} {{ \"aA bB CC\" | toLower }} {{ toUpper \"éa\" }}", {},
         "AA BB CC aa bb cc ÉA"},
        {"match", "{{ match \"a+\" \"aa\" }} {{ match \"a+\" \"b\" }}", {}, "true false"},
        {"reReplaceAll", "{{ reReplaceAll \"(a)b\" \"x$1\" \"ab\" }}", {}, "xa"},
        {"reReplaceAll empty matches", "{{ reReplaceAll \"a*\" \"-\" \"baaac\" }}", {}, "-b-c-"},
        {"reReplaceAll named", "{{ reReplaceAll \"(?P<x>a)(b)\" \"${x}$2$3$$\" \"abab\" }}", {}, "ab$ab$"},
        {"reReplaceAll bad regex", "{{ reReplaceAll \"(a\" \"\" \"a\" }}", {},
         "EXEC: template: test:1:3: executing \"test\" at <reReplaceAll \"(a\" \"\" \"a\">: error calling reReplaceAll: "
         "regexp: Compile(\"(a\"): error parsing regexp: missing closing ): `(a`"},
        {"graphLink", "{{ graphLink \"up\" }}|{{ tableLink \"rate(x[5m]) > 1\" }}", {},
         "/graph?g0.expr=up&g0.tab=0|/graph?g0.expr=rate%28x%5B5m%5D%29+%3E+1&g0.tab=1"},
        {"pathPrefix", "{{ pathPrefix }}", {}, "/path/prefix"},
        {"externalURL", "{{ externalURL }}", {}, "http://testhost:9090/path/prefix"},
        {"parseDuration", "{{ printf \"%0.2f\" (parseDuration \"1h2m10ms\") }}", {}, "3720.01"},
        {"stripPort",
         "{{ \"foo.example.com\" | stripPort }}|{{ \"foo.example.com:12345\" | stripPort }}|{{ \"192.0.2.1:12345\" | "
         "stripPort }}|{{ \"2001:0DB8::1\" | stripPort }}|{{ \"[2001:0DB8::1]:12345\" | stripPort }}|"
         "{{ \"[2001:0DB8::1]::12345\" | stripPort }}",
         {}, "foo.example.com|foo.example.com|192.0.2.1|2001:0DB8::1|2001:0DB8::1|[2001:0DB8::1]::12345"},
        {"stripDomain",
         "{{ \"foo.example.com\" | stripDomain }}|{{ \"foo.example.com:12345\" | stripDomain }}|{{ \"192.0.2.1\" | "
         "stripDomain }}|{{ \"192.0.2.1:12345\" | stripDomain }}|{{ \"2001:0DB8::1\" | stripDomain }}|"
         "{{ \"[2001:0DB8::1]:12345\" | stripDomain }}|{{ \"[2001:0DB8::1]::12345\" | stripDomain }}",
         {}, "foo|foo:12345|192.0.2.1|192.0.2.1:12345|2001:0DB8::1|[2001:0DB8::1]:12345|[2001:0DB8::1]::12345"},
        {"safeHtml", "{{ \"<b>\" | safeHtml }}", {}, "<b>"},
    };
}

TEST(PrometheusFuncs, Table) {
    for (const Case& c : cases()) {
        EXPECT_EQ(expand(c.text, c.input), c.want) << c.name << ": " << c.text;
    }
}

TEST(PrometheusFuncs, QueryFirstLabelValue) {
    gQueryResult = {{{{"__name__", "metric"}, {"instance", "b"}}, 21},
                    {{{"__name__", "metric"}, {"instance", "a"}, {"__value__", "x"}}, 11}};
    EXPECT_EQ(expand("{{ query \"metric\" | first | value }}"), "21");
    EXPECT_EQ(expand("{{ query \"metric\" | first | label \"instance\" }}"), "b");
    EXPECT_EQ(expand("[{{ query \"metric\" | first | label \"foo\" }}]"), "[]");
    EXPECT_EQ(expand("{{ range query \"metric\" | sortByLabel \"instance\" }}{{.Labels.instance}}:{{.Value}}: {{end}}"),
              "a:11: b:21: ");
    EXPECT_EQ(expand("{{ with query \"metric\" }}{{ (index . 1) | strvalue }}{{ end }}"), "x");
    gQueryResult.clear();
    EXPECT_EQ(expand("{{ query \"missing\" | first }}"),
              "EXEC: template: test:1:21: executing \"test\" at <first>: error calling first: first() called on "
              "vector with no elements");
    EXPECT_EQ(expand("{{ query \"fail\" }}"),
              "EXEC: template: test:1:3: executing \"test\" at <query \"fail\">: error calling query: query failed");
}

TEST(PrometheusFuncs, AlertTemplateExpansion) {
    Value data = prometheusAlertData({{"alertname", "HighLatency"}, {"instance", "host:9090"}}, {{"dc", "eu1"}},
                                     "http://prom:9090", 1234567.0);
    PrometheusFuncOptions o = options();
    EXPECT_EQ(*expandAlertTemplate("HighLatency",
                                   "{{ $labels.instance }} in {{ $externalLabels.dc }}: {{ $value }} = "
                                   "{{ $value | humanize }} [{{ $labels.nope }}] {{ $externalURL }}",
                                   data, o),
              "host:9090 in eu1: 1.234567e+06 = 1.235M [] http://prom:9090");
    EXPECT_EQ(*expandAlertTemplate("A", "{{ .Value }} {{ .Labels.alertname }}", data, o), "1.234567e+06 HighLatency");
    // Errors as Prometheus stores them in the annotation (columns include the prepended defs).
    EXPECT_EQ(expandAlertTemplateOrError("A", "{{ .Foo }}", data, o),
              "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing "
              "\"__alert_A\" at <.Foo>: can't evaluate field Foo in type struct { Labels map[string]string; "
              "ExternalLabels map[string]string; ExternalURL string; Value float64 }>");
    EXPECT_EQ(expandAlertTemplateOrError("A", "{{ humanize 0.000123 }}|{{ humanizeDuration 0.0001 }}|"
                                              "{{ (query \"missing\").banana }}", data, o),
              "<error expanding template: error executing template __alert_A: template: __alert_A:1:176: executing "
              "\"__alert_A\" at <\"missing\">: can't evaluate field banana in type []interface {}>");
    EXPECT_EQ(expandAlertTemplateOrError("A", "{{", data, o),
              "<error expanding template: error parsing template __alert_A: template: __alert_A:1: unclosed action>");
}

}  // namespace
}  // namespace pharos::gotemplate
