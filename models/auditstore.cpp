#include "auditstore.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

// The record an entry is about, named as people know it: "Draft #3", "User 583231",
// "Installation granite-io (41382134)", "Membership: user 583231 in granite-io", "Preferences of
// user 583231", "Publication #5 of draft #3". The user's GitHub id and the installation's account come from the live rows, or,
// once a row is deleted, from its last INSERT/DELETE entry (the whole row). Scalar subqueries over
// primary keys and audit_log_row_idx: evaluated only for the rows a page returns.
constexpr auto kRecordName = R"((
SELECT CASE
         WHEN a.operation = 'TRUNCATE'
           THEN 'All ' || CASE a.table_name WHEN 'draft_content' THEN 'drafts' WHEN 'users' THEN 'users'
                                             WHEN 'github_app_installations' THEN 'installations'
                                             WHEN 'user_installations' THEN 'memberships'
                                             WHEN 'user_preferences' THEN 'preference rows'
                                             WHEN 'draft_publications' THEN 'publications'
                                             ELSE a.table_name END || ' (table emptied)'
         WHEN a.table_name = 'draft_content' THEN 'Draft #' || (a.row_key ->> 'id')
         WHEN a.table_name = 'draft_publications'
           THEN 'Publication #' || (a.row_key ->> 'id')
                || coalesce(' of draft #' || coalesce(
                       (SELECT p.draft_id::text FROM draft_publications p WHERE p.id = CAST(a.row_key ->> 'id' AS bigint)),
                       coalesce(a.after, a.before) ->> 'draft_id'), '')
         WHEN a.table_name = 'users' THEN 'User ' || coalesce(who.github_id, 'with id ' || ref.user_id)
         WHEN a.table_name = 'github_app_installations'
           THEN 'Installation ' || coalesce(inst.account_name || ' (' || inst.github_id || ')', 'with id ' || ref.installation_id)
         WHEN a.table_name = 'user_installations'
           THEN 'Membership: user ' || coalesce(who.github_id, 'with id ' || ref.user_id)
                || ' in ' || coalesce(inst.account_name, 'installation with id ' || ref.installation_id)
         WHEN a.table_name = 'user_preferences'
           THEN 'Preferences of user ' || coalesce(who.github_id, 'with id ' || ref.user_id, '(unknown)')
         ELSE a.table_name || ' ' || a.row_key::text
       END
  FROM (SELECT CASE a.table_name
                 WHEN 'users' THEN CAST(a.row_key ->> 'id' AS integer)
                 WHEN 'user_installations' THEN CAST(a.row_key ->> 'user_id' AS integer)
                 WHEN 'user_preferences' THEN coalesce(
                     (SELECT p.user_id FROM user_preferences p WHERE p.id = CAST(a.row_key ->> 'id' AS integer)),
                     (SELECT CAST(coalesce(x.before, x.after) ->> 'user_id' AS integer) FROM audit_log x
                       WHERE x.table_name = 'user_preferences' AND x.row_key = a.row_key
                         AND x.operation IN ('INSERT', 'DELETE')
                       ORDER BY x.at DESC, x.id DESC LIMIT 1))
               END AS user_id,
               CASE a.table_name
                 WHEN 'github_app_installations' THEN CAST(a.row_key ->> 'id' AS integer)
                 WHEN 'user_installations' THEN CAST(a.row_key ->> 'installation_id' AS integer)
               END AS installation_id
        OFFSET 0) AS ref   -- computed once, not inlined into each use
  LEFT JOIN LATERAL (
      SELECT u.github_id FROM users u WHERE u.id = ref.user_id
      UNION ALL
      (SELECT coalesce(x.before, x.after) ->> 'github_id' FROM audit_log x
        WHERE ref.user_id IS NOT NULL
          AND x.table_name = 'users' AND x.row_key = jsonb_build_object('id', ref.user_id)
          AND x.operation IN ('INSERT', 'DELETE')
        ORDER BY x.at DESC, x.id DESC LIMIT 1)
      LIMIT 1) AS who (github_id) ON true
  LEFT JOIN LATERAL (
      SELECT i.account_name, i.github_installation_id FROM github_app_installations i WHERE i.id = ref.installation_id
      UNION ALL
      (SELECT coalesce(x.before, x.after) ->> 'account_name', coalesce(x.before, x.after) ->> 'github_installation_id'
         FROM audit_log x
        WHERE ref.installation_id IS NOT NULL
          AND x.table_name = 'github_app_installations' AND x.row_key = jsonb_build_object('id', ref.installation_id)
          AND x.operation IN ('INSERT', 'DELETE')
        ORDER BY x.at DESC, x.id DESC LIMIT 1)
      LIMIT 1) AS inst (account_name, github_id) ON true
))";

// NULL filters fall back to the column itself (or an open bound), so one statement serves all
// combinations and the planner folds the given constants into index conditions.
// %1: kRecordName.
constexpr auto kPage = R"(
SELECT a.id,
       to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       a.login, a.role, array_to_string(a.staff_roles, ','), coalesce(a.application_name, ''),
       a.table_name, a.row_key::text, a.operation, a.before::text, a.after::text,
       (SELECT string_agg(k, ',' ORDER BY k)
          FROM jsonb_object_keys(CASE WHEN a.operation = 'UPDATE' THEN coalesce(a.after, '{}') ELSE '{}' END) k),
       %1
FROM audit_log a
WHERE a.table_name = coalesce(CAST(:table AS text), a.table_name)
  AND a.row_key = coalesce(CAST(:rowKey AS jsonb), a.row_key)
  AND a.login = coalesce(CAST(:login AS text), a.login)
  AND a.at >= coalesce(CAST(:from AS timestamptz), '-infinity')
  AND a.at < coalesce(CAST(:to AS timestamptz), 'infinity')
  AND (a.at, a.id) < (coalesce(CAST(:cursorAt AS timestamptz), 'infinity'), coalesce(CAST(:cursorId AS bigint), 0))
