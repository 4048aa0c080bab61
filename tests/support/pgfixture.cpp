#include "pgfixture.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

PgFixture &PgFixture::instance()
{
    static PgFixture fixture;
    return fixture;
}

PgFixture::PgFixture()
{
    auto started = PrivateCluster::start({});
    if (!started)
        qFatal("Cannot start the tests' PostgreSQL: %s", qPrintable(started.error()));
    m_cluster = std::move(*started);
}

ConnectionProfile PgFixture::freshDatabase(const QString &name)
{
    {
        auto admin = connect(m_cluster->profile(), u"fixture"_s);
        QSqlQuery q(admin->db());
        if (!q.exec(u"DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)"_s.arg(name))
            || !q.exec(u"CREATE DATABASE \"%1\""_s.arg(name)))
            qFatal("Cannot create test database %s: %s", qPrintable(name), qPrintable(q.lastError().text()));
    }
    return m_cluster->profile(name);
}

std::unique_ptr<PgConnection> PgFixture::connect(const ConnectionProfile &profile, const QString &purpose)
{
    auto conn = PgConnection::open(profile, {}, purpose);
    if (!conn)
        qFatal("Cannot connect to the tests' PostgreSQL: %s", qPrintable(conn.error().text()));
    return std::move(*conn);
}
