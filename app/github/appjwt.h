#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <chrono>
#include <expected>
#include <functional>
#include <memory>

// Why a private key could not be used. The message never contains key material.
struct KeyError
{
    enum class Kind { Malformed, NotRsa, SigningFailed };
    Kind kind = Kind::Malformed;
    QString message;
};

// A GitHub App's JSON Web Token, signed RS256 with the App's private key (PKCS#1 or PKCS#8 PEM).
//
// token() returns the current JWT and mints a new one when less than a minute of it is left:
// iat = now − 60 s, exp = now + 9 min, iss = the App ID (a JSON number when all digits) or the
// client ID (a string). The clock is injectable for tests. Not thread-safe; copies share the key.
class AppJwt
{
public:
    using Clock = std::function<QDateTime()>;

    static std::expected<AppJwt, KeyError> create(const QByteArray &privateKeyPem, const QString &issuer,
                                                  Clock clock = {});
    // Parses the PEM without keeping it: for validating a key before it is stored.
    static std::expected<void, KeyError> validatePrivateKey(const QByteArray &privateKeyPem);

    std::expected<QByteArray, KeyError> token();
    void setClock(Clock clock);
    QString issuer() const { return m_issuer; }
    QDateTime expiresAt() const { return m_expiresAt; }

    static constexpr std::chrono::seconds kBackdate{60};
    static constexpr std::chrono::seconds kLifetime{9 * 60};
    static constexpr std::chrono::seconds kRenewBefore{60};

private:
    struct Key;
    AppJwt(std::shared_ptr<Key> key, QString issuer, Clock clock);
    std::expected<QByteArray, KeyError> mint(const QDateTime &now) const;

    std::shared_ptr<Key> m_key;
    QString m_issuer;
    Clock m_clock;
    QByteArray m_token;
    QDateTime m_expiresAt;
};
