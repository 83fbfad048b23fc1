// Private strict YAML decoding helpers shared by the config loader (see yaml_decoder.h).
#include "yaml_decoder.h"

#include <cctype>

namespace pharos::alerting::detail {

std::string yamlText(const YAML::Node& n) {
    YAML::Emitter e;
    e << n;
    return e.c_str();
}

const char* yamlTag(const YAML::Node& n) {
    switch (n.Type()) {
    case YAML::NodeType::Map: return "!!map";
    case YAML::NodeType::Sequence: return "!!seq";
    case YAML::NodeType::Null: return "!!null";
    default: break;
    }
    if (n.Tag() == "!") return "!!str";  // quoted scalar
    const std::string& s = n.Scalar();
    if (s == "true" || s == "false" || s == "True" || s == "False" || s == "yes" || s == "no" ||
        s == "on" || s == "off")
        return "!!bool";
    bool digits = !s.empty();
    for (size_t i = 0; i < s.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i])) && !(i == 0 && (s[i] == '-' || s[i] == '+')))
            digits = false;
    if (digits) return "!!int";
    return "!!str";
}

void YamlDecoder::unknownField(const YAML::Node& key, const YAML::Node& value, UnknownFields& keep,
                               const char* goType) {
    keep.emplace_back(key.Scalar(), yamlText(value));
    if (strict_)
        typeErrors_.push_back("line " + std::to_string(where(key).line) + ": field " + key.Scalar() +
                              " not found in type " + goType);
}

void YamlDecoder::typeMismatch(const YAML::Node& n, const char* goType) {
    std::string shown = n.IsScalar() ? n.Scalar() : yamlText(n);
    if (shown.size() > 10 && !n.IsScalar()) shown = shown.substr(0, 7) + "...";
    std::string msg = "line " + std::to_string(where(n).line) + ": cannot unmarshal " + yamlTag(n);
    if (n.IsScalar()) msg += " `" + shown + "`";
    msg += std::string(" into ") + goType;
    typeErrors_.push_back(std::move(msg));
}

std::string YamlDecoder::str(const YAML::Node& n) {
    if (!n || n.IsNull()) return {};
    if (!n.IsScalar()) {
        typeMismatch(n, "string");
        return {};
    }
    return n.Scalar();
}

bool YamlDecoder::boolean(const YAML::Node& n) {
    if (!n || n.IsNull()) return false;
    if (n.IsScalar()) {
        const std::string& s = n.Scalar();
        if (s == "true" || s == "True" || s == "TRUE" || s == "yes" || s == "on") return true;
        if (s == "false" || s == "False" || s == "FALSE" || s == "no" || s == "off") return false;
    }
    typeMismatch(n, "bool");
    return false;
}

long long YamlDecoder::integer(const YAML::Node& n, const char* goType) {
    if (!n || n.IsNull()) return 0;
    if (n.IsScalar() && std::string(yamlTag(n)) == "!!int") {
        try {
            return std::stoll(n.Scalar());
        } catch (const std::exception&) {
        }
    }
    typeMismatch(n, goType);
    return 0;
}

unsigned long long YamlDecoder::unsignedInteger(const YAML::Node& n, const char* goType) {
    if (!n || n.IsNull()) return 0;
    if (n.IsScalar() && std::string(yamlTag(n)) == "!!int" && n.Scalar()[0] != '-') {
        try {
            return std::stoull(n.Scalar());
        } catch (const std::exception&) {
        }
    }
    typeMismatch(n, goType);
    return 0;
}

std::vector<std::string> YamlDecoder::strList(const YAML::Node& n) {
    std::vector<std::string> out;
    if (!n || n.IsNull()) return out;
    if (!n.IsSequence()) {
        typeMismatch(n, "[]string");
        return out;
    }
    for (const auto& item : n) out.push_back(str(item));
    return out;
}

std::vector<std::pair<std::string, std::string>> YamlDecoder::strMap(const YAML::Node& n) {
    std::vector<std::pair<std::string, std::string>> out;
    if (!n || n.IsNull()) return out;
    if (!n.IsMap()) {
        typeMismatch(n, "map[string]string");
        return out;
    }
    for (const auto& kv : n) out.emplace_back(str(kv.first), str(kv.second));
    return out;
}

}  // namespace pharos::alerting::detail
