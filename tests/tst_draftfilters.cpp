#include <QAbstractItemView>
#include <QCalendarWidget>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "daterangefilter.h"
#include "draftdetailpane.h"
#include "draftfiltersuggestions.h"
#include "draftlist.h"
#include "draftservices.h"
#include "draftsworkspace.h"
#include "listquery.h"
#include "listseed.h"
#include "listtableview.h"
#include "pagedlistmodel.h"
#include "whenfinished.h"

using namespace Qt::StringLiterals;

// The drafts list's filters as people type them (issue 9): repository prefix with completion and
// its index, the created date range, the title search and its highlight, the user filter's refusal
// of letters, and the selection kept across filter changes. Real PostgreSQL, widgets offscreen.

namespace {

ConnectionFactory factoryFor(const ConnectionProfile &profile)
{
    return [profile](const QString &purpose) { return PgConnection::open(profile, {}, purpose); };
}

// Drafts beside the ListSeed's 'acme/repoN' ones, newest on 2026-03-15 (the data's last month).
struct ExtraDraft
{
    const char *repo;
    const char *type;
    const char *content;
    const char *metadata;   // nullptr: NULL
    const char *created;
};

const ExtraDraft kExtra[] = {
    {"redwood-labs/api", "comment", "Filter row api one", nullptr, "2026-03-01 10:00+00"},
    {"redwood-labs/api", "pull_request", "Filter row api two", R"({"title": "Api change"})", "2026-03-02 10:00+00"},
    {"redwood-labs/api", "comment", "Filter row api three", nullptr, "2026-03-03 10:00+00"},
    {"Redwood-Labs/CLI", "comment", "Filter row cli one", nullptr, "2026-03-04 10:00+00"},
    {"Redwood-Labs/CLI", "comment", "Filter row cli two", nullptr, "2026-03-05 10:00+00"},
    {"redwood-io/web", "comment", "Filter row web one", nullptr, "2026-03-06 10:00+00"},
    {"redwood-io/web", "comment", "Filter row web two", nullptr, "2026-03-07 10:00+00"},
    {"redwoodx/tools", "comment", "Filter row tools", nullptr, "2026-03-08 10:00+00"},
    {"sequoia/redwood", "comment", "Filter row sequoia one", nullptr, "2026-03-09 10:00+00"},
    {"sequoia/redwood", "comment", "Filter row sequoia two", nullptr, "2026-03-10 10:00+00"},
    {"under_score/x", "comment", "Filter row underscore", nullptr, "2026-03-11 10:00+00"},
    {"underXscore/y", "comment", "Filter row underx", nullptr, "2026-03-12 10:00+00"},
    // Only the title says "zephyrine"; the body does not.
    {"acme/titles", "pull_request", "## Summary\n\nMakes the cache faster.", R"({"title": "Fix the Zephyrine cache", "head": "ai/fix", "base": "main"})",
     "2026-03-15 12:00+00"},
    // Only the body says it.
    {"acme/titles", "comment", "A zephyrine mention in the **body**.", nullptr, "2026-03-14 12:00+00"},
};

constexpr auto kInsertExtra = R"(INSERT INTO draft_content (user_id, workflow_run_id, content_type,
    github_issue_id, github_repo, content, metadata, status, created_at)
    VALUES (1, 'extra', :type, 1, :repo, :content, CAST(:metadata AS jsonb), 'draft', CAST(:created AS timestamptz))
    RETURNING id)";

