#pragma once

#include <QAccessibleWidget>
#include <QHash>
#include <QPointer>

class ListTableView;

// What assistive technology (AT-SPI on Linux) sees of a ListTableView: a table of the model's rows
// and columns whose children are the cells on screen only, so a reader never walks a million rows.
// Cells are addressed by position and read from the model when asked. A selection is counted from
// its ranges; selectedCells() lists the selected cells on screen. Created by the factory that
// ListTableView installs; Qt's accessibility cache owns it and the cell interfaces it registers
// (at most kMaxCells; those off screen are released first).
class ListTableAccessible : public QAccessibleWidget, public QAccessibleTableInterface
{
public:
    explicit ListTableAccessible(ListTableView *view);
    ~ListTableAccessible() override;

    static QAccessibleInterface *factory(const QString &className, QObject *object);

    // QAccessibleInterface
    QAccessible::Role role() const override;
    int childCount() const override;
    QAccessibleInterface *child(int index) const override;
    int indexOfChild(const QAccessibleInterface *child) const override;
    QAccessibleInterface *childAt(int x, int y) const override;
    QAccessibleInterface *focusChild() const override;
    void *interface_cast(QAccessible::InterfaceType type) override;

    // QAccessibleTableInterface
    QAccessibleInterface *caption() const override { return nullptr; }
    QAccessibleInterface *summary() const override { return nullptr; }
    QAccessibleInterface *cellAt(int row, int column) const override;
    int selectedCellCount() const override;
    QList<QAccessibleInterface *> selectedCells() const override;
    QString columnDescription(int column) const override;
    QString rowDescription(int row) const override;
    int selectedColumnCount() const override { return 0; }
    int selectedRowCount() const override;
    int columnCount() const override;
    int rowCount() const override;
    QList<int> selectedColumns() const override { return {}; }
    QList<int> selectedRows() const override;
    bool isColumnSelected(int column) const override;
    bool isRowSelected(int row) const override;
    bool selectRow(int row) override;
    bool selectColumn(int column) override;
    bool unselectRow(int row) override;
    bool unselectColumn(int column) override;
    void modelChange(QAccessibleTableModelChangeEvent *event) override;

    // The child index of the cell at (row, column) among the cells on screen; -1 when not shown.
    int childIndex(int row, int column) const;

private:
    ListTableView *view() const;
    QList<int> shownColumns() const;   // logical columns in visual order, hidden ones left out
    void forgetCells();
    void forgetCellsOffScreen();

    static constexpr int kMaxCells = 4096;
    static constexpr int kMaxListedRows = 10000;   // selectedRows() of a huge selection: its first rows
    mutable QHash<quint64, QAccessible::Id> m_cells;
};

// One cell of a ListTableAccessible, by position.
class ListTableCellAccessible : public QAccessibleInterface, public QAccessibleTableCellInterface
{
public:
    ListTableCellAccessible(ListTableView *view, int row, int column);

    bool isValid() const override;
    QObject *object() const override { return nullptr; }
    QWindow *window() const override;
    QAccessibleInterface *childAt(int, int) const override { return nullptr; }
    QAccessibleInterface *parent() const override;
    QAccessibleInterface *child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface *) const override { return -1; }
    QString text(QAccessible::Text type) const override;
    void setText(QAccessible::Text, const QString &) override {}
    QRect rect() const override;
    QAccessible::Role role() const override { return QAccessible::Cell; }
    QAccessible::State state() const override;
    void *interface_cast(QAccessible::InterfaceType type) override;

    bool isSelected() const override;
    QList<QAccessibleInterface *> columnHeaderCells() const override { return {}; }
    QList<QAccessibleInterface *> rowHeaderCells() const override { return {}; }
    int columnIndex() const override { return m_column; }
    int rowIndex() const override { return m_row; }
    int columnExtent() const override { return 1; }
    int rowExtent() const override { return 1; }
    QAccessibleInterface *table() const override { return parent(); }

private:
    QPointer<ListTableView> m_view;
    int m_row;
    int m_column;
};
