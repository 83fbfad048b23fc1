// Private: the HTML context tracking and escapers of Escaping::Html (see template.h), an
// approximation of Go's html/template written for Pharos from its documented behaviour.
// One HtmlContext per execution; not shared between threads.
#pragma once

#include <string>
#include <string_view>

namespace pharos::gotemplate {

// What the pipeline's last command says about its value's content type.
// AlreadyEscaped: ends in the builtin html; UrlEscaped: ends in urlquery (Go then uses them in
// place of its equivalent escapers instead of escaping twice).
enum class HtmlSafety { Plain, SafeHtml, SafeUrl, AlreadyEscaped, UrlEscaped };

class HtmlContext {
public:
    // Template text (a Text node): updates the context, returns the text to write (HTML
    // comments removed).
    std::string feedText(std::string_view text);
    // The printed value of an action, escaped for the current context.
    std::string escape(std::string_view value, HtmlSafety safety) const;

private:
    enum class State { Text, Comment, TagName, Tag, AttrName, AfterAttrName, BeforeValue, Value, RawText };
    void endTag();

    State state_ = State::Text;
    char quote_ = 0;        // Value: '"', '\'' or 0 (unquoted)
    bool urlAttr_ = false;  // Value: the attribute holds a URL
    bool endTag_ = false;   // TagName/Tag: a closing tag
    std::string name_;      // TagName: element name; AttrName: attribute name (lower case)
    std::string element_;   // the current tag's element name
    std::string raw_;       // RawText: the element whose end tag ends it
    std::string valueSoFar_;  // Value: what has been written of the attribute value
};

// Go's htmlEscaper table: NUL < > & ' " + (text nodes and quoted attribute values).
std::string htmlEscapeText(std::string_view s);

}  // namespace pharos::gotemplate
