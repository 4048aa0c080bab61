#include "demoenvironment.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>

#include "migrator.h"

using namespace Qt::StringLiterals;

namespace {

// Only a directory that holds a PostgreSQL cluster (or nothing) is ever deleted by a reset.
std::expected<void, QString> removeCluster(const QString &directory)
{
    QDir dir(directory);
    if (!dir.exists())
        return {};
    const bool isCluster = QFileInfo::exists(dir.filePath(u"PG_VERSION"_s));
    const bool isEmpty = dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
    if (!isCluster && !isEmpty)
        return std::unexpected(u"%1 is not a PostgreSQL cluster; not deleting it."_s.arg(directory));
    if (!dir.removeRecursively())
        return std::unexpected(u"Cannot delete the demo cluster in %1."_s.arg(directory));
    return {};
}

} // namespace

std::expected<std::unique_ptr<DemoEnvironment>, QString>
DemoEnvironment::start(const DemoOptions &options, const QList<DemoStep> &steps)
{
    if (const auto *app = QCoreApplication::instance(); app && QThread::currentThread() != app->thread())
        return std::unexpected(u"The demo must be started from the main thread."_s);
    if (options.drafts && *options.drafts < 0)
        return std::unexpected(u"The number of demo drafts cannot be negative."_s);

    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<DemoEnvironment> env(new DemoEnvironment);
    env->m_dataDirectory = options.dataDirectory.isEmpty() ? PrivateCluster::defaultDemoDirectory()
                                                           : QDir::cleanPath(options.dataDirectory);
    if (options.reset) {
        if (auto removed = removeCluster(env->m_dataDirectory); !removed)
            return std::unexpected(removed.error());
    }
    auto cluster = PrivateCluster::start({env->m_dataDirectory, true});
    if (!cluster)
        return std::unexpected(u"Cannot start the demo database server: %1"_s.arg(cluster.error()));
    env->m_cluster = std::move(*cluster);

    if (auto prepared = env->prepareDatabase(options, steps); !prepared)
        return std::unexpected(prepared.error()); // env's destructor stops the server
    env->buildDeferredIndexesInBackground();
    qInfo("Demo database ready in %lld ms (%lld users, %lld installations, %s%lld drafts%s)",
          timer.elapsed(), env->m_counts.users, env->m_counts.installations,
          (env->m_seeded || options.drafts.has_value()) ? "" : "~", env->m_counts.drafts,
          env->m_seeded ? ", seeded now" : "");
    return env;
}

std::expected<void, QString> DemoEnvironment::prepareDatabase(const DemoOptions &options, const QList<DemoStep> &steps)
{
    const QString database = QString::fromLatin1(kDatabase);
    {
        auto server = PgConnection::open(m_cluster->profile(), {}, u"demo-setup"_s);
        if (!server)
            return std::unexpected(server.error().text());
        if (auto created = DemoSeeder::createDatabaseIfMissing((*server)->db(), database); !created)
            return std::unexpected(created.error().text());
    }

    auto conn = PgConnection::open(profile(), {}, u"demo-setup"_s);
    if (!conn)
        return std::unexpected(conn.error().text());
    QSqlDatabase db = (*conn)->db();

    Migrator migrator(db);
    if (auto migrated = migrator.migrate(); !migrated) {
        QString text = migrated.error().text();
        if (migrated.error().kind == MigrationError::Kind::Ahead)
            text += u"\nThe demo database was made by a newer Staff Console; start with --demo-reset."_s;
        return std::unexpected(text);
    }

    DemoSeeder seeder(db);
    DemoSizes sizes;
    sizes.deferTextIndexes = true;
    if (options.drafts)
        sizes.drafts = *options.drafts;
    if (!seeder.isSeeded()) {
        auto seeded = seeder.seed(sizes);
        if (!seeded)
            return std::unexpected(seeded.error().text());
        m_counts = *seeded;
        m_seeded = true;
    } else {
        // Counting a million drafts reads the whole table: estimate unless a count was asked for.
        auto existing = options.drafts ? seeder.counts() : seeder.estimatedCounts();
        if (!existing)
            return std::unexpected(existing.error().text());
        m_counts = *existing;
        if (options.drafts && m_counts.drafts != *options.drafts) {
            auto reseeded = seeder.reseedDrafts(sizes);
            if (!reseeded)
                return std::unexpected(reseeded.error().text());
            m_counts = *reseeded;
            m_seeded = true;
        }
    }

    for (const DemoStep &step : steps) {
        if (auto done = step.run(*this, db); !done)
            return std::unexpected(u"Demo step \"%1\" failed: %2"_s.arg(step.name, done.error()));
    }
    return {};
}

void DemoEnvironment::buildDeferredIndexesInBackground()
{
    {
        auto conn = PgConnection::open(profile(), {}, u"demo-setup"_s);
        if (!conn)
            return;
        const auto pending = DemoSeeder((*conn)->db()).deferredIndexCount();
        if (!pending || *pending == 0)
            return;
    }
    m_indexBuilder.reset(QThread::create([profile = profile(), stopping = m_stopping] {
        QElapsedTimer timer;
        timer.start();
        auto conn = PgConnection::open(profile, {}, u"demo-indexes"_s);
        auto built = conn ? DemoSeeder((*conn)->db()).buildDeferredIndexes()
                          : std::expected<int, DbError>(std::unexpected(conn.error()));
        if (built)
            qInfo("Demo: built %d deferred index(es) in %lld ms", *built, timer.elapsed());
        else if (!stopping->load())
            qWarning("Demo: building the deferred indexes failed: %s", qPrintable(built.error().text()));
    }));
    m_indexBuilder->start(QThread::LowPriority);
}

bool DemoEnvironment::buildingIndexes() const
{
    return m_indexBuilder && m_indexBuilder->isRunning();
}

ConnectionProfile DemoEnvironment::profile() const
{
    ConnectionProfile p = m_cluster->profile(QString::fromLatin1(kDatabase));
    p.name = u"demo"_s;
    return p;
}

void DemoEnvironment::stop()
{
    m_stopping->store(true);
    if (m_cluster)
        m_cluster->stop(); // ends an index build still running; it resumes on the next start
    if (m_indexBuilder)
        m_indexBuilder->wait();
}

DemoEnvironment::~DemoEnvironment()
{
    stop();
}
