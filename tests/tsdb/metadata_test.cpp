// Metric metadata store (file round trip, damage, suffix lookup, importer filling it) and label
// name / value series counts over the head, blocks and both.
#include "pharos/tsdb/metadata.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "pharos/tsdb/db.h"
#include "pharos/tsdb/importer.h"

namespace pharos::tsdb {
namespace {

namespace fs = std::filesystem;

fs::path tempDir() {
    fs::path d = fs::temp_directory_path() / ("pharos_metadata_test_" + std::to_string(::getpid()) + "_" +
                                              ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

Matcher eq(const char* n, const char* v) { return *Matcher::make(MatchType::Equal, n, v); }

TEST(MetadataStore, RoundTripsThroughTheFile) {
    const fs::path dir = tempDir();
    {
        auto store = MetadataStore::open(dir.string());
        ASSERT_TRUE(store.ok()) << store.status().toString();
        EXPECT_EQ((*store)->size(), 0u);
        EXPECT_FALSE((*store)->dirty());
        (*store)->setType("http_requests", MetricType::Counter);
        (*store)->setHelp("http_requests", "Requests \"served\"\nper handler");
        (*store)->setUnit("process_cpu", "seconds");
        (*store)->setType("process_cpu", MetricType::Gauge);
        EXPECT_TRUE((*store)->dirty());
        ASSERT_TRUE((*store)->flush().ok());
        EXPECT_FALSE((*store)->dirty());
        EXPECT_FALSE(fs::exists(dir / "metadata.tmp"));
    }
    auto again = MetadataStore::open(dir.string());
    ASSERT_TRUE(again.ok()) << again.status().toString();
    auto all = (*again)->all();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].first, "http_requests");
    EXPECT_EQ(all[0].second.type, MetricType::Counter);
    EXPECT_EQ(all[0].second.help, "Requests \"served\"\nper handler");
    EXPECT_EQ(all[1].first, "process_cpu");
    EXPECT_EQ(all[1].second.unit, "seconds");
    EXPECT_EQ(all[1].second.type, MetricType::Gauge);
    fs::remove_all(dir);
}

TEST(MetadataStore, SettingTheSameValueDoesNotDirty) {
    MetadataStore s;
    s.setType("a", MetricType::Gauge);
    EXPECT_TRUE(s.dirty());
    ASSERT_TRUE(s.flush().ok());  // not persisted: no-op, stays dirty
    MetadataStore p((tempDir()).string());
    p.setType("a", MetricType::Gauge);
    ASSERT_TRUE(p.flush().ok());
    p.setType("a", MetricType::Gauge);
    p.setHelp("a", "");
    EXPECT_FALSE(p.dirty());
    p.setHelp("a", "x");
    EXPECT_TRUE(p.dirty());
    fs::remove_all(p.dir());
}

TEST(MetadataStore, DetectsDamage) {
    MetadataStore s;
    s.set("up", {MetricType::Gauge, "1 if the target is up", ""});
    std::string bytes = s.encode();
    ASSERT_TRUE(MetadataStore::decode(bytes).ok());
    EXPECT_EQ(bytes.substr(0, 5), std::string("PMDT\x01"));
    std::string flipped = bytes;
    flipped[12] ^= 0x20;
    EXPECT_EQ(MetadataStore::decode(flipped).status().code(), StatusCode::Corruption);
    EXPECT_EQ(MetadataStore::decode(bytes.substr(0, bytes.size() - 3)).status().code(), StatusCode::Corruption);
    std::string newer = bytes;
    newer[4] = 2;
    EXPECT_EQ(MetadataStore::decode(newer).status().code(), StatusCode::FailedPrecondition);
    EXPECT_EQ(MetadataStore::decode("junk").status().code(), StatusCode::Corruption);
}

TEST(MetadataStore, EveryTruncationAndBitFlipIsRejected) {
    MetadataStore s;
    s.set("a", {MetricType::Counter, "help a", "seconds"});
    s.set("b_total", {MetricType::Summary, std::string(300, 'x'), ""});
    const std::string bytes = s.encode();
    auto ok = MetadataStore::decode(bytes);
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->at("b_total").help.size(), 300u);
    for (size_t n = 0; n < bytes.size(); ++n) EXPECT_FALSE(MetadataStore::decode(bytes.substr(0, n)).ok()) << n;
    for (size_t i = 0; i < bytes.size(); ++i) {
        std::string flipped = bytes;
        flipped[i] = static_cast<char>(flipped[i] ^ 0x01);
        EXPECT_FALSE(MetadataStore::decode(flipped).ok()) << i;
    }
}

TEST(MetadataStore, LooksUpFamiliesBySuffix) {
    MetadataStore s;
    s.setType("http_requests", MetricType::Counter);
    s.setType("rpc_duration_seconds", MetricType::Histogram);
    s.setType("node_load1", MetricType::Gauge);
    auto a = s.lookup("http_requests_total");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->first, "http_requests");
    auto b = s.lookup("rpc_duration_seconds_bucket");
    ASSERT_TRUE(b);
    EXPECT_EQ(b->second.type, MetricType::Histogram);
    EXPECT_EQ(s.lookup("node_load1")->first, "node_load1");
    EXPECT_FALSE(s.lookup("node_load5"));
    EXPECT_FALSE(s.lookup("_total"));
}

