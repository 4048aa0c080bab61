#include "healthcheck.h"

#include <QTimer>

#include <nlohmann/json.hpp>

#include "github/appkeystore.h"
#include "github/githubclient.h"
#include "github/githubconnectioncheck.h"
#include "http/httpclient.h"
#include "secretstore.h"
#include "session.h"

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

std::string dbErrorKind(DbError::Kind kind)
{
    switch (kind) {
    case DbError::Kind::Unreachable: return "unreachable";
    case DbError::Kind::ConnectionLost: return "connection_lost";
    case DbError::Kind::Authentication: return "authentication";
    case DbError::Kind::Permission: return "permission";
    case DbError::Kind::Conflict: return "conflict";
    case DbError::Kind::NotFound: return "not_found";
    case DbError::Kind::Schema: return "schema";
    case DbError::Kind::Constraint: return "constraint";
    case DbError::Kind::Other: break;
    }
    return "other";
}

Json dbErrorJson(const DbError &error)
{
    return {{"kind", dbErrorKind(error.kind)}, {"message", utf8(error.text())}};
}

std::string schemaState(SchemaStatus::State state)
{
    switch (state) {
    case SchemaStatus::State::Empty: return "none";
    case SchemaStatus::State::Behind: return "behind";
    case SchemaStatus::State::UpToDate: return "up to date";
    case SchemaStatus::State::Ahead: return "ahead";
    }
    return "none";
}

Json sessionJson(const Session &session)
{
    Json roles = Json::array();
    for (const QString &role : session.roles())
        roles.push_back(utf8(role));
    const SchemaStatus &schema = *session.schema();
    return {{"ok", true},
            {"server", utf8(u"PostgreSQL "_s + session.serverVersion())},
            {"database", utf8(session.database())},
            {"login", utf8(session.login())},
            {"roles", roles},
            {"schema", {{"version", schema.current}, {"known", schema.latest}, {"state", schemaState(schema.state)}}}};
}

} // namespace

HealthCheck::HealthCheck(Settings settings, QNetworkAccessManager *network, SecretStore *secrets, QObject *parent)
    : QObject(parent), m_settings(std::move(settings)), m_network(network), m_secrets(secrets)
{
}

void HealthCheck::run(std::function<void(const QByteArray &json, bool healthy)> done)
{
    struct Pending
    {
        Json github;
        Json database;
        int left = 2;
        bool healthy = true;
    };
    auto pending = std::make_shared<Pending>();
    const auto collect = [pending, done](Json Pending::*slot) -> Report {
        return [pending, done, slot](const Json &service, bool healthy) {
            (*pending).*slot = service;
            pending->healthy = pending->healthy && healthy;
            if (--pending->left > 0)
                return;
            const Json report = {{"github", pending->github}, {"database", pending->database}};
            done(QByteArray::fromStdString(report.dump()), pending->healthy);
        };
    };
    checkGitHub(collect(&Pending::github));
    checkDatabase(collect(&Pending::database));
}

void HealthCheck::checkDatabase(const Report &finish)
{
    if (!m_settings.database) {
        QTimer::singleShot(0, this, [finish] { finish(Json{{"configured", false}}, true); });
        return;
    }
    // `password` says where the password came from: "keychain", or "none" (libpq's own PGPASSWORD,
    // ~/.pgpass or a trust rule then apply); `keychain` is why the keychain gave none, when it failed.
    const auto connect = [this, finish, profile = *m_settings.database](const QString &password, const Json &source) {
        auto *session = new Session(profile, password, false, this);
        QObject::connect(session, &Session::ready, this, [session, finish, source] {
            session->deleteLater();
            if (!session->schema()) {
                DbError error;
                error.kind = DbError::Kind::Schema;
                error.message = u"Connected, but the schema version could not be read: "_s + session->schemaError();
                finish(Json{{"ok", false}, {"error", dbErrorJson(error)}}, false);
                return;
            }
            Json report = sessionJson(*session);
            report.update(source);
            finish(report, true);
        });
        QObject::connect(session, &Session::failed, this, [session, finish, source](const DbError &error) {
            session->deleteLater();
            Json report{{"ok", false}, {"error", dbErrorJson(error)}};
            report.update(source);
            finish(report, false);
        });
        session->load();
    };
    if (!m_secrets) {
        QTimer::singleShot(0, this, [connect] { connect(QString(), Json{{"password", "none"}}); });
        return;
    }
    m_secrets->read(SecretStore::databaseKey(*m_settings.database), this, [connect](SecretStore::ReadResult secret) {
        if (secret) {
            connect(QString::fromUtf8(*secret), Json{{"password", "keychain"}});
            return;
        }
        Json source{{"password", "none"}};
        if (secret.error().kind != SecretError::Kind::NotFound)
            source["keychain"] = utf8(secret.error().message);
        connect(QString(), source);
    });
}

void HealthCheck::checkGitHub(const Report &finish)
{
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
