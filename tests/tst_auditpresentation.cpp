#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

#include <time.h>

#include "auditchangesview.h"
#include "auditlist.h"
#include "auditstore.h"
#include "auditreader.h"
#include "auditworkspace.h"
#include "demologins.h"
#include "expectedcheck.h"
#include "historyview.h"
#include "listquery.h"
#include "listtableview.h"
#include "migrator.h"
#include "overviewworkspace.h"
#include "pagedlistmodel.h"
#include "pgfixture.h"
#include "roleabilities.h"
#include "session.h"
#include "timeformat.h"
#include "userlist.h"
#include "worddiff.h"

using namespace Qt::StringLiterals;

namespace {

const QString kBefore = u"Hello team,\nthe build is red.\nThanks"_s;
const QString kAfter = u"Hello team,\nthe build is green now.\nThanks"_s;
const QRegularExpression kOneFormat(uR"(^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$)"_s);

} // namespace

// How the audit log and the Overview present themselves: staff roles (not logins) in the Role
// column, records named as people know them (also once deleted), word diffs of text changes, one
// time format, and what each role can do. Real PostgreSQL, widgets offscreen.
class TestAuditPresentation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void roleColumnShowsStaffRoles_data();
    void roleColumnShowsStaffRoles();
    void recordsAreNamed_data();
    void recordsAreNamed();
    void wordDiff_data();
    void wordDiff();
    void contentChangeShowsAWordDiff();
    void namesKeepTheListPageIndexed();
    void oneTimeFormat();
    void timeZoneStatedForResets();
    void roleAbilitiesPerRole_data();
    void roleAbilitiesPerRole();
    void overviewSaysWhatTheLoginCanDo();

private:
    ConnectionProfile as(const QString &login) const
    {
        ConnectionProfile p = m_profile;
        p.user = login;
        return p;
    }
    ConnectionFactory factoryFor(const QString &login) const
    {
        return [profile = as(login)](const QString &purpose) { return PgConnection::open(profile, {}, purpose); };
    }
    void execAs(const QString &login, const QString &sql, const QVariantList &binds = {});

    ConnectionProfile m_profile;
    std::unique_ptr<PgConnection> m_owner;
};

void TestAuditPresentation::execAs(const QString &login, const QString &sql, const QVariantList &binds)
{
    auto conn = login.isEmpty() ? PgFixture::instance().connect(m_profile) : PgConnection::open(as(login), {}, u"test"_s).value();
    QSqlQuery q(conn->db());
    QVERIFY2(q.prepare(sql), qPrintable(q.lastError().text()));
    for (const QVariant &value : binds)
        q.addBindValue(value);
    QVERIFY2(q.exec(), qPrintable(sql + u": "_s + q.lastError().text()));
}

void TestAuditPresentation::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_profile = PgFixture::instance().freshDatabase(u"auditpresentation"_s);
    m_owner = PgFixture::instance().connect(m_profile, u"owner"_s);
    const auto migrated = Migrator(m_owner->db()).migrate();
    if (!migrated)
        QFAIL(qPrintable(migrated.error().text()));
    SC_VERIFY_OK(DemoLogins::create(m_owner->db()));

    for (const QString &sql : {
             u"INSERT INTO users (id, github_id) VALUES (1, '583231'), (2, '700001')"_s,
             u"INSERT INTO github_app_installations (id, github_installation_id, account_name, account_type) "
             "VALUES (1, '41382134', 'granite-io', 'organization'), (2, '999', 'old-org', 'organization')"_s,
             u"INSERT INTO user_installations (user_id, installation_id, permission_level) VALUES (1, 1, 'write'), (2, 2, 'read')"_s,
             u"INSERT INTO user_preferences (id, user_id) VALUES (1, 1)"_s,
         })
        execAs({}, sql);
    execAs({}, u"INSERT INTO draft_content (id, user_id, workflow_run_id, content_type, github_issue_id, github_repo, content) "
               "VALUES (1, 1, 'run-1', 'comment', 7, 'acme/api', ?)"_s, {kBefore});
    execAs(u"demo_reviewer"_s, u"UPDATE draft_content SET content = ? WHERE id = 1"_s, {kAfter});
    execAs(u"demo_support"_s, u"UPDATE users SET stripe_customer_id = 'cus_presentation' WHERE id = 1"_s);
    execAs(u"demo_reviewer"_s, u"INSERT INTO draft_publications (draft_id, attempt_key, kind, request) "
                               "VALUES (1, gen_random_uuid(), 'comment', '{}')"_s);
    execAs(u"demo_reviewer"_s, u"UPDATE draft_publications SET state = 'published', finished_at = now() WHERE id = 1"_s);
    execAs(u"demo_admin"_s, u"UPDATE user_preferences SET testing_mode = true WHERE id = 1"_s);
    execAs(u"demo_admin"_s, u"UPDATE user_installations SET permission_level = 'admin' WHERE user_id = 1 AND installation_id = 1"_s);
    // An installation that is gone: its name must come from the audit log.
    execAs({}, u"DELETE FROM user_installations WHERE installation_id = 2"_s);
    execAs({}, u"DELETE FROM github_app_installations WHERE id = 2"_s);
}

