#include "listtableview.h"

#include <QAccessible>
#include <QHeaderView>
#include <QPainter>
#include <QPaintEvent>
#include <QProxyStyle>
#include <QScrollBar>
#include <QStyleFactory>
#include <QStyleOption>

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "listtableaccessible.h"

namespace {

constexpr int kColumnPadding = 8;
constexpr qint64 kFarAway = std::numeric_limits<int>::max() / 4;

int floorDiv(int value, int divisor)
{
    return value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);
}

// Draws the header's sort indicator as ▼ for descending (newest first) and ▲ for ascending, as
// Qt's common style, Windows and macOS do. QHeaderView hands descending to the style as SortUp,
// which Fusion on Linux draws as ▲: the opposite of what the rows do. Everything else is the
// application style's.
class SortIndicatorStyle : public QProxyStyle
{
public:
    using QProxyStyle::QProxyStyle;

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget) const override
    {
        if (element == PE_IndicatorHeaderArrow) {
            if (const auto *header = qstyleoption_cast<const QStyleOptionHeader *>(option)) {
                if (header->sortIndicator == QStyleOptionHeader::None)
                    return;
                const bool descending = header->sortIndicator == QStyleOptionHeader::SortUp;
                QProxyStyle::drawPrimitive(descending ? PE_IndicatorArrowDown : PE_IndicatorArrowUp, option,
                                           painter, widget);
                return;
            }
        }
        QProxyStyle::drawPrimitive(element, option, painter, widget);
    }
};

} // namespace

ListTableView::ListTableView(QWidget *parent)
    : QAbstractItemView(parent)
    , m_header(new QHeaderView(Qt::Horizontal, this))
{
    static const bool accessible = [] {
        QAccessible::installFactory(&ListTableAccessible::factory);
        return true;
    }();
    Q_UNUSED(accessible)
    m_header->setSectionsClickable(true);
    if (QStyle *base = QStyleFactory::create(style()->name())) {
        auto *arrows = new SortIndicatorStyle(base);   // owns base
        arrows->setParent(m_header);
        m_header->setStyle(arrows);
    }
    m_header->setHighlightSections(false);
    m_rowHeight = fontMetrics().height() + 8;
    setHorizontalScrollMode(ScrollPerPixel);
    setVerticalScrollMode(ScrollPerItem);
    horizontalScrollBar()->setSingleStep(20);
    connect(m_header, &QHeaderView::sectionResized, this, &ListTableView::relayout);
    connect(m_header, &QHeaderView::sectionMoved, this, &ListTableView::relayout);
    connect(m_header, &QHeaderView::sectionCountChanged, this, &ListTableView::relayout);
    connect(m_header, &QHeaderView::geometriesChanged, this, &ListTableView::relayout);
    connect(m_header, &QHeaderView::sectionHandleDoubleClicked, this, &ListTableView::resizeColumnToShownContents);
    connect(m_header, &QHeaderView::sortIndicatorChanged, this, [this](int column, Qt::SortOrder order) {
        if (m_sortingEnabled && model())
            model()->sort(column, order);
    });
}

ListTableView::~ListTableView()
{
    // ~QWidget hides the header (a child) after this destructor: its geometriesChanged must not
    // reach relayout() any more.
    disconnect(m_header, nullptr, this, nullptr);
}

void ListTableView::setModel(QAbstractItemModel *model)
{
    if (this->model())
        disconnect(this->model(), &QAbstractItemModel::rowsRemoved, this, &ListTableView::onRowsRemoved);
    QAbstractItemView::setModel(model);
    m_header->setModel(model);
    // QAbstractItemView lays out again on resets and layout changes, not when rows go.
    if (model)
        connect(model, &QAbstractItemModel::rowsRemoved, this, &ListTableView::onRowsRemoved);
    relayout();
}

void ListTableView::setRowHeight(int height)
{
    m_rowHeight = std::max(1, height);
    relayout();
}

int ListTableView::rowCount() const
{
    return model() ? model()->rowCount(rootIndex()) : 0;
}

int ListTableView::firstVisibleRow() const
{
    return verticalScrollBar()->value();
}

int ListTableView::fullyVisibleRowCount() const
{
    return std::max(1, viewport()->height() / m_rowHeight);
}

int ListTableView::lastVisibleRow() const
{
    const int rows = rowCount();
    if (rows == 0)
        return -1;
    return std::min(rows - 1, firstVisibleRow() + (viewport()->height() - 1) / m_rowHeight);
}

int ListTableView::rowAt(int y) const
{
    return firstVisibleRow() + floorDiv(y, m_rowHeight);
}

int ListTableView::columnWidth(int column) const
{
    return m_header->sectionSize(column);
}

void ListTableView::setColumnWidth(int column, int width)
{
    m_header->resizeSection(column, width);
}

