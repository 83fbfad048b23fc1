// Escaping::Html (html/template as notify.TmplHTML uses it for email `html`): the output of
// actions escaped for its HTML context. Expected texts follow Go's html/template escapers
// (htmlEscaper, attrEscaper, htmlNospaceEscaper, urlFilter/urlNormalizer/urlEscaper).
#include <gtest/gtest.h>

#include "pharos/template/alertmanager_funcs.h"
#include "pharos/template/template.h"

namespace pharos::gotemplate {
namespace {

std::string render(std::string_view text, const Value& data, Escaping escaping = Escaping::Html) {
    Template t = alertmanagerTemplate("email.html");
    t.setEscaping(escaping);
    if (Status s = t.parse(text); !s.ok()) return "PARSE ERROR: " + s.message();
    auto r = t.execute(data);
    return r.ok() ? *r : "EXEC ERROR: " + r.status().message();
}

const Value kData = makeStringMap({
    {"X", "<b>\"Tom\" & 'Jerry' + 1</b>"},
    {"U", "http://x/a b?q=1&r=<2>"},
    {"J", "javascript:alert(1)"},
    {"Q", "a b&c/d"},
    {"C", "a b=c"},
});

TEST(HtmlEscaping, TextContextEscapesLikeGoHtmlEscaper) {
    EXPECT_EQ(render("<p>{{ .X }}</p>", kData),
              "<p>&lt;b&gt;&#34;Tom&#34; &amp; &#39;Jerry&#39; &#43; 1&lt;/b&gt;</p>");
    // The same template in text mode is text/template: no escaping.
    EXPECT_EQ(render("<p>{{ .X }}</p>", kData, Escaping::Text), "<p><b>\"Tom\" & 'Jerry' + 1</b></p>");
    // Template text itself is never escaped, only action output.
    EXPECT_EQ(render("a & b <i>{{ \"<\" }}</i>", kData), "a & b <i>&lt;</i>");
    // printf output and numbers go through the escaper too.
    EXPECT_EQ(render("{{ printf \"%s>%d\" \"a\" 3 }}", kData), "a&gt;3");
}

TEST(HtmlEscaping, SafeHtmlAndHtmlBuiltinAreNotEscapedAgain) {
    EXPECT_EQ(render("<p>{{ .X | safeHtml }}</p>", kData), "<p><b>\"Tom\" & 'Jerry' + 1</b></p>");
    EXPECT_EQ(render("<p>{{ safeHtml .X }}</p>", kData), "<p><b>\"Tom\" & 'Jerry' + 1</b></p>");
    // html (text/template's HTMLEscapeString) stands in for the text escaper: escaped once.
    EXPECT_EQ(render("{{ \"<a&b>\" | html }}", kData), "&lt;a&amp;b&gt;");
    // safeHtml earlier in the pipeline does not make the final value safe.
    EXPECT_EQ(render("{{ safeHtml \"<i>\" | printf \"%s\" }}", kData), "&lt;i&gt;");
}

TEST(HtmlEscaping, TypedValuesCarryTheirType) {
    // template.URL from safeUrl (Alertmanager 0.26+) travels through a variable; printf makes a
    // plain string again, which the URL filter rejects.
    EXPECT_EQ(render("{{ $u := .J | safeUrl }}<a href=\"{{ $u }}\">{{ $u }}</a>", kData),
              "<a href=\"javascript:alert%281%29\">javascript:alert(1)</a>");
    EXPECT_EQ(render("<a href=\"{{ .J | safeUrl | printf \"%s\" }}\">", kData), "<a href=\"#ZgotmplZ\">");
    // Go's %T and type checks see the named type.
    EXPECT_EQ(render("{{ printf \"%T %T\" (safeHtml \"a\") (safeUrl \"b\") }}", kData, Escaping::Text),
              "template.HTML template.URL");
    EXPECT_EQ(render("{{ safeHtml \"a\" | toUpper }}", kData, Escaping::Text),
              "EXEC ERROR: template: email.html:1:18: executing \"email.html\" at <toUpper>: wrong type for value; "
              "expected string; got template.HTML");
    // Typed values compare and measure as strings.
    EXPECT_EQ(render("{{ eq (safeHtml \"a\") \"a\" }} {{ len (safeHtml \"abc\") }}", kData, Escaping::Text), "true 3");
    // In a range over typed values, dot keeps the type.
    const Value list = Value(Map(std::vector<Map::Entry>{
        {"L", Value(List{Value::typed("<b>1</b>", ContentType::HTML), Value("<b>2</b>")})}}));
    EXPECT_EQ(render("{{ range .L }}[{{ . }}]{{ end }}", list), "[<b>1</b>][&lt;b&gt;2&lt;/b&gt;]");
}

TEST(HtmlEscaping, TemplateCallsEscapeTheirOwnActions) {
    EXPECT_EQ(render("{{ define \"t\" }}<b>{{ . }}</b>{{ end }}<p>{{ template \"t\" \"1<2\" }}</p>", kData),
              "<p><b>1&lt;2</b></p>");
}

TEST(HtmlEscaping, AttributeValues) {
    EXPECT_EQ(render("<a title=\"{{ .X }}\">t</a>", kData),
              "<a title=\"&lt;b&gt;&#34;Tom&#34; &amp; &#39;Jerry&#39; &#43; 1&lt;/b&gt;\">t</a>");
    EXPECT_EQ(render("<td title='{{ \"it's\" }}'>", kData), "<td title='it&#39;s'>");
    // Unquoted: whitespace and = are escaped too (htmlNospaceEscaper).
    EXPECT_EQ(render("<td class={{ .C }}>x</td>", kData), "<td class=a&#32;b&#61;c>x</td>");
    // After the tag closes, text context again.
    EXPECT_EQ(render("<td class=\"{{ .C }}\">{{ .C }}</td>", kData), "<td class=\"a b=c\">a b=c</td>");
}

TEST(HtmlEscaping, UrlAttributes) {
    // urlNormalizer percent-encodes what a URL cannot hold, then attrEscaper.
    EXPECT_EQ(render("<a href=\"{{ .U }}\">s</a>", kData), "<a href=\"http://x/a%20b?q=1&amp;r=%3c2%3e\">s</a>");
    // Unsafe schemes are replaced at the start of a URL ...
    EXPECT_EQ(render("<a href=\"{{ .J }}\">s</a>", kData), "<a href=\"#ZgotmplZ\">s</a>");
    EXPECT_EQ(render("<img src=\"{{ .J }}\">", kData), "<img src=\"#ZgotmplZ\">");
    // ... unless marked safe (still normalized: parentheses are percent-encoded).
    EXPECT_EQ(render("<a href=\"{{ .J | safeUrl }}\">s</a>", kData), "<a href=\"javascript:alert%281%29\">s</a>");
    // In the query part values are query-escaped (urlEscaper).
    EXPECT_EQ(render("<a href=\"/s?q={{ .Q }}\">s</a>", kData), "<a href=\"/s?q=a%20b%26c%2fd\">s</a>");
    // urlquery at the end of the pipeline is not escaped twice.
    EXPECT_EQ(render("<a href=\"/s?q={{ urlquery .Q }}\">s</a>", kData), "<a href=\"/s?q=a&#43;b%26c%2Fd\">s</a>");
    // Not a URL attribute: plain attribute escaping.
    EXPECT_EQ(render("<a title=\"{{ .J }}\">s</a>", kData), "<a title=\"javascript:alert(1)\">s</a>");
}

TEST(HtmlEscaping, CommentsRcdataAndNil) {
    EXPECT_EQ(render("a<!-- {{ .X }} hidden -->b{{ \"&\" }}", kData), "ab&amp;");
    EXPECT_EQ(render("<title>{{ .X }}</title>{{ \"<\" }}", kData),
              "<title>&lt;b&gt;&#34;Tom&#34; &amp; &#39;Jerry&#39; &#43; 1&lt;/b&gt;</title>&lt;");
    // html/template skips untyped nil values instead of printing <no value>.
    const Value withNil = Value(Map(std::vector<Map::Entry>{{"N", Value()}}));
    EXPECT_EQ(render("[{{ .N }}]", withNil), "[]");
    EXPECT_EQ(render("[{{ .N }}]", withNil, Escaping::Text), "[<no value>]");
}

}  // namespace
}  // namespace pharos::gotemplate
