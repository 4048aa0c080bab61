#include "secretstore.h"

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace {

bool soundsUnavailable(const QString &text)
{
    static const QStringList signs = {u"dbus"_s, u"d-bus"_s, u"org.freedesktop.secrets"_s,
                                      u"secret service"_s, u"not provided by any .service"_s,
                                      u"no such interface"_s, u"autolaunch"_s, u"libsecret"_s,
                                      u"kwallet"_s, u"no keychain service"_s, u"could not connect"_s,
                                      u"cannot connect"_s};
    for (const QString &sign : signs) {
        if (text.contains(sign, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

SecretError errorOf(const QKeychain::Job &job, const QString &key)
{
    SecretError e;
    const QString reason = job.errorString();
    switch (job.error()) {
    case QKeychain::EntryNotFound:
        e.kind = SecretError::Kind::NotFound;
        e.message = u"No secret is stored in the keychain for %1."_s.arg(key);
        return e;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        e.kind = SecretError::Kind::Unavailable;
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        e.kind = SecretError::Kind::Denied;
        break;
    default:
        e.kind = soundsUnavailable(reason) ? SecretError::Kind::Unavailable : SecretError::Kind::Other;
        break;
    }
    switch (e.kind) {
    case SecretError::Kind::Unavailable:
        e.message = u"The keychain (secret service) is not available: %1"_s.arg(reason);
        break;
    case SecretError::Kind::Denied:
        e.message = u"The keychain refused access to %1: %2"_s.arg(key, reason);
        break;
    default:
        e.message = u"The keychain failed for %1: %2"_s.arg(key, reason);
        break;
    }
    return e;
}

// Runs `done` when the job finishes unless `context` is gone. The job has no parent and deletes
// itself after finishing: QtKeychain's libsecret backend calls back into a job that was deleted
// while its request was pending (a crash), so a job must never die before it finishes.
template<typename Result, typename Extract>
void finishWith(QKeychain::Job *job, const QString &key, QObject *context,
                std::function<void(Result)> done, Extract extract)
{
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [key, done = std::move(done), extract](QKeychain::Job *finished) {
                         if (finished->error() != QKeychain::NoError)
                             done(std::unexpected(errorOf(*finished, key)));
                         else
                             done(extract(finished));
                     });
    job->setAutoDelete(true);
    job->start();
}

} // namespace

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
{
}

void SecretStore::read(const QString &key, QObject *context, std::function<void(ReadResult)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    job->setKey(key);
    finishWith<ReadResult>(job, key, context, std::move(done), [](QKeychain::Job *finished) {
        return ReadResult(static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData());
    });
}

void SecretStore::write(const QString &key, const QByteArray &secret, QObject *context,
                        std::function<void(WriteResult)> done)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName());
    job->setKey(key);
    job->setBinaryData(secret);
    finishWith<WriteResult>(job, key, context, std::move(done),
                            [](QKeychain::Job *) { return WriteResult(); });
}

void SecretStore::remove(const QString &key, QObject *context, std::function<void(WriteResult)> done)
{
    auto *job = new QKeychain::DeletePasswordJob(serviceName());
    job->setKey(key);
    finishWith<WriteResult>(job, key, context, std::move(done),
                            [](QKeychain::Job *) { return WriteResult(); });
}

QString SecretStore::databaseKey(const ConnectionProfile &profile)
{
    return u"database/"_s + profile.displayName();
}
