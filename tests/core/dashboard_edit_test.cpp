// Qt Test: editing operations on the dashboard model — add/duplicate/delete/move/resize panels
// with Grafana's push-down and vertical compaction, rows collapsing and expanding, variables.
#include <QtTest>

#include "pharos/core/dashboards/dashboard_edit.h"

using namespace pharos::core::dashboards;

namespace {

Panel panel(int id, GridPos pos, const char* title = "") {
    Panel p;
    p.id = id;
    p.gridPos = pos;
    p.title = QString::fromLatin1(title);
    return p;
}

// Two panels side by side on top, one full-width panel below.
Dashboard threePanels() {
    Dashboard d;
    d.panels = {panel(1, {0, 0, 12, 8}, "a"), panel(2, {12, 0, 12, 8}, "b"),
                panel(3, {0, 8, 24, 6}, "c")};
    return d;
}

GridPos pos(const Dashboard& d, int id) {
    return d.panel(id)->gridPos;
}

bool noOverlaps(const Dashboard& d) {
    std::vector<GridPos> all;
    for (const Panel& p : d.panels) all.push_back(p.gridPos);
    for (const Row& r : d.rows) all.push_back(r.gridPos());
    for (size_t i = 0; i < all.size(); ++i)
        for (size_t j = i + 1; j < all.size(); ++j)
            if (all[i].overlaps(all[j])) return false;
    return true;
}

}  // namespace

class DashboardEditTest : public QObject {
    Q_OBJECT

  private slots:
    void clamp() {
        QCOMPARE(clampToGrid({20, -3, 10, 0}), (GridPos{14, 0, 10, 1}));
        QCOMPARE(clampToGrid({-1, 2, 30, 4}), (GridPos{0, 2, 24, 4}));
    }

    void addPanelPushesDown() {
        Dashboard d = threePanels();
        const int id = addPanel(d, panel(0, {6, 0, 12, 4}, "new"));
        QCOMPARE(id, 4);
        QCOMPARE(pos(d, 4), (GridPos{6, 0, 12, 4}));
        QCOMPARE(pos(d, 1), (GridPos{0, 4, 12, 8}));
        QCOMPARE(pos(d, 2), (GridPos{12, 4, 12, 8}));
        QCOMPARE(pos(d, 3), (GridPos{0, 12, 24, 6}));
        QVERIFY(noOverlaps(d));
        QCOMPARE(d.panels.front().id, 4);  // sorted by (y, x)
        // A taken id is replaced.
        QCOMPARE(addPanel(d, panel(2, {0, 100, 4, 4})), 5);
        QCOMPARE(pos(d, 5).y, 18);  // floats up under the lowest panel
    }

    void duplicate() {
        Dashboard d = threePanels();
        auto below = duplicatePanel(d, 2);  // no room to the right: below it
        QVERIFY(below.ok());
        QCOMPARE(*below, 4);
        QCOMPARE(pos(d, 4), (GridPos{12, 8, 12, 8}));
        QCOMPARE(d.panel(4)->title, QStringLiteral("b"));
        QCOMPARE(pos(d, 3), (GridPos{0, 16, 24, 6}));
        Dashboard small;
        small.panels = {panel(1, {0, 0, 6, 4})};
        QCOMPARE(*duplicatePanel(small, 1), 2);
        QCOMPARE(pos(small, 2), (GridPos{6, 0, 6, 4}));  // to the right
        QCOMPARE(duplicatePanel(d, 42).status().code(), pharos::StatusCode::NotFound);
    }

    void deleteCompacts() {
        Dashboard d = threePanels();
        QVERIFY(deletePanel(d, 1).ok());
        QVERIFY(deletePanel(d, 2).ok());
        QCOMPARE(pos(d, 3), (GridPos{0, 0, 24, 6}));
        QCOMPARE(deletePanel(d, 1).code(), pharos::StatusCode::NotFound);
    }

