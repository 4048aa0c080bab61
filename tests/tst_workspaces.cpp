#include <QComboBox>
#include <QAction>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "draftdetailpane.h"
#include "draftlist.h"
#include "draftservices.h"
#include "draftsworkspace.h"
#include "installationsworkspace.h"
#include "listtableview.h"
#include "listseed.h"
#include "timeformat.h"
#include "pagedlistmodel.h"
#include "usersworkspace.h"

using namespace Qt::StringLiterals;

namespace {

ConnectionFactory factoryFor(const ConnectionProfile &profile)
{
    return [profile](const QString &purpose) { return PgConnection::open(profile, {}, purpose); };
}

// RFC 4180: fields separated by commas, quoted fields may hold commas, quotes ("") and newlines.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row.append(field);
            field.clear();
        } else if (c == u'\n') {
            row.append(field);
            field.clear();
            rows.append(row);
            row.clear();
        } else {
            field += c;
        }
    }
    return rows;
}

} // namespace

class TestWorkspaces : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void selectingARowShowsTheDraft();
    void rowSelectedBeforeItsPageLoadsIsShown();
    void filtersChangeTheList();
    void searchHint();
    void csvHoldsTheFilteredRows();
    void usersAndInstallationsSearch();
    void layoutAndSortPersistBetweenRuns();
    void typingInTheListSearches();
    void failedLoadSaysSoInsteadOfACount();
    void messagesEndWithTheirCause();
    void csvCellsAreNeverFormulas();
    void csvTimestampsKeepMicroseconds();
    void exportDialogOpensInTheLastFolder();

private:
    int count(const QString &sql);
    // Ends the server sessions of the drafts list (as a restarted or failed-over server would).
    void dropListConnections();
    // Exports the workspace's filtered list to `path` and returns its rows (header first).
    QList<QStringList> exportRows(ListWorkspace &workspace, const QString &path);
    ConnectionProfile m_profile;
    QTemporaryDir m_settingsDir;
};

void TestWorkspaces::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    m_profile = ListSeed::create(u"workspaces"_s, 20000);
    auto conn = PgFixture::instance().connect(m_profile);
    QSqlQuery q(conn->db());
    QVERIFY(q.exec(u"INSERT INTO draft_content (user_id, workflow_run_id, content_type, github_issue_id, github_repo, "
                   "content, status) VALUES "
                   "(1, 'q1', 'comment', 7, 'acme/quoting', E'Hello, \"world\"\\nsecond', 'draft'), "
                   "(2, 'q2', 'comment', 8, 'acme/quoting', E'tail space ; x ', 'draft')"_s));
}

int TestWorkspaces::count(const QString &sql)
{
    return int(ListSeed::ids(m_profile, sql).first());
}

