// Block writer and reader: meta, index, zstd-paged chunk file and tombstones
// (layout: FORMAT.md §Blocks).
#include "pharos/tsdb/block.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <set>

#include "bitstream.h"
#include "chunk_frame.h"
#include "crc32c.h"
#include "postings.h"

namespace pharos::tsdb {

namespace fs = std::filesystem;

namespace {

constexpr uint8_t kBlockVersion = 1;
constexpr size_t kFileHeader = 8;
constexpr size_t kPageHeader = 12;  // rawLen u32, compLen u32, crc32c u32 (of the 8 bytes before + frame)
constexpr size_t kPageCacheSize = 32;

Status errnoStatus(const std::string& what) { return Status::ioError(what + ": " + std::strerror(errno)); }

std::string fileHeader(const char* magic) {
    std::string h(magic, 4);
    h.push_back(static_cast<char>(kBlockVersion));
    h.append(3, '\0');
    return h;
}

Status checkHeader(std::string_view data, const char* magic, const std::string& path) {
    if (data.size() < kFileHeader || std::memcmp(data.data(), magic, 4) != 0) {
        return Status::corruption(path + ": bad file header");
    }
    if (static_cast<uint8_t>(data[4]) != kBlockVersion) {
        return Status::failedPrecondition(path + ": unsupported version " +
                                          std::to_string(static_cast<uint8_t>(data[4])));
    }
    return {};
}

Status writeAllFd(int fd, std::string_view data, const std::string& path) {
    while (!data.empty()) {
        ssize_t w = ::write(fd, data.data(), data.size());
        if (w < 0) {
            if (errno == EINTR) continue;
            return errnoStatus("write " + path);
        }
        data.remove_prefix(static_cast<size_t>(w));
    }
    return {};
}

Status writeFileSync(const std::string& path, std::string_view data) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return errnoStatus("create " + path);
    Status st = writeAllFd(fd, data, path);
    if (st.ok() && ::fsync(fd) != 0) st = errnoStatus("fsync " + path);
    ::close(fd);
    return st;
}

void syncDir(const std::string& dir) {
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

Result<std::string> readFile(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errnoStatus("open " + path);
    std::string out;
    char buf[65536];
    while (true) {
        ssize_t r = ::read(fd, buf, sizeof buf);
        if (r < 0) {
            if (errno == EINTR) continue;
            Status st = errnoStatus("read " + path);
            ::close(fd);
            return st;
        }
        if (r == 0) break;
        out.append(buf, static_cast<size_t>(r));
    }
    ::close(fd);
    return out;
}

Result<std::pair<void*, size_t>> mapFile(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errnoStatus("open " + path);
    struct stat sb {};
    if (::fstat(fd, &sb) != 0) {
        Status st = errnoStatus("stat " + path);
        ::close(fd);
        return st;
    }
    const auto size = static_cast<size_t>(sb.st_size);
    if (size == 0) {
        ::close(fd);
        return Status::corruption(path + ": empty file");
    }
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
    ::close(fd);
    if (p == MAP_FAILED) return errnoStatus("mmap " + path);
    return std::make_pair(p, size);
}

void putBytes(std::string& out, std::string_view b) {
    putUvarint(out, b.size());
    out += b;
}

std::string encodeMeta(const BlockMeta& m) {
    std::string out = fileHeader("PMET");
    putFixed64(out, static_cast<uint64_t>(m.minTime));
    putFixed64(out, static_cast<uint64_t>(m.maxTime));
    putFixed32(out, m.level);
    putUvarint(out, m.numSeries);
    putUvarint(out, m.numSamples);
    putUvarint(out, m.numChunks);
    putUvarint(out, m.sources.size());
    for (const auto& s : m.sources) putBytes(out, s);
    putFixed32(out, crc32c(out));
    return out;
}

Result<BlockMeta> decodeMeta(std::string_view data, const std::string& path) {
    PHAROS_RETURN_IF_ERROR(checkHeader(data, "PMET", path));
    if (data.size() < kFileHeader + 4 || crc32c(data.substr(0, data.size() - 4)) != getFixed32(data.data() + data.size() - 4)) {
        return Status::corruption(path + ": checksum mismatch");
    }
    ByteReader r(data.substr(kFileHeader, data.size() - kFileHeader - 4));
    BlockMeta m;
    m.minTime = static_cast<int64_t>(r.fixed64());
    m.maxTime = static_cast<int64_t>(r.fixed64());
    m.level = r.fixed32();
    m.numSeries = r.uvarint();
    m.numSamples = r.uvarint();
    m.numChunks = r.uvarint();
    const uint64_t ns = r.uvarint();
    for (uint64_t i = 0; i < ns && !r.failed(); ++i) m.sources.emplace_back(r.bytes(r.uvarint()));
    if (r.failed() || r.remaining() != 0 || m.maxTime <= m.minTime) return Status::corruption(path + ": bad meta");
    return m;
}

// Accumulates framed chunks into pages and writes each page zstd-compressed.
class ChunkFileWriter {
public:
    ChunkFileWriter(int fd, std::string path, int level) : fd_(fd), path_(std::move(path)), level_(level) {
        cctx_ = ZSTD_createCCtx();
    }
    ~ChunkFileWriter() { ZSTD_freeCCtx(cctx_); }
    Status start() {
        offset_ = kFileHeader;
        return writeAllFd(fd_, fileHeader("PCHK"), path_);
    }
    uint64_t pageOffset() const { return offset_; }
    size_t pageSize() const { return page_.size(); }
    uint32_t add(std::string_view framed) {
        const auto at = static_cast<uint32_t>(page_.size());
        page_ += framed;
        return at;
    }
    Status flush() {
        if (page_.empty()) return {};
        comp_.resize(ZSTD_compressBound(page_.size()));
        const size_t n = ZSTD_compressCCtx(cctx_, comp_.data(), comp_.size(), page_.data(), page_.size(), level_);
        if (ZSTD_isError(n)) return Status::internal(std::string("zstd: ") + ZSTD_getErrorName(n));
        comp_.resize(n);
        std::string hdr;
        putFixed32(hdr, static_cast<uint32_t>(page_.size()));
        putFixed32(hdr, static_cast<uint32_t>(n));
        putFixed32(hdr, crc32c(comp_, crc32c(hdr)));  // covers both lengths and the frame
        PHAROS_RETURN_IF_ERROR(writeAllFd(fd_, hdr, path_));
        PHAROS_RETURN_IF_ERROR(writeAllFd(fd_, comp_, path_));
        offset_ += kPageHeader + n;
        page_.clear();
        return {};
    }

private:
    int fd_;
    std::string path_;
    int level_;
    ZSTD_CCtx* cctx_ = nullptr;
    uint64_t offset_ = 0;
    std::string page_, comp_;
};

}  // namespace

std::string newBlockId(int64_t minTime, uint32_t level) {
    static std::mutex mu;
    static std::mt19937 rng{std::random_device{}()};
    uint32_t r;
    {
        std::lock_guard lock(mu);
        r = rng();
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "b%016llx-%u-%08x", static_cast<unsigned long long>(minTime), level, r);
    return buf;
}

Result<BlockMeta> writeBlock(const std::string& parentDir, BlockMeta meta, const BlockSeriesSource& source,
                             const BlockWriteOptions& options) {
    meta.numSeries = meta.numSamples = meta.numChunks = 0;
    const std::string tmp = parentDir + "/" + meta.id + ".tmp";
    const std::string final = parentDir + "/" + meta.id;
    std::error_code ec;
    fs::remove_all(tmp, ec);
    fs::create_directories(tmp, ec);
    if (ec) return Status::ioError("create " + tmp + ": " + ec.message());
    auto fail = [&](Status st) {
        fs::remove_all(tmp, ec);
        return st;
    };

    const std::string chunksPath = tmp + "/chunks";
    int fd = ::open(chunksPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return fail(errnoStatus("create " + chunksPath));
    struct IndexSeries {
        Labels labels;
        std::vector<std::array<uint64_t, 6>> chunks;  // minT, maxT, n, page, offset, length
    };
    std::vector<IndexSeries> index;
    std::set<std::string, std::less<>> symbols;
    const uint32_t perChunk = std::max<uint32_t>(options.samplesPerChunk, 2);
    Status st;
    {
        ChunkFileWriter w(fd, chunksPath, options.zstdLevel);
        st = w.start();
        BlockSeriesInput in;
        while (st.ok()) {
            in.t.clear();
            in.v.clear();
            in.chunks.clear();
            auto more = source(&in);
            if (!more.ok()) {
                st = more.status();
                break;
            }
            if (!*more) break;
            if (!in.chunks.empty() && in.t.empty()) {
                if (!index.empty() && !(index.back().labels < in.labels)) {
                    st = Status::internal("block writer: series not in increasing label order: " +
                                          in.labels.toString());
                    break;
                }
                IndexSeries s;
                s.labels = in.labels;
                for (const auto& l : in.labels) {
                    symbols.insert(l.name);
                    symbols.insert(l.value);
                }
                int64_t prevMax = INT64_MIN;
                for (const auto& c : in.chunks) {
                    if (c.minTime < meta.minTime || c.maxTime >= meta.maxTime || c.minTime > c.maxTime ||
                        (prevMax != INT64_MIN && c.minTime <= prevMax) || !c.payload || c.numSamples == 0) {
                        st = Status::internal("block writer: bad chunk list for " + in.labels.toString());
                        break;
                    }
                    prevMax = c.maxTime;
                    const std::string framed = frameChunk(c.encoding, c.numSamples, *c.payload);
                    const uint64_t page = w.pageOffset();
                    const uint32_t at = w.add(framed);
                    s.chunks.push_back({static_cast<uint64_t>(c.minTime), static_cast<uint64_t>(c.maxTime),
                                        c.numSamples, page, at, framed.size()});
                    ++meta.numChunks;
                    meta.numSamples += c.numSamples;
                    if (w.pageSize() >= 4 * options.pageBytes) {
                        st = w.flush();
                        if (!st.ok()) break;
                    }
                }
                if (!st.ok()) break;
                ++meta.numSeries;
                index.push_back(std::move(s));
                if (w.pageSize() >= options.pageBytes) st = w.flush();
                continue;
            }
            if (in.t.empty()) continue;
            if (in.t.size() != in.v.size()) {
                st = Status::internal("block writer: timestamps and values differ in count");
                break;
            }
            if (!index.empty() && !(index.back().labels < in.labels)) {
                st = Status::internal("block writer: series not in increasing label order: " + in.labels.toString());
                break;
            }
            for (size_t i = 1; i < in.t.size(); ++i) {
                if (in.t[i] <= in.t[i - 1]) {
                    st = Status::internal("block writer: timestamps not increasing in " + in.labels.toString());
                    break;
                }
            }
            if (!st.ok()) break;
            if (in.t.front() < meta.minTime || in.t.back() >= meta.maxTime) {
                st = Status::internal("block writer: sample outside the block range in " + in.labels.toString());
                break;
            }
            IndexSeries s;
            s.labels = in.labels;
            for (const auto& l : in.labels) {
                symbols.insert(l.name);
                symbols.insert(l.value);
            }
            for (size_t off = 0; off < in.t.size(); off += perChunk) {
                const size_t n = std::min<size_t>(perChunk, in.t.size() - off);
                std::span<const int64_t> ts(in.t.data() + off, n);
                std::span<const double> vs(in.v.data() + off, n);
                const std::string framed = encodeBestChunk(ts, vs);
                const uint64_t page = w.pageOffset();
                const uint32_t at = w.add(framed);
                s.chunks.push_back({static_cast<uint64_t>(ts.front()), static_cast<uint64_t>(ts.back()), n, page, at,
                                    framed.size()});
                ++meta.numChunks;
                // Keep pages bounded even for a very long series.
                if (w.pageSize() >= 4 * options.pageBytes) {
                    st = w.flush();
                    if (!st.ok()) break;
                }
            }
            meta.numSamples += in.t.size();
            ++meta.numSeries;
            index.push_back(std::move(s));
            if (st.ok() && w.pageSize() >= options.pageBytes) st = w.flush();
        }
        if (st.ok()) st = w.flush();
    }
    if (st.ok() && ::fsync(fd) != 0) st = errnoStatus("fsync " + chunksPath);
    ::close(fd);
    if (!st.ok()) return fail(st);
    if (meta.numSeries == 0) {
        fs::remove_all(tmp, ec);
        return meta;
    }

    // Index: symbols, then series referring to symbols by number.
    std::string idx = fileHeader("PIDX");
    std::map<std::string_view, uint64_t> symNo;
    putUvarint(idx, symbols.size());
    for (const auto& s : symbols) {
        symNo.emplace(s, symNo.size());
        putBytes(idx, s);
    }
    putUvarint(idx, index.size());
    for (const auto& s : index) {
        putUvarint(idx, s.labels.size());
        for (const auto& l : s.labels) {
            putUvarint(idx, symNo.at(l.name));
            putUvarint(idx, symNo.at(l.value));
        }
        putUvarint(idx, s.chunks.size());
        for (const auto& c : s.chunks) {
            putVarint(idx, static_cast<int64_t>(c[0]));
            putUvarint(idx, c[1] - c[0]);
            for (int k = 2; k < 6; ++k) putUvarint(idx, c[static_cast<size_t>(k)]);
        }
    }
    putFixed32(idx, crc32c(idx));
    st = writeFileSync(tmp + "/index", idx);
    if (st.ok()) st = writeFileSync(tmp + "/meta", encodeMeta(meta));
    if (!st.ok()) return fail(st);
    syncDir(tmp);
    fs::remove_all(final, ec);
    if (::rename(tmp.c_str(), final.c_str()) != 0) return fail(errnoStatus("rename " + tmp));
    syncDir(parentDir);
    return meta;
}

Block::~Block() {
    if (indexMap_) ::munmap(indexMap_, indexSize_);
    if (chunksMap_) ::munmap(chunksMap_, chunksSize_);
}

Result<std::shared_ptr<Block>> Block::open(const std::string& dir) {
    std::shared_ptr<Block> b(new Block());
    b->dir_ = dir;
    const std::string metaPath = dir + "/meta";
    PHAROS_ASSIGN_OR_RETURN(std::string metaData, readFile(metaPath));
    PHAROS_ASSIGN_OR_RETURN(b->meta_, decodeMeta(metaData, metaPath));
    b->meta_.id = fs::path(dir).filename().string();

    PHAROS_ASSIGN_OR_RETURN(auto idx, mapFile(dir + "/index"));
    b->indexMap_ = idx.first;
    b->indexSize_ = idx.second;
    PHAROS_RETURN_IF_ERROR(b->loadIndex(std::string_view(static_cast<const char*>(idx.first), idx.second)));

    PHAROS_ASSIGN_OR_RETURN(auto chk, mapFile(dir + "/chunks"));
    b->chunksMap_ = chk.first;
    b->chunksSize_ = chk.second;
    PHAROS_RETURN_IF_ERROR(
        checkHeader(std::string_view(static_cast<const char*>(chk.first), chk.second), "PCHK", dir + "/chunks"));
    PHAROS_RETURN_IF_ERROR(b->loadTombstones());
    return b;
}

Status Block::loadIndex(std::string_view data) {
    const std::string path = dir_ + "/index";
    PHAROS_RETURN_IF_ERROR(checkHeader(data, "PIDX", path));
    if (data.size() < kFileHeader + 4 ||
        crc32c(data.substr(0, data.size() - 4)) != getFixed32(data.data() + data.size() - 4)) {
        return Status::corruption(path + ": checksum mismatch");
    }
    ByteReader r(data.substr(kFileHeader, data.size() - kFileHeader - 4));
    const uint64_t nsym = r.uvarint();
    if (nsym > data.size()) return Status::corruption(path + ": bad symbol count");
    std::vector<std::string_view> syms;
    syms.reserve(nsym);
    for (uint64_t i = 0; i < nsym && !r.failed(); ++i) syms.push_back(r.bytes(r.uvarint()));
    const uint64_t nser = r.uvarint();
    if (r.failed() || nser > data.size()) return Status::corruption(path + ": bad series count");
    series_.resize(nser);
    auto sym = [&](uint64_t i) -> std::string_view {
        if (i >= syms.size()) {
            r.bytes(data.size() + 1);  // forces failed()
            return {};
        }
        return syms[i];
    };
    for (uint64_t i = 0; i < nser && !r.failed(); ++i) {
        const uint64_t nl = r.uvarint();
        if (nl > data.size()) return Status::corruption(path + ": bad label count");
        std::vector<Label> ls;
        ls.reserve(nl);
        for (uint64_t k = 0; k < nl && !r.failed(); ++k) {
            Label l;
            l.name = std::string(sym(r.uvarint()));
            l.value = std::string(sym(r.uvarint()));
            ls.push_back(std::move(l));
        }
        SeriesInfo& s = series_[i];
        s.labels = Labels(std::move(ls));
        const uint64_t nc = r.uvarint();
        if (nc > data.size()) return Status::corruption(path + ": bad chunk count");
        for (uint64_t k = 0; k < nc && !r.failed(); ++k) {
            ChunkRef c{};
            c.minTime = r.varint();
            c.maxTime = static_cast<int64_t>(static_cast<uint64_t>(c.minTime) + r.uvarint());
            c.numSamples = static_cast<uint32_t>(r.uvarint());
            c.page = r.uvarint();
            c.offset = static_cast<uint32_t>(r.uvarint());
            c.length = static_cast<uint32_t>(r.uvarint());
            s.chunks.push_back(c);
        }
        if (!r.failed()) {
            for (const auto& l : s.labels) postings_[l.name][l.value].push_back(i);
            allIndices_.push_back(i);
        }
    }
    if (r.failed() || r.remaining() != 0) return Status::corruption(path + ": truncated or malformed index");
    return {};
}

Status Block::loadTombstones() {
    const std::string path = dir_ + "/tombstones";
    std::error_code ec;
    if (!fs::exists(path, ec)) return {};
    PHAROS_ASSIGN_OR_RETURN(std::string data, readFile(path));
    PHAROS_RETURN_IF_ERROR(checkHeader(data, "PTMB", path));
    if (data.size() < kFileHeader + 4 ||
        crc32c(std::string_view(data).substr(0, data.size() - 4)) != getFixed32(data.data() + data.size() - 4)) {
        return Status::corruption(path + ": checksum mismatch");
    }
    ByteReader r(std::string_view(data).substr(kFileHeader, data.size() - kFileHeader - 4));
    const uint64_t n = r.uvarint();
    for (uint64_t i = 0; i < n && !r.failed(); ++i) {
        const uint64_t s = r.uvarint();
        Tombstone t;
        t.minTime = r.varint();
        t.maxTime = r.varint();
        if (s >= series_.size()) return Status::corruption(path + ": series out of range");
        tombstones_[static_cast<uint32_t>(s)].push_back(t);
    }
    if (r.failed() || r.remaining() != 0) return Status::corruption(path + ": malformed");
    return {};
}

uint64_t Block::diskBytes() const {
    uint64_t total = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir_, ec)) {
        auto sz = fs::file_size(e.path(), ec);
        if (!ec) total += sz;
    }
    return total;
}

