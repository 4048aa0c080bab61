#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include "expectedcheck.h"
#include "migrator.h"
#include "pgfixture.h"
#include "session.h"

using namespace Qt::StringLiterals;

namespace {

// Role names are constants of this test; CREATE ROLE cannot take bound parameters.
void exec(const ConnectionProfile &db, const QString &sql)
{
    auto conn = PgFixture::instance().connect(db);
    QSqlQuery q(conn->db());
    if (!q.exec(sql))
        QFAIL(qPrintable(q.lastError().text()));
}

ConnectionProfile as(ConnectionProfile profile, const QString &user)
{
    profile.user = user;
    return profile;
}

} // namespace

class TstSession : public QObject
{
    Q_OBJECT

private slots:
    // Runs first: the fixture's fresh cluster has no staff roles yet.
    void toleratesMissingStaffRoles()
    {
        const ConnectionProfile db = PgFixture::instance().freshDatabase(u"tst_session_plain"_s);
        exec(db, u"CREATE ROLE sc_plain_login LOGIN"_s);
        Session session(as(db, u"sc_plain_login"_s), QString(), false);
        QSignalSpy ready(&session, &Session::ready);
        session.load();
        QVERIFY(!session.isLoaded());
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 20000);
        QCOMPARE(session.login(), u"sc_plain_login"_s);
        QVERIFY(session.roles().isEmpty());
        QVERIFY(!session.isSuperuser());
        QVERIFY(!session.hasRole(u"staff_reviewer"_s));
        QVERIFY(session.schema().has_value());
        QCOMPARE(session.schema()->state, SchemaStatus::State::Empty);
        QVERIFY(!session.schema()->canMigrate);
        QVERIFY(!session.readOnly());
        for (const auto &table : session.info()->tables)
            QCOMPARE(table.rows, -1);
    }

    void readsRolesSchemaAndCounts_data()
    {
        QTest::addColumn<QString>("login");
        QTest::addColumn<QString>("grant");
        QTest::addColumn<QStringList>("roles");
        QTest::newRow("reviewer") << u"sc_reviewer_login"_s << u"staff_reviewer"_s
                                  << QStringList{u"staff_reviewer"_s};
        QTest::newRow("admin includes reviewer") << u"sc_admin_login"_s << u"staff_admin"_s
                                                 << QStringList{u"staff_admin"_s, u"staff_reviewer"_s};
        QTest::newRow("support") << u"sc_support_login"_s << u"staff_support"_s
                                 << QStringList{u"staff_support"_s};
    }

    void readsRolesSchemaAndCounts()
    {
        QFETCH(QString, login);
        QFETCH(QString, grant);
        QFETCH(QStringList, roles);
        const ConnectionProfile db = migratedDatabase();
        exec(db, u"DROP ROLE IF EXISTS %1"_s.arg(login));
        exec(db, u"CREATE ROLE %1 LOGIN IN ROLE %2"_s.arg(login, grant));
        exec(db, u"INSERT INTO users (github_id) VALUES ('101'), ('102')"_s);

        Session session(as(db, login), QString(), false);
        QSignalSpy ready(&session, &Session::ready);
        session.load();
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 20000);
        QCOMPARE(session.login(), login);
        QCOMPARE(session.roles(), roles);
        for (const QString &role : roles)
            QVERIFY(session.hasRole(role));
        QVERIFY(!session.isSuperuser());
        QCOMPARE(session.schema()->state, SchemaStatus::State::UpToDate);
        QVERIFY(!session.readOnly());
        QCOMPARE(session.info()->tables.at(0).table, u"users"_s);
        QCOMPARE(session.info()->tables.at(0).rows, 2);
        QVERIFY(!session.info()->tables.at(0).estimate);
        QCOMPARE(session.title(), login + u'@' + db.database);
    }

    void connectionFactoryWorksOnAnyThread()
    {
        const ConnectionProfile db = PgFixture::instance().freshDatabase(u"tst_session_threads"_s);
        Session::ConnectionFactory factory;
        {
            Session session(db, QString(), true);
            factory = session.connectionFactory();
        } // the factory outlives its session
        bool opened = false;
        QString user;
        std::unique_ptr<QThread> worker(QThread::create([&] {
            auto conn = factory(u"worker"_s);
            if (!conn)
                return;
            QSqlQuery q((*conn)->db());
            opened = q.exec(u"SELECT session_user"_s) && q.next();
            user = q.value(0).toString();
        }));
        worker->start();
        QVERIFY(worker->wait(20000));
        QVERIFY(opened);
        QCOMPARE(user, db.user);
    }

    void unreachableServerFails()
    {
        ConnectionProfile nowhere = PgFixture::instance().cluster().profile();
        nowhere.host = u"/tmp/sc-no-such-socket-dir"_s;
        nowhere.port = 5999;
        Session session(nowhere, QString(), false);
        QSignalSpy failed(&session, &Session::failed);
        session.load();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
        QCOMPARE(failed.first().at(0).value<DbError>().kind, DbError::Kind::Unreachable);
        QVERIFY(!session.isLoaded());
    }

    void destroyedSessionIgnoresLateResult()
    {
        const ConnectionProfile db = PgFixture::instance().freshDatabase(u"tst_session_late"_s);
        auto *session = new Session(db, QString(), false);
        bool signalled = false;
        connect(session, &Session::ready, this, [&signalled] { signalled = true; });
        session->load();
        delete session;
        QTest::qWait(1000);
        QVERIFY(!signalled);
    }

private:
    ConnectionProfile migratedDatabase()
    {
        const ConnectionProfile db = PgFixture::instance().freshDatabase(u"tst_session_roles"_s);
        auto conn = PgFixture::instance().connect(db);
        Migrator migrator(conn->db());
        auto applied = migrator.migrate();
        if (!applied)
            qFatal("migration failed: %s", qPrintable(applied.error().text()));
        return db;
    }
};

QTEST_GUILESS_MAIN(TstSession)
#include "tst_session.moc"