TEST(MetadataStore, DamagedFileDoesNotStopTheDB) {
    const fs::path dir = tempDir();
    std::ofstream(dir / "metadata") << "PMDT\x01garbage";
    auto db = DB::open(dir.string());
    ASSERT_TRUE(db.ok()) << db.status().toString();
    EXPECT_NE((*db)->openReport().metadataCorruption, "");
    EXPECT_EQ((*db)->metadata().size(), 0u);
    db->reset();
    fs::remove_all(dir);
}

TEST(MetadataStore, ImporterRecordsDeclarationsAndDBPersistsThem) {
    const fs::path dir = tempDir();
    {
        auto db = DB::open(dir.string());
        ASSERT_TRUE(db.ok());
        auto r = importText(**db,
                            "# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.\n"
                            "# TYPE node_cpu_seconds_total counter\n"
                            "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 10 1000\n"
                            "# TYPE node_load1 gauge\n"
                            "node_load1 0.5 1000\n",
                            "a.prom", {});
        ASSERT_TRUE(r.ok()) << r.status().toString();
        auto om = importText(**db,
                             "# TYPE build info\n# HELP build Build.\n"
                             "build_info{version=\"1\"} 1 1\n"
                             "# TYPE temp_celsius gauge\n# UNIT temp_celsius celsius\n"
                             "temp_celsius 21.5 1\n# EOF\n",
                             "b.om", {});
        ASSERT_TRUE(om.ok()) << om.status().toString();
        EXPECT_TRUE(fs::exists(dir / "metadata"));
    }
    auto db = DB::open(dir.string());
    ASSERT_TRUE(db.ok());
    const MetadataStore& md = (*db)->metadata();
    auto cpu = md.get("node_cpu_seconds_total");
    ASSERT_TRUE(cpu);
    EXPECT_EQ(cpu->type, MetricType::Counter);
    EXPECT_EQ(cpu->help, "Seconds the CPUs spent in each mode.");
    EXPECT_EQ(md.get("node_load1")->type, MetricType::Gauge);
    auto build = md.lookup("build_info");
    ASSERT_TRUE(build);
    EXPECT_EQ(build->first, "build");
    EXPECT_EQ(build->second.type, MetricType::Info);
    EXPECT_EQ(build->second.help, "Build.");
    EXPECT_EQ(md.get("temp_celsius")->unit, "celsius");
    db->reset();
    fs::remove_all(dir);
}

TEST(MetadataStore, FailedImportRecordsNothing) {
    const fs::path dir = tempDir();
    auto db = DB::open(dir.string());
    ASSERT_TRUE(db.ok());
    auto r = importText(**db, "# TYPE x gauge\nx 1 1\nx{ 2\n", "bad.prom", {});
    EXPECT_FALSE(r.ok());
    EXPECT_FALSE((*db)->metadata().get("x"));
    db->reset();
    fs::remove_all(dir);
}

class LabelCountsTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = tempDir();
        auto db = DB::open(dir_.string());
        ASSERT_TRUE(db.ok());
        db_ = std::move(*db);
    }
    void TearDown() override {
        db_.reset();
        fs::remove_all(dir_);
    }
    void add(const Labels& l, int64_t t) {
        auto app = db_->appender();
        ASSERT_TRUE(app->append(l, t, 1).ok());
        ASSERT_TRUE(app->commit().ok());
    }
    fs::path dir_;
    std::unique_ptr<DB> db_;
};