uint64_t Block::seriesSamples(uint32_t i) const {
    uint64_t n = 0;
    for (const auto& c : series_[i].chunks) n += c.numSamples;
    return n;
}

std::vector<uint32_t> Block::postingsFor(std::span<const Matcher> matchers) const {
    const std::vector<uint64_t> result = selectPostings(postings_, matchers, allIndices_);
    return std::vector<uint32_t>(result.begin(), result.end());
}

Result<std::shared_ptr<const std::string>> Block::page(uint64_t offset) const {
    {
        std::lock_guard lock(mu_);
        auto it = pageCache_.find(offset);
        if (it != pageCache_.end()) return it->second;
    }
    const std::string where = "block " + meta_.id + " chunks page at offset " + std::to_string(offset);
    const char* base = static_cast<const char*>(chunksMap_);
    if (offset < kFileHeader || offset > chunksSize_ || chunksSize_ - offset < kPageHeader) {
        return Status::corruption(where + ": outside the file (truncated?)");
    }
    const uint32_t rawLen = getFixed32(base + offset);
    const uint32_t compLen = getFixed32(base + offset + 4);
    const uint32_t crc = getFixed32(base + offset + 8);
    if (chunksSize_ - offset - kPageHeader < compLen) return Status::corruption(where + ": truncated");
    std::string_view comp(base + offset + kPageHeader, compLen);
    if (crc32c(comp, crc32c(std::string_view(base + offset, 8))) != crc) {
        return Status::corruption(where + ": checksum mismatch");
    }
    // The frame records its content size; check it before allocating rawLen bytes.
    if (ZSTD_getFrameContentSize(comp.data(), comp.size()) != rawLen) {
        return Status::corruption(where + ": does not decompress");
    }
    auto raw = std::make_shared<std::string>(rawLen, '\0');
    const size_t n = ZSTD_decompress(raw->data(), raw->size(), comp.data(), comp.size());
    if (ZSTD_isError(n) || n != rawLen) return Status::corruption(where + ": does not decompress");
    std::shared_ptr<const std::string> out = std::move(raw);
    std::lock_guard lock(mu_);
    if (pageCache_.emplace(offset, out).second) {
        pageCacheOrder_.push_back(offset);
        if (pageCacheOrder_.size() > kPageCacheSize) {
            pageCache_.erase(pageCacheOrder_.front());
            pageCacheOrder_.erase(pageCacheOrder_.begin());
        }
    }
    return out;
}

