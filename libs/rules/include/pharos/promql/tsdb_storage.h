// Adapter from the TSDB read API (pharos::tsdb::Querier) to the PromQL Storage interface:
// select() decodes the matching series' chunks into contiguous t/v arrays owned by the result;
// forEachSeries() decodes them one at a time into a reused buffer.
// Thread-safety: as the wrapped Querier; the engine calls select() from one thread per query.
#pragma once

#include <memory>

#include "pharos/promql/storage.h"
#include "pharos/tsdb/querier.h"

namespace pharos::promql {

class TsdbStorage : public Storage {
public:
    explicit TsdbStorage(std::unique_ptr<tsdb::Querier> querier) : querier_(std::move(querier)) {}

    Status select(std::span<const tsdb::Matcher> matchers, int64_t mint, int64_t maxt,
                  std::vector<SelectedSeries>* out) const override;
    // Decodes each series into one buffer reused across the series of the call.
    Status forEachSeries(std::span<const tsdb::Matcher> matchers, int64_t mint, int64_t maxt,
                         const SeriesVisitor& visit) const override;

private:
    std::unique_ptr<tsdb::Querier> querier_;
};

}  // namespace pharos::promql
