#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

#include <algorithm>

#include "draftlist.h"
#include "installationlist.h"
#include "listseed.h"
#include "pagedlistmodel.h"
#include "pgtimestamp.h"
#include "userlist.h"

using namespace Qt::StringLiterals;

namespace {

constexpr int kDrafts = 50000;
constexpr int kPageSize = 200;
constexpr int kMaxPages = 4;
constexpr auto kDraftOrder = "SELECT id FROM draft_content WHERE status = 'draft' ORDER BY created_at DESC, id DESC";

ConnectionFactory factoryFor(const ConnectionProfile &profile)
{
    return [profile](const QString &purpose) { return PgConnection::open(profile, {}, purpose); };
}

// The drafts list behind a query that first sleeps: stands for a slow production query.
ListDefinition slowDrafts(double seconds)
{
    ListDefinition def = DraftList::definition();
    auto compile = def.compileFilter;
    def.compileFilter = [compile, seconds](const QVariantMap &filters) {
        CompiledFilter compiled = compile(filters);
        compiled.predicates.append(u"(SELECT 1 FROM pg_sleep(CAST(:sleep AS float8))) = 1"_s);
        compiled.binds.append({u":sleep"_s, seconds});
        return compiled;
    };
    return def;
}

// The statement of the drafts list's backend while it waits for a lock; empty when none waits.
QString statementWaitingForALock(const QSqlDatabase &admin)
{
    QSqlQuery q(admin);
    if (!q.exec(u"SELECT query FROM pg_stat_activity WHERE datname = current_database() "
                "AND application_name = 'staff-console (drafts list)' AND wait_event_type = 'Lock'"_s))
        qFatal("pg_stat_activity: %s", qPrintable(q.lastError().text()));
    return q.next() ? q.value(0).toString() : QString();
}

// The test database's sessions, for a failure message.
QString sessions(const QSqlDatabase &admin)
{
    QSqlQuery q(admin);
    q.exec(u"SELECT application_name || ' ' || state || ' ' || coalesce(wait_event_type, '-') || ': ' || left(query, 80) "
           "FROM pg_stat_activity WHERE datname = current_database()"_s);
    QStringList lines;
    while (q.next())
        lines.append(q.value(0).toString());
    return lines.join(u'\n');
}

} // namespace

class TestPagedListModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void firstPageAndExactCount();
    void scrolling_data();
    void scrolling();
    void farJumpsSkipFromTheNearestKnownPage();
    void pagesAskedTogetherLoadCheapestFirst();
    void filterChangeDuringLoad();
    void filterChangeCancelsTheRunningQuery();
    void cancelDuringPrepareIsRetried();
    void timestampsKeepMicroseconds_data();
    void timestampsKeepMicroseconds();
    void insertsWhilePaging();
    void itemModelTester();
    void uiThreadKeepsRunning();
    void estimatedCount();
    void endOfAnEstimatedListIsCountedFirst();
    void search_data();
    void search();
    void sortByColumn();
    void usersAndInstallations();

private:
    PagedListOptions options() const;
    // Asks for `row` like a view would and waits until it is loaded; returns its id.
    qint64 loadRow(PagedListModel &model, int row);

    ConnectionProfile m_profile;
    QList<qint64> m_draftOrder;
};

PagedListOptions TestPagedListModel::options() const
{
    PagedListOptions o;
    o.pageSize = kPageSize;
    o.maxCachedPages = kMaxPages;
    return o;
}

qint64 TestPagedListModel::loadRow(PagedListModel &model, int row)
{
    if (!model.isLoaded(row)) {
        const QVariant shown = model.data(model.index(row, DraftList::Id));
        if (shown != PagedListModel::placeholder())
            return -2;
        if (!QTest::qWaitFor([&] { return model.isLoaded(row) || !model.lastError().isEmpty(); }, 10000))
            return -3;
    }
    return model.idAt(row);
}

void TestPagedListModel::initTestCase()
{
    m_profile = ListSeed::create(u"paged_list"_s, kDrafts);
    m_draftOrder = ListSeed::ids(m_profile, QString::fromLatin1(kDraftOrder));
    QVERIFY(m_draftOrder.size() > 15000);
}

