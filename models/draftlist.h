#pragma once

#include <QDateTime>
#include <QString>

#include "listdefinition.h"

// The drafts list: one compact row per draft (the content's first line only, never the body).
// Filters (ListDefinition::compileFilter keys): "status" (default "draft"; empty: any), "type",
// "repository" (case-insensitive prefix of 'owner/name': "redwood" finds every "redwood-…/…"),
// "user" (GitHub id), "createdFrom"/"createdTo" (QDate, inclusive), "search" (substring of the
// content or of the metadata's title, through trigram indexes; under 3 characters it sets a hint
// instead).
class DraftList
{
public:
    enum Column { Id, Status, Type, Repository, Issue, User, Created, Updated, FirstLine, ColumnCount };

    struct Row
    {
        qint64 id = 0;
        qint32 issue = 0;
        QString status;
        QString type;
        QString repository;
        QString userGithubId;
        QDateTime created;
        QDateTime updated;
        QString firstLine;

        static Row decode(const QSqlQuery &query, int first);
        QVariant data(int column, int role) const;
    };

    static ListDefinition definition();
    static constexpr int kMinimumSearchLength = 3;
};
