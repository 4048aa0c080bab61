#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <expected>

#include "dberror.h"

// Where and as whom to connect. Never holds a password: that lives in the keychain.
struct ConnectionProfile
{
    QString name;                 // the profile's label, e.g. "production"
    QString host;                 // host name, address, or a Unix socket directory (starts with '/')
    int port = 5432;
    QString database;
    QString user;
    QString sslMode = QStringLiteral("prefer"); // disable, allow, prefer, require, verify-ca, verify-full
    QString sslRootCert;          // CA file for verify-ca / verify-full
    int connectTimeoutSeconds = 10;

    static QStringList sslModes();

    // Parses postgresql://user@host:port/dbname?sslmode=...&sslrootcert=...&connect_timeout=...
    // A Unix socket directory goes in the query with its port: postgresql://user@/db?host=/dir&port=N
    // (also accepted there: user, dbname).
    // A password in the URI is refused: it would end up in shell history and process lists.
    static std::expected<ConnectionProfile, QString> fromUri(const QString &uri);
    QString toUri() const;

    QString displayName() const;  // user@host:port/database
    QString validate() const;     // empty when usable, else what is wrong (one sentence)

    // libpq keywords for QSqlDatabase::setConnectOptions().
    QString connectOptions(const QString &applicationName) const;
};

// One QSqlDatabase connection owned by the thread that opened it; removed on destruction.
class PgConnection
{
public:
    static std::expected<std::unique_ptr<PgConnection>, DbError>
    open(const ConnectionProfile &profile, const QString &password, const QString &purpose);

    ~PgConnection();
    PgConnection(const PgConnection &) = delete;
    PgConnection &operator=(const PgConnection &) = delete;

    QSqlDatabase db() const;
    QString connectionName() const { return m_name; }

private:
    explicit PgConnection(QString name) : m_name(std::move(name)) {}
    QString m_name;
};
