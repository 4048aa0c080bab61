#include "detailquery.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

DetailQuery::DetailQuery(const QSqlDatabase &db, const char *statement, qint64 id)
    : m_query(db)
    , m_id(id)
    , m_statement(QString::fromLatin1(statement))
{
    m_query.setForwardOnly(true);
}

bool DetailQuery::exec(const QString &context)
{
    if (!m_query.prepare(m_statement)) {
        m_error = DbError::fromSql(m_query.lastError(), context);
        return false;
    }
    m_query.bindValue(u":id"_s, m_id);
    if (!m_query.exec()) {
        m_error = DbError::fromSql(m_query.lastError(), context);
        return false;
    }
    return true;
}
