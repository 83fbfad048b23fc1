// Dynamic values for Go text/template data: nil, bool, int64, float64, string, list, map (sorted
// string keys, as Go's templates iterate maps), functions and objects (Go structs with fields and
// methods, e.g. Alertmanager's `.Alerts.Firing`). Copying a Value is cheap: composite payloads are
// shared and immutable.
// Thread-safety: Values are immutable after construction; copies may be used concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "pharos/status.h"

namespace pharos::gotemplate {

class Value;
class Map;
class Object;
struct Function;

using List = std::vector<Value>;

enum class Kind { Nil, Bool, Int, Float, String, List, Map, Function, Object };

// html/template's typed strings (template.CSS, HTML, HTMLAttr, JS, JSStr, URL, Srcset): a String
// value may carry one; Plain is an ordinary string. The tag travels with the value through
// variables, index, fields, with/range dot, template calls and or/and (all copy the Value), and
// is lost by anything that builds a new string (printf, toUpper, ...). Escaping::Html trusts it.
enum class ContentType : uint8_t { Plain, CSS, HTML, HTMLAttr, JS, JSStr, URL, Srcset };

class Value {
public:
    Value() = default;  // nil
    Value(std::nullptr_t) {}  // NOLINT
    Value(bool b) : v_(b) {}  // NOLINT
    Value(int v) : v_(int64_t{v}) {}  // NOLINT
    Value(int64_t v) : v_(v) {}  // NOLINT
    Value(double v) : v_(v) {}  // NOLINT
    Value(const char* s) : v_(std::make_shared<const StringRep>(StringRep{s, ContentType::Plain})) {}  // NOLINT
    Value(std::string s) : v_(std::make_shared<const StringRep>(StringRep{std::move(s), ContentType::Plain})) {}  // NOLINT
    Value(std::string_view s) : v_(std::make_shared<const StringRep>(StringRep{std::string(s), ContentType::Plain})) {}  // NOLINT
    Value(List l) : v_(std::make_shared<const List>(std::move(l))) {}  // NOLINT
    Value(Map m);  // NOLINT
    Value(Function f);  // NOLINT
    Value(std::shared_ptr<const Object> o) : v_(std::move(o)) {}  // NOLINT

    // A string of an html/template content type (template.HTML(s), ...).
    static Value typed(std::string s, ContentType type) {
        Value v;
        v.v_ = std::make_shared<const StringRep>(StringRep{std::move(s), type});
        return v;
    }

    Kind kind() const { return static_cast<Kind>(v_.index()); }
    // The content type of a String value; Plain for plain strings and every other kind.
    ContentType contentType() const { return kind() == Kind::String ? std::get<4>(v_)->type : ContentType::Plain; }
    bool isNil() const { return kind() == Kind::Nil; }
    bool isNumber() const { return kind() == Kind::Int || kind() == Kind::Float; }

    // Accessors; the kind must match (asserted).
    bool asBool() const { return std::get<bool>(v_); }
    int64_t asInt() const { return std::get<int64_t>(v_); }
    double asFloat() const { return std::get<double>(v_); }
    const std::string& asString() const { return std::get<4>(v_)->s; }
    const List& asList() const { return *std::get<5>(v_); }
    const Map& asMap() const { return *std::get<6>(v_); }
    const Function& asFunction() const { return *std::get<7>(v_); }
    const Object& asObject() const { return *std::get<8>(v_); }
    const std::shared_ptr<const Object>& objectPtr() const { return std::get<8>(v_); }

    // Go's truth (text/template isTrue): false for nil, false, 0, "", empty list/map.
    bool truthy() const;
    // Go's type name as %T prints it ("int", "float64", "string", "template.HTML",
    // "[]interface {}", ...).
    std::string typeName() const;

private:
    struct StringRep {
        std::string s;
        ContentType type;
    };
    std::variant<std::monostate, bool, int64_t, double, std::shared_ptr<const StringRep>,
                 std::shared_ptr<const List>, std::shared_ptr<const Map>,
                 std::shared_ptr<const Function>, std::shared_ptr<const Object>>
        v_;
};

// A callable: template functions (FuncMap entries), values of function type, object methods.
// args are the evaluated arguments; an error becomes "error calling NAME: message".
using NativeFn = std::function<Result<Value>(std::span<const Value> args)>;
struct Function {
    std::string name;
    int minArgs = 0;
    int maxArgs = 0;  // -1: variadic
    NativeFn fn;
};

// A map with string keys kept sorted (Go prints and ranges over maps in key order).
// zeroValue is what `index` returns for a missing key: "" for map[string]string, nil otherwise.
class Map {
public:
    using Entry = std::pair<std::string, Value>;
    Map() = default;
    explicit Map(std::vector<Entry> entries, Value zeroValue = Value());
    // map[string]string, e.g. $labels.
    static Map strings(const std::vector<std::pair<std::string, std::string>>& entries);

    const Value* find(std::string_view key) const;
    void set(std::string key, Value v);
    const std::vector<Entry>& entries() const { return entries_; }
    size_t size() const { return entries_.size(); }
    const Value& zeroValue() const { return zero_; }
    // Go's type name: "map[string]string" when the zero value is a string, else
    // "map[string]interface {}".
    std::string typeName() const;

private:
    std::vector<Entry> entries_;  // sorted by key, unique keys
    Value zero_;
};

// A Go struct (or named type) value: ordered fields, methods (zero-argument methods are read like
// fields: `.Alerts.Firing`), and how %v prints it. Build with ObjectBuilder.
class Object {
public:
    virtual ~Object() = default;
    const std::string& typeName() const { return typeName_; }
    // Field value or method (methods are looked up after fields). nullptr when absent.
    const Value* field(std::string_view name) const;
    const Function* method(std::string_view name) const;
    const std::vector<std::pair<std::string, Value>>& fields() const { return fields_; }
    // Text for %v/%s and {{.}}: the custom printer when set (time.Time, Duration, ...), else Go's
    // struct form {f1 f2}.
    std::string print() const;
    bool hasPrinter() const { return static_cast<bool>(printer_); }
    // An optional scalar this object stands for (e.g. Unix time); nil when none.
    const Value& underlying() const { return underlying_; }

private:
    friend class ObjectBuilder;
    std::string typeName_;
    std::vector<std::pair<std::string, Value>> fields_;
    std::vector<Function> methods_;
    std::function<std::string()> printer_;
    Value underlying_;
};

class ObjectBuilder {
public:
    explicit ObjectBuilder(std::string typeName);
    ObjectBuilder& field(std::string name, Value v);
    ObjectBuilder& method(std::string name, int minArgs, int maxArgs, NativeFn fn);
    // Zero-argument method returning a fixed value computed lazily by fn.
    ObjectBuilder& method0(std::string name, std::function<Value()> fn);
    ObjectBuilder& printer(std::function<std::string()> fn);
    ObjectBuilder& underlying(Value v);
    Value build();

private:
    std::shared_ptr<Object> obj_;
};

// Convenience constructors.
Value makeFunction(std::string name, int minArgs, int maxArgs, NativeFn fn);
Value makeStringMap(const std::vector<std::pair<std::string, std::string>>& entries);

}  // namespace pharos::gotemplate
