#include "sessioninfo.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

constexpr auto kServerAndLogin = R"(
SELECT current_setting('server_version'), current_database(), session_user::text,
       r.rolsuper, r.rolcreaterole
FROM pg_roles r
WHERE r.rolname = session_user
)";

// The staff roles are created by a later migration: absent roles are simply not listed.
constexpr auto kStaffRoles = R"(
SELECT r.rolname::text
FROM pg_roles r
WHERE r.rolname = ANY (string_to_array(:roles, ','))
  AND pg_has_role(session_user, r.oid, 'MEMBER')
ORDER BY r.rolname
)";

constexpr auto kTableEstimates = R"(
SELECT c.relname::text, c.reltuples::bigint,
       has_table_privilege(c.oid, 'SELECT')
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema()
  AND c.relkind IN ('r', 'p')
  AND c.relname = ANY (string_to_array(:tables, ','))
)";

// Exact counts for small tables, capped so that a never-analysed big table stays cheap.
constexpr auto kCappedCounts = R"(
SELECT (SELECT count(*) FROM (SELECT 1 FROM users LIMIT 100001) s),
       (SELECT count(*) FROM (SELECT 1 FROM github_app_installations LIMIT 100001) s),
       (SELECT count(*) FROM (SELECT 1 FROM user_installations LIMIT 100001) s),
       (SELECT count(*) FROM (SELECT 1 FROM user_preferences LIMIT 100001) s),
       (SELECT count(*) FROM (SELECT 1 FROM draft_content LIMIT 100001) s)
)";

constexpr qint64 kExactCountCap = 100000;

const QStringList &seedTables()
{
    static const QStringList tables = {u"users"_s, u"github_app_installations"_s,
                                       u"user_installations"_s, u"user_preferences"_s,
                                       u"draft_content"_s};
    return tables;
}

} // namespace

QStringList SessionInfo::knownStaffRoles()
{
    return {u"staff_reviewer"_s, u"staff_admin"_s, u"staff_support"_s};
}

std::expected<SessionInfo, DbError> SessionInfo::read(const QSqlDatabase &db)
{
    SessionInfo info;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(QString::fromUtf8(kServerAndLogin)) || !q.exec())
        return std::unexpected(DbError::fromSql(q.lastError(), u"read the server version and login"_s));
    if (q.next()) {
        info.serverVersion = q.value(0).toString();
        info.database = q.value(1).toString();
        info.login = q.value(2).toString();
        info.superuser = q.value(3).toBool();
        info.createRole = q.value(4).toBool();
    }
    q.finish();

    if (!q.prepare(QString::fromUtf8(kStaffRoles)))
        return std::unexpected(DbError::fromSql(q.lastError(), u"read the login's staff roles"_s));
    q.bindValue(u":roles"_s, knownStaffRoles().join(u','));
    if (!q.exec())
        return std::unexpected(DbError::fromSql(q.lastError(), u"read the login's staff roles"_s));
    while (q.next())
        info.staffRoles << q.value(0).toString();
    q.finish();

    for (const QString &table : seedTables())
        info.tables.append({table, -1, false});

    if (!q.prepare(QString::fromUtf8(kTableEstimates)))
        return std::unexpected(DbError::fromSql(q.lastError(), u"read the table sizes"_s));
    q.bindValue(u":tables"_s, seedTables().join(u','));
    if (!q.exec())
        return std::unexpected(DbError::fromSql(q.lastError(), u"read the table sizes"_s));
    int present = 0;
    bool readable = true;
    while (q.next()) {
        const qsizetype i = seedTables().indexOf(q.value(0).toString());
        if (i < 0)
            continue;
        ++present;
        readable = readable && q.value(2).toBool();
        const qint64 estimate = q.value(1).toLongLong();
        if (estimate > kExactCountCap)
            info.tables[i] = {seedTables().at(i), estimate, true};
    }
    q.finish();

    // Counting needs every table and SELECT on each; otherwise the sizes stay unknown.
    if (present == seedTables().size() && readable) {
        if (q.prepare(QString::fromUtf8(kCappedCounts)) && q.exec() && q.next()) {
            for (int i = 0; i < seedTables().size(); ++i) {
                if (info.tables[i].estimate)
                    continue;
                const qint64 rows = q.value(i).toLongLong();
                info.tables[i] = {seedTables().at(i), rows, rows > kExactCountCap};
            }
        }
        q.finish();
    }
    return info;
}
