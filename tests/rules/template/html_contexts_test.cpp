// Escaping::Html against Go's html/template as Alertmanager 0.25 runs it: every expected string
// below was produced by `amtool template render --template.type=html` (amtool 0.25.0 built with
// Go 1.19.8, Debian), i.e. by Go's own escaper, for the same template text. The Live test
// re-runs amtool on the same table when /usr/bin/amtool is installed.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <random>
#include <vector>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "pharos/template/alertmanager_funcs.h"
#include "pharos/template/template.h"

namespace pharos::gotemplate {
namespace {

struct Case {
    const char* name;
    const char* text;
    const char* want;  // output, or Go's error message
};

// Rendered over data with .Status non-empty and .CommonLabels without "nope".
const Case kCases[] = {
    {"TextAndStrayLt",
     R"~~(<p>{{ "<b>\"Tom\" & 'Jerry' + 1</b>" }}</p> a < b 1<2 <!DOCTYPE html><i>{{ "x" }}</i> a<!-- {{ "x" }} -->b)~~",
     R"~~(<p>&lt;b&gt;&#34;Tom&#34; &amp; &#39;Jerry&#39; &#43; 1&lt;/b&gt;</p> a &lt; b 1&lt;2 <!DOCTYPE html><i>x</i> ab)~~"},
    {"ScriptValues",
     R"~~(<script>var a = {{ "a<b" }}, n = {{ 42 }}, f = {{ 1.5 }}, t = {{ true }}, z = {{ "" }}, m = {{ 1e21 }}, u = {{ 0.0000001 }}, s = {{ stringSlice "a" "b" }};</script>)~~",
     R"~~(<script>var a = "a\u003cb", n =  42 , f =  1.5 , t =  true , z = "", m =  1e+21 , u =  1e-7 , s = ["a","b"];</script>)~~"},
    {"ScriptStrings",
     R"~~(<script>var s = "{{ "a\"b'c&<>+/\\\t\n\x01`" }}", q = '{{ "x'y" }}';</script>)~~",
     R"~~(<script>var s = "a\u0022b\u0027c\u0026\u003c\u003e\u002b\/\\\t\n\u0001\u0060", q = 'x\u0027y';</script>)~~"},
    {"ScriptRegexp",
     R"~~(<script>var r = /{{ "a.b*c(d)[e]$^{}|?-/" }}/, e = /{{ "" }}/i;</script>)~~",
     R"~~(<script>var r = /a\.b\*c\(d\)\[e\]\$\^\{\}\|\?\-\//, e = /(?:)/i;</script>)~~"},
    {"ScriptComments",
     R"~~(<script>// line {{ "x" }}
var a = 1; /* block
 {{ "y" }} */ var b = 2; /* inline */ var c = {{ "z" }};</script>)~~",
     R"~~(<script>
