#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include "auditstore.h"
#include "expectedcheck.h"
#include "migrator.h"
#include "pgfixture.h"
#include "scramverifier.h"
#include "session.h"
#include "sessioninfo.h"
#include "stafflogincreator.h"
#include "staffsessionsettings.h"

using namespace Qt::StringLiterals;

// Staff roles, grants, row-level security, the audit log and session limits (migrations 005-008),
// checked through connections AS each login against the tests' private PostgreSQL.
class TestRoles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void scramVerifierMatchesReference();
    void migratesSecondDatabaseInSameCluster();
    void migratesAsDatabaseOwnerWithCreateRole();
    void sessionInfoListsMemberships_data();
    void sessionInfoListsMemberships();

    void writesFollowTheRole_data();
    void writesFollowTheRole();
    void permissionErrorNamesWhatWasRefused();

    void auditRecordsChangedColumnsOnly();
    void auditRecordsSetRole();
    void auditLogIsAppendOnly_data();
    void auditLogIsAppendOnly();
    void auditLogRefusesEvenAMistakenGrant();
    void auditStorePagesNewestFirstWithoutGaps();
    void auditStoreFiltersAndHistory();
    void auditStoreRefusedForBackend();

    void backendSeesOnlyItsUsersRows();
    void backendWithoutSettingSeesNothing();

    void createdLoginCarriesRoleTimeouts();
    void sessionSettingsApplyToMembers();
    void statementTimeoutCancelsLongQueries();
    void sessionConnectionsCarryTheLimits();

    void loginCreationNeedsCreateRole();
    void loginCreationRejectsBadInput();
    void createdPasswordAuthenticates();

private:
    std::unique_ptr<PgConnection> as(const QString &login) const;
    static QSqlError run(const QSqlDatabase &db, const QString &sql, int *affected = nullptr);
    QString scalar(const QString &sql) const;
    qint64 lastAuditId() const;

    ConnectionProfile m_profile;
    std::unique_ptr<PgConnection> m_admin; // the superuser that migrated the database (its owner)
};

std::unique_ptr<PgConnection> TestRoles::as(const QString &login) const
{
    ConnectionProfile p = m_profile;
    p.user = login;
    return PgFixture::instance().connect(p, login);
}

QSqlError TestRoles::run(const QSqlDatabase &db, const QString &sql, int *affected)
{
    QSqlQuery q(db);
    const bool ok = q.exec(sql);
    if (affected)
        *affected = ok ? q.numRowsAffected() : -1;
    return ok ? QSqlError() : q.lastError();
}

QString TestRoles::scalar(const QString &sql) const
{
    QSqlQuery q(m_admin->db());
    if (!q.exec(sql) || !q.next())
        qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    return q.value(0).toString();
}

qint64 TestRoles::lastAuditId() const
{
    return scalar(u"SELECT coalesce(max(id), 0) FROM audit_log"_s).toLongLong();
}

void TestRoles::initTestCase()
{
    m_profile = PgFixture::instance().freshDatabase(u"roles"_s);
    m_admin = PgFixture::instance().connect(m_profile, u"owner"_s);
    Migrator migrator(m_admin->db());
    const auto migrated = migrator.migrate();
    if (!migrated)
        QFAIL(qPrintable(migrated.error().text()));
    const auto status = migrator.status();
    SC_VERIFY_OK(status);
    QCOMPARE(status->state, SchemaStatus::State::UpToDate);

    const QStringList seed = {
        u"INSERT INTO users (id, github_id) VALUES (1, '1001'), (2, '1002'), (3, '1003')"_s,
        u"INSERT INTO github_app_installations (id, github_installation_id, account_name, account_type) "
        "VALUES (1, '501', 'acme', 'organization'), (2, '502', 'bob', 'user')"_s,
        u"INSERT INTO user_installations (user_id, installation_id, permission_level) "
        "VALUES (1, 1, 'admin'), (2, 1, 'write'), (1, 2, 'read')"_s,
        u"INSERT INTO user_preferences (id, user_id, notification_settings) "
        "VALUES (1, 1, '{\"email\": true}'), (2, 2, NULL)"_s,
        u"SELECT setval(pg_get_serial_sequence('user_preferences', 'id'), 10)"_s,
        u"INSERT INTO draft_content (id, user_id, workflow_run_id, content_type, github_issue_id, github_repo, content) "
        "VALUES (1, 1, 'run-1', 'comment', 7, 'acme/api', 'first'), (2, 2, 'run-2', 'comment', 8, 'acme/api', 'second'), "
        "(3, 1, 'run-3', 'pull_request', 9, 'acme/web', 'third')"_s,
        u"SELECT setval(pg_get_serial_sequence('draft_content', 'id'), 10)"_s,
        u"CREATE ROLE dave_backend LOGIN IN ROLE app_backend"_s,
        u"CREATE ROLE frank_reviewer LOGIN IN ROLE staff_reviewer"_s,
        u"CREATE ROLE grace_both LOGIN IN ROLE staff_reviewer, staff_support"_s,
        u"CREATE ROLE erin_creator LOGIN CREATEROLE"_s,
    };
    for (const QString &sql : seed) {
        const QSqlError error = run(m_admin->db(), sql);
        QVERIFY2(!error.isValid(), qPrintable(sql + u": "_s + error.text()));
    }

    // Staff logins are created the console's way, by a CREATEROLE login that is not a superuser.
    auto creatorConnection = as(u"erin_creator"_s);
    StaffLoginCreator creator(creatorConnection->db());
    SC_VERIFY_OK(creator.create(u"alice_reviewer"_s, {u"staff_reviewer"_s}));
    SC_VERIFY_OK(creator.create(u"bob_admin"_s, {u"staff_admin"_s}));
    SC_VERIFY_OK(creator.create(u"carol_support"_s, {u"staff_support"_s}));
}

