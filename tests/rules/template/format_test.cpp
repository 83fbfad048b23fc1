// Go fmt formatting of template values: Sprintf verbs, %v of floats, Sprint/Sprintln spacing.
// Expected strings are Go's outputs (fmt documentation, promtool 2.42 runs).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "pharos/template/format.h"

namespace pharos::gotemplate {
namespace {

struct FloatCase {
    double v;
    const char* want;
};

TEST(GoFormat, FloatPercentV) {
    const double inf = std::numeric_limits<double>::infinity();
    const FloatCase cases[] = {
        {0, "0"},          {-0.0, "-0"},          {1, "1"},           {0.1, "0.1"},
        {1.5, "1.5"},      {100000, "100000"},    {123456.7, "123456.7"}, {1e6, "1e+06"},
        {1234567, "1.234567e+06"}, {123456789, "1.23456789e+08"}, {1e20, "1e+20"}, {1e21, "1e+21"},
        {0.0001, "0.0001"}, {0.00001, "1e-05"},   {0.000123, "0.000123"}, {1.0 / 3, "0.3333333333333333"},
        {-2.5e-7, "-2.5e-07"}, {inf, "+Inf"},     {-inf, "-Inf"},     {std::nan(""), "NaN"},
        {5e-324, "5e-324"}, {1.7976931348623157e308, "1.7976931348623157e+308"},
    };
    for (const auto& c : cases) EXPECT_EQ(goFormatValue(Value(c.v)), c.want) << c.v;
}

struct FmtCase {
    const char* format;
    std::vector<Value> args;
    const char* want;
};

TEST(GoFormat, Sprintf) {
    const FmtCase cases[] = {
        {"%v %g %e %.2f", {Value(1e6), Value(1e6), Value(1234.5678), Value(3.14159)},
         "1e+06 1e+06 1.234568e+03 3.14"},
        {"%5.1f|%-5s|%05d|%x|%X|%o|%q|%v|%+d", {Value(3.14159), Value("ab"), Value(42), Value("hi"), Value(255),
                                                 Value(8), Value(65), Value(), Value(5)},
         "  3.1|ab   |00042|6869|FF|10|'A'|<nil>|+5"},
        {"%e|%g|%G", {Value(0.0), Value(1e-7), Value(1e21)}, "0.000000e+00|1e-07|1E+21"},
        {"%f %.0f %.1f %.3f", {Value(2.5), Value(2.5), Value(0.05), Value(1.0005)}, "2.500000 2 0.1 1.000"},
        {"%.4g|%.4g|%.4g|%.4g|%.3g", {Value(1234567.0), Value(0.0), Value(123.45678), Value(1e-5), Value(100.0)},
         "1.235e+06|0|123.5|1e-05|100"},
        {"%d %s %t %v", {Value(-17), Value("str"), Value(true), Value(false)}, "-17 str true false"},
        {"%q %#q %x", {Value("a\"b\n"), Value("raw"), Value(-255)}, "\"a\\\"b\\n\" `raw` -ff"},
        {"%6.2f%%|%-8v|%8v|%08.3f", {Value(99.5), Value("x"), Value(1.5), Value(-3.14159)},
         " 99.50%|x       |     1.5|-003.142"},
        {"%v %v", {Value(List{Value(1), Value("a")}), Value(Map({{"b", Value(2)}, {"a", Value(1.5)}}))},
         "[1 a] map[a:1.5 b:2]"},
        {"%s|%d", {Value(List{Value("x"), Value("y")}), Value(List{Value(1), Value(2)})}, "[x y]|[1 2]"},
        {"%d", {Value("str")}, "%!d(string=str)"},
        {"%s", {Value(5)}, "%!s(int=5)"},
        {"%f", {Value(3)}, "%!f(int=3)"},
        {"%d %d", {Value(1)}, "1 %!d(MISSING)"},
        {"%d", {Value(1), Value("x")}, "1%!(EXTRA string=x)"},
        {"%", {}, "%!(NOVERB)"},
        {"%*d|%-*d|%.*f", {Value(4), Value(7), Value(3), Value(7), Value(2), Value(3.14159)}, "   7|7  |3.14"},
        {"%T %T %T %T", {Value(1), Value(1.5), Value("s"), Value(List{})}, "int float64 string []interface {}"},
        {"%c%c %U", {Value(72), Value(0x4E16), Value(0x4E16)}, "H\xE4\xB8\x96 U+4E16"},
        {"%.2s|%5.1s|", {Value("héllo"), Value("héllo")}, "hé|    h|"},
        {"% d|%+.1e|% x", {Value(5), Value(12345.0), Value("ab")}, " 5|+1.2e+04|61 62"},
        {"%v|%5v|%-5v|", {Value(std::numeric_limits<double>::infinity()), Value(std::nan("")), Value(-std::numeric_limits<double>::infinity())},
         "+Inf|  NaN|-Inf |"},
    };
    for (const auto& c : cases) EXPECT_EQ(goSprintf(c.format, c.args), c.want) << c.format;
}

TEST(GoFormat, SprintAndSprintln) {
    std::vector<Value> a = {Value(1), Value(2), Value("a"), Value("b"), Value(3), Value(1.5), Value(true)};
    EXPECT_EQ(goSprint(a), "1 2ab3 1.5 true");
    EXPECT_EQ(goSprintln(a), "1 2 a b 3 1.5 true\n");
    EXPECT_EQ(goSprint({}), "");
    EXPECT_EQ(goSprintln({}), "\n");
}

TEST(GoFormat, QuoteAndFormatFloat) {
    EXPECT_EQ(goQuote("a\tb\x01\x7f\xff é"), "\"a\\tb\\x01\\x7f\\xff é\"");
    EXPECT_EQ(goFormatFloat(1234.5678, 'e', 2), "1.23e+03");
    EXPECT_EQ(goFormatFloat(1234.5678, 'f', -1), "1234.5678");
    EXPECT_EQ(goFormatFloat(1e21, 'f', -1), "1000000000000000000000");
    EXPECT_EQ(goFormatFloat(0.000001234, 'g', -1), "1.234e-06");
    EXPECT_EQ(goFormatFloat(1e-5, 'e', -1), "1e-05");
}

}  // namespace
}  // namespace pharos::gotemplate