void TestAuditPresentation::roleColumnShowsStaffRoles_data()
{
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("roles");
    QTest::newRow("reviewer") << u"demo_reviewer"_s << u"reviewer"_s;
    QTest::newRow("support") << u"demo_support"_s << u"support"_s;
    QTest::newRow("admin (a member of staff_reviewer)") << u"demo_admin"_s << u"admin, reviewer"_s;
    QTest::newRow("the owner, no staff role") << u"postgres"_s << u"—"_s;
}

void TestAuditPresentation::roleColumnShowsStaffRoles()
{
    QFETCH(QString, login);
    QFETCH(QString, roles);
    PagedListModel model(AuditList::definition(), factoryFor(u"demo_support"_s));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFilters({{u"login"_s, login}});
    QTRY_VERIFY_WITH_TIMEOUT(model.isIdle() && model.rowCount() > 0 && model.isLoaded(model.rowCount() - 1), 20000);
    QVERIFY2(model.lastError().isEmpty(), qPrintable(model.lastError()));
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.data(model.index(row, AuditList::Role)).toString(), roles);
        QCOMPARE(model.data(model.index(row, AuditList::Login)).toString(), login);   // the login keeps its column
    }
    QCOMPARE(model.headerData(AuditList::Role, Qt::Horizontal).toString(), u"Role"_s);
}

void TestAuditPresentation::recordsAreNamed_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("entries");
    QTest::addColumn<QString>("name");
    QTest::newRow("draft") << u"draft_content"_s << u"1"_s << 2 << u"Draft #1"_s;
    QTest::newRow("user") << u"users"_s << u"1"_s << 2 << u"User 583231"_s;
    QTest::newRow("installation") << u"github_app_installations"_s << u"1"_s << 1
                                  << u"Installation granite-io (41382134)"_s;
    QTest::newRow("deleted installation") << u"github_app_installations"_s << u"2"_s << 2
                                          << u"Installation old-org (999)"_s;
    QTest::newRow("membership") << u"user_installations"_s << u"1,1"_s << 2
                                << u"Membership: user 583231 in granite-io"_s;
    QTest::newRow("deleted membership of a deleted installation") << u"user_installations"_s << u"2,2"_s << 2
                                                                  << u"Membership: user 700001 in old-org"_s;
    QTest::newRow("preferences") << u"user_preferences"_s << u"1"_s << 2 << u"Preferences of user 583231"_s;
    QTest::newRow("publication") << u"draft_publications"_s << u"1"_s << 2 << u"Publication #1 of draft #1"_s;
}

void TestAuditPresentation::recordsAreNamed()
{
    QFETCH(QString, table);
    QFETCH(QString, key);
    QFETCH(int, entries);
    QFETCH(QString, name);
    const QString rowKey = AuditStore::rowKeyFor(table, key);

    // The History tab's query.
    auto conn = PgConnection::open(as(u"demo_reviewer"_s), {}, u"test"_s);
    SC_VERIFY_OK(conn);
    const auto history = AuditStore((*conn)->db()).history(table, rowKey);
    SC_VERIFY_OK(history);
    QCOMPARE(int(history->size()), entries);
    for (const AuditEntry &entry : *history)
        QCOMPARE(entry.recordName, name);

    // The Audit list's query.
    PagedListModel model(AuditList::definition(), factoryFor(u"demo_reviewer"_s));
    model.setFilters({{u"table"_s, table}, {u"rowKey"_s, rowKey}});
    QTRY_VERIFY_WITH_TIMEOUT(model.isIdle() && model.rowCount() == entries && model.isLoaded(entries - 1), 20000);
    for (int row = 0; row < entries; ++row) {
        QCOMPARE(model.data(model.index(row, AuditList::Record)).toString(), name);
        QVERIFY(!model.data(model.index(row, AuditList::Record)).toString().contains(u'{'));
    }
}

