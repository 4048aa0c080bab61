#pragma once

#include <QNetworkAccessManager>
#include <QRegularExpression>

#include <nlohmann/json.hpp>

#include <expected>
#include <optional>

#include "fakehttpserver.h"
#include "fixtures.h"
#include "github/githubclient.h"
#include "http/httpclient.h"
#include "virtualclock.h"

// A GitHubClient authenticated as an App against a fake GitHub on a virtual clock. The fake server
// issues installation tokens "<tokenPrefix><n>" valid for an hour (n counts from 1) and knows the
// installation of octocat/Hello-World (id 1, GET_repo_installation.json).
struct GitHubHarness
{
    static QDateTime start() { return QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC); }

    FakeHttpServer server;
    QNetworkAccessManager network;
    VirtualClock clock{start()};
    HttpClient http{&network};
    GitHubClient client{&http};
    int tokensIssued = 0;
    QString tokenPrefix = QStringLiteral("ghs_");

    explicit GitHubHarness(const QByteArray &pem, const QString &issuer = QStringLiteral("12345"),
                           const QString &basePath = {})
    {
        if (!server.listen())
            qFatal("fake server: %s", qPrintable(server.errorString()));
        http.setClock(&clock);
        QUrl base = server.baseUrl();
        base.setPath(basePath);
        client.setBaseUrl(base);
        client.setClock([this] { return clock.now(); });
        if (!client.setAppCredentials(issuer, pem))
            qFatal("test key rejected");
        server.addRoute("POST", QRegularExpression(basePath + QStringLiteral("/app/installations/\\d+/access_tokens")),
                        [this](const RecordedRequest &) {
                            ++tokensIssued;
                            const nlohmann::json body = {
                                {"token", QString(tokenPrefix + QString::number(tokensIssued)).toStdString()},
                                {"expires_at", clock.now().addSecs(3600).toString(Qt::ISODate).toStdString()},
                                {"permissions", {{"issues", "write"}}},
                                {"repository_selection", "all"}};
                            return FakeResponse::json(201, QByteArray::fromStdString(body.dump()));
                        });
        server.addRoute("GET", basePath + QStringLiteral("/repos/octocat/Hello-World/installation"),
                        FakeResponse::json(200, Fixtures::github(QStringLiteral("GET_repo_installation.json"))));
    }
};

template <typename T>
using Outcome = std::optional<std::expected<T, GitHubError>>;

// A callback that stores the result in `outcome`.
template <typename T>
auto capture(Outcome<T> &outcome)
{
    return [&outcome](std::expected<T, GitHubError> result) { outcome = std::move(result); };
}
