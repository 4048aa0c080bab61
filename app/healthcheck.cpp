#include "healthcheck.h"

#include <QTimer>

#include <nlohmann/json.hpp>

#include "github/appkeystore.h"
#include "github/githubclient.h"
#include "github/githubconnectioncheck.h"
#include "http/httpclient.h"

using namespace Qt::StringLiterals;

namespace {

using Json = nlohmann::ordered_json;

std::string utf8(const QString &text) { return text.toStdString(); }

Json errorJson(const GitHubError &error)
{
    Json json = {{"kind", utf8(error.kindName())}};
    if (error.httpStatus() > 0)
        json["status"] = error.httpStatus();
    else
        json["status"] = nullptr;
    json["message"] = utf8(error.text());
    if (error.api && !error.api->documentationUrl.isEmpty())
        json["documentation_url"] = utf8(error.api->documentationUrl);
    return json;
}

Json reportJson(const GitHubConnectionReport &report)
{
    Json json = {{"ok", true}, {"app", utf8(report.app.name)}, {"installations", report.installationCount}};
    if (report.rateLimit) {
        json["rate_limit"] = {{"limit", report.rateLimit->limit},
                              {"remaining", report.rateLimit->remaining},
                              {"reset", utf8(report.rateLimit->reset.toUTC().toString(Qt::ISODate))}};
    } else {
        json["rate_limit"] = nullptr;
    }
    return json;
}

} // namespace

HealthCheck::HealthCheck(Settings settings, QNetworkAccessManager *network, SecretStore *secrets, QObject *parent)
    : QObject(parent), m_settings(std::move(settings)), m_network(network), m_secrets(secrets)
{
}

void HealthCheck::run(std::function<void(const QByteArray &json, bool healthy)> done)
{
    const auto finish = [done](const Json &github, bool healthy) {
        const Json report = {{"github", github}};
        done(QByteArray::fromStdString(report.dump()), healthy);
    };
    if (m_settings.github.appId.isEmpty()) {
        QTimer::singleShot(0, this, [finish] { finish(Json{{"configured", false}}, true); });
        return;
    }
    const auto fail = [finish, baseUrl = utf8(m_settings.github.baseUrl.toString())](const GitHubError &error) {
        finish(Json{{"ok", false}, {"base_url", baseUrl}, {"error", errorJson(error)}}, false);
    };
    const auto check = [this, fail, finish](const QByteArray &pem) {
        auto *http = new HttpClient(m_network, m_settings.httpConfig(), this);
        auto *client = new GitHubClient(http, this);
        client->setBaseUrl(m_settings.github.baseUrl);
        if (auto ok = client->setAppCredentials(m_settings.github.appId, pem); !ok) {
            fail(ok.error());
            return;
        }
        GitHubConnectionCheck::run(client, this, [fail, finish, baseUrl = utf8(m_settings.github.baseUrl.toString())](
                                                     GitHubConnectionCheck::Result result) {
            if (!result) {
                fail(result.error());
                return;
            }
            Json github = reportJson(*result);
            github["base_url"] = baseUrl;
            finish(github, true);
        });
    };

    if (!m_settings.github.privateKeyFile.isEmpty()) {
        auto pem = AppKeyStore::readPemFile(m_settings.github.privateKeyFile);
        QTimer::singleShot(0, this, [pem, check, fail] {
            if (pem)
                check(*pem);
            else
                fail(pem.error());
        });
        return;
    }
    if (!m_secrets) {
        QTimer::singleShot(0, this, [fail] {
            fail(GitHubError::local(GitHubError::Kind::NotConfigured,
                                    u"No github/private_key_file is configured and no keychain is available."_s));
        });
        return;
    }
    AppKeyStore::load(m_secrets, this, [check, fail](std::expected<QByteArray, GitHubError> pem) {
        if (pem)
            check(*pem);
        else
            fail(pem.error());
    });
}