    void moveDownSwaps() {
        // Dragging a full-width panel onto the one below it swaps them: the collider moves up.
        Dashboard stack;
        stack.panels = {panel(1, {0, 0, 24, 4}), panel(2, {0, 4, 24, 4})};
        QVERIFY(movePanel(stack, 1, {0, 4, 24, 4}).ok());
        QCOMPARE(pos(stack, 2), (GridPos{0, 0, 24, 4}));
        QCOMPARE(pos(stack, 1), (GridPos{0, 4, 24, 4}));
        // Dropping "a" onto "c" when "c" cannot go above it (b blocks): compaction floats "a"
        // back up into the space it left, as Grafana does.
        Dashboard d = threePanels();
        QVERIFY(movePanel(d, 1, {0, 8, 12, 8}).ok());
        QCOMPARE(pos(d, 1), (GridPos{0, 0, 12, 8}));
        // Below "c" it stays.
        QVERIFY(movePanel(d, 1, {0, 14, 12, 8}).ok());
        QCOMPARE(pos(d, 1), (GridPos{0, 14, 12, 8}));
        QCOMPARE(pos(d, 3), (GridPos{0, 8, 24, 6}));
        QVERIFY(noOverlaps(d));
        // Moving up over "b": b is pushed below.
        QVERIFY(movePanel(d, 1, {12, 0, 12, 8}).ok());
        QCOMPARE(pos(d, 1), (GridPos{12, 0, 12, 8}));
        QCOMPARE(pos(d, 2).y, 8);
        QVERIFY(noOverlaps(d));
    }

    void resize() {
        Dashboard d = threePanels();
        QVERIFY(movePanel(d, 1, {0, 0, 16, 10}).ok());  // wider and taller: b is pushed down
        QCOMPARE(pos(d, 1), (GridPos{0, 0, 16, 10}));
        QCOMPARE(pos(d, 2), (GridPos{12, 10, 12, 8}));
        QCOMPARE(pos(d, 3), (GridPos{0, 18, 24, 6}));
        QVERIFY(movePanel(d, 1, {0, 0, 12, 4}).ok());  // smaller: everything floats up
        QCOMPARE(pos(d, 2), (GridPos{12, 0, 12, 8}));
        QCOMPARE(pos(d, 3), (GridPos{0, 8, 24, 6}));
        QVERIFY(movePanel(d, 1, {20, 0, 10, 4}).ok());  // clamped into the grid
        QCOMPARE(pos(d, 1).x + pos(d, 1).w, kGridColumns);
        QCOMPARE(movePanel(d, 9, {}).code(), pharos::StatusCode::NotFound);
    }

    void rowsCollapseAndExpand() {
        Dashboard d = threePanels();
        const int row = addRow(d, QStringLiteral("Details"), 8);
        QCOMPARE(d.row(row)->y, 8);
        QCOMPARE(pos(d, 3).y, 9);  // pushed below the row header
        const int tail = addRow(d, QStringLiteral("Tail"));
        QCOMPARE(d.row(tail)->y, 15);
        QVERIFY(addPanel(d, panel(0, {0, 16, 24, 4})) > 0);
        QCOMPARE(d.rowIndexOf(*d.panel(3)), 0);

        QVERIFY(collapseRow(d, row).ok());
        QVERIFY(d.row(row)->collapsed);
        QCOMPARE(d.row(row)->panels.size(), size_t(1));
        QCOMPARE(d.row(row)->panels[0].id, 3);
        QCOMPARE(d.panels.size(), size_t(3));
        QCOMPARE(d.row(tail)->y, 9);  // compacted up under the collapsed row
        QCOMPARE(movePanel(d, 3, {0, 0, 4, 4}).code(), pharos::StatusCode::FailedPrecondition);
        QVERIFY(collapseRow(d, row).ok());  // idempotent

        // Duplicating inside a collapsed row keeps the copy there.
        auto copy = duplicatePanel(d, 3);
        QVERIFY(copy.ok());
        QCOMPARE(d.row(row)->panels.size(), size_t(2));

        QVERIFY(expandRow(d, row).ok());
        QVERIFY(!d.row(row)->collapsed);
        QVERIFY(d.row(row)->panels.empty());
        QCOMPARE(pos(d, 3), (GridPos{0, 9, 24, 6}));
        QCOMPARE(pos(d, *copy), (GridPos{0, 15, 24, 6}));
        QCOMPARE(d.row(tail)->y, 21);  // pushed down by the expanded panels
        QVERIFY(noOverlaps(d));
        QVERIFY(setRowTitle(d, row, QStringLiteral("Renamed")).ok());
        QCOMPARE(d.row(row)->title, QStringLiteral("Renamed"));
        QCOMPARE(collapseRow(d, 999).code(), pharos::StatusCode::NotFound);
    }