void TestWorkspaces::dropListConnections()
{
    auto admin = PgFixture::instance().connect(m_profile, u"admin"_s);
    QSqlQuery q(admin->db());
    QVERIFY(q.exec(u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                   "AND application_name = 'staff-console (drafts list)'"_s));
    QTRY_VERIFY(q.exec(u"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                       "AND application_name = 'staff-console (drafts list)'"_s)
                && q.next() && q.value(0).toInt() == 0);
}

QList<QStringList> TestWorkspaces::exportRows(ListWorkspace &workspace, const QString &path)
{
    QSignalSpy finished(&workspace, &ListWorkspace::exportFinished);
    workspace.exportTo(path);
    if (!QTest::qWaitFor([&finished] { return !finished.isEmpty(); }, 20000))
        return {};
    if (!finished.first().at(1).toString().isEmpty())
        qWarning("export failed: %s", qPrintable(finished.first().at(1).toString()));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return parseCsv(QString::fromUtf8(file.readAll()));
}

void TestWorkspaces::selectingARowShowsTheDraft()
{
    DraftServices services(factoryFor(m_profile));
    DraftsWorkspace workspace;
    workspace.resize(1200, 700);
    services.serve(workspace);
    workspace.show();
    PagedListModel *model = workspace.model();
    QVERIFY(model);
    QTRY_VERIFY(model->isIdle() && model->isLoaded(3));
    QSignalSpy shown(&workspace, &DraftsWorkspace::draftShown);
    const QRect fourthRow = workspace.view()->visualRect(model->index(3, DraftList::Repository));
    QTest::mouseClick(workspace.view()->viewport(), Qt::LeftButton, {}, fourthRow.center());
    QTRY_COMPARE(shown.size(), 1);
    QCOMPARE(workspace.detailPane()->draftId(), model->idAt(3));
    const QString text = workspace.detailPane()->renderedText();
    QVERIFY2(text.contains(u"Second line with bold "_s), qPrintable(text));
    QVERIFY2(!text.contains(u"**"_s), qPrintable(text));   // the Markdown was rendered, not shown
    QVERIFY(text.contains(u"for acme"_s));
}

void TestWorkspaces::rowSelectedBeforeItsPageLoadsIsShown()
{
    DraftServices services(factoryFor(m_profile));
    DraftsWorkspace workspace;
    workspace.resize(1200, 700);
    services.serve(workspace);
    workspace.show();
    PagedListModel *model = workspace.model();
    QTRY_VERIFY(model->isIdle() && model->isLoaded(0));
    const int last = model->rowCount() - 1;
    QVERIFY(!model->isLoaded(last));
    QSignalSpy shown(&workspace, &DraftsWorkspace::draftShown);
    workspace.view()->setFocus();
    QTest::keyClick(workspace.view(), Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(workspace.view()->currentIndex().row(), last);
    QTRY_COMPARE(shown.size(), 1);
    QCOMPARE(shown.first().first().toLongLong(), model->idAt(last));
    QCOMPARE(workspace.detailPane()->draftId(), model->idAt(last));
}

void TestWorkspaces::filtersChangeTheList()
{
    DraftServices services(factoryFor(m_profile));
    DraftsWorkspace workspace;
    services.serve(workspace);
    QCOMPARE(workspace.countText(), u"Loading…"_s);   // not "0 rows" before the first page is back
    workspace.show();
    PagedListModel *model = workspace.model();
    QTRY_VERIFY(model->isIdle());
    QCOMPARE(model->rowCount(), count(u"SELECT count(*) FROM draft_content WHERE status = 'draft'"_s));
    QCOMPARE(workspace.countText(), PagedListModel::formatCount(model->rowCount(), false) + u" rows"_s);

    workspace.statusFilter()->setCurrentIndex(workspace.statusFilter()->findData(u"published"_s));
    QTRY_VERIFY(model->isIdle());
    QCOMPARE(model->rowCount(), count(u"SELECT count(*) FROM draft_content WHERE status = 'published'"_s));

    workspace.typeFilter()->setCurrentIndex(workspace.typeFilter()->findData(u"pull_request"_s));
    QTest::keyClicks(workspace.repositoryFilter(), u"acme/repo4"_s);
    QTRY_VERIFY(model->filters().contains(u"repository"_s));
    QTRY_VERIFY(model->isIdle());
    QCOMPARE(model->rowCount(), count(u"SELECT count(*) FROM draft_content WHERE status = 'published' "
                                      "AND content_type = 'pull_request' AND github_repo = 'acme/repo4'"_s));
    QVERIFY(model->rowCount() > 0);
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->data(model->index(row, DraftList::Repository)) == PagedListModel::placeholder())
            QTRY_VERIFY(model->isLoaded(row));
        QCOMPARE(model->data(model->index(row, DraftList::Repository)).toString(), u"acme/repo4"_s);
    }

    workspace.userFilter()->setText(u"100004"_s);
    QTRY_VERIFY(model->filters().contains(u"user"_s));
    QTRY_VERIFY(model->isIdle());
    QCOMPARE(model->rowCount(), count(u"SELECT count(*) FROM draft_content d JOIN users u ON u.id = d.user_id "
                                      "WHERE status = 'published' AND content_type = 'pull_request' "
                                      "AND github_repo = 'acme/repo4' AND u.github_id = '100004'"_s));

    workspace.userFilter()->clear();
    workspace.repositoryFilter()->clear();
    workspace.typeFilter()->setCurrentIndex(0);
    workspace.statusFilter()->setCurrentIndex(workspace.statusFilter()->findData(QString()));
    workspace.createdFromFilter()->setDate(QDate(2026, 1, 1));
    workspace.createdToFilter()->setDate(QDate(2026, 1, 1));
    QTRY_VERIFY(model->filters().contains(u"createdTo"_s) && !model->filters().contains(u"repository"_s));
    QTRY_VERIFY(model->isIdle());
    QCOMPARE(model->rowCount(), count(u"SELECT count(*) FROM draft_content WHERE created_at >= "
                                      "timestamptz '2026-01-01 00:00:00' AND created_at < timestamptz '2026-01-02 00:00:00'"_s));

    workspace.createdFromFilter()->setDate(workspace.createdFromFilter()->minimumDate());
    workspace.createdToFilter()->setDate(workspace.createdToFilter()->minimumDate());
    workspace.searchField()->setText(u"number 1234 "_s);
    QTRY_VERIFY(model->filters().contains(u"search"_s) && !model->filters().contains(u"createdTo"_s));
    QTRY_VERIFY(model->isIdle());
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->idAt(0), 1234);
}

