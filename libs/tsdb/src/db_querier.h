// The DB's querier: head and blocks read together (internal; see db.h).
// Thread-safety: as Querier; the block list is snapshotted at each select().
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "pharos/tsdb/block.h"
#include "pharos/tsdb/head.h"
#include "pharos/tsdb/querier.h"

namespace pharos::tsdb {

std::unique_ptr<Querier> newDBQuerier(Head& head, std::function<std::vector<std::shared_ptr<Block>>()> blocks);

}  // namespace pharos::tsdb
