#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include "connectionthread.h"
#include "pgfixture.h"

using namespace Qt::StringLiterals;

// ConnectionThread, the database-thread primitive: read and write jobs, transactions, zero rows as
// a conflict, cancel on destruction, and connection loss reported (not hidden by a silent reopen).
class TestConnectionThread : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void readJobRunsOnItsOwnThread();
    void writeJobCommits();
    void writeJobRollsBackWhenItFails();
    void zeroRowsUpdatedIsConflict();
    void failedCommitIsReportedAndRolledBack();
    void destructorCancelsTheRunningQuery();
    void idleConnectionLossIsSignalledAndNotReopenedUntilAsked();
    void lossDuringAJobIsConnectionLostAndNextJobReopens();

private:
    ConnectionFactory factory() const;
    QString scalar(const QString &sql) const;
    // Ends the backends of this database whose application_name is "staff-console (purpose)".
    int terminate(const QString &purpose) const;

    template <typename T, typename E>
    static std::expected<T, E> resultOf(QFuture<std::expected<T, E>> future)
    {
        future.waitForFinished();
        if (future.resultCount() == 0)
            qFatal("the job's future ended without a result");
        return future.result();
    }

    ConnectionProfile m_profile;
    std::unique_ptr<PgConnection> m_admin;
};

ConnectionFactory TestConnectionThread::factory() const
{
    return [profile = m_profile](const QString &purpose) { return PgConnection::open(profile, {}, purpose); };
}

QString TestConnectionThread::scalar(const QString &sql) const
{
    QSqlQuery q(m_admin->db());
    if (!q.exec(sql) || !q.next())
        qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    return q.value(0).toString();
}

int TestConnectionThread::terminate(const QString &purpose) const
{
    QSqlQuery q(m_admin->db());
    q.prepare(u"SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
              "WHERE datname = current_database() AND application_name = :name"_s);
    q.bindValue(u":name"_s, u"staff-console (%1)"_s.arg(purpose));
    if (!q.exec() || !q.next())
        qFatal("terminate: %s", qPrintable(q.lastError().text()));
    return q.value(0).toInt();
}

void TestConnectionThread::initTestCase()
{
    m_profile = PgFixture::instance().freshDatabase(u"connectionthread"_s);
    m_admin = PgFixture::instance().connect(m_profile, u"admin"_s);
    QSqlQuery q(m_admin->db());
    QVERIFY2(q.exec(u"CREATE TABLE t (id integer PRIMARY KEY, v text NOT NULL, "
                    "u integer UNIQUE DEFERRABLE INITIALLY DEFERRED)"_s),
             qPrintable(q.lastError().text()));
}

void TestConnectionThread::init()
{
    QSqlQuery q(m_admin->db());
    QVERIFY(q.exec(u"TRUNCATE t"_s));
    QVERIFY(q.exec(u"INSERT INTO t (id, v, u) VALUES (1, 'one', 1), (2, 'two', 2)"_s));
}

void TestConnectionThread::readJobRunsOnItsOwnThread()
{
    ConnectionThread thread(factory(), u"reader"_s);
    const auto read = resultOf(thread.run<QString>([](const QSqlDatabase &db) -> std::expected<QString, DbError> {
        if (QThread::currentThread() == qApp->thread())
            return std::unexpected(DbError{DbError::Kind::Other, u"ran on the caller's thread"_s, {}, {}});
        QSqlQuery q(db);
        if (!q.exec(u"SELECT v FROM t WHERE id = 2"_s) || !q.next())
            return std::unexpected(DbError::fromSql(q.lastError()));
        return q.value(0).toString();
    }));
    QVERIFY2(read.has_value(), qPrintable(read ? QString() : read.error().text()));
    QCOMPARE(*read, u"two"_s);
}

