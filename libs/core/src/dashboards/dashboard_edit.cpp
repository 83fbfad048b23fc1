// Editing operations on the dashboard model with Grafana's grid behaviour (push down on
// collision, vertical compaction, rows collapsing their panels).
#include "pharos/core/dashboards/dashboard_edit.h"

#include <QRegularExpression>
#include <algorithm>
#include <limits>

namespace pharos::core::dashboards {

namespace {

struct Item {
    int id = 0;
    bool row = false;
    GridPos pos;
};

bool collidesAny(const Item& it, const std::vector<Item>& others, const Item** with = nullptr) {
    for (const Item& o : others) {
        if (&o == &it || (o.id == it.id && o.row == it.row)) continue;
        if (o.pos.overlaps(it.pos)) {
            if (with) *with = &o;
            return true;
        }
    }
    return false;
}

bool byPosition(const Item& a, const Item& b) {
    if (a.pos.y != b.pos.y) return a.pos.y < b.pos.y;
    if (a.row != b.row) return a.row;  // a row header sorts before panels at the same y
    return a.pos.x < b.pos.x;
}

void sortModel(Dashboard& d) {
    std::stable_sort(d.panels.begin(), d.panels.end(), [](const Panel& a, const Panel& b) {
        return a.gridPos.y != b.gridPos.y ? a.gridPos.y < b.gridPos.y : a.gridPos.x < b.gridPos.x;
    });
    std::stable_sort(d.rows.begin(), d.rows.end(),
                     [](const Row& a, const Row& b) { return a.y < b.y; });
}

// pinnedId: an item whose position the user chose (kept while others make room); `pinnedIsRow`
// tells which id space. moveCollidersUp: Grafana's drag behaviour, colliders first try to go
// above the moved item.
void layout(Dashboard& d, int pinnedId, bool pinnedIsRow, bool moveCollidersUp) {
    std::vector<Item> items;
    for (const Panel& p : d.panels) items.push_back({p.id, false, clampToGrid(p.gridPos)});
    for (const Row& r : d.rows) items.push_back({r.id, true, r.gridPos()});
    auto isPinned = [&](const Item& it) {
        return pinnedId != 0 && it.id == pinnedId && it.row == pinnedIsRow;
    };

    const Item* pinned = nullptr;
    for (const Item& it : items)
        if (isPinned(it)) pinned = &it;
    if (pinned && moveCollidersUp) {
        for (Item& c : items) {
            if (&c == pinned || !c.pos.overlaps(pinned->pos)) continue;
            Item fake = c;
            fake.pos.y = std::max(pinned->pos.y - c.pos.h, 0);
            if (!collidesAny(fake, items)) c.pos.y = fake.pos.y;
        }
    }

    // Push down: the pinned item first, then the others top to bottom.
    std::vector<Item> order;
    if (pinned) order.push_back(*pinned);
    std::vector<Item> rest;
    for (const Item& it : items)
        if (!isPinned(it)) rest.push_back(it);
    std::stable_sort(rest.begin(), rest.end(), byPosition);
    order.insert(order.end(), rest.begin(), rest.end());
    std::vector<Item> placed;
    placed.reserve(order.size());
    for (Item it : order) {
        const Item* hit = nullptr;
        while (collidesAny(it, placed, &hit)) it.pos.y = hit->pos.y + hit->pos.h;
        placed.push_back(it);
    }

    // Vertical compaction: each item, top to bottom, floats up while it hits nothing.
    std::stable_sort(placed.begin(), placed.end(), byPosition);
    std::vector<Item> compacted;
    compacted.reserve(placed.size());
    for (Item it : placed) {
        while (it.pos.y > 0) {
            Item up = it;
            --up.pos.y;
            if (collidesAny(up, compacted)) break;
            it = up;
        }
        const Item* hit = nullptr;
        while (collidesAny(it, compacted, &hit)) it.pos.y = hit->pos.y + hit->pos.h;
        compacted.push_back(it);
    }
    for (const Item& it : compacted) {
        if (it.row) {
            for (Row& r : d.rows)
                if (r.id == it.id) r.y = it.pos.y;
        } else {
            for (Panel& p : d.panels)
                if (p.id == it.id) p.gridPos = it.pos;
        }
    }
    sortModel(d);
}

// Grid panels owned by the expanded row at index rowIndex (between it and the next row).
std::vector<size_t> rowMembers(const Dashboard& d, const Row& row) {
    int nextY = std::numeric_limits<int>::max();
    for (const Row& r : d.rows)
        if (r.y > row.y) nextY = std::min(nextY, r.y);
    std::vector<size_t> out;
    for (size_t i = 0; i < d.panels.size(); ++i)
        if (d.panels[i].gridPos.y > row.y && d.panels[i].gridPos.y < nextY) out.push_back(i);
    return out;
}

Status notFound(const char* what, int id) {
    return Status::notFound(std::string(what) + " " + std::to_string(id) + " not found");
}

bool idTaken(const Dashboard& d, int id) {
    return d.panel(id) != nullptr || d.row(id) != nullptr;
}

}  // namespace

GridPos clampToGrid(GridPos p) {
    p.w = std::clamp(p.w, 1, kGridColumns);
    p.x = std::clamp(p.x, 0, kGridColumns - p.w);
    p.y = std::max(p.y, 0);
    p.h = std::max(p.h, 1);
    return p;
}

void normalizeLayout(Dashboard& d, int pinnedId) {
    const bool isRow = pinnedId != 0 && d.row(pinnedId) != nullptr;
    layout(d, pinnedId, isRow, false);
}

int addPanel(Dashboard& d, Panel panel) {
    if (panel.id <= 0 || idTaken(d, panel.id)) panel.id = d.maxId() + 1;
    panel.gridPos = clampToGrid(panel.gridPos);
    const int id = panel.id;
    d.panels.push_back(std::move(panel));
    layout(d, id, false, false);
    return id;
}

Result<int> duplicatePanel(Dashboard& d, int panelId) {
    const Panel* original = d.panel(panelId);
    if (!original) return notFound("panel", panelId);
    Panel copy = *original;
    copy.id = d.maxId() + 1;
    if (copy.gridPos.x + copy.gridPos.w * 2 <= kGridColumns)
        copy.gridPos.x += copy.gridPos.w;
    else
        copy.gridPos.y += copy.gridPos.h;
    for (Row& r : d.rows) {
        for (size_t i = 0; i < r.panels.size(); ++i) {
            if (r.panels[i].id != panelId) continue;
            r.panels.insert(r.panels.begin() + static_cast<std::ptrdiff_t>(i) + 1, copy);
            return copy.id;
        }
    }
    const int id = copy.id;
    d.panels.push_back(std::move(copy));
    layout(d, id, false, false);
    return id;
}

Status deletePanel(Dashboard& d, int panelId) {
    auto drop = [&](std::vector<Panel>& v) {
        const auto it =
            std::find_if(v.begin(), v.end(), [&](const Panel& p) { return p.id == panelId; });
        if (it == v.end()) return false;
        v.erase(it);
        return true;
    };
    if (drop(d.panels)) {
        layout(d, 0, false, false);
        return {};
    }
    for (Row& r : d.rows)
        if (drop(r.panels)) return {};
    return notFound("panel", panelId);
}

Status movePanel(Dashboard& d, int panelId, GridPos pos) {
    for (Panel& p : d.panels) {
        if (p.id != panelId) continue;
        p.gridPos = clampToGrid(pos);
        layout(d, panelId, false, true);
        return {};
    }
    if (d.panel(panelId))
        return Status::failedPrecondition("panel " + std::to_string(panelId) +
                                          " is inside a collapsed row");
    return notFound("panel", panelId);
}

Status updatePanel(Dashboard& d, const Panel& panel) {
    Panel* p = d.panel(panel.id);
    if (!p) return notFound("panel", panel.id);
    const bool moved = !(p->gridPos == panel.gridPos);
    *p = panel;
    p->gridPos = clampToGrid(p->gridPos);
    const bool onGrid = std::any_of(d.panels.begin(), d.panels.end(),
                                    [&](const Panel& q) { return q.id == panel.id; });
    if (moved && onGrid) layout(d, panel.id, false, true);
    return {};
}

int addRow(Dashboard& d, const QString& title, int y) {
    Row r;
    r.id = d.maxId() + 1;
    r.title = title;
    r.y = y < 0 ? d.gridHeight() : y;
    const int id = r.id;
    d.rows.push_back(std::move(r));
    layout(d, id, true, false);
    return id;
}

Status collapseRow(Dashboard& d, int rowId) {
    Row* row = d.row(rowId);
    if (!row) return notFound("row", rowId);
    if (row->collapsed) return {};
    const std::vector<size_t> members = rowMembers(d, *row);
    std::vector<Panel> moved;
    for (size_t i : members) moved.push_back(d.panels[i]);
    for (auto it = members.rbegin(); it != members.rend(); ++it)
        d.panels.erase(d.panels.begin() + static_cast<std::ptrdiff_t>(*it));
    row = d.row(rowId);
    row->panels = std::move(moved);
    row->collapsed = true;
    layout(d, 0, false, false);
    return {};
}

Status expandRow(Dashboard& d, int rowId) {
    Row* row = d.row(rowId);
    if (!row) return notFound("row", rowId);
    if (!row->collapsed) return {};
    std::vector<Panel> inside = std::move(row->panels);
    row->panels.clear();
    row->collapsed = false;
    const int rowY = row->y;
    if (!inside.empty()) {
        int firstY = inside.front().gridPos.y;
        for (const Panel& p : inside) firstY = std::min(firstY, p.gridPos.y);
        const int yDiff = firstY - (rowY + 1);
        int yMax = rowY;
        for (Panel& p : inside) {
            p.gridPos.y -= yDiff;
            yMax = std::max(yMax, p.gridPos.y + p.gridPos.h);
        }
        const int pushDown = yMax - rowY - 1;
        for (Panel& p : d.panels)
            if (p.gridPos.y > rowY) p.gridPos.y += pushDown;
        for (Row& r : d.rows)
            if (r.y > rowY) r.y += pushDown;
        for (Panel& p : inside) d.panels.push_back(std::move(p));
    }
    layout(d, 0, false, false);
    return {};
}

Status setRowTitle(Dashboard& d, int rowId, const QString& title) {
    Row* row = d.row(rowId);
    if (!row) return notFound("row", rowId);
    row->title = title;
    return {};
}

Status deleteRow(Dashboard& d, int rowId, bool deletePanels) {
    Row* row = d.row(rowId);
    if (!row) return notFound("row", rowId);
    if (row->collapsed && !deletePanels) PHAROS_RETURN_IF_ERROR(expandRow(d, rowId));
    row = d.row(rowId);
    if (!row->collapsed && deletePanels) {
        const std::vector<size_t> members = rowMembers(d, *row);
        for (auto it = members.rbegin(); it != members.rend(); ++it)
            d.panels.erase(d.panels.begin() + static_cast<std::ptrdiff_t>(*it));
    }
    d.rows.erase(
        std::find_if(d.rows.begin(), d.rows.end(), [&](const Row& r) { return r.id == rowId; }));
    layout(d, 0, false, false);
    return {};
}

namespace {

Status checkVariableName(const Dashboard& d, const QString& name, const QString& except) {
    static const QRegularExpression ident(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    if (!ident.match(name).hasMatch())
        return Status::invalidArgument("variable name \"" + name.toStdString() +
                                       "\" is not an identifier ([A-Za-z_][A-Za-z0-9_]*)");
    if (name.startsWith(QLatin1String("__")))
        return Status::invalidArgument("variable names starting with __ are reserved: " +
                                       name.toStdString());
    if (name != except && d.variable(name))
        return Status::invalidArgument("variable \"" + name.toStdString() + "\" already exists");
    return {};
}

std::vector<Variable>::iterator findVariable(Dashboard& d, const QString& name) {
    return std::find_if(d.variables.begin(), d.variables.end(),
                        [&](const Variable& v) { return v.name == name; });
}

}  // namespace

Status addVariable(Dashboard& d, Variable v, int index) {
    PHAROS_RETURN_IF_ERROR(checkVariableName(d, v.name, {}));
    if (index < 0 || index > static_cast<int>(d.variables.size()))
        index = static_cast<int>(d.variables.size());
    d.variables.insert(d.variables.begin() + index, std::move(v));
    return {};
}

Status updateVariable(Dashboard& d, const QString& name, Variable v) {
    auto it = findVariable(d, name);
    if (it == d.variables.end())
        return Status::notFound("variable \"" + name.toStdString() + "\" not found");
    PHAROS_RETURN_IF_ERROR(checkVariableName(d, v.name, name));
    *it = std::move(v);
    return {};
}

Status removeVariable(Dashboard& d, const QString& name) {
    auto it = findVariable(d, name);
    if (it == d.variables.end())
        return Status::notFound("variable \"" + name.toStdString() + "\" not found");
    d.variables.erase(it);
    return {};
}

Status moveVariable(Dashboard& d, const QString& name, int newIndex) {
    auto it = findVariable(d, name);
    if (it == d.variables.end())
        return Status::notFound("variable \"" + name.toStdString() + "\" not found");
    if (newIndex < 0 || newIndex >= static_cast<int>(d.variables.size()))
        return Status::invalidArgument("variable index " + std::to_string(newIndex) +
                                       " out of range");
    Variable v = std::move(*it);
    d.variables.erase(it);
    d.variables.insert(d.variables.begin() + newIndex, std::move(v));
    return {};
}

}  // namespace pharos::core::dashboards
