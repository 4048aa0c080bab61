#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <expected>

// The demo's three staff logins, one per staff role, so the role-based UI can be tried:
// demo_reviewer, demo_admin, demo_support. The demo cluster trusts its Unix socket, so their
// generated passwords are never needed (and not kept). Idempotent: existing logins are kept.
struct DemoLogins
{
    struct Login
    {
        QString name;
        QString role;
        QString description;
    };

    static QList<Login> logins();
    // A DemoStep: runs with the demo superuser's connection after migration and seeding.
    static std::expected<void, QString> create(const QSqlDatabase &db);
};
