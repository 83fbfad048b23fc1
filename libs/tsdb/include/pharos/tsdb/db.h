// A TSDB directory: the head, its WAL (dir/wal/) and its latest checkpoint (dir/checkpoint),
// guarded by a lock file (dir/lock) against a second process. Byte layouts in FORMAT.md.
//
// open() loads the checkpoint, replays the WAL (repairing a torn tail, see wal.h) and is then
// ready for appends. checkpoint() writes every series with its compressed chunks to a new
// checkpoint file (atomically renamed into place) and drops the WAL segments it covers; import
// runs it at the end so data sits on disk compressed.
//
// Thread-safety: as Head (one writer, many readers); open/checkpoint/close by the writer.
#pragma once

#include <memory>
#include <string>

#include "pharos/status.h"
#include "pharos/tsdb/head.h"
#include "pharos/tsdb/wal.h"

namespace pharos::tsdb {

struct DBOptions {
    HeadOptions head;
    WalOptions wal;
};

struct DBStats {
    HeadStats head;
    uint64_t walBytes = 0;
    uint64_t checkpointBytes = 0;
    uint64_t diskBytes() const { return walBytes + checkpointBytes; }
};

class DB {
public:
    static Result<std::unique_ptr<DB>> open(const std::string& dir, DBOptions options = {});
    ~DB();

    std::unique_ptr<Appender> appender() { return head_->appender(); }
    std::unique_ptr<Querier> querier() { return head_->querier(); }
    Head& head() { return *head_; }
    DBStats stats() const;
    const WalReplayReport& replayReport() const { return replay_; }
    uint64_t checkpointSeriesLoaded() const { return checkpointSeries_; }

    Status checkpoint();
    Status close();
    const std::string& dir() const { return dir_; }

private:
    DB(std::string dir, DBOptions options);
    Status loadCheckpoint();

    std::string dir_;
    DBOptions options_;
    std::unique_ptr<Head> head_;
    std::unique_ptr<Wal> wal_;
    WalReplayReport replay_;
    uint64_t checkpointSeries_ = 0;
    int lockFd_ = -1;
};

}  // namespace pharos::tsdb
