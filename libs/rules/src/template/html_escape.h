// Private: Escaping::Html, Pharos' implementation of Go's html/template contextual autoescaping
// (Go 1.19.8, the toolchain Debian's Alertmanager 0.25 / amtool are built with), written for
// Pharos from Go's documented behaviour.
//
// Before execution, HtmlEscaper walks the executed template and every template it calls, tracking
// the HTML/JS/CSS/URL context over the template text as Go's context.go/transition.go do (also
// through {{if}}/{{with}}/{{range}} branches, which must end in the same context, and template
// calls, which are analysed once per start context). For each action it records the chain of
// escapers Go's escape.go would append to the pipeline; for each text node the rewritten text
// (HTML comments and JS/CSS comments removed, stray '<' in text escaped). The executor then
// applies the chains (applyEscapers) to the printed values; typed strings (Value::contentType:
// template.HTML, URL, ...) are trusted as Go's escapers trust them.
// One HtmlEscaper per execution; not shared between threads. Plans are immutable afterwards.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ast.h"
#include "pharos/status.h"
#include "pharos/template/value.h"

namespace pharos::gotemplate {

enum class HState : uint8_t {
    Text, Tag, AttrName, AfterName, BeforeValue, HTMLCmt, RCDATA, Attr, URL, Srcset,
    JS, JSDqStr, JSSqStr, JSBqStr, JSRegexp, JSBlockCmt, JSLineCmt,
    CSS, CSSDqStr, CSSSqStr, CSSDqURL, CSSSqURL, CSSURL, CSSBlockCmt, CSSLineCmt, Error,
    Dead,  // after {{break}}/{{continue}}: no output follows
};
enum class Delim : uint8_t { None, DoubleQuote, SingleQuote, SpaceOrTagEnd };
enum class UrlPart : uint8_t { None, PreQuery, QueryOrFrag, Unknown };
enum class JsCtx : uint8_t { Regexp, DivOp, Unknown };
enum class AttrKind : uint8_t { None, Script, ScriptType, Style, URL, Srcset };
enum class Element : uint8_t { None, Script, Style, Textarea, Title };

// An escaping error, shared by the contexts that carry it (Go's *Error: range handling prefixes
// its description in place, which later passes over the same text can repeat).
struct HtmlError {
    std::string desc;       // Go's description
    std::string loc;        // "NAME:LINE:COL" when Go reports it at a node, else empty
    int goLine = 0;         // a line Go names without a node ("NAME:LINE: ..."), set by range errors
    std::string file;       // where it is, for the Status location
    int line = 0;
    int column = 0;
};

// Go's html/template context. err is set in the Error state (not part of equality).
struct HtmlCtx {
    HState state = HState::Text;
    Delim delim = Delim::None;
    UrlPart urlPart = UrlPart::None;
    JsCtx jsCtx = JsCtx::Regexp;
    AttrKind attr = AttrKind::None;
    Element element = Element::None;
    std::shared_ptr<HtmlError> err;

    bool operator==(const HtmlCtx& o) const {
        return state == o.state && delim == o.delim && urlPart == o.urlPart && jsCtx == o.jsCtx &&
               attr == o.attr && element == o.element;
    }
    // Go's context.String(): "{stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}".
    std::string toString() const;
    uint32_t key() const;
};

// The escapers Go inserts into pipelines (escape.go funcMap), plus the predefined escapers html
// and urlquery when they are merged with an equivalent one.
enum class Esc : uint8_t {
    HtmlEscaper, RcdataEscaper, AttrEscaper, NospaceEscaper, UrlFilter, UrlNormalizer, UrlEscaper,
    JsValEscaper, JsStrEscaper, JsRegexpEscaper, CssEscaper, CssValueFilter, HtmlNameFilter,
    SrcsetEscaper, CommentEscaper, Html, Urlquery,
};

struct ActionPlan {
    std::vector<Esc> chain;
    // The pipeline's last command is the predefined escaper html/urlquery merged into chain: the
    // executor evaluates the pipeline without it and hands its arguments to the chain.
    bool lastMerged = false;
};

// The escaping of one template body in one start context.
struct EscapePlan {
    std::unordered_map<const Node*, ActionPlan> actions;
    std::unordered_map<const Node*, std::string> texts;           // rewritten text nodes
    std::unordered_map<const Node*, const EscapePlan*> calls;    // {{template}} → callee's plan
};

using TreeSet = std::map<std::string, std::shared_ptr<const Tree>, std::less<>>;

class HtmlEscaper {
public:
    // maxDepth bounds nested template calls, maxSteps the nodes visited (range bodies are
    // escaped twice, so nested ranges multiply the work).
    HtmlEscaper(const TreeSet& trees, int maxDepth, uint64_t maxSteps)
        : trees_(trees), maxDepth_(maxDepth), maxSteps_(maxSteps) {}
    // Escapes template `name` starting in HTML text; it must end in text (Go's escapeTemplate).
    // Errors read as Go's: "html/template:NAME:LINE:COL: description".
    Result<const EscapePlan*> escapeTemplate(std::string_view name);

private:
    struct Derived {
        std::unique_ptr<EscapePlan> plan;
        HtmlCtx out;
        bool inProgress = false;
        bool recursed = false;
    };

