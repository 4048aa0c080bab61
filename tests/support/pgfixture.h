#pragma once

#include <QString>

#include <memory>

#include "connectionprofile.h"
#include "privatecluster.h"

// The tests' PostgreSQL: one private cluster per test executable, started on first use from the
// main thread and stopped at exit. Each test asks for a fresh database by name.
class PgFixture
{
public:
    static PgFixture &instance();

    // Creates an empty database (dropping one of that name first) and returns its profile.
    ConnectionProfile freshDatabase(const QString &name);
    // A connection owned by the calling thread, as `user` (default: the superuser).
    std::unique_ptr<PgConnection> connect(const ConnectionProfile &profile, const QString &purpose = QStringLiteral("test"));

    PrivateCluster &cluster() { return *m_cluster; }

private:
    PgFixture();
    std::unique_ptr<PrivateCluster> m_cluster;
};