void TestRoles::scramVerifierMatchesReference()
{
    // Reference: Python hashlib.pbkdf2_hmac / hmac, as PostgreSQL's scram_build_secret computes it.
    QByteArray salt;
    for (char i = 0; i < 16; ++i)
        salt.append(i);
    QCOMPARE(ScramVerifier::compute(u"pencil"_s, salt),
             u"SCRAM-SHA-256$4096:AAECAwQFBgcICQoLDA0ODw==$zHCdol2044/ZyWzPLi7oxApCkamKw9Z+E4U/QApd/5Y="
             ":dd5peBOitVnLNFu7VmwP+HiDaaw4OUCv396eVCWhYiE="_s);
    QVERIFY(ScramVerifier::compute(u"pencil"_s) != ScramVerifier::compute(u"pencil"_s)); // random salt
}

void TestRoles::migratesSecondDatabaseInSameCluster()
{
    const ConnectionProfile second = PgFixture::instance().freshDatabase(u"roles_second"_s);
    auto conn = PgFixture::instance().connect(second, u"second"_s);
    Migrator migrator(conn->db());
    const auto migrated = migrator.migrate();
    if (!migrated)
        QFAIL(qPrintable(migrated.error().text()));
    QVERIFY(run(conn->db(), u"SELECT 1 FROM audit_log"_s).type() == QSqlError::NoError);
}

void TestRoles::migratesAsDatabaseOwnerWithCreateRole()
{
    // Production shape: no superuser; the database's owner (with CREATEROLE) runs the migrations.
    // (PostgreSQL 15: schema public belongs to pg_database_owner, so the owner may create in it.)
    QVERIFY(!run(m_admin->db(), u"CREATE ROLE product_owner LOGIN CREATEROLE"_s).isValid());
    const ConnectionProfile fresh = PgFixture::instance().freshDatabase(u"roles_owned"_s);
    QVERIFY(!run(m_admin->db(), u"ALTER DATABASE roles_owned OWNER TO product_owner"_s).isValid());
    ConnectionProfile asOwner = fresh;
    asOwner.user = u"product_owner"_s;
    auto owner = PgFixture::instance().connect(asOwner, u"product-owner"_s);
    Migrator migrator(owner->db());
    const auto migrated = migrator.migrate();
    if (!migrated)
        QFAIL(qPrintable(migrated.error().text()));

    // The owner's own writes are audited, and a staff login is limited there too.
    QVERIFY(!run(owner->db(), u"INSERT INTO users (github_id) VALUES ('42')"_s).isValid());
    auto ownerCheck = PgFixture::instance().connect(fresh, u"owned-check"_s);
    QSqlQuery q(ownerCheck->db());
    QVERIFY(q.exec(u"SELECT login, (SELECT rolname FROM pg_roles r JOIN pg_class c ON c.relowner = r.oid "
                   "WHERE c.relname = 'audit_log') FROM audit_log"_s) && q.next());
    QCOMPARE(q.value(0).toString(), u"product_owner"_s);
    QCOMPARE(q.value(1).toString(), u"product_owner"_s);

    ConnectionProfile asSupport = fresh;
    asSupport.user = u"carol_support"_s;
    auto support = PgFixture::instance().connect(asSupport, u"owned-support"_s);
    QCOMPARE(run(support->db(), u"UPDATE users SET github_id = 'x'"_s).nativeErrorCode(), u"42501"_s);
    QVERIFY(!run(support->db(), u"UPDATE users SET stripe_customer_id = 'cus_owned'"_s).isValid());
}

void TestRoles::sessionInfoListsMemberships_data()
{
    QTest::addColumn<QString>("login");
    QTest::addColumn<QStringList>("roles");
    QTest::addColumn<bool>("createRole");
    QTest::newRow("reviewer") << u"alice_reviewer"_s << QStringList{u"staff_reviewer"_s} << false;
    QTest::newRow("admin inherits reviewer") << u"bob_admin"_s
                                             << QStringList{u"staff_admin"_s, u"staff_reviewer"_s} << false;
    QTest::newRow("support") << u"carol_support"_s << QStringList{u"staff_support"_s} << false;
    QTest::newRow("creator") << u"erin_creator"_s << QStringList{} << true;
}

void TestRoles::sessionInfoListsMemberships()
{
    QFETCH(QString, login);
    QFETCH(QStringList, roles);
    QFETCH(bool, createRole);
    auto conn = as(login);
    const auto info = SessionInfo::read(conn->db());
    SC_VERIFY_OK(info);
    QCOMPARE(info->login, login);
    QCOMPARE(info->staffRoles, roles);
    QCOMPARE(info->createRole, createRole);
    QVERIFY(!info->superuser);
}

