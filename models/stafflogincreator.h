#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <expected>

#include "dberror.h"

// Creates a person's staff LOGIN role, member of the given staff roles, with a generated password
// that is returned once and kept nowhere. Only a SCRAM verifier of the password reaches the server.
// The session limits of the login's roles are written onto the login (ALTER ROLE ... SET).
// Needs a login with CREATEROLE and the schema at migration 008. Use from the thread owning `db`.
class StaffLoginCreator
{
public:
    explicit StaffLoginCreator(QSqlDatabase db);

    // Lower-case letters, digits and underscores, 3 to 63 characters, not starting with a digit.
    static bool isValidLogin(const QString &login);
    static QString generatePassword(); // 24 characters from an unambiguous alphabet

    // Whether a role of that name exists (any role, not only staff logins).
    std::expected<bool, DbError> exists(const QString &login) const;

    // Returns the new login's password. Nothing is created when it fails.
    std::expected<QString, DbError> create(const QString &login, const QStringList &staffRoles);

private:
    QSqlDatabase m_db;
};
