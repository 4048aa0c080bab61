#pragma once

#include <QByteArray>

#include <memory>

// A fresh RSA key pair for tests, generated with OpenSSL at run time (no key in the repository),
// with its private key as PKCS#1 and PKCS#8 PEM, and RS256 signature verification.
class TestRsaKey
{
public:
    explicit TestRsaKey(int bits = 2048);
    ~TestRsaKey();
    TestRsaKey(const TestRsaKey &) = delete;
    TestRsaKey &operator=(const TestRsaKey &) = delete;

    QByteArray pkcs1Pem() const { return m_pkcs1; }   // BEGIN RSA PRIVATE KEY
    QByteArray pkcs8Pem() const { return m_pkcs8; }   // BEGIN PRIVATE KEY
    QByteArray publicPem() const { return m_public; } // BEGIN PUBLIC KEY

    // True when `signature` is a valid RS256 signature of `data` by this key.
    bool verifyRs256(const QByteArray &data, const QByteArray &signature) const;

    // A PKCS#8 PEM of a fresh EC (P-256) key: valid PEM, but not a GitHub App key.
    static QByteArray ecPrivateKeyPem();

private:
    struct Key;
    std::unique_ptr<Key> m_key;
    QByteArray m_pkcs1;
    QByteArray m_pkcs8;
    QByteArray m_public;
};
