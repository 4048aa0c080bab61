#pragma once

#include <QDateTime>
#include <QString>

#include "listdefinition.h"

// The audit log as a keyset-paged list (PagedListModel), newest first by (at, id). Rows carry the
// changed column names, not the before/after values (AuditStore::changes reads those on demand);
// the staff roles in effect ("admin, reviewer"), the record's name ("Draft #3") and what made the
// change ("demo set-up"). Table and Row (the raw key) are hidden by default.
// Filters: "table" (exact), "rowKey" (JSON object text, compared as jsonb), "login" (exact),
// "from"/"to" (QDateTime; from inclusive, to exclusive).
class AuditList
{
public:
    enum Column { When, Login, Role, Table, RowKey, Record, Operation, Changed, Source, ColumnCount };

    struct Row
    {
        qint64 id = 0;
        QDateTime at;
        QString login;
        QString actingRole;
        QString table;
        QString rowKey;
        QString operation;
        QString changed;   // "content, updated_at"
        QString staffRoles; // "admin, reviewer"; empty: none
        QString source;    // AuditStore::sourceLabel(application_name)
        QString record;    // "Draft #3"

        static Row decode(const QSqlQuery &query, int first);
        QVariant data(int column, int role) const;
    };

    static ListDefinition definition();
};
