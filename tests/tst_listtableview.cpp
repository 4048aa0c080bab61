#include <QAbstractTableModel>
#include <QAccessible>
#include <QHeaderView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

#include <climits>

#include "listtableview.h"

using namespace Qt::StringLiterals;

namespace {

// Ten million computed rows that record which rows the view reads and how it asks to sort.
class RecordingModel : public QAbstractTableModel
{
public:
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : m_rows; }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : 4; }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role != Qt::DisplayRole)
            return {};
        m_lowestRead = std::min(m_lowestRead, index.row());
        m_highestRead = std::max(m_highestRead, index.row());
        return u"row %1 column %2"_s.arg(index.row()).arg(index.column());
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
            return u"Column %1"_s.arg(section);
        return {};
    }

    void sort(int column, Qt::SortOrder order) override { sorts.append({column, order}); }

    void append(int rows)
    {
        beginInsertRows({}, m_rows, m_rows + rows - 1);
        m_rows += rows;
        endInsertRows();
    }

    void removeTail(int rows)
    {
        beginRemoveRows({}, m_rows - rows, m_rows - 1);
        m_rows -= rows;
        endRemoveRows();
    }

    void setRows(int rows)
    {
        beginResetModel();
        m_rows = rows;
        endResetModel();
    }

    void forgetReads() { m_lowestRead = INT_MAX; m_highestRead = -1; }
    int lowestRead() const { return m_lowestRead; }
    int highestRead() const { return m_highestRead; }

    QList<std::pair<int, Qt::SortOrder>> sorts;

private:
    int m_rows = 10'000'000;
    mutable int m_lowestRead = INT_MAX;
    mutable int m_highestRead = -1;
};

} // namespace

// The paged lists' table view: uniform rows, keyboard and mouse selection of whole rows, sorting by
// header clicks, and that it reads only the rows on screen, whatever the size of the model.
class TestListTableView : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void cellsMapToPositionsAndBack();
    void rowsBillionsOfPixelsAwayStayAway();
    void paintingReadsOnlyTheRowsOnScreen();
    void keyboardMovesThroughTheWholeTable();
    void clickSelectsTheWholeRow();
    void headerClickSorts();
    void sortIndicatorPointsTheWayTheRowsGo();
    void hiddenColumnsTakeNoSpace();
    void appendedRowsExtendTheScrollRange();
    void removedRowsShortenItAndAreRepainted();
    void typingDoesNotReadRows();
    void focusSelectsTheRowItMakesCurrent();
    void assistiveTechnologySeesATableOfTheCellsOnScreen();
    void assistiveTechnologyCountsHugeSelections();

private:
    std::unique_ptr<RecordingModel> m_model;
    std::unique_ptr<ListTableView> m_view;
};

