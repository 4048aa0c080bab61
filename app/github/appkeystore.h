#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <expected>
#include <functional>

#include "github/githuberror.h"

class SecretStore;

// The GitHub App's private key: validated with OpenSSL before it is kept, stored in the keychain
// under "github/private-key", or read from a PEM file a config file names. The console never
// writes the key to disk or settings. Callbacks run later, never after `context` is destroyed.
class AppKeyStore
{
public:
    static QString secretKey() { return QStringLiteral("github/private-key"); }

    // Reads and validates a PEM file (PKCS#1 or PKCS#8 RSA).
    static std::expected<QByteArray, GitHubError> readPemFile(const QString &path);
    // Reads `path`, validates it, and stores it in the keychain.
    static void importFile(SecretStore *store, const QString &path, QObject *context,
                           std::function<void(std::expected<void, GitHubError>)> done);
    // The key stored in the keychain, validated.
    static void load(SecretStore *store, QObject *context,
                     std::function<void(std::expected<QByteArray, GitHubError>)> done);
};