void TestRoles::writesFollowTheRole_data()
{
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("role");       // the staff role expected in the audit row
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QString>("snapshot");   // what must not change when refused
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("operation");

    const QString draft1 = u"SELECT to_jsonb(d) FROM draft_content d WHERE id = 1"_s;
    const QString drafts = u"SELECT jsonb_agg(d ORDER BY id) FROM draft_content d"_s;
    const QString prefs = u"SELECT jsonb_agg(p ORDER BY id) FROM user_preferences p"_s;
    const QString members = u"SELECT jsonb_agg(m ORDER BY user_id, installation_id) FROM user_installations m"_s;
    const QString users = u"SELECT jsonb_agg(u ORDER BY id) FROM users u"_s;
    const QString installations = u"SELECT jsonb_agg(i ORDER BY id) FROM github_app_installations i"_s;
    const QString newDraft = u"INSERT INTO draft_content (user_id, workflow_run_id, content_type, github_issue_id, "
                             "github_repo, content) VALUES (1, 'run-x', 'comment', 1, 'acme/api', 'injected')"_s;

    const auto row = [](const char *name, const QString &login, const QString &role, const QString &statement,
                        const QString &snapshot, bool allowed, const QString &table, const QString &operation) {
        QTest::newRow(name) << login << role << statement << snapshot << allowed << table << operation;
    };
    const QString r = u"alice_reviewer"_s, a = u"bob_admin"_s, s = u"carol_support"_s;
    const QString rr = u"staff_reviewer"_s, ar = u"staff_admin"_s, sr = u"staff_support"_s;

    row("reviewer edits content", r, rr, u"UPDATE draft_content SET content = 'edited' WHERE id = 1"_s, draft1, true, u"draft_content"_s, u"UPDATE"_s);
    row("reviewer edits metadata", r, rr, u"UPDATE draft_content SET metadata = '{\"title\": \"T\"}' WHERE id = 1"_s, draft1, true, u"draft_content"_s, u"UPDATE"_s);
    row("reviewer discards", r, rr, u"UPDATE draft_content SET status = 'discarded' WHERE id = 3"_s, drafts, true, u"draft_content"_s, u"UPDATE"_s);
    row("reviewer moves draft to other user", r, rr, u"UPDATE draft_content SET user_id = 2 WHERE id = 1"_s, draft1, false, {}, {});
    row("reviewer changes repo", r, rr, u"UPDATE draft_content SET github_repo = 'evil/repo' WHERE id = 1"_s, draft1, false, {}, {});
    row("reviewer deletes draft", r, rr, u"DELETE FROM draft_content WHERE id = 1"_s, drafts, false, {}, {});
    row("reviewer inserts draft", r, rr, newDraft, drafts, false, {}, {});
    row("reviewer edits preferences", r, rr, u"UPDATE user_preferences SET testing_mode = true WHERE id = 1"_s, prefs, false, {}, {});
    row("reviewer inserts preferences", r, rr, u"INSERT INTO user_preferences (user_id) VALUES (1)"_s, prefs, false, {}, {});
    row("reviewer removes member", r, rr, u"DELETE FROM user_installations WHERE user_id = 1 AND installation_id = 1"_s, members, false, {}, {});
    row("reviewer sets stripe id", r, rr, u"UPDATE users SET stripe_customer_id = 'cus_r' WHERE id = 1"_s, users, false, {}, {});
    row("reviewer renames installation", r, rr, u"UPDATE github_app_installations SET account_name = 'x' WHERE id = 1"_s, installations, false, {}, {});

    row("admin edits content", a, ar, u"UPDATE draft_content SET content = 'admin edit' WHERE id = 2"_s, drafts, true, u"draft_content"_s, u"UPDATE"_s);
    row("admin edits preferences", a, ar, u"UPDATE user_preferences SET testing_mode = true WHERE id = 1"_s, prefs, true, u"user_preferences"_s, u"UPDATE"_s);
    row("admin inserts preferences", a, ar, u"INSERT INTO user_preferences (user_id, auto_publish_prs) VALUES (3, true)"_s, prefs, true, u"user_preferences"_s, u"INSERT"_s);
    row("admin deletes preferences", a, ar, u"DELETE FROM user_preferences WHERE id = 2"_s, prefs, false, {}, {});
    row("admin changes permission", a, ar, u"UPDATE user_installations SET permission_level = 'read' WHERE user_id = 2 AND installation_id = 1"_s, members, true, u"user_installations"_s, u"UPDATE"_s);
    row("admin adds member", a, ar, u"INSERT INTO user_installations (user_id, installation_id, permission_level) VALUES (3, 1, 'write')"_s, members, true, u"user_installations"_s, u"INSERT"_s);
    row("admin removes member", a, ar, u"DELETE FROM user_installations WHERE user_id = 1 AND installation_id = 2"_s, members, true, u"user_installations"_s, u"DELETE"_s);
    row("admin sets stripe id", a, ar, u"UPDATE users SET stripe_customer_id = 'cus_a' WHERE id = 1"_s, users, false, {}, {});
    row("admin deletes draft", a, ar, u"DELETE FROM draft_content WHERE id = 2"_s, drafts, false, {}, {});
    row("admin inserts user", a, ar, u"INSERT INTO users (github_id) VALUES ('999')"_s, users, false, {}, {});

    row("support sets stripe id", s, sr, u"UPDATE users SET stripe_customer_id = 'cus_support' WHERE id = 2"_s, users, true, u"users"_s, u"UPDATE"_s);
    row("support changes github id", s, sr, u"UPDATE users SET github_id = '666' WHERE id = 2"_s, users, false, {}, {});
    row("support deletes user", s, sr, u"DELETE FROM users WHERE id = 3"_s, users, false, {}, {});
    row("support edits draft", s, sr, u"UPDATE draft_content SET content = 'support' WHERE id = 1"_s, drafts, false, {}, {});
    row("support publishes draft", s, sr, u"UPDATE draft_content SET status = 'published' WHERE id = 1"_s, drafts, false, {}, {});
    row("support edits preferences", s, sr, u"UPDATE user_preferences SET auto_publish_comments = true WHERE id = 1"_s, prefs, false, {}, {});
    row("support adds member", s, sr, u"INSERT INTO user_installations (user_id, installation_id, permission_level) VALUES (3, 2, 'read')"_s, members, false, {}, {});
    row("support removes member", s, sr, u"DELETE FROM user_installations WHERE user_id = 2 AND installation_id = 1"_s, members, false, {}, {});
}