void TestPagedListModel::firstPageAndExactCount()
{
    PagedListModel model(DraftList::definition(), factoryFor(m_profile), options());
    QSignalSpy loaded(&model, &PagedListModel::pageLoaded);
    QTRY_VERIFY(model.isIdle());
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(model.rowCount(), m_draftOrder.size());
    QVERIFY(!model.isCountEstimated());
    QCOMPARE(model.countText(), PagedListModel::formatCount(m_draftOrder.size(), false));
    QCOMPARE(model.idAt(0), m_draftOrder.first());
    QCOMPARE(model.data(model.index(0, DraftList::Status)).toString(), u"draft"_s);
    QVERIFY(model.data(model.index(0, DraftList::FirstLine)).toString().startsWith(u"Draft number "_s));
    QVERIFY(!model.data(model.index(0, DraftList::FirstLine)).toString().contains(u"Second line"_s));
    QCOMPARE(model.data(model.index(kPageSize + 1, 0)).toString(), PagedListModel::placeholder());
    QTRY_VERIFY(model.isLoaded(kPageSize + 1));
    QCOMPARE(model.idAt(kPageSize + 1), m_draftOrder.at(kPageSize + 1));
}

void TestPagedListModel::scrolling_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("top to bottom") << u"down"_s;
    QTest::newRow("bottom to top") << u"up"_s;
    QTest::newRow("middle, then both ways") << u"middle"_s;
}

void TestPagedListModel::scrolling()
{
    QFETCH(QString, path);
    PagedListModel model(DraftList::definition(), factoryFor(m_profile), options());
    QTRY_VERIFY(model.isIdle());
    const int rows = model.rowCount();
    QCOMPARE(rows, m_draftOrder.size());

    QList<int> order(rows);
    std::iota(order.begin(), order.end(), 0);
    if (path == u"up"_s) {
        std::reverse(order.begin(), order.end());
    } else if (path == u"middle"_s) {
        const int middle = rows / 2 + 37;
        order.clear();
        for (int r = middle; r < rows; ++r)
            order.append(r);
        for (int r = middle - 1; r >= 0; --r)
            order.append(r);
    }
    QList<qint64> seen(rows, -1);
    int maxPages = 0;
    for (const int row : std::as_const(order)) {
        const qint64 id = loadRow(model, row);
        QVERIFY2(id >= 0, qPrintable(u"row %1: %2 %3"_s.arg(row).arg(id).arg(model.lastError())));
        seen[row] = id;
        maxPages = std::max(maxPages, model.cachedPageCount());
        QVERIFY(model.cachedRowCount() <= kMaxPages * kPageSize);
    }
    QCOMPARE(model.rowCount(), rows);
    QVERIFY(maxPages <= kMaxPages);
    QCOMPARE(seen, m_draftOrder);
}

void TestPagedListModel::farJumpsSkipFromTheNearestKnownPage()
{
    PagedListModel model(DraftList::definition(), factoryFor(m_profile), options());
    QTRY_VERIFY(model.isIdle());
    const qint64 rows = model.rowCount();
    QVERIFY(!model.isCountEstimated());
    const int lastPage = int((rows - 1) / kPageSize);
    QVERIFY(lastPage > 60);

    // Each jump reads its page after an anchor found by skipping index entries, counted from the
    // nearest position known: the start (page 0's last row), a page seen earlier, or the end.
    struct Jump { int page; qint64 skipped; };
    const QList<Jump> jumps{
        {20, 20 * kPageSize - 1 - kPageSize + 1},                     // after page 0
        {40, 40 * kPageSize - 1 - 21 * kPageSize + 1},                // after page 20
        {33, 40 * kPageSize - 1 - 34 * kPageSize + 1},                // before page 40 (nearer than 20)
        {lastPage - 3, rows - 1 - (lastPage - 2) * kPageSize + 1},    // from the end
    };
    for (const Jump &jump : jumps) {
        const qint64 before = model.skippedRows();
        const int first = jump.page * kPageSize;
        QCOMPARE(loadRow(model, first + 7), m_draftOrder.at(first + 7));
        QCOMPARE(model.skippedRows() - before, jump.skipped);
        for (int row = first; row < first + kPageSize; ++row)
            QCOMPARE(model.idAt(row), m_draftOrder.at(row));
    }
}

