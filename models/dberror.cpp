#include "dberror.h"

using namespace Qt::StringLiterals;

namespace {

DbError::Kind kindOf(const QString &state, const QString &text)
{
    if (state == u"42501")
        return DbError::Kind::Permission;
    if (state == u"28P01" || state == u"28000")
        return DbError::Kind::Authentication;
    if (state.startsWith(u"08") || text.contains(u"could not connect", Qt::CaseInsensitive)
        || text.contains(u"connection to server", Qt::CaseInsensitive)
        || text.contains(u"server closed the connection", Qt::CaseInsensitive))
        return DbError::Kind::Unreachable;
    if (text.contains(u"password authentication failed", Qt::CaseInsensitive)
        || text.contains(u"no password supplied", Qt::CaseInsensitive))
        return DbError::Kind::Authentication;
    if (state.startsWith(u"23"))
        return DbError::Kind::Constraint;
    if (state == u"42P01" || state == u"3F000")
        return DbError::Kind::Schema;
    return DbError::Kind::Other;
}

} // namespace

DbError DbError::fromSql(const QSqlError &error, const QString &context)
{
    DbError e;
    e.sqlState = error.nativeErrorCode();
    const QString db = error.databaseText().trimmed();
    const QString driver = error.driverText().trimmed();
    e.kind = kindOf(e.sqlState, db + u' ' + driver);
    switch (e.kind) {
    case Kind::Permission:
        e.message = context.isEmpty() ? QStringLiteral("PostgreSQL refused: permission denied.")
                                      : QStringLiteral("PostgreSQL refused to %1: permission denied.").arg(context);
        break;
    case Kind::Authentication:
        e.message = QStringLiteral("The server rejected the login: wrong user name or password.");
        break;
    case Kind::Unreachable:
        e.message = QStringLiteral("The database server cannot be reached.");
        break;
    default:
        e.message = context.isEmpty() ? QStringLiteral("The database reported an error.")
                                      : QStringLiteral("Could not %1.").arg(context);
        break;
    }
    e.detail = db.isEmpty() ? driver : db;
    if (!e.sqlState.isEmpty())
        e.detail += u" (SQLSTATE "_s + e.sqlState + u')';
    return e;
}