var a = 1; 
  var b = 2;   var c = "z";</script>)~~"},
    {"ScriptDivision",
     R"~~(<script>var x = 4 / {{ 2 }} / 1; var y = {{ "a" }} / 2; var z = x++ / {{ 3 }}; return /{{ "r" }}/;</script>)~~",
     R"~~(<script>var x = 4 /  2  / 1; var y = "a" / 2; var z = x++ /  3 ; return /r/;</script>)~~"},
    {"EventHandlers",
     R"~~(<button onclick="alert({{ "Hi <b>" }}); f('{{ "a'b" }}')" onmouseover='g("{{ "q\"" }}")'>x</button>)~~",
     R"~~(<button onclick="alert(&#34;Hi \u003cb\u003e&#34;); f('a\u0027b')" onmouseover='g("q\u0022")'>x</button>)~~"},
    {"EventHandlerEntities",
     R"~~(<a onclick="var x = &quot;{{ "a\"b" }}&quot;; y = {{ 1 }}">)~~",
     R"~~(<a onclick="var x = &quot;a\u0022b&quot;; y =  1 ">)~~"},
    {"ScriptType",
     R"~~(<script type="text/template">{{ "<b>" }}</script><script type="application/json">{{ "<b>" }}</script><script type="module">{{ "<c>" }}</script>)~~",
     R"~~(<script type="text/template">&lt;b&gt;</script><script type="application/json">"\u003cb\u003e"</script><script type="module">"\u003cc\u003e"</script>)~~"},
    {"StyleElement",
     R"~~(<style>p { color: {{ "red" }}; font: {{ "a;b" }}; background: url({{ "javascript:x" }}) url('/a?{{ "b c(" }}'); }</style>)~~",
     R"~~(<style>p { color: red; font: ZgotmplZ; background: url(#ZgotmplZ) url('/a?b%20c%28'); }</style>)~~"},
    {"StyleAttribute",
     R"~~(<p style="color: {{ "expression(x)" }}; width: {{ 10 }}px; x: {{ "a\\62 c" }}; y: {{ "-x" }}; z: {{ "a--b" }}; w: {{ "#fff" }}">)~~",
     R"~~(<p style="color: ZgotmplZ; width: 10px; x: abc; y: -x; z: ZgotmplZ; w: #fff">)~~"},
    {"CssStrings",
     R"~~(<style>p { font-family: "{{ "Times New Roman" }}", '{{ "a'b\\c:d" }}'; }</style>)~~",
     R"~~(<style>p { font-family: "Times New Roman", '#ZgotmplZ'; }</style>)~~"},
    {"CssComments",
     R"~~(<style>/* c {{ "x" }} */ p { color: red } // l {{ "y" }}
q { color: {{ "blue" }} }</style>)~~",
     R"~~(<style>   p { color: red } 
q { color: blue }</style>)~~"},
    {"UrlAttributes",
     R"~~(<a href="{{ "http://x/a b?q=1&r=<2>" }}">s</a><a href="{{ "javascript:alert(1)" }}">s</a><a href="/s?q={{ "a b&c/d" }}#{{ "f g" }}">s</a><a href="{{ "java" }}{{ "script:x" }}">s</a><form action='{{ "HTTPS://x/%41(" }}'>)~~",
     R"~~(<a href="http://x/a%20b?q=1&amp;r=%3c2%3e">s</a><a href="#ZgotmplZ">s</a><a href="/s?q=a%20b%26c%2fd#f%20g">s</a><a href="java#ZgotmplZ">s</a><form action='HTTPS://x/%41%28'>)~~"},
    {"UrlPredefinedEscapers",
     R"~~(<a href="/s?q={{ urlquery "a b&c/d" }}&h={{ "x&y" | html }}">s</a><a href="{{ "/p q" | urlquery }}">)~~",
     R"~~(<a href="/s?q=a&#43;b%26c%2Fd&h=x%26y">s</a><a href="%2Fp&#43;q">)~~"},
    {"UnquotedAttributes",
     R"~~(<td class={{ "a b=c" }}>x</td><a href={{ "/x y" }}>l</a><img alt={{ "" }}>)~~",
     R"~~(<td class=a&#32;b&#61;c>x</td><a href=/x%20y>l</a><img alt=>)~~"},
    {"AttributeNames",
     R"~~(<p {{ "onclick" }}={{ "x" }} {{ "title" }}="{{ "y" }}" {{ "" }} {{ "a-b" }}>)~~",
     R"~~(<p ZgotmplZ=x title="y" ZgotmplZ ZgotmplZ>)~~"},
    {"Srcset",
     R"~~(<img srcset="{{ "a.png 1x, javascript:x 2x, /b c.png 3x" }}"><img srcset="{{ "/a.png 1x" }}, {{ "/b.png" }} 2x">)~~",
     R"~~(<img srcset="a.png 1x,#ZgotmplZ,#ZgotmplZ"><img srcset="/a.png 1x, /b.png 2x">)~~"},
    {"AttributeHeuristics",
     R"~~(<a data-src="{{ "javascript:1" }}" xmlns:foo="{{ "a b" }}" myurl="{{ "javascript:2" }}" srclang="{{ "javascript:3" }}" data-title="{{ "javascript:4" }}">)~~",
     R"~~(<a data-src="#ZgotmplZ" xmlns:foo="a%20b" myurl="#ZgotmplZ" srclang="javascript:3" data-title="javascript:4">)~~"},
    {"Rcdata",
     R"~~(<textarea>{{ "<b>" }}</textarea><title>{{ "<b>x</b>&amp;" | safeHtml }}</title><TITLE>{{ "&" }}</TITLE>)~~",
     R"~~(<textarea>&lt;b&gt;</textarea><title>&lt;b&gt;x&lt;/b&gt;&amp;</title><TITLE>&amp;</TITLE>)~~"},
    {"TypedHtmlTravels",
     R"~~({{ $x := "<b>" | safeHtml }}{{ $x }}{{ index (stringSlice "<i>") 0 }}{{ or "" ("<u>"|safeHtml) }}{{ with ("<s>"|safeHtml) }}{{ . }}{{end}}{{define "t"}}{{.}}{{end}}{{template "t" ("<q>"|safeHtml)}}{{ "<i>" | safeHtml | printf "%s" }}{{ and 1 ("<em>"|safeHtml) }})~~",
     R"~~(<b>&lt;i&gt;<u><s><q>&lt;i&gt;<em>)~~"},
    {"TypedHtmlInAttributes",
     R"~~(<p title="{{ "<b>x</b> & y" | safeHtml }}" class={{ "<i>a b</i>" | safeHtml }}><a href="{{ "<b>a b</b>" | safeHtml }}">)~~",
     R"~~(<p title="x & y" class=a&#32;b><a href="%3cb%3ea%20b%3c/b%3e">)~~"},
    {"TypedHtmlInScript",
     R"~~(<script>var h = {{ "<b>" | safeHtml }}, s = "{{ "<b>" | safeHtml }}";</script>)~~",
     R"~~(<script>var h = "\u003cb\u003e", s = "\u003cb\u003e";</script>)~~"},
    {"Branches",
     R"~~({{ if .Status }}<a href="/x">{{ else }}<a href="/y">{{ end }}{{ "<" }}</a><script>var x = 1 {{ if .Status }}/{{ end }}</script><p class="{{ if .Status }}{{ "a b" }}{{ end }}">)~~",
     R"~~(<a href="/x">&lt;</a><script>var x = 1 /</script><p class="a b">)~~"},
    {"TemplateCallsPerContext",
     R"~~({{ define "u" }}{{ . }}/x?y={{ . }}{{ end }}<a href="{{ template "u" "a b" }}">l</a><p>{{ template "u" "a<b" }}</p><script>var s = "{{ template "u" "q\"" }}";</script>)~~",
     R"~~(<a href="a%20b/x?y=a%20b">l</a><p>a&lt;b/x?y=a&lt;b</p><script>var s = "q\u0022/x?y=q\u0022";</script>)~~"},
    {"Range",
     R"~~(<ul>{{ range stringSlice "a<" "b" }}<li title="{{ . }}">{{ . }}</li>{{ end }}</ul><a href="/q?{{ range stringSlice "a b" "c" }}{{ . }}&{{ end }}">)~~",
     R"~~(<ul><li title="a&lt;">a&lt;</li><li title="b">b</li></ul><a href="/q?a%20b&c&">)~~"},
    {"HtmlMerged",
     R"~~({{ "<a&b>" | html }} {{ html "<" 1 }} <p title="{{ "<'>" | html }}">)~~",
     R"~~(&lt;a&amp;b&gt; &lt;1 <p title="&lt;&#39;&gt;">)~~"},
    {"Nil",
     R"~~([{{ .CommonLabels.nope }}]<script>var n = {{ .CommonLabels.nope }};</script>)~~",
     R"~~([]<script>var n = "";</script>)~~"},
    {"BreakAndContinue",
     R"~~({{range stringSlice "a" "b"}}<p>{{if eq . "a"}}{{continue}}{{end}}{{.}}</p>{{end}}{{range stringSlice "x<" "y"}}{{ . }}{{ break }}{{ end }})~~",
     R"~~(<p><p>b</p>x&lt;)~~"},
    {"RecursiveTemplate",
     R"~~({{ define "r" }}{{ if . }}<b>{{ template "r" "" }}</b>{{ end }}{{ end }}{{ template "r" "x" }}<a title="{{ "a" }}'x{{ "b" }}">)~~",
     R"~~(<b></b><a title="a'xb">)~~"},
    {"CssFilterIdentifiers",
     R"~~(<p style="{{ "-moz-binding" }}; a: {{ "-x-y" }}; b: {{ "Expression" }}; c: {{ "\\65 xpression" }}">)~~",
     R"~~(<p style="ZgotmplZ; a: -x-y; b: ZgotmplZ; c: ZgotmplZ">)~~"},
    {"RegexpBacktick",
     R"~~(<script>var r = /x{{ "`" }}/, s = "{{ "`" }}";</script>)~~",
     R"~~(<script>var r = /x`/, s = "\u0060";</script>)~~"},
};

// Go's error messages (html/template escaping errors and one execution error).
const Case kErrors[] = {
    {"BranchesDiffer",
     R"~~({{if .Status}}<a href="{{else}}<b>{{end}})~~",
     R"~~(html/template::1:5: {{if}} branches end in different contexts: {stateURL delimDoubleQuote urlPartNone jsCtxRegexp attrURL elementNone <nil>}, {stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>})~~"},
    {"AmbiguousUrl",
     R"~~(x
<a href="{{if .Status}}/a?{{end}}{{ "q" }}">)~~",
     R"~~(html/template::2:36: {{"q"}} appears in an ambiguous context within a URL)~~"},
    {"EndsInNonText",
     R"~~(<a href=")~~",
     R"~~(html/template: ends in a non-text context: {stateURL delimDoubleQuote urlPartNone jsCtxRegexp attrURL elementNone <nil>})~~"},
    {"RangeReentry",
     R"~~({{range stringSlice "a"}}<a href="{{end}})~~",
     R"~~(html/template::1:8: on range loop re-entry: {{range}} branches end in different contexts: {stateURL delimDoubleQuote urlPartNone jsCtxRegexp attrURL elementNone <nil>}, {stateTag delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>})~~"},
    {"EqualsInUnquotedAttr",
     R"~~(<a b=x{{1}}=>)~~",
     R"~~(html/template: "=" in unquoted attr: "=")~~"},
    {"QuoteInAttrName",
     R"~~(<a b"c=1>)~~",
     R"~~(html/template: "\"" in attribute name: " b\"c=1>")~~"},
    {"RegexpCharset",
     R"~~(<script>var r=/[a{{1}}/</script>)~~",
     R"~~(html/template: unfinished JS regexp charset: "[a")~~"},
    {"JsTemplateLiteral",
     R"~~(<script>var y = `{{ 1 }}`</script>)~~",
     R"~~(html/template::1:20: {{1}} appears in a JS template literal)~~"},
    {"HtmlInUnquotedAttr",
     R"~~(<a title={{ "a" | html }}>)~~",
     R"~~(html/template::1:12: predefined escaper "html" disallowed in template)~~"},
    {"PredefinedNotLast",
     R"~~({{ "x" | html | printf "%s" }})~~",
     R"~~(html/template::1:3: predefined escaper "html" disallowed in template)~~"},
    {"NoSuchTemplate",
     R"~~({{ template "nope" }})~~",
     R"~~(html/template::1:12: no such template "nope")~~"},
    {"SlashAmbiguous",
     R"~~(<script>var x = a {{ if .Status }}+{{ end }} /x/</script>)~~",
     R"~~(html/template: '/' could start a division or regexp: "/x/")~~"},
    {"TypedToStringParam",
     R"~~({{ "<b>" | safeHtml | toUpper }})~~",
     R"~~(template: :1:22: executing "" at <toUpper>: wrong type for value; expected string; got template.HTML)~~"},
    {"UnfinishedJsString",
     R"~~(<script>var r="a\)~~",
     R"~~(html/template: unfinished escape sequence in JS string: "a\\")~~"},
    {"BreakContext",
     R"~~({{range stringSlice "a" "b"}}{{if eq . "a"}}<a href="{{break}}{{end}}">{{end}})~~",
     R"~~(html/template::1:55: at range loop break: {{range}} branches end in different contexts: {stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}, {stateURL delimDoubleQuote urlPartNone jsCtxRegexp attrURL elementNone <nil>})~~"},
    {"LaterErrorReplacesEarlier",
     R"~~({{ "x" }}<style{{ 1 }}</style{{ template "t" . }} style)~~",
     R"~~(html/template::1:41: no such template "t")~~"},
    {"RangeErrorPrefixedTwice",
     R"~~(*{{ range .Alerts }}<a url({{ continue }}<a [
{{ end }}))~~",
     R"~~(html/template::1: at range loop continue: at range loop continue: "<" in attribute name: "<a url(")~~"},
    {"RangeBreakPrefixOnSecondPass",
     R"~~({{ 1 }}<script#&{{ range .Alerts }}({{ break }}{{ end }}<textarea>[)~~",
     R"~~(html/template::1: at range loop break: "<" in attribute name: "<textarea>[")~~"},
    {"UnexpectedEofLine",
     R"~~({{ if .Status }}
x)~~",
     R"~~(template: :2: unexpected EOF)~~"},
};