TEST_F(LabelCountsTest, CountsDistinctSeriesOverHeadAndBlocks) {
    // Old samples go into a block, newer ones stay in the head; node/a has both.
    add({{"__name__", "up"}, {"job", "node"}, {"instance", "a"}}, 0);
    add({{"__name__", "up"}, {"job", "node"}, {"instance", "b"}}, 0);
    add({{"__name__", "up"}, {"job", "prom"}, {"instance", "c"}}, 0);
    auto c = db_->compact(/*flushHead=*/true);
    ASSERT_TRUE(c.ok()) << c.status().toString();
    ASSERT_EQ(db_->blocks().size(), 1u);
    add({{"__name__", "up"}, {"job", "node"}, {"instance", "a"}}, 3 * kHourMs);
    add({{"__name__", "scrape_duration_seconds"}, {"job", "node"}, {"instance", "a"}}, 3 * kHourMs);

    auto q = db_->querier();
    auto names = q->labelValueCounts("__name__", {});
    ASSERT_TRUE(names.ok());
    ASSERT_EQ(names->size(), 2u);
    EXPECT_EQ((*names)[0].value, "scrape_duration_seconds");
    EXPECT_EQ((*names)[0].series, 1u);
    EXPECT_EQ((*names)[1].value, "up");
    EXPECT_EQ((*names)[1].series, 3u);

    std::vector<Matcher> up{eq("__name__", "up")};
    auto jobs = q->labelValueCounts("job", up);
    ASSERT_TRUE(jobs.ok());
    ASSERT_EQ(jobs->size(), 2u);
    EXPECT_EQ((*jobs)[0].value, "node");
    EXPECT_EQ((*jobs)[0].series, 2u);
    EXPECT_EQ((*jobs)[1].value, "prom");
    EXPECT_EQ((*jobs)[1].series, 1u);

    auto lnames = q->labelNameCounts(up);
    ASSERT_TRUE(lnames.ok());
    ASSERT_EQ(lnames->size(), 3u);
    EXPECT_EQ((*lnames)[0].name, "__name__");
    EXPECT_EQ((*lnames)[0].series, 3u);
    EXPECT_EQ((*lnames)[0].values, 1u);
    EXPECT_EQ((*lnames)[1].name, "instance");
    EXPECT_EQ((*lnames)[1].values, 3u);
    EXPECT_EQ((*lnames)[2].name, "job");
    EXPECT_EQ((*lnames)[2].series, 3u);
    EXPECT_EQ((*lnames)[2].values, 2u);

    // The head alone only knows what it holds samples for.
    auto hq = db_->head().querier();
    auto hnames = hq->labelValueCounts("__name__", {});
    ASSERT_TRUE(hnames.ok());
    ASSERT_EQ(hnames->size(), 2u);
    EXPECT_EQ((*hnames)[1].series, 1u);
}

TEST_F(LabelCountsTest, DefaultImplementationAgreesWithTheIndex) {
    add({{"__name__", "a"}, {"x", "1"}}, 10);
    add({{"__name__", "a"}, {"x", "2"}}, 10);
    add({{"__name__", "b"}, {"y", "1"}}, 10);
    // A querier that only implements the required methods gets the generic counts.
    class Wrapper : public Querier {
    public:
        explicit Wrapper(std::unique_ptr<Querier> q) : q_(std::move(q)) {}
        Result<SeriesSet> select(std::span<const Matcher> m, int64_t mint, int64_t maxt) override {
            return q_->select(m, mint, maxt);
        }
        Result<std::vector<std::string>> labelNames(std::span<const Matcher> m) override { return q_->labelNames(m); }
        Result<std::vector<std::string>> labelValues(std::string_view n, std::span<const Matcher> m) override {
            return q_->labelValues(n, m);
        }
        std::unique_ptr<Querier> q_;
    } w(db_->querier());
    auto q = db_->querier();
    auto a = w.labelNameCounts({});
    auto b = q->labelNameCounts({});
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->size(), b->size());
    for (size_t i = 0; i < a->size(); ++i) {
        EXPECT_EQ((*a)[i].name, (*b)[i].name);
        EXPECT_EQ((*a)[i].series, (*b)[i].series);
        EXPECT_EQ((*a)[i].values, (*b)[i].values);
    }
    auto xs = w.labelValueCounts("x", std::vector<Matcher>{eq("__name__", "a")});
    ASSERT_TRUE(xs.ok());
    ASSERT_EQ(xs->size(), 2u);
    EXPECT_EQ((*xs)[1].value, "2");
    EXPECT_EQ((*xs)[1].series, 1u);
}

}  // namespace
}  // namespace pharos::tsdb
