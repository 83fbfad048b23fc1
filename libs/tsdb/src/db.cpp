// DB: directory lock, checkpoint load/write and WAL replay around a Head (blocks and
// compaction: compactor.cpp; reads: db_querier.cpp).
#include "pharos/tsdb/db.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "bitstream.h"
#include "crc32c.h"

namespace pharos::tsdb {

namespace fs = std::filesystem;

namespace {

constexpr char kCheckpointMagic[4] = {'P', 'C', 'K', 'P'};
// 2: nextRef after firstUncoveredSegment (refs of series gc() removed are never reused).
constexpr uint8_t kCheckpointVersion = 2;

Status errnoStatus(const std::string& what) { return Status::ioError(what + ": " + std::strerror(errno)); }

Status removeCoveredSegments(const std::string& walDir, uint64_t firstUncovered) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(walDir, ec)) {
        const std::string name = e.path().filename().string();
        if (name.size() != 8 || name.find_first_not_of("0123456789") != std::string::npos) continue;
        if (std::stoull(name) < firstUncovered) fs::remove(e.path(), ec);
    }
    return {};
}

void putBytes(std::string& out, std::string_view b) {
    putUvarint(out, b.size());
    out += b;
}

}  // namespace

DB::DB(std::string dir, DBOptions options)
    : dir_(std::move(dir)), options_(std::move(options)), head_(std::make_unique<Head>(options_.head)) {
    if (options_.blockRangesMs.empty() || options_.blockRangesMs[0] <= 0) options_.blockRangesMs = {2 * kHourMs};
}

DB::~DB() { (void)close(); }

Result<std::unique_ptr<DB>> DB::open(const std::string& dir, DBOptions options) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return Status::ioError("create " + dir + ": " + ec.message());
    std::unique_ptr<DB> db(new DB(dir, std::move(options)));
    const std::string lockPath = dir + "/lock";
    db->lockFd_ = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (db->lockFd_ < 0) return errnoStatus("open " + lockPath);
    if (::flock(db->lockFd_, LOCK_EX | LOCK_NB) != 0) {
        return Status::failedPrecondition("database " + dir + " is locked by another process");
    }
    PHAROS_RETURN_IF_ERROR(db->openBlocks());
    if (auto md = MetadataStore::open(dir); md.ok()) {
        db->metadata_ = std::move(*md);
    } else if (md.status().code() == StatusCode::IoError) {
        return md.status();
    } else {
        // Metadata is descriptive only: a damaged file must not keep the samples from opening.
        db->report_.metadataCorruption = md.status().message();
        db->metadata_ = std::make_unique<MetadataStore>(dir);  // the next flush replaces the file
    }
    Status cp = db->loadCheckpoint();
    if (cp.code() == StatusCode::Corruption) {
        // Series records before the damage are loaded; the WAL is still replayed on top.
        db->report_.checkpointCorruption = cp.message();
    } else if (!cp.ok()) {
        return cp;
    }
    PHAROS_ASSIGN_OR_RETURN(db->wal_, Wal::openInto(dir + "/wal", db->options_.wal, db->head_.get(), &db->report_.wal));
    return db;
}