// The plan PostgreSQL runs the list's statement with: QPSQL sends PREPARE ... AS <statement> with $n
// parameters and EXECUTE with the values as literals; EXPLAIN EXECUTE shows that (custom) plan.
QString plan(const QSqlDatabase &db, const ListQuery &list, const QString &sql)
{
    QList<std::pair<QString, QVariant>> binds = list.filter().binds;
    if (sql.contains(u":page_limit"_s))
        binds.append({u":page_limit"_s, 200});
    QString numbered = sql;
    QStringList values;
    for (qsizetype i = 0; i < binds.size(); ++i) {
        numbered.replace(QRegularExpression(u"(?<!:)"_s + QRegularExpression::escape(binds[i].first) + u"\\b"_s),
                         u"$"_s + QString::number(i + 1));
        QSqlField field(u"v"_s, binds[i].second.metaType());
        field.setValue(binds[i].second);
        values.append(db.driver()->formatValue(field));
    }
    QSqlQuery q(db);
    q.exec(u"DEALLOCATE ALL"_s);
    if (!q.exec(u"PREPARE plan_check AS "_s + numbered)) {
        qWarning() << q.lastError().text();
        return {};
    }
    if (!q.exec(u"EXPLAIN EXECUTE plan_check("_s + values.join(u", "_s) + u")"_s)) {
        qWarning() << q.lastError().text();
        return {};
    }
    QStringList lines;
    while (q.next())
        lines.append(q.value(0).toString());
    return lines.join(u'\n');
}

} // namespace

class TestDraftFilters : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void repositoryPrefix_data();
    void repositoryPrefix();
    void repositoryPrefixUsesTheIndex();
    void completionOffersExistingRepositories();
    void typedDateIsAcceptedAndFutureRefused();
    void presetsAndClear();
    void calendarOpensOnTheDataMonth();
    void searchFindsPullRequestTitlesAndMarksThem();
    void searchUsesTheTrigramIndexes();
    void userFilterRefusesLetters();
    void selectionKeptWhileTheRowStillMatches();

private:
    QList<qint64> modelIds(PagedListModel *model);
    void waitIdle(PagedListModel *model);

    ConnectionProfile m_profile;
    QTemporaryDir m_settingsDir;
    QHash<qint64, QString> m_extraRepo;   // id → github_repo of kExtra
    qint64 m_titleHit = -1;
    qint64 m_bodyHit = -1;
};

void TestDraftFilters::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    m_profile = ListSeed::create(u"draftfilters"_s, 20000);
    auto conn = PgFixture::instance().connect(m_profile);
    QSqlQuery q(conn->db());
    QVERIFY(q.prepare(QString::fromLatin1(kInsertExtra)));
    for (const ExtraDraft &extra : kExtra) {
        q.bindValue(u":type"_s, QString::fromLatin1(extra.type));
        q.bindValue(u":repo"_s, QString::fromLatin1(extra.repo));
        q.bindValue(u":content"_s, QString::fromUtf8(extra.content));
        q.bindValue(u":metadata"_s, extra.metadata ? QVariant(QString::fromUtf8(extra.metadata)) : QVariant(QMetaType::fromType<QString>()));
        q.bindValue(u":created"_s, QString::fromLatin1(extra.created));
        QVERIFY2(q.exec() && q.next(), qPrintable(q.lastError().text()));
        const qint64 id = q.value(0).toLongLong();
        m_extraRepo.insert(id, QString::fromLatin1(extra.repo));
        if (QByteArray(extra.content).contains("Makes the cache faster"))
            m_titleHit = id;
        if (QByteArray(extra.content).contains("zephyrine mention"))
            m_bodyHit = id;
    }
    QVERIFY(QSqlQuery(conn->db()).exec(u"ANALYZE draft_content"_s));
}

void TestDraftFilters::waitIdle(PagedListModel *model)
{
    QTRY_VERIFY_WITH_TIMEOUT(model->isIdle() && model->isCountKnown(), 10000);
}