void TestAuditPresentation::wordDiff_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("marked");
    QTest::newRow("a replaced word between lines") << kBefore << kAfter
                                                   << u"Hello team,\nthe build is [-red.-]{+green now.+}\nThanks"_s;
    QTest::newRow("a line added") << u"one\ntwo"_s << u"one\ntwo\nthree"_s << u"one\ntwo{+\nthree+}"_s;
    QTest::newRow("a word removed mid-line") << u"please do review this"_s << u"please review this"_s
                                             << u"please [-do -]review this"_s;
    QTest::newRow("two separate changes") << u"a b c d e"_s << u"a X c d Y"_s << u"a [-b-]{+X+} c d [-e-]{+Y+}"_s;
    QTest::newRow("unchanged") << u"same text"_s << u"same text"_s << u"same text"_s;
    QTest::newRow("from nothing") << QString() << u"new words"_s << u"{+new words+}"_s;
}

void TestAuditPresentation::wordDiff()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(QString, marked);
    const QList<WordDiff::Segment> diff = WordDiff::compare(before, after);
    QCOMPARE(WordDiff::toMarkedText(diff), marked);
    // The kept and deleted parts rebuild the old text, the kept and inserted parts the new one.
    QString oldText, newText;
    for (const WordDiff::Segment &s : diff) {
        if (s.kind != WordDiff::Kind::Inserted)
            oldText += s.text;
        if (s.kind != WordDiff::Kind::Deleted)
            newText += s.text;
    }
    QCOMPARE(oldText, before);
    QCOMPARE(newText, after);
}

void TestAuditPresentation::contentChangeShowsAWordDiff()
{
    AuditReader reader(factoryFor(u"demo_reviewer"_s));   // the session's, in the console
    AuditWorkspace audit;
    audit.resize(1000, 700);
    audit.show();
    audit.setAuditReader(&reader);
    audit.setConnectionFactory(factoryFor(u"demo_reviewer"_s));
    audit.showRow(u"draft_content"_s, u"1"_s);
    PagedListModel *model = audit.model();
    QTRY_VERIFY_WITH_TIMEOUT(model->isIdle() && model->rowCount() == 2 && model->isLoaded(1), 20000);
    QCOMPARE(model->data(model->index(0, AuditList::Operation)).toString(), u"UPDATE"_s);
    audit.view()->setCurrentIndex(model->index(0, 0));
    AuditChangesView *changes = audit.changesView();
    QTRY_VERIFY_WITH_TIMEOUT(changes->message().isEmpty() && changes->table()->rowCount() == 2, 10000);

    // Exactly the changed words are marked; the line breaks are line breaks, not "\n".
    QCOMPARE(changes->diffText(), u"content:\nHello team,\nthe build is [-red.-]{+green now.+}\nThanks"_s);
    QVERIFY(changes->diffView()->isVisible());
    const QString html = changes->diffView()->toHtml();
    QVERIFY(html.contains(u"line-through"_s));
    QVERIFY(!changes->diffView()->toPlainText().contains(u"\\n"_s));
    QCOMPARE(changes->diffView()->toPlainText().count(u'\n') >= 3, true);
    QCOMPARE(changes->table()->item(0, 0)->text(), u"content"_s);
    QCOMPARE(changes->table()->item(0, 1)->text(), kBefore);
    QCOMPARE(changes->table()->item(0, 2)->text(), kAfter);
    // updated_at shows in the one time format; the stored JSON stays in the tooltip.
    QCOMPARE(changes->table()->item(1, 0)->text(), u"updated_at"_s);
    QVERIFY2(kOneFormat.match(changes->table()->item(1, 2)->text()).hasMatch(), qPrintable(changes->table()->item(1, 2)->text()));
    QVERIFY(changes->table()->item(1, 2)->toolTip().startsWith(u'"'));

    // The INSERT entry has no before: no word diff.
    audit.view()->setCurrentIndex(model->index(1, 0));
    QTRY_VERIFY_WITH_TIMEOUT(changes->message().isEmpty() && changes->table()->rowCount() > 2, 10000);
    QVERIFY(changes->diffText().isEmpty());
    QVERIFY(!changes->diffView()->isVisible());
}

