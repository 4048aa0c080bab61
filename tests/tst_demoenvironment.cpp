#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include "demoenvironment.h"
#include "expectedcheck.h"
#include "migrator.h"

using namespace Qt::StringLiterals;

class TestDemoEnvironment : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void firstStartSeeds();
    void secondStartKeepsData();
    void otherDraftCountReseedsDrafts();
    void resetStartsAfresh();
    void stepsRunAndCanStopTheStart();
    void largeSeedBuildsTextIndexInBackground();
    void resetRefusesForeignDirectory();

private:
    QString clusterDirectory() const { return m_base.filePath(u"demo-cluster"_s); }
    static qint64 scalar(const ConnectionProfile &profile, const QString &sql);

    QTemporaryDir m_base;
};

qint64 TestDemoEnvironment::scalar(const ConnectionProfile &profile, const QString &sql)
{
    auto conn = PgConnection::open(profile, {}, u"test"_s);
    if (!conn)
        qFatal("connect: %s", qPrintable(conn.error().text()));
    QSqlQuery q((*conn)->db());
    if (!q.exec(sql) || !q.next())
        qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    return q.value(0).toLongLong();
}

void TestDemoEnvironment::initTestCase()
{
    QVERIFY(m_base.isValid());
    // As root the server runs as `postgres`, which must reach the cluster directory.
    QVERIFY(QFile::setPermissions(m_base.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                     | QFileDevice::ReadGroup | QFileDevice::ExeGroup
                                                     | QFileDevice::ReadOther | QFileDevice::ExeOther));
}

void TestDemoEnvironment::firstStartSeeds()
{
    auto env = DemoEnvironment::start({false, std::nullopt, clusterDirectory()});
    SC_VERIFY_OK(env);
    QVERIFY((*env)->seededThisRun());
    QVERIFY(QFile::exists(QDir(clusterDirectory()).filePath(u"PG_VERSION"_s)));
    const ConnectionProfile profile = (*env)->profile();
    QCOMPARE(profile.database, u"staff_console_demo"_s);
    QCOMPARE((*env)->counts().drafts, qint64(3000));
    QVERIFY((*env)->counts().users >= 300);
    QCOMPARE(scalar(profile, u"SELECT count(*) FROM draft_content"_s), qint64(3000));
    QCOMPARE(scalar(profile, u"SELECT max(version) FROM staff_console_schema_version"_s), qint64(Migrator::latestVersion()));
    // A change the next start must keep.
    QCOMPARE(scalar(profile, u"WITH u AS (UPDATE draft_content SET status = 'discarded' WHERE id = 7 RETURNING id) SELECT count(*) FROM u"_s),
             qint64(1));
    const qint64 serverPid = (*env)->cluster().serverPid();
    (*env)->stop();
    QVERIFY(serverPid > 0);
    QTRY_VERIFY_WITH_TIMEOUT(::kill(static_cast<pid_t>(serverPid), 0) != 0, 10000);
}

void TestDemoEnvironment::secondStartKeepsData()
{
    QElapsedTimer timer;
    timer.start();
    auto env = DemoEnvironment::start({false, std::nullopt, clusterDirectory()});
    SC_VERIFY_OK(env);
    qInfo("Warm demo start: %lld ms", timer.elapsed());
    QVERIFY(!(*env)->seededThisRun());
    QCOMPARE((*env)->counts().drafts, qint64(3000));
    QCOMPARE(scalar((*env)->profile(), u"SELECT count(*) FROM draft_content WHERE id = 7 AND status = 'discarded'"_s), qint64(1));
    QVERIFY(timer.elapsed() < 10000);
}

void TestDemoEnvironment::otherDraftCountReseedsDrafts()
{
    auto env = DemoEnvironment::start({false, 1200, clusterDirectory()});
    SC_VERIFY_OK(env);
    QVERIFY((*env)->seededThisRun());
    QCOMPARE((*env)->counts().drafts, qint64(1200));
    QCOMPARE(scalar((*env)->profile(), u"SELECT count(*) FROM draft_content"_s), qint64(1200));
    QVERIFY(scalar((*env)->profile(), u"SELECT count(*) FROM users"_s) >= 300);
    (*env)->stop();

    // The same count again: nothing to do.
    auto same = DemoEnvironment::start({false, 1200, clusterDirectory()});
    SC_VERIFY_OK(same);
    QVERIFY(!(*same)->seededThisRun());
}

