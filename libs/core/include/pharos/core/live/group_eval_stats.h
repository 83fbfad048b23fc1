// GroupEvalStats: how long a RuleEvaluator's groups took over a whole run (evaluations, mean,
// max and total wall time per group), where GroupStatus only holds the last evaluation. Used by
// `pharos-cli scrape` and its benchmark to compare with Prometheus' rule_group_* metrics.
// Thread-safety: the groupEvaluated handler runs on the evaluator's thread (direct
// connection); summary() may be called from any thread (guarded by a mutex).
#pragma once

#include <QObject>

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "pharos/core/live/rule_evaluator.h"

namespace pharos::core::live {

struct GroupEvalSummary {
    GroupStatus last;            // the group's status after its last evaluation
    int64_t evaluations = 0;
    int64_t totalDurationUs = 0;
    int64_t maxDurationUs = 0;
    int64_t meanDurationUs() const { return evaluations ? totalDurationUs / evaluations : 0; }
};

class GroupEvalStats : public QObject {
    Q_OBJECT
public:
    // Counts every evaluation of `evaluator` from now on; the evaluator must outlive this.
    explicit GroupEvalStats(RuleEvaluator* evaluator, QObject* parent = nullptr);

    // One entry per group the evaluator has (groups never evaluated have evaluations == 0),
    // in the evaluator's group order (file, name).
    std::vector<GroupEvalSummary> summary() const;

private:
    void record(const QString& file, const QString& name);

    RuleEvaluator* evaluator_;
    mutable std::mutex mu_;
    std::map<std::pair<std::string, std::string>, GroupEvalSummary> byGroup_;  // guarded by mu_
};

}  // namespace pharos::core::live
