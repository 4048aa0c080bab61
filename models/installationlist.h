#pragma once

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <expected>

#include "dberror.h"
#include "listdefinition.h"
#include "pgtimestamp.h"

// The GitHub App installations list. Member count is a correlated subquery, run for the page only.
// Filter "search": a substring of the account name.
class InstallationList
{
public:
    enum Column { GithubInstallationId, AccountName, AccountType, Members, Created, ColumnCount };

    struct Row
    {
        qint64 id = 0;
        QString githubInstallationId;
        QString accountName;
        QString accountType;
        qint32 members = 0;
        PgTimestamp created;   // with microseconds, for the export

        static Row decode(const QSqlQuery &query, int first);
        QVariant data(int column, int role) const;
    };

    // An installation's GitHub identity: what the demo's sandbox GitHub answers for.
    struct Account
    {
        QString githubInstallationId;
        QString accountName;
        QString accountType;     // "user" or "organization"
    };

    static ListDefinition definition();
    // Every installation, in id order. Blocking; use from the thread that owns `db`.
    static std::expected<QList<Account>, DbError> accounts(QSqlDatabase db);
};
