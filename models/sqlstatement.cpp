#include "sqlstatement.h"

#include <QSqlError>

namespace SqlStatement {

std::expected<void, DbError> prepare(QSqlQuery &query, const QString &sql, const QString &context)
{
    if (!query.prepare(sql))
        return std::unexpected(DbError::fromSql(query.lastError(), context));
    return {};
}

std::expected<void, DbError> exec(QSqlQuery &query, const QString &context)
{
    if (!query.exec())
        return std::unexpected(DbError::fromSql(query.lastError(), context));
    return {};
}

} // namespace SqlStatement