void TestConnectionThread::writeJobCommits()
{
    ConnectionThread thread(factory(), u"writer"_s);
    const auto written = resultOf(thread.write<int>([](WriteTransaction &tx) -> std::expected<int, DbError> {
        auto q = tx.execOneRow("UPDATE t SET v = :v WHERE id = :id RETURNING id", {{u":v"_s, u"uno"_s}, {u":id"_s, 1}},
                               u"rename one"_s);
        if (!q)
            return std::unexpected(q.error());
        return q->value(0).toInt();
    }));
    QVERIFY2(written.has_value(), qPrintable(written ? QString() : written.error().text()));
    QCOMPARE(*written, 1);
    QCOMPARE(scalar(u"SELECT v FROM t WHERE id = 1"_s), u"uno"_s);
}

void TestConnectionThread::writeJobRollsBackWhenItFails()
{
    ConnectionThread thread(factory(), u"writer"_s);
    const auto written = resultOf(thread.write<void>([](WriteTransaction &tx) -> std::expected<void, DbError> {
        if (auto q = tx.exec("UPDATE t SET v = 'changed'", {}, u"change all"_s); !q)
            return std::unexpected(q.error());
        return std::unexpected(DbError{DbError::Kind::Other, u"the job gave up"_s, {}, {}});
    }));
    QVERIFY(!written);
    QCOMPARE(written.error().message, u"the job gave up"_s);
    QCOMPARE(scalar(u"SELECT string_agg(v, ',' ORDER BY id) FROM t"_s), u"one,two"_s);

    // The connection is usable afterwards: the transaction was rolled back, not left open.
    const auto next = resultOf(thread.write<void>([](WriteTransaction &tx) -> std::expected<void, DbError> {
        if (auto q = tx.execOneRow("UPDATE t SET v = 'deux' WHERE id = 2", {}, u"rename two"_s); !q)
            return std::unexpected(q.error());
        return {};
    }));
    QVERIFY2(next.has_value(), qPrintable(next ? QString() : next.error().text()));
    QCOMPARE(scalar(u"SELECT v FROM t WHERE id = 2"_s), u"deux"_s);
}

void TestConnectionThread::zeroRowsUpdatedIsConflict()
{
    ConnectionThread thread(factory(), u"writer"_s);
    const auto written = resultOf(thread.write<void>([](WriteTransaction &tx) -> std::expected<void, DbError> {
        if (auto q = tx.execOneRow("UPDATE t SET v = 'first' WHERE id = 1", {}, u"rename one"_s); !q)
            return std::unexpected(q.error());
        if (auto q = tx.execOneRow("UPDATE t SET v = 'ghost' WHERE id = :id", {{u":id"_s, 99}}, u"rename 99"_s); !q)
            return std::unexpected(q.error());
        return {};
    }));
    QVERIFY(!written);
    QCOMPARE(written.error().kind, DbError::Kind::Conflict);
    QVERIFY2(written.error().message.contains(u"rename 99"_s), qPrintable(written.error().message));
    // The whole transaction was rolled back, the first update too.
    QCOMPARE(scalar(u"SELECT v FROM t WHERE id = 1"_s), u"one"_s);
}

void TestConnectionThread::failedCommitIsReportedAndRolledBack()
{
    // A deferred unique constraint is checked at COMMIT: the job itself succeeds.
    ConnectionThread thread(factory(), u"writer"_s);
    const auto written = resultOf(thread.write<void>([](WriteTransaction &tx) -> std::expected<void, DbError> {
        if (auto q = tx.execOneRow("UPDATE t SET u = 1, v = 'dup' WHERE id = 2", {}, u"duplicate u"_s); !q)
            return std::unexpected(q.error());
        return {};
    }));
    QVERIFY(!written);
    QCOMPARE(written.error().kind, DbError::Kind::Constraint);
    QCOMPARE(scalar(u"SELECT v FROM t WHERE id = 2"_s), u"two"_s);
}