void TestListTableView::init()
{
    m_model = std::make_unique<RecordingModel>();
    m_view = std::make_unique<ListTableView>();
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setModel(m_model.get());
    m_view->resize(800, 400);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void TestListTableView::cleanup()
{
    m_view.reset();
    m_model.reset();
}

void TestListTableView::cellsMapToPositionsAndBack()
{
    ListTableView &view = *m_view;
    view.verticalScrollBar()->setValue(5'000'000);
    QCOMPARE(view.firstVisibleRow(), 5'000'000);
    for (int row : {5'000'000, 5'000'003, 5'000'000 + view.fullyVisibleRowCount() - 1}) {
        for (int column = 0; column < 4; ++column) {
            const QModelIndex index = m_model->index(row, column);
            const QRect rect = view.visualRect(index);
            QCOMPARE(rect.height(), view.rowHeight());
            QCOMPARE(rect.top(), (row - 5'000'000) * view.rowHeight());
            QCOMPARE(rect.width(), view.columnWidth(column));
            QCOMPARE(view.indexAt(rect.center()), index);
        }
    }
    QCOMPARE(view.indexAt(QPoint(5, -1)), QModelIndex());
}

void TestListTableView::rowsBillionsOfPixelsAwayStayAway()
{
    ListTableView &view = *m_view;
    m_model->setRows(500'000'000);   // 12 billion pixels at 24 px a row
    QCoreApplication::processEvents();
    view.verticalScrollBar()->setValue(400'000'000);
    QCOMPARE(view.firstVisibleRow(), 400'000'000);
    QVERIFY(view.visualRect(m_model->index(0, 0)).bottom() < 0);
    QVERIFY(view.visualRect(m_model->index(499'999'999, 0)).top() > view.viewport()->height());
    const QModelIndex shown = m_model->index(400'000'003, 1);
    QCOMPARE(view.indexAt(view.visualRect(shown).center()), shown);
    m_model->forgetReads();
    view.viewport()->repaint();
    QCOMPARE(m_model->lowestRead(), 400'000'000);
}

void TestListTableView::paintingReadsOnlyTheRowsOnScreen()
{
    ListTableView &view = *m_view;
    view.verticalScrollBar()->setValue(7'654'321);
    m_model->forgetReads();
    view.viewport()->repaint();
    QCOMPARE(m_model->lowestRead(), 7'654'321);
    QVERIFY2(m_model->highestRead() <= 7'654'321 + view.fullyVisibleRowCount(), qPrintable(QString::number(m_model->highestRead())));

    m_model->forgetReads();
    QVERIFY(view.sizeHintForColumn(2) > 0);   // a double click on a header handle sizes to the rows on screen
    QCOMPARE(m_model->lowestRead(), 7'654'321);
    QVERIFY(m_model->highestRead() <= 7'654'321 + view.fullyVisibleRowCount());
}

void TestListTableView::keyboardMovesThroughTheWholeTable()
{
    ListTableView &view = *m_view;
    view.setFocus();
    view.setCurrentIndex(m_model->index(0, 0));
    QTest::keyClick(&view, Qt::Key_Down);
    QTest::keyClick(&view, Qt::Key_Down);
    QCOMPARE(view.currentIndex().row(), 2);
    QTest::keyClick(&view, Qt::Key_PageDown);
    QCOMPARE(view.currentIndex().row(), 2 + view.fullyVisibleRowCount() - 1);

    QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(view.currentIndex().row(), 10'000'000 - 1);
    QCOMPARE(view.firstVisibleRow(), 10'000'000 - view.fullyVisibleRowCount());
    QVERIFY(view.viewport()->rect().contains(view.visualRect(view.currentIndex())));
    QCOMPARE(view.selectionModel()->selectedRows().size(), 1);
    QCOMPARE(view.selectionModel()->selectedRows().first().row(), 10'000'000 - 1);

    QTest::keyClick(&view, Qt::Key_Up);
    QCOMPARE(view.currentIndex().row(), 10'000'000 - 2);
    QTest::keyClick(&view, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(view.currentIndex().row(), 0);
    QCOMPARE(view.firstVisibleRow(), 0);
}

void TestListTableView::clickSelectsTheWholeRow()
{
    ListTableView &view = *m_view;
    const QModelIndex cell = m_model->index(4, 2);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.visualRect(cell).center());
    QCOMPARE(view.currentIndex(), cell);
    const QModelIndexList rows = view.selectionModel()->selectedRows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().row(), 4);
    for (int column = 0; column < 4; ++column)
        QVERIFY(view.selectionModel()->isSelected(m_model->index(4, column)));
}

void TestListTableView::headerClickSorts()
{
    ListTableView &view = *m_view;
    view.setSortingEnabled(true);
    m_model->sorts.clear();
    QHeaderView *header = view.horizontalHeader();
    const QPoint third(header->sectionViewportPosition(2) + header->sectionSize(2) / 2, header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, third);
    QCOMPARE(m_model->sorts.size(), 1);
    QCOMPARE(m_model->sorts.last().first, 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, third);
    QCOMPARE(m_model->sorts.size(), 2);
    QCOMPARE(m_model->sorts.last().first, 2);
    QVERIFY(m_model->sorts.last().second != m_model->sorts.first().second);

    view.setSortingEnabled(false);
    m_model->sorts.clear();
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, third);
    QVERIFY(m_model->sorts.isEmpty());
}

