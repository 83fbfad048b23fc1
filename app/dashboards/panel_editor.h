// The panel editor: title, type, queries (expression, legend, instant), unit, range and the
// options of the panel's type. Works on a copy of the panel; the view applies the result as one
// undoable edit.
#pragma once

#include <QDialog>

#include "pharos/core/dashboards/dashboard.h"

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTableWidget;

namespace pharos::app {

class PanelEditor : public QDialog {
    Q_OBJECT
public:
    explicit PanelEditor(const core::dashboards::Panel& panel, QWidget* parent = nullptr);
    core::dashboards::Panel panel() const;

    // The thresholds text form used by the editor: "green, 80 orange, 90 red" (the first step has
    // no value: it is the base colour). Errors name the part that is wrong.
    static QString thresholdsToText(const std::vector<core::Threshold>& steps);
    static bool thresholdsFromText(const QString& text, std::vector<core::Threshold>* steps, QString* error);

private:
    void addTargetRow(const core::dashboards::Target& t);
    void updateTypeOptions();
    void validate();

    core::dashboards::Panel original_;
    QLineEdit* title_;
    QLineEdit* description_;
    QComboBox* type_;
    QTableWidget* targets_;
    QComboBox* unit_;
    QLineEdit* min_;
    QLineEdit* max_;
    QSpinBox* decimals_;
    QLineEdit* thresholds_;
    QCheckBox* stacked_;
    QCheckBox* stepped_;
    QSpinBox* fill_;
    QComboBox* reduce_;
    QPlainTextEdit* text_;
    QLabel* error_;
    QDialogButtonBox* buttons_;
};

}  // namespace pharos::app