void TestWorkspaces::searchHint()
{
    DraftServices services(factoryFor(m_profile));
    DraftsWorkspace workspace;
    services.serve(workspace);
    PagedListModel *model = workspace.model();
    QTRY_VERIFY(model->isIdle());
    const int all = model->rowCount();
    QVERIFY(workspace.hintText().isEmpty());
    workspace.searchField()->setText(u"ab"_s);
    QTRY_VERIFY(!workspace.hintText().isEmpty());
    QVERIFY(workspace.hintText().contains(u"3 characters"_s));
    QTRY_VERIFY(model->isIdle());
    QCOMPARE(model->rowCount(), all);
    workspace.searchField()->setText(u"abc"_s);
    QTRY_VERIFY(workspace.hintText().isEmpty());
}

void TestWorkspaces::csvHoldsTheFilteredRows()
{
    QTemporaryDir dir;
    DraftServices services(factoryFor(m_profile));
    DraftsWorkspace workspace;
    services.serve(workspace);
    PagedListModel *model = workspace.model();
    QTRY_VERIFY(model->isIdle());
    workspace.typeFilter()->setCurrentIndex(workspace.typeFilter()->findData(u"comment"_s));
    workspace.searchField()->setText(u"acme"_s);
    workspace.repositoryFilter()->setText(u"acme/repo7"_s);
    QTRY_VERIFY(model->filters().size() == 4);
    QTRY_VERIFY(model->isIdle());

    const QString path = dir.filePath(u"drafts.csv"_s);
    QSignalSpy finished(&workspace, &ListWorkspace::exportFinished);
    workspace.exportTo(path);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.at(0).at(1).toString(), QString());

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(file.readAll()));
    const QList<qint64> expected = ListSeed::ids(m_profile,
        u"SELECT id FROM draft_content WHERE status = 'draft' AND content_type = 'comment' AND github_repo = 'acme/repo7' "
        "AND content ILIKE '%acme%' ORDER BY created_at DESC, id DESC"_s);
    QVERIFY(expected.size() > 100);
    QCOMPARE(finished.at(0).at(0).toLongLong(), expected.size());
    QCOMPARE(rows.size(), expected.size() + 1);
    QCOMPARE(rows.first().first(), u"Id"_s);
    QList<qint64> ids;
    for (qsizetype i = 1; i < rows.size(); ++i) {
        QCOMPARE(rows.at(i).size(), int(DraftList::ColumnCount));
        ids.append(rows.at(i).first().toLongLong());
    }
    QCOMPARE(ids, expected);

    // Quoting: commas, quotes and surrounding spaces survive the round trip.
    workspace.searchField()->clear();
    workspace.repositoryFilter()->setText(u"acme/quoting"_s);
    QTRY_VERIFY(model->filters().size() == 3 && model->filters().value(u"repository"_s) == u"acme/quoting"_s);
    QTRY_VERIFY(model->isIdle());
    QCOMPARE(model->rowCount(), 2);
    workspace.exportTo(path);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
    QFile again(path);
    QVERIFY(again.open(QIODevice::ReadOnly));
    const QList<QStringList> quoted = parseCsv(QString::fromUtf8(again.readAll()));
    QCOMPARE(quoted.size(), 3);
    QStringList firstLines{quoted.at(1).at(DraftList::FirstLine), quoted.at(2).at(DraftList::FirstLine)};
    firstLines.sort();
    QCOMPARE(firstLines, (QStringList{u"Hello, \"world\""_s, u"tail space ; x "_s}));
}