Value testData() {
    NotificationData d;
    d.receiver = "team";
    d.status = "firing";
    d.commonLabels = {{"alertname", "A"}};
    return makeNotificationData(d);
}

// Executes text as Alertmanager's ExecuteHTMLString does (a template named "").
Result<std::string> renderHtml(std::string_view text) {
    Template t = alertmanagerTemplate("");
    t.setEscaping(Escaping::Html);
    if (Status s = t.parse(text); !s.ok()) return s;
    return t.execute(testData());
}

TEST(HtmlContexts, MatchAmtoolOutputs) {
    for (const Case& c : kCases) {
        auto r = renderHtml(c.text);
        ASSERT_TRUE(r.ok()) << c.name << ": " << r.status().toString();
        EXPECT_EQ(*r, c.want) << c.name;
    }
}

TEST(HtmlContexts, MatchAmtoolErrors) {
    for (const Case& c : kErrors) {
        auto r = renderHtml(c.text);
        ASSERT_FALSE(r.ok()) << c.name << " rendered " << *r;
        EXPECT_EQ(r.status().message(), c.want) << c.name;
    }
}

TEST(HtmlContexts, ErrorsCarryTheirLocation) {
    // Node errors name template:line:col in the message (as Go); text errors (Go names only the
    // template) still carry the position in the Status location.
    Template t = alertmanagerTemplate("mail");
    t.setEscaping(Escaping::Html);
    ASSERT_TRUE(t.parse("<p>\n  <a b=x{{ 1 }}=>").ok());
    auto r = t.execute(testData());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().message(), "html/template:mail: \"=\" in unquoted attr: \"=\"");
    EXPECT_EQ(r.status().where().file, "mail");
    EXPECT_EQ(r.status().where().line, 2);
    EXPECT_EQ(r.status().where().column, 16);

    ASSERT_TRUE(t.parse("x\n{{ if .Status }}<a href=\"{{ end }}").ok());
    r = t.execute(testData());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().message().rfind("html/template:mail:2:6: {{if}} branches end in different contexts: ", 0), 0u)
        << r.status().message();
    EXPECT_EQ(r.status().where().line, 2);
}

