#include "privatecluster.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QVersionNumber>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <grp.h>
#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr auto kRunDirPrefix = "sc-pg-";
constexpr auto kOwnerFile = "owner.pid";

bool isRoot() { return ::geteuid() == 0; }

bool processAlive(qint64 pid)
{
    return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

// The command line that runs a server program as the right user, optionally dying with us.
QStringList serverCommand(const QString &program, const QStringList &args, bool dieWithParent)
{
    QStringList cmd{u"setpriv"_s};
    if (isRoot())
        cmd << u"--reuid=postgres"_s << u"--regid=postgres"_s << u"--init-groups"_s;
    if (dieWithParent)
        cmd << u"--pdeathsig=QUIT"_s;
    cmd << u"--"_s << QDir(PrivateCluster::serverBinDirectory()).filePath(program) << args;
    return cmd;
}

std::expected<void, QString> runToCompletion(const QStringList &cmd, const QString &workDir, int timeoutMs)
{
    QProcess p;
    p.setWorkingDirectory(workDir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(cmd.first(), cmd.mid(1));
    if (!p.waitForStarted(10000))
        return std::unexpected(u"Could not start %1: %2"_s.arg(cmd.first(), p.errorString()));
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return std::unexpected(u"%1 did not finish in time"_s.arg(cmd.join(u' ')));
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return std::unexpected(u"%1 failed:\n%2"_s.arg(QFileInfo(cmd.at(cmd.indexOf(u"--"_s) + 1)).fileName(),
                                                        QString::fromLocal8Bit(p.readAll()).trimmed()));
    return {};
}

// Gives a directory to the postgres user when we are root (initdb refuses root).
std::expected<void, QString> handToServerUser(const QString &path)
{
    if (!isRoot())
        return {};
    const passwd *pw = ::getpwnam("postgres");
    if (!pw)
        return std::unexpected(u"There is no `postgres` system user (is postgresql-15 installed?)"_s);
    if (::chown(QFile::encodeName(path).constData(), pw->pw_uid, pw->pw_gid) != 0)
        return std::unexpected(u"Cannot give %1 to the postgres user: %2"_s.arg(path, QString::fromLocal8Bit(strerror(errno))));
    return {};
}

std::expected<QString, QString> makeRunDirectory()
{
    QByteArray tmpl = QFile::encodeName(QDir::tempPath() + u'/' + QLatin1StringView(kRunDirPrefix) + u"XXXXXX"_s);
    if (!::mkdtemp(tmpl.data()))
        return std::unexpected(u"Cannot create a directory under %1"_s.arg(QDir::tempPath()));
    const QString dir = QFile::decodeName(tmpl);
    QFile owner(QDir(dir).filePath(QLatin1StringView(kOwnerFile)));
    if (!owner.open(QIODevice::WriteOnly))
        return std::unexpected(u"Cannot write %1"_s.arg(owner.fileName()));
    owner.write(QByteArray::number(QCoreApplication::applicationPid()));
    owner.close();
    if (auto handed = handToServerUser(dir); !handed)
        return std::unexpected(handed.error());
    return dir;
}

} // namespace

QString PrivateCluster::serverBinDirectory()
{
    if (const QString env = qEnvironmentVariable("STAFFCONSOLE_PG_BINDIR"); !env.isEmpty())
        return env;
    QVersionNumber best;
    QString bestDir;
    const QDir lib(u"/usr/lib/postgresql"_s);
    for (const QString &version : lib.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString bin = lib.filePath(version + u"/bin"_s);
        const QVersionNumber v = QVersionNumber::fromString(version);
        if (QFileInfo::exists(bin + u"/initdb"_s) && v > best) {
            best = v;
            bestDir = bin;
        }
    }
    if (!bestDir.isEmpty())
        return bestDir;
    return QFileInfo(QStandardPaths::findExecutable(u"initdb"_s)).absolutePath();
}

QString PrivateCluster::defaultDemoDirectory()
{
    if (const QString env = qEnvironmentVariable("STAFFCONSOLE_DEMO_DIR"); !env.isEmpty())
        return env;
    if (isRoot())
        return u"/var/lib/staff-console/demo-cluster"_s;
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
           + u"/staff-console/demo-cluster"_s;
}

int PrivateCluster::sweepStale()
{
    int removed = 0;
    const QDir tmp(QDir::tempPath());
    const QStringList dirs = tmp.entryList({QLatin1StringView(kRunDirPrefix) + u'*'}, QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &name : dirs) {
        QDir dir(tmp.filePath(name));
        QFile owner(dir.filePath(QLatin1StringView(kOwnerFile)));
        if (!owner.open(QIODevice::ReadOnly))
            continue; // not ours, or still being created
        const qint64 ownerPid = owner.readAll().trimmed().toLongLong();
        owner.close();
        if (processAlive(ownerPid))
            continue;
        // The owner is gone; its server got SIGQUIT. Make sure before removing the files.
        QFile pidFile(dir.filePath(u"data/postmaster.pid"_s));
        if (pidFile.open(QIODevice::ReadOnly)) {
            const qint64 serverPid = pidFile.readLine().trimmed().toLongLong();
            if (processAlive(serverPid)) {
                ::kill(static_cast<pid_t>(serverPid), SIGQUIT);
                continue; // try again on the next sweep
            }
        }
        if (dir.removeRecursively())
            ++removed;
    }
    return removed;
}

std::expected<std::unique_ptr<PrivateCluster>, QString> PrivateCluster::start(const Options &options)
{
    sweepStale();
    std::unique_ptr<PrivateCluster> cluster(new PrivateCluster);
    auto runDir = makeRunDirectory();
    if (!runDir)
        return std::unexpected(runDir.error());
    cluster->m_runDir = *runDir;
    cluster->m_socketDir = *runDir;
    const bool throwaway = options.dataDirectory.isEmpty();
    cluster->m_dataDir = throwaway ? QDir(*runDir).filePath(u"data"_s) : options.dataDirectory;

    if (!QFileInfo::exists(QDir(cluster->m_dataDir).filePath(u"PG_VERSION"_s))) {
        if (!QDir().mkpath(cluster->m_dataDir))
            return std::unexpected(u"Cannot create %1"_s.arg(cluster->m_dataDir));
        QFile::setPermissions(cluster->m_dataDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        if (auto handed = handToServerUser(cluster->m_dataDir); !handed)
            return std::unexpected(handed.error());
        const QStringList initdb = serverCommand(u"initdb"_s,
            {u"-D"_s, cluster->m_dataDir, u"-U"_s, u"postgres"_s, u"-A"_s, u"trust"_s, u"-E"_s, u"UTF8"_s,
             u"--no-locale"_s, u"--no-sync"_s}, true);
        if (auto done = runToCompletion(initdb, cluster->m_runDir, 120000); !done)
            return std::unexpected(done.error());
    }
    if (auto launched = cluster->launch(options.durable); !launched)
        return std::unexpected(launched.error());
    return cluster;
}

std::expected<void, QString> PrivateCluster::launch(bool durable)
{
    // A kept data directory can serve one process at a time; say who holds it.
    QFile lock(QDir(m_dataDir).filePath(u"postmaster.pid"_s));
    if (lock.open(QIODevice::ReadOnly)) {
        const qint64 holder = lock.readLine().trimmed().toLongLong();
        if (processAlive(holder))
            return std::unexpected(u"%1 is already in use by another running server (pid %2): "
                                   "close the other Staff Console demo first."_s.arg(m_dataDir).arg(holder));
    }
    m_port = static_cast<int>(QRandomGenerator::global()->bounded(20000, 60000));
    QStringList args{u"-D"_s, m_dataDir, u"-k"_s, m_socketDir, u"-p"_s, QString::number(m_port),
                     u"-c"_s, u"listen_addresses="_s};
    if (!durable)
        args << u"-c"_s << u"fsync=off"_s << u"-c"_s << u"synchronous_commit=off"_s
             << u"-c"_s << u"full_page_writes=off"_s;
    const QStringList cmd = serverCommand(u"postgres"_s, args, true);

    m_server = std::make_unique<QProcess>();
    m_server->setWorkingDirectory(m_runDir);
    m_server->setStandardOutputFile(QDir(m_runDir).filePath(u"server.log"_s));
    m_server->setStandardErrorFile(QDir(m_runDir).filePath(u"server.log"_s), QIODevice::Append);
    m_server->start(cmd.first(), cmd.mid(1));
    if (!m_server->waitForStarted(10000))
        return std::unexpected(u"Could not start postgres: %1"_s.arg(m_server->errorString()));

    const QString isready = QDir(serverBinDirectory()).filePath(u"pg_isready"_s);
    QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired()) {
        if (m_server->state() == QProcess::NotRunning) {
            QFile log(QDir(m_runDir).filePath(u"server.log"_s));
            log.open(QIODevice::ReadOnly);
            return std::unexpected(u"postgres exited at start:\n%1"_s.arg(QString::fromLocal8Bit(log.readAll()).trimmed()));
        }
        QProcess probe;
        probe.start(isready, {u"-q"_s, u"-h"_s, m_socketDir, u"-p"_s, QString::number(m_port), u"-U"_s, u"postgres"_s});
        probe.waitForFinished(5000);
        if (probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0)
            return {};
        QThread::msleep(50);
    }
    return std::unexpected(u"postgres did not become ready within 60 seconds"_s);
}

qint64 PrivateCluster::serverPid() const
{
    return m_server ? m_server->processId() : 0;
}

ConnectionProfile PrivateCluster::profile(const QString &database, const QString &user) const
{
    ConnectionProfile p;
    p.name = u"private cluster"_s;
    p.host = m_socketDir;
    p.port = m_port;
    p.database = database;
    p.user = user;
    p.sslMode = u"disable"_s;
    return p;
}

std::expected<void, QString> PrivateCluster::createDatabase(const QString &name)
{
    auto conn = PgConnection::open(profile(), {}, u"createdb"_s);
    if (!conn)
        return std::unexpected(conn.error().text());
    QSqlQuery q((*conn)->db());
    // Identifiers cannot be bound; quote it as PostgreSQL does.
    QString quoted = name;
    quoted.replace(u'"', u"\"\""_s);
    if (!q.exec(u"CREATE DATABASE \"%1\""_s.arg(quoted)))
        return std::unexpected(q.lastError().text());
    return {};
}

void PrivateCluster::stop()
{
    if (m_server && m_server->state() != QProcess::NotRunning) {
        ::kill(static_cast<pid_t>(m_server->processId()), SIGINT); // fast shutdown
        if (!m_server->waitForFinished(30000)) {
            m_server->kill();
            m_server->waitForFinished(5000);
        }
    }
    m_server.reset();
    if (!m_runDir.isEmpty()) {
        // Holds the socket, the log and a throwaway cluster's data; a demo's data directory stays.
        QDir(m_runDir).removeRecursively();
        m_runDir.clear();
    }
}

PrivateCluster::~PrivateCluster()
{
    stop();
}
