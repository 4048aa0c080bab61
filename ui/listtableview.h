#pragma once

#include <QAbstractItemView>

class QHeaderView;

// The table of a paged list: rows of one fixed height under a horizontal header, and nothing kept
// per row. QTableView keeps a vertical QHeaderView with state for every row (about 8 bytes each,
// even hidden), which makes its memory grow with the table; this view holds O(columns) state, so a
// list of ten million rows costs what a list of ten does.
// The vertical scroll bar counts rows (value = first row shown); columns are the header's sections,
// so column widths, order, visibility and the sort indicator persist with horizontalHeader()->saveState().
// Typing does not search the rows (that would read every row of a paged model): it emits textTyped()
// for the list's search field instead.
// Assistive technology sees it as a table whose children are the cells on screen (ListTableAccessible).
class ListTableView : public QAbstractItemView
{
    Q_OBJECT

public:
    explicit ListTableView(QWidget *parent = nullptr);
    ~ListTableView() override;

    void setModel(QAbstractItemModel *model) override;
    QHeaderView *horizontalHeader() const { return m_header; }

    int rowHeight() const { return m_rowHeight; }
    void setRowHeight(int height);
    int firstVisibleRow() const;
    int lastVisibleRow() const;   // including a partly shown last row; -1 without rows
    int fullyVisibleRowCount() const;

    int columnWidth(int column) const;
    void setColumnWidth(int column, int width);
    bool isColumnHidden(int column) const;
    void setColumnHidden(int column, bool hidden);

    bool isSortingEnabled() const { return m_sortingEnabled; }
    void setSortingEnabled(bool enabled);   // a header click sorts the model
    void sortByColumn(int column, Qt::SortOrder order);

    bool showGrid() const { return m_showGrid; }
    void setShowGrid(bool show);

    void selectRow(int row);

signals:
    void textTyped(const QString &text);   // printable keys pressed in the view

public:
    QRect visualRect(const QModelIndex &index) const override;
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;
    QModelIndex indexAt(const QPoint &point) const override;
    void keyboardSearch(const QString &search) override;
    int sizeHintForColumn(int column) const override;   // over the rows on screen only
    int sizeHintForRow(int row) const override;

protected:
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    int horizontalOffset() const override;
    int verticalOffset() const override;
    bool isIndexHidden(const QModelIndex &index) const override;
    void setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command) override;
    QRegion visualRegionForSelection(const QItemSelection &selection) const override;
    void paintEvent(QPaintEvent *event) override;
    void updateGeometries() override;
    void scrollContentsBy(int dx, int dy) override;
    void rowsInserted(const QModelIndex &parent, int start, int end) override;
    void focusInEvent(QFocusEvent *event) override;
    void currentChanged(const QModelIndex &current, const QModelIndex &previous) override;
    void reset() override;

private:
    int rowCount() const;
    int rowAt(int y) const;       // unclamped: may be negative or past the end
    QRect cellRect(int row, int column) const;
    int pixelsDown(qint64 rows) const;   // rows * row height, clamped far outside any screen
    void resizeColumnToShownContents(int column);
    void relayout();
    void onRowsRemoved();
    void selectCurrentIfNothingIs();

    QHeaderView *m_header = nullptr;
    int m_rowHeight = 24;
    bool m_sortingEnabled = false;
    bool m_showGrid = true;
};
