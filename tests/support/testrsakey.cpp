#include "testrsakey.h"

#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

struct TestRsaKey::Key
{
    EVP_PKEY *pkey = nullptr;
    ~Key() { EVP_PKEY_free(pkey); }
};

namespace {

QByteArray drain(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    QByteArray result(data, static_cast<qsizetype>(length));
    BIO_free(bio);
    return result;
}

QByteArray encode(EVP_PKEY *pkey, const char *structure)
{
    OSSL_ENCODER_CTX *ctx = OSSL_ENCODER_CTX_new_for_pkey(pkey, OSSL_KEYMGMT_SELECT_KEYPAIR, "PEM", structure, nullptr);
    BIO *bio = BIO_new(BIO_s_mem());
    if (!ctx || OSSL_ENCODER_to_bio(ctx, bio) != 1)
        qFatal("cannot encode the test key as %s", structure);
    OSSL_ENCODER_CTX_free(ctx);
    return drain(bio);
}

} // namespace

TestRsaKey::TestRsaKey(int bits) : m_key(std::make_unique<Key>())
{
    m_key->pkey = EVP_RSA_gen(static_cast<unsigned int>(bits));
    if (!m_key->pkey)
        qFatal("cannot generate a test RSA key");
    m_pkcs1 = encode(m_key->pkey, "type-specific");
    m_pkcs8 = encode(m_key->pkey, "PrivateKeyInfo");
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, m_key->pkey);
    m_public = drain(bio);
}

TestRsaKey::~TestRsaKey() = default;

bool TestRsaKey::verifyRs256(const QByteArray &data, const QByteArray &signature) const
{
    // Verify with the public key alone, as GitHub does.
    BIO *bio = BIO_new_mem_buf(m_public.constData(), static_cast<int>(m_public.size()));
    EVP_PKEY *publicKey = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    const bool ok = publicKey && EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, publicKey) == 1
        && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(signature.constData()),
                            static_cast<size_t>(signature.size()),
                            reinterpret_cast<const unsigned char *>(data.constData()),
                            static_cast<size_t>(data.size())) == 1;
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(publicKey);
    return ok;
}

QByteArray TestRsaKey::ecPrivateKeyPem()
{
    EVP_PKEY *pkey = EVP_EC_gen("P-256");
    if (!pkey)
        qFatal("cannot generate a test EC key");
    const QByteArray pem = encode(pkey, "PrivateKeyInfo");
    EVP_PKEY_free(pkey);
    return pem;
}
