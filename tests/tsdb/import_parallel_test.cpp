// Direct import parsed in pieces on several threads (ImportOptions::parseThreads,
// minPieceBytes): the same blocks, counts and errors (file:line:col) as one thread, nothing
// written on error, the fall-back to one thread when the pieces cannot prove their reading;
// and autoDirect choosing between blocks and the head.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "pharos/tsdb/db.h"
#include "pharos/tsdb/importer.h"
#include "pharos/tsdb/textparse.h"
#include "temp_dir_test.h"

namespace pharos::tsdb {
namespace {

namespace fs = std::filesystem;

using SampleMap = std::map<std::string, std::vector<std::pair<int64_t, double>>>;

constexpr int64_t kT0 = 1'700'000'000'000;

std::string ts(int64_t ms) {
    std::string s = std::to_string(ms / 1000);
    if (ms % 1000) {
        char buf[8];
        std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(ms % 1000));
        s += buf;
    }
    return s;
}

// Several families, series-major (as promtool dump / backfill files are), 30 h at 60 s from
// kT0 (22.2 h into a day) so that samples fall into three 24 h windows; with a few lines one
// thread rejects.
std::string generated(int seriesPerFamily = 6, int samples = 30 * 60) {
    std::ostringstream o;
    o << "# HELP req_total Requests.\n# TYPE req_total counter\n";
    for (int s = 0; s < seriesPerFamily; ++s) {
        for (int i = 0; i < samples; ++i) {
            o << "req_total_total{job=\"api\",instance=\"h" << s << "\"} " << (i * (s + 1)) << ' '
              << ts(kT0 + i * 60'000) << '\n';
            if (s == 2 && i == 700) o << "req_total_total{job=\"api\",instance=\"h2\"} 5 " << ts(kT0) << '\n';
        }
    }
    o << "# TYPE mem_bytes gauge\n# UNIT mem_bytes bytes\n";
    for (int s = 0; s < seriesPerFamily; ++s) {
        for (int i = 0; i < samples; ++i) {
            o << "mem_bytes{instance=\"h" << s << "\"} " << (1e6 + i * 1024.5 + s) << ' ' << ts(kT0 + i * 60'000 + 250)
              << '\n';
            if (s == 4 && i == 900) {  // a duplicate timestamp with another value
                o << "mem_bytes{instance=\"h4\"} 1 " << ts(kT0 + i * 60'000 + 250) << '\n';
            }
        }
    }
    o << "# TYPE lat_seconds histogram\n";
    for (const char* le : {"0.1", "1", "+Inf"}) {
        for (int i = 0; i < samples; ++i) {
            o << "lat_seconds_bucket{le=\"" << le << "\"} " << i * (le[0] == '0' ? 1 : 3) << ' ' << ts(kT0 + i * 60'000)
              << '\n';
        }
    }
    for (int i = 0; i < samples; ++i) o << "lat_seconds_count " << i * 3 << ' ' << ts(kT0 + i * 60'000) << '\n';
    for (int i = 0; i < samples; ++i) o << "lat_seconds_sum " << i * 0.5 << ' ' << ts(kT0 + i * 60'000) << '\n';
    // A family without metadata (type unknown).
    for (int i = 0; i < samples; ++i) o << "plain_metric{k=\"v\"} " << i % 7 << ' ' << ts(kT0 + i * 60'000) << '\n';
    o << "# EOF\n";
    return o.str();
}

int lineOf(const std::string& text, const std::string& needle) {
    const size_t at = text.find(needle);
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

class ImportParallelTest : public test_support::TempDirTest {
protected:
    ImportParallelTest() : TempDirTest("pharos_import_parallel_test_") {}

    static ImportOptions direct(unsigned threads) {
        ImportOptions io;
        io.directToBlocks = true;
        io.parseThreads = threads;
        io.minPieceBytes = 4096;  // many pieces even for a small file
        return io;
    }

    static SampleMap all(DB& db) {
        SampleMap out;
        auto q = db.querier();
        auto set = q->select({}, INT64_MIN, INT64_MAX);
        EXPECT_TRUE(set.ok());
        while (set->next()) {
            auto& v = out[set->labels().toString()];
            auto it = set->iterator();
            while (it.next()) v.emplace_back(it.t(), it.v());
        }
        return out;
    }

    static std::string slurp(const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }

    // Per block (by time): min, max, samples, and the bytes of its index and chunks files.
    static std::vector<std::string> blockBytes(DB& db) {
        std::vector<std::string> out;
        for (const auto& b : db.blocks()) {
            const fs::path bd = fs::path(db.dir()) / "blocks" / b->meta().id;
            out.push_back(std::to_string(b->meta().minTime) + "-" + std::to_string(b->meta().maxTime) + ":" +
                          std::to_string(b->meta().numSamples));
            out.push_back(slurp(bd / "index"));
            out.push_back(slurp(bd / "chunks"));
            EXPECT_FALSE(out.back().empty());
        }
        return out;
    }

    struct Outcome {
        Result<ImportResult> result = Status::internal("not run");
        SampleMap samples;
        std::vector<std::string> blocks;
        uint64_t dbSamples = 0;
    };

    Outcome run(const std::string& sub, const std::string& text, const ImportOptions& io) {
        Outcome o;
        auto db = DB::open((dir_ / sub).string());
        EXPECT_TRUE(db.ok());
        o.result = importText(**db, text, "f.om", io);
        o.samples = all(**db);
        o.blocks = blockBytes(**db);
        o.dbSamples = (*db)->stats().samples;
        return o;
    }

    static void expectSameResult(const ImportResult& a, const ImportResult& b) {
        EXPECT_EQ(a.samples, b.samples);
        EXPECT_EQ(a.skippedLines, b.skippedLines);
        EXPECT_EQ(a.rejectedSamples, b.rejectedSamples);
        EXPECT_EQ(a.firstErrors, b.firstErrors);
    }

};

TEST_F(ImportParallelTest, PiecesGiveTheSameBlocksAsOneThread) {
    const std::string text = generated();
    const Outcome one = run("one", text, direct(1));
    const Outcome two = run("two", text, direct(2));
    ASSERT_TRUE(one.result.ok()) << one.result.status().toString();
    ASSERT_TRUE(two.result.ok()) << two.result.status().toString();
    EXPECT_EQ(one.result->parsePieces, 1u);
    EXPECT_GT(two.result->parsePieces, 4u);  // really cut (8 pieces for 2 threads)
    expectSameResult(*one.result, *two.result);
    EXPECT_EQ(one.result->rejectedSamples, 2u);  // the out-of-order and the duplicate line
    EXPECT_EQ(one.result->samples, (6u + 6u + 3u + 2u + 1u) * 30 * 60);
    EXPECT_EQ(one.samples, two.samples);
    EXPECT_EQ(one.samples.size(), 18u);
    ASSERT_EQ(one.blocks.size(), 9u);  // 30 h from kT0 touch three 24 h windows
    EXPECT_EQ(one.blocks, two.blocks);  // byte for byte
    // The histogram's le was normalised in every piece (the family type carried over).
    EXPECT_TRUE(two.samples.count("lat_seconds_bucket{le=\"1.0\"}"));
}

TEST_F(ImportParallelTest, RejectionMessagesCarryTheirLineInEveryPiece) {
    const std::string text = generated();
    const Outcome two = run("two", text, direct(2));
    ASSERT_TRUE(two.result.ok());
    ASSERT_EQ(two.result->firstErrors.size(), 2u);
    const int dupLine = lineOf(text, "mem_bytes{instance=\"h4\"} 1 ");
    EXPECT_EQ(two.result->firstErrors[1].rfind("f.om:" + std::to_string(dupLine) + ":1: duplicate sample", 0), 0u)
        << two.result->firstErrors[1];
}

TEST_F(ImportParallelTest, ErrorInTheSecondHalfNamesItsLineAndWritesNothing) {
    std::string text = generated();
    // A malformed line three quarters into the file.
    const size_t at = text.find('\n', text.size() * 3 / 4) + 1;
    text.insert(at, "mem_bytes{instance=\"h1\" 12 1700000000\n");
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    const Outcome one = run("one", text, direct(1));
    const Outcome two = run("two", text, direct(2));
    ASSERT_FALSE(one.result.ok());
    ASSERT_FALSE(two.result.ok());
    EXPECT_EQ(two.result.status().toString(), one.result.status().toString());
    EXPECT_EQ(two.result.status().where().file, "f.om");
    EXPECT_EQ(two.result.status().where().line, line);
    EXPECT_EQ(two.result.status().where().column, 24);  // at the space where ',' or '}' belongs
    EXPECT_EQ(two.dbSamples, 0u);
    EXPECT_TRUE(two.blocks.empty());
    EXPECT_FALSE(fs::exists(dir_ / "two" / "blocks") && !fs::is_empty(dir_ / "two" / "blocks"));
}

TEST_F(ImportParallelTest, SkipInvalidCountsAsOneThread) {
    std::string text = generated();
    const size_t at = text.find('\n', text.size() * 2 / 3) + 1;
    text.insert(at, "mem_bytes{instance=\"h1\"} notanumber 1700000000\n");
    ImportOptions io1 = direct(1), io2 = direct(2);
    io1.skipInvalid = io2.skipInvalid = true;
    const Outcome one = run("one", text, io1);
    const Outcome two = run("two", text, io2);
    ASSERT_TRUE(one.result.ok());
    ASSERT_TRUE(two.result.ok());
    expectSameResult(*one.result, *two.result);
    EXPECT_EQ(two.result->skippedLines, 1u);  // OpenMetrics stops at the bad line
    EXPECT_GT(two.result->samples, 0u);
    EXPECT_LT(two.result->samples, (6u + 6u + 3u + 2u + 1u) * 30 * 60);
    EXPECT_EQ(one.samples, two.samples);
    EXPECT_EQ(one.blocks, two.blocks);
}

TEST_F(ImportParallelTest, FamilyRepeatedInALaterPieceIsTheSameError) {
    std::string text = generated();
    const size_t eof = text.rfind("# EOF");
    text.insert(eof, "# TYPE req_total counter\nreq_total_total 1 1700000000\n");
    const Outcome one = run("one", text, direct(1));
    const Outcome two = run("two", text, direct(2));
    ASSERT_FALSE(two.result.ok());
    EXPECT_EQ(two.result.status().toString(), one.result.status().toString());
    EXPECT_NE(two.result.status().message().find("appears more than once"), std::string::npos)
        << two.result.status().toString();
    EXPECT_EQ(two.result.status().where().line, lineOf(text, "# TYPE req_total counter\nreq_total_total 1"));
    EXPECT_EQ(two.dbSamples, 0u);
}

TEST_F(ImportParallelTest, TimeGoingBackAcrossPiecesFallsBackToOneThread) {
    // One series whose second half is older than its first: the pieces cannot merge, so one
    // thread parses again (and rejects the second half as out of order).
    std::ostringstream o;
    o << "# TYPE g gauge\n";
    for (int i = 0; i < 3000; ++i) o << "g{k=\"a\"} " << i << ' ' << ts(kT0 + (1500 + i % 1500) * 1000) << '\n';
    o << "# EOF\n";
    const Outcome one = run("one", o.str(), direct(1));
    const Outcome two = run("two", o.str(), direct(2));
    ASSERT_TRUE(two.result.ok());
    EXPECT_EQ(two.result->parsePieces, 1u);
    expectSameResult(*one.result, *two.result);
    EXPECT_EQ(two.result->rejectedSamples, 1500u);
    EXPECT_EQ(one.blocks, two.blocks);
}

TEST_F(ImportParallelTest, TextFormatIsParsedByOneThread) {
    std::ostringstream o;
    o << "# TYPE g gauge\n";
    for (int i = 0; i < 3000; ++i) o << "g{k=\"a\"} " << i << ' ' << kT0 + i * 1000 << '\n';
    const Outcome two = run("two", o.str(), direct(2));
    ASSERT_TRUE(two.result.ok());
    EXPECT_EQ(two.result->parsePieces, 1u);
    EXPECT_EQ(two.result->samples, 3000u);
}

TEST_F(ImportParallelTest, AutoDirectWritesBlocksIntoAnEmptyDb) {
    auto db = DB::open((dir_ / "db").string());
    ASSERT_TRUE(db.ok());
    ImportOptions io;
    io.autoDirect = true;
    io.parseThreads = 2;
    io.minPieceBytes = 4096;
    auto r = importText(**db, generated(), "f.om", io);
    ASSERT_TRUE(r.ok()) << r.status().toString();
    EXPECT_TRUE(r->direct);
    EXPECT_GT(r->parsePieces, 1u);
    EXPECT_EQ((*db)->head().stats().samples, 0u);  // nothing through the head
    EXPECT_EQ((*db)->blocks().size(), 3u);
}

TEST_F(ImportParallelTest, AutoDirectGoesThroughTheHeadWhenTheFileOverlapsIt) {
    auto db = DB::open((dir_ / "db").string());
    ASSERT_TRUE(db.ok());
    {
        auto app = (*db)->appender();
        ASSERT_TRUE(app->append(Labels{{"__name__", "live"}}, kT0 + 3600'000, 1).ok());
        ASSERT_TRUE(app->commit().ok());
    }
    ImportOptions io;
    io.autoDirect = true;
    io.parseThreads = 2;
    io.minPieceBytes = 4096;
    auto r = importText(**db, generated(), "f.om", io);
    ASSERT_TRUE(r.ok()) << r.status().toString();
    EXPECT_FALSE(r->direct);
    EXPECT_TRUE((*db)->blocks().empty());
    EXPECT_EQ((*db)->head().stats().samples, r->samples + 1);
}

TEST_F(ImportParallelTest, AutoDirectWritesBlocksWhenTheFileIsOlderThanTheHead) {
    auto db = DB::open((dir_ / "db").string());
    ASSERT_TRUE(db.ok());
    {
        auto app = (*db)->appender();
        ASSERT_TRUE(app->append(Labels{{"__name__", "live"}}, kT0 + 5 * 86400'000LL, 1).ok());
        ASSERT_TRUE(app->commit().ok());
    }
    ImportOptions io;
    io.autoDirect = true;
    auto r = importText(**db, generated(), "f.om", io);
    ASSERT_TRUE(r.ok()) << r.status().toString();
    EXPECT_TRUE(r->direct);
    EXPECT_EQ((*db)->head().stats().samples, 1u);
    EXPECT_EQ((*db)->blocks().size(), 3u);
    EXPECT_EQ(all(**db).size(), 19u);
}

// The parser's fast paths for integer values and decimal-second timestamps give what the
// general float parsing gives.
TEST(ImportNumberParsing, FastPathsMatchTheGeneralParse) {
    std::vector<std::string> toks = {"0", "7", "007", "1.", "1.5", "1.05", "1.005", "0.001", "1795867200",
                                     "1795867200.000", "1795867215.250", "99999999999.999", "123456789012.5",
                                     "1700000000.0001", "1e3", "12.345e1",
                                     "1234567890123", "1234567890123456", "1234567890123456789.5"};  // long: general path
    for (uint64_t x = 1; x < 100'000'000'000ULL; x = x * 7 + 3) {
        toks.push_back(std::to_string(x));
        toks.push_back(std::to_string(x) + "." + std::to_string(x % 1000));
        toks.push_back(std::to_string(x) + "." + std::to_string(x % 10));
    }
    for (const auto& tok : toks) {
        const std::string text = "m " + tok + " " + tok + "\n# EOF\n";
        ExpositionParser p(text, ExpositionFormat::OpenMetrics);
        auto e = p.next();
        ASSERT_TRUE(e.ok()) << tok << ": " << e.status().toString();
        double general = 0;
        std::istringstream(tok) >> general;
        EXPECT_EQ(p.sample().value, general) << tok;
        ASSERT_TRUE(p.sample().timestampMs.has_value());
        EXPECT_EQ(*p.sample().timestampMs, static_cast<int64_t>(std::llround(general * 1000.0))) << tok;
    }
    ExpositionParser bad("m 1 1.2.3\n# EOF\n", ExpositionFormat::OpenMetrics);
    EXPECT_FALSE(bad.next().ok());
}

}  // namespace
}  // namespace pharos::tsdb