void TestRoles::writesFollowTheRole()
{
    QFETCH(QString, login);
    QFETCH(QString, role);
    QFETCH(QString, statement);
    QFETCH(QString, snapshot);
    QFETCH(bool, allowed);
    QFETCH(QString, table);
    QFETCH(QString, operation);

    const QString before = scalar(snapshot);
    const qint64 auditBefore = lastAuditId();
    auto conn = as(login);
    int affected = 0;
    const QSqlError error = run(conn->db(), statement, &affected);

    if (!allowed) {
        QVERIFY2(error.isValid(), "PostgreSQL accepted a write the role may not make");
        QCOMPARE(error.nativeErrorCode(), u"42501"_s);
        QCOMPARE(DbError::fromSql(error).kind, DbError::Kind::Permission);
        QCOMPARE(scalar(snapshot), before);
        QCOMPARE(lastAuditId(), auditBefore);
        return;
    }
    QVERIFY2(!error.isValid(), qPrintable(error.text()));
    QCOMPARE(affected, 1);
    QVERIFY(scalar(snapshot) != before);

    QSqlQuery q(m_admin->db());
    QVERIFY(q.prepare(u"SELECT login, role, staff_roles::text, table_name, operation, application_name "
                      "FROM audit_log WHERE id > :id ORDER BY id"_s));
    q.bindValue(u":id"_s, auditBefore);
    QVERIFY(q.exec());
    QVERIFY2(q.next(), "no audit row was written");
    QCOMPARE(q.value(0).toString(), login);
    QCOMPARE(q.value(1).toString(), login);
    QVERIFY2(q.value(2).toString().contains(role), qPrintable(q.value(2).toString()));
    QCOMPARE(q.value(3).toString(), table);
    QCOMPARE(q.value(4).toString(), operation);
    QCOMPARE(q.value(5).toString(), u"staff-console ("_s + login + u')');
    QVERIFY2(!q.next(), "more than one audit row for one row changed");
}

void TestRoles::permissionErrorNamesWhatWasRefused()
{
    auto conn = as(u"carol_support"_s);
    QSqlQuery q(conn->db());
    QVERIFY(!q.exec(u"UPDATE draft_content SET content = 'x' WHERE id = 1"_s));
    const DbError error = DbError::fromSql(q.lastError(), u"save the draft"_s);
    QCOMPARE(error.kind, DbError::Kind::Permission);
    QVERIFY2(error.message.contains(u"save the draft"_s), qPrintable(error.message));
    QVERIFY2(error.detail.contains(u"draft_content"_s), qPrintable(error.detail));
}

void TestRoles::auditRecordsChangedColumnsOnly()
{
    const qint64 auditBefore = lastAuditId();
    auto conn = as(u"alice_reviewer"_s);
    QVERIFY(!run(conn->db(), u"UPDATE draft_content SET content = 'changed only', status = status WHERE id = 2"_s).isValid());

    QSqlQuery q(m_admin->db());
    QVERIFY(q.prepare(u"SELECT id, row_key::text, before::text, after::text FROM audit_log WHERE id > :id"_s));
    q.bindValue(u":id"_s, auditBefore);
    QVERIFY(q.exec() && q.next());
    const qint64 entry = q.value(0).toLongLong();
    QCOMPARE(q.value(1).toString(), u"{\"id\": 2}"_s);
    const QString before = q.value(2).toString();
    const QString after = q.value(3).toString();
    QVERIFY2(before.contains(u"\"content\""_s) && before.contains(u"\"updated_at\""_s), qPrintable(before));
    QVERIFY2(!before.contains(u"\"status\""_s) && !before.contains(u"\"github_repo\""_s), qPrintable(before));
    QVERIFY2(after.contains(u"\"changed only\""_s) && !after.contains(u"\"status\""_s), qPrintable(after));

    AuditStore store(conn->db());
    const auto changes = store.changes(entry);
    SC_VERIFY_OK(changes);
    QCOMPARE(changes->size(), 2);
    QCOMPARE(changes->at(0).column, u"content"_s);
    QCOMPARE(changes->at(0).after, u"\"changed only\""_s);
    QCOMPARE(changes->at(1).column, u"updated_at"_s);

    // INSERT keeps the whole new row, DELETE the whole old one; JSON numbers stay exact.
    const qint64 beforeInsert = lastAuditId();
    QVERIFY(!run(m_admin->db(), u"INSERT INTO user_preferences (user_id, notification_settings) "
                                 "VALUES (3, '{\"big\": 9007199254740993}')"_s).isValid());
    QCOMPARE(scalar(u"SELECT after -> 'notification_settings' ->> 'big' FROM audit_log WHERE id > %1"_s.arg(beforeInsert)),
             u"9007199254740993"_s);
    QCOMPARE(scalar(u"SELECT before IS NULL FROM audit_log WHERE id > %1"_s.arg(beforeInsert)), u"true"_s);
}