// ---- a whole email over Alertmanager data ---------------------------------------------------

const char* const kEmailTemplate = R"~~(<!DOCTYPE html>
<html><head><title>{{ .Status | toUpper }} {{ .GroupLabels.alertname }}</title>
<style>body { font-family: "Helvetica Neue", Arial; } /* comment {{ .Receiver }} */ a.{{ .Status }} { color: #c00 }</style>
<script>var alerts = {{ .Alerts }}; var n = {{ len .Alerts }}; var r = "{{ .Receiver }}"; // {{ .Status }}
</script></head>
<body onload="init({{ .GroupLabels }}, '{{ .ExternalURL }}')">
<!-- {{ .Receiver }} -->
<a href="{{ .ExternalURL }}/#/alerts?receiver={{ .Receiver | urlquery }}&silenced={{ .Status }}" class={{ .Status }}>View in Alertmanager</a>
<table style="width: {{ 100 }}%; border: {{ "1px solid red" }}">
{{ range .Alerts }}<tr class="{{ .Status }}"><td title="{{ .Annotations.summary }}">{{ .Labels.alertname }} on {{ .Labels.instance }}</td>
<td>{{ range .Annotations.SortedPairs }}{{ .Name }} = {{ .Value }}<br/>{{ end }}</td>
<td><a href="{{ .GeneratorURL }}">Source</a> <img src="{{ .Annotations.summary }}"> {{ .StartsAt }} {{ .StartsAt.Format "2006-01-02" }}</td></tr>
{{ end }}</table>
{{ with .CommonAnnotations.summary }}{{ . }}{{ else }}<i>no summary</i>{{ end }} {{ "<b>bold</b>" | safeHtml }}
</body></html>)~~";
// amtool template render --template.type=html --template.data=kEmailDataJson --template.text=kEmailTemplate
const char* const kEmailWant = R"~~(<!DOCTYPE html>
<html><head><title>FIRING HighLatency</title>
<style>body { font-family: "Helvetica Neue", Arial; }    a.firing { color: #c00 }</style>
<script>var alerts = [{"status":"firing","labels":{"alertname":"HighLatency","instance":"a\u003cb\u003e:9090","severity":"page"},"annotations":{"runbook":"http://rb/latency?x=1\u0026y=2","summary":"p99 \u003e 1s \u0026 rising"},"startsAt":"2024-05-01T10:00:00.5Z","endsAt":"2024-05-01T11:00:00Z","generatorURL":"http://prom/graph?g0.expr=up%3D%3D0","fingerprint":"abc123"},{"status":"resolved","labels":{"alertname":"HighLatency","instance":"c:9090","severity":"page"},"annotations":{"summary":"javascript:alert(1)"},"startsAt":"2024-05-01T09:00:00Z","endsAt":"2024-05-01T09:30:00Z","generatorURL":"javascript:evil()","fingerprint":"def456"}]; var n =  2 ; var r = "team-x"; 
</script></head>
<body onload="init({&#34;alertname&#34;:&#34;HighLatency&#34;}, 'http:\/\/am.example:9093')">

<a href="http://am.example:9093/#/alerts?receiver=team-x&silenced=firing" class=firing>View in Alertmanager</a>
<table style="width: 100%; border: 1px solid red">
<tr class="firing"><td title="p99 &gt; 1s &amp; rising">HighLatency on a&lt;b&gt;:9090</td>
<td>runbook = http://rb/latency?x=1&amp;y=2<br/>summary = p99 &gt; 1s &amp; rising<br/></td>
<td><a href="http://prom/graph?g0.expr=up%3D%3D0">Source</a> <img src="p99%20%3e%201s%20&amp;%20rising"> 2024-05-01 10:00:00.5 &#43;0000 UTC 2024-05-01</td></tr>
<tr class="resolved"><td title="javascript:alert(1)">HighLatency on c:9090</td>
<td>summary = javascript:alert(1)<br/></td>
<td><a href="#ZgotmplZ">Source</a> <img src="#ZgotmplZ"> 2024-05-01 09:00:00 &#43;0000 UTC 2024-05-01</td></tr>
</table>
<i>no summary</i> <b>bold</b>
</body></html>)~~";
const char* const kEmailDataJson = R"~~({"receiver":"team-x","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"HighLatency","instance":"a<b>:9090","severity":"page"},"annotations":{"summary":"p99 > 1s & rising","runbook":"http://rb/latency?x=1&y=2"},"startsAt":"2024-05-01T10:00:00.5Z","endsAt":"2024-05-01T11:00:00Z","generatorURL":"http://prom/graph?g0.expr=up%3D%3D0","fingerprint":"abc123"},{"status":"resolved","labels":{"alertname":"HighLatency","instance":"c:9090","severity":"page"},"annotations":{"summary":"javascript:alert(1)"},"startsAt":"2024-05-01T09:00:00Z","endsAt":"2024-05-01T09:30:00Z","generatorURL":"javascript:evil()","fingerprint":"def456"}],"groupLabels":{"alertname":"HighLatency"},"commonLabels":{"alertname":"HighLatency","severity":"page"},"commonAnnotations":{},"externalURL":"http://am.example:9093"})~~";