    void expandMovedRow() {
        // A collapsed row that moved keeps its panels' relative layout when expanded.
        Dashboard d;
        Row r;
        r.id = 10;
        r.y = 2;
        r.collapsed = true;
        r.panels = {panel(1, {0, 20, 12, 4}), panel(2, {12, 22, 12, 4})};
        d.rows = {r};
        d.panels = {panel(3, {0, 0, 24, 2}), panel(4, {0, 3, 24, 5})};
        QVERIFY(expandRow(d, 10).ok());
        QCOMPARE(pos(d, 1), (GridPos{0, 3, 12, 4}));
        QCOMPARE(pos(d, 2), (GridPos{12, 3, 12, 4}));  // y 5 after the shift, then compacted up
        QCOMPARE(pos(d, 4), (GridPos{0, 7, 24, 5}));
        QVERIFY(noOverlaps(d));
    }

    void deleteRows() {
        Dashboard d = threePanels();
        const int row = addRow(d, QStringLiteral("R"), 8);
        Dashboard keep = d;
        QVERIFY(deleteRow(keep, row, false).ok());
        QVERIFY(keep.rows.empty());
        QCOMPARE(pos(keep, 3), (GridPos{0, 8, 24, 6}));
        QVERIFY(deleteRow(d, row, true).ok());
        QVERIFY(!d.panel(3));
        QCOMPARE(d.panels.size(), size_t(2));
        // A collapsed row's panels come back when only the header is deleted.
        Dashboard c = threePanels();
        const int r2 = addRow(c, QStringLiteral("R"), 8);
        QVERIFY(collapseRow(c, r2).ok());
        QVERIFY(deleteRow(c, r2, false).ok());
        QVERIFY(c.panel(3));
        QCOMPARE(c.panels.size(), size_t(3));
    }

    void updatePanelContent() {
        Dashboard d = threePanels();
        Panel p = *d.panel(2);
        p.title = QStringLiteral("renamed");
        p.type = PanelType::Stat;
        p.gridPos = {0, 0, 24, 2};
        QVERIFY(updatePanel(d, p).ok());
        QCOMPARE(d.panel(2)->title, QStringLiteral("renamed"));
        QCOMPARE(d.panel(2)->type, PanelType::Stat);
        QCOMPARE(pos(d, 2), (GridPos{0, 0, 24, 2}));
        QVERIFY(noOverlaps(d));
        p.id = 77;
        QCOMPARE(updatePanel(d, p).code(), pharos::StatusCode::NotFound);
    }

    void variables() {
        Dashboard d;
        Variable a;
        a.name = QStringLiteral("job");
        QVERIFY(addVariable(d, a).ok());
        QCOMPARE(addVariable(d, a).code(), pharos::StatusCode::InvalidArgument);  // duplicate
        Variable bad;
        bad.name = QStringLiteral("1x");
        QVERIFY(!addVariable(d, bad).ok());
        bad.name = QStringLiteral("__interval");
        QVERIFY(!addVariable(d, bad).ok());
        Variable b;
        b.name = QStringLiteral("node");
        QVERIFY(addVariable(d, b, 0).ok());
        QCOMPARE(d.variables[0].name, QStringLiteral("node"));
        QVERIFY(moveVariable(d, QStringLiteral("node"), 1).ok());
        QCOMPARE(d.variables[1].name, QStringLiteral("node"));
        QVERIFY(!moveVariable(d, QStringLiteral("node"), 5).ok());
        Variable renamed = d.variables[1];
        renamed.name = QStringLiteral("host");
        renamed.multi = true;
        QVERIFY(updateVariable(d, QStringLiteral("node"), renamed).ok());
        QVERIFY(d.variable(QStringLiteral("host"))->multi);
        QVERIFY(!d.variable(QStringLiteral("node")));
        renamed.name = QStringLiteral("job");
        QVERIFY(!updateVariable(d, QStringLiteral("host"), renamed).ok());  // clashes with job
        QVERIFY(removeVariable(d, QStringLiteral("job")).ok());
        QCOMPARE(removeVariable(d, QStringLiteral("job")).code(), pharos::StatusCode::NotFound);
        QCOMPARE(d.variables.size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(DashboardEditTest)
#include "dashboard_edit_test.moc"