void TestConnectionThread::destructorCancelsTheRunningQuery()
{
    QFuture<std::expected<bool, DbError>> sleeping;
    QElapsedTimer timer;
    {
        ConnectionThread thread(factory(), u"sleeper"_s);
        sleeping = thread.run<bool>([](const QSqlDatabase &db) -> std::expected<bool, DbError> {
            QSqlQuery q(db);
            if (!q.exec(u"SELECT pg_sleep(60)"_s))
                return std::unexpected(DbError::fromSql(q.lastError()));
            return true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(scalar(u"SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                                        "'staff-console (sleeper)' AND state = 'active' AND query LIKE '%pg_sleep%'"_s)
                                     == u"1"_s,
                                 10000);
        timer.start();
    }
    QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(sleeping.isFinished());
    QCOMPARE(sleeping.resultCount(), 1);
    QVERIFY(!sleeping.result());
    QCOMPARE(sleeping.result().error().sqlState, u"57014"_s);   // query_canceled
}

void TestConnectionThread::idleConnectionLossIsSignalledAndNotReopenedUntilAsked()
{
    ConnectionThread thread(factory(), u"claims-like"_s, ConnectionThread::Reconnect::OnRequest);
    QSignalSpy lost(&thread, &ConnectionThread::connectionLost);
    const auto backendPid = [&thread] {
        return resultOf(thread.run<int>([](const QSqlDatabase &db) -> std::expected<int, DbError> {
            QSqlQuery q(db);
            if (!q.exec(u"SELECT pg_backend_pid()"_s) || !q.next())
                return std::unexpected(DbError::fromSql(q.lastError()));
            return q.value(0).toInt();
        }));
    };
    const auto first = backendPid();
    QVERIFY(first.has_value());

    QCOMPARE(terminate(u"claims-like"_s), 1);
    // Seen while idle, without a job: the socket closed.
    QTRY_COMPARE_WITH_TIMEOUT(lost.count(), 1, 10000);
    QCOMPARE(lost.first().first().value<DbError>().kind, DbError::Kind::ConnectionLost);

    const auto refused = backendPid();
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, DbError::Kind::ConnectionLost);
    QCOMPARE(scalar(u"SELECT count(*) FROM pg_stat_activity WHERE application_name = 'staff-console (claims-like)'"_s),
             u"0"_s);   // no silent reopen

    thread.reconnect();
    const auto second = backendPid();
    QVERIFY2(second.has_value(), qPrintable(second ? QString() : second.error().text()));
    QVERIFY(*second != *first);
    QCOMPARE(lost.count(), 1);
}

void TestConnectionThread::lossDuringAJobIsConnectionLostAndNextJobReopens()
{
    ConnectionThread thread(factory(), u"reader-lost"_s);
    QSignalSpy lost(&thread, &ConnectionThread::connectionLost);
    auto sleeping = thread.run<bool>([](const QSqlDatabase &db) -> std::expected<bool, DbError> {
        QSqlQuery q(db);
        if (!q.exec(u"SELECT pg_sleep(60)"_s))
            return std::unexpected(DbError::fromSql(q.lastError(), u"sleep"_s));
        return true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(scalar(u"SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                                    "'staff-console (reader-lost)' AND state = 'active'"_s) == u"1"_s,
                             10000);
    QCOMPARE(terminate(u"reader-lost"_s), 1);
    const auto ended = resultOf(sleeping);
    QVERIFY(!ended);
    QCOMPARE(ended.error().kind, DbError::Kind::ConnectionLost);
    QTRY_COMPARE_WITH_TIMEOUT(lost.count(), 1, 5000);

    // Reconnect::OnNextJob: the next job opens a new connection.
    const auto next = resultOf(thread.run<QString>([](const QSqlDatabase &db) -> std::expected<QString, DbError> {
        QSqlQuery q(db);
        if (!q.exec(u"SELECT v FROM t WHERE id = 1"_s) || !q.next())
            return std::unexpected(DbError::fromSql(q.lastError()));
        return q.value(0).toString();
    }));
    QVERIFY2(next.has_value(), qPrintable(next ? QString() : next.error().text()));
    QCOMPARE(*next, u"one"_s);
    QCOMPARE(lost.count(), 1);
}

QTEST_GUILESS_MAIN(TestConnectionThread)
#include "tst_connectionthread.moc"
