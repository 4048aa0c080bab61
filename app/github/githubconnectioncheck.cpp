#include "githubconnectioncheck.h"

#include <QPointer>

#include "github/githubclient.h"
#include "http/httpclient.h"

namespace {

std::optional<RateLimitResource> fromHeaders(const HttpClient *http)
{
    const RateLimit seen = http->rateLimit();
    if (!seen.isKnown())
        return std::nullopt;
    return RateLimitResource{seen.limit, seen.remaining, seen.used >= 0 ? seen.used : seen.limit - seen.remaining,
                             seen.reset};
}

} // namespace

void GitHubConnectionCheck::run(GitHubClient *client, QObject *context, std::function<void(Result)> done)
{
    QPointer<GitHubClient> guard(client);
    client->getApp(context, [guard, context, done = std::move(done)](std::expected<App, GitHubError> app) mutable {
        if (!app) {
            done(std::unexpected(app.error()));
            return;
        }
        if (!guard)
            return;
        guard->listAppInstallations(context, [guard, context, app = std::move(*app), done = std::move(done)](
                                                 std::expected<QList<Installation>, GitHubError> installations) mutable {
            if (!installations) {
                done(std::unexpected(installations.error()));
                return;
            }
            if (!guard)
                return;
            GitHubConnectionReport report{std::move(app), static_cast<int>(installations->size()), std::nullopt};
            if (installations->isEmpty()) {
                report.rateLimit = fromHeaders(guard->http());
                done(std::move(report));
                return;
            }
            guard->getRateLimit(installations->constFirst().id, context,
                                [guard, report = std::move(report), done = std::move(done)](
                                    std::expected<RateLimitOverview, GitHubError> limits) mutable {
                                    if (limits)
                                        report.rateLimit = limits->core;
                                    else if (guard)
                                        report.rateLimit = fromHeaders(guard->http());
                                    done(std::move(report));
                                });
        });
    });
}
