#include "auditstore.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

// NULL filters fall back to the column itself (or an open bound), so one statement serves all
// combinations and the planner folds the given constants into index conditions.
constexpr auto kPage = R"(
SELECT id,
       to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
       login, role, array_to_string(staff_roles, ','), coalesce(application_name, ''),
       table_name, row_key::text, operation, before::text, after::text,
       (SELECT string_agg(k, ',' ORDER BY k)
          FROM jsonb_object_keys(CASE WHEN operation = 'UPDATE' THEN coalesce(after, '{}') ELSE '{}' END) k)
FROM audit_log
WHERE table_name = coalesce(CAST(:table AS text), table_name)
  AND row_key = coalesce(CAST(:rowKey AS jsonb), row_key)
  AND login = coalesce(CAST(:login AS text), login)
  AND at >= coalesce(CAST(:from AS timestamptz), '-infinity')
  AND at < coalesce(CAST(:to AS timestamptz), 'infinity')
  AND (at, id) < (coalesce(CAST(:cursorAt AS timestamptz), 'infinity'), coalesce(CAST(:cursorId AS bigint), 0))
ORDER BY at DESC, id DESC
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

QStringList AuditStore::auditedTables()
{
    return {u"draft_content"_s, u"users"_s, u"github_app_installations"_s, u"user_installations"_s,
            u"user_preferences"_s};
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
    if (!q.prepare(QString::fromUtf8(kPage)))
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