void TestPagedListModel::pagesAskedTogetherLoadCheapestFirst()
{
    PagedListModel model(DraftList::definition(), factoryFor(m_profile), options());
    QTRY_VERIFY(model.isIdle());
    const int last = model.rowCount() - 1;
    // As a view painting the end of the list does: the second-to-last page first, then the last.
    model.data(model.index(last - kPageSize, 0));
    model.data(model.index(last, 0));
    QTRY_VERIFY(model.isIdle());
    QVERIFY(model.isLoaded(last - kPageSize) && model.isLoaded(last));
    QCOMPARE(model.skippedRows(), 0);   // the last page from the end, then its neighbour by keyset
    for (int row = last - kPageSize; row <= last; ++row)
        QCOMPARE(model.idAt(row), m_draftOrder.at(row));
}

void TestPagedListModel::filterChangeDuringLoad()
{
    PagedListModel model(slowDrafts(0.3), factoryFor(m_profile), options());
    QSignalSpy loaded(&model, &PagedListModel::pageLoaded);
    QTRY_VERIFY_WITH_TIMEOUT(model.isIdle(), 10000);
    const int generation = model.generation();
    model.data(model.index(model.rowCount() / 2, 0));   // a far page starts loading
    QVERIFY(!model.isIdle());
    model.setFilter(u"status"_s, u"published"_s);      // ...and is superseded at once
    QCOMPARE(model.generation(), generation + 1);
    QTRY_VERIFY_WITH_TIMEOUT(model.isIdle(), 10000);
    const QList<qint64> published = ListSeed::ids(m_profile,
        u"SELECT id FROM draft_content WHERE status = 'published' ORDER BY created_at DESC, id DESC"_s);
    QCOMPARE(model.rowCount(), published.size());
    QCOMPARE(model.cachedPageCount(), 1);   // page 0 of the new filter only: the old far page was dropped
    for (int row = 0; row < kPageSize; ++row) {
        QCOMPARE(model.idAt(row), published.at(row));
        QCOMPARE(model.data(model.index(row, DraftList::Status)).toString(), u"published"_s);
    }
}

void TestPagedListModel::filterChangeCancelsTheRunningQuery()
{
    // Only the default filter (status = draft) is slow: 5 s. The published list is not.
    ListDefinition def = DraftList::definition();
    auto compile = def.compileFilter;
    def.compileFilter = [compile](const QVariantMap &filters) {
        CompiledFilter compiled = compile(filters);
        if (filters.value(u"status"_s) == u"draft"_s)
            compiled.predicates.append(u"(SELECT 1 FROM pg_sleep(5)) = 1"_s);
        return compiled;
    };
    PagedListModel model(def, factoryFor(m_profile), options());
    QTest::qWait(500);                                  // the slow first page is running now
    QVERIFY(!model.isLoaded(0));
    QElapsedTimer clock;
    clock.start();
    model.setFilter(u"status"_s, u"published"_s);
    QTRY_VERIFY_WITH_TIMEOUT(model.isLoaded(0), 10000);
    QVERIFY2(clock.elapsed() < 2500, qPrintable(u"the superseded query ran on for %1 ms"_s.arg(clock.elapsed())));
    QCOMPARE(model.data(model.index(0, DraftList::Status)).toString(), u"published"_s);
    QVERIFY(model.lastError().isEmpty());
}

