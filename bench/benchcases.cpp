#include "benchcases.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHeaderView>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlQueryModel>
#include <QSqlTableModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>
#include <QWindow>

#include <algorithm>

#include "benchreport.h"
#include "draftlist.h"
#include "listquery.h"
#include "listtableview.h"
#include "pagedlistmodel.h"

using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = 120000;
constexpr int kFirstPageRuns = 7;
constexpr int kFloorRows = 40;

// Runs the event loop until `done` holds, re-checking whenever the model reports progress.
template <typename Predicate>
bool waitFor(PagedListModel &model, Predicate done)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    auto check = [&] {
        if (done())
            loop.quit();
    };
    QObject::connect(&model, &PagedListModel::pageLoaded, &loop, check);
    QObject::connect(&model, &PagedListModel::countChanged, &loop, check);
    QObject::connect(&model, &PagedListModel::loadFailed, &loop, &QEventLoop::quit);
    deadline.start(kTimeoutMs);
    loop.exec();
    return done();
}

constexpr QSize kViewSize(1200, 700);

// Shows `row` in the view and waits until the model has it and the view painted it.
double showRow(QAbstractItemView &view, PagedListModel &model, int row)
{
    QElapsedTimer timer;
    timer.start();
    QCoreApplication::processEvents();   // the view takes in the row count before it scrolls
    view.scrollTo(model.index(row, 0), QAbstractItemView::PositionAtCenter);
    view.viewport()->repaint();
    model.data(model.index(row, 0));      // as the view does for each visible cell
    // An estimated count becomes exact when the end is reached, and the table may then be shorter;
    // asking again for the (new) row is what the view's repaint does.
    auto loaded = [&] {
        const int target = std::min(row, model.rowCount() - 1);
        if (model.isLoaded(target))
            return true;
        model.data(model.index(target, 0));
        return false;
    };
    if (!waitFor(model, loaded))
        qFatal("row %d of %d did not load (idle: %d, pages: %d, estimated %d, shown '%s', error '%s')", row,
               model.rowCount(), int(model.isIdle()), model.cachedPageCount(), int(model.isCountEstimated()),
               qPrintable(model.data(model.index(row, 0)).toString()), qPrintable(model.lastError()));
    view.viewport()->repaint();
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

ListQuery BenchCases::defaultDraftsQuery()
{
    return ListQuery(std::make_shared<const ListDefinition>(DraftList::definition()),
                     DraftList::definition().defaultFilters, DraftList::Created, Qt::DescendingOrder);
}

int BenchCases::runModel(const ConnectionProfile &profile, bool withView)
{
    const ConnectionFactory factory = [profile](const QString &purpose) { return PgConnection::open(profile, {}, purpose); };
    const QString prefix = withView ? u"model"_s : u"model (no view)"_s;
    ListTableView view;   // the lists' view, as in the console
    view.resize(kViewSize);
    if (withView)
        view.show();

    // The console has its session's connection open before any list: load the driver likewise.
    QSqlDatabase::addDatabase(u"QPSQL"_s, u"warm-up"_s);
    QSqlDatabase::removeDatabase(u"warm-up"_s);

    PagedListOptions options;
    options.pageSize = kPageSize;
    QList<double> firstPages;
    std::unique_ptr<PagedListModel> shown;
    QElapsedTimer timer;
    for (int run = 0; run < kFirstPageRuns; ++run) {
        view.setModel(nullptr);
        shown.reset();
        timer.start();
        shown = std::make_unique<PagedListModel>(DraftList::definition(), factory, options);
        view.setModel(withView ? shown.get() : nullptr);
        if (!waitFor(*shown, [&] { return shown->isLoaded(0); }))
            qFatal("first page: %s", qPrintable(shown->lastError()));
        view.viewport()->repaint();
        firstPages.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(firstPages.begin(), firstPages.end());
    BenchReport::figure(prefix + u" first page shown"_s, firstPages.at(firstPages.size() / 2));
    PagedListModel &model = *shown;
    if (!waitFor(model, [&] { return model.isIdle(); }))
        qFatal("count did not finish");
    BenchReport::figure(prefix + u" count (%1 rows)"_s.arg(model.countText()), double(timer.nsecsElapsed()) / 1e6);

    BenchReport::figure(prefix + u" scroll to middle"_s, showRow(view, model, model.rowCount() / 2));
    BenchReport::figure(prefix + u" scroll to end"_s, showRow(view, model, model.rowCount() - 1));
    BenchReport::figure(prefix + u" jump to a third"_s, showRow(view, model, model.rowCount() / 3));
    // Scroll on from there, page by page, as far as 50 pages (fewer on a small table).
    double pages = 0;
    int scrolled = 0;
    for (int row = model.rowCount() / 3 + kPageSize; scrolled < 50 && row < model.rowCount(); row += kPageSize, ++scrolled)
        pages += showRow(view, model, row);
    if (scrolled > 0)
        BenchReport::figure(prefix + u" scroll on, %1 pages (mean per page)"_s.arg(scrolled), pages / scrolled);

    timer.restart();
    model.setFilter(u"type"_s, u"pull_request"_s);
    view.scrollToTop();
    showRow(view, model, 0);
    BenchReport::figure(prefix + u" filter (type = pull_request)"_s, double(timer.nsecsElapsed()) / 1e6);

    timer.restart();
    model.setFilter(u"search"_s, QString::fromLatin1(kSearchTerm));
    showRow(view, model, 0);
    BenchReport::figure(prefix + u" text search"_s, double(timer.nsecsElapsed()) / 1e6);

    BenchReport::figure(prefix + u" peak RSS"_s, 0, BenchReport::peakRssMb());
    return 0;
}

int BenchCases::runFloor(const ConnectionProfile &profile)
{
    auto connection = PgConnection::open(profile, {}, u"floor"_s);
    if (!connection)
        qFatal("floor: %s", qPrintable(connection.error().text()));
    // A screenful of text like the drafts list's, from memory.
    QStandardItemModel screenful(kFloorRows, DraftList::ColumnCount);
    for (int row = 0; row < kFloorRows; ++row) {
        for (int column = 0; column < DraftList::ColumnCount; ++column)
            screenful.setItem(row, column, new QStandardItem(u"acme-works/repository %1 · %2"_s.arg(row).arg(column)));
    }
    ListTableView view;
    view.resize(kViewSize);
    view.setModel(&screenful);
    view.show();
    QElapsedTimer exposing;
    exposing.start();
    while (!(view.windowHandle() && view.windowHandle()->isExposed()) && exposing.elapsed() < kTimeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    view.viewport()->repaint();
    QCoreApplication::processEvents();
    BenchReport::figure(u"floor peak RSS (connected, a screenful of text shown)"_s, 0, BenchReport::peakRssMb());
    return 0;
}

namespace {

// A stock model made by `makeModel` on its own connection, in a QTableView: first rows shown, peak RSS.
template <typename MakeModel>
int runStockModel(const ConnectionProfile &profile, const QString &name, MakeModel makeModel)
{
    auto connection = PgConnection::open(profile, {}, name);
    if (!connection)
        qFatal("%s: %s", qPrintable(name), qPrintable(connection.error().text()));
    QTableView view;
    view.resize(kViewSize);
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.show();
    QElapsedTimer timer;
    timer.start();
    const std::unique_ptr<QAbstractItemModel> model = makeModel(connection->get()->db());
    view.setModel(model.get());
    view.viewport()->repaint();
    BenchReport::figure(name + u" first rows shown"_s, double(timer.nsecsElapsed()) / 1e6);
    BenchReport::figure(name + u" peak RSS"_s, 0, BenchReport::peakRssMb());
    return 0;
}

} // namespace

int BenchCases::runNaive(const ConnectionProfile &profile)
{
    return runStockModel(profile, u"naive"_s, [](const QSqlDatabase &db) {
        auto model = std::make_unique<QSqlTableModel>(nullptr, db);
        model->setTable(u"draft_content"_s);
        if (!model->select())
            qFatal("naive select failed");
        return model;
    });
}

int BenchCases::runNaiveQuery(const ConnectionProfile &profile)
{
    return runStockModel(profile, u"naive QSqlQueryModel"_s, [](const QSqlDatabase &db) {
        // The drafts list's own query and order, without paging: what QSqlQueryModel is usually given.
        const ListQuery list = BenchCases::defaultDraftsQuery();
        QSqlQuery query(db);
        if (!query.prepare(list.exportSql()))
            qFatal("naive query: %s", qPrintable(query.lastError().text()));
        list.bindFilter(query);
        if (!query.exec())
            qFatal("naive query failed");
        auto model = std::make_unique<QSqlQueryModel>();
        model->setQuery(std::move(query));
        return model;
    });
}
