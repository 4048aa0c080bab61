#pragma once

#include <QObject>
#include <QString>

#include "settings.h"

class GitHubClient;
class SecretStore;

// Keeps the running console's one GitHubClient (and its HttpClient) configured from the effective
// Settings: base URL, timeout and retries, App ID and private key (the run override's key, else the
// config file's PEM file, else the keychain's). apply() is asynchronous (the keychain); a later
// apply() supersedes one still loading. configured(ok, problem) follows each apply() that is not
// superseded; without an App ID the client is left without credentials (ok, nothing to use).
// Lives in the UI thread; the client and the secret store must outlive it.
class GitHubClientConfiguration : public QObject
{
    Q_OBJECT

public:
    GitHubClientConfiguration(GitHubClient *client, SecretStore *secrets, QObject *parent = nullptr);

    void apply(const Settings &settings);
    QString problem() const { return m_problem; }   // why the client has no credentials, if it has none

signals:
    void configured(bool ok, const QString &problem);

private:
    void finish(quint64 generation, const QString &problem);

    GitHubClient *m_client;
    SecretStore *m_secrets;
    quint64 m_generation = 0;
    QString m_problem;
};