// QPSQL prepares with a server PREPARE; a cancel meant for a superseded query may land on the PREPARE
// of the current one. It must be retried like a cancelled query, never executed unprepared
// ("EXECUTE  (…)": syntax error at or near "(").
void TestPagedListModel::cancelDuringPrepareIsRetried()
{
    PagedListModel model(DraftList::definition(), factoryFor(m_profile), options());
    QSignalSpy failed(&model, &PagedListModel::loadFailed);
    QTRY_VERIFY(model.isIdle());
    auto admin = PgFixture::instance().connect(m_profile, u"admin"_s);
    auto locker = PgFixture::instance().connect(m_profile, u"locker"_s);
    QSqlQuery lock(locker->db());
    // While draft_content is locked, every PREPARE of the list waits for the lock: the cancels of the
    // superseded loads land during PREPARE.
    QVERIFY(lock.exec(u"BEGIN"_s));
    QVERIFY(lock.exec(u"LOCK TABLE draft_content IN ACCESS EXCLUSIVE MODE"_s));
    const QDate start(2026, 1, 1);
    for (int step = 0; step < 12; ++step) {   // the Created date stepped quickly
        model.setFilters({{u"status"_s, u"draft"_s}, {u"createdFrom"_s, start.addDays(-step)}});
        QCoreApplication::processEvents();   // this date's first page is asked for
        QVERIFY2(QTest::qWaitFor([&] { return !failed.isEmpty() || statementWaitingForALock(admin->db()).startsWith(u"PREPARE"_s); },
                                 10000),
                 qPrintable(sessions(admin->db())));
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    }
    // The last filter is the only one with a type: its PREPARE is recognisable.
    model.setFilters({{u"status"_s, u"published"_s}, {u"type"_s, u"comment"_s}, {u"createdFrom"_s, start.addDays(-20)}});
    const auto lastFiltersPrepare = [&admin] {
        const QString statement = statementWaitingForALock(admin->db());
        return statement.startsWith(u"PREPARE"_s) && statement.contains(u"d.content_type = "_s) ? statement : QString();
    };
    QString waiting;
    QVERIFY2(QTest::qWaitFor([&] { return !failed.isEmpty() || !(waiting = lastFiltersPrepare()).isEmpty(); }, 10000),
             qPrintable(sessions(admin->db())));
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));

    // A late cancel lands on it.
    QSqlQuery cancel(admin->db());
    QVERIFY(cancel.exec(u"SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND application_name = 'staff-console (drafts list)'"_s));
    // Prepared again (a new statement name), not executed unprepared.
    QVERIFY2(QTest::qWaitFor([&] {
        const QString again = lastFiltersPrepare();
        return !failed.isEmpty() || (!again.isEmpty() && again != waiting);
    }, 10000), qPrintable(sessions(admin->db())));
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    QVERIFY(lock.exec(u"ROLLBACK"_s));

    QTRY_VERIFY(model.isIdle());
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    const QList<qint64> expected = ListSeed::ids(m_profile,
        u"SELECT id FROM draft_content WHERE status = 'published' AND content_type = 'comment' "
        "ORDER BY created_at DESC, id DESC"_s);
    QCOMPARE(model.rowCount(), expected.size());
    for (int row = 0; row < kPageSize; ++row)
        QCOMPARE(model.idAt(row), expected.at(row));
}

void TestPagedListModel::timestampsKeepMicroseconds_data()
{
    QTest::addColumn<QString>("text");   // CAST(timestamptz AS text), DateStyle ISO, any TimeZone
    QTest::addColumn<QString>("iso");
    QTest::newRow("UTC") << u"2026-01-02 03:04:05.123456+00"_s << u"2026-01-02T03:04:05.123456Z"_s;
    QTest::newRow("trailing zeros dropped") << u"2026-01-02 03:04:05.5+00"_s << u"2026-01-02T03:04:05.500000Z"_s;
    QTest::newRow("whole second") << u"2026-01-02 03:04:05+00"_s << u"2026-01-02T03:04:05.000000Z"_s;
    QTest::newRow("east of UTC") << u"2026-01-02 05:34:05.000001+02:30"_s << u"2026-01-02T03:04:05.000001Z"_s;
    QTest::newRow("west, over midnight") << u"2026-01-01 22:04:05.999999-05"_s << u"2026-01-02T03:04:05.999999Z"_s;
    QTest::newRow("local mean time") << u"1890-01-01 00:00:00-00:19:32"_s << u"1890-01-01T00:19:32.000000Z"_s;
    QTest::newRow("before 1970") << u"1969-12-31 23:59:59.999999+00"_s << u"1969-12-31T23:59:59.999999Z"_s;
    QTest::newRow("infinity") << u"infinity"_s << QString();
    QTest::newRow("NULL") << QString() << QString();
}

void TestPagedListModel::timestampsKeepMicroseconds()
{
    QFETCH(QString, text);
    QFETCH(QString, iso);
    const PgTimestamp timestamp = PgTimestamp::fromText(text);
    QCOMPARE(timestamp.isValid(), !iso.isEmpty());
    QCOMPARE(timestamp.toIsoString(), iso);
    if (timestamp.isValid())
        QCOMPARE(timestamp.toDateTime(), QDateTime::fromString(iso.left(23) + u'Z', Qt::ISODateWithMs));
}