// Descending (newest first) shows ▼ and ascending ▲, as Qt's common style, Windows and macOS draw
// them (Fusion on Linux draws QHeaderView's descending indicator as ▲). The pixels that only one of
// the two renderings has tell the arrows apart: ▼ is wide at the top, ▲ at the bottom.
void TestListTableView::sortIndicatorPointsTheWayTheRowsGo()
{
    ListTableView &view = *m_view;
    view.setSortingEnabled(true);
    QHeaderView *header = view.horizontalHeader();
    const auto render = [&](Qt::SortOrder order) {
        view.sortByColumn(1, order);
        return header->grab().toImage().convertToFormat(QImage::Format_RGB32);
    };
    const QImage descending = render(Qt::DescendingOrder);
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(m_model->sorts.last(), std::make_pair(1, Qt::DescendingOrder));   // the model sorts as shown
    const QImage ascending = render(Qt::AscendingOrder);
    QCOMPARE(header->sortIndicatorSection(), 1);
    QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
    QCOMPARE(m_model->sorts.last(), std::make_pair(1, Qt::AscendingOrder));
    QCOMPARE(descending.size(), ascending.size());
    double descendingOnlyY = 0, ascendingOnlyY = 0;
    int descendingOnly = 0, ascendingOnly = 0;
    for (int y = 0; y < descending.height(); ++y) {
        for (int x = 0; x < descending.width(); ++x) {
            const int d = qGray(descending.pixel(x, y));
            const int a = qGray(ascending.pixel(x, y));
            if (d + 24 < a) {   // drawn (darker) in the descending rendering only
                descendingOnlyY += y;
                ++descendingOnly;
            } else if (a + 24 < d) {
                ascendingOnlyY += y;
                ++ascendingOnly;
            }
        }
    }
    QVERIFY2(descendingOnly > 3 && ascendingOnly > 3, "no sort indicator drawn");
    QVERIFY2(descendingOnlyY / descendingOnly < ascendingOnlyY / ascendingOnly,
             qPrintable(u"descending arrow points up (style %1)"_s.arg(header->style()->name())));
}

void TestListTableView::hiddenColumnsTakeNoSpace()
{
    ListTableView &view = *m_view;
    const QPoint secondColumn = view.visualRect(m_model->index(0, 1)).center();
    view.setColumnHidden(1, true);
    QVERIFY(view.isColumnHidden(1));
    QVERIFY(view.visualRect(m_model->index(0, 1)).isEmpty());
    QCOMPARE(view.visualRect(m_model->index(0, 2)).left(), view.columnWidth(0));
    QCOMPARE(view.indexAt(secondColumn).column(), 2);

    view.setFocus();
    view.setCurrentIndex(m_model->index(0, 0));
    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(view.currentIndex().column(), 2);
}

void TestListTableView::appendedRowsExtendTheScrollRange()
{
    ListTableView &view = *m_view;
    const int before = view.verticalScrollBar()->maximum();
    QCOMPARE(before, 10'000'000 - view.fullyVisibleRowCount());
    m_model->append(1000);
    QCOMPARE(view.verticalScrollBar()->maximum(), before + 1000);
    QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(view.currentIndex().row(), 10'001'000 - 1);
}