QList<qint64> TestDraftFilters::modelIds(PagedListModel *model)
{
    QList<qint64> ids;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (!model->isLoaded(row)) {
            model->data(model->index(row, 0));   // asks for the page
            [&] { QTRY_VERIFY(model->isLoaded(row)); }();
        }
        ids.append(model->idAt(row));
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

void TestDraftFilters::repositoryPrefix_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("prefix");   // what a matching owner/name starts with, in any case
    QTest::newRow("owner alone") << u"redwood"_s << u"redwood"_s;
    QTest::newRow("owner with dash") << u"redwood-"_s << u"redwood-"_s;
    QTest::newRow("owner, other case") << u"REDWOOD-LABS"_s << u"redwood-labs"_s;
    QTest::newRow("owner/name prefix") << u"redwood-labs/c"_s << u"redwood-labs/c"_s;
    QTest::newRow("whole owner/name") << u"redwood-io/web"_s << u"redwood-io/web"_s;
    QTest::newRow("surrounding spaces") << u"  sequoia/  "_s << u"sequoia/"_s;
    QTest::newRow("underscore is literal") << u"under_"_s << u"under_"_s;
    QTest::newRow("nothing") << u"redwoodz"_s << u"redwoodz"_s;
}

void TestDraftFilters::repositoryPrefix()
{
    QFETCH(QString, typed);
    QFETCH(QString, prefix);
    DraftServices services(factoryFor(m_profile));
    DraftsWorkspace workspace;
    services.serve(workspace);
    PagedListModel *model = workspace.model();
    workspace.statusFilter()->setCurrentIndex(workspace.statusFilter()->findData(QString()));
    workspace.repositoryFilter()->setText(typed);
    QTest::keyClick(workspace.repositoryFilter(), Qt::Key_Return);
    QCOMPARE(model->filters().value(u"repository"_s).toString(), typed.trimmed());
    waitIdle(model);

    QList<qint64> expected;
    for (auto it = m_extraRepo.cbegin(); it != m_extraRepo.cend(); ++it) {
        if (it.value().startsWith(prefix, Qt::CaseInsensitive))
            expected.append(it.key());
    }
    std::sort(expected.begin(), expected.end());
    QCOMPARE(modelIds(model), expected);
    QCOMPARE(model->rowCount(), expected.size());
}

void TestDraftFilters::repositoryPrefixUsesTheIndex()
{
    auto definition = std::make_shared<const ListDefinition>(DraftList::definition());
    auto conn = PgFixture::instance().connect(m_profile);
    for (const QVariantMap &filters : {QVariantMap{{u"repository"_s, u"redwood"_s}},
                                       QVariantMap{{u"repository"_s, u"Redwood-Labs/c"_s}, {u"status"_s, u"draft"_s}}}) {
        const ListQuery list(definition, filters, DraftList::Created, Qt::DescendingOrder);
        for (const QString &sql : {list.pageSql(ListQuery::Direction::Forward, false), list.exactCountSql()}) {
            const QString explained = plan(conn->db(), list, sql);
            QVERIFY2(explained.contains(u"idx_draft_content_repo_lower_prefix"_s), qPrintable(explained));
            QVERIFY2(!explained.contains(u"Seq Scan"_s), qPrintable(explained));
        }
    }
}

void TestDraftFilters::completionOffersExistingRepositories()
{
    // The suggestions themselves: distinct names as stored, in order, under a case-insensitive prefix.
    {
        DraftFilterSuggestions suggestions(factoryFor(m_profile));
        QObject context;
        std::optional<std::expected<QStringList, DbError>> names;
        whenFinished(&context, suggestions.repositories(u"REDWOOD"_s), [&](const auto &result) { names = result; });
        QTRY_VERIFY(names.has_value());
        QVERIFY2(names->has_value(), qPrintable(names->error().text()));
        QCOMPARE(**names, (QStringList{u"redwood-io/web"_s, u"redwood-labs/api"_s, u"Redwood-Labs/CLI"_s, u"redwoodx/tools"_s}));
        names.reset();
        whenFinished(&context, suggestions.repositories(u"acme/repo1"_s, 3), [&](const auto &result) { names = result; });
        QTRY_VERIFY(names.has_value());
        QVERIFY(names->has_value());
        QCOMPARE(**names, (QStringList{u"acme/repo1"_s, u"acme/repo10"_s, u"acme/repo11"_s}));
    }

    DraftServices services(factoryFor(m_profile));
    DraftsWorkspace workspace;
    workspace.resize(1400, 700);
    services.serve(workspace);
    workspace.show();
    QVERIFY(QTest::qWaitForWindowActive(&workspace));
    QSignalSpy shown(&workspace, &DraftsWorkspace::repositorySuggestionsShown);
    workspace.repositoryFilter()->setFocus();
    QTest::keyClicks(workspace.repositoryFilter(), u"redwood-l"_s);
    QTRY_VERIFY(!shown.isEmpty() && workspace.repositoryFilter()->text() == u"redwood-l"_s);
    QTRY_COMPARE(shown.last().first().toStringList(), (QStringList{u"redwood-labs/api"_s, u"Redwood-Labs/CLI"_s}));
    QCompleter *completer = workspace.repositoryCompleter();
    QTRY_VERIFY(completer->popup()->isVisible());
    QCOMPARE(completer->completionCount(), 2);
    QStringList offered;
    for (int row = 0; row < completer->completionModel()->rowCount(); ++row)
        offered.append(completer->completionModel()->index(row, 0).data().toString());
    QCOMPARE(offered, (QStringList{u"redwood-labs/api"_s, u"Redwood-Labs/CLI"_s}));
}

