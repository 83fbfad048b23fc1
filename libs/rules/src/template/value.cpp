// Value, Map and Object: the dynamic data model templates are executed over.
#include "pharos/template/value.h"

#include <algorithm>

#include "pharos/template/format.h"

namespace pharos::gotemplate {

Value::Value(Map m) : v_(std::make_shared<const Map>(std::move(m))) {}
Value::Value(Function f) : v_(std::make_shared<const Function>(std::move(f))) {}

bool Value::truthy() const {
    switch (kind()) {
    case Kind::Nil: return false;
    case Kind::Bool: return asBool();
    case Kind::Int: return asInt() != 0;
    case Kind::Float: return asFloat() != 0;
    case Kind::String: return !asString().empty();
    case Kind::List: return !asList().empty();
    case Kind::Map: return asMap().size() != 0;
    case Kind::Function: return true;
    case Kind::Object: return asObject().underlying().isNil() || asObject().underlying().truthy();
    }
    return false;
}

std::string Value::typeName() const {
    switch (kind()) {
    case Kind::Nil: return "<nil>";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float64";
    case Kind::String:
        switch (contentType()) {
        case ContentType::Plain: return "string";
        case ContentType::CSS: return "template.CSS";
        case ContentType::HTML: return "template.HTML";
        case ContentType::HTMLAttr: return "template.HTMLAttr";
        case ContentType::JS: return "template.JS";
        case ContentType::JSStr: return "template.JSStr";
        case ContentType::URL: return "template.URL";
        case ContentType::Srcset: return "template.Srcset";
        }
        return "string";
    case Kind::List: return "[]interface {}";
    case Kind::Map: return asMap().typeName();
    case Kind::Function: return "func";
    case Kind::Object: return asObject().typeName();
    }
    return "?";
}

Map::Map(std::vector<Entry> entries, Value zeroValue) : entries_(std::move(entries)), zero_(std::move(zeroValue)) {
    std::stable_sort(entries_.begin(), entries_.end(),
                     [](const Entry& a, const Entry& b) { return a.first < b.first; });
    // Later duplicates win, as with repeated assignment to a Go map.
    std::vector<Entry> unique;
    unique.reserve(entries_.size());
    for (auto& e : entries_) {
        if (!unique.empty() && unique.back().first == e.first) {
            unique.back().second = std::move(e.second);
        } else {
            unique.push_back(std::move(e));
        }
    }
    entries_ = std::move(unique);
}

Map Map::strings(const std::vector<std::pair<std::string, std::string>>& entries) {
    std::vector<Entry> e;
    e.reserve(entries.size());
    for (const auto& [k, v] : entries) e.emplace_back(k, Value(v));
    return Map(std::move(e), Value(std::string()));
}

const Value* Map::find(std::string_view key) const {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                               [](const Entry& e, std::string_view k) { return e.first < k; });
    if (it == entries_.end() || it->first != key) return nullptr;
    return &it->second;
}

void Map::set(std::string key, Value v) {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                               [](const Entry& e, const std::string& k) { return e.first < k; });
    if (it != entries_.end() && it->first == key) {
        it->second = std::move(v);
    } else {
        entries_.insert(it, Entry(std::move(key), std::move(v)));
    }
}

std::string Map::typeName() const {
    return zero_.kind() == Kind::String ? "map[string]string" : "map[string]interface {}";
}

const Value* Object::field(std::string_view name) const {
    for (const auto& [k, v] : fields_) {
        if (k == name) return &v;
    }
    return nullptr;
}

const Function* Object::method(std::string_view name) const {
    for (const auto& m : methods_) {
        if (m.name == name) return &m;
    }
    return nullptr;
}

std::string Object::print() const {
    if (printer_) return printer_();
    std::string out = "{";
    bool first = true;
    for (const auto& [k, v] : fields_) {
        if (!first) out += ' ';
        first = false;
        out += goFormatValue(v);
    }
    out += '}';
    return out;
}

ObjectBuilder::ObjectBuilder(std::string typeName) : obj_(std::make_shared<Object>()) {
    obj_->typeName_ = std::move(typeName);
}

ObjectBuilder& ObjectBuilder::field(std::string name, Value v) {
    obj_->fields_.emplace_back(std::move(name), std::move(v));
    return *this;
}

ObjectBuilder& ObjectBuilder::method(std::string name, int minArgs, int maxArgs, NativeFn fn) {
    obj_->methods_.push_back(Function{std::move(name), minArgs, maxArgs, std::move(fn)});
    return *this;
}

ObjectBuilder& ObjectBuilder::method0(std::string name, std::function<Value()> fn) {
    return method(std::move(name), 0, 0,
                  [fn = std::move(fn)](std::span<const Value>) -> Result<Value> { return fn(); });
}

ObjectBuilder& ObjectBuilder::printer(std::function<std::string()> fn) {
    obj_->printer_ = std::move(fn);
    return *this;
}

ObjectBuilder& ObjectBuilder::underlying(Value v) {
    obj_->underlying_ = std::move(v);
    return *this;
}

Value ObjectBuilder::build() { return Value(std::shared_ptr<const Object>(obj_)); }

Value makeFunction(std::string name, int minArgs, int maxArgs, NativeFn fn) {
    return Value(Function{std::move(name), minArgs, maxArgs, std::move(fn)});
}

Value makeStringMap(const std::vector<std::pair<std::string, std::string>>& entries) {
    return Value(Map::strings(entries));
}

}  // namespace pharos::gotemplate
