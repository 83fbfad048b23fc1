// Private: a strict YAML decoding context that mimics gopkg.in/yaml.v2's UnmarshalStrict as
// Alertmanager uses it. Unknown fields and wrong types are collected ("type errors", reported
// together at the end), while a semantic error (a failed check) aborts at once. An object's own
// checks only run when its subtree had no type errors, as in yaml.v2.
// Thread-safety: one decoder per load.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <utility>
#include <vector>

#include "pharos/alerting/config.h"
#include "pharos/status.h"

namespace pharos::alerting::detail {

class YamlDecoder {
public:
    YamlDecoder(std::string file, bool strict) : file_(std::move(file)), strict_(strict) {}

    bool strict() const { return strict_; }
    // The Alertmanager minor version (0.x) whose schema strict decoding follows.
    void setVersionMinor(int minor) { minor_ = minor; }
    // Whether a field introduced in 0.`sinceMinor` is known: always when not strict.
    bool knows(int sinceMinor) const { return !strict_ || minor_ >= sinceMinor; }
    // In non-strict mode the newest schema's checks apply.
    int versionMinor() const { return strict_ ? minor_ : 1000; }
    size_t mark() const { return typeErrors_.size(); }
    bool cleanSince(size_t mark) const { return typeErrors_.size() == mark; }
    const std::vector<std::string>& typeErrors() const { return typeErrors_; }

    SourceLocation where(const YAML::Node& n) const {
        const YAML::Mark m = n.Mark();
        if (m.is_null()) return SourceLocation{file_, 0, 0};
        return SourceLocation{file_, m.line + 1, m.column + 1};
    }
    Status error(const YAML::Node& n, std::string message) const {
        return Status::invalidArgument(std::move(message), where(n));
    }

    // Records "line N: field X not found in type T" (strict) and keeps the value as YAML text.
    void unknownField(const YAML::Node& key, const YAML::Node& value, UnknownFields& keep,
                      const char* goType = "config.plain");
    // Records "line N: cannot unmarshal !!tag `v` into T" (always; the value is unusable).
    void typeMismatch(const YAML::Node& n, const char* goType);

    // Scalars: null gives "" / false / 0 as in Go's zero values.
    std::string str(const YAML::Node& n);
    bool boolean(const YAML::Node& n);
    long long integer(const YAML::Node& n, const char* goType = "int");
    // An unsigned Go integer (uint64): a negative number is a type error, as in yaml.v2.
    unsigned long long unsignedInteger(const YAML::Node& n, const char* goType = "uint64");
    std::vector<std::string> strList(const YAML::Node& n);
    // A string map in source order; null values map to "".
    std::vector<std::pair<std::string, std::string>> strMap(const YAML::Node& n);

private:
    std::string file_;
    bool strict_;
    int minor_ = 25;
    std::vector<std::string> typeErrors_;
};

std::string yamlText(const YAML::Node& n);
const char* yamlTag(const YAML::Node& n);  // "!!str", "!!map", "!!seq", "!!int", ...

}  // namespace pharos::alerting::detail