Value emailData() {
    NotificationData d;
    d.receiver = "team-x";
    d.status = "firing";
    NotificationAlert a;
    a.status = "firing";
    a.labels = {{"alertname", "HighLatency"}, {"instance", "a<b>:9090"}, {"severity", "page"}};
    a.annotations = {{"summary", "p99 > 1s & rising"}, {"runbook", "http://rb/latency?x=1&y=2"}};
    a.startsAtNanos = 1714557600500000000;
    a.endsAtNanos = 1714561200000000000;
    a.generatorURL = "http://prom/graph?g0.expr=up%3D%3D0";
    a.fingerprint = "abc123";
    NotificationAlert b;
    b.status = "resolved";
    b.labels = {{"alertname", "HighLatency"}, {"instance", "c:9090"}, {"severity", "page"}};
    b.annotations = {{"summary", "javascript:alert(1)"}};
    b.startsAtNanos = 1714554000000000000;
    b.endsAtNanos = 1714555800000000000;
    b.generatorURL = "javascript:evil()";
    b.fingerprint = "def456";
    d.alerts = {a, b};
    d.groupLabels = {{"alertname", "HighLatency"}};
    d.commonLabels = {{"alertname", "HighLatency"}, {"severity", "page"}};
    d.externalURL = "http://am.example:9093";
    return makeNotificationData(d);
}

