#pragma once

#include <QList>
#include <QString>

// A .sql file as the statements PostgreSQL will see. split() understands '' and E'' strings,
// "quoted" identifiers, $tag$ dollar quotes, -- and nested /* */ comments; a ';' outside them
// ends a statement. Empty and comment-only statements are dropped. Pure functions: any thread.
class SqlScript
{
public:
    struct Statement
    {
        int line = 0;   // 1-based line of the statement's first character in the script
        QString text;   // without the ';' and surrounding blanks; leading comments excluded
    };

    static QList<Statement> split(const QString &sql);
};
