// Per-group evaluation time over a run (see group_eval_stats.h).
#include "pharos/core/live/group_eval_stats.h"

#include <algorithm>

namespace pharos::core::live {

GroupEvalStats::GroupEvalStats(RuleEvaluator* evaluator, QObject* parent) : QObject(parent), evaluator_(evaluator) {
    connect(evaluator, &RuleEvaluator::groupEvaluated, this, &GroupEvalStats::record, Qt::DirectConnection);
}

void GroupEvalStats::record(const QString& file, const QString& name) {
    const std::pair<std::string, std::string> key{file.toStdString(), name.toStdString()};
    for (const GroupStatus& s : evaluator_->groupStatus()) {
        if (s.file != key.first || s.name != key.second) continue;
        std::lock_guard lock(mu_);
        GroupEvalSummary& g = byGroup_[key];
        g.last = s;
        ++g.evaluations;
        g.totalDurationUs += s.lastEvalDurationUs;
        g.maxDurationUs = std::max(g.maxDurationUs, s.lastEvalDurationUs);
        return;
    }
}

std::vector<GroupEvalSummary> GroupEvalStats::summary() const {
    std::vector<GroupEvalSummary> out;
    const std::vector<GroupStatus> now = evaluator_->groupStatus();
    std::lock_guard lock(mu_);
    for (const GroupStatus& s : now) {
        auto it = byGroup_.find({s.file, s.name});
        GroupEvalSummary g = it == byGroup_.end() ? GroupEvalSummary{} : it->second;
        g.last = s;
        out.push_back(std::move(g));
    }
    return out;
}

}  // namespace pharos::core::live
