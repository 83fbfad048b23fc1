// text/template's predefined functions (comparison, len, index, slice, print family, escapers),
// with Go's error texts.
#include "builtins.h"

#include <cstdio>

#include "pharos/template/format.h"
#include "utf8.h"

namespace pharos::gotemplate {

namespace {

Status err(std::string msg) { return Status::failedPrecondition(std::move(msg)); }

bool isBasic(const Value& v) {
    switch (v.kind()) {
    case Kind::Bool: case Kind::Int: case Kind::Float: case Kind::String: return true;
    case Kind::Object: return !v.asObject().underlying().isNil();
    default: return false;
    }
}

const Value& basic(const Value& v) { return v.kind() == Kind::Object ? v.asObject().underlying() : v; }

Result<bool> eq2(const Value& a0, const Value& b0) {
    if (a0.isNil() || b0.isNil()) return a0.isNil() && b0.isNil();
    if (!isBasic(a0) || !isBasic(b0)) {
        if (a0.kind() == Kind::Object && b0.kind() == Kind::Object) return a0.objectPtr() == b0.objectPtr();
        return err("non-comparable type " + (isBasic(a0) ? b0 : a0).typeName());
    }
    const Value& a = basic(a0);
    const Value& b = basic(b0);
    if (a.kind() != b.kind()) return err("incompatible types for comparison");
    switch (a.kind()) {
    case Kind::Bool: return a.asBool() == b.asBool();
    case Kind::Int: return a.asInt() == b.asInt();
    case Kind::Float: return a.asFloat() == b.asFloat();
    case Kind::String: return a.asString() == b.asString();
    default: return false;
    }
}

Result<bool> lt2(const Value& a0, const Value& b0) {
    if (!isBasic(a0) || !isBasic(b0)) {
        return err("invalid type for comparison");
    }
    const Value& a = basic(a0);
    const Value& b = basic(b0);
    if (a.kind() == Kind::Bool || b.kind() == Kind::Bool) return err("invalid type for comparison");
    if (a.kind() != b.kind()) return err("incompatible types for comparison");
    switch (a.kind()) {
    case Kind::Int: return a.asInt() < b.asInt();
    case Kind::Float: return a.asFloat() < b.asFloat();
    case Kind::String: return a.asString() < b.asString();
    default: return err("invalid type for comparison");
    }
}

Result<int64_t> indexArg(const Value& v, size_t cap) {
    if (v.kind() != Kind::Int) {
        if (v.isNil()) return err("cannot index slice/array with nil");
        return err("cannot index slice/array with type " + v.typeName());
    }
    int64_t i = v.asInt();
    if (i < 0 || static_cast<uint64_t>(i) > cap) return err("index out of range: " + std::to_string(i));
    return i;
}

// Named types over lists/maps (Objects with an underlying value) index, slice and len like it.
const Value& deref(const Value& v) {
    if (v.kind() == Kind::Object && !v.asObject().underlying().isNil()) return v.asObject().underlying();
    return v;
}

Result<Value> indexFn(std::span<const Value> args) {
    Value item = deref(args[0]);
    if (item.isNil()) return err("index of untyped nil");
    for (size_t k = 1; k < args.size(); ++k) {
        const Value& ix = args[k];
        Value inner = deref(item);  // copy first: assigning to item may release what deref returned
        item = std::move(inner);
        switch (item.kind()) {
        case Kind::List: {
            const List& l = item.asList();
            PHAROS_ASSIGN_OR_RETURN(int64_t i, indexArg(ix, l.size()));
            if (static_cast<size_t>(i) == l.size()) return err("index out of range: " + std::to_string(i));
            Value elem = l[static_cast<size_t>(i)];  // copy before releasing the list
            item = std::move(elem);
            break;
        }
        case Kind::String: {
            const std::string& s = item.asString();
            PHAROS_ASSIGN_OR_RETURN(int64_t i, indexArg(ix, s.size()));
            if (static_cast<size_t>(i) == s.size()) return err("index out of range: " + std::to_string(i));
            item = Value(int64_t{static_cast<unsigned char>(s[static_cast<size_t>(i)])});
            break;
        }
        case Kind::Map: {
            if (ix.kind() != Kind::String) {
                return err("value has type " + ix.typeName() + "; should be string");
            }
            const Map& m = item.asMap();
            const Value* v = m.find(ix.asString());
            Value elem = v ? *v : m.zeroValue();  // copy before releasing the map
            item = std::move(elem);
            break;
        }
        case Kind::Nil: return err("index of nil pointer");
        default: return err("can't index item of type " + item.typeName());
        }
    }
    return item;
}

Result<Value> sliceFn(std::span<const Value> args) {
    const Value& item = deref(args[0]);
    if (item.isNil()) return err("slice of untyped nil");
    if (args.size() > 4) return err("too many slice indexes: " + std::to_string(args.size() - 1));
    size_t len = 0;
    if (item.kind() == Kind::String) {
        len = item.asString().size();
        if (args.size() == 4) return err("cannot 3-index slice a string");
    } else if (item.kind() == Kind::List) {
        len = item.asList().size();
    } else {
        return err("can't slice item of type " + item.typeName());
    }
    int64_t idx[3] = {0, static_cast<int64_t>(len), static_cast<int64_t>(len)};
    for (size_t k = 1; k < args.size(); ++k) {
        PHAROS_ASSIGN_OR_RETURN(idx[k - 1], indexArg(args[k], len));
    }
    if (idx[0] > idx[1]) return err("invalid slice index: " + std::to_string(idx[0]) + " > " + std::to_string(idx[1]));
    if (args.size() == 4 && idx[1] > idx[2]) {
        return err("invalid slice index: " + std::to_string(idx[1]) + " > " + std::to_string(idx[2]));
    }
    if (item.kind() == Kind::String) {
        return Value(item.asString().substr(static_cast<size_t>(idx[0]), static_cast<size_t>(idx[1] - idx[0])));
    }
    const List& l = item.asList();
    return Value(List(l.begin() + idx[0], l.begin() + idx[1]));
}

Result<Value> lenFn(std::span<const Value> args) {
    const Value& v = deref(args[0]);
    switch (v.kind()) {
    case Kind::String: return Value(static_cast<int64_t>(v.asString().size()));
    case Kind::List: return Value(static_cast<int64_t>(v.asList().size()));
    case Kind::Map: return Value(static_cast<int64_t>(v.asMap().size()));
    case Kind::Nil: return err("len of untyped nil");
    default: return err("len of type " + v.typeName());
    }
}

FuncMap makeBuiltins() {
    FuncMap m;
    m.add("eq", 1, -1, [](std::span<const Value> a) -> Result<Value> {
        if (a.size() < 2) return err("missing argument for comparison");
        for (size_t i = 1; i < a.size(); ++i) {
            PHAROS_ASSIGN_OR_RETURN(bool e, eq2(a[0], a[i]));
            if (e) return Value(true);
        }
        return Value(false);
    });
    m.add("ne", 2, 2, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(bool e, eq2(a[0], a[1]));
        return Value(!e);
    });
    m.add("lt", 2, 2, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(bool l, lt2(a[0], a[1]));
        return Value(l);
    });
    m.add("le", 2, 2, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(bool l, lt2(a[0], a[1]));
        if (l) return Value(true);
        PHAROS_ASSIGN_OR_RETURN(bool e, eq2(a[0], a[1]));
        return Value(e);
    });
    m.add("gt", 2, 2, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(bool l, lt2(a[0], a[1]));
        if (l) return Value(false);
        PHAROS_ASSIGN_OR_RETURN(bool e, eq2(a[0], a[1]));
        return Value(!e);
    });
    m.add("ge", 2, 2, [](std::span<const Value> a) -> Result<Value> {
        PHAROS_ASSIGN_OR_RETURN(bool l, lt2(a[0], a[1]));
        return Value(!l);
    });
    m.add("not", 1, 1, [](std::span<const Value> a) -> Result<Value> { return Value(!a[0].truthy()); });
    m.add("len", 1, 1, lenFn);
    m.add("index", 1, -1, indexFn);
    m.add("slice", 1, -1, sliceFn);
    m.add("print", 0, -1, [](std::span<const Value> a) -> Result<Value> { return Value(goSprint(a)); });
    m.add("println", 0, -1, [](std::span<const Value> a) -> Result<Value> { return Value(goSprintln(a)); });
    m.add("printf", 1, -1, [](std::span<const Value> a) -> Result<Value> {
        if (a[0].kind() != Kind::String) {
            return Status::invalidArgument("wrong type for value; expected string; got " + a[0].typeName());
        }
        return Value(goSprintf(a[0].asString(), a.subspan(1)));
    });
    m.add("html", 0, -1, [](std::span<const Value> a) -> Result<Value> { return Value(htmlEscape(argsString(a))); });
    m.add("js", 0, -1, [](std::span<const Value> a) -> Result<Value> { return Value(jsEscape(argsString(a))); });
    m.add("urlquery", 0, -1, [](std::span<const Value> a) -> Result<Value> { return Value(queryEscape(argsString(a))); });
    return m;
}

}  // namespace

