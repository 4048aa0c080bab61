#include "appjwt.h"

#include <nlohmann/json.hpp>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace Qt::StringLiterals;

struct AppJwt::Key
{
    EVP_PKEY *pkey = nullptr;
    ~Key() { EVP_PKEY_free(pkey); }
};

namespace {

// Refuses to prompt for a passphrase: an encrypted key is reported as malformed instead.
int noPassphrase(char *, int, int, void *) { return 0; }

std::expected<EVP_PKEY *, KeyError> parsePrivateKey(const QByteArray &pem)
{
    if (!pem.contains("-----BEGIN"))
        return std::unexpected(KeyError{KeyError::Kind::Malformed,
                                        u"The file is not a PEM private key (no BEGIN line)."_s});
    BIO *bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    if (!bio)
        return std::unexpected(KeyError{KeyError::Kind::Malformed, u"Out of memory reading the key."_s});
    EVP_PKEY *pkey = PEM_read_bio_PrivateKey(bio, nullptr, &noPassphrase, nullptr);
    BIO_free(bio);
    ERR_clear_error();
    if (!pkey)
        return std::unexpected(KeyError{KeyError::Kind::Malformed,
                                        u"The private key could not be read: expected an unencrypted PEM "
                                        "(BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY)."_s});
    if (EVP_PKEY_base_id(pkey) != EVP_PKEY_RSA) {
        EVP_PKEY_free(pkey);
        return std::unexpected(KeyError{KeyError::Kind::NotRsa,
                                        u"The private key is not an RSA key; GitHub App keys are RSA."_s});
    }
    return pkey;
}

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray toBytes(const nlohmann::json &json)
{
    const std::string text = json.dump();
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

nlohmann::json issuerClaim(const QString &issuer)
{
    bool allDigits = !issuer.isEmpty();
    for (const QChar c : issuer)
        allDigits = allDigits && c >= u'0' && c <= u'9';
    if (allDigits) {
        bool ok = false;
        const qlonglong id = issuer.toLongLong(&ok);
        if (ok)
            return id;
    }
    return issuer.toStdString();
}

} // namespace

AppJwt::AppJwt(std::shared_ptr<Key> key, QString issuer, Clock clock)
    : m_key(std::move(key)), m_issuer(std::move(issuer))
{
    setClock(std::move(clock));
}

void AppJwt::setClock(Clock clock)
{
    m_clock = clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); });
    m_token.clear();
}

std::expected<AppJwt, KeyError> AppJwt::create(const QByteArray &privateKeyPem, const QString &issuer, Clock clock)
{
    if (issuer.trimmed().isEmpty())
        return std::unexpected(KeyError{KeyError::Kind::Malformed, u"No App ID or client ID is set."_s});
    auto pkey = parsePrivateKey(privateKeyPem);
    if (!pkey)
        return std::unexpected(pkey.error());
    auto key = std::make_shared<Key>();
    key->pkey = *pkey;
    return AppJwt(std::move(key), issuer.trimmed(), std::move(clock));
}

std::expected<void, KeyError> AppJwt::validatePrivateKey(const QByteArray &privateKeyPem)
{
    auto pkey = parsePrivateKey(privateKeyPem);
    if (!pkey)
        return std::unexpected(pkey.error());
    EVP_PKEY_free(*pkey);
    return {};
}

std::expected<QByteArray, KeyError> AppJwt::token()
{
    const QDateTime now = m_clock();
    if (m_token.isEmpty() || now.secsTo(m_expiresAt) < kRenewBefore.count()) {
        auto minted = mint(now);
        if (!minted)
            return std::unexpected(minted.error());
        m_token = *minted;
        m_expiresAt = now.addSecs(kLifetime.count());
    }
    return m_token;
}

std::expected<QByteArray, KeyError> AppJwt::mint(const QDateTime &now) const
{
    const qint64 seconds = now.toSecsSinceEpoch();
    const nlohmann::json header = {{"alg", "RS256"}, {"typ", "JWT"}};
    const nlohmann::json claims = {{"iat", seconds - kBackdate.count()},
                                   {"exp", seconds + kLifetime.count()},
                                   {"iss", issuerClaim(m_issuer)}};
    const QByteArray signingInput = base64Url(toBytes(header)) + '.' + base64Url(toBytes(claims));

    const auto fail = [] {
        ERR_clear_error();
        return std::unexpected(KeyError{KeyError::Kind::SigningFailed, u"Signing the App JWT failed."_s});
    };
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key->pkey) != 1)
        return fail();
    const auto *data = reinterpret_cast<const unsigned char *>(signingInput.constData());
    size_t length = 0;
    if (EVP_DigestSign(ctx.get(), nullptr, &length, data, static_cast<size_t>(signingInput.size())) != 1)
        return fail();
    QByteArray signature(static_cast<qsizetype>(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, data,
                       static_cast<size_t>(signingInput.size())) != 1)
        return fail();
    signature.resize(static_cast<qsizetype>(length));
    return QByteArray(signingInput + '.' + base64Url(signature));
}