namespace {

void collectNodes(const QJsonObject &node, QList<QJsonObject> &nodes)
{
    nodes.append(node);
    for (const QJsonValue &child : node.value(u"Plans"_s).toArray())
        collectNodes(child.toObject(), nodes);
}

} // namespace

// The name lookups must not turn a keyset page into a scan: the page still reads the newest rows
// from audit_log_newest_idx under a Limit, and every lookup is a per-row index probe.
void TestAuditPresentation::namesKeepTheListPageIndexed()
{
    const ConnectionProfile profile = PgFixture::instance().freshDatabase(u"auditplan"_s);
    auto conn = PgFixture::instance().connect(profile, u"plan"_s);
    if (const auto migrated = Migrator(conn->db()).migrate(); !migrated)
        QFAIL(qPrintable(migrated.error().text()));
    QSqlQuery q(conn->db());
    for (const QString &sql : {
             u"INSERT INTO users (github_id) SELECT (100000 + g)::text FROM generate_series(1, 20000) g"_s,
             u"INSERT INTO github_app_installations (github_installation_id, account_name, account_type) "
             "SELECT (5000000 + g)::text, 'org-' || g, 'organization' FROM generate_series(1, 2000) g"_s,
             u"INSERT INTO user_installations (user_id, installation_id, permission_level) "
             "SELECT g, g, 'read' FROM generate_series(1, 2000) g"_s,
             u"INSERT INTO user_preferences (user_id) SELECT g FROM generate_series(1, 2000) g"_s,
             u"INSERT INTO draft_content (id, user_id, workflow_run_id, content_type, github_issue_id, github_repo, content) "
             "VALUES (1, 1, 'run-1', 'comment', 7, 'acme/api', 'body')"_s,
             u"INSERT INTO draft_publications (draft_id, attempt_key, kind, state, request, finished_at) "
             "SELECT 1, gen_random_uuid(), 'comment', 'dry_run', '{}', now() FROM generate_series(1, 2000)"_s,
             u"DELETE FROM user_installations WHERE installation_id <= 100"_s,
             u"DELETE FROM github_app_installations WHERE id <= 100"_s,
             u"ANALYZE"_s,
         })
        QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));

    const ListQuery list(std::make_shared<const ListDefinition>(AuditList::definition()), {}, AuditList::When,
                         Qt::DescendingOrder);
    QString sql = list.pageSql(ListQuery::Direction::Forward, false);
    QVERIFY(sql.contains(u":page_limit"_s));
    sql.replace(u":page_limit"_s, u"101"_s);
    QVERIFY2(q.exec(u"EXPLAIN (FORMAT JSON) "_s + sql) && q.next(), qPrintable(q.lastError().text()));
    const QJsonObject top = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).array().at(0).toObject()
                                .value(u"Plan"_s).toObject();
    QCOMPARE(top.value(u"Node Type"_s).toString(), u"Limit"_s);
    const QJsonObject scan = top.value(u"Plans"_s).toArray().at(0).toObject();
    QCOMPARE(scan.value(u"Node Type"_s).toString(), u"Index Scan"_s);
    QCOMPARE(scan.value(u"Index Name"_s).toString(), u"audit_log_newest_idx"_s);
    QList<QJsonObject> nodes;
    collectNodes(top, nodes);
    for (const QJsonObject &node : nodes) {
        const QString type = node.value(u"Node Type"_s).toString();
        QVERIFY2(type != u"Seq Scan" && !type.startsWith(u"Hash"_s),
                 qPrintable(type + u" on "_s + node.value(u"Relation Name"_s).toString()));
        if (node == scan)
            continue;
        // Lookups in the log itself go through the row index.
        if (node.value(u"Relation Name"_s).toString() == u"audit_log")
            QVERIFY2(type.contains(u"Index"_s) || type == u"Bitmap Heap Scan", qPrintable(type));
        if (const QString index = node.value(u"Index Name"_s).toString(); index.startsWith(u"audit_log"_s))
            QCOMPARE(index, u"audit_log_row_idx"_s);
    }

    // And the names are right at this size too, including deleted installations.
    PagedListModel model(AuditList::definition(),
                         [profile](const QString &purpose) { return PgConnection::open(profile, {}, purpose); });
    model.setFilters({{u"table"_s, u"github_app_installations"_s}, {u"rowKey"_s, u"{\"id\": 7}"_s}});
    QTRY_VERIFY_WITH_TIMEOUT(model.isIdle() && model.rowCount() == 2 && model.isLoaded(1), 20000);
    QCOMPARE(model.data(model.index(0, AuditList::Record)).toString(), u"Installation org-7 (5000007)"_s);
    QCOMPARE(model.data(model.index(1, AuditList::Record)).toString(), u"Installation org-7 (5000007)"_s);
}