const FuncMap& builtinFuncs() {
    static const FuncMap m = makeBuiltins();
    return m;
}

bool isBuiltinFunction(std::string_view name) {
    return name == "and" || name == "or" || name == "call" || builtinFuncs().find(name) != nullptr;
}

std::string argsString(std::span<const Value> args) {
    if (args.size() == 1 && args[0].kind() == Kind::String) return args[0].asString();
    return goSprint(args);
}

std::string htmlEscape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '\0': out += "\xEF\xBF\xBD"; break;
        case '"': out += "&#34;"; break;
        case '\'': out += "&#39;"; break;
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string jsEscape(std::string_view s) {
    std::string out;
    char buf[16];
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            switch (c) {
            case '\\': out += "\\\\"; break;
            case '\'': out += "\\'"; break;
            case '"': out += "\\\""; break;
            case '<': out += "\\u003C"; break;
            case '>': out += "\\u003E"; break;
            case '&': out += "\\u0026"; break;
            case '=': out += "\\u003D"; break;
            default:
                if (c < ' ') {
                    std::snprintf(buf, sizeof buf, "\\u%04X", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
            }
            ++i;
            continue;
        }
        uint32_t r = 0;
        size_t n = decodeUtf8(s, i, r);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        if (r < 0xA0 || r == 0x2028 || r == 0x2029) {
            std::snprintf(buf, sizeof buf, "\\u%04X", r);
            out += buf;
        } else {
            out.append(s.substr(i, n));
        }
        i += n;
    }
    return out;
}

std::string queryEscape(std::string_view s) {
    std::string out;
    const char* hex = "0123456789ABCDEF";
    for (unsigned char c : s) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
            c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else if (c == ' ') {
            out += '+';
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace pharos::gotemplate
