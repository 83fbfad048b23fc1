// Go text/template engine: parsing, execution and error texts, table-driven with Go's outputs.
#include <gtest/gtest.h>

#include "pharos/template/template.h"

namespace pharos::gotemplate {
namespace {

Value testData() {
    Map m;
    m.set("I", Value(17));
    m.set("F", Value(1.5));
    m.set("Big", Value(1234567.0));
    m.set("S", Value("hello"));
    m.set("Empty", Value(""));
    m.set("T", Value(true));
    m.set("Z", Value(false));
    m.set("L", Value(List{Value(1), Value(2), Value(3)}));
    m.set("SL", Value(List{Value("a"), Value("b")}));
    m.set("EL", Value(List{}));
    m.set("M", Value(Map({{"one", Value(1)}, {"two", Value(2)}, {"three", Value(3)}})));
    m.set("Labels", makeStringMap({{"job", "api"}, {"instance", "host:9090"}}));
    m.set("Nested", Value(Map({{"a", Value(Map({{"b", Value("deep")}}))}})));
    m.set("Nil", Value());
    m.set("Fn", makeFunction("Fn", 1, 1, [](std::span<const Value> a) -> Result<Value> {
              return Value("fn(" + a[0].asString() + ")");
          }));
    Value alert = ObjectBuilder("Alert")
                      .field("Status", Value("firing"))
                      .field("Labels", makeStringMap({{"alertname", "Up"}}))
                      .method("Greet", 1, 1,
                              [](std::span<const Value> a) -> Result<Value> {
                                  return Value("hi " + a[0].asString());
                              })
                      .build();
    m.set("Obj", alert);
    m.set("Alerts", ObjectBuilder("Alerts")
                        .method0("Firing", [alert] { return Value(List{alert}); })
                        .method0("Resolved", [] { return Value(List{}); })
                        .build());
    return Value(std::move(m));
}

std::string render(const std::string& text, const Value& data = testData()) {
    Template t("test");
    Status s = t.parse(text);
    if (!s.ok()) return "PARSE: " + s.message();
    Result<std::string> r = t.execute(data);
    if (!r.ok()) return "EXEC: " + r.status().message();
    return *r;
}

struct Case {
    const char* name;
    const char* text;
    const char* want;
};

class ExecTable : public ::testing::TestWithParam<Case> {};

TEST_P(ExecTable, MatchesGo) {
    const Case& c = GetParam();
    EXPECT_EQ(render(c.text), c.want) << c.text;
}

const Case kCases[] = {
    // Text, fields, printing.
    {"empty", "", ""},
    {"text", "some text", "some text"},
    {"dot int", "{{.I}}", "17"},
    {"float", "{{.F}}", "1.5"},
    {"big float", "{{.Big}}", "1.234567e+06"},
    {"string", "{{.S}}", "hello"},
    {"bool", "{{.T}}", "true"},
    {"list", "{{.L}}", "[1 2 3]"},
    {"map", "{{.M}}", "map[one:1 three:3 two:2]"},
    {"missing map key", "{{.Missing}}", "<no value>"},
    {"missing string-map key", "{{.Labels.nope}}", "<no value>"},
    {"nested", "{{.Nested.a.b}}", "deep"},
    {"missing nested", "{{.Nope.x}}", "<no value>"},
    {"nil", "{{.Nil}}", "<no value>"},
    {"labels", "{{.Labels.job}}/{{.Labels.instance}}", "api/host:9090"},
    {"dollar", "{{$.S}}", "hello"},
    {"literals", "{{1}} {{1.5}} {{1e3}} {{0x10}} {{'a'}} {{\"x\"}} {{`raw`}} {{true}}", "1 1.5 1000 16 97 x raw true"},
    {"float literal exp", "{{1e6}} {{1000000}} {{0.00001}} {{0.0001}} {{100000.0}}", "1e+06 1000000 1e-05 0.0001 100000"},
    {"negative", "{{-3}} {{-1.25}}", "-3 -1.25"},
    {"comment", "a{{/* c */}}b", "ab"},
    {"trim", "a  {{- .I -}}  b", "a17b"},
    {"trim comment", "a  {{- /* c */ -}}  b", "ab"},
    {"trim newline", "x\n  {{- \"y\" }}\n", "xy\n"},
    // Variables.
    {"declare", "{{$x := 3}}{{$x}}", "3"},
    {"assign", "{{$x := 1}}{{$x = 2}}{{$x}}", "2"},
    {"assign in if", "{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}", "2"},
    {"scope", "{{$x := 1}}{{with .S}}{{$x := 5}}{{$x}}{{end}}{{$x}}", "51"},
    {"var field", "{{$m := .M}}{{$m.two}}", "2"},
    // Control structures.
    {"if true", "{{if .T}}yes{{end}}", "yes"},
    {"if false else", "{{if .Z}}yes{{else}}no{{end}}", "no"},
    {"if empty string", "{{if .Empty}}yes{{else}}no{{end}}", "no"},
    {"if empty list", "{{if .EL}}yes{{else}}no{{end}}", "no"},
    {"else if", "{{if .Z}}a{{else if .T}}b{{else}}c{{end}}", "b"},
    {"else if chain", "{{if eq .I 1}}a{{else if eq .I 2}}b{{else if eq .I 17}}c{{else}}d{{end}}", "c"},
    {"with", "{{with .S}}{{.}}{{end}}", "hello"},
    {"with else", "{{with .Empty}}x{{else}}empty{{end}}", "empty"},
    {"else with", "{{with .Empty}}x{{else with .S}}{{.}}{{else}}none{{end}}", "hello"},
    {"range list", "{{range .L}}<{{.}}>{{end}}", "<1><2><3>"},
    {"range index", "{{range $i, $v := .SL}}{{$i}}={{$v}} {{end}}", "0=a 1=b "},
    {"range one var", "{{range $v := .SL}}{{$v}}{{end}}", "ab"},
    {"range map sorted", "{{range $k, $v := .M}}{{$k}}:{{$v}},{{end}}", "one:1,three:3,two:2,"},
    {"range map values", "{{range .M}}{{.}}{{end}}", "132"},
    {"range else", "{{range .EL}}x{{else}}empty{{end}}", "empty"},
    {"range nil", "{{range .Nil}}x{{else}}none{{end}}", "none"},
    {"range break", "{{range .L}}{{if eq . 2}}{{break}}{{end}}{{.}}{{end}}", "1"},
    {"range continue", "{{range .L}}{{if eq . 2}}{{continue}}{{end}}{{.}}{{end}}", "13"},
    {"range int", "{{range 3}}{{.}}{{end}}", "012"},
    {"range dollar", "{{range .SL}}{{$.I}}{{end}}", "1717"},
    // define / template / block.
    {"define template", "{{define \"x\"}}[{{.}}]{{end}}{{template \"x\" .S}}", "[hello]"},
    {"template no data", "{{define \"x\"}}[{{.}}]{{end}}{{template \"x\"}}", "[<no value>]"},
    {"block", "{{block \"b\" .I}}<{{.}}>{{end}}", "<17>"},
    {"recursive define",
     "{{define \"r\"}}{{if gt . 0}}{{.}}{{template \"r\" (len (slice $.L 0 (len (slice $.L 1))))}}{{end}}{{end}}x",
     "x"},
    // Pipelines and functions.
    {"pipeline", "{{.S | printf \"%s!\"}}", "hello!"},
    {"pipeline chain", "{{\"a\" | printf \"%s-%s\" \"b\"}}", "b-a"},
    {"paren", "{{printf \"%d\" (len .L)}}", "3"},
    {"chain field", "{{(.Nested).a.b}}", "deep"},
    {"and", "{{and 1 0 2}} {{and 1 2}} {{and .S .Empty}}", "0 2 "},
    {"or", "{{or 0 \"\" 3}} {{or 0 false}}", "3 false"},
    {"and lazy", "{{and false (index .L 10)}}", "false"},
    {"not", "{{not .T}} {{not 0}}", "false true"},
    {"len", "{{len .S}} {{len .L}} {{len .M}}", "5 3 3"},
    {"index list", "{{index .L 1}}", "2"},
    {"index map", "{{index .M \"two\"}}", "2"},
    {"index missing string map", "[{{index .Labels \"nope\"}}]", "[]"},
    {"index missing map", "{{index .M \"nope\"}}", "<no value>"},
    {"slice", "{{slice .S 1 3}} {{slice .L 1}}", "el [2 3]"},
    {"eq", "{{eq 1 1}} {{eq .S \"hello\"}} {{eq 1 2 3 1}}", "true true true"},
    {"ne lt", "{{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt 1.5 2.5}} {{ge \"b\" \"a\"}}", "true true true false true"},
    {"print", "{{print 1 2 \"a\" \"b\" 3}}", "1 2ab3"},
    {"println", "{{println 1 \"a\"}}", "1 a\n"},
    {"html", "{{html \"<a href='x'>&\\\"\"}}", "&lt;a href=&#39;x&#39;&gt;&amp;&#34;"},
    {"js", "{{js \"it's <b> \\\"q\\\" a=b\"}}", "it\\'s \\u003Cb\\u003E \\\"q\\\" a\\u003Db"},
    {"urlquery", "{{urlquery \"a b&c=d/é\"}}", "a+b%26c%3Dd%2F%C3%A9"},
    {"call", "{{call .Fn \"x\"}}", "fn(x)"},
    {"method", "{{.Obj.Greet \"bob\"}}", "hi bob"},
    {"zero-arg method", "{{range .Alerts.Firing}}{{.Status}} {{.Labels.alertname}}{{end}}", "firing Up"},
    {"len method", "{{len .Alerts.Firing}} {{len .Alerts.Resolved}}", "1 0"},
    {"object print", "{{.Obj.Labels}}", "map[alertname:Up]"},
    // Execution errors (Go's texts).
    {"err field of int", "{{.I.x}}", "EXEC: template: test:1:4: executing \"test\" at <.I.x>: can't evaluate field x in type int"},
    {"err index range", "{{index .L 5}}",
     "EXEC: template: test:1:2: executing \"test\" at <index .L 5>: error calling index: index out of range: 5"},
    {"err compare types", "{{lt 1 1.5}}",
     "EXEC: template: test:1:2: executing \"test\" at <lt 1 1.5>: error calling lt: incompatible types for comparison"},
    {"err nil command", "{{nil}}", "EXEC: template: test:1:2: executing \"test\" at <nil>: nil is not a command"},
    {"err arg to non-function", "{{1 2}}",
     "EXEC: template: test:1:2: executing \"test\" at <1>: can't give argument to non-function 1"},
    {"err wrong arg count", "{{len}}",
     "EXEC: template: test:1:2: executing \"test\" at <len>: wrong number of args for len: want 1 got 0"},
    {"err range int", "{{range .S}}{{end}}",
     "EXEC: template: test:1:8: executing \"test\" at <.S>: range can't iterate over hello"},
    {"err undefined template", "{{template \"nope\"}}",
     "EXEC: template: test:1:11: executing \"test\" at <{{template \"nope\"}}>: template \"nope\" not defined"},
    {"err line col", "line1\n  {{.I.y}}",
     "EXEC: template: test:2:6: executing \"test\" at <.I.y>: can't evaluate field y in type int"},
    {"err method missing", "{{.Obj.Nope}}",
     "EXEC: template: test:1:6: executing \"test\" at <.Obj.Nope>: can't evaluate field Nope in type Alert"},
    // Parse errors (Go's texts).
    {"perr unclosed action", "{{.I", "PARSE: template: test:1: unclosed action"},
    {"perr unexpected EOF", "{{if .T}}x", "PARSE: template: test:1: unexpected EOF"},
    {"perr undefined function", "{{nope 1}}", "PARSE: template: test:1: function \"nope\" not defined"},
    {"perr undefined variable", "{{$x}}", "PARSE: template: test:1: undefined variable \"$x\""},
    {"perr unexpected end", "{{end}}", "PARSE: template: test:1: unexpected {{end}}"},
    {"perr missing value", "{{if}}{{end}}", "PARSE: template: test:1: missing value for if"},
    {"perr empty action", "{{}}", "PARSE: template: test:1: missing value for command"},
    {"perr bad char", "{{.I#}}", "PARSE: template: test:1: bad character U+0023 '#'"},
    {"perr break outside", "{{break}}", "PARSE: template: test:1: {{break}} outside {{range}}"},
    {"perr unterminated string", "{{\"abc}}", "PARSE: template: test:1: unterminated quoted string"},
    {"perr unclosed comment", "{{/* x", "PARSE: template: test:1: unclosed comment"},
    {"perr line number", "a\nb\n{{.I", "PARSE: template: test:3: unclosed action"},
    {"perr non executable", "{{.I | 3}}", "PARSE: template: test:1: non executable command in pipeline stage 2"},
    {"perr unexpected in operand", "{{.I )}}", "PARSE: template: test:1: unexpected right paren"},
    {"perr bad number", "{{3k}}", "PARSE: template: test:1: bad number syntax: \"3k\""},
    {"perr range vars", "{{range $a, $b, $c := .L}}{{end}}", "PARSE: template: test:1: too many declarations in range"},
};

INSTANTIATE_TEST_SUITE_P(Go, ExecTable, ::testing::ValuesIn(kCases), [](const ::testing::TestParamInfo<Case>& tpi) {
    std::string n = tpi.param.name;
    for (char& c : n) {
        if (!isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    return n;
});

TEST(Template, DefinesAcrossParsesAndNames) {
    Template t("main");
    ASSERT_TRUE(t.parse("{{define \"a\"}}A{{end}}{{define \"b\"}}B{{template \"a\"}}{{end}}").ok());
    ASSERT_TRUE(t.parseNamed("other", "{{template \"b\"}}!").ok());
    EXPECT_EQ(t.templateNames(), (std::vector<std::string>{"a", "b", "main", "other"}));
    EXPECT_EQ(*t.executeTemplate("other", Value()), "BA!");
    EXPECT_EQ(*t.executeTemplate("b", Value()), "BA");
    // An empty redefinition keeps the old body; a non-empty one replaces it (across parses).
    ASSERT_TRUE(t.parse("{{define \"a\"}}  {{end}}").ok());
    EXPECT_EQ(*t.executeTemplate("a", Value()), "A");
    ASSERT_TRUE(t.parse("{{define \"a\"}}new{{end}}").ok());
    EXPECT_EQ(*t.executeTemplate("a", Value()), "new");
    Result<std::string> r = t.executeTemplate("zzz", Value());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().message(), "template: no template \"zzz\" associated with template \"main\"");
}

TEST(Template, DuplicateDefinitionInOneParseIsAnError) {
    Template t("main");
    Status s = t.parse("{{define \"a\"}}1{{end}}{{define \"a\"}}2{{end}}");
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.message(), "template: main:1: template: multiple definition of template \"a\"");
}

TEST(Template, ParseErrorCarriesLineAndColumn) {
    Template t("t");
    Status s = t.parse("ok\n  {{ nope }}");
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.where().line, 2);
    EXPECT_EQ(s.where().column, 6);
}

TEST(Template, MissingKeyOptions) {
    Template t("t");
    ASSERT_TRUE(t.parse("[{{.Labels.nope}}]").ok());
    t.setMissingKey(MissingKey::Zero);
    EXPECT_EQ(*t.execute(testData()), "[]");
    t.setMissingKey(MissingKey::Error);
    Result<std::string> r = t.execute(testData());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().message(),
              "template: t:1:10: executing \"t\" at <.Labels.nope>: map has no entry for key \"nope\"");
}