void TestWorkspaces::usersAndInstallationsSearch()
{
    UsersWorkspace users;
    users.setConnectionFactory(factoryFor(m_profile));
    QTRY_VERIFY(users.model()->isIdle());
    QCOMPARE(users.model()->rowCount(), 500);
    users.searchField()->setText(u"cus_0001"_s);
    QTRY_VERIFY(users.model()->filters().contains(u"search"_s));
    QTRY_VERIFY(users.model()->isIdle());
    QCOMPARE(users.model()->rowCount(), 100);

    InstallationsWorkspace installations;
    installations.setConnectionFactory(factoryFor(m_profile));
    QTRY_VERIFY(installations.model()->isIdle());
    QCOMPARE(installations.model()->rowCount(), 50);
    installations.searchField()->setText(u"org-"_s);
    QTRY_VERIFY(installations.model()->filters().contains(u"search"_s));
    QTRY_VERIFY(installations.model()->isIdle());
    QCOMPARE(installations.model()->rowCount(), 25);
    installations.setConnectionFactory({});
    QVERIFY(!installations.model());
    QCOMPARE(installations.countText(), u"Not connected"_s);
}

void TestWorkspaces::layoutAndSortPersistBetweenRuns()
{
    QList<int> splitterSizes;
    {
        DraftServices services(factoryFor(m_profile));
        DraftsWorkspace workspace;
        workspace.resize(1200, 700);
        services.serve(workspace);
        workspace.show();
        QTRY_VERIFY(workspace.model()->isIdle());
        ListTableView *view = workspace.view();
        view->setColumnWidth(DraftList::Repository, 333);
        view->setColumnHidden(DraftList::Type, true);
        auto *splitter = workspace.findChild<QSplitter *>();
        splitter->setSizes({800, 400});
        splitterSizes = splitter->sizes();
        QHeaderView *header = view->horizontalHeader();
        const QPoint idTitle(header->sectionViewportPosition(DraftList::Id) + 10, header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, idTitle);
        QCOMPARE(workspace.model()->sortColumn(), int(DraftList::Id));
    }   // saved as the workspace closes

    DraftServices againServices(factoryFor(m_profile));
    DraftsWorkspace again;
    again.resize(1200, 700);
    againServices.serve(again);
    again.show();
    ListTableView *view = again.view();
    QCOMPARE(view->columnWidth(DraftList::Repository), 333);
    QVERIFY(view->isColumnHidden(DraftList::Type));
    QCOMPARE(again.findChild<QSplitter *>()->sizes(), splitterSizes);
    PagedListModel *model = again.model();
    QCOMPARE(model->sortColumn(), int(DraftList::Id));   // the list is sorted as the header says
    QCOMPARE(view->horizontalHeader()->sortIndicatorSection(), int(DraftList::Id));
    QCOMPARE(model->sortOrder(), view->horizontalHeader()->sortIndicatorOrder());
    QTRY_VERIFY(model->isIdle() && model->isLoaded(1));
    QVERIFY(model->sortOrder() == Qt::AscendingOrder ? model->idAt(0) < model->idAt(1) : model->idAt(0) > model->idAt(1));
}

void TestWorkspaces::typingInTheListSearches()
{
    DraftServices services(factoryFor(m_profile));
    DraftsWorkspace workspace;
    services.serve(workspace);
    workspace.show();
    QVERIFY(QTest::qWaitForWindowExposed(&workspace));
    QTRY_VERIFY(workspace.model()->isIdle());
    workspace.view()->setFocus();
    QTest::keyClicks(workspace.view(), u"quoting"_s);
    QCOMPARE(workspace.searchField()->text(), u"quoting"_s);
    QVERIFY(workspace.searchField()->hasFocus());
    QTRY_COMPARE(workspace.model()->filters().value(u"search"_s).toString(), u"quoting"_s);
}

// A list whose load failed says so where the count would be, never "0 rows"; Reload brings it back.
void TestWorkspaces::failedLoadSaysSoInsteadOfACount()
{
    DraftServices services(factoryFor(m_profile));
    DraftsWorkspace workspace;
    services.serve(workspace);
    PagedListModel *model = workspace.model();
    QTRY_VERIFY(model->isIdle());
    const QString counted = workspace.countText();
    QCOMPARE(counted, PagedListModel::formatCount(count(u"SELECT count(*) FROM draft_content WHERE status = 'draft'"_s),
                                                  false) + u" rows"_s);

    dropListConnections();
    workspace.reloadAction()->trigger();
    QTRY_VERIFY(!model->lastError().isEmpty());
    QVERIFY2(!workspace.countText().contains(u" rows"_s), qPrintable(workspace.countText()));
    QVERIFY2(workspace.countText().startsWith(u"Could not load"_s), qPrintable(workspace.countText()));
    QVERIFY2(workspace.countText().contains(u"cannot be reached"_s), qPrintable(workspace.countText()));
    QVERIFY2(workspace.hintText().contains(u"Ctrl+R"_s), qPrintable(workspace.hintText()));

    workspace.reloadAction()->trigger();   // the server is there: the list reconnects
    QTRY_COMPARE(workspace.countText(), counted);
    QVERIFY(model->lastError().isEmpty());
    QVERIFY(model->isLoaded(0));
}