void TestPagedListModel::insertsWhilePaging()
{
    const ConnectionProfile profile = ListSeed::create(u"paged_list_inserts"_s, 5000);
    PagedListModel model(DraftList::definition(), factoryFor(profile), options());
    QTRY_VERIFY(model.isIdle());
    const int rows = model.rowCount();
    QList<qint64> seen;
    for (int row = 0; row < rows / 2; ++row)
        seen.append(loadRow(model, row));
    {
        auto writer = PgFixture::instance().connect(profile, u"writer"_s);
        QSqlQuery q(writer->db());
        QVERIFY(q.exec(u"INSERT INTO draft_content (user_id, workflow_run_id, content_type, github_issue_id, "
                       "github_repo, content, status, created_at) "
                       "SELECT 1, 'late-' || g, 'comment', 1, 'acme/late', 'late ' || g, 'draft', "
                       "CASE WHEN g % 2 = 0 THEN now() ELSE timestamptz '2026-01-01 00:10:00+00' END "
                       "FROM generate_series(1, 300) g"_s));
        const QList<qint64> before = ListSeed::ids(profile, QString::fromLatin1(kDraftOrder));
        QVERIFY(q.prepare(u"DELETE FROM draft_content WHERE id IN (:a, :b, :c, :d, :e, :f, :g)"_s));
        const QList<qint64> doomed{seen.at(10), seen.at(11), seen.at(12), seen.at(13), seen.at(14),
                                   before.at(rows * 3 / 4), before.at(rows * 3 / 4 + 1)};
        for (int i = 0; i < doomed.size(); ++i)
            q.bindValue(i, doomed.at(i));
        QVERIFY(q.exec());
        QCOMPARE(q.numRowsAffected(), 7);
    }
    for (int row = rows / 2; row < rows; ++row) {
        const qint64 id = loadRow(model, row);
        QVERIFY2(id >= 0, qPrintable(u"row %1: %2"_s.arg(row).arg(model.lastError())));
        seen.append(id);
    }
    QList<qint64> unique = seen;
    std::sort(unique.begin(), unique.end());
    QVERIFY(std::adjacent_find(unique.begin(), unique.end()) == unique.end());
    // What was shown follows the table's order now (a subsequence of it, apart from deleted rows).
    const QList<qint64> now = ListSeed::ids(profile, QString::fromLatin1(kDraftOrder));
    QHash<qint64, int> position;
    for (int i = 0; i < now.size(); ++i)
        position.insert(now.at(i), i);
    int last = -1;
    int deleted = 0;
    for (const qint64 id : std::as_const(seen)) {
        if (!position.contains(id)) {
            ++deleted;
            continue;
        }
        QVERIFY(position.value(id) > last);
        last = position.value(id);
    }
    QCOMPARE(deleted, 5);
    // Rows inserted in the part not yet scrolled show up; the rest keeps its place.
    QVERIFY(std::any_of(seen.begin(), seen.end(), [&](qint64 id) { return id > 5000; }));
}

