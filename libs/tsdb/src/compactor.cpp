// DB block management: opening blocks, cutting the head into blocks, leveled compaction,
// retention, deletion (tombstones) and the statistics over head + blocks.
#include <algorithm>
#include <filesystem>
#include <map>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "db_querier.h"
#include "pharos/tsdb/db.h"

namespace pharos::tsdb {

namespace fs = std::filesystem;

namespace {

int64_t floorDiv(int64_t a, int64_t b) {
    const int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Samples of one block series in [mint, maxt] without its deleted ranges, appended to *out.
Status readBlockSeries(const Block& b, uint32_t idx, std::vector<std::pair<int64_t, double>>* out) {
    std::vector<ChunkSnapshot> cs;
    PHAROS_RETURN_IF_ERROR(b.chunks(idx, INT64_MIN, INT64_MAX, &cs));
    const auto tombs = b.tombstones(idx);
    SeriesIterator it(std::move(cs), {}, INT64_MIN, INT64_MAX);
    while (it.next()) {
        const int64_t t = it.t();
        bool deleted = false;
        for (const auto& ts : tombs) deleted = deleted || (t >= ts.minTime && t <= ts.maxTime);
        if (!deleted) out->emplace_back(t, it.v());
    }
    return it.err();
}

}  // namespace

std::unique_ptr<Querier> DB::querier() {
    return newDBQuerier(*head_, [this] { return blocks(); });
}

std::vector<std::shared_ptr<Block>> DB::blocks() const {
    std::lock_guard lock(blocksMu_);
    return blocks_;
}

Status DB::openBlocks() {
    const std::string bdir = dir_ + "/blocks";
    std::error_code ec;
    fs::create_directories(bdir, ec);
    if (ec) return Status::ioError("create " + bdir + ": " + ec.message());
    std::vector<std::shared_ptr<Block>> opened;
    std::vector<fs::path> entries;
    for (const auto& e : fs::directory_iterator(bdir, ec)) entries.push_back(e.path());
    std::sort(entries.begin(), entries.end());
    for (const auto& p : entries) {
        const std::string name = p.filename().string();
        if (name.size() > 4 && name.ends_with(".tmp")) {
            // An unfinished block write or deletion.
            fs::remove_all(p, ec);
            ++report_.removedBlocks;
            continue;
        }
        auto b = Block::open(p.string());
        if (!b.ok()) {
            report_.corruptBlocks.push_back(p.string() + ": " + b.status().message());
            continue;
        }
        uint64_t bad = 0;
        Status v = (*b)->verify(&bad);
        if (!v.ok()) {
            // Undamaged pages stay readable; queries touching a damaged one get an error.
            report_.corruptBlocks.push_back(p.string() + ": " + v.message() + " (" + std::to_string(bad) +
                                            " damaged pages; the rest is readable)");
        }
        opened.push_back(std::move(*b));
    }
    // A crash after a compaction wrote its block but before it deleted the sources.
    std::unordered_set<std::string> replaced;
    for (const auto& b : opened) replaced.insert(b->meta().sources.begin(), b->meta().sources.end());
    std::vector<std::shared_ptr<Block>> keep;
    for (auto& b : opened) {
        if (replaced.count(b->meta().id)) {
            fs::remove_all(b->dir(), ec);
            ++report_.removedBlocks;
        } else {
            keep.push_back(std::move(b));
        }
    }
    std::sort(keep.begin(), keep.end(),
              [](const auto& a, const auto& b) { return a->meta().minTime < b->meta().minTime; });
    int64_t minValid = INT64_MIN;
    for (const auto& b : keep) minValid = std::max(minValid, b->meta().maxTime);
    head_->setMinValidTime(minValid);
    std::lock_guard lock(blocksMu_);
    blocks_ = std::move(keep);
    return {};
}

void DB::publish(const std::vector<std::shared_ptr<Block>>& add,
                 const std::vector<std::shared_ptr<Block>>& remove) {
    {
        std::lock_guard lock(blocksMu_);
        for (const auto& r : remove) std::erase(blocks_, r);
        blocks_.insert(blocks_.end(), add.begin(), add.end());
        std::stable_sort(blocks_.begin(), blocks_.end(),
                         [](const auto& a, const auto& b) { return a->meta().minTime < b->meta().minTime; });
    }
    // Readers holding a removed block keep its mapping; the directory goes now. Renaming first
    // makes a crash in the middle leave a *.tmp directory that open() clears.
    std::error_code ec;
    for (const auto& r : remove) {
        const std::string gone = r->dir() + ".deleted.tmp";
        if (::rename(r->dir().c_str(), gone.c_str()) == 0) {
            fs::remove_all(gone, ec);
        } else {
            fs::remove_all(r->dir(), ec);
        }
    }
}

Result<CompactResult> DB::compact(bool flushHead) {
    std::lock_guard maint(maintMu_);
    if (!wal_) return Status::failedPrecondition("database is closed");
    CompactResult res;
    PHAROS_RETURN_IF_ERROR(cutHead(flushHead, &res));
    PHAROS_RETURN_IF_ERROR(compactBlocks(&res));
    PHAROS_RETURN_IF_ERROR(applyRetention(&res));
    return res;
}

Status DB::cutHead(bool flushHead, CompactResult* res) {
    const int64_t range = options_.blockRangesMs[0];
    bool cut = false;
    for (int guard = 0; guard < 100000; ++guard) {
        const HeadStats hs = head_->stats();
        if (hs.samples == 0) break;
        const int64_t a = floorDiv(hs.minTime, range) * range;
        int64_t b = a + range;
        if (!flushHead) {
            // Keep the newest half range in the head for late samples (like Prometheus).
            if (hs.maxTime - a < range + range / 2) break;
        } else if (hs.maxTime < b) {
            b = hs.maxTime + 1;
        }
        // Appends older than b are refused from now on; waiting for the commit lock lets a
        // commit that checked the old bound finish before the snapshot.
        head_->setMinValidTime(std::max(head_->minValidTime(), b));
        { auto commits = head_->lockCommits(); }
        auto q = head_->querier(/*enforceLimits=*/false);
        PHAROS_ASSIGN_OR_RETURN(SeriesSet set, q->select({}, a, b - 1));
        BlockMeta meta;
        meta.id = newBlockId(a, 1);
        meta.minTime = a;
        meta.maxTime = b;
        meta.level = 1;
        BlockWriteOptions wo;
        wo.samplesPerChunk = options_.head.samplesPerChunk;
        wo.zstdLevel = options_.zstdLevel;
        wo.pageBytes = options_.blockPageBytes;
        auto written = writeBlock(
            dir_ + "/blocks", meta,
            [&](BlockSeriesInput* in) -> Result<bool> {
                while (set.next()) {
                    in->labels = set.labels();
                    in->t.clear();
                    in->v.clear();
                    auto it = set.iterator();
                    while (it.next()) {
                        in->t.push_back(it.t());
                        in->v.push_back(it.v());
                    }
                    PHAROS_RETURN_IF_ERROR(it.err());
                    if (!in->t.empty()) return true;
                }
                return false;
            },
            wo);
        if (!written.ok()) return written.status().withContext("cut block from head");
        if (written->numSeries > 0) {
            PHAROS_ASSIGN_OR_RETURN(auto blk, Block::open(dir_ + "/blocks/" + meta.id));
            publish({blk}, {});
            ++res->blocksCut;
        }
        // Published first: a reader may briefly see a sample in both (the querier de-duplicates)
        // but never in neither.
        head_->truncate(b);
        cut = true;
    }
    if (cut) PHAROS_RETURN_IF_ERROR(checkpointLocked());
    return {};
}

Result<uint64_t> DB::addBlocks(std::vector<BulkSeries> series) {
    std::lock_guard maint(maintMu_);
    if (!wal_) return Status::failedPrecondition("database is closed");
    std::erase_if(series, [](const BulkSeries& s) { return s.t.empty(); });
    if (series.empty()) return uint64_t{0};
    for (const auto& s : series) {
        if (s.t.size() != s.v.size()) return Status::invalidArgument("addBlocks: timestamps and values differ in count");
    }
    std::sort(series.begin(), series.end(), [](const BulkSeries& a, const BulkSeries& b) { return a.labels < b.labels; });
    for (size_t i = 1; i < series.size(); ++i) {
        if (!(series[i - 1].labels < series[i].labels)) {
            return Status::invalidArgument("addBlocks: series " + series[i].labels.toString() + " given twice");
        }
    }
    const int64_t range = options_.blockRangesMs.back();
    const auto level = static_cast<uint32_t>(options_.blockRangesMs.size());
    // Window -> [min, max] of the samples in it.
    std::map<int64_t, std::pair<int64_t, int64_t>> windows;
    for (const auto& s : series) {
        for (size_t i = 0; i < s.t.size();) {
            const int64_t w = floorDiv(s.t[i], range);
            // Last sample of this series in window w.
            const int64_t end = w < INT64_MAX / range - 1 ? (w + 1) * range : INT64_MAX;
            const size_t j = static_cast<size_t>(std::lower_bound(s.t.begin() + static_cast<std::ptrdiff_t>(i), s.t.end(), end) -
                                                 s.t.begin());
            auto [it, fresh] = windows.try_emplace(w, s.t[i], s.t[j - 1]);
            if (!fresh) {
                it->second.first = std::min(it->second.first, s.t[i]);
                it->second.second = std::max(it->second.second, s.t[j - 1]);
            }
            i = j;
        }
    }
    struct Job {
        BlockMeta meta;
        Result<BlockMeta> written = Status::internal("not run");
    };
    std::vector<Job> jobs;
    for (const auto& [w, mm] : windows) {
        Job j;
        j.meta.minTime = mm.first;
        j.meta.maxTime = mm.second + 1;
        j.meta.level = level;
        j.meta.id = newBlockId(mm.first, level);
        jobs.push_back(std::move(j));
    }
    BlockWriteOptions wo;
    wo.samplesPerChunk = options_.head.samplesPerChunk;
    wo.zstdLevel = options_.zstdLevel;
    wo.pageBytes = options_.blockPageBytes;
    auto run = [&](Job& job) {
        size_t next = 0;
        job.written = writeBlock(
            dir_ + "/blocks", job.meta,
            [&](BlockSeriesInput* in) -> Result<bool> {
                for (; next < series.size(); ++next) {
                    const auto& s = series[next];
                    auto lo = std::lower_bound(s.t.begin(), s.t.end(), job.meta.minTime);
                    auto hi = std::lower_bound(lo, s.t.end(), job.meta.maxTime);
                    if (lo == hi) continue;
                    in->labels = s.labels;
                    in->t.assign(lo, hi);
                    in->v.assign(s.v.begin() + (lo - s.t.begin()), s.v.begin() + (hi - s.t.begin()));
                    ++next;
                    return true;
                }
                return false;
            },
            wo);
    };
    // Two windows at a time (compression is most of the work).
    for (size_t i = 0; i < jobs.size(); i += 2) {
        if (i + 1 < jobs.size()) {
            std::thread other([&, i] { run(jobs[i + 1]); });
            run(jobs[i]);
            other.join();
        } else {
            run(jobs[i]);
        }
    }
    std::vector<std::shared_ptr<Block>> add;
    Status st;
    for (auto& j : jobs) {
        if (!st.ok()) break;
        if (!j.written.ok()) {
            st = j.written.status().withContext("write imported block");
            break;
        }
        if (j.written->numSeries == 0) continue;
        auto blk = Block::open(dir_ + "/blocks/" + j.meta.id);
        if (!blk.ok()) {
            st = blk.status();
            break;
        }
        add.push_back(std::move(*blk));
    }
    if (!st.ok()) {
        // None becomes visible: remove what was written.
        std::error_code ec;
        add.clear();
        for (auto& j : jobs) {
            if (j.written.ok() && j.written->numSeries > 0) fs::remove_all(dir_ + "/blocks/" + j.meta.id, ec);
        }
        return st;
    }
    uint64_t samples = 0;
    int64_t newest = INT64_MIN;
    for (const auto& b : add) {
        samples += b->meta().numSamples;
        newest = std::max(newest, b->meta().maxTime);
    }
    // Appends older than the newest block are out of bounds from now on (as after a cut).
    head_->setMinValidTime(std::max(head_->minValidTime(), newest));
    publish(add, {});
    return samples;
}

Status DB::mergeBlocks(const std::vector<std::shared_ptr<Block>>& group, uint32_t level, CompactResult* res) {
    BlockMeta meta;
    meta.minTime = INT64_MAX;
    meta.maxTime = INT64_MIN;
    for (const auto& b : group) {
        meta.minTime = std::min(meta.minTime, b->meta().minTime);
        meta.maxTime = std::max(meta.maxTime, b->meta().maxTime);
        meta.sources.push_back(b->meta().id);
    }
    meta.level = level;
    meta.id = newBlockId(meta.minTime, meta.level);
    // Series of all sources in label order.
    std::map<Labels, std::vector<std::pair<size_t, uint32_t>>> series;
    for (size_t bi = 0; bi < group.size(); ++bi) {
        for (uint32_t i = 0; i < group[bi]->numSeries(); ++i) {
            series[group[bi]->seriesLabels(i)].emplace_back(bi, i);
        }
    }
    // Chunks can be copied unchanged when the sources do not overlap in time and a series has
    // no deletions; otherwise its samples are merged, de-duplicated and re-encoded.
    std::vector<std::shared_ptr<Block>> byTime = group;
    std::sort(byTime.begin(), byTime.end(),
              [](const auto& a, const auto& b) { return a->meta().minTime < b->meta().minTime; });
    bool disjoint = true;
    for (size_t i = 1; i < byTime.size(); ++i) {
        disjoint = disjoint && byTime[i - 1]->meta().maxTime <= byTime[i]->meta().minTime;
    }
    auto it = series.begin();
    std::vector<std::pair<int64_t, double>> merged;
    BlockWriteOptions wo;
    wo.samplesPerChunk = options_.head.samplesPerChunk;
    wo.zstdLevel = options_.zstdLevel;
        wo.pageBytes = options_.blockPageBytes;
    auto written = writeBlock(
        dir_ + "/blocks", meta,
        [&](BlockSeriesInput* in) -> Result<bool> {
            for (; it != series.end(); ++it) {
                bool copy = disjoint;
                for (const auto& [bi, idx] : it->second) copy = copy && group[bi]->tombstones(idx).empty();
                if (copy) {
                    auto refs = it->second;
                    std::sort(refs.begin(), refs.end(), [&](const auto& x, const auto& y) {
                        return group[x.first]->meta().minTime < group[y.first]->meta().minTime;
                    });
                    for (const auto& [bi, idx] : refs) {
                        PHAROS_RETURN_IF_ERROR(group[bi]->chunks(idx, INT64_MIN, INT64_MAX, &in->chunks));
                    }
                    if (in->chunks.empty()) continue;
                    in->labels = it->first;
                    ++it;
                    return true;
                }
                merged.clear();
                for (const auto& [bi, idx] : it->second) {
                    PHAROS_RETURN_IF_ERROR(readBlockSeries(*group[bi], idx, &merged));
                }
                // Sources are ordered by minTime; on equal timestamps the first wins.
                std::stable_sort(merged.begin(), merged.end(),
                                 [](const auto& x, const auto& y) { return x.first < y.first; });
                merged.erase(std::unique(merged.begin(), merged.end(),
                                         [](const auto& x, const auto& y) { return x.first == y.first; }),
                             merged.end());
                if (merged.empty()) continue;
                in->labels = it->first;
                for (const auto& [t, v] : merged) {
                    in->t.push_back(t);
                    in->v.push_back(v);
                }
                ++it;
                return true;
            }
            return false;
        },
        wo);
    if (!written.ok()) return written.status().withContext("compact blocks");
    std::vector<std::shared_ptr<Block>> add;
    if (written->numSeries > 0) {
        PHAROS_ASSIGN_OR_RETURN(auto blk, Block::open(dir_ + "/blocks/" + meta.id));
        add.push_back(std::move(blk));
        ++res->blocksCompacted;
    }
    publish(add, group);
    res->blocksDeleted += group.size();
    return {};
}

Status DB::compactBlocks(CompactResult* res) {
    for (size_t level = 1; level < options_.blockRangesMs.size(); ++level) {
        const int64_t range = options_.blockRangesMs[level];
        if (range <= options_.blockRangesMs[level - 1]) continue;
        while (true) {
            const auto all = blocks();
            if (all.size() < 2) break;
            int64_t newest = INT64_MIN;
            for (const auto& b : all) newest = std::max(newest, b->meta().maxTime);
            // Window start -> blocks lying inside it that are smaller than the window.
            std::map<int64_t, std::vector<std::shared_ptr<Block>>> windows;
            for (const auto& b : all) {
                const int64_t w = floorDiv(b->meta().minTime, range);
                if (floorDiv(b->meta().maxTime - 1, range) != w) continue;
                if (b->meta().maxTime - b->meta().minTime >= range) continue;
                windows[w].push_back(b);
            }
            std::vector<std::shared_ptr<Block>> group;
            for (auto& [w, bs] : windows) {
                // Only complete windows: newer data exists past the window's end.
                if (bs.size() >= 2 && (w + 1) * range <= newest) {
                    group = bs;
                    break;
                }
            }
            if (group.empty()) break;
            PHAROS_RETURN_IF_ERROR(mergeBlocks(group, static_cast<uint32_t>(level + 1), res));
        }
    }
    // Blocks with deletions that no merge picked up are rewritten alone, dropping the samples.
    for (const auto& b : blocks()) {
        if (b->hasTombstones()) PHAROS_RETURN_IF_ERROR(mergeBlocks({b}, b->meta().level, res));
    }
    return {};
}

Status DB::applyRetention(CompactResult* res) {
    auto all = blocks();
    std::vector<std::shared_ptr<Block>> remove;
    if (options_.retentionMs > 0 && !all.empty()) {
        int64_t newest = INT64_MIN;
        for (const auto& b : all) newest = std::max(newest, b->meta().maxTime - 1);
        const HeadStats hs = head_->stats();
        if (hs.samples) newest = std::max(newest, hs.maxTime);
        const int64_t cutoff = newest - options_.retentionMs;
        for (const auto& b : all) {
            if (b->meta().maxTime <= cutoff) remove.push_back(b);
        }
    }
    if (options_.retentionBytes > 0) {
        uint64_t total = wal_ ? wal_->diskBytes() : 0;
        std::error_code ec;
        const auto cp = fs::file_size(dir_ + "/checkpoint", ec);
        if (!ec) total += cp;
        std::vector<std::pair<std::shared_ptr<Block>, uint64_t>> sized;
        for (const auto& b : all) {
            const uint64_t sz = b->diskBytes();
            total += sz;
            if (std::find(remove.begin(), remove.end(), b) != remove.end()) {
                total -= sz;
            } else {
                sized.emplace_back(b, sz);
            }
        }
        // Oldest first.
        for (size_t i = 0; i < sized.size() && total > options_.retentionBytes; ++i) {
            remove.push_back(sized[i].first);
            total -= sized[i].second;
        }
    }
    if (!remove.empty()) {
        publish({}, remove);
        res->blocksDeleted += remove.size();
    }
    return {};
}

Status DB::deleteSeries(std::span<const Matcher> matchers, int64_t mint, int64_t maxt) {
    std::lock_guard maint(maintMu_);
    if (!wal_) return Status::failedPrecondition("database is closed");
    if (mint > maxt) return Status::invalidArgument("delete: start after end");
    for (const auto& b : blocks()) {
        if (!b->overlaps(mint, maxt)) continue;
        std::vector<std::pair<uint32_t, Tombstone>> add;
        for (uint32_t idx : b->postingsFor(matchers)) add.push_back({idx, Tombstone{mint, maxt}});
        if (!add.empty()) PHAROS_RETURN_IF_ERROR(b->addTombstones(add));
    }
    std::vector<CommitLog::DeleteRecord> recs;
    for (SeriesRef ref : head_->postingsFor(matchers)) recs.push_back({ref, mint, maxt});
    if (recs.empty()) return {};
    auto commits = head_->lockCommits();
    PHAROS_RETURN_IF_ERROR(wal_->logDeletes(recs));
    for (const auto& r : recs) head_->deleteRange(r.ref, r.mint, r.maxt);
    return {};
}

DBStats DB::stats() const {
    DBStats st;
    st.head = head_->stats();
    if (wal_) st.walBytes = wal_->diskBytes();
    std::error_code ec;
    auto cp = fs::file_size(dir_ + "/checkpoint", ec);
    if (!ec) st.checkpointBytes = cp;
    std::unordered_set<Labels> seen;
    bool any = false;
    auto widen = [&](int64_t lo, int64_t hi) {
        st.minTime = any ? std::min(st.minTime, lo) : lo;
        st.maxTime = any ? std::max(st.maxTime, hi) : hi;
        any = true;
    };
    for (const auto& b : blocks()) {
        ++st.blocks;
        st.blockBytes += b->diskBytes();
        st.blockSamples += b->meta().numSamples;
        for (uint32_t i = 0; i < b->numSeries(); ++i) seen.insert(b->seriesLabels(i));
        if (b->meta().numSamples) widen(b->meta().minTime, b->meta().maxTime - 1);
    }
    head_->forEachSeries([&](const MemSeries& s) {
        std::lock_guard lock(s.mu);
        if (s.samples) seen.insert(s.labels);
    });
    if (st.head.samples) widen(st.head.minTime, st.head.maxTime);
    st.series = seen.size();
    st.samples = st.blockSamples + st.head.samples;
    return st;
}

std::vector<MetricSummary> DB::metricSummary() const {
    std::unordered_map<Labels, uint64_t> perSeries;
    for (const auto& b : blocks()) {
        for (uint32_t i = 0; i < b->numSeries(); ++i) perSeries[b->seriesLabels(i)] += b->seriesSamples(i);
    }
    head_->forEachSeries([&](const MemSeries& s) {
        std::lock_guard lock(s.mu);
        if (s.samples) perSeries[s.labels] += s.samples;
    });
    std::map<std::string, MetricSummary, std::less<>> byName;
    for (const auto& [labels, n] : perSeries) {
        auto& m = byName[std::string(labels.metricName())];
        ++m.series;
        m.samples += n;
    }
    std::vector<MetricSummary> out;
    for (auto& [name, m] : byName) {
        m.name = name;
        out.push_back(std::move(m));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.samples != b.samples ? a.samples > b.samples : a.name < b.name;
    });
    return out;
}

}  // namespace pharos::tsdb
