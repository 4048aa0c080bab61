#pragma once

#include <QDateTime>
#include <QString>

#include "listdefinition.h"

// The audit log as a keyset-paged list (PagedListModel), newest first by (at, id). Rows carry the
// changed column names, not the before/after values (AuditStore::changes reads those on demand).
// Filters: "table" (exact), "rowKey" (JSON object text, compared as jsonb), "login" (exact),
// "from"/"to" (QDateTime; from inclusive, to exclusive).
class AuditList
{
public:
    enum Column { When, Login, Role, Table, RowKey, Operation, Changed, ColumnCount };

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

        static Row decode(const QSqlQuery &query, int first);
        QVariant data(int column, int role) const;
    };

    static ListDefinition definition();
};