    HtmlCtx escapeList(HtmlCtx c, const Node* list, EscapePlan& plan);
    HtmlCtx escapeNode(HtmlCtx c, const Node& n, EscapePlan& plan);
    HtmlCtx escapeText(HtmlCtx c, const Node& n, EscapePlan& plan);
    HtmlCtx escapeAction(HtmlCtx c, const Node& n, EscapePlan& plan);
    HtmlCtx escapeBranch(HtmlCtx c, const Node& n, EscapePlan& plan);
    HtmlCtx escapeCall(HtmlCtx c, const Node& n, EscapePlan& plan);
    // Escapes `name` in context c; sets *planOut to its plan; returns the output context.
    HtmlCtx escapeTree(HtmlCtx c, std::string_view name, const Node* at, const EscapePlan** planOut);
    HtmlCtx join(const HtmlCtx& a, const HtmlCtx& b, const Node& n, const char* nodeName);
    // Fills c's error location: at node n (message "NAME:LINE:COL: ...") or, with atNode false,
    // at byte `offset` of text node n (message names the template, as Go's).
    HtmlCtx& locate(HtmlCtx& c, const Node& n, size_t offset, bool atNode) const;
    // Go's computeOutCtx: escapes the body of a template from c into plan; when that fails, once
    // more from the context it ended in.
    HtmlCtx computeOutCtx(HtmlCtx c, const Tree& tree, const std::string& key, EscapePlan& plan);
    HtmlCtx nodeError(const Node& n, std::string desc) const;
    int lineOfNode(const Node& n) const;

    // The contexts at {{break}} and {{continue}} of the innermost {{range}} being escaped.
    struct RangeCtx {
        std::vector<std::pair<HtmlCtx, const Node*>> breaks, continues;
    };
    HtmlCtx joinRange(HtmlCtx c0, const RangeCtx& rc);

    const TreeSet& trees_;
    int maxDepth_;
    uint64_t maxSteps_;
    uint64_t steps_ = 0;
    std::vector<RangeCtx> ranges_;
    int depth_ = 0;
    const Tree* tree_ = nullptr;
    std::map<std::string, Derived, std::less<>> derived_;  // name + '$' + context key
};

// Applies an action's escaper chain: the first escaper receives args (the pipeline value, or
// the merged predefined escaper's arguments), each next one the previous output.
std::string applyEscapers(std::span<const Esc> chain, std::span<const Value> args);

// Go's htmlEscaper table: NUL < > & ' " + (text nodes and quoted attribute values).
std::string htmlEscapeText(std::string_view s);

// CSS backslash escapes decoded (Go's decodeCSS).
std::string decodeCSS(std::string_view s);
// Whether attrType(name) of a lower-case attribute name is contentTypePlain.
bool attrNameIsPlain(const std::string& name);

// Context transitions, exposed for tests and stripTags: the context after consuming a prefix
// of s, and the number of bytes consumed (Go's contextAfterText).
std::pair<HtmlCtx, size_t> contextAfterText(HtmlCtx c, std::string_view s);

}  // namespace pharos::gotemplate
