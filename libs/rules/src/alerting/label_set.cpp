// LabelSet helpers: label-name validation and Go-compatible printing.
#include "pharos/alerting/label_set.h"

#include "pharos/tsdb/labels.h"

namespace pharos::alerting {

bool isValidLabelName(std::string_view name) { return tsdb::isValidLegacyLabelName(name); }

std::string labelSetString(const LabelSet& labels) {
    std::string out = "{";
    bool first = true;
    for (const auto& [name, value] : labels) {
        if (!first) out += ", ";
        first = false;
        out += name;
        out += '=';
        out += goQuote(value);
    }
    out += '}';
    return out;
}

}  // namespace pharos::alerting