TEST(HtmlContexts, WholeEmailMatchesAmtool) {
    Template t = alertmanagerTemplate("");
    t.setEscaping(Escaping::Html);
    ASSERT_TRUE(t.parse(kEmailTemplate).ok());
    auto r = t.execute(emailData());
    ASSERT_TRUE(r.ok()) << r.status().toString();
    EXPECT_EQ(*r, kEmailWant);
}

TEST(HtmlContexts, JsonOfAlertmanagerValuesMatchesAmtool) {
    // amtool --template.data=kEmailDataJson, Go's json.Marshal of Alertmanager's types.
    Template t = alertmanagerTemplate("");
    t.setEscaping(Escaping::Html);
    ASSERT_TRUE(t.parse(R"(<script>var p = {{ .CommonLabels.SortedPairs }}, n = {{ .CommonLabels.Names }}, e = {{ (index .Alerts 1).EndsAt }}, f = {{ .Alerts.Firing }};</script>)").ok());
    auto r = t.execute(emailData());
    ASSERT_TRUE(r.ok()) << r.status().toString();
    EXPECT_EQ(*r, R"(<script>var p = [{"Name":"alertname","Value":"HighLatency"},{"Name":"severity","Value":"page"}], n = ["alertname","severity"], e = "2024-05-01T09:30:00Z", f = [{"status":"firing","labels":{"alertname":"HighLatency","instance":"a\u003cb\u003e:9090","severity":"page"},"annotations":{"runbook":"http://rb/latency?x=1\u0026y=2","summary":"p99 \u003e 1s \u0026 rising"},"startsAt":"2024-05-01T10:00:00.5Z","endsAt":"2024-05-01T11:00:00Z","generatorURL":"http://prom/graph?g0.expr=up%3D%3D0","fingerprint":"abc123"}];</script>)");
}

// ---- live differential against amtool -------------------------------------------------------

// Runs amtool with argv (no shell); returns exit status, stdout and stderr.
struct AmtoolRun {
    int status = -1;
    std::string out, err;
};

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

AmtoolRun runAmtool(const std::filesystem::path& dir, const std::string& text, const std::string& extra = "") {
    const auto outPath = dir / "out.txt", errPath = dir / "err.txt";
    const std::string glob = "--template.glob=" + (dir / "empty.tmpl").string();
    const std::string tmpl = "--template.text=" + text;
    AmtoolRun r;
    const pid_t pid = fork();
    if (pid == 0) {
        std::FILE* o = std::freopen(outPath.c_str(), "w", stdout);
        std::FILE* e = std::freopen(errPath.c_str(), "w", stderr);
        if (!o || !e) _exit(127);
        const char* argv[] = {"/usr/bin/amtool", "template", "render", glob.c_str(), "--template.type=html",
                              tmpl.c_str(), extra.empty() ? nullptr : extra.c_str(), nullptr};
        execv(argv[0], const_cast<char* const*>(argv));
        _exit(127);
    }
    if (pid < 0) return r;
    int st = 0;
    waitpid(pid, &st, 0);  // exactly the child started above
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    r.out = slurp(outPath);
    r.err = slurp(errPath);
    return r;
}

// Random templates built from context openers/closers, actions and filler, rendered by amtool
// and by Pharos over the same data (kEmailDataJson / emailData()).
std::vector<std::string> randomTemplates(unsigned seed, int n) {
    static const char* const acts[] = {
        R"~({{ .Receiver }})~",
        R"~({{ .ExternalURL }})~",
        R"~({{ "a<b>&'\" c" }})~",
        R"~({{ 1 }})~",
        R"~({{ -2.5 }})~",
        R"~({{ true }})~",
        R"~({{ .GroupLabels }})~",
        R"~({{ "javascript:x" }})~",
        R"~({{ "/p q?r=s&t" }})~",
        R"~({{ "x" | safeHtml }})~",
        R"~({{ "<i>x</i> y" | safeHtml }})~",
        R"~({{ .Receiver | urlquery }})~",
        R"~({{ (index .Alerts 0).StartsAt }})~",
        R"~({{ "" }})~",
        R"~({{ "a\nb\tc\x00" }})~",
        R"~({{ "red" }})~",
        R"~({{ "12px" }})~",
        R"~({{ "a;b" }})~",
        R"~({{ stringSlice "a" "b" }})~",
        R"~({{ .Alerts }})~",
        R"~({{ "\u2028" }})~",
        R"~({{ "é€" }})~",
        R"~({{ "a\\62 c" }})~",
        R"~({{ "http://x/a,b 2x" }})~",
        R"~({{ "-moz-binding" }})~",
        R"~({{ "expression(1)" }})~",
        R"~({{ "#fff" }})~",
        R"~({{ "a b, c 1x" }})~",
        R"~({{ "/* x */" }})~",
        R"~({{ "</script>" }})~",
        R"~({{ "mailto:a@b" }})~",
        R"~({{ "HTTP://x" }})~",
        R"~({{ "\\" }})~",
        R"~({{ "`" }})~",
        R"~({{ .Status | html }})~",
    };
    static const std::pair<const char*, const char*> wraps[] = {
        {R"~(<a href=")~", R"~(">)~"},
        {R"~(<a href=')~", R"~('>)~"},
        {R"~(<a href=)~", R"~(>)~"},
        {R"~(<script>)~", R"~(</script>)~"},
        {R"~(<style>)~", R"~(</style>)~"},
        {R"~(<p title=')~", R"~('>)~"},
        {R"~(<p onclick=")~", R"~(">)~"},
        {R"~(<p style=")~", R"~(">)~"},
        {R"~(<img srcset=")~", R"~(">)~"},
        {R"~(<textarea>)~", R"~(</textarea>)~"},
        {R"~(<p>)~", R"~(</p>)~"},
        {R"~(<script>var s = ")~", R"~(";</script>)~"},
        {R"~(<script>var s = ')~", R"~(';</script>)~"},
        {R"~(<script>var r = /)~", R"~(/;</script>)~"},
        {R"~(<style>a { b: url()~", R"~(); }</style>)~"},
        {R"~(<style>a { font: ")~", R"~("; }</style>)~"},
        {R"~(<a href="/x?q=)~", R"~(">)~"},
        {R"~(<a href="/x#)~", R"~(">)~"},
        {R"~(<p class=)~", R"~( id=x>)~"},
        {R"~(<script>x = 1 / )~", R"~(; y = 2;</script>)~"},
        {R"~(<script>if (a) )~", R"~( else b;</script>)~"},
        {R"~(<button onclick="f(&quot;)~", R"~(&quot;)">)~"},
        {R"~(<a href="{{ if .Status }}/a?{{ else }}/b?{{ end }})~", R"~(">)~"},
        {R"~(<!-- )~", R"~( -->)~"},
        {R"~(<script>// )~", R"~(
</script>)~"},
        {R"~(<p )~", R"~(>)~"},
    };
    static const char* const fill[] = {R"~()~", R"~( )~", R"~(x)~", R"~(/)~", R"~(?)~", R"~(#)~", R"~(=)~", R"~(1)~", R"~(a b)~", R"~(()~", R"~())~", R"~(,)~", R"~(&amp;)~", R"~(&quot;)~"};
    std::mt19937 rng(seed);
    auto pick = [&rng](size_t bound) { return static_cast<size_t>(rng() % bound); };
    std::vector<std::string> out;
    for (int k = 0; k < n; ++k) {
        std::string t;
        for (size_t w = 0, nw = 1 + pick(4); w < nw; ++w) {
            const auto& [open, close] = wraps[pick(std::size(wraps))];
            std::string body;
            for (size_t b = 0, nb = 1 + pick(4); b < nb; ++b)
                body += pick(2) ? acts[pick(std::size(acts))] : fill[pick(std::size(fill))];
            if (pick(5) == 0) body = "{{ range .Alerts }}" + body + "{{ end }}";
            t += open + body + close;
        }
        out.push_back(std::move(t));
    }
    return out;
}

TEST(HtmlContexts, LiveAgainstAmtool) {
    if (!std::filesystem::exists("/usr/bin/amtool")) GTEST_SKIP() << "amtool not installed";
    const auto dir = std::filesystem::temp_directory_path() / ("pharos-amtool-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    { std::ofstream(dir / "empty.tmpl") << "\n"; }
    for (const Case& c : kCases) {
        const AmtoolRun r = runAmtool(dir, c.text);
        ASSERT_EQ(r.status, 0) << c.name << ": " << r.err;
        auto ours = renderHtml(c.text);
        ASSERT_TRUE(ours.ok()) << c.name << ": " << ours.status().toString();
        EXPECT_EQ(*ours, r.out) << c.name;
    }
    for (const Case& c : kErrors) {
        const AmtoolRun r = runAmtool(dir, c.text);
        EXPECT_NE(r.status, 0) << c.name;
        auto ours = renderHtml(c.text);
        ASSERT_FALSE(ours.ok()) << c.name;
        EXPECT_NE(r.err.find(ours.status().message()), std::string::npos) << c.name << ": amtool said " << r.err;
    }
    { std::ofstream(dir / "data.json") << kEmailDataJson; }
    const AmtoolRun r = runAmtool(dir, kEmailTemplate, "--template.data=" + (dir / "data.json").string());
    ASSERT_EQ(r.status, 0) << r.err;
    Template t = alertmanagerTemplate("");
    t.setEscaping(Escaping::Html);
    ASSERT_TRUE(t.parse(kEmailTemplate).ok());
    auto ours = t.execute(emailData());
    ASSERT_TRUE(ours.ok()) << ours.status().toString();
    EXPECT_EQ(*ours, r.out);

    int outputs = 0, errors = 0;
    for (const std::string& text : randomTemplates(20261129, 80)) {
        const AmtoolRun a = runAmtool(dir, text, "--template.data=" + (dir / "data.json").string());
        Template rt = alertmanagerTemplate("");
        rt.setEscaping(Escaping::Html);
        ASSERT_TRUE(rt.parse(text).ok()) << text;
        auto mine = rt.execute(emailData());
        if (a.status == 0) {
            ++outputs;
            ASSERT_TRUE(mine.ok()) << text << "\n" << mine.status().toString();
            EXPECT_EQ(*mine, a.out) << text;
        } else {
            ++errors;
            ASSERT_FALSE(mine.ok()) << text << "\namtool: " << a.err;
            EXPECT_EQ(a.err, "amtool: error: " + mine.status().message() + "\n\n") << text;
        }
    }
    EXPECT_GT(outputs, 40);  // the generator must mostly produce valid templates
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pharos::gotemplate