ORDER BY a.at DESC, a.id DESC
LIMIT :limit
)";

constexpr auto kChanges = R"(
SELECT k.column_name, a.before -> k.column_name, a.after -> k.column_name
FROM audit_log a
CROSS JOIN LATERAL (
    SELECT jsonb_object_keys(coalesce(a.before, '{}') || coalesce(a.after, '{}')) AS column_name
) k
WHERE a.id = :id
ORDER BY k.column_name
)";

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QVariant timeOrNull(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toUTC()) : QVariant(QMetaType::fromType<QDateTime>());
}

} // namespace

AuditStore::AuditStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QString AuditStore::recordNameExpression()
{
    return QString::fromUtf8(kRecordName);
}

QString AuditStore::staffRolesText(const QStringList &staffRoles)
{
    QStringList names;
    for (const QString &role : staffRoles)
        names << (role.startsWith(u"staff_"_s) ? role.mid(6) : role);
    return names.join(u", "_s);
}

QString AuditStore::sourceLabel(const QString &applicationName)
{
    if (applicationName == QLatin1String(kDemoSetUpApplication))
        return u"demo set-up"_s;
    if (applicationName.startsWith(u"staff-console"_s))
        return u"Staff Console"_s;
    return applicationName;
}

QStringList AuditStore::auditedTables()
{
    return {u"draft_content"_s, u"users"_s, u"github_app_installations"_s, u"user_installations"_s,
            u"user_preferences"_s, u"draft_publications"_s};
}

QString AuditStore::rowKeyFor(const QString &table, const QString &keyText)
{
    const QStringList parts = keyText.split(u',', Qt::SkipEmptyParts);
    QList<qint64> numbers;
    for (const QString &part : parts) {
        bool ok = false;
        const qint64 n = part.trimmed().toLongLong(&ok);
        if (!ok)
            return {};
        numbers << n;
    }
    if (table == u"user_installations") {
        if (numbers.size() != 2)
            return {};
        return u"{\"user_id\": %1, \"installation_id\": %2}"_s.arg(numbers[0]).arg(numbers[1]);
    }
    if (numbers.size() != 1 || !auditedTables().contains(table))
        return {};
    return u"{\"id\": %1}"_s.arg(numbers[0]);
}

std::expected<AuditPage, DbError> AuditStore::page(const AuditFilter &filter,
                                                   const std::optional<AuditCursor> &after, int limit) const
{
    const QString context = u"read the audit log"_s;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(QString::fromUtf8(kPage).arg(recordNameExpression())))
        return std::unexpected(DbError::fromSql(q.lastError(), context));
    q.bindValue(u":table"_s, textOrNull(filter.table));
    q.bindValue(u":rowKey"_s, textOrNull(filter.rowKey));
    q.bindValue(u":login"_s, textOrNull(filter.login));
    q.bindValue(u":from"_s, timeOrNull(filter.from));
    q.bindValue(u":to"_s, timeOrNull(filter.to));
    q.bindValue(u":cursorAt"_s, after ? QVariant(after->at) : QVariant(QMetaType::fromType<QString>()));
    q.bindValue(u":cursorId"_s, after ? QVariant(after->id) : QVariant(QMetaType::fromType<qint64>()));
    q.bindValue(u":limit"_s, limit + 1);
    if (!q.exec())
        return std::unexpected(DbError::fromSql(q.lastError(), context));

    AuditPage page;
    std::optional<AuditCursor> last;
    while (q.next()) {
        if (page.entries.size() == limit) {
            page.next = last;
            break;
        }
        AuditEntry e;
        e.id = q.value(0).toLongLong();
        const QString at = q.value(1).toString();
        // QDateTime holds milliseconds: truncate (Qt would round .123999 up to .124).
        e.at = QDateTime::fromString(at.left(23) + u'Z', Qt::ISODateWithMs);
        e.login = q.value(2).toString();
        e.role = q.value(3).toString();
        e.staffRoles = q.value(4).toString().split(u',', Qt::SkipEmptyParts);
        e.applicationName = q.value(5).toString();
        e.table = q.value(6).toString();
        e.rowKey = q.value(7).toString();
        e.operation = q.value(8).toString();
        e.before = q.value(9).toString();
        e.after = q.value(10).toString();
        e.changedColumns = q.value(11).toString().split(u',', Qt::SkipEmptyParts);
        e.recordName = q.value(12).toString();
        last = AuditCursor{at, e.id};
        page.entries.append(std::move(e));
    }
    return page;
}

std::expected<QList<AuditEntry>, DbError> AuditStore::history(const QString &table, const QString &rowKey,
                                                              int limit) const
{
    AuditFilter filter;
    filter.table = table;
    filter.rowKey = rowKey;
    auto result = page(filter, std::nullopt, limit);
    if (!result)
        return std::unexpected(result.error());
    return std::move(result->entries);
}

std::expected<QList<AuditChange>, DbError> AuditStore::changes(qint64 entryId) const
{
    const QString context = u"read the audit entry %1"_s.arg(entryId);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(QString::fromUtf8(kChanges)))
        return std::unexpected(DbError::fromSql(q.lastError(), context));
    q.bindValue(u":id"_s, entryId);
    if (!q.exec())
        return std::unexpected(DbError::fromSql(q.lastError(), context));
    QList<AuditChange> changes;
    while (q.next())
        changes.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString()});
    return changes;
}