// Messages go when what they describe ends: an export's with the next filter change or reload, a
// failed load's once a reload succeeds.
void TestWorkspaces::messagesEndWithTheirCause()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"drafts.csv"_s);
    DraftServices services(factoryFor(m_profile));
    DraftsWorkspace workspace;
    services.serve(workspace);
    PagedListModel *model = workspace.model();
    workspace.repositoryFilter()->setText(u"acme/quoting"_s);
    QTRY_VERIFY(model->filters().contains(u"repository"_s));
    QTRY_VERIFY(model->isIdle());
    QCOMPARE(workspace.hintText(), QString());

    QCOMPARE(exportRows(workspace, path).size(), 3);
    QCOMPARE(workspace.hintText(), u"Exported 2 rows."_s);
    workspace.typeFilter()->setCurrentIndex(workspace.typeFilter()->findData(u"comment"_s));
    QTRY_VERIFY(model->filters().contains(u"type"_s));
    QTRY_VERIFY(model->isIdle());
    QCOMPARE(workspace.hintText(), QString());

    QCOMPARE(exportRows(workspace, path).size(), 3);
    QCOMPARE(workspace.hintText(), u"Exported 2 rows."_s);
    workspace.reloadAction()->trigger();
    QTRY_VERIFY(model->isIdle());
    QCOMPARE(workspace.hintText(), QString());

    dropListConnections();
    workspace.reloadAction()->trigger();
    QTRY_VERIFY(!model->lastError().isEmpty());
    QVERIFY(!workspace.hintText().isEmpty());
    workspace.reloadAction()->trigger();
    QTRY_VERIFY(model->isIdle() && model->isLoaded(1));
    QCOMPARE(workspace.hintText(), QString());
    QCOMPARE(workspace.countText(), u"2 rows"_s);

    // A filter's own hint stays as long as the filter does.
    workspace.searchField()->setText(u"ab"_s);
    QTRY_VERIFY(workspace.hintText().contains(u"3 characters"_s));
    QCOMPARE(exportRows(workspace, path).size(), 3);
    QCOMPARE(workspace.hintText(), u"Exported 2 rows."_s);
    workspace.reloadAction()->trigger();
    QTRY_VERIFY(workspace.hintText().contains(u"3 characters"_s));
}

// CSV injection: a text cell a spreadsheet would read as a formula starts with ' inside quotes.
void TestWorkspaces::csvCellsAreNeverFormulas()
{
    const QStringList dangerous{u"=HYPERLINK(\"http://x\")"_s, u"+1+2"_s, u"-2+3+cmd|' /C calc'!A0"_s,
                                u"@SUM(1)"_s, u"\tTab first"_s, u"\rCR first"_s};
    const QStringList harmless{u"-5"_s, u"3.25"_s, u"a = b"_s};
    auto conn = PgFixture::instance().connect(m_profile);
    QSqlQuery q(conn->db());
    QVERIFY(q.prepare(u"INSERT INTO draft_content (user_id, workflow_run_id, content_type, github_issue_id, "
                      "github_repo, content, status) VALUES (1, 'csv', 'comment', 9, 'acme/injection', :content, 'draft')"_s));
    for (const QString &content : dangerous + harmless) {
        q.bindValue(u":content"_s, content);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }

    QTemporaryDir dir;
    DraftServices services(factoryFor(m_profile));
    DraftsWorkspace workspace;
    services.serve(workspace);
    workspace.repositoryFilter()->setText(u"acme/injection"_s);
    QTRY_VERIFY(workspace.model()->filters().contains(u"repository"_s));
    QTRY_VERIFY(workspace.model()->isIdle());
    const QString path = dir.filePath(u"injection.csv"_s);
    const QList<QStringList> rows = exportRows(workspace, path);
    QCOMPARE(rows.size(), dangerous.size() + harmless.size() + 1);
    QStringList cells;
    for (qsizetype i = 1; i < rows.size(); ++i)
        cells.append(rows.at(i).at(DraftList::FirstLine));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString raw = QString::fromUtf8(file.readAll());
    for (const QString &content : dangerous) {
        QVERIFY2(cells.contains(u'\'' + content), qPrintable(content));
        QVERIFY2(raw.contains(u"\"'"_s + QString(content).replace(u"\""_s, u"\"\""_s) + u'"'), qPrintable(content));
    }
    for (const QString &content : harmless)
        QVERIFY2(cells.contains(content), qPrintable(content));
    QVERIFY(raw.contains(u",-5\n"_s));   // a plain number stays a number
}