Status DB::loadCheckpoint() {
    const std::string path = dir_ + "/checkpoint";
    std::error_code ec;
    if (!fs::exists(path, ec)) return {};
    std::ifstream in(path, std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto corrupt = [&](const std::string& why) {
        return Status::corruption("checkpoint " + path + ": " + why);
    };
    if (data.size() < 16 || std::memcmp(data.data(), kCheckpointMagic, 4) != 0) return corrupt("bad header");
    const uint8_t version = static_cast<uint8_t>(data[4]);
    if (version != 1 && version != 2) return corrupt("unsupported version " + std::to_string(version));
    if (version >= 2 && data.size() < 24) return corrupt("bad header");
    // WAL segments the checkpoint covers may survive a crash right after it was written.
    PHAROS_RETURN_IF_ERROR(removeCoveredSegments(dir_ + "/wal", getFixed64(data.data() + 8)));
    size_t pos = 16;
    if (version >= 2) {
        head_->setNextRef(getFixed64(data.data() + 16));
        pos = 24;
    }
    while (pos < data.size()) {
        if (data.size() - pos < 8) return corrupt("truncated record");
        const uint32_t len = getFixed32(data.data() + pos);
        const uint32_t crc = getFixed32(data.data() + pos + 4);
        if (data.size() - pos - 8 < len) return corrupt("truncated record");
        std::string_view rec(data.data() + pos + 8, len);
        if (crc32c(rec) != crc) return corrupt("checksum mismatch at offset " + std::to_string(pos));
        pos += 8 + len;
        ByteReader r(rec);
        const SeriesRef ref = r.uvarint();
        const uint64_t nl = r.uvarint();
        if (r.failed() || nl > rec.size()) return corrupt("bad series record");
        std::vector<Label> ls;
        for (uint64_t i = 0; i < nl; ++i) {
            Label l;
            l.name = std::string(r.bytes(r.uvarint()));
            l.value = std::string(r.bytes(r.uvarint()));
            ls.push_back(std::move(l));
        }
        if (r.failed()) return corrupt("bad labels");
        PHAROS_RETURN_IF_ERROR(head_->restoreSeries(ref, Labels(std::move(ls))));
        ++checkpointSeries_;
        const uint64_t nChunks = r.uvarint();
        // Chunks (partly) covered by a block are restored sample by sample, which drops what
        // the block holds; so is everything after the first such chunk of the series.
        bool sampleMode = false;
        for (uint64_t i = 0; i < nChunks && !r.failed(); ++i) {
            ChunkSnapshot c;
            c.minTime = r.varint();
            c.maxTime = r.varint();
            const int64_t lastT = c.maxTime;
            const uint64_t lastV = r.fixed64();
            std::string_view framed = r.bytes(r.uvarint());
            if (r.failed()) break;
            if (c.maxTime < head_->minValidTime()) continue;
            PHAROS_ASSIGN_OR_RETURN(ChunkView view, parseChunk(framed));
            if (sampleMode || c.minTime < head_->minValidTime()) {
                sampleMode = true;
                ChunkIterator it(view);
                while (it.next()) head_->restoreSample(ref, it.t(), it.v());
                PHAROS_RETURN_IF_ERROR(it.err());
                continue;
            }
            c.numSamples = view.numSamples;
            c.encoding = view.encoding;
            c.payload = std::make_shared<const std::string>(view.payload);
            PHAROS_RETURN_IF_ERROR(head_->restoreSealedChunk(ref, std::move(c), lastT, lastV));
        }
        std::string_view open = r.bytes(r.uvarint());
        if (r.failed()) return corrupt("bad chunk list");
        if (!open.empty()) {
            PHAROS_ASSIGN_OR_RETURN(ChunkView view, parseChunk(open));
            ChunkIterator it(view);
            while (it.next()) head_->restoreSample(ref, it.t(), it.v());
            PHAROS_RETURN_IF_ERROR(it.err());
        }
        const uint64_t nOoo = r.uvarint();
        for (uint64_t i = 0; i < nOoo && !r.failed(); ++i) {
            const int64_t t = r.varint();
            const double v = std::bit_cast<double>(r.fixed64());
            if (!r.failed()) head_->restoreSample(ref, t, v, /*force=*/true);
        }
        if (r.failed() || r.remaining() != 0) return corrupt("bad series record");
    }
    return {};
}

Status DB::checkpoint() {
    std::lock_guard maint(maintMu_);
    return checkpointLocked();
}

Status DB::checkpointLocked() {
    if (!wal_) return Status::failedPrecondition("database is closed");
    std::string out(kCheckpointMagic, 4);
    out.push_back(static_cast<char>(kCheckpointVersion));
    out.append(3, '\0');
    uint64_t firstUncovered = 0;
    {
        // Commits wait while the WAL rotates and the head is serialised, so the checkpoint
        // holds exactly what the segments before firstUncovered hold.
        auto commits = head_->lockCommits();
        PHAROS_ASSIGN_OR_RETURN(firstUncovered, wal_->rotate());
        putFixed64(out, firstUncovered);
        putFixed64(out, head_->nextRef());
        std::string rec;
        head_->forEachSeries([&](const MemSeries& s) {
            rec.clear();
            putUvarint(rec, s.ref);
            putUvarint(rec, s.labels.size());
            for (const auto& l : s.labels) {
                putBytes(rec, l.name);
                putBytes(rec, l.value);
            }
            {
                std::lock_guard lock(s.mu);
                putUvarint(rec, s.sealed.size());
                for (size_t i = 0; i < s.sealed.size(); ++i) {
                    const auto& c = s.sealed[i];
                    putVarint(rec, c.minTime);
                    putVarint(rec, c.maxTime);
                    // The value of the chunk's last sample, for the duplicate check after reload.
                    uint64_t lastV = 0;
                    ChunkIterator it(ChunkView{c.encoding, c.numSamples, *c.payload});
                    while (it.next()) lastV = std::bit_cast<uint64_t>(it.v());
                    putFixed64(rec, lastV);
                    std::string framed(1, static_cast<char>(c.encoding));
                    putUvarint(framed, c.numSamples);
                    framed += *c.payload;
                    putFixed32(framed, crc32c(framed));
                    putBytes(rec, framed);
                }
                putBytes(rec, s.open.numSamples() ? s.open.finish() : std::string());
                putUvarint(rec, s.outOfOrder.size());
                for (const auto& [t, v] : s.outOfOrder) {
                    putVarint(rec, t);
                    putFixed64(rec, std::bit_cast<uint64_t>(v));
                }
            }
            putFixed32(out, static_cast<uint32_t>(rec.size()));
            putFixed32(out, crc32c(rec));
            out += rec;
        });
    }
    const std::string tmp = dir_ + "/checkpoint.tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return errnoStatus("create " + tmp);
    Status st;
    const char* p = out.data();
    size_t n = out.size();
    while (n > 0 && st.ok()) {
        ssize_t w = ::write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            st = errnoStatus("write " + tmp);
            break;
        }
        p += w;
        n -= static_cast<size_t>(w);
    }
    if (st.ok() && ::fsync(fd) != 0) st = errnoStatus("fsync " + tmp);
    ::close(fd);
    if (!st.ok()) {
        ::unlink(tmp.c_str());
        return st;
    }
    if (::rename(tmp.c_str(), (dir_ + "/checkpoint").c_str()) != 0) return errnoStatus("rename checkpoint");
    int dfd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return wal_->removeSegmentsBefore(firstUncovered);
}

Status DB::close() {
    std::lock_guard maint(maintMu_);
    Status st;
    if (metadata_) st = metadata_->flush();
    if (wal_) {
        head_->setCommitLog(nullptr);
        Status walSt = wal_->close();
        if (st.ok()) st = walSt;
        wal_.reset();
    }
    if (lockFd_ >= 0) {
        ::close(lockFd_);
        lockFd_ = -1;
    }
    return st;
}

}  // namespace pharos::tsdb
