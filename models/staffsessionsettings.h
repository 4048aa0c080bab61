#pragma once

#include <QSqlDatabase>
#include <QString>

#include <expected>

#include "dberror.h"

// Applies the staff roles' session limits (statement_timeout, idle_in_transaction_session_timeout,
// table staff_role_session_settings of migration 008) to one connection. Call it right after
// opening every connection of a staff login: PostgreSQL does not apply the settings of group roles
// to their members. Logins created by StaffLoginCreator also carry them as role settings.
// A database before migration 008, a superuser or a non-staff login is left as it is.
// Use from the thread owning `db`.
struct StaffSessionSettings
{
    // Returns the statement_timeout now in effect (e.g. "30s").
    static std::expected<QString, DbError> apply(const QSqlDatabase &db);
};
