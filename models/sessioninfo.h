#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <expected>

#include "dberror.h"

// Who and what a connection is talking to: server, login, staff roles, rough table sizes.
// read() runs on the thread that owns `db`; it only reads the catalogs (and caps row counts).
struct SessionInfo
{
    struct TableSize
    {
        QString table;
        qint64 rows = -1;       // -1: unknown (the table is missing or the login may not read it)
        bool estimate = false;  // true: pg_class.reltuples, false: an exact count
    };

    QString serverVersion;      // e.g. "15.4"
    QString database;           // current_database()
    QString login;              // session_user
    QStringList staffRoles;     // of staff_reviewer, staff_admin, staff_support (absent roles skipped)
    bool superuser = false;
    bool createRole = false;
    QList<TableSize> tables;    // the five seed tables, in a fixed order

    static QStringList knownStaffRoles();
    static std::expected<SessionInfo, DbError> read(const QSqlDatabase &db);
};