void TestDraftFilters::typedDateIsAcceptedAndFutureRefused()
{
    DraftServices services(factoryFor(m_profile));
    DraftsWorkspace workspace;
    workspace.resize(1400, 700);
    services.serve(workspace);
    workspace.show();
    QVERIFY(QTest::qWaitForWindowActive(&workspace));
    PagedListModel *model = workspace.model();
    waitIdle(model);
    DateRangeFilter *dates = workspace.createdFilter();
    QSignalSpy changed(dates, &DateRangeFilter::rangeChanged);
    const QDate today = QDate::currentDate();

    // Typed over "any", as yyyy-MM-dd: applied on Return, not per keystroke.
    const QDate typed = today.addDays(-40);
    QDateEdit *from = workspace.createdFromFilter();
    QCOMPARE(from->text(), u"any"_s);
    from->setFocus();
    QTest::keyClicks(from, typed.toString(u"yyyy-MM-dd"_s));
    QCOMPARE(changed.size(), 0);
    QTest::keyClick(from, Qt::Key_Return);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(dates->from(), typed);
    QVERIFY(!dates->to().isValid());
    QCOMPARE(model->filters().value(u"createdFrom"_s).toDate(), typed);
    QVERIFY(!model->filters().contains(u"createdTo"_s));
    QVERIFY(dates->message().isEmpty());

    // A future day is refused with a message, and nothing changes.
    const int generation = model->generation();
    const QDate future = today.addDays(3);
    QDateEdit *to = workspace.createdToFilter();
    to->setFocus();
    QTest::keyClicks(to, future.toString(u"yyyy-MM-dd"_s));
    QTest::keyClick(to, Qt::Key_Return);
    QVERIFY2(dates->message().contains(u"future"_s), qPrintable(dates->message()));
    QVERIFY(dates->message().contains(future.toString(u"yyyy-MM-dd"_s)));
    QCOMPARE(to->text(), u"any"_s);
    QVERIFY(!dates->to().isValid());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model->generation(), generation);
    QVERIFY(!model->filters().contains(u"createdTo"_s));

    // Today itself is fine, and clears the message.
    to->setFocus();
    QTest::keyClicks(to, today.toString(u"yyyy-MM-dd"_s));
    QTest::keyClick(to, Qt::Key_Return);
    QCOMPARE(dates->to(), today);
    QVERIFY(dates->message().isEmpty());
    QCOMPARE(model->filters().value(u"createdTo"_s).toDate(), today);

    // The calendar cannot pick a day after today either.
    QCOMPARE(to->calendarWidget()->isVisible(), false);
    QTest::mouseClick(to, Qt::LeftButton, {}, QPoint(to->width() - 4, to->height() / 2));
    QTRY_VERIFY(to->calendarWidget()->isVisible());
    QCOMPARE(to->calendarWidget()->maximumDate(), today);
    QVERIFY(to->calendarWidget()->dateTextFormat(today.addDays(1)).hasProperty(QTextFormat::ForegroundBrush));
    QVERIFY(!to->calendarWidget()->dateTextFormat(today).hasProperty(QTextFormat::ForegroundBrush));
    to->calendarWidget()->window()->close();
}

