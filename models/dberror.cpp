#include "dberror.h"

using namespace Qt::StringLiterals;

namespace {

// libpq reports a refused login or a missing database as a failed connection without a SQLSTATE,
// so the text decides; the login checks come before the generic "connection to server" match.
DbError::Kind kindOf(const QString &state, const QString &text)
{
    const auto has = [&text](QStringView needle) { return text.contains(needle, Qt::CaseInsensitive); };
    if (state == u"42501")
        return DbError::Kind::Permission;
    if (state == u"28P01" || state == u"28000" || has(u"password authentication failed")
        || has(u"no password supplied") || (has(u"FATAL:") && has(u"role \"") && has(u"does not exist")))
        return DbError::Kind::Authentication;
    if (state == u"3D000" || (has(u"FATAL:") && has(u"database \"") && has(u"does not exist")))
        return DbError::Kind::NotFound;
    if (state.startsWith(u"08") || has(u"could not connect") || has(u"connection to server")
        || has(u"server closed the connection") || has(u"could not translate host name"))
        return DbError::Kind::Unreachable;
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
    case Kind::NotFound:
        e.message = QStringLiteral("The database does not exist.");
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

DbError DbError::connectionLost(const QString &purpose, const QString &cause)
{
    DbError e;
    e.kind = Kind::ConnectionLost;
    e.message = u"The connection to the database (%1) was lost: nothing that was not committed on it "
                u"was saved, and what it held is gone."_s.arg(purpose);
    e.detail = cause;
    return e;
}
