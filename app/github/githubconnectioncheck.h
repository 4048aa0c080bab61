#pragma once

#include <QObject>

#include <expected>
#include <functional>
#include <optional>

#include "github/githuberror.h"
#include "github/githubtypes.h"

class GitHubClient;

// What "Test connection" and `staff-console health` show about the GitHub App.
struct GitHubConnectionReport
{
    App app;
    int installationCount = 0;
    std::optional<RateLimitResource> rateLimit;  // core limit; nullopt when GitHub reported none
};

// GET /app, then the App's installations (all pages), then the core rate limit (GET /rate_limit
// with the first installation's token; without installations, the x-ratelimit headers GitHub sent).
// `done` runs once, later, unless `context` is destroyed first.
class GitHubConnectionCheck
{
public:
    using Result = std::expected<GitHubConnectionReport, GitHubError>;
    static void run(GitHubClient *client, QObject *context, std::function<void(Result)> done);
};
