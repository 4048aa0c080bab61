#pragma once

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <expected>
#include <functional>
#include <optional>

#include "github/appjwt.h"
#include "github/githuberror.h"
#include "github/githubissuetypes.h"
#include "github/githubtypes.h"
#include "github/installationtokencache.h"

class HttpClient;
struct HttpRequest;
struct HttpResponse;

// A repository named `owner/name`.
struct RepoRef
{
    QString owner;
    QString name;
    QString fullName() const { return owner + u'/' + name; }
    // "owner/name" → RepoRef; nullopt when it is not of that shape.
    static std::optional<RepoRef> parse(const QString &fullName);
};

// The GitHub REST API as a GitHub App: one method per endpoint, each with a typed result.
//
// App endpoints authenticate with the App JWT; installation endpoints with an installation token
// (cached, fetched again once after a 401); repository endpoints find the repository's
// installation first (cached). Every request sends Accept: application/vnd.github+json,
// X-GitHub-Api-Version: 2022-11-28 and User-Agent: staff-console/<version>. Requests go only under
// the base URL: a Link to another origin (or outside the base path) ends a list with an Api error
// of kind ForeignOrigin, and the HTTP layer never sends the JWT or a token anywhere else.
// No URL from a response body (`url`, `repositories_url`, …) is ever requested.
// Lives in one thread with its HttpClient (not owned, must outlive it). Each callback runs once,
// later, unless its context (or the client) is destroyed first: then never.
class GitHubClient : public QObject
{
    Q_OBJECT

public:
    template <typename T>
    using Callback = std::function<void(std::expected<T, GitHubError>)>;

    static QUrl defaultBaseUrl() { return QUrl(QStringLiteral("https://api.github.com")); }
    static QByteArray userAgent();

    explicit GitHubClient(HttpClient *http, QObject *parent = nullptr);

    // https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server.
    void setBaseUrl(const QUrl &baseUrl);
    QUrl baseUrl() const { return m_baseUrl; }
    // `issuer` is the App ID or client ID. Replaces earlier credentials and drops cached tokens.
    std::expected<void, GitHubError> setAppCredentials(const QString &issuer, const QByteArray &privateKeyPem);
    bool hasAppCredentials() const { return m_jwt.has_value(); }
    void clearAppCredentials();
    void setClock(AppJwt::Clock clock);
    InstallationTokenCache *tokenCache() const { return m_tokens; }
    HttpClient *http() const { return m_http; }

    // App (JWT)
    void getApp(QObject *context, Callback<App> done);
    void listAppInstallations(QObject *context, Callback<QList<Installation>> done);
    void getInstallation(qint64 installationId, QObject *context, Callback<Installation> done);
    void getRepoInstallation(const RepoRef &repo, QObject *context, Callback<Installation> done);

    // Installation token (users and the rate limit: anonymous when installationId is nullopt)
    void listInstallationRepositories(qint64 installationId, QObject *context,
                                      Callback<QList<Repository>> done);
    void getUserById(std::optional<qint64> installationId, qint64 accountId, QObject *context,
                     Callback<User> done);
    void getUserByLogin(std::optional<qint64> installationId, const QString &login, QObject *context,
                        Callback<User> done);
    void getRateLimit(std::optional<qint64> installationId, QObject *context, Callback<RateLimitOverview> done);

    // Repository (the repository's installation token)
    void getIssue(const RepoRef &repo, int number, QObject *context, Callback<Issue> done);
    void listIssueComments(const RepoRef &repo, int number, QObject *context,
                           Callback<QList<IssueComment>> done);
    void createIssueComment(const RepoRef &repo, int number, const QString &body, QObject *context,
                            Callback<IssueComment> done);
    // GET /repos/{owner}/{repo}/pulls?head=headOwner:branch&state=all
    void listPullsByHead(const RepoRef &repo, const QString &headOwner, const QString &branch,
                         QObject *context, Callback<QList<PullRequest>> done);
    void createPullRequest(const RepoRef &repo, const NewPullRequest &pull, QObject *context,
                           Callback<PullRequest> done);
    void getBranch(const RepoRef &repo, const QString &branch, QObject *context, Callback<Branch> done);
    void compare(const RepoRef &repo, const QString &base, const QString &head, QObject *context,
                 Callback<Comparison> done);
    // The same comparison as a unified diff (Accept: application/vnd.github.diff), raw text.
    void compareDiff(const RepoRef &repo, const QString &base, const QString &head, QObject *context,
                     Callback<QString> done);

    // The installation GitHub reported for a repository, if it was looked up already.
    std::optional<qint64> cachedInstallationId(const RepoRef &repo) const;

private:
    struct Auth
    {
        enum class Mode { Anonymous, App, Installation, Repository };
        Mode mode = Mode::App;
        qint64 installationId = 0;
        RepoRef repo;
    };
    using Responses = std::expected<QList<HttpResponse>, GitHubError>;
    using ResponsesCallback = std::function<void(Responses)>;
    using Attempt = std::function<void(const QByteArray &authorization,
                                       std::function<void(std::expected<QList<HttpResponse>, ApiError>)>)>;

    QUrl url(const QString &encodedPath) const;
    HttpRequest request(const QByteArray &method, const QString &encodedPath) const;
    void send(const Auth &auth, HttpRequest request, QObject *context, ResponsesCallback done);
    void sendPaged(const Auth &auth, HttpRequest first, QObject *context, ResponsesCallback done);
    void authorize(const Auth &auth, QObject *context, Attempt attempt, ResponsesCallback done);
    void withInstallation(qint64 installationId, QObject *context, Attempt attempt, bool retried,
                          ResponsesCallback done);
    void fetchInstallationToken(qint64 installationId, QObject *context,
                                std::function<void(InstallationTokenCache::TokenResult)> done);
    template <typename T>
    void fetchObject(const Auth &auth, HttpRequest request, QObject *context, Callback<T> done);
    template <typename T>
    void fetchArray(const Auth &auth, HttpRequest first, QObject *context, Callback<QList<T>> done);

    HttpClient *m_http;
    QUrl m_baseUrl = defaultBaseUrl();
    std::optional<AppJwt> m_jwt;
    AppJwt::Clock m_clock;
    InstallationTokenCache *m_tokens;
    QHash<QString, qint64> m_repoInstallations;  // lower-case "owner/name" → installation id
};
