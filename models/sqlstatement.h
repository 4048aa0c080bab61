#pragma once

#include <QSqlQuery>

#include <expected>

#include "dberror.h"

// prepare() and exec() of one QSqlQuery with failures as DbError (with `context`, as in
// DbError::fromSql). QPSQL prepares on the server (PREPARE): a statement whose PREPARE failed or was
// cancelled (SQLSTATE 57014, as for a cancelled exec) must never be executed, or the driver sends
// "EXECUTE  (…)" without a statement name.
namespace SqlStatement {

std::expected<void, DbError> prepare(QSqlQuery &query, const QString &sql, const QString &context);
std::expected<void, DbError> exec(QSqlQuery &query, const QString &context);

// prepare(), then bind(query) (bindValue calls), then exec(); stops at the first failure.
template <typename Bind>
std::expected<void, DbError> run(QSqlQuery &query, const QString &sql, const QString &context, Bind &&bind)
{
    if (auto prepared = prepare(query, sql, context); !prepared)
        return prepared;
    bind(query);
    return exec(query, context);
}

} // namespace SqlStatement
