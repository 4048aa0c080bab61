#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <expected>
#include <functional>

#include "connectionprofile.h"

// Why a keychain operation failed. The message never contains the secret.
struct SecretError
{
    enum class Kind {
        NotFound,     // no secret stored under that key
        Unavailable,  // no secret service (no D-Bus session, no keyring daemon)
        Denied,       // the keychain refused (locked, or the user said no)
        Other,
    };
    Kind kind = Kind::Other;
    QString message;
};

// The OS keychain (QtKeychain) under the service name "staff-console".
// Every call is asynchronous and returns at once; `done` runs later on the thread that owns this
// object, and never if `context` has been destroyed first. Use from the thread owning the store.
// Keys: databaseKey(profile), "github/private-key", "stripe/api-key".
class SecretStore : public QObject
{
    Q_OBJECT

public:
    explicit SecretStore(QObject *parent = nullptr);

    using ReadResult = std::expected<QByteArray, SecretError>;
    using WriteResult = std::expected<void, SecretError>;

    void read(const QString &key, QObject *context, std::function<void(ReadResult)> done);
    void write(const QString &key, const QByteArray &secret, QObject *context,
               std::function<void(WriteResult)> done);
    void remove(const QString &key, QObject *context, std::function<void(WriteResult)> done);

    static QString databaseKey(const ConnectionProfile &profile); // "database/" + user@host:port/db
    static QString serviceName() { return QStringLiteral("staff-console"); }
};
