#include "githubclientconfiguration.h"

#include <QTimer>

#include "github/appkeystore.h"
#include "github/githubclient.h"
#include "http/httpclient.h"

using namespace Qt::StringLiterals;

GitHubClientConfiguration::GitHubClientConfiguration(GitHubClient *client, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_secrets(secrets)
{
}

void GitHubClientConfiguration::apply(const Settings &settings)
{
    const quint64 generation = ++m_generation;
    m_client->http()->setConfig(settings.httpConfig());
    m_client->setBaseUrl(settings.github.baseUrl);
    m_client->clearAppCredentials();
    const QString appId = settings.github.appId;
    const auto useKey = [this, generation, appId](std::expected<QByteArray, GitHubError> pem) {
        if (generation != m_generation)
            return;
        if (!pem)
            return finish(generation, pem.error().text());
        const auto set = m_client->setAppCredentials(appId, *pem);
        finish(generation, set ? QString() : set.error().text());
    };
    if (appId.isEmpty()) {
        QTimer::singleShot(0, this, [this, generation] { finish(generation, {}); });
    } else if (!settings.github.privateKeyPem.isEmpty()) {
        QTimer::singleShot(0, this, [useKey, pem = settings.github.privateKeyPem] { useKey(pem); });
    } else if (!settings.github.privateKeyFile.isEmpty()) {
        QTimer::singleShot(0, this, [useKey, file = settings.github.privateKeyFile] {
            useKey(AppKeyStore::readPemFile(file));
        });
    } else if (m_secrets) {
        AppKeyStore::load(m_secrets, this, useKey);
    } else {
        QTimer::singleShot(0, this, [useKey] {
            useKey(std::unexpected(GitHubError::local(GitHubError::Kind::NotConfigured,
                                                      u"No private key file and no keychain."_s)));
        });
    }
}

void GitHubClientConfiguration::finish(quint64 generation, const QString &problem)
{
    if (generation != m_generation)
        return;
    m_problem = problem;
    emit configured(problem.isEmpty(), problem);
}