void TestAuditPresentation::oneTimeFormat()
{
    // The audit list.
    PagedListModel audit(AuditList::definition(), factoryFor(u"demo_support"_s));
    QTRY_VERIFY_WITH_TIMEOUT(audit.isIdle() && audit.rowCount() > 0 && audit.isLoaded(0), 20000);
    const QDateTime newest = audit.data(audit.index(0, AuditList::When), Qt::EditRole).toDateTime();
    const QString listText = audit.data(audit.index(0, AuditList::When)).toString();
    QVERIFY2(kOneFormat.match(listText).hasMatch(), qPrintable(listText));
    QCOMPARE(listText, TimeFormat::text(newest));
    QCOMPARE(listText, newest.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s));

    // The History tab: the same entry in the same text.
    HistoryView history;
    history.setConnectionFactory(factoryFor(u"demo_support"_s));
    QSignalSpy loaded(&history, &HistoryView::loaded);
    history.showRow(u"github_app_installations"_s, u"2"_s);   // the newest entry: the deletion
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
    QCOMPARE(history.entries()->topLevelItem(0)->text(HistoryView::Operation), u"DELETE"_s);
    QCOMPARE(history.entries()->topLevelItem(0)->text(HistoryView::When), listText);
    QCOMPARE(history.entries()->topLevelItem(0)->text(HistoryView::Role), u"—"_s);
    QCOMPARE(history.statusText(), u"2 changes of Installation old-org (999)."_s);
    history.showRow(u"draft_content"_s, u"999"_s);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 20000);
    QCOMPARE(history.statusText(), u"No recorded changes of this draft."_s);

    // The other lists too.
    PagedListModel users(UserList::definition(), factoryFor(u"demo_support"_s));
    QTRY_VERIFY_WITH_TIMEOUT(users.isIdle() && users.rowCount() == 2 && users.isLoaded(1), 20000);
    const QString created = users.data(users.index(0, UserList::Created)).toString();
    QVERIFY2(kOneFormat.match(created).hasMatch(), qPrintable(created));
}

void TestAuditPresentation::timeZoneStatedForResets()
{
    const QByteArray savedTz = qgetenv("TZ");
    qputenv("TZ", "CET-1");   // POSIX: one hour east of UTC, no daylight saving
    tzset();
    const QDateTime reset(QDate(2026, 12, 5), QTime(13, 3, 12), Qt::UTC);
    QCOMPARE(TimeFormat::zone(reset), u"UTC+01:00"_s);
    QCOMPARE(TimeFormat::clockWithZone(reset, QDate(2026, 12, 5)), u"14:03 UTC+01:00"_s);
    QCOMPARE(TimeFormat::clockWithZone(reset, QDate(2026, 12, 4)), u"2026-12-05 14:03 UTC+01:00"_s);
    QCOMPARE(TimeFormat::text(reset), u"2026-12-05 14:03:12"_s);
    QCOMPARE(TimeFormat::textWithZone(reset), u"2026-12-05 14:03:12 UTC+01:00"_s);
    qputenv("TZ", "IST-5:30");
    tzset();
    QCOMPARE(TimeFormat::zone(reset), u"UTC+05:30"_s);
    if (savedTz.isNull())
        qunsetenv("TZ");
    else
        qputenv("TZ", savedTz);
    tzset();
}