Status Block::chunks(uint32_t i, int64_t mint, int64_t maxt, std::vector<ChunkSnapshot>* out) const {
    for (const auto& c : series_[i].chunks) {
        if (c.maxTime < mint || c.minTime > maxt) continue;
        auto pg = page(c.page);
        if (!pg.ok()) return pg.status().withContext(series_[i].labels.toString());
        const std::string& raw = **pg;
        if (c.offset > raw.size() || raw.size() - c.offset < c.length) {
            return Status::corruption("block " + meta_.id + ": chunk reference outside its page for " +
                                      series_[i].labels.toString());
        }
        auto view = parseChunk(std::string_view(raw).substr(c.offset, c.length));
        if (!view.ok()) {
            return Status::corruption("block " + meta_.id + " series " + series_[i].labels.toString() + ": " +
                                      view.status().message());
        }
        ChunkSnapshot s;
        s.minTime = c.minTime;
        s.maxTime = c.maxTime;
        s.numSamples = view->numSamples;
        s.encoding = view->encoding;
        s.payload = std::make_shared<const std::string>(view->payload);
        out->push_back(std::move(s));
    }
    return {};
}

std::vector<Tombstone> Block::tombstones(uint32_t i) const {
    std::lock_guard lock(mu_);
    auto it = tombstones_.find(i);
    return it == tombstones_.end() ? std::vector<Tombstone>{} : it->second;
}

