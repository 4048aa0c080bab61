#include "demoseeder.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <cmath>

#include "sqlstatement.h"

using namespace Qt::StringLiterals;

namespace {

constexpr auto kReplicaRole = R"(SET LOCAL session_replication_role = replica)";
constexpr auto kIndexMemory = R"(SET LOCAL maintenance_work_mem = '512MB')";
constexpr auto kSetParameter = R"(SELECT set_config(:name, :value, true))";
constexpr auto kSetSeed = R"(SELECT setseed(:seed))";
constexpr auto kAnyRows = R"(
    SELECT EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM github_app_installations)
        OR EXISTS (SELECT 1 FROM user_installations) OR EXISTS (SELECT 1 FROM user_preferences)
        OR EXISTS (SELECT 1 FROM draft_content))";
constexpr auto kTruncateDrafts = R"(TRUNCATE draft_content RESTART IDENTITY CASCADE)";
constexpr auto kAnalyze = R"(
    ANALYZE users, github_app_installations, user_installations, user_preferences, draft_content)";
constexpr auto kCounts = R"(
    SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM github_app_installations),
           (SELECT count(*) FROM user_installations), (SELECT count(*) FROM user_preferences),
           (SELECT count(*) FROM draft_content))";
constexpr auto kSmallTableCounts = R"(
    SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM github_app_installations),
           (SELECT count(*) FROM user_installations), (SELECT count(*) FROM user_preferences))";
constexpr auto kEstimatedCounts = R"(
    SELECT c.relname, greatest(c.reltuples, 0)::bigint FROM pg_class c
    WHERE c.oid IN ('users'::regclass, 'github_app_installations'::regclass, 'user_installations'::regclass,
                    'user_preferences'::regclass, 'draft_content'::regclass))";
constexpr auto kDeferredTableExists = R"(
    SELECT to_regclass('staff_console_demo_deferred_indexes') IS NOT NULL)";
// Built CONCURRENTLY so the console can write drafts meanwhile; an interrupted concurrent build
// leaves an invalid index behind, which is dropped and built again.
constexpr auto kDeferredIndexes = R"(
    SELECT d.qualified_name,
           regexp_replace(d.definition, '^CREATE (UNIQUE )?INDEX ', 'CREATE \1INDEX CONCURRENTLY '),
           'DROP INDEX CONCURRENTLY IF EXISTS ' || d.qualified_name,
           (SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass(d.qualified_name))
    FROM staff_console_demo_deferred_indexes d ORDER BY d.qualified_name)";
constexpr auto kSessionIndexMemory = R"(SET maintenance_work_mem = '512MB')";
constexpr auto kForgetDeferredIndex = R"(
    DELETE FROM staff_console_demo_deferred_indexes WHERE qualified_name = :name)";
constexpr auto kIsSeeded = R"(SELECT EXISTS (SELECT 1 FROM users))";
constexpr auto kDatabaseExists = R"(SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = :name))";
constexpr auto kCreateDatabaseStatement = R"(SELECT format('CREATE DATABASE %I', :name::text))";

// Above this many drafts, draft_content's secondary indexes are dropped and built after the load.
constexpr int kBulkDrafts = 50000;

// One setseed() per stage, so reseeding the drafts alone repeats the drafts of a full seed.
double stageSeed(double seed, int stage)
{
    return std::fmod(seed + 0.1 * stage + 1.0, 2.0) - 1.0;
}

} // namespace