void TestAuditPresentation::roleAbilitiesPerRole_data()
{
    QTest::addColumn<QStringList>("roles");
    QTest::addColumn<QString>("text");
    QTest::newRow("reviewer") << QStringList{u"staff_reviewer"_s}
        << u"As staff_reviewer you can: browse drafts, users and installations; read and edit drafts; "
           u"publish drafts to GitHub or discard them; read the audit log and each record's history.\n"
           u"You cannot: edit users' preferences (needs staff_admin); change who is a member of an "
           u"installation (needs staff_admin); link a user to a Stripe customer (needs staff_support); "
           u"create staff logins (needs a login with CREATEROLE)."_s;
    QTest::newRow("admin") << QStringList{u"staff_admin"_s, u"staff_reviewer"_s}
        << u"As staff_admin (which includes staff_reviewer) you can: browse drafts, users and installations; "
           u"read and edit drafts; publish drafts to GitHub or discard them; edit users' preferences; change "
           u"who is a member of an installation; read the audit log and each record's history.\n"
           u"With these roles you cannot: link a user to a Stripe customer (needs staff_support); create "
           u"staff logins (needs a login with CREATEROLE)."_s;
    QTest::newRow("support") << QStringList{u"staff_support"_s}
        << u"As staff_support you can: browse drafts, users and installations; link a user to a Stripe "
           u"customer; read the audit log and each record's history.\n"
           u"You cannot: read and edit drafts (needs staff_reviewer); publish drafts to GitHub or discard "
           u"them (needs staff_reviewer); edit users' preferences (needs staff_admin); change who is a "
           u"member of an installation (needs staff_admin); create staff logins (needs a login with CREATEROLE)."_s;
    QTest::newRow("admin and support") << QStringList{u"staff_admin"_s, u"staff_reviewer"_s, u"staff_support"_s}
        << u"As staff_admin (which includes staff_reviewer) you can: browse drafts, users and installations; "
           u"read and edit drafts; publish drafts to GitHub or discard them; edit users' preferences; change "
           u"who is a member of an installation; read the audit log and each record's history.\n"
           u"As staff_support you can: browse drafts, users and installations; link a user to a Stripe "
           u"customer; read the audit log and each record's history.\n"
           u"With these roles you cannot: create staff logins (needs a login with CREATEROLE)."_s;
    QTest::newRow("no staff role") << QStringList{}
        << u"This login has no staff role. It cannot: browse drafts, users and installations (needs a staff "
           u"role); read and edit drafts (needs staff_reviewer); publish drafts to GitHub or discard them "
           u"(needs staff_reviewer); edit users' preferences (needs staff_admin); change who is a member of "
           u"an installation (needs staff_admin); link a user to a Stripe customer (needs staff_support); read "
           u"the audit log and each record's history (needs a staff role); create staff logins (needs a "
           u"login with CREATEROLE)."_s;
}

void TestAuditPresentation::roleAbilitiesPerRole()
{
    QFETCH(QStringList, roles);
    QFETCH(QString, text);
    const RoleAbilities abilities(RolePolicy(roles, false, false));
    QCOMPARE(abilities.text(), text);
    QVERIFY(abilities.html().contains(u"<li>"_s));
}

void TestAuditPresentation::overviewSaysWhatTheLoginCanDo()
{
    OverviewWorkspace overview;
    overview.show();
    for (const auto &[login, expected] : {std::pair{u"demo_reviewer"_s, u"As staff_reviewer you can:"_s},
                                          std::pair{u"demo_admin"_s, u"As staff_admin (which includes staff_reviewer) you can:"_s},
                                          std::pair{u"demo_support"_s, u"As staff_support you can:"_s}}) {
        Session session(as(login), QString(), false);
        QSignalSpy ready(&session, &Session::ready);
        session.load();
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 20000);
        overview.showSession(&session);
        const QString expectedText = RoleAbilities(RolePolicy::fromSessionInfo(*session.info())).text();
        QVERIFY2(overview.abilitiesText().startsWith(expected), qPrintable(overview.abilitiesText()));
        QCOMPARE(overview.abilitiesText(), expectedText);
        QVERIFY(overview.summaryText().contains(expectedText));
    }
    overview.showSession(nullptr);
    QVERIFY(!overview.summaryText().contains(u"you can"_s));
}

QTEST_MAIN(TestAuditPresentation)
#include "tst_auditpresentation.moc"