bool ListTableView::isColumnHidden(int column) const
{
    return m_header->isSectionHidden(column);
}

void ListTableView::setColumnHidden(int column, bool hidden)
{
    m_header->setSectionHidden(column, hidden);
}

void ListTableView::setSortingEnabled(bool enabled)
{
    m_sortingEnabled = enabled;
    m_header->setSortIndicatorShown(enabled);
    if (enabled && model() && m_header->sortIndicatorSection() >= 0)
        model()->sort(m_header->sortIndicatorSection(), m_header->sortIndicatorOrder());
}

void ListTableView::sortByColumn(int column, Qt::SortOrder order)
{
    const QSignalBlocker blocker(m_header);
    m_header->setSortIndicator(column, order);
    if (model())
        model()->sort(column, order);
}

void ListTableView::setShowGrid(bool show)
{
    m_showGrid = show;
    viewport()->update();
}

void ListTableView::selectRow(int row)
{
    if (!model() || row < 0 || row >= rowCount())
        return;
    const QModelIndex index = model()->index(row, std::max(0, currentIndex().column()), rootIndex());
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(index);
}

QRect ListTableView::cellRect(int row, int column) const
{
    return {m_header->sectionViewportPosition(column), pixelsDown(qint64(row) - firstVisibleRow()),
            m_header->sectionSize(column), m_rowHeight};
}

int ListTableView::pixelsDown(qint64 rows) const
{
    // Far rows (a table of 100 million rows is 2.4 billion pixels tall) stay far, without overflowing.
    return int(std::clamp<qint64>(rows * m_rowHeight, -kFarAway, kFarAway));
}

QRect ListTableView::visualRect(const QModelIndex &index) const
{
    if (!index.isValid() || index.parent() != rootIndex() || isIndexHidden(index))
        return {};
    return cellRect(index.row(), index.column());
}

void ListTableView::scrollTo(const QModelIndex &index, ScrollHint hint)
{
    if (!index.isValid() || index.parent() != rootIndex())
        return;
    const int row = index.row();
    const int first = firstVisibleRow();
    const int shown = fullyVisibleRowCount();
    QScrollBar *vertical = verticalScrollBar();
    switch (hint) {
    case PositionAtTop:
        vertical->setValue(row);
        break;
    case PositionAtBottom:
        vertical->setValue(row - shown + 1);
        break;
    case PositionAtCenter:
        vertical->setValue(row - shown / 2);
        break;
    case EnsureVisible:
        if (row < first)
            vertical->setValue(row);
        else if (row >= first + shown)
            vertical->setValue(row - shown + 1);
        break;
    }
    if (isIndexHidden(index))
        return;
    const int left = m_header->sectionPosition(index.column());
    const int right = left + m_header->sectionSize(index.column());
    QScrollBar *horizontal = horizontalScrollBar();
    const int width = viewport()->width();
    if (left < horizontal->value())
        horizontal->setValue(left);
    else if (right > horizontal->value() + width)
        horizontal->setValue(std::min(left, right - width));
}

QModelIndex ListTableView::indexAt(const QPoint &point) const
{
    if (!model() || point.y() < 0)
        return {};
    const int row = rowAt(point.y());
    const int column = m_header->logicalIndexAt(point.x());
    if (row >= rowCount() || column < 0)
        return {};
    return model()->index(row, column, rootIndex());
}

void ListTableView::keyboardSearch(const QString &search)
{
    if (!search.isEmpty() && search.front().isPrint())   // not Escape, Backspace and the like
        emit textTyped(search);
}

int ListTableView::sizeHintForColumn(int column) const
{
    if (!model() || column < 0)
        return -1;
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    int width = 0;
    for (int row = firstVisibleRow(), last = lastVisibleRow(); row <= last; ++row) {
        const QModelIndex index = model()->index(row, column, rootIndex());
        width = std::max(width, itemDelegateForIndex(index)->sizeHint(option, index).width());
    }
    return width + (m_showGrid ? 1 : 0);
}

int ListTableView::sizeHintForRow(int row) const
{
    Q_UNUSED(row)
    return m_rowHeight;
}

void ListTableView::resizeColumnToShownContents(int column)
{
    const int contents = sizeHintForColumn(column) + kColumnPadding;
    setColumnWidth(column, std::max(contents, m_header->sectionSizeHint(column)));
}