void TestDraftFilters::presetsAndClear()
{
    DraftServices services(factoryFor(m_profile));
    DraftsWorkspace workspace;
    services.serve(workspace);
    PagedListModel *model = workspace.model();
    waitIdle(model);
    DateRangeFilter *dates = workspace.createdFilter();
    QSignalSpy changed(dates, &DateRangeFilter::rangeChanged);
    const QDate today = QDate::currentDate();
    const struct
    {
        DateRangeFilter::Preset preset;
        QDate from;
    } cases[] = {{DateRangeFilter::Preset::Today, today},
                 {DateRangeFilter::Preset::Last7Days, today.addDays(-6)},
                 {DateRangeFilter::Preset::Last30Days, today.addDays(-29)}};
    for (const auto &c : cases) {
        const int generation = model->generation();
        QAction *action = dates->presetAction(c.preset);
        QVERIFY(action);
        QVERIFY(dates->presetsButton()->menu()->actions().contains(action));
        action->trigger();
        QCOMPARE(dates->from(), c.from);
        QCOMPARE(dates->to(), today);
        QCOMPARE(model->filters().value(u"createdFrom"_s).toDate(), c.from);
        QCOMPARE(model->filters().value(u"createdTo"_s).toDate(), today);
        QCOMPARE(model->generation(), generation + 1);   // both bounds in one reload
    }
    QCOMPARE(changed.size(), 3);

    const int generation = model->generation();
    QTest::mouseClick(dates->clearButton(), Qt::LeftButton);
    QCOMPARE(changed.size(), 4);
    QCOMPARE(model->generation(), generation + 1);
    QVERIFY(!dates->from().isValid() && !dates->to().isValid());
    QCOMPARE(workspace.createdFromFilter()->text(), u"any"_s);
    QCOMPARE(workspace.createdToFilter()->text(), u"any"_s);
    QVERIFY(!model->filters().contains(u"createdFrom"_s));
    QVERIFY(!model->filters().contains(u"createdTo"_s));
    waitIdle(model);
    QCOMPARE(model->rowCount(), int(ListSeed::ids(m_profile, u"SELECT count(*) FROM draft_content WHERE status = 'draft'"_s).first()));
}

void TestDraftFilters::calendarOpensOnTheDataMonth()
{
    DraftServices services(factoryFor(m_profile));
    DraftsWorkspace workspace;
    workspace.resize(1400, 700);
    services.serve(workspace);
    workspace.show();
    DateRangeFilter *dates = workspace.createdFilter();
    QTRY_COMPARE(dates->dataDay(), QDate(2026, 3, 15));   // the newest draft's day
    QDateEdit *from = workspace.createdFromFilter();
    QCOMPARE(from->text(), u"any"_s);
    QTest::mouseClick(from, Qt::LeftButton, {}, QPoint(from->width() - 4, from->height() / 2));
    QCalendarWidget *calendar = from->calendarWidget();
    QTRY_VERIFY(calendar->isVisible());
    QCOMPARE(calendar->yearShown(), 2026);
    QCOMPARE(calendar->monthShown(), 3);
    calendar->window()->close();
    QCOMPARE(from->text(), u"any"_s);   // opening it chose nothing
}

