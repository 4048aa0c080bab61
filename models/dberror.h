#pragma once

#include <QSqlError>
#include <QString>

// A failed database operation, as the user should read it. Never carries a password.
struct DbError
{
    enum class Kind {
        Unreachable,      // server not reachable (opening a connection failed)
        ConnectionLost,   // an open connection dropped: what it held (transaction, claims) is gone
        Authentication,   // wrong password or unknown login
        Permission,       // SQLSTATE 42501: the login's role may not do this
        Conflict,         // the row changed since it was read (0 rows updated)
        NotFound,         // the row is gone
        Schema,           // schema missing, behind or ahead
        Constraint,       // a CHECK / FK / unique violation
        Other,
    };

    Kind kind = Kind::Other;
    QString message;      // one sentence for the user
    QString detail;       // PostgreSQL's own text, SQL state, statement name
    QString sqlState;

    static DbError fromSql(const QSqlError &error, const QString &context = {});
    // The connection used for `purpose` dropped; `cause` is what the failed statement reported.
    static DbError connectionLost(const QString &purpose, const QString &cause = {});
    QString text() const { return detail.isEmpty() ? message : message + QLatin1Char('\n') + detail; }
};