QModelIndex ListTableView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers)
{
    Q_UNUSED(modifiers)
    const int rows = rowCount();
    const int columns = m_header->count();
    if (rows == 0 || columns == 0)
        return {};
    const QModelIndex current = currentIndex();
    int row = current.isValid() ? current.row() : firstVisibleRow();
    int visual = current.isValid() ? m_header->visualIndex(current.column()) : std::max(0, m_header->visualIndexAt(0));
    // Without a current cell, Home and End still go to the ends; any other move starts on the first row shown.
    if (!current.isValid() && cursorAction != MoveHome && cursorAction != MoveEnd)
        return model()->index(row, m_header->logicalIndex(visual), rootIndex());
    const int page = std::max(1, fullyVisibleRowCount() - 1);
    auto step = [&](int direction) {
        for (int next = visual + direction; next >= 0 && next < columns; next += direction) {
            if (!m_header->isSectionHidden(m_header->logicalIndex(next))) {
                visual = next;
                return;
            }
        }
    };
    switch (cursorAction) {
    case MoveUp:
    case MovePrevious:
        --row;
        break;
    case MoveDown:
    case MoveNext:
        ++row;
        break;
    case MovePageUp:
        row -= page;
        break;
    case MovePageDown:
        row += page;
        break;
    case MoveHome:
        row = 0;
        break;
    case MoveEnd:
        row = rows - 1;
        break;
    case MoveLeft:
        step(-1);
        break;
    case MoveRight:
        step(+1);
        break;
    }
    return model()->index(std::clamp(row, 0, rows - 1), m_header->logicalIndex(visual), rootIndex());
}

int ListTableView::horizontalOffset() const
{
    return horizontalScrollBar()->value();
}

int ListTableView::verticalOffset() const
{
    return pixelsDown(firstVisibleRow());
}

bool ListTableView::isIndexHidden(const QModelIndex &index) const
{
    return m_header->isSectionHidden(index.column());
}

void ListTableView::setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command)
{
    const int rows = rowCount();
    const int columns = m_header->count();
    if (!model() || rows == 0 || columns == 0)
        return;
    const QRect area = rect.normalized();
    const int top = std::clamp(rowAt(area.top()), 0, rows - 1);
    const int bottom = std::clamp(rowAt(area.bottom()), 0, rows - 1);
    QItemSelection selection;
    if (selectionBehavior() == SelectRows) {
        selection.select(model()->index(top, 0, rootIndex()), model()->index(bottom, columns - 1, rootIndex()));
    } else {
        auto visualAt = [&](int x, int fallback) {
            const int visual = m_header->visualIndexAt(x);
            return visual >= 0 ? visual : fallback;
        };
        const int left = visualAt(area.left(), area.left() < 0 ? 0 : columns - 1);
        const int right = visualAt(area.right(), area.right() < 0 ? 0 : columns - 1);
        for (int visual = std::min(left, right); visual <= std::max(left, right); ++visual) {
            const int column = m_header->logicalIndex(visual);
            if (!m_header->isSectionHidden(column))
                selection.select(model()->index(top, column, rootIndex()), model()->index(bottom, column, rootIndex()));
        }
    }
    selectionModel()->select(selection, command);
}

QRegion ListTableView::visualRegionForSelection(const QItemSelection &selection) const
{
    QRegion region;
    const int first = firstVisibleRow();
    const int last = lastVisibleRow();
    for (const QItemSelectionRange &range : selection) {
        if (!range.isValid() || range.parent() != rootIndex())
            continue;
        const int top = std::max(range.top(), first);
        const int bottom = std::min(range.bottom(), last);
        if (top > bottom)
            continue;
        for (int column = range.left(); column <= range.right(); ++column) {
            if (m_header->isSectionHidden(column))
                continue;
            const QRect topCell = cellRect(top, column);
            region += QRect(topCell.topLeft(), QSize(topCell.width(), (bottom - top + 1) * m_rowHeight));
        }
    }
    return region;
}

void ListTableView::paintEvent(QPaintEvent *event)
{
    const int last = lastVisibleRow();
    if (last < 0 || m_header->count() == 0)
        return;
    QPainter painter(viewport());
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    const QStyle::State baseState = option.state;
    const QRect dirty = event->rect();
    const QModelIndex current = currentIndex();
    const bool focused = hasFocus() && current.isValid();
    const QItemSelectionModel *selection = selectionModel();
    const int gridWidth = m_showGrid ? 1 : 0;
    const QColor gridColor = QColor::fromRgba(uint(style()->styleHint(QStyle::SH_Table_GridLineColor, &option, this)));
    const int firstVisual = std::max(0, m_header->visualIndexAt(dirty.left()));
    int lastVisual = m_header->visualIndexAt(dirty.right());
    if (lastVisual < 0)
        lastVisual = m_header->count() - 1;

    for (int row = std::max(firstVisibleRow(), rowAt(dirty.top())); row <= last; ++row) {
        const int y = (row - firstVisibleRow()) * m_rowHeight;
        if (y > dirty.bottom())
            break;
        for (int visual = firstVisual; visual <= lastVisual; ++visual) {
            const int column = m_header->logicalIndex(visual);
            if (m_header->isSectionHidden(column))
                continue;
            const QModelIndex index = model()->index(row, column, rootIndex());
            option.rect = cellRect(row, column).adjusted(0, 0, -gridWidth, -gridWidth);
            option.state = baseState;
            if (selection && selection->isSelected(index))
                option.state |= QStyle::State_Selected;
            if (focused && index == current)
                option.state |= QStyle::State_HasFocus;
            if (!(model()->flags(index) & Qt::ItemIsEnabled))
                option.state &= ~QStyle::State_Enabled;
            option.features.setFlag(QStyleOptionViewItem::Alternate, alternatingRowColors() && (row & 1));
            itemDelegateForIndex(index)->paint(&painter, option, index);
        }
    }
    if (!m_showGrid)
        return;
    painter.setPen(gridColor);
    const int bottom = (last - firstVisibleRow() + 1) * m_rowHeight - 1;
    const int right = m_header->length() - horizontalOffset() - 1;
    for (int visual = firstVisual; visual <= lastVisual; ++visual) {
        const int column = m_header->logicalIndex(visual);
        if (m_header->isSectionHidden(column))
            continue;
        const int x = m_header->sectionViewportPosition(column) + m_header->sectionSize(column) - 1;
        painter.drawLine(x, 0, x, bottom);
    }
    for (int y = m_rowHeight - 1; y <= bottom; y += m_rowHeight)
        painter.drawLine(0, y, right, y);
}