void TestDraftFilters::searchFindsPullRequestTitlesAndMarksThem()
{
    QVERIFY(m_titleHit > 0 && m_bodyHit > 0);
    DraftServices services(factoryFor(m_profile));
    DraftsWorkspace workspace;
    workspace.resize(1400, 700);
    services.serve(workspace);
    workspace.show();
    PagedListModel *model = workspace.model();
    workspace.searchField()->setText(u"zephyrine"_s);
    QTest::keyClick(workspace.searchField(), Qt::Key_Return);
    waitIdle(model);
    QCOMPARE(modelIds(model), (QList<qint64>{m_titleHit, m_bodyHit}));

    QSignalSpy shown(&workspace, &DraftsWorkspace::draftShown);
    const int titleRow = model->idAt(0) == m_titleHit ? 0 : 1;
    workspace.view()->setCurrentIndex(model->index(titleRow, 0));
    QTRY_COMPARE(shown.size(), 1);
    DraftDetailPane *pane = workspace.detailPane();
    QCOMPARE(pane->draftId(), m_titleHit);
    QCOMPARE(pane->titleText(), u"Fix the Zephyrine cache"_s);
    QVERIFY(pane->highlightedText().isEmpty());   // not in the body
    bool titleMarked = false;
    for (const QLabel *label : pane->findChildren<QLabel *>()) {
        if (label->textFormat() == Qt::RichText && label->text().contains(u"background-color"_s)
            && label->text().contains(u">Zephyrine</span>"_s))
            titleMarked = true;
    }
    QVERIFY(titleMarked);

    workspace.view()->setCurrentIndex(model->index(1 - titleRow, 0));
    QTRY_COMPARE(shown.size(), 2);
    QCOMPARE(pane->draftId(), m_bodyHit);
    QCOMPARE(pane->highlightedText(), QStringList{u"zephyrine"_s});
    QVERIFY(!pane->renderedText().contains(u"**"_s));

    // A new search marks its own term in the draft shown. (Return goes where the focus is: in the
    // list it opens the editor, in the search field it applies the search.)
    workspace.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&workspace));
    workspace.searchField()->setFocus();
    QTRY_VERIFY(workspace.searchField()->hasFocus());
    workspace.searchField()->setText(u"mention"_s);
    QTest::keyClick(workspace.searchField(), Qt::Key_Return);
    waitIdle(model);
    QCOMPARE(modelIds(model), QList<qint64>{m_bodyHit});
    QCOMPARE(pane->draftId(), m_bodyHit);
    QCOMPARE(pane->highlightedText(), QStringList{u"mention"_s});
}

void TestDraftFilters::searchUsesTheTrigramIndexes()
{
    auto definition = std::make_shared<const ListDefinition>(DraftList::definition());
    auto conn = PgFixture::instance().connect(m_profile);
    // 20,000 rows are few enough for a sequential scan to be cheapest; forbidding it shows whether
    // every arm of the search has an index (an arm without one leaves the sequential scan as the only plan).
    QSqlQuery q(conn->db());
    QVERIFY(q.exec(u"SET enable_seqscan = off"_s));
    const ListQuery list(definition, {{u"search"_s, u"zephyrine"_s}}, DraftList::Created, Qt::DescendingOrder);
    // (The count reads every match, so its plan shows how matches are found; a page may instead
    // walk the order's index and stop early.)
    const QString explained = plan(conn->db(), list, list.exactCountSql());
    QVERIFY2(explained.contains(u"BitmapOr"_s), qPrintable(explained));
    QVERIFY2(explained.contains(u"idx_draft_content_content_trgm"_s), qPrintable(explained));
    QVERIFY2(explained.contains(u"idx_draft_content_title_trgm"_s), qPrintable(explained));
    QVERIFY2(!explained.contains(u"Seq Scan"_s), qPrintable(explained));

    // The check can fail: without the title's index the search is a sequential scan again.
    QVERIFY(q.exec(u"BEGIN"_s));
    QVERIFY(q.exec(u"DROP INDEX idx_draft_content_title_trgm"_s));
    const QString without = plan(conn->db(), list, list.exactCountSql());
    QVERIFY(q.exec(u"ROLLBACK"_s));
    QVERIFY2(without.contains(u"Seq Scan"_s), qPrintable(without));
}

