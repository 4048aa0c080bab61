#include "demoappkey.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>

using namespace Qt::StringLiterals;

std::expected<QByteArray, QString> DemoAppKey::generatePem(int bits)
{
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(static_cast<unsigned int>(bits)),
                                                            &EVP_PKEY_free);
    if (!key)
        return std::unexpected(u"OpenSSL could not generate an RSA key"_s);
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return std::unexpected(u"OpenSSL could not write the RSA key as PEM"_s);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, size);
}
