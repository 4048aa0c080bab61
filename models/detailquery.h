#pragma once

#include <QSqlQuery>

#include "dberror.h"

// One forward-only statement with a single `:id` bind, for the detail stores. Same thread as `db`.
class DetailQuery
{
public:
    DetailQuery(const QSqlDatabase &db, const char *statement, qint64 id);

    bool exec(const QString &context);   // false: error() says why
    QSqlQuery &query() { return m_query; }
    DbError error() const { return m_error; }

private:
    QSqlQuery m_query;
    qint64 m_id;
    QString m_statement;
    DbError m_error;
};
