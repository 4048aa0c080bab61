#include "connectionprofile.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QSqlError>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

QStringList ConnectionProfile::sslModes()
{
    return {u"disable"_s, u"allow"_s, u"prefer"_s, u"require"_s, u"verify-ca"_s, u"verify-full"_s};
}

std::expected<ConnectionProfile, QString> ConnectionProfile::fromUri(const QString &uri)
{
    const QUrl url(uri, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"postgresql" && url.scheme() != u"postgres"))
        return std::unexpected(u"Not a PostgreSQL URI: expected postgresql://user@host:port/dbname"_s);
    if (!url.password().isEmpty())
        return std::unexpected(u"Put the password in PGPASSWORD or the keychain, not in the URI."_s);

    ConnectionProfile p;
    p.user = url.userName();
    p.host = url.host();
    p.port = url.port(5432);
    p.database = url.path().mid(1);
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == u"sslmode")
            p.sslMode = value;
        else if (key == u"sslrootcert")
            p.sslRootCert = value;
        else if (key == u"connect_timeout")
            p.connectTimeoutSeconds = value.toInt();
        else if (key == u"host") // libpq allows ?host=/socket/dir
            p.host = value;
        else if (key == u"port") { // with a socket directory the port can only go here
            bool ok = false;
            p.port = value.toInt(&ok);
            if (!ok)
                return std::unexpected(u"The port must be a number, not \"%1\"."_s.arg(value));
        } else if (key == u"user")
            p.user = value;
        else if (key == u"dbname")
            p.database = value;
        else
            return std::unexpected(u"Unsupported URI parameter: %1"_s.arg(key));
    }
    if (p.user.isEmpty())
        p.user = qEnvironmentVariable("PGUSER");
    if (p.database.isEmpty())
        p.database = p.user;
    p.name = p.displayName();
    if (const QString problem = p.validate(); !problem.isEmpty())
        return std::unexpected(problem);
    return p;
}

QString ConnectionProfile::toUri() const
{
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setUserName(user);
    QUrlQuery query;
    if (host.startsWith(u'/')) {
        query.addQueryItem(u"host"_s, host);
        query.addQueryItem(u"port"_s, QString::number(port));
    } else {
        url.setHost(host);
        url.setPort(port);
    }
    url.setPath(u"/"_s + database);
    if (sslMode != u"prefer")
        query.addQueryItem(u"sslmode"_s, sslMode);
    if (!sslRootCert.isEmpty())
        query.addQueryItem(u"sslrootcert"_s, sslRootCert);
    url.setQuery(query);
    return url.toString();
}

QString ConnectionProfile::displayName() const
{
    return u"%1@%2:%3/%4"_s.arg(user, host).arg(port).arg(database);
}

QString ConnectionProfile::validate() const
{
    if (host.trimmed().isEmpty())
        return u"Enter the server's host name."_s;
    if (port < 1 || port > 65535)
        return u"The port must be between 1 and 65535."_s;
    if (database.trimmed().isEmpty())
        return u"Enter the database name."_s;
    if (user.trimmed().isEmpty())
        return u"Enter the login (PostgreSQL role) to connect as."_s;
    if (!sslModes().contains(sslMode))
        return u"Unknown SSL mode \"%1\"."_s.arg(sslMode);
    if ((sslMode == u"verify-ca" || sslMode == u"verify-full") && !sslRootCert.isEmpty()
        && !QFileInfo(sslRootCert).isReadable())
        return u"The CA file %1 cannot be read."_s.arg(sslRootCert);
    if (connectTimeoutSeconds < 1 || connectTimeoutSeconds > 600)
        return u"The connect timeout must be between 1 and 600 seconds."_s;
    return {};
}

QString ConnectionProfile::connectOptions(const QString &applicationName) const
{
    const auto quoted = [](QString v) -> QString {
        v.replace(u'\\', u"\\\\"_s).replace(u'\'', u"\\'"_s);
        return u'\'' + v + u'\'';
    };
    QStringList options;
    options << u"sslmode="_s + sslMode;
    if (!sslRootCert.isEmpty())
        options << u"sslrootcert="_s + quoted(sslRootCert);
    options << u"connect_timeout="_s + QString::number(connectTimeoutSeconds);
    options << u"application_name="_s + quoted(applicationName);
    return options.join(u';');
}

std::expected<std::unique_ptr<PgConnection>, DbError>
PgConnection::open(const ConnectionProfile &profile, const QString &password, const QString &purpose)
{
    static QAtomicInteger<quint64> counter;
    const QString name = u"%1-%2"_s.arg(purpose).arg(counter.fetchAndAddRelaxed(1));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        db.setHostName(profile.host);
        db.setPort(profile.port);
        db.setDatabaseName(profile.database);
        db.setUserName(profile.user);
        if (!password.isEmpty())
            db.setPassword(password);
        db.setConnectOptions(profile.connectOptions(u"staff-console ("_s + purpose + u')'));
        if (!db.open()) {
            DbError error = DbError::fromSql(db.lastError(), u"connect to %1"_s.arg(profile.displayName()));
            if (error.kind == DbError::Kind::Unreachable)
                error.message = u"The database server at %1:%2 cannot be reached."_s.arg(profile.host).arg(profile.port);
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return std::unexpected(error);
        }
    }
    return std::unique_ptr<PgConnection>(new PgConnection(name));
}

PgConnection::~PgConnection()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

QSqlDatabase PgConnection::db() const
{
    return QSqlDatabase::database(m_name, false);
}