DemoSeeder::DemoSeeder(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::expected<qint64, DbError> DemoSeeder::exec(const QString &statement, const QString &context)
{
    QSqlQuery q(m_db);
    if (!q.exec(statement))
        return std::unexpected(DbError::fromSql(q.lastError(), context));
    return q.numRowsAffected();
}

std::expected<qint64, DbError> DemoSeeder::execResource(const QString &file)
{
    QFile f(u":/sql/demo/"_s + file);
    if (!f.open(QIODevice::ReadOnly)) {
        DbError e;
        e.message = u"The demo data script %1 is missing from this build."_s.arg(file);
        return std::unexpected(e);
    }
    // The scripts take no placeholders (their parameters are transaction-local settings), so they
    // run verbatim.
    return exec(QString::fromUtf8(f.readAll()), u"seed the demo data (%1)"_s.arg(file));
}

std::expected<void, DbError> DemoSeeder::setParameter(const QString &name, const QString &value)
{
    QSqlQuery q(m_db);
    return SqlStatement::run(q, QString::fromLatin1(kSetParameter), u"set the demo parameters"_s,
                             [&name, &value](QSqlQuery &query) {
        query.bindValue(u":name"_s, QString(u"staffconsole."_s + name));
        query.bindValue(u":value"_s, value);
    });
}

std::expected<DemoCounts, DbError> DemoSeeder::seed(const DemoSizes &sizes)
{
    return run(sizes, Scope::Everything);
}

std::expected<DemoCounts, DbError> DemoSeeder::reseedDrafts(const DemoSizes &sizes)
{
    return run(sizes, Scope::DraftsOnly);
}

std::expected<DemoCounts, DbError> DemoSeeder::run(const DemoSizes &sizes, Scope scope)
{
    if (sizes.users < 1 || sizes.installations < 1 || sizes.drafts < 0) {
        DbError e;
        e.message = u"Demo sizes must be positive."_s;
        return std::unexpected(e);
    }
    if (!m_db.transaction())
        return std::unexpected(DbError::fromSql(m_db.lastError(), u"start the demo seeding"_s));
    qint64 drafts = 0;
    auto steps = [&]() -> std::expected<void, DbError> {
        if (auto r = exec(QString::fromLatin1(kReplicaRole), u"seed the demo data (it needs a superuser)"_s); !r)
            return std::unexpected(r.error());
        if (auto r = exec(QString::fromLatin1(kIndexMemory), u"seed the demo data"_s); !r)
            return std::unexpected(r.error());
        const QDateTime anchor = sizes.anchor.isValid() ? sizes.anchor : QDateTime::currentDateTimeUtc();
        for (const auto &[name, value] : {std::pair{u"demo_users"_s, QString::number(sizes.users)},
                                          std::pair{u"demo_installations"_s, QString::number(sizes.installations)},
                                          std::pair{u"demo_drafts"_s, QString::number(sizes.drafts)},
                                          std::pair{u"demo_defer_gin"_s, sizes.deferTextIndexes ? u"on"_s : u"off"_s},
                                          std::pair{u"demo_anchor"_s, anchor.toUTC().toString(Qt::ISODateWithMs)}}) {
            if (auto r = setParameter(name, value); !r)
                return std::unexpected(r.error());
        }

        QStringList scripts;
        if (scope == Scope::Everything) {
            QSqlQuery q(m_db);
            if (!q.exec(QString::fromLatin1(kAnyRows)) || !q.next())
                return std::unexpected(DbError::fromSql(q.lastError(), u"check that the demo tables are empty"_s));
            if (q.value(0).toBool()) {
                DbError e;
                e.kind = DbError::Kind::Conflict;
                e.message = u"The database already holds data: demo data goes into empty tables only."_s;
                return std::unexpected(e);
            }
            scripts << u"users.sql"_s << u"installations.sql"_s << u"memberships.sql"_s << u"preferences.sql"_s;
        } else if (auto r = exec(QString::fromLatin1(kTruncateDrafts), u"remove the demo drafts"_s); !r) {
            return std::unexpected(r.error());
        }
        scripts << u"drafts.sql"_s;

        const bool bulk = sizes.drafts >= kBulkDrafts;
        for (const QString &script : std::as_const(scripts)) {
            const int stage = static_cast<int>(scripts.indexOf(script)) + (scope == Scope::Everything ? 0 : 4);
            if (bulk && script == u"drafts.sql") {
                if (auto r = execResource(u"draft_indexes_drop.sql"_s); !r)
                    return std::unexpected(r.error());
            }
            QSqlQuery q(m_db);
            const auto seeded = SqlStatement::run(q, QString::fromLatin1(kSetSeed), u"seed the demo data"_s,
                                                  [&](QSqlQuery &query) {
                query.bindValue(u":seed"_s, stageSeed(sizes.seed, stage));
            });
            if (!seeded)
                return std::unexpected(seeded.error());
            const auto written = execResource(script);
            if (!written)
                return std::unexpected(written.error());
            if (script == u"drafts.sql")
                drafts = *written;
            if (bulk && script == u"drafts.sql") {
                if (auto r = execResource(u"draft_indexes_restore.sql"_s); !r)
                    return std::unexpected(r.error());
            }
        }
        if (auto r = exec(QString::fromLatin1(kAnalyze), u"analyze the demo tables"_s); !r)
            return std::unexpected(r.error());
        return {};
    };
    if (auto done = steps(); !done) {
        m_db.rollback();
        return std::unexpected(done.error());
    }
    if (!m_db.commit()) {
        const DbError e = DbError::fromSql(m_db.lastError(), u"commit the demo data"_s);
        m_db.rollback();
        return std::unexpected(e);
    }
    // Counting the drafts would read the whole table again: the INSERT said how many it wrote.
    auto written = smallTableCounts();
    if (written)
        written->drafts = drafts;
    return written;
}

bool DemoSeeder::isSeeded()
{
    QSqlQuery q(m_db);
    return q.exec(QString::fromLatin1(kIsSeeded)) && q.next() && q.value(0).toBool();
}

std::expected<DemoCounts, DbError> DemoSeeder::counts()
{
    QSqlQuery q(m_db);
    if (!q.exec(QString::fromLatin1(kCounts)) || !q.next())
        return std::unexpected(DbError::fromSql(q.lastError(), u"count the demo data"_s));
    return DemoCounts{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                      q.value(3).toLongLong(), q.value(4).toLongLong()};
}

std::expected<DemoCounts, DbError> DemoSeeder::smallTableCounts()
{
    QSqlQuery q(m_db);
    if (!q.exec(QString::fromLatin1(kSmallTableCounts)) || !q.next())
        return std::unexpected(DbError::fromSql(q.lastError(), u"count the demo data"_s));
    return DemoCounts{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                      q.value(3).toLongLong(), 0};
}

std::expected<DemoCounts, DbError> DemoSeeder::estimatedCounts()
{
    QSqlQuery q(m_db);
    if (!q.exec(QString::fromLatin1(kEstimatedCounts)))
        return std::unexpected(DbError::fromSql(q.lastError(), u"estimate the demo data"_s));
    DemoCounts counts;
    while (q.next()) {
        const QString table = q.value(0).toString();
        const qint64 rows = q.value(1).toLongLong();
        if (table == u"users")
            counts.users = rows;
        else if (table == u"github_app_installations")
            counts.installations = rows;
        else if (table == u"user_installations")
            counts.memberships = rows;
        else if (table == u"user_preferences")
            counts.preferences = rows;
        else
            counts.drafts = rows;
    }
    return counts;
}

std::expected<int, DbError> DemoSeeder::deferredIndexCount()
{
    QSqlQuery q(m_db);
    if (!q.exec(QString::fromLatin1(kDeferredTableExists)) || !q.next())
        return std::unexpected(DbError::fromSql(q.lastError(), u"look for deferred demo indexes"_s));
    if (!q.value(0).toBool())
        return 0;
    if (!q.exec(QString::fromLatin1(kDeferredIndexes)))
        return std::unexpected(DbError::fromSql(q.lastError(), u"look for deferred demo indexes"_s));
    int pending = 0;
    while (q.next())
        ++pending;
    return pending;
}

std::expected<int, DbError> DemoSeeder::buildDeferredIndexes()
{
    struct Pending { QString name; QString create; QString drop; QVariant valid; };
    QList<Pending> pending;
    {
        QSqlQuery q(m_db);
        if (!q.exec(QString::fromLatin1(kDeferredTableExists)) || !q.next())
            return std::unexpected(DbError::fromSql(q.lastError(), u"look for deferred demo indexes"_s));
        if (!q.value(0).toBool())
            return 0;
        if (!q.exec(QString::fromLatin1(kDeferredIndexes)))
            return std::unexpected(DbError::fromSql(q.lastError(), u"look for deferred demo indexes"_s));
        while (q.next())
            pending.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3)});
    }
    if (pending.isEmpty())
        return 0;
    if (auto r = exec(QString::fromLatin1(kSessionIndexMemory), u"build the demo indexes"_s); !r)
        return std::unexpected(r.error());
    int built = 0;
    for (const Pending &index : std::as_const(pending)) {
        const bool missing = index.valid.isNull();
        const bool invalid = !missing && !index.valid.toBool();
        // CONCURRENTLY cannot run in a transaction: each statement commits by itself. The texts
        // come from pg_get_indexdef() and format('%I.%I') when the index was dropped.
        if (invalid) {
            if (auto r = exec(index.drop, u"drop the invalid demo index %1"_s.arg(index.name)); !r)
                return std::unexpected(r.error());
        }
        if (missing || invalid) {
            if (auto r = exec(index.create, u"build the demo index %1"_s.arg(index.name)); !r)
                return std::unexpected(r.error());
            ++built;
        }
        QSqlQuery q(m_db);
        const auto forgotten = SqlStatement::run(q, QString::fromLatin1(kForgetDeferredIndex), u"build the demo indexes"_s,
                                                 [&index](QSqlQuery &query) { query.bindValue(u":name"_s, index.name); });
        if (!forgotten)
            return std::unexpected(forgotten.error());
    }
    return built;
}

