#include "listtableaccessible.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QStyledItemDelegate>
#include <QWindow>

#include <algorithm>
#include <limits>

#include "listtableview.h"

ListTableAccessible::ListTableAccessible(ListTableView *view)
    : QAccessibleWidget(view, QAccessible::Table)
{
}

ListTableAccessible::~ListTableAccessible()
{
    forgetCells();
}

QAccessibleInterface *ListTableAccessible::factory(const QString &className, QObject *object)
{
    auto *view = qobject_cast<ListTableView *>(object);
    if (className == QLatin1StringView("ListTableView") && view)
        return new ListTableAccessible(view);
    return nullptr;
}

ListTableView *ListTableAccessible::view() const
{
    return static_cast<ListTableView *>(widget());
}

QList<int> ListTableAccessible::shownColumns() const
{
    const QHeaderView *header = view()->horizontalHeader();
    QList<int> columns;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns.append(logical);
    }
    return columns;
}

void ListTableAccessible::forgetCells()
{
    for (const QAccessible::Id id : std::as_const(m_cells))
        QAccessible::deleteAccessibleInterface(id);
    m_cells.clear();
}

void ListTableAccessible::forgetCellsOffScreen()
{
    const int first = view()->firstVisibleRow();
    const int last = view()->lastVisibleRow();
    m_cells.removeIf([first, last](const auto &it) {
        const int row = int(it.key() >> 16);
        if (row >= first && row <= last)
            return false;
        QAccessible::deleteAccessibleInterface(it.value());
        return true;
    });
}

QAccessible::Role ListTableAccessible::role() const
{
    return QAccessible::Table;
}

int ListTableAccessible::childCount() const
{
    const int last = view()->lastVisibleRow();
    if (last < 0)
        return 0;
    return (last - view()->firstVisibleRow() + 1) * int(shownColumns().size());
}

QAccessibleInterface *ListTableAccessible::child(int index) const
{
    const QList<int> columns = shownColumns();
    if (index < 0 || columns.isEmpty())
        return nullptr;
    const int row = view()->firstVisibleRow() + index / int(columns.size());
    if (row > view()->lastVisibleRow())
        return nullptr;
    return cellAt(row, columns.at(index % columns.size()));
}

int ListTableAccessible::childIndex(int row, int column) const
{
    const int first = view()->firstVisibleRow();
    const QList<int> columns = shownColumns();
    const int position = int(columns.indexOf(column));
    if (position < 0 || row < first || row > view()->lastVisibleRow())
        return -1;
    return (row - first) * int(columns.size()) + position;
}

int ListTableAccessible::indexOfChild(const QAccessibleInterface *child) const
{
    QAccessibleTableCellInterface *cell = child ? const_cast<QAccessibleInterface *>(child)->tableCellInterface() : nullptr;
    return cell ? childIndex(cell->rowIndex(), cell->columnIndex()) : -1;
}

QAccessibleInterface *ListTableAccessible::childAt(int x, int y) const
{
    const QModelIndex index = view()->indexAt(view()->viewport()->mapFromGlobal(QPoint(x, y)));
    return index.isValid() ? cellAt(index.row(), index.column()) : nullptr;
}

QAccessibleInterface *ListTableAccessible::focusChild() const
{
    const QModelIndex current = view()->currentIndex();
    return view()->hasFocus() && current.isValid() ? cellAt(current.row(), current.column()) : nullptr;
}

void *ListTableAccessible::interface_cast(QAccessible::InterfaceType type)
{
    if (type == QAccessible::TableInterface)
        return static_cast<QAccessibleTableInterface *>(this);
    return QAccessibleWidget::interface_cast(type);
}

