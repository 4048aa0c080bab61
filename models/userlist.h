#pragma once

#include <QDateTime>
#include <QString>

#include "listdefinition.h"
#include "pgtimestamp.h"

// The users list. Installation and open-draft counts are correlated subqueries, run for the page
// only. Filter "search": a GitHub id or Stripe customer id prefix.
class UserList
{
public:
    enum Column { GithubId, StripeId, Created, Installations, OpenDrafts, ColumnCount };

    struct Row
    {
        qint64 id = 0;
        QString githubId;
        QString stripeId;
        PgTimestamp created;   // with microseconds, for the export
        qint32 installations = 0;
        qint32 openDrafts = 0;

        static Row decode(const QSqlQuery &query, int first);
        QVariant data(int column, int role) const;
    };

    static ListDefinition definition();
};
