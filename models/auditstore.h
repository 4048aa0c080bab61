#pragma once

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <expected>
#include <optional>

#include "dberror.h"

// One change recorded by the audit triggers of migration 007. JSON stays text, exactly as stored.
struct AuditEntry
{
    qint64 id = 0;
    QDateTime at;             // UTC
    QString login;            // session_user
    QString role;             // the role in effect (the login, or what it SET ROLE to)
    QStringList staffRoles;   // the staff / backend roles that role had at the time
    QString applicationName;
    QString table;
    QString rowKey;           // JSON object, e.g. {"id": 42}
    QString operation;        // INSERT, UPDATE, DELETE, TRUNCATE
    QString before;           // JSON object or empty (INSERT); UPDATE: the changed columns only
    QString after;            // JSON object or empty (DELETE)
    QStringList changedColumns; // UPDATE: the changed columns' names, sorted; else empty
    QString recordName;       // "Draft #3", "Installation granite-io (41382134)" (recordNameExpression())
};

// One column of an entry, side by side. Values are JSON text; empty when absent.
struct AuditChange
{
    QString column;
    QString before;
    QString after;
};

// Every field is optional; empty/invalid means "any".
struct AuditFilter
{
    QString table;
    QString rowKey;           // JSON object compared for equality, e.g. {"id": 42}
    QString login;
    QDateTime from;           // inclusive
    QDateTime to;             // exclusive
};

// Where the next page starts: strictly older than (at, id). `at` keeps microseconds as text.
struct AuditCursor
{
    QString at;
    qint64 id = 0;
};

struct AuditPage
{
    QList<AuditEntry> entries;           // newest first
    std::optional<AuditCursor> next;     // empty when this was the last page
};

// Reads the audit log newest first, keyset-paged by (at, id). Read-only; a login without SELECT on
// audit_log gets a DbError of kind Permission. Use from the thread owning `db`.
class AuditStore
{
public:
    explicit AuditStore(QSqlDatabase db);

    // Builds the row key JSON for a table's key columns from the user's text ("42", or "7,3" for
    // user_installations' (user_id, installation_id)). Empty when the text does not fit.
    static QString rowKeyFor(const QString &table, const QString &keyText);
    static QStringList auditedTables();

    // The application_name the demo set-up's edits carry, shown as "demo set-up".
    static constexpr const char *kDemoSetUpApplication = "staff-console demo set-up";
    // What made a change, from its application_name: "demo set-up", "Staff Console", else the name as is.
    static QString sourceLabel(const QString &applicationName);
    // The staff roles in effect as people say them: "reviewer", "admin, support"; empty for none.
    static QString staffRolesText(const QStringList &staffRoles);
    // SQL expression naming the record of the audit_log row aliased `a` (see AuditEntry::recordName).
    static QString recordNameExpression();

    std::expected<AuditPage, DbError> page(const AuditFilter &filter,
                                           const std::optional<AuditCursor> &after = std::nullopt,
                                           int limit = 200) const;
    // One row's entries, newest first (at most `limit`).
    std::expected<QList<AuditEntry>, DbError> history(const QString &table, const QString &rowKey,
                                                      int limit = 200) const;
    // The entry's columns with before and after values, by column name.
    std::expected<QList<AuditChange>, DbError> changes(qint64 entryId) const;

private:
    QSqlDatabase m_db;
};