void TestDraftFilters::userFilterRefusesLetters()
{
    DraftServices services(factoryFor(m_profile));
    DraftsWorkspace workspace;
    services.serve(workspace);
    PagedListModel *model = workspace.model();
    waitIdle(model);
    workspace.userFilter()->setText(u"100004"_s);
    QTest::keyClick(workspace.userFilter(), Qt::Key_Return);
    QCOMPARE(model->filters().value(u"user"_s).toString(), u"100004"_s);
    QVERIFY(workspace.userFilterMessage().isEmpty());
    waitIdle(model);
    const int filtered = model->rowCount();
    const int generation = model->generation();

    QSignalSpy typedLogin(&workspace, &DraftsWorkspace::userLoginTyped);
    workspace.userFilter()->clear();
    QTest::keyClicks(workspace.userFilter(), u"octocat"_s);
    QVERIFY2(workspace.userFilterMessage().contains(u"number"_s), qPrintable(workspace.userFilterMessage()));
    QVERIFY(workspace.userFilter()->toolTip().contains(u"numeric GitHub id"_s));
    QVERIFY(!workspace.userFilter()->styleSheet().isEmpty());   // the red frame
    QCOMPARE(typedLogin.last().first().toString(), u"octocat"_s);
    QTest::keyClick(workspace.userFilter(), Qt::Key_Return);   // applies the filters now
    QCOMPARE(model->filters().value(u"user"_s).toString(), u"100004"_s);   // nothing changed
    QCOMPARE(model->generation(), generation);                               // no query sent
    QCOMPARE(model->rowCount(), filtered);

    workspace.userFilter()->setText(u"100005"_s);
    QVERIFY(workspace.userFilterMessage().isEmpty());
    QVERIFY(workspace.userFilter()->styleSheet().isEmpty());
    QTest::keyClick(workspace.userFilter(), Qt::Key_Return);
    QCOMPARE(model->filters().value(u"user"_s).toString(), u"100005"_s);
}

void TestDraftFilters::selectionKeptWhileTheRowStillMatches()
{
    DraftServices services(factoryFor(m_profile));
    DraftsWorkspace workspace;
    workspace.resize(1400, 700);
    services.serve(workspace);
    workspace.show();
    PagedListModel *model = workspace.model();
    waitIdle(model);
    // A pull request on the first page, well down it.
    int row = 40;
    while (model->data(model->index(row, DraftList::Type)).toString() != u"pull_request"_s)
        ++row;
    const qint64 id = model->idAt(row);
    QSignalSpy shown(&workspace, &DraftsWorkspace::draftShown);
    workspace.view()->setFocus();
    workspace.view()->setCurrentIndex(model->index(row, DraftList::Repository));
    QTRY_COMPARE(shown.size(), 1);
    QCOMPARE(workspace.detailPane()->draftId(), id);

    // Still matches: selected again (at its new row), and the pane keeps showing it.
    workspace.typeFilter()->setCurrentIndex(workspace.typeFilter()->findData(u"pull_request"_s));
    waitIdle(model);
    QTRY_VERIFY(workspace.view()->currentIndex().isValid());
    const int kept = workspace.view()->currentIndex().row();
    QCOMPARE(model->idAt(kept), id);
    QVERIFY(kept < row);
    QVERIFY(workspace.view()->selectionModel()->isRowSelected(kept, {}));
    QCOMPARE(workspace.detailPane()->draftId(), id);
    QCOMPARE(shown.size(), 1);   // not reloaded

    // No longer matches: nothing selected, the pane says so.
    workspace.typeFilter()->setCurrentIndex(workspace.typeFilter()->findData(u"comment"_s));
    waitIdle(model);
    QVERIFY(!workspace.view()->currentIndex().isValid());
    QVERIFY(!workspace.view()->selectionModel()->hasSelection());
    QCOMPARE(workspace.detailPane()->draftId(), -1);
    QCOMPARE(workspace.detailPane()->titleText(), u"Select a draft to read it."_s);
}

QTEST_MAIN(TestDraftFilters)
#include "tst_draftfilters.moc"
