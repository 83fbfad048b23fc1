// Go's fmt formatting for template values: Sprintf verbs (%v %s %d %f %e %g %q %x %t %T %c %o %b
// %%, width, precision, flags "-+ #0"), Sprint/Sprintln spacing, and float64 printed exactly as Go
// prints it (shortest representation; %v switches to exponent form when the decimal exponent is
// below -4 or at least 6: 1e+06, 1.23456789e+08, 1e-05, but 100000 and 0.0001).
// Pure functions; thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "pharos/template/value.h"

namespace pharos::gotemplate {

// fmt.Sprintf(format, args...).
std::string goSprintf(std::string_view format, std::span<const Value> args);
// fmt.Sprint(args...): a space between operands when neither is a string.
std::string goSprint(std::span<const Value> args);
// fmt.Sprintln(args...): spaces between all operands and a trailing newline.
std::string goSprintln(std::span<const Value> args);
// fmt.Sprint(v) for one value (%v).
std::string goFormatValue(const Value& v);

// strconv.FormatFloat(f, fmt, prec, 64) for fmt in 'e', 'E', 'f', 'g', 'G'; prec -1 = shortest.
std::string goFormatFloat(double f, char fmt, int prec);
// strconv.Quote(s).
std::string goQuote(std::string_view s);

}  // namespace pharos::gotemplate