void TestPagedListModel::itemModelTester()
{
    PagedListModel model(DraftList::definition(), factoryFor(m_profile), options());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(model.isIdle());
    loadRow(model, model.rowCount() - 1);
    loadRow(model, model.rowCount() / 3);
    model.setFilter(u"type"_s, u"pull_request"_s);
    QTRY_VERIFY(model.isIdle());
    model.sort(DraftList::Id, Qt::AscendingOrder);
    QTRY_VERIFY(model.isIdle());
    model.setFilter(u"search"_s, u"number 12"_s);
    QTRY_VERIFY(model.isIdle());
    QVERIFY(model.rowCount() > 0);
    loadRow(model, model.rowCount() - 1);
    PagedListOptions estimating = options();
    estimating.estimateThreshold = 1000;
    PagedListModel estimated(DraftList::definition(), factoryFor(m_profile), estimating);
    QAbstractItemModelTester tester2(&estimated, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(estimated.isIdle());
    estimated.countExactly();
    QTRY_VERIFY(estimated.isIdle());
}

void TestPagedListModel::uiThreadKeepsRunning()
{
    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = 0;
    qint64 maxGap = 0;
    int ticks = 0;
    QTimer timer;
    timer.setInterval(50);
    connect(&timer, &QTimer::timeout, this, [&] {
        const qint64 now = clock.elapsed();
        maxGap = std::max(maxGap, now - lastTick);
        lastTick = now;
        ++ticks;
    });
    timer.start();
    PagedListModel model(slowDrafts(2.0), factoryFor(m_profile), options());
    QTRY_VERIFY_WITH_TIMEOUT(model.isLoaded(0), 15000);
    QVERIFY2(clock.elapsed() >= 2000, "the query did not take 2 s: the test proves nothing");
    QVERIFY(ticks >= 30);
    QVERIFY2(maxGap < 200, qPrintable(u"the UI thread stalled for %1 ms"_s.arg(maxGap)));
}

void TestPagedListModel::estimatedCount()
{
    PagedListOptions estimating = options();
    estimating.estimateThreshold = 1000;
    PagedListModel model(DraftList::definition(), factoryFor(m_profile), estimating);
    QTRY_VERIFY(model.isIdle());
    QVERIFY(model.isCountEstimated());
    QVERIFY2(model.countText().startsWith(u"≈ "_s), qPrintable(model.countText()));
    // The planner's estimate for the filter, not the table's size.
    QVERIFY2(std::abs(model.rowCount() - m_draftOrder.size()) < m_draftOrder.size() / 5,
             qPrintable(QString::number(model.rowCount())));
    model.countExactly();
    QTRY_VERIFY(model.isIdle());
    QVERIFY(!model.isCountEstimated());
    QCOMPARE(model.rowCount(), m_draftOrder.size());

    model.setFilter(u"status"_s, QString());   // unfiltered: pg_class.reltuples
    QTRY_VERIFY(model.isIdle());
    QVERIFY(model.isCountEstimated());
    QVERIFY(std::abs(model.rowCount() - kDrafts) < kDrafts / 10);
    // The end is counted exactly, then read by reverse keyset: the last rows are the oldest.
    model.data(model.index(model.rowCount() - 1, 0));
    QTRY_VERIFY(model.isIdle());
    QVERIFY(!model.isCountEstimated());
    QCOMPARE(model.rowCount(), kDrafts);
    const qint64 lastId = loadRow(model, model.rowCount() - 1);
    QCOMPARE(lastId, ListSeed::ids(m_profile, u"SELECT id FROM draft_content ORDER BY created_at, id LIMIT 1"_s).first());
    QCOMPARE(PagedListModel::formatCount(1234567, true), u"≈ 1.2 M"_s);
    QCOMPARE(PagedListModel::formatCount(1234567, false), u"1,234,567"_s);
}

void TestPagedListModel::endOfAnEstimatedListIsCountedFirst()
{
    PagedListOptions estimating = options();
    estimating.estimateThreshold = 1000;
    PagedListModel model(DraftList::definition(), factoryFor(m_profile), estimating);
    QTRY_VERIFY(model.isIdle());
    QVERIFY(model.isCountEstimated());
    // As a view does on End: ask for the last row of the estimate. Read from the end at estimated
    // positions, the last rows would not meet the rows read from the start.
    model.data(model.index(model.rowCount() - 1, 0));
    QTRY_VERIFY(model.isIdle());
    QVERIFY(!model.isCountEstimated());
    const int rows = model.rowCount();
    QCOMPARE(rows, m_draftOrder.size());
    // The planner's estimate comes from sampled statistics: when it was below the exact count, the
    // page asked for is no longer the last one and was read by a short skip back from the end.
    // Either way, once the count is exact the end and its neighbour are read without skipping.
    const qint64 skippedBefore = model.skippedRows();
    QCOMPARE(loadRow(model, rows - 1), m_draftOrder.last());
    QCOMPARE(loadRow(model, rows - 1 - kPageSize), m_draftOrder.at(rows - 1 - kPageSize));
    for (int row = rows - 1 - kPageSize; row < rows; ++row)
        QCOMPARE(model.idAt(row), m_draftOrder.at(row));
    QCOMPARE(model.skippedRows(), skippedBefore);
}

void TestPagedListModel::search_data()
{
    QTest::addColumn<QString>("term");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("hint");
    QTest::newRow("substring") << u"number 4242"_s << u"%number 4242%"_s << false;
    QTest::newRow("case-insensitive") << u"NUMBER 777 FOR"_s << u"%number 777 for%"_s << false;
    QTest::newRow("percent is literal") << u"100%"_s << u"%100\\%%"_s << false;
    QTest::newRow("underscore is literal") << u"r_1"_s << u"%r\\_1%"_s << false;
    QTest::newRow("too short") << u"ab"_s << QString() << true;
}

void TestPagedListModel::search()
{
    QFETCH(QString, term);
    QFETCH(QString, pattern);
    QFETCH(bool, hint);
    PagedListModel model(DraftList::definition(), factoryFor(m_profile), options());
    QTRY_VERIFY(model.isIdle());
    QSignalSpy hints(&model, &PagedListModel::hintChanged);
    model.setFilter(u"search"_s, term);
    QTRY_VERIFY(model.isIdle());
    QCOMPARE(model.hint().isEmpty(), !hint);
    QCOMPARE(hints.size(), hint ? 1 : 0);
    if (hint) {
        QCOMPARE(model.rowCount(), m_draftOrder.size());
        return;
    }
    auto conn = PgFixture::instance().connect(m_profile);
    QSqlQuery q(conn->db());
    QVERIFY(q.prepare(u"SELECT count(*) FROM draft_content WHERE status = 'draft' AND content ILIKE :p"_s));
    q.bindValue(u":p"_s, pattern);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(model.rowCount(), q.value(0).toInt());
}

void TestPagedListModel::sortByColumn()
{
    PagedListModel model(DraftList::definition(), factoryFor(m_profile), options());
    QTRY_VERIFY(model.isIdle());
    model.sort(DraftList::Id, Qt::AscendingOrder);
    QTRY_VERIFY(model.isIdle());
    QList<qint64> ascending = m_draftOrder;
    std::sort(ascending.begin(), ascending.end());
    QCOMPARE(model.idAt(0), ascending.first());
    QCOMPARE(model.idAt(kPageSize - 1), ascending.at(kPageSize - 1));
    QCOMPARE(loadRow(model, model.rowCount() - 1), ascending.last());
    QCOMPARE(loadRow(model, model.rowCount() - kPageSize - 1), ascending.at(ascending.size() - kPageSize - 1));
    model.sort(DraftList::Status, Qt::AscendingOrder);   // not an offered order: ignored
    QCOMPARE(model.sortColumn(), int(DraftList::Id));
}

void TestPagedListModel::usersAndInstallations()
{
    PagedListModel users(UserList::definition(), factoryFor(m_profile), options());
    QAbstractItemModelTester tester(&users, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(users.isIdle());
    QCOMPARE(users.rowCount(), 500);
    QCOMPARE(users.data(users.index(0, UserList::GithubId)).toString(), u"100001"_s);
    QCOMPARE(users.data(users.index(0, UserList::Installations)).toInt(), 1);
    const QList<qint64> open = ListSeed::ids(m_profile,
        u"SELECT count(*) FROM draft_content d JOIN users u ON u.id = d.user_id WHERE u.github_id = '100001' AND d.status = 'draft'"_s);
    QCOMPARE(users.data(users.index(0, UserList::OpenDrafts)).toLongLong(), open.first());
    users.setFilter(u"search"_s, u"10004"_s);
    QTRY_VERIFY(users.isIdle());
    QCOMPARE(users.rowCount(), 10);             // 100040..100049
    users.setFilter(u"search"_s, u"cus_00012"_s);
    QTRY_VERIFY(users.isIdle());
    QCOMPARE(users.rowCount(), 10);             // cus_000120..cus_000129

    PagedListModel installations(InstallationList::definition(), factoryFor(m_profile), options());
    QTRY_VERIFY(installations.isIdle());
    QCOMPARE(installations.rowCount(), 50);
    QCOMPARE(installations.data(installations.index(0, InstallationList::AccountName)).toString(), u"user-1"_s);
    QCOMPARE(installations.data(installations.index(0, InstallationList::Members)).toInt(), 10);
    installations.setFilter(u"search"_s, u"ORG-1"_s);
    QTRY_VERIFY(installations.isIdle());
    QCOMPARE(installations.rowCount(), 5);      // org-10, 12, 14, 16, 18
}

QTEST_GUILESS_MAIN(TestPagedListModel)
#include "tst_pagedlistmodel.moc"
