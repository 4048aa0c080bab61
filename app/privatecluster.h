#pragma once

#include <QProcess>
#include <QString>

#include <expected>
#include <memory>

#include "connectionprofile.h"

// A private, throwaway PostgreSQL server for the demo, the tests and the benchmark.
//
// start() runs initdb (unless the data directory already holds a cluster) and starts `postgres`
// in the foreground as a child of the calling thread, which must be the main thread: the server gets
// SIGQUIT when that thread's process dies (PR_SET_PDEATHSIG), so a crashed owner leaves no server.
// It listens on a Unix socket only. As root the server programs run as the `postgres` system user.
// The destructor stops the server and removes a throwaway directory.
class PrivateCluster
{
public:
    struct Options
    {
        QString dataDirectory;  // empty: a throwaway cluster under /tmp, removed on stop
        bool durable = false;   // false: fsync and full-page writes off (fast, for tests)
    };

    static std::expected<std::unique_ptr<PrivateCluster>, QString> start(const Options &options);
    ~PrivateCluster();
    PrivateCluster(const PrivateCluster &) = delete;
    PrivateCluster &operator=(const PrivateCluster &) = delete;

    void stop();

    ConnectionProfile profile(const QString &database = QStringLiteral("postgres"),
                              const QString &user = QStringLiteral("postgres")) const;
    std::expected<void, QString> createDatabase(const QString &name);

    QString socketDirectory() const { return m_socketDir; }
    QString dataDirectory() const { return m_dataDir; }
    int port() const { return m_port; }
    qint64 serverPid() const;

    // Where the demo keeps its cluster between runs (reachable by the `postgres` user when root).
    static QString defaultDemoDirectory();
    // Removes the /tmp directories of runs whose owning process is gone. Returns how many.
    static int sweepStale();
    // The directory holding initdb, postgres and pg_isready.
    static QString serverBinDirectory();

private:
    PrivateCluster() = default;
    std::expected<void, QString> launch(bool durable);

    QString m_runDir;       // /tmp/sc-pg-XXXXXX: socket, log, owner pid (and data when throwaway)
    QString m_dataDir;
    QString m_socketDir;
    int m_port = 0;
    std::unique_ptr<QProcess> m_server;
};