std::expected<bool, DbError> DemoSeeder::createDatabaseIfMissing(QSqlDatabase server, const QString &name)
{
    QSqlQuery q(server);
    const auto looked = SqlStatement::run(q, QString::fromLatin1(kDatabaseExists), u"look for database %1"_s.arg(name),
                                          [&name](QSqlQuery &query) { query.bindValue(u":name"_s, name); });
    if (!looked)
        return std::unexpected(looked.error());
    if (!q.next())
        return std::unexpected(DbError::fromSql(q.lastError(), u"look for database %1"_s.arg(name)));
    if (q.value(0).toBool())
        return false;
    // Identifiers cannot be bound: PostgreSQL quotes the name (format %I) and we run its result.
    const auto statement = SqlStatement::run(q, QString::fromLatin1(kCreateDatabaseStatement),
                                             u"create database %1"_s.arg(name),
                                             [&name](QSqlQuery &query) { query.bindValue(u":name"_s, name); });
    if (!statement)
        return std::unexpected(statement.error());
    if (!q.next())
        return std::unexpected(DbError::fromSql(q.lastError(), u"create database %1"_s.arg(name)));
    const QString create = q.value(0).toString();
    QSqlQuery c(server);
    if (!c.exec(create))
        return std::unexpected(DbError::fromSql(c.lastError(), u"create database %1"_s.arg(name)));
    return true;
}
