#include "appkeystore.h"

#include <QFile>
#include <QFileInfo>
#include <QTimer>

#include "github/appjwt.h"
#include "secretstore.h"

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMaxPemSize = 64 * 1024;

GitHubError keychainError(const SecretError &error)
{
    switch (error.kind) {
    case SecretError::Kind::NotFound:
        return GitHubError::local(GitHubError::Kind::MissingKey,
                                  u"No GitHub App private key is stored in the keychain; import one in "
                                  "Settings › GitHub."_s);
    case SecretError::Kind::Unavailable:
    case SecretError::Kind::Denied:
    case SecretError::Kind::Other:
        break;
    }
    return GitHubError::local(GitHubError::Kind::KeychainUnavailable,
                              u"The keychain is not available: "_s + error.message);
}

// Why `file` (whose open() failed) cannot be read, in a few words.
QString unreadableReason(const QString &path, const QFile &file)
{
    const QFileInfo info(path);
    if (path.isEmpty())
        return u"no path is given"_s;
    if (!info.exists())
        return u"it does not exist"_s;
    if (info.isDir())
        return u"it is a directory"_s;
    if (!info.isFile())
        return u"it is not a regular file"_s;
    return file.errorString();
}

} // namespace

std::expected<QByteArray, GitHubError> AppKeyStore::readPemFile(const QString &path)
{
    QFile file(path);
    if (path.isEmpty() || QFileInfo(path).isDir() || !file.open(QIODevice::ReadOnly))
        return std::unexpected(GitHubError::local(
            GitHubError::Kind::NotConfigured,
            u"The private key file %1 cannot be read: %2."_s.arg(path, unreadableReason(path, file))));
    if (file.size() > kMaxPemSize)
        return std::unexpected(GitHubError::local(GitHubError::Kind::MalformedKey,
                                                  u"%1 is too large to be a private key."_s.arg(path)));
    const QByteArray pem = file.readAll();
    if (auto valid = AppJwt::validatePrivateKey(pem); !valid)
        return std::unexpected(GitHubError::local(GitHubError::Kind::MalformedKey,
                                                  QFileInfo(path).fileName() + u": "_s + valid.error().message));
    return pem;
}

void AppKeyStore::importFile(SecretStore *store, const QString &path, QObject *context,
                             std::function<void(std::expected<void, GitHubError>)> done)
{
    auto pem = readPemFile(path);
    if (!pem) {
        QTimer::singleShot(0, context, [done = std::move(done), error = pem.error()] { done(std::unexpected(error)); });
        return;
    }
    store->write(secretKey(), *pem, context, [done = std::move(done)](SecretStore::WriteResult result) {
        if (!result)
            done(std::unexpected(keychainError(result.error())));
        else
            done({});
    });
}

void AppKeyStore::load(SecretStore *store, QObject *context,
                       std::function<void(std::expected<QByteArray, GitHubError>)> done)
{
    store->read(secretKey(), context, [done = std::move(done)](SecretStore::ReadResult result) {
        if (!result) {
            done(std::unexpected(keychainError(result.error())));
            return;
        }
        if (auto valid = AppJwt::validatePrivateKey(*result); !valid) {
            done(std::unexpected(GitHubError::local(GitHubError::Kind::MalformedKey,
                                                    u"The private key in the keychain: "_s + valid.error().message)));
            return;
        }
        done(std::move(*result));
    });
}
