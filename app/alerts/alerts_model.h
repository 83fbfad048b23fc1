// AlertsModel: the live evaluator's alerts as a two-level tree, one top-level row per
// notification group (the Alertmanager route's group key when a routing tree is given, else the
// alert name) and the alerts of that group below it. An alert matching several routes (continue)
// appears under each of its groups. Acknowledged alerts (a local mark, kept by labels across
// refreshes) are shown as such. GUI thread only.
#pragma once

#include <QAbstractItemModel>
#include <QSet>
#include <memory>
#include <vector>

#include "pharos/core/live/rule_evaluator.h"

namespace pharos::alerting {
class Route;
}

namespace pharos::app {

class AlertsModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { ColName, ColState, ColLabels, ColValue, ColSince, ColAnnotations, ColumnCount };
    enum Role { AlertIndexRole = Qt::UserRole + 1, IsGroupRole, FingerprintRole };

    explicit AlertsModel(QObject* parent = nullptr);
    ~AlertsModel() override;

    // Groups by root->match(labels) group keys; nullptr groups by alert name.
    void setRouting(std::shared_ptr<const alerting::Route> root);
    void setAlerts(std::vector<core::live::LiveAlert> alerts);
    const std::vector<core::live::LiveAlert>& alerts() const { return alerts_; }

    // The alert behind an index (nullptr for a group row).
    const core::live::LiveAlert* alertAt(const QModelIndex& index) const;
    // Equality matchers proposed for a silence: every label of an alert row, the group labels
    // of a group row.
    QList<QPair<QString, QString>> proposedMatchers(const QModelIndex& index) const;

    void setAcknowledged(const QModelIndex& index, bool acknowledged);
    bool isAcknowledged(const core::live::LiveAlert& alert) const;
    // The acknowledged alerts' fingerprints (sorted), to keep in the workspace; an alert's mark
    // ends when it resolves (a new firing of the same labels is a new incident).
    QStringList acknowledgedFingerprints() const;
    void setAcknowledgedFingerprints(const QStringList& fingerprints);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    // The set of acknowledged fingerprints changed (by the user, or an alert resolved).
    void acknowledgementsChanged();

private:
    struct Group {
        QString key;                                // route group key or alert name
        QList<QPair<QString, QString>> groupLabels;  // shown in the group row
        QString receiver;
        std::vector<int> members;                   // indexes into alerts_
    };
    void rebuild();
    QVariant groupData(const Group& g, int column, int role) const;
    QVariant alertData(const core::live::LiveAlert& a, int column, int role) const;

    std::shared_ptr<const alerting::Route> routing_;
    std::vector<core::live::LiveAlert> alerts_;
    std::vector<Group> groups_;
    QSet<QString> acknowledged_;  // fingerprints: labels as text
};

QString stateText(core::live::LiveAlert const& a);
QString fingerprint(const core::live::LiveAlert& a);

}  // namespace pharos::app
