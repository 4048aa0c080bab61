#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QSqlQuery>
#include <QTest>

#include <csignal>

#include "expectedcheck.h"
#include "pgfixture.h"
#include "privatecluster.h"

using namespace Qt::StringLiterals;

class TestPrivateCluster : public QObject
{
    Q_OBJECT

private slots:
    void startsQueriesAndStops();
    void ownerKilledTakesServerWithIt();
    void keptDataDirectoryServesOneServerAtATime();
};

// Alive and not a zombie waiting for a parent that does not reap (PID 1 in some containers).
static bool alive(qint64 pid)
{
    if (::kill(static_cast<pid_t>(pid), 0) != 0)
        return false;
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close < 0 || line.mid(close + 2, 1) != "Z";
}

void TestPrivateCluster::startsQueriesAndStops()
{
    auto cluster = PrivateCluster::start({});
    SC_VERIFY_OK(cluster);
    const QString runDir = (*cluster)->socketDirectory();
    const qint64 pid = (*cluster)->serverPid();
    QVERIFY(QDir(runDir).exists());
    QVERIFY(alive(pid));
    {
        auto conn = PgConnection::open((*cluster)->profile(), {}, u"t"_s);
        SC_VERIFY_OK(conn);
        QSqlQuery q((*conn)->db());
        QVERIFY(q.exec(u"SELECT current_setting('listen_addresses'), 6*7"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QString()); // socket only
        QCOMPARE(q.value(1).toInt(), 42);
    }
    (*cluster)->stop();
    QVERIFY(!alive(pid));
    QVERIFY(!QDir(runDir).exists());
}

// A helper process (this same executable in "owner" mode) starts a cluster, prints its server pid
// and run directory, then waits. We SIGKILL it: the server must die with it, and the next sweep
// must remove the directory it left.
void TestPrivateCluster::ownerKilledTakesServerWithIt()
{
    QProcess owner;
    owner.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    owner.start(QCoreApplication::applicationFilePath(), {u"--own-cluster"_s});
    QVERIFY(owner.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(owner.canReadLine(), 60000);
    const QStringList fields = QString::fromLocal8Bit(owner.readLine()).trimmed().split(u' ');
    QCOMPARE(fields.size(), 2);
    const qint64 serverPid = fields.at(0).toLongLong();
    const QString runDir = fields.at(1);
    QVERIFY(alive(serverPid));

    ::kill(static_cast<pid_t>(owner.processId()), SIGKILL);
    QVERIFY(owner.waitForFinished(10000));
    QTRY_VERIFY_WITH_TIMEOUT(!alive(serverPid), 20000);

    QVERIFY(QDir(runDir).exists());
    QTRY_VERIFY_WITH_TIMEOUT((PrivateCluster::sweepStale(), !QDir(runDir).exists()), 20000);
}

void TestPrivateCluster::keptDataDirectoryServesOneServerAtATime()
{
    QTemporaryDir parent(QDir::tempPath() + u"/sc-kept-XXXXXX"_s);
    QVERIFY(parent.isValid());
    QFile::setPermissions(parent.path(), QFile::permissions(parent.path()) | QFileDevice::ExeOther);
    const QString data = parent.filePath(u"data"_s);

    auto first = PrivateCluster::start({data, false});
    SC_VERIFY_OK(first);
    auto second = PrivateCluster::start({data, false});
    QVERIFY(!second);
    QVERIFY2(second.error().contains(u"already in use"_s), qPrintable(second.error()));
    QVERIFY(alive((*first)->serverPid()));

    (*first)->stop();
    QVERIFY(QFileInfo::exists(data + u"/PG_VERSION"_s)); // a kept directory survives stop()
    auto again = PrivateCluster::start({data, false});
    SC_VERIFY_OK(again);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (app.arguments().contains(u"--own-cluster"_s)) {
        auto cluster = PrivateCluster::start({});
        if (!cluster)
            return 2;
        QTextStream(stdout) << (*cluster)->serverPid() << ' ' << (*cluster)->socketDirectory() << Qt::endl;
        for (;;)
            ::pause();
    }
    TestPrivateCluster test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_privatecluster.moc"