void TestListTableView::removedRowsShortenItAndAreRepainted()
{
    ListTableView &view = *m_view;
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
    QCoreApplication::processEvents();
    m_model->forgetReads();
    m_model->removeTail(500'000);
    QCOMPARE(view.verticalScrollBar()->maximum(), 9'500'000 - view.fullyVisibleRowCount());
    QCOMPARE(view.firstVisibleRow(), view.verticalScrollBar()->maximum());
    // The rows that moved into view are read (and so, in a paged model, requested) without any scrolling.
    QTRY_COMPARE(m_model->highestRead(), 9'500'000 - 1);

    // The selected last row goes: its neighbour becomes current and is selected, not just current.
    view.selectRow(9'500'000 - 1);
    m_model->removeTail(10);
    QCOMPARE(view.currentIndex().row(), 9'500'000 - 11);
    QCOMPARE(view.selectionModel()->selectedRows().size(), 1);
    QCOMPARE(view.selectionModel()->selectedRows().first().row(), 9'500'000 - 11);
}

void TestListTableView::typingDoesNotReadRows()
{
    ListTableView &view = *m_view;
    view.setFocus();
    view.setCurrentIndex(m_model->index(0, 0));
    QCoreApplication::processEvents();
    m_model->forgetReads();
    QSignalSpy typed(&view, &ListTableView::textTyped);
    QTest::keyClicks(&view, u"row 9"_s);
    QCOMPARE(view.currentIndex().row(), 0);
    QCOMPARE(typed.size(), 5);
    QCOMPARE(typed.first().first().toString(), u"r"_s);
    QTest::keyClick(&view, Qt::Key_Escape);
    QTest::keyClick(&view, Qt::Key_Backspace);
    QCOMPARE(typed.size(), 5);
    QVERIFY2(m_model->highestRead() <= view.fullyVisibleRowCount(), qPrintable(QString::number(m_model->highestRead())));
}

void TestListTableView::focusSelectsTheRowItMakesCurrent()
{
    ListTableView &view = *m_view;
    view.clearFocus();
    view.selectionModel()->clear();
    QVERIFY(!view.currentIndex().isValid());
    view.activateWindow();
    view.setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(view.hasFocus());
    QCOMPARE(view.currentIndex().row(), 0);
    QCOMPARE(view.selectionModel()->selectedRows().size(), 1);
    QCOMPARE(view.selectionModel()->selectedRows().first().row(), 0);
}

void TestListTableView::assistiveTechnologySeesATableOfTheCellsOnScreen()
{
    ListTableView &view = *m_view;
    view.verticalScrollBar()->setValue(3'000'000);
    QAccessibleInterface *table = QAccessible::queryAccessibleInterface(&view);
    QVERIFY(table);
    QCOMPARE(table->role(), QAccessible::Table);
    QAccessibleTableInterface *cells = table->tableInterface();
    QVERIFY(cells);
    QCOMPARE(cells->rowCount(), 10'000'000);
    QCOMPARE(cells->columnCount(), 4);
    QCOMPARE(cells->columnDescription(2), u"Column 2"_s);

    // Only the cells on screen are children; a cell reads the model and knows its place.
    const int shownRows = view.lastVisibleRow() - view.firstVisibleRow() + 1;
    QCOMPARE(table->childCount(), shownRows * 4);
    m_model->forgetReads();
    QAccessibleInterface *cell = table->child(4 + 2);   // second row shown, third column
    QVERIFY(cell);
    QCOMPARE(cell->role(), QAccessible::Cell);
    QCOMPARE(cell->text(QAccessible::Name), u"row 3000001 column 2"_s);
    QCOMPARE(m_model->lowestRead(), 3'000'001);
    QCOMPARE(cell->tableCellInterface()->rowIndex(), 3'000'001);
    QCOMPARE(table->indexOfChild(cell), 4 + 2);
    QCOMPARE(cell->rect(), QRect(view.viewport()->mapToGlobal(view.visualRect(m_model->index(3'000'001, 2)).topLeft()),
                                 view.visualRect(m_model->index(3'000'001, 2)).size()));
    QCOMPARE(cells->cellAt(3'000'001, 2), cell);   // the same interface when asked again

    // Rows can be selected through it, as a screen reader's user would.
    QVERIFY(cells->selectRow(3'000'001));
    QCOMPARE(view.currentIndex().row(), 3'000'001);
    QCOMPARE(cells->selectedRows(), QList<int>{3'000'001});
    QVERIFY(cells->isRowSelected(3'000'001));
    QVERIFY(cell->state().selected);
    QCOMPARE(cells->cellAt(10'000'000, 0), nullptr);
}

void TestListTableView::assistiveTechnologyCountsHugeSelections()
{
    ListTableView &view = *m_view;
    view.setSelectionMode(QAbstractItemView::ExtendedSelection);
    QAccessibleTableInterface *cells = QAccessible::queryAccessibleInterface(&view)->tableInterface();
    // Fill the cell cache with cells far off screen first.
    for (int row = 5'000'000; row < 5'000'000 + 1200; ++row)
        QVERIFY(cells->cellAt(row, 0));
    view.selectAll();
    QCOMPARE(cells->selectedCellCount(), 40'000'000);
    QCOMPARE(cells->selectedRowCount(), 10'000'000);
    const QList<QAccessibleInterface *> shown = cells->selectedCells();
    QCOMPARE(shown.size(), (view.lastVisibleRow() - view.firstVisibleRow() + 1) * 4);
    for (QAccessibleInterface *cell : shown)   // every one still alive after the cache made room
        QVERIFY(cell->text(QAccessible::Name).startsWith(u"row "_s));
    for (int round = 0; round < 4; ++round) {
        for (int row = 6'000'000 + round * 1200; row < 6'000'000 + (round + 1) * 1200; ++row)
            QVERIFY(cells->cellAt(row, 1));
        for (QAccessibleInterface *cell : shown)
            QVERIFY(cell->isValid() && cell->tableCellInterface()->rowIndex() <= view.lastVisibleRow());
    }
}

QTEST_MAIN(TestListTableView)
#include "tst_listtableview.moc"
