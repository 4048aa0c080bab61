#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include "auditstore.h"
#include "demohistory.h"
#include "demologins.h"
#include "demoseeder.h"
#include "expectedcheck.h"
#include "migrator.h"
#include "pgfixture.h"

using namespace Qt::StringLiterals;

class TestDemoHistory : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void recordsEditsAsEachLogin_data();
    void recordsEditsAsEachLogin();
    void labelledAsTheDemoSetUp();
    void secondRunAddsNothing();
    void emptyDatabaseIsNoError();

private:
    static std::unique_ptr<PgConnection> preparedDatabase(const QString &name, ConnectionProfile &profile, bool seed);
    qint64 scalar(const QString &sql, const QString &login = {});

    ConnectionProfile m_profile;
    std::unique_ptr<PgConnection> m_conn;
    int m_recorded = 0;
};

std::unique_ptr<PgConnection> TestDemoHistory::preparedDatabase(const QString &name, ConnectionProfile &profile, bool seed)
{
    profile = PgFixture::instance().freshDatabase(name);
    auto conn = PgFixture::instance().connect(profile);
    const auto migrated = Migrator(conn->db()).migrate();
    if (!migrated)
        qFatal("migrate: %s", qPrintable(migrated.error().text()));
    if (seed) {
        const auto seeded = DemoSeeder(conn->db()).seed({40, 8, 60, 0.42, {}, false});
        if (!seeded)
            qFatal("seed: %s", qPrintable(seeded.error().text()));
    }
    const auto logins = DemoLogins::create(conn->db());
    if (!logins)
        qFatal("logins: %s", qPrintable(logins.error()));
    return conn;
}

qint64 TestDemoHistory::scalar(const QString &sql, const QString &login)
{
    QSqlQuery q(m_conn->db());
    if (!q.prepare(sql))
        qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    if (!login.isEmpty())
        q.bindValue(u":login"_s, login);
    if (!q.exec() || !q.next())
        qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    return q.value(0).toLongLong();
}

void TestDemoHistory::initTestCase()
{
    m_conn = preparedDatabase(u"demo_history"_s, m_profile, true);
    QCOMPARE(scalar(u"SELECT count(*) FROM audit_log"_s), qint64(0));
    const auto recorded = DemoHistory::record(m_conn->db(), m_profile);
    SC_VERIFY_OK(recorded);
    m_recorded = *recorded;
    // 2 edited + 3 discarded drafts, 3 preference rows + 1 notification change, 1 membership, 1 user.
    QCOMPARE(m_recorded, 11);
}

void TestDemoHistory::recordsEditsAsEachLogin_data()
{
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("table");
    QTest::addColumn<qint64>("rows");

    QTest::newRow("reviewer edits and discards drafts") << u"demo_reviewer"_s << u"draft_content"_s << qint64(5);
    QTest::newRow("admin changes preferences") << u"demo_admin"_s << u"user_preferences"_s << qint64(4);
    QTest::newRow("admin promotes a member") << u"demo_admin"_s << u"user_installations"_s << qint64(1);
    QTest::newRow("support links a Stripe customer") << u"demo_support"_s << u"users"_s << qint64(1);
}

void TestDemoHistory::recordsEditsAsEachLogin()
{
    QFETCH(QString, login);
    QFETCH(QString, table);
    QFETCH(qint64, rows);

    QSqlQuery q(m_conn->db());
    QVERIFY(q.prepare(u"SELECT count(*) FROM audit_log WHERE login = :login AND table_name = :table AND operation = 'UPDATE'"_s));
    q.bindValue(u":login"_s, login);
    q.bindValue(u":table"_s, table);
    QVERIFY2(q.exec() && q.next(), qPrintable(q.lastError().text()));
    QCOMPARE(q.value(0).toLongLong(), rows);
}

void TestDemoHistory::labelledAsTheDemoSetUp()
{
    // Every entry the demo set-up made carries its application_name, and the audit views call it so.
    QCOMPARE(scalar(u"SELECT count(*) FROM audit_log WHERE application_name = 'staff-console demo set-up'"_s),
             qint64(m_recorded));
    QCOMPARE(scalar(u"SELECT count(*) FROM audit_log WHERE application_name IS DISTINCT FROM 'staff-console demo set-up'"_s),
             qint64(0));
    const auto page = AuditStore(m_conn->db()).page({});
    SC_VERIFY_OK(page);
    QCOMPARE(int(page->entries.size()), m_recorded);
    for (const AuditEntry &entry : page->entries)
        QCOMPARE(AuditStore::sourceLabel(entry.applicationName), u"demo set-up"_s);
    // A later edit through the console is not labelled as the set-up's.
    QCOMPARE(AuditStore::sourceLabel(u"staff-console (drafts)"_s), u"Staff Console"_s);
}

void TestDemoHistory::secondRunAddsNothing()
{
    QCOMPARE(scalar(u"SELECT count(*) FROM audit_log"_s), qint64(m_recorded));
    QCOMPARE(scalar(u"SELECT count(*) FROM draft_content WHERE status = 'discarded' AND content LIKE '%Reviewed:%'"_s), qint64(0));
    QCOMPARE(scalar(u"SELECT count(*) FROM users WHERE stripe_customer_id LIKE 'cus\\_%' "
                    u"AND id IN (SELECT (row_key->>'id')::int FROM audit_log WHERE login = :login)"_s,
                    u"demo_support"_s),
             qint64(1));

    const auto again = DemoHistory::record(m_conn->db(), m_profile);
    SC_VERIFY_OK(again);
    QCOMPARE(*again, 0);
    QCOMPARE(scalar(u"SELECT count(*) FROM audit_log"_s), qint64(m_recorded));
}

void TestDemoHistory::emptyDatabaseIsNoError()
{
    ConnectionProfile profile;
    auto conn = preparedDatabase(u"demo_history_empty"_s, profile, false);
    const auto recorded = DemoHistory::record(conn->db(), profile);
    SC_VERIFY_OK(recorded);
    QCOMPARE(*recorded, 0);
}

QTEST_GUILESS_MAIN(TestDemoHistory)
#include "tst_demohistory.moc"
