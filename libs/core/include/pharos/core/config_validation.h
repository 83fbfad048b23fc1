// Validation of an export tree before anything is written: Pharos' own checks (rule files as
// `promtool check rules` checks them, every rule file loaded by prometheus.yml, alertmanager.yml
// as `amtool check-config` checks it, no inline secret, rule unit tests as `promtool test rules`
// runs them) and, when they are
// installed, the real tools run on the tree in a temporary directory: `promtool check config
// --syntax-only`, `promtool check rules`, `promtool test rules` and `amtool check-config`.
// Blocking (runs processes): call it off the GUI thread. Reentrant.
#pragma once

#include <QString>
#include <QStringList>
#include <vector>

#include "pharos/core/config_tree.h"

namespace pharos::core {

struct ValidationIssue {
    QString tool;  // "pharos", "promtool", "amtool"
    QString file;  // relative path in the tree
    int line = 0;
    int column = 0;
    QString message;
    bool error = true;  // false: a warning (lint)
};

struct ValidationReport {
    std::vector<ValidationIssue> issues;
    QStringList toolsRun;      // "promtool check rules rules/a.yml", ...
    QStringList toolsMissing;  // "promtool", "amtool" when not installed
    bool ok() const;           // no error (warnings allowed)
};

struct ValidationOptions {
    bool runExternalTools = true;
    QString promtool;  // path; empty: found on PATH
    QString amtool;
    int toolTimeoutMs = 120000;
};

ValidationReport validateConfigTree(const ConfigTree& tree, const ValidationOptions& options = {});

}  // namespace pharos::core