bool Block::hasTombstones() const {
    std::lock_guard lock(mu_);
    return !tombstones_.empty();
}

Status Block::addTombstones(std::span<const std::pair<uint32_t, Tombstone>> add) {
    std::lock_guard lock(mu_);
    auto next = tombstones_;
    for (const auto& [s, t] : add) {
        if (s >= series_.size()) return Status::invalidArgument("tombstone for unknown series");
        next[s].push_back(t);
    }
    std::string out = fileHeader("PTMB");
    uint64_t n = 0;
    for (const auto& [s, ts] : next) n += ts.size();
    putUvarint(out, n);
    for (const auto& [s, ts] : next) {
        for (const auto& t : ts) {
            putUvarint(out, s);
            putVarint(out, t.minTime);
            putVarint(out, t.maxTime);
        }
    }
    putFixed32(out, crc32c(out));
    const std::string path = dir_ + "/tombstones";
    PHAROS_RETURN_IF_ERROR(writeFileSync(path + ".tmp", out));
    if (::rename((path + ".tmp").c_str(), path.c_str()) != 0) return errnoStatus("rename " + path);
    syncDir(dir_);
    tombstones_ = std::move(next);
    return {};
}

Status Block::verify(uint64_t* badPages) const {
    Status first;
    uint64_t bad = 0;
    std::set<uint64_t> pages;
    for (const auto& s : series_) {
        for (const auto& c : s.chunks) pages.insert(c.page);
    }
    std::set<uint64_t> badSet;
    for (uint64_t p : pages) {
        auto pg = page(p);
        if (!pg.ok()) {
            ++bad;
            badSet.insert(p);
            if (first.ok()) first = pg.status();
        }
    }
    for (uint32_t i = 0; i < series_.size() && first.ok(); ++i) {
        std::vector<ChunkSnapshot> cs;
        Status st = chunks(i, INT64_MIN, INT64_MAX, &cs);
        if (!st.ok()) first = st;
    }
    if (badPages) *badPages = bad;
    return first;
}

}  // namespace pharos::tsdb
