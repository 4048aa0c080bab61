#pragma once

#include <QDate>
#include <QFuture>
#include <QStringList>

#include <expected>

#include "connectionfactory.h"
#include "connectionthread.h"
#include "dberror.h"

// What the drafts' filter bar suggests while people type: the repositories that exist under a
// prefix (for completion), and the day of the newest draft (the month the date pickers open on).
// Reads on its own thread and connection, opened through the factory on first use; consume the
// futures with whenFinished().
class DraftFilterSuggestions
{
public:
    explicit DraftFilterSuggestions(ConnectionFactory factory);

    // Distinct github_repo values whose lower case starts with lower(prefix), in order, at most
    // `limit`; one index probe per name (a loose scan of the repository prefix index).
    QFuture<std::expected<QStringList, DbError>> repositories(const QString &prefix, int limit = 20);
    // The local day of the newest draft; an invalid date when there are none.
    QFuture<std::expected<QDate, DbError>> newestDraftDay();

private:
    ConnectionThread m_thread;
};
