#pragma once

#include "fakehttpserver.h"
#include "fixtures.h"

// The routes GitHubConnectionCheck (Settings › Test connection, `health`) walks through:
// the App, its installations, installation 1's token and the rate limit, from the fixtures.
inline void serveConnectionCheck(FakeHttpServer &server)
{
    server.addRoute("GET", QStringLiteral("/app"), FakeResponse::json(200, Fixtures::github(QStringLiteral("GET_app.json"))));
    server.addRoute("GET", QStringLiteral("/app/installations"),
                    FakeResponse::json(200, Fixtures::github(QStringLiteral("GET_app_installations.json"))));
    server.addRoute("POST", QStringLiteral("/app/installations/1/access_tokens"),
                    FakeResponse::json(201, R"({"token": "ghs_x", "expires_at": "2099-01-01T00:00:00Z"})"));
    server.addRoute("GET", QStringLiteral("/rate_limit"),
                    FakeResponse::json(200, Fixtures::github(QStringLiteral("GET_rate_limit.json"))));
}