void TestRoles::auditRecordsSetRole()
{
    const qint64 auditBefore = lastAuditId();
    auto conn = as(u"carol_support"_s);
    QVERIFY(!run(conn->db(), u"SET ROLE staff_support"_s).isValid());
    QVERIFY(!run(conn->db(), u"UPDATE users SET stripe_customer_id = 'cus_via_role' WHERE id = 3"_s).isValid());
    QCOMPARE(scalar(u"SELECT login || '/' || role FROM audit_log WHERE id > %1"_s.arg(auditBefore)),
             u"carol_support/staff_support"_s);
}

void TestRoles::auditLogIsAppendOnly_data()
{
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("statement");
    for (const QString &login : {u"alice_reviewer"_s, u"bob_admin"_s, u"carol_support"_s, u"dave_backend"_s}) {
        QTest::newRow(qPrintable(login + u" update"_s)) << login << u"UPDATE audit_log SET login = 'nobody'"_s;
        QTest::newRow(qPrintable(login + u" delete"_s)) << login << u"DELETE FROM audit_log"_s;
        QTest::newRow(qPrintable(login + u" truncate"_s)) << login << u"TRUNCATE audit_log"_s;
        QTest::newRow(qPrintable(login + u" insert"_s))
            << login << u"INSERT INTO audit_log (login, role, table_name, row_key, operation) "
                        "VALUES ('x', 'x', 'users', '{}', 'DELETE')"_s;
    }
}

void TestRoles::auditLogIsAppendOnly()
{
    QFETCH(QString, login);
    QFETCH(QString, statement);
    const QString before = scalar(u"SELECT count(*) || '/' || md5(string_agg(login || operation, ',' ORDER BY id)) FROM audit_log"_s);
    auto conn = as(login);
    const QSqlError error = run(conn->db(), statement);
    QVERIFY(error.isValid());
    QCOMPARE(error.nativeErrorCode(), u"42501"_s);
    QCOMPARE(scalar(u"SELECT count(*) || '/' || md5(string_agg(login || operation, ',' ORDER BY id)) FROM audit_log"_s), before);
}

void TestRoles::auditLogRefusesEvenAMistakenGrant()
{
    QVERIFY(!run(m_admin->db(), u"GRANT UPDATE, DELETE, TRUNCATE ON audit_log TO staff_admin"_s).isValid());
    auto conn = as(u"bob_admin"_s);
    const QString count = scalar(u"SELECT count(*) FROM audit_log"_s);
    for (const QString &sql : {u"UPDATE audit_log SET login = 'nobody'"_s, u"DELETE FROM audit_log"_s,
                               u"TRUNCATE audit_log"_s}) {
        const QSqlError error = run(conn->db(), sql);
        QVERIFY2(error.isValid(), qPrintable(sql));
        QCOMPARE(error.nativeErrorCode(), u"42501"_s);
        QVERIFY2(error.databaseText().contains(u"append-only"_s), qPrintable(error.databaseText()));
    }
    QVERIFY(!run(m_admin->db(), u"REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM staff_admin"_s).isValid());
    QCOMPARE(scalar(u"SELECT count(*) FROM audit_log"_s), count);

    // The owner (retention jobs) may still delete.
    QVERIFY(!run(m_admin->db(), u"BEGIN"_s).isValid());
    int affected = 0;
    QVERIFY(!run(m_admin->db(), u"DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)"_s, &affected).isValid());
    QCOMPARE(affected, 1);
    QVERIFY(!run(m_admin->db(), u"ROLLBACK"_s).isValid());
}