void TestDemoEnvironment::resetStartsAfresh()
{
    {
        auto env = DemoEnvironment::start({false, std::nullopt, clusterDirectory()});
        SC_VERIFY_OK(env);
        QCOMPARE(scalar((*env)->profile(), u"SELECT count(*) FROM draft_content"_s), qint64(1200));
        scalar((*env)->profile(), u"WITH x AS (INSERT INTO users (github_id) VALUES ('424242424') RETURNING id) SELECT count(*) FROM x"_s);
    }
    auto env = DemoEnvironment::start({true, std::nullopt, clusterDirectory()});
    SC_VERIFY_OK(env);
    QVERIFY((*env)->seededThisRun());
    QCOMPARE((*env)->counts().drafts, qint64(3000));
    QCOMPARE(scalar((*env)->profile(), u"SELECT count(*) FROM users WHERE github_id = '424242424'"_s), qint64(0));
}

void TestDemoEnvironment::stepsRunAndCanStopTheStart()
{
    QStringList ran;
    const QList<DemoStep> steps{
        {u"first"_s, [&](DemoEnvironment &environment, QSqlDatabase db) -> std::expected<void, QString> {
             QSqlQuery q(db);
             if (!q.exec(u"SELECT count(*) FROM users"_s) || !q.next() || q.value(0).toInt() < 300)
                 return std::unexpected(u"no users"_s);
             ran << u"first"_s + environment.profile().database;
             return {};
         }},
        {u"second"_s, [&](DemoEnvironment &, QSqlDatabase) -> std::expected<void, QString> {
             ran << u"second"_s;
             return {};
         }},
    };
    {
        auto env = DemoEnvironment::start({false, std::nullopt, clusterDirectory()}, steps);
        SC_VERIFY_OK(env);
        QCOMPARE(ran, (QStringList{u"firststaff_console_demo"_s, u"second"_s}));
    }

    ran.clear();
    const QList<DemoStep> failing{
        {u"sandbox GitHub"_s, [](DemoEnvironment &, QSqlDatabase) -> std::expected<void, QString> {
             return std::unexpected(u"port in use"_s);
         }},
        steps.at(1),
    };
    auto env = DemoEnvironment::start({false, std::nullopt, clusterDirectory()}, failing);
    QVERIFY(!env);
    QVERIFY2(env.error().contains(u"sandbox GitHub"_s) && env.error().contains(u"port in use"_s), qPrintable(env.error()));
    QVERIFY(ran.isEmpty());
    // The failed start stopped its server: the next one can take the data directory.
    auto next = DemoEnvironment::start({false, std::nullopt, clusterDirectory()});
    SC_VERIFY_OK(next);
}

void TestDemoEnvironment::largeSeedBuildsTextIndexInBackground()
{
    const QString validTrigramIndex = uR"(SELECT count(*) FROM pg_index
        WHERE indexrelid = to_regclass('idx_draft_content_content_trgm') AND indisvalid)"_s;
    {
        // Stopped at once: the index build is interrupted (or not even started).
        auto env = DemoEnvironment::start({false, 60000, clusterDirectory()});
        SC_VERIFY_OK(env);
        QVERIFY((*env)->seededThisRun());
        QVERIFY((*env)->buildingIndexes());
    }
    auto env = DemoEnvironment::start({false, 60000, clusterDirectory()});
    SC_VERIFY_OK(env);
    QVERIFY(!(*env)->seededThisRun());
    QTRY_VERIFY_WITH_TIMEOUT(!(*env)->buildingIndexes(), 300000);
    QCOMPARE(scalar((*env)->profile(), validTrigramIndex), qint64(1));
    QCOMPARE(scalar((*env)->profile(), u"SELECT count(*) FROM staff_console_demo_deferred_indexes"_s), qint64(0));
    QCOMPARE(scalar((*env)->profile(), u"SELECT count(*) FROM draft_content"_s), qint64(60000));
}

void TestDemoEnvironment::resetRefusesForeignDirectory()
{
    const QString foreign = m_base.filePath(u"documents"_s);
    QVERIFY(QDir().mkpath(foreign));
    QFile note(QDir(foreign).filePath(u"note.txt"_s));
    QVERIFY(note.open(QIODevice::WriteOnly));
    note.write("keep me");
    note.close();
    auto env = DemoEnvironment::start({true, std::nullopt, foreign});
    QVERIFY(!env);
    QVERIFY2(env.error().contains(u"not a PostgreSQL cluster"_s), qPrintable(env.error()));
    QVERIFY(QFile::exists(note.fileName()));
}

QTEST_GUILESS_MAIN(TestDemoEnvironment)
#include "tst_demoenvironment.moc"