void TestWorkspaces::csvTimestampsKeepMicroseconds()
{
    auto conn = PgFixture::instance().connect(m_profile);
    QSqlQuery q(conn->db());
    QVERIFY(q.exec(u"INSERT INTO draft_content (user_id, workflow_run_id, content_type, github_issue_id, "
                   "github_repo, content, status, created_at, updated_at) VALUES "
                   "(1, 'us', 'comment', 9, 'acme/microseconds', 'exact', 'draft', "
                   "'2026-01-02 03:04:05.123456+00', '2026-01-02 05:04:05.000001+02')"_s));
    QTemporaryDir dir;
    DraftServices services(factoryFor(m_profile));
    DraftsWorkspace workspace;
    services.serve(workspace);
    workspace.repositoryFilter()->setText(u"acme/microseconds"_s);
    QTRY_VERIFY(workspace.model()->filters().contains(u"repository"_s));
    QTRY_VERIFY(workspace.model()->isIdle());
    QCOMPARE(workspace.model()->rowCount(), 1);
    const QList<QStringList> rows = exportRows(workspace, dir.filePath(u"us.csv"_s));
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(1).at(DraftList::Created), u"2026-01-02T03:04:05.123456Z"_s);
    QCOMPARE(rows.at(1).at(DraftList::Updated), u"2026-01-02T03:04:05.000001Z"_s);
    // The list itself still shows the local time in the console's one format.
    const QDateTime created(QDate(2026, 1, 2), QTime(3, 4, 5, 123), Qt::UTC);
    QCOMPARE(workspace.model()->data(workspace.model()->index(0, DraftList::Created)).toString(),
             TimeFormat::text(created));
}

// The save dialog opens in the folder of the last export, else in the documents folder.
void TestWorkspaces::exportDialogOpensInTheLastFolder()
{
    QSettings().remove(u"export"_s);
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QTemporaryDir dir;
    DraftServices services(factoryFor(m_profile));
    DraftsWorkspace workspace;
    services.serve(workspace);
    workspace.repositoryFilter()->setText(u"acme/quoting"_s);
    QTRY_VERIFY(workspace.model()->filters().contains(u"repository"_s));
    QTRY_VERIFY(workspace.model()->isIdle());
    QStringList suggested;
    QString answer;   // empty: the dialog is cancelled
    workspace.setSaveFileChooser([&suggested, &answer](const QString &proposal) {
        suggested.append(proposal);
        return answer;
    });
    workspace.exportWithDialog();
    QCOMPARE(suggested.size(), 1);
    QCOMPARE(suggested.last(), QDir(documents).filePath(u"drafts.csv"_s));

    QSignalSpy finished(&workspace, &ListWorkspace::exportFinished);
    answer = dir.filePath(u"chosen.csv"_s);
    workspace.exportWithDialog();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(1).toString(), QString());
    answer.clear();
    workspace.exportWithDialog();
    QCOMPARE(suggested.size(), 3);
    QCOMPARE(QFileInfo(suggested.last()).absolutePath(), QFileInfo(dir.path()).absoluteFilePath());
    QCOMPARE(QFileInfo(suggested.last()).fileName(), u"drafts.csv"_s);

    UsersWorkspace users;   // every list's export starts there, and after a restart too (QSettings)
    users.setConnectionFactory(factoryFor(m_profile));
    QString usersSuggestion;
    users.setSaveFileChooser([&usersSuggestion](const QString &proposal) {
        usersSuggestion = proposal;
        return QString();
    });
    users.exportWithDialog();
    QCOMPARE(usersSuggestion, QDir(dir.path()).filePath(u"users.csv"_s));

    QVERIFY(dir.remove());   // a folder that is gone: the documents folder again
    users.exportWithDialog();
    QCOMPARE(usersSuggestion, QDir(documents).filePath(u"users.csv"_s));
}

QTEST_MAIN(TestWorkspaces)
#include "tst_workspaces.moc"