QAccessibleInterface *ListTableAccessible::cellAt(int row, int column) const
{
    if (row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return nullptr;
    const quint64 key = (quint64(row) << 16) | quint64(column);
    if (const auto it = m_cells.constFind(key); it != m_cells.cend()) {
        if (QAccessibleInterface *cell = QAccessible::accessibleInterface(*it))
            return cell;
    }
    // Cells on screen are what a reader holds; those off screen go first when the cache is full.
    if (m_cells.size() >= kMaxCells)
        const_cast<ListTableAccessible *>(this)->forgetCellsOffScreen();
    auto *cell = new ListTableCellAccessible(view(), row, column);
    m_cells.insert(key, QAccessible::registerAccessibleInterface(cell));
    return cell;
}

int ListTableAccessible::selectedCellCount() const
{
    qint64 cells = 0;
    if (const QItemSelectionModel *selection = view()->selectionModel()) {
        for (const QItemSelectionRange &range : selection->selection())
            cells += qint64(range.height()) * range.width();
    }
    return int(std::min<qint64>(cells, std::numeric_limits<int>::max()));
}

QList<QAccessibleInterface *> ListTableAccessible::selectedCells() const
{
    // The selected cells on screen: a selection may span millions of rows.
    QList<QAccessibleInterface *> cells;
    const QItemSelectionModel *selection = view()->selectionModel();
    const int last = view()->lastVisibleRow();
    if (!selection || last < 0)
        return cells;
    const QList<int> columns = shownColumns();
    for (int row = view()->firstVisibleRow(); row <= last; ++row) {
        for (const int column : columns) {
            if (selection->isSelected(view()->model()->index(row, column, view()->rootIndex())))
                cells.append(cellAt(row, column));
        }
    }
    return cells;
}

QString ListTableAccessible::columnDescription(int column) const
{
    return view()->model() ? view()->model()->headerData(column, Qt::Horizontal).toString() : QString();
}

QString ListTableAccessible::rowDescription(int row) const
{
    Q_UNUSED(row)
    return {};
}

int ListTableAccessible::selectedRowCount() const
{
    qint64 rows = 0;
    if (const QItemSelectionModel *selection = view()->selectionModel()) {
        for (const QItemSelectionRange &range : selection->selection()) {
            if (range.width() == columnCount())
                rows += range.height();
        }
    }
    return int(std::min<qint64>(rows, std::numeric_limits<int>::max()));
}

int ListTableAccessible::columnCount() const
{
    return view()->model() ? view()->model()->columnCount(view()->rootIndex()) : 0;
}

int ListTableAccessible::rowCount() const
{
    return view()->model() ? view()->model()->rowCount(view()->rootIndex()) : 0;
}

QList<int> ListTableAccessible::selectedRows() const
{
    // Rows whose every column is selected, from the selection's ranges (no index per selected cell).
    QList<int> rows;
    const QItemSelectionModel *selection = view()->selectionModel();
    if (!selection)
        return rows;
    const int columns = columnCount();
    for (const QItemSelectionRange &range : selection->selection()) {
        if (range.width() != columns)
            continue;
        for (int row = range.top(); row <= range.bottom() && rows.size() < kMaxListedRows; ++row)
            rows.append(row);
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

bool ListTableAccessible::isColumnSelected(int column) const
{
    return view()->selectionModel() && view()->selectionModel()->isColumnSelected(column, view()->rootIndex());
}

bool ListTableAccessible::isRowSelected(int row) const
{
    return view()->selectionModel() && view()->selectionModel()->isRowSelected(row, view()->rootIndex());
}

bool ListTableAccessible::selectRow(int row)
{
    if (row < 0 || row >= rowCount())
        return false;
    view()->selectRow(row);
    return true;
}

bool ListTableAccessible::selectColumn(int column)
{
    Q_UNUSED(column)
    return false;   // lists select whole rows
}

bool ListTableAccessible::unselectRow(int row)
{
    if (!view()->selectionModel() || row < 0 || row >= rowCount())
        return false;
    view()->selectionModel()->select(view()->model()->index(row, 0, view()->rootIndex()),
                                     QItemSelectionModel::Deselect | QItemSelectionModel::Rows);
    return true;
}

bool ListTableAccessible::unselectColumn(int column)
{
    Q_UNUSED(column)
    return false;
}

void ListTableAccessible::modelChange(QAccessibleTableModelChangeEvent *event)
{
    if (event->modelChangeType() == QAccessibleTableModelChangeEvent::ModelReset)
        forgetCells();
}

ListTableCellAccessible::ListTableCellAccessible(ListTableView *view, int row, int column)
    : m_view(view)
    , m_row(row)
    , m_column(column)
{
}

bool ListTableCellAccessible::isValid() const
{
    const QAbstractItemModel *model = m_view ? m_view->model() : nullptr;
    return model && m_row < model->rowCount(m_view->rootIndex()) && m_column < model->columnCount(m_view->rootIndex());
}

QWindow *ListTableCellAccessible::window() const
{
    return m_view ? m_view->window()->windowHandle() : nullptr;
}

QAccessibleInterface *ListTableCellAccessible::parent() const
{
    return m_view ? QAccessible::queryAccessibleInterface(m_view.data()) : nullptr;
}

QString ListTableCellAccessible::text(QAccessible::Text type) const
{
    if (!isValid())
        return {};
    const QModelIndex index = m_view->model()->index(m_row, m_column, m_view->rootIndex());
    switch (type) {
    case QAccessible::Name:
        // What the cell shows: a styled delegate may show more than the model's text (a GitHub
        // login beside the id, GitHubLoginDelegate).
        if (const auto *styled = qobject_cast<QStyledItemDelegate *>(m_view->itemDelegateForIndex(index)))
            return styled->displayText(index.data(Qt::DisplayRole), m_view->locale());
        return index.data(Qt::DisplayRole).toString();
    case QAccessible::Description:
        return index.data(Qt::ToolTipRole).toString();
    default:
        return {};
    }
}

QRect ListTableCellAccessible::rect() const
{
    if (!isValid())
        return {};
    const QRect cell = m_view->visualRect(m_view->model()->index(m_row, m_column, m_view->rootIndex()));
    if (cell.isEmpty())
        return {};
    return QRect(m_view->viewport()->mapToGlobal(cell.topLeft()), cell.size());
}

QAccessible::State ListTableCellAccessible::state() const
{
    QAccessible::State state;
    if (!isValid())
        return state;
    state.selectable = true;
    state.focusable = true;
    state.selected = isSelected();
    const QModelIndex index = m_view->model()->index(m_row, m_column, m_view->rootIndex());
    state.focused = m_view->hasFocus() && m_view->currentIndex() == index;
    state.invisible = !m_view->viewport()->rect().intersects(m_view->visualRect(index));
    return state;
}

void *ListTableCellAccessible::interface_cast(QAccessible::InterfaceType type)
{
    return type == QAccessible::TableCellInterface ? static_cast<QAccessibleTableCellInterface *>(this) : nullptr;
}

bool ListTableCellAccessible::isSelected() const
{
    return isValid() && m_view->selectionModel()
        && m_view->selectionModel()->isSelected(m_view->model()->index(m_row, m_column, m_view->rootIndex()));
}
