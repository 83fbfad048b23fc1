// Go text/template: a set of named templates parsed from Go template text and executed over
// Value data, with Go's builtins (and or not eq ne lt le gt ge len index slice print printf
// println html js urlquery call) plus a pluggable FuncMap (see prometheus_funcs.h,
// alertmanager_funcs.h). Errors read as Go's: "template: NAME:LINE: ..." for parse errors and
// "template: NAME:LINE:COL: executing \"NAME\" at <...>: ..." for execution errors.
// Thread-safety: parse() mutates; const methods (execute) may be called concurrently once parsing
// is done. Copies share the parsed trees.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pharos/status.h"
#include "pharos/template/value.h"

namespace pharos::gotemplate {

// Functions callable by name from templates. Builtins are always present; entries here with a
// builtin's name replace it (as Go's Funcs does).
class FuncMap {
public:
    void add(std::string name, int minArgs, int maxArgs, NativeFn fn);
    void add(Function f);
    void merge(const FuncMap& other);  // other's entries win
    const Function* find(std::string_view name) const;
    bool empty() const { return funcs_.empty(); }

private:
    std::map<std::string, Function, std::less<>> funcs_;
};

// Guards against hostile templates: bounded nesting of template calls, output size and work.
struct Limits {
    int maxDepth = 300;                // nested {{template}} calls / pipeline nesting
    size_t maxOutput = 8u << 20;       // bytes of output
    uint64_t maxSteps = 20'000'000;    // evaluated nodes (stops endless range loops)
};

// Go's Option("missingkey=..."): what a missing map key yields through `.key`.
enum class MissingKey { Default, Zero, Error };

// How the output of actions is escaped. Text: as text/template (none). Html: Go's html/template
// contextual autoescaping (notify.TmplHTML), modelled on Go 1.19.8 (the toolchain of Debian's
// Alertmanager 0.25 / amtool): before executing, the executed template and the templates it calls
// are escaped once per start context: the context (HTML text, tag, attribute name/value, quoted
// or unquoted; RCDATA; URL attributes and their query part; srcset; <script>/on* JS with strings,
// regexps, comments and the regexp-vs-division heuristic; <style>/style= CSS with strings, url()
// and comments; HTML comments) is tracked over the template text, and each action's value goes
// through the escapers Go would add: htmlEscaper, rcdataEscaper, attrEscaper,
// htmlNospaceEscaper, urlFilter (#ZgotmplZ) + urlNormalizer / urlEscaper, srcsetEscaper,
// jsValEscaper (JSON values), jsStrEscaper, jsRegexpEscaper, cssValueFilter (ZgotmplZ),
// cssEscaper, htmlNameFilter; a trailing html/urlquery stands in for an equivalent escaper.
// Template text loses HTML/JS/CSS comments, and a '<' that starts no tag becomes &lt;.
// Typed strings (Value::typed: safeHtml gives template.HTML, safeUrl template.URL) are trusted
// by the matching escaper wherever the value travels. Go's escaping errors are reported
// before any output ("html/template:NAME:LINE:COL: {{if}} branches end in different contexts",
// "... appears in an ambiguous context within a URL", "... appears in a JS template literal",
// "ends in a non-text context", "predefined escaper ... disallowed", "... in unquoted attr",
// ...), with the message text Go gives and the position in the Status location. {{range}}
// bodies are checked for re-entry and at {{break}}/{{continue}}; actions in JS template
// literals are rejected (ErrJSTemplate, Go 1.19.8 / 1.20.3+ behaviour). nil prints nothing.
// Known differences: attribute values are entity-decoded for the common named entities and
// numeric references only; jsValEscaper marshals template.Data/Alert with their json tag
// names and other structs with field names (no general json tags).
enum class Escaping { Text, Html };

struct Tree;

class Template {
public:
    explicit Template(std::string name, FuncMap funcs = {}, Limits limits = {});
    ~Template();
    Template(const Template&);
    Template& operator=(const Template&);
    Template(Template&&) noexcept;
    Template& operator=(Template&&) noexcept;

    const std::string& name() const { return name_; }
    void setMissingKey(MissingKey m) { missingKey_ = m; }
    void setEscaping(Escaping e) { escaping_ = e; }
    Escaping escaping() const { return escaping_; }
    // Adds functions; must happen before parse() of text that uses them.
    void addFuncs(const FuncMap& funcs) { funcs_.merge(funcs); }

    // Parses text as the body of this template (Go's t.Parse); {{define}}s inside add named
    // templates to the set. A body that is only whitespace/defines does not replace an existing one.
    // Errors: InvalidArgument with "template: NAME:LINE: message" and line/column set.
    Status parse(std::string_view text);
    // Parses text as the body of the template `name` in this set (Go's t.New(name).Parse(text)).
    Status parseNamed(const std::string& name, std::string_view text);

    bool has(std::string_view name) const;
    std::vector<std::string> templateNames() const;  // sorted

    // Executes this template / the named one with `data` as dot (and as $).
    Result<std::string> execute(const Value& data) const;
    Result<std::string> executeTemplate(std::string_view name, const Value& data) const;

private:
    std::string name_;
    FuncMap funcs_;
    Limits limits_;
    MissingKey missingKey_ = MissingKey::Default;
    Escaping escaping_ = Escaping::Text;
    std::map<std::string, std::shared_ptr<const Tree>, std::less<>> trees_;
};

// The builtin function names of text/template (always defined).
bool isBuiltinFunction(std::string_view name);

}  // namespace pharos::gotemplate