void TestRoles::auditStorePagesNewestFirstWithoutGaps()
{
    // Entries sharing one timestamp (to the microsecond) must page by id without loss.
    QVERIFY(!run(m_admin->db(), u"INSERT INTO audit_log (at, login, role, table_name, row_key, operation) "
                                 "SELECT timestamptz '2030-01-01 12:00:00.123456+00', 'tie', 'tie', 'users', "
                                 "jsonb_build_object('id', g), 'UPDATE' FROM generate_series(1, 5) g"_s).isValid());
    QVERIFY(!run(m_admin->db(), u"INSERT INTO audit_log (at, login, role, table_name, row_key, operation) "
                                 "VALUES (timestamptz '2030-01-01 12:00:00.123999+00', 'tie', 'tie', 'users', '{\"id\": 6}', 'UPDATE'), "
                                 "(timestamptz '2030-01-01 12:00:00.123001+00', 'tie', 'tie', 'users', '{\"id\": 7}', 'UPDATE')"_s).isValid());
    const QStringList expected = scalar(u"SELECT string_agg(id::text, ',' ORDER BY at DESC, id DESC) FROM audit_log"_s)
                                     .split(u',');

    auto conn = as(u"carol_support"_s);
    AuditStore store(conn->db());
    QStringList seen;
    std::optional<AuditCursor> cursor;
    int pages = 0;
    do {
        const auto page = store.page({}, cursor, 2);
        SC_VERIFY_OK(page);
        QVERIFY(page->entries.size() <= 2);
        for (const AuditEntry &e : page->entries)
            seen << QString::number(e.id);
        cursor = page->next;
        ++pages;
    } while (cursor && pages < 1000);
    QCOMPARE(seen, expected);
    QCOMPARE(pages, int((expected.size() + 1) / 2));
}

void TestRoles::auditStoreFiltersAndHistory()
{
    auto conn = as(u"alice_reviewer"_s);
    AuditStore store(conn->db());

    const QString key = AuditStore::rowKeyFor(u"draft_content"_s, u"1"_s);
    QCOMPARE(key, u"{\"id\": 1}"_s);
    QCOMPARE(AuditStore::rowKeyFor(u"user_installations"_s, u"2, 1"_s), u"{\"user_id\": 2, \"installation_id\": 1}"_s);
    QVERIFY(AuditStore::rowKeyFor(u"draft_content"_s, u"1; DROP TABLE users"_s).isEmpty());

    const auto history = store.history(u"draft_content"_s, key);
    SC_VERIFY_OK(history);
    QCOMPARE(qint64(history->size()), scalar(u"SELECT count(*) FROM audit_log WHERE table_name = 'draft_content' AND row_key = '{\"id\": 1}'"_s).toLongLong());
    QVERIFY(history->size() >= 3); // the seed insert and the reviewer's edits
    QCOMPARE(history->last().operation, u"INSERT"_s);
    QVERIFY(history->last().changedColumns.isEmpty());
    QCOMPARE(history->first().changedColumns, (QStringList{u"metadata"_s, u"updated_at"_s}));
    for (qsizetype i = 1; i < history->size(); ++i)
        QVERIFY(history->at(i - 1).at >= history->at(i).at);

    const auto members = store.history(u"user_installations"_s, AuditStore::rowKeyFor(u"user_installations"_s, u"2,1"_s));
    SC_VERIFY_OK(members);
    QVERIFY(!members->isEmpty());
    QCOMPARE(members->first().login, u"bob_admin"_s);

    AuditFilter byLogin;
    byLogin.login = u"carol_support"_s;
    const auto carol = store.page(byLogin);
    SC_VERIFY_OK(carol);
    QVERIFY(!carol->entries.isEmpty());
    for (const AuditEntry &e : carol->entries)
        QCOMPARE(e.login, u"carol_support"_s);

    AuditFilter byTime;
    byTime.from = QDateTime(QDate(2030, 1, 1), QTime(12, 0, 0, 123), Qt::UTC);
    byTime.to = QDateTime(QDate(2030, 1, 1), QTime(12, 0, 0, 124), Qt::UTC);
    const auto window = store.page(byTime);
    SC_VERIFY_OK(window);
    QCOMPARE(window->entries.size(), 7);
    QCOMPARE(window->entries.first().rowKey, u"{\"id\": 6}"_s);
    QCOMPARE(window->entries.first().at.toUTC().time(), QTime(12, 0, 0, 123));
}

void TestRoles::auditStoreRefusedForBackend()
{
    auto conn = as(u"dave_backend"_s);
    const auto page = AuditStore(conn->db()).page({});
    QVERIFY(!page);
    QCOMPARE(page.error().kind, DbError::Kind::Permission);
    QVERIFY2(page.error().message.contains(u"audit log"_s), qPrintable(page.error().message));
}