TEST(Template, FuncMapOverridesAndAdds) {
    FuncMap fm;
    fm.add("double", 1, 1, [](std::span<const Value> a) -> Result<Value> { return Value(a[0].asInt() * 2); });
    fm.add("fail", 0, 0, [](std::span<const Value>) -> Result<Value> { return Status::internal("boom"); });
    Template t("t", fm);
    ASSERT_TRUE(t.parse("{{double 21}}|{{3 | double}}").ok());
    EXPECT_EQ(*t.execute(Value()), "42|6");
    Template t2("t", fm);
    ASSERT_TRUE(t2.parse("{{fail}}").ok());
    EXPECT_EQ(t2.execute(Value()).status().message(),
              "template: t:1:2: executing \"t\" at <fail>: error calling fail: boom");
}

TEST(Template, LimitsStopRunawayTemplates) {
    Limits lim;
    lim.maxOutput = 1000;
    Template t("t", {}, lim);
    ASSERT_TRUE(t.parse("{{define \"r\"}}xxxxxxxxxx{{template \"r\"}}{{end}}{{template \"r\"}}").ok());
    Result<std::string> r = t.execute(Value());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("output limit exceeded"), std::string::npos);

    Template deep("t");
    ASSERT_TRUE(deep.parse("{{define \"r\"}}{{template \"r\"}}{{end}}{{template \"r\"}}").ok());
    r = deep.execute(Value());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("exceeded maximum template depth (300)"), std::string::npos);

    Limits steps;
    steps.maxSteps = 10000;
    Template loop("t", {}, steps);
    ASSERT_TRUE(loop.parse("{{range 1000000000}}{{end}}").ok());
    r = loop.execute(Value());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("execution step limit exceeded"), std::string::npos);
}

}  // namespace
}  // namespace pharos::gotemplate