void ListTableView::updateGeometries()
{
    const int headerHeight = m_header->isHidden() ? 0 : std::max(m_header->minimumHeight(), m_header->sizeHint().height());
    setViewportMargins(0, headerHeight, 0, 0);
    const QRect viewportArea = viewport()->geometry();
    m_header->setGeometry(viewportArea.left(), viewportArea.top() - headerHeight, viewportArea.width(), headerHeight);

    QScrollBar *vertical = verticalScrollBar();
    const int shown = fullyVisibleRowCount();
    vertical->setRange(0, std::max(0, rowCount() - shown));
    vertical->setPageStep(shown);
    vertical->setSingleStep(1);

    QScrollBar *horizontal = horizontalScrollBar();
    horizontal->setRange(0, std::max(0, m_header->length() - viewportArea.width()));
    horizontal->setPageStep(viewportArea.width());
    m_header->setOffset(horizontal->value());
    QAbstractItemView::updateGeometries();
}

void ListTableView::scrollContentsBy(int dx, int dy)
{
    if (dx != 0)
        m_header->setOffset(horizontalScrollBar()->value());
    if (std::abs(qint64(dy)) >= fullyVisibleRowCount()) {   // nothing on screen stays: repaint
        QAbstractItemView::scrollContentsBy(dx, 0);
        viewport()->update();
        return;
    }
    QAbstractItemView::scrollContentsBy(dx, dy * m_rowHeight);
}

void ListTableView::rowsInserted(const QModelIndex &parent, int start, int end)
{
    QAbstractItemView::rowsInserted(parent, start, end);
    relayout();
}

void ListTableView::focusInEvent(QFocusEvent *event)
{
    // QAbstractItemView makes the first row current on focus without selecting it; a list's detail
    // pane follows the current row, so select it too and the row shown is the row highlighted.
    QAbstractItemView::focusInEvent(event);
    selectCurrentIfNothingIs();
}

void ListTableView::onRowsRemoved()
{
    // When the selected row goes (an estimated count corrected at the end), the selection model moves
    // the current row to a neighbour but leaves nothing selected.
    relayout();
    selectCurrentIfNothingIs();
}

void ListTableView::selectCurrentIfNothingIs()
{
    const QModelIndex current = currentIndex();
    if (current.isValid() && selectionModel() && !selectionModel()->hasSelection()
        && selectionMode() != NoSelection)
        selectionModel()->select(current, QItemSelectionModel::Select
                                     | (selectionBehavior() == SelectRows ? QItemSelectionModel::Rows
                                                                          : QItemSelectionModel::NoUpdate));
}

void ListTableView::currentChanged(const QModelIndex &current, const QModelIndex &previous)
{
    QAbstractItemView::currentChanged(current, previous);
    if (!QAccessible::isActive() || !hasFocus() || !current.isValid())
        return;
    if (auto *table = dynamic_cast<ListTableAccessible *>(QAccessible::queryAccessibleInterface(this))) {
        QAccessibleEvent focus(this, QAccessible::Focus);
        focus.setChild(table->childIndex(current.row(), current.column()));
        QAccessible::updateAccessibility(&focus);
    }
}

void ListTableView::reset()
{
    QAbstractItemView::reset();
    if (QAccessible::isActive()) {
        QAccessibleTableModelChangeEvent event(this, QAccessibleTableModelChangeEvent::ModelReset);
        QAccessible::updateAccessibility(&event);
    }
}

void ListTableView::relayout()
{
    updateGeometries();
    viewport()->update();
}