void TestRoles::backendSeesOnlyItsUsersRows()
{
    auto conn = as(u"dave_backend"_s);
    const QSqlDatabase db = conn->db();
    QVERIFY(!run(db, u"SET app.user_id = '1'"_s).isValid());

    QSqlQuery q(db);
    QVERIFY(q.exec(u"SELECT DISTINCT user_id FROM draft_content UNION SELECT user_id FROM user_preferences "
                   "UNION SELECT user_id FROM user_installations"_s));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    QVERIFY(!q.next());

    const QString otherDraft = scalar(u"SELECT to_jsonb(d) FROM draft_content d WHERE id = 2"_s);
    const QString otherPrefs = scalar(u"SELECT to_jsonb(p) FROM user_preferences p WHERE id = 2"_s);
    int affected = -1;
    QVERIFY(!run(db, u"UPDATE draft_content SET content = 'hijack' WHERE id = 2"_s, &affected).isValid());
    QCOMPARE(affected, 0);
    QVERIFY(!run(db, u"DELETE FROM user_preferences WHERE id = 2"_s, &affected).isValid());
    QCOMPARE(affected, 0);
    QVERIFY(!run(db, u"DELETE FROM user_installations WHERE user_id = 2"_s, &affected).isValid());
    QCOMPARE(affected, 0);
    QCOMPARE(scalar(u"SELECT to_jsonb(d) FROM draft_content d WHERE id = 2"_s), otherDraft);
    QCOMPARE(scalar(u"SELECT to_jsonb(p) FROM user_preferences p WHERE id = 2"_s), otherPrefs);

    // Moving its own row to another user, or creating one for them, is refused.
    QSqlError error = run(db, u"UPDATE draft_content SET user_id = 2 WHERE id = 1"_s);
    QCOMPARE(error.nativeErrorCode(), u"42501"_s);
    error = run(db, u"INSERT INTO user_preferences (user_id) VALUES (2)"_s);
    QCOMPARE(error.nativeErrorCode(), u"42501"_s);

    // Its own rows it may change; the audit log names the backend's login.
    const qint64 auditBefore = lastAuditId();
    QVERIFY(!run(db, u"UPDATE user_preferences SET testing_mode = true WHERE user_id = 1"_s, &affected).isValid());
    QCOMPARE(affected, 1);
    QCOMPARE(scalar(u"SELECT login || ' ' || staff_roles::text FROM audit_log WHERE id > %1"_s.arg(auditBefore)),
             u"dave_backend {app_backend}"_s);
}

void TestRoles::backendWithoutSettingSeesNothing()
{
    auto conn = as(u"dave_backend"_s);
    const QSqlDatabase db = conn->db();
    for (const QString &table : {u"draft_content"_s, u"user_preferences"_s, u"user_installations"_s}) {
        QSqlQuery q(db);
        QVERIFY2(q.exec(u"SELECT count(*) FROM "_s + table), qPrintable(q.lastError().text()));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }
    QVERIFY(!run(db, u"SET app.user_id = '2'"_s).isValid());
    QCOMPARE(scalar(u"SELECT count(*) FROM draft_content WHERE user_id = 2"_s), u"1"_s);
    QSqlQuery q(db);
    QVERIFY(q.exec(u"SELECT count(*) FROM draft_content"_s) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    QVERIFY(!run(db, u"SET app.user_id = ''"_s).isValid());
    QVERIFY(q.exec(u"SELECT count(*) FROM draft_content"_s) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    int affected = -1;
    QVERIFY(!run(db, u"UPDATE draft_content SET content = 'blind'"_s, &affected).isValid());
    QCOMPARE(affected, 0);
}

void TestRoles::createdLoginCarriesRoleTimeouts()
{
    // No StaffSessionSettings::apply here: the login's own role settings apply to any client.
    for (const auto &[login, timeout] : {std::pair{u"alice_reviewer"_s, u"30s"_s}, std::pair{u"bob_admin"_s, u"1min"_s},
                                         std::pair{u"carol_support"_s, u"30s"_s}}) {
        auto conn = as(login);
        QSqlQuery q(conn->db());
        QVERIFY(q.exec(u"SELECT current_setting('statement_timeout'), current_setting('idle_in_transaction_session_timeout')"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), timeout);
        QVERIFY(q.value(1).toString() != u"0"_s);
    }
}

void TestRoles::sessionSettingsApplyToMembers()
{
    // frank and grace were made members by plain SQL: PostgreSQL gives them no settings of their own.
    auto frank = as(u"frank_reviewer"_s);
    QSqlQuery q(frank->db());
    QVERIFY(q.exec(u"SHOW statement_timeout"_s) && q.next());
    QCOMPARE(q.value(0).toString(), u"0"_s);
    q.finish();
    const auto applied = StaffSessionSettings::apply(frank->db());
    SC_VERIFY_OK(applied);
    QCOMPARE(*applied, u"30s"_s);
    QVERIFY(q.exec(u"SHOW idle_in_transaction_session_timeout"_s) && q.next());
    QCOMPARE(q.value(0).toString(), u"2min"_s);

    auto grace = as(u"grace_both"_s); // reviewer 2min, support 1min idle: the more generous wins
    const auto graceApplied = StaffSessionSettings::apply(grace->db());
    SC_VERIFY_OK(graceApplied);
    QCOMPARE(*graceApplied, u"30s"_s);
    QSqlQuery g(grace->db());
    QVERIFY(g.exec(u"SHOW idle_in_transaction_session_timeout"_s) && g.next());
    QCOMPARE(g.value(0).toString(), u"2min"_s);

    // The superuser keeps its own configuration.
    const auto owner = StaffSessionSettings::apply(m_admin->db());
    SC_VERIFY_OK(owner);
    QCOMPARE(*owner, u"0"_s);
}

void TestRoles::statementTimeoutCancelsLongQueries()
{
    QVERIFY(!run(m_admin->db(), u"UPDATE staff_role_session_settings SET statement_timeout = '200ms' "
                                 "WHERE role_name = 'staff_reviewer'"_s).isValid());
    auto frank = as(u"frank_reviewer"_s);
    const auto applied = StaffSessionSettings::apply(frank->db());
    QVERIFY(!run(m_admin->db(), u"UPDATE staff_role_session_settings SET statement_timeout = '30s' "
                                 "WHERE role_name = 'staff_reviewer'"_s).isValid());
    SC_VERIFY_OK(applied);
    QCOMPARE(*applied, u"200ms"_s);
    const QSqlError error = run(frank->db(), u"SELECT pg_sleep(5)"_s);
    QCOMPARE(error.nativeErrorCode(), u"57014"_s); // query_canceled by statement_timeout
}

void TestRoles::sessionConnectionsCarryTheLimits()
{
    ConnectionProfile p = m_profile;
    p.user = u"frank_reviewer"_s;  // no role settings of its own
    const Session session(p, {}, false);
    auto conn = session.connectionFactory()(u"session-limits"_s);
    SC_VERIFY_OK(conn);
    QSqlQuery q((*conn)->db());
    QVERIFY(q.exec(u"SELECT current_setting('statement_timeout'), current_setting('idle_in_transaction_session_timeout')"_s));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), u"30s"_s);
    QCOMPARE(q.value(1).toString(), u"2min"_s);
}

