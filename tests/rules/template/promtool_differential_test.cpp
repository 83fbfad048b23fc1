// Differential table: alert annotation templates expanded by promtool 2.42 (Go's text/template
// and Prometheus' functions) over the series m{instance="h:9090",job="api"} = 12.5, and the
// outputs it produced. Pharos must produce the same strings.
#include <gtest/gtest.h>

#include "pharos/template/prometheus_funcs.h"

namespace pharos::gotemplate {
namespace {

struct PromtoolCase {
    const char* text;
    const char* want;
};

const PromtoolCase kPromtoolCases[] = {
    {"{{ $value }} {{ $labels.instance }} {{ $labels }}",
     "12.5 h:9090 map[__name__:m instance:h:9090 job:api]"},
    {"{{ printf \"%.2f\" $value }}|{{ printf \"%5.1f|%-6s|%x|%q\" $value \"ab\" 255 \"q\\\"\" }}",
     "12.50| 12.5|ab    |ff|\"q\\\"\""},
    {"{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}",
     "__name__=m;instance=h:9090;job=api;"},
    {"{{ if gt $value 10.0 }}big{{ else if gt $value 1.0 }}mid{{ else }}small{{ end }}",
     "big"},
    {"{{ $x := 1 }}{{ range $labels }}{{ $x = 2 }}{{ end }}{{ $x }}",
     "2"},
    {"{{ with $labels.nope }}x{{ else }}none{{ end }}|{{ with $labels.job }}{{ . }}{{ end }}",
     "none|api"},
    {"{{ len $labels }} {{ index $labels \"job\" }} {{ slice \"abcdef\" 1 3 }}",
     "3 api bc"},
    {"{{ print 1 2 \"a\" 3.5 nil }}|{{ println \"x\" 1 }}|",
     "1 2a3.5 <nil>|x 1\n|"},
    {"{{ and 1 0 }} {{ or 0 \"\" }} {{ not $value }} {{ and $value $labels.job }}",
     "0  false api"},
    {"{{ eq $labels.job \"api\" \"x\" }} {{ ne 1 2 }} {{ lt \"a\" \"b\" }} {{ le 1.5 1.5 }}",
     "true true true true"},
    {"{{ html \"<a&'\\\">\" }} {{ js \"<x>'\\\"=\\\\\" }} {{ urlquery \"a b/c?d=\xc3""\xa9""\" }}",
     "&lt;a&amp;&#39;&#34;&gt; \\u003Cx\\u003E\\'\\\"\\u003D\\\\ a+b%2Fc%3Fd%3D%C3%A9"},
    {"{{ 1e6 }} {{ 0.1 }} {{ 1e-5 }} {{ 123456789.0 }} {{ -0.0 }} {{ 0x1F }} {{ 'x' }} {{ 1_000 }}",
     "1e+06 0.1 1e-05 1.23456789e+08 -0 31 120 1000"},
    {"{{ humanize 1234567 }} {{ humanize 0.000123 }} {{ humanize1024 1048576 }} {{ humanizeDuration 90061.5 }} {{ humanizePercentage 0.5 }}",
     "1.235M 123u 1Mi 1d 1h 1m 1s 50%"},
    {"{{ humanizeDuration 0.0005 }} {{ humanize -1234.5 }} {{ humanize 1e30 }} {{ humanize 1e-30 }}",
     "500us -1.234k 1e+06Y 1e-06y"},
    {"{{ reReplaceAll \"(\\\\w+):(\\\\d+)\" \"$2-$1\" $labels.instance }} {{ reReplaceAll \"x*\" \"-\" \"abc\" }} {{ reReplaceAll \"$\" \"!\" \"ab\" }}",
     "9090-h -a-b-c- ab!"},
    {"{{ match \"^h\" $labels.instance }} {{ title \"hello world-foo bar_baz\" }} {{ toUpper \"abc\" }}",
     "true Hello World-Foo Bar_baz ABC"},
    {"{{ stripPort $labels.instance }} {{ stripDomain \"a.b.c:80\" }} {{ graphLink \"rate(x[5m])\" }}",
     "h a:80 /graph?g0.expr=rate%28x%5B5m%5D%29&g0.tab=0"},
    {"{{ parseDuration \"1h30m\" }} {{ humanizeTimestamp 1700000000.5 }} {{ (toTime 1700000000).Format \"Jan 2 15:04\" }}",
     "5400 2023-11-14 22:13:20.5 +0000 UTC Nov 14 22:13"},
    {"{{ define \"t\" }}<{{ . }}>{{ end }}{{ template \"t\" $labels.job }}{{ block \"b\" 5 }}[{{ . }}]{{ end }}",
     "<api>[5]"},
    {"{{- \" trimmed \" -}}  |  {{- 3 }}",
     " trimmed |3"},
    {"{{ range $i, $e := slice \"abc\" 0 2 | printf \"%s\" | len | printf \"%d\" }}{{ end }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:176: executing \"__alert_A\" at <\"%d\">: range can't iterate over 2>"},
    {"{{ printf \"%v %v %v\" $value $labels.job (len $labels) }}",
     "12.5 api 3"},
    {"{{ printf \"%6.3e|%g|%G|%.3g|%10.4v|\" 123456.789 0.00001234 1e-10 1234567.0 3.14159265 }}",
     "1.235e+05|1.234e-05|1E-10|1.23e+06|     3.142|"},
    {"{{ printf \"%t %v %d %s\" true false 42 \"s\" }} {{ printf \"%d %s\" \"x\" 5 }} {{ printf \"%d\" }} {{ printf \"x\" 1 }}",
     "true false 42 s %!d(string=x) %!s(int=5) %!d(MISSING) x%!(EXTRA int=1)"},
    {"{{ printf \"%08.3f|%+d|% d|%x|%X|%o|%b|%c|%U\" -3.14159 5 5 \"hi\" 3054 8 5 65 65 }}",
     "-003.142|+5| 5|6869|BEE|10|101|A|U+0041"},
    {"{{ $value | humanize | printf \"%s!\" }}",
     "12.5!"},
    {"{{ range $labels }}{{ if eq . \"api\" }}{{ break }}{{ end }}{{ . }},{{ end }}",
     "m,h:9090,"},
    {"{{ index $labels \"nope\" }}|{{ $labels.nope }}|{{ len (index $labels \"nope\") }}",
     "||0"},
    {"{{ printf \"%q\" (slice (printf \"%s\" \"hello\") 1) }}",
     "\"ello\""},
    {"{{ lt 1 2.0 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing \"__alert_A\" at <lt 1 2.0>: error calling lt: incompatible types for comparison>"},
    {"{{ .Nope }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing \"__alert_A\" at <.Nope>: can't evaluate field Nope in type struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }>"},
    {"{{ index $labels 1 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing \"__alert_A\" at <index $labels 1>: error calling index: value has type int; should be string>"},
    {"{{ nil }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing \"__alert_A\" at <nil>: nil is not a command>"},
    {"{{ len 3 }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing \"__alert_A\" at <len 3>: error calling len: len of type int>"},
    {"{{ template \"missing\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:124: executing \"__alert_A\" at <{{template \"missing\"}}>: template \"missing\" not defined>"},
    {"{{ $value.x }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:121: executing \"__alert_A\" at <$value.x>: can't evaluate field x in type float64>"},
    {"{{ humanize \"abc\" }}",
     "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing \"__alert_A\" at <humanize \"abc\">: error calling humanize: strconv.ParseFloat: parsing \"abc\": invalid syntax>"},
};

TEST(PromtoolDifferential, AnnotationsMatchPromtool242) {
    Value data = prometheusAlertData({{"__name__", "m"}, {"instance", "h:9090"}, {"job", "api"}}, {}, "", 12.5);
    PrometheusFuncOptions options;
    int agree = 0;
    for (const auto& c : kPromtoolCases) {
        std::string got = expandAlertTemplateOrError("A", c.text, data, options);
        EXPECT_EQ(got, c.want) << c.text;
        agree += got == c.want;
    }
    EXPECT_EQ(agree, static_cast<int>(std::size(kPromtoolCases)));
}

}  // namespace
}  // namespace pharos::gotemplate