void TestRoles::loginCreationNeedsCreateRole()
{
    auto conn = as(u"bob_admin"_s);
    const auto created = StaffLoginCreator(conn->db()).create(u"mallory"_s, {u"staff_admin"_s});
    QVERIFY(!created);
    QCOMPARE(created.error().kind, DbError::Kind::Permission);
    QVERIFY2(created.error().message.contains(u"mallory"_s), qPrintable(created.error().message));
    QCOMPARE(scalar(u"SELECT count(*) FROM pg_roles WHERE rolname = 'mallory'"_s), u"0"_s);
}

void TestRoles::loginCreationRejectsBadInput()
{
    auto conn = as(u"erin_creator"_s);
    StaffLoginCreator creator(conn->db());
    QVERIFY(!creator.create(u"Robert\"; DROP ROLE bob_admin; --"_s, {u"staff_reviewer"_s}));
    QVERIFY(!creator.create(u"nobody_roles"_s, {}));
    QVERIFY(!creator.create(u"super_wannabe"_s, {u"pg_read_server_files"_s}));
    const auto duplicate = creator.create(u"alice_reviewer"_s, {u"staff_reviewer"_s});
    QVERIFY(!duplicate);
    QVERIFY2(duplicate.error().message.contains(u"already exists"_s), qPrintable(duplicate.error().message));

    // The server-side function refuses what the client would not send, too.
    for (const QString &sql : {u"SELECT staff_create_login('zed', 'plain text password', ARRAY['staff_reviewer'])"_s,
                               u"SELECT staff_create_login('zed', 'SCRAM-SHA-256$4096:AA==$AA==:AA==', ARRAY['pg_signal_backend'])"_s,
                               u"SELECT staff_create_login('ZED\"x', 'SCRAM-SHA-256$4096:AA==$AA==:AA==', ARRAY['staff_reviewer'])"_s}) {
        const QSqlError error = run(conn->db(), sql);
        QVERIFY2(error.isValid(), qPrintable(sql));
        QCOMPARE(error.nativeErrorCode(), u"22023"_s);
    }
    QCOMPARE(scalar(u"SELECT count(*) FROM pg_roles WHERE rolname IN ('zed', 'nobody_roles', 'super_wannabe')"_s), u"0"_s);
    QCOMPARE(scalar(u"SELECT count(*) FROM pg_roles WHERE rolname = 'bob_admin'"_s), u"1"_s);
}

void TestRoles::createdPasswordAuthenticates()
{
    // Require SCRAM for this one login on the socket, so the generated password is really checked.
    const QString hba = PgFixture::instance().cluster().dataDirectory() + u"/pg_hba.conf"_s;
    QFile file(hba);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray original = file.readAll();
    file.close();
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("local all pw_checked scram-sha-256\n" + original);
    file.close();
    QCOMPARE(scalar(u"SELECT pg_reload_conf()"_s), u"true"_s);

    auto creatorConnection = as(u"erin_creator"_s);
    const auto password = StaffLoginCreator(creatorConnection->db()).create(u"pw_checked"_s, {u"staff_support"_s});
    SC_VERIFY_OK(password);
    QCOMPARE(password->size(), 24);
    QVERIFY(scalar(u"SELECT rolpassword FROM pg_authid WHERE rolname = 'pw_checked'"_s).startsWith(u"SCRAM-SHA-256$4096:"_s));

    ConnectionProfile p = m_profile;
    p.user = u"pw_checked"_s;
    const auto wrong = PgConnection::open(p, u"not the password"_s, u"pw-wrong"_s);
    const auto right = PgConnection::open(p, *password, u"pw-right"_s);

    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(original);
    file.close();
    scalar(u"SELECT pg_reload_conf()"_s);

    QVERIFY(!wrong);
    QVERIFY2(wrong.error().detail.contains(u"password authentication failed"_s), qPrintable(wrong.error().detail));
    QCOMPARE(wrong.error().kind, DbError::Kind::Authentication);
    QVERIFY2(!wrong.error().text().contains(*password), "the password leaked into an error");
    SC_VERIFY_OK(right);
    QSqlQuery q((*right)->db());
    QVERIFY(q.exec(u"SELECT session_user"_s) && q.next());
    QCOMPARE(q.value(0).toString(), u"pw_checked"_s);
}

QTEST_GUILESS_MAIN(TestRoles)
#include "tst_roles.moc"
