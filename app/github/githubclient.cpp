#include "githubclient.h"

#include <QTimer>
#include <QUrlQuery>

#include <nlohmann/json.hpp>

#include "github/githubjson.h"
#include "http/httpclient.h"
#include "http/pagination.h"

using namespace Qt::StringLiterals;

namespace {

constexpr auto kJsonMediaType = "application/vnd.github+json";
constexpr auto kDiffMediaType = "application/vnd.github.diff";
constexpr auto kApiVersion = "2022-11-28";
constexpr int kMaxPages = 100;

QString segment(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

bool isUnauthorized(const ApiError &error)
{
    return error.kind == ApiError::Kind::Http && error.httpStatus == 401;
}

QByteArray toJsonBytes(const nlohmann::json &json)
{
    const std::string text = json.dump();
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

GitHubError decodeError(const HttpResponse &response, const QString &detail)
{
    const QString where = response.url.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    return GitHubError::fromApi(ApiError::decode(u"Unexpected response from %1: %2"_s.arg(where, detail)));
}

// Calls `done` later on the context's thread, as the HTTP layer does.
template <typename T>
void failLater(QObject *context, std::function<void(std::expected<T, GitHubError>)> done, GitHubError error)
{
    QTimer::singleShot(0, context, [done = std::move(done), error = std::move(error)] {
        done(std::unexpected(error));
    });
}

} // namespace

std::optional<RepoRef> RepoRef::parse(const QString &fullName)
{
    const QStringList parts = fullName.trimmed().split(u'/');
    if (parts.size() != 2 || parts.at(0).isEmpty() || parts.at(1).isEmpty())
        return std::nullopt;
    return RepoRef{parts.at(0), parts.at(1)};
}

QByteArray GitHubClient::userAgent()
{
    return QByteArrayLiteral("staff-console/" STAFFCONSOLE_VERSION);
}

GitHubClient::GitHubClient(HttpClient *http, QObject *parent)
    : QObject(parent), m_http(http)
{
    m_tokens = new InstallationTokenCache(
        [this](qint64 installationId, QObject *context, std::function<void(InstallationTokenCache::TokenResult)> done) {
            fetchInstallationToken(installationId, context, std::move(done));
        },
        this);
}

void GitHubClient::setBaseUrl(const QUrl &baseUrl)
{
    if (baseUrl == m_baseUrl)
        return;
    m_baseUrl = baseUrl;
    m_tokens->clear();
    m_repoInstallations.clear();
}

std::expected<void, GitHubError> GitHubClient::setAppCredentials(const QString &issuer, const QByteArray &privateKeyPem)
{
    clearAppCredentials();
    auto jwt = AppJwt::create(privateKeyPem, issuer, m_clock);
    if (!jwt) {
        const auto kind = issuer.trimmed().isEmpty() ? GitHubError::Kind::NotConfigured
                                                     : GitHubError::Kind::MalformedKey;
        return std::unexpected(GitHubError::local(kind, jwt.error().message));
    }
    m_jwt = std::move(*jwt);
    return {};
}

void GitHubClient::clearAppCredentials()
{
    m_jwt.reset();
    m_tokens->clear();
    m_repoInstallations.clear();
}

void GitHubClient::setClock(AppJwt::Clock clock)
{
    m_clock = clock;
    m_tokens->setClock(clock);
    if (m_jwt)
        m_jwt->setClock(clock);
}

std::optional<qint64> GitHubClient::cachedInstallationId(const RepoRef &repo) const
{
    const auto it = m_repoInstallations.constFind(repo.fullName().toLower());
    if (it == m_repoInstallations.cend())
        return std::nullopt;
    return *it;
}

QUrl GitHubClient::url(const QString &encodedPath) const
{
    QUrl result = m_baseUrl;
    QString basePath = result.path(QUrl::FullyEncoded);
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    result.setPath(basePath + encodedPath, QUrl::StrictMode);
    return result;
}

HttpRequest GitHubClient::request(const QByteArray &method, const QString &encodedPath) const
{
    HttpRequest result;
    result.method = method;
    result.url = url(encodedPath);
    result.scope = m_baseUrl;  // the App's JWT and tokens belong to this GitHub only
    result.setHeader("Accept", kJsonMediaType);
    result.setHeader("X-GitHub-Api-Version", kApiVersion);
    result.setHeader("User-Agent", userAgent());
    if (method != "GET")
        result.setHeader("Content-Type", "application/json");
    return result;
}

// --- authentication -------------------------------------------------------------------------

void GitHubClient::send(const Auth &auth, HttpRequest request, QObject *context, ResponsesCallback done)
{
    Attempt attempt = [http = QPointer<HttpClient>(m_http), request, context](
                          const QByteArray &authorization,
                          std::function<void(std::expected<QList<HttpResponse>, ApiError>)> finished) {
        if (!http)
            return;
        HttpRequest authorized = request;
        if (!authorization.isEmpty())
            authorized.setHeader("Authorization", authorization);
        http->send(std::move(authorized), context, [finished = std::move(finished)](HttpClient::Result result) {
            if (!result)
                finished(std::unexpected(result.error()));
            else
                finished(QList<HttpResponse>{std::move(*result)});
        });
    };
    authorize(auth, context, std::move(attempt), std::move(done));
}

void GitHubClient::sendPaged(const Auth &auth, HttpRequest first, QObject *context, ResponsesCallback done)
{
    Attempt attempt = [http = QPointer<HttpClient>(m_http), first, context](
                          const QByteArray &authorization,
                          std::function<void(std::expected<QList<HttpResponse>, ApiError>)> finished) {
        if (!http)
            return;
        HttpRequest authorized = first;
        if (!authorization.isEmpty())
            authorized.setHeader("Authorization", authorization);
        auto pages = std::make_shared<QList<HttpResponse>>();
        fetchAllPages(
            http, std::move(authorized), context,
            [pages](const HttpResponse &page) {
                pages->append(page);
                return true;
            },
            [pages, finished = std::move(finished)](std::expected<void, ApiError> result) {
                if (!result)
                    finished(std::unexpected(result.error()));
                else
                    finished(std::move(*pages));
            },
            kMaxPages);
    };
    authorize(auth, context, std::move(attempt), std::move(done));
}

void GitHubClient::authorize(const Auth &auth, QObject *context, Attempt attempt, ResponsesCallback done)
{
    switch (auth.mode) {
    case Auth::Mode::Anonymous:
        attempt({}, [done = std::move(done)](std::expected<QList<HttpResponse>, ApiError> result) {
            done(result ? Responses(std::move(*result)) : std::unexpected(GitHubError::fromApi(result.error())));
        });
        return;
    case Auth::Mode::App: {
        if (!m_jwt) {
            failLater<QList<HttpResponse>>(context, std::move(done),
                                           GitHubError::local(GitHubError::Kind::NotConfigured,
                                                              u"No GitHub App ID and private key are configured."_s));
            return;
        }
        auto jwt = m_jwt->token();
        if (!jwt) {
            failLater<QList<HttpResponse>>(context, std::move(done),
                                           GitHubError::local(GitHubError::Kind::MalformedKey, jwt.error().message));
            return;
        }
        attempt("Bearer " + *jwt, [done = std::move(done)](std::expected<QList<HttpResponse>, ApiError> result) {
            if (result) {
                done(std::move(*result));
            } else if (isUnauthorized(result.error())) {
                GitHubError error = GitHubError::fromApi(result.error());
                error.kind = GitHubError::Kind::BadCredentials;
                error.message = u"GitHub rejected the App's credentials; check the App ID or client ID "
                                "and that the private key belongs to this App"_s;
                done(std::unexpected(error));
            } else {
                done(std::unexpected(GitHubError::fromApi(result.error())));
            }
        });
        return;
    }
    case Auth::Mode::Installation:
        withInstallation(auth.installationId, context, std::move(attempt), false, std::move(done));
        return;
    case Auth::Mode::Repository:
        if (const auto id = cachedInstallationId(auth.repo)) {
            withInstallation(*id, context, std::move(attempt), false, std::move(done));
            return;
        }
        getRepoInstallation(auth.repo, context,
                            [self = QPointer<GitHubClient>(this), context, attempt = std::move(attempt),
                             done = std::move(done)](std::expected<Installation, GitHubError> installation) mutable {
                                if (!installation) {
                                    done(std::unexpected(installation.error()));
                                    return;
                                }
                                if (self)
                                    self->withInstallation(installation->id, context, std::move(attempt), false,
                                                           std::move(done));
                            });
        return;
    }
}

void GitHubClient::withInstallation(qint64 installationId, QObject *context, Attempt attempt, bool retried,
                                    ResponsesCallback done)
{
    m_tokens->token(installationId, context,
                    [self = QPointer<GitHubClient>(this), installationId, context, attempt, retried,
                     done](std::expected<QString, GitHubError> token) {
                        if (!token) {
                            done(std::unexpected(token.error()));
                            return;
                        }
                        attempt("Bearer " + token->toUtf8(),
                                [self, installationId, context, attempt, retried, done, used = *token](
                                    std::expected<QList<HttpResponse>, ApiError> result) {
                                    if (result) {
                                        done(std::move(*result));
                                    } else if (isUnauthorized(result.error()) && !retried && self) {
                                        self->m_tokens->invalidate(installationId, used);
                                        self->withInstallation(installationId, context, attempt, true, done);
                                    } else {
                                        done(std::unexpected(GitHubError::fromApi(result.error())));
                                    }
                                });
                    });
}

void GitHubClient::fetchInstallationToken(qint64 installationId, QObject *context,
                                          std::function<void(InstallationTokenCache::TokenResult)> done)
{
    HttpRequest post = request("POST", u"/app/installations/%1/access_tokens"_s.arg(installationId));
    post.body = "{}";
    post.safeToRepeat = true;  // a second token does no harm
    send(Auth{Auth::Mode::App, 0, {}}, std::move(post), context, [done = std::move(done)](Responses responses) {
        if (!responses) {
            done(std::unexpected(responses.error()));
            return;
        }
        const HttpResponse &response = responses->constFirst();
        auto token = decodeGitHubJson<InstallationToken>(response.body);
        if (!token)
            done(std::unexpected(decodeError(response, token.error())));
        else
            done(std::move(*token));
    });
}

// --- typed results --------------------------------------------------------------------------

template <typename T>
void GitHubClient::fetchObject(const Auth &auth, HttpRequest request, QObject *context, Callback<T> done)
{
    send(auth, std::move(request), context, [done = std::move(done)](Responses responses) {
        if (!responses) {
            done(std::unexpected(responses.error()));
            return;
        }
        const HttpResponse &response = responses->constFirst();
        auto value = decodeGitHubJson<T>(response.body);
        if (!value)
            done(std::unexpected(decodeError(response, value.error())));
        else
            done(std::move(*value));
    });
}

template <typename T>
void GitHubClient::fetchArray(const Auth &auth, HttpRequest first, QObject *context, Callback<QList<T>> done)
{
    sendPaged(auth, std::move(first), context, [done = std::move(done)](Responses responses) {
        if (!responses) {
            done(std::unexpected(responses.error()));
            return;
        }
        QList<T> all;
        for (const HttpResponse &page : std::as_const(*responses)) {
            auto items = decodeGitHubJsonArray<T>(page.body);
            if (!items) {
                done(std::unexpected(decodeError(page, items.error())));
                return;
            }
            all += std::move(*items);
        }
        done(std::move(all));
    });
}

// --- endpoints ------------------------------------------------------------------------------

namespace {

QUrlQuery perPage()
{
    QUrlQuery query;
    query.addQueryItem(u"per_page"_s, u"100"_s);
    return query;
}

} // namespace

void GitHubClient::getApp(QObject *context, Callback<App> done)
{
    fetchObject(Auth{Auth::Mode::App, 0, {}}, request("GET", u"/app"_s), context, std::move(done));
}

void GitHubClient::listAppInstallations(QObject *context, Callback<QList<Installation>> done)
{
    HttpRequest first = request("GET", u"/app/installations"_s);
    first.url.setQuery(perPage());
    fetchArray(Auth{Auth::Mode::App, 0, {}}, std::move(first), context, std::move(done));
}

void GitHubClient::getInstallation(qint64 installationId, QObject *context, Callback<Installation> done)
{
    fetchObject(Auth{Auth::Mode::App, 0, {}}, request("GET", u"/app/installations/%1"_s.arg(installationId)),
                context, std::move(done));
}

void GitHubClient::getRepoInstallation(const RepoRef &repo, QObject *context, Callback<Installation> done)
{
    const QString path = u"/repos/"_s + segment(repo.owner) + u'/' + segment(repo.name) + u"/installation"_s;
    fetchObject<Installation>(Auth{Auth::Mode::App, 0, {}}, request("GET", path), context,
                              [self = QPointer<GitHubClient>(this), key = repo.fullName().toLower(),
                               done = std::move(done)](std::expected<Installation, GitHubError> result) {
                                  if (result && self)
                                      self->m_repoInstallations.insert(key, result->id);
                                  done(std::move(result));
                              });
}

void GitHubClient::listInstallationRepositories(qint64 installationId, QObject *context,
                                                Callback<QList<Repository>> done)
{
    HttpRequest first = request("GET", u"/installation/repositories"_s);
    first.url.setQuery(perPage());
    sendPaged(Auth{Auth::Mode::Installation, installationId, {}}, std::move(first), context,
              [done = std::move(done)](Responses responses) {
                  if (!responses) {
                      done(std::unexpected(responses.error()));
                      return;
                  }
                  QList<Repository> all;
                  for (const HttpResponse &page : std::as_const(*responses)) {
                      auto decoded = decodeGitHubJson<InstallationRepositories>(page.body);
                      if (!decoded) {
                          done(std::unexpected(decodeError(page, decoded.error())));
                          return;
                      }
                      all += std::move(decoded->repositories);
                  }
                  done(std::move(all));
              });
}

namespace {

auto installationOrAnonymous(std::optional<qint64> installationId)
{
    struct Choice { bool anonymous; qint64 id; };
    return Choice{!installationId.has_value(), installationId.value_or(0)};
}

} // namespace

void GitHubClient::getUserById(std::optional<qint64> installationId, qint64 accountId, QObject *context,
                               Callback<User> done)
{
    const auto choice = installationOrAnonymous(installationId);
    fetchObject(Auth{choice.anonymous ? Auth::Mode::Anonymous : Auth::Mode::Installation, choice.id, {}},
                request("GET", u"/user/%1"_s.arg(accountId)), context, std::move(done));
}

void GitHubClient::getUserByLogin(std::optional<qint64> installationId, const QString &login, QObject *context,
                                  Callback<User> done)
{
    const auto choice = installationOrAnonymous(installationId);
    fetchObject(Auth{choice.anonymous ? Auth::Mode::Anonymous : Auth::Mode::Installation, choice.id, {}},
                request("GET", u"/users/"_s + segment(login)), context, std::move(done));
}

void GitHubClient::getRateLimit(std::optional<qint64> installationId, QObject *context,
                                Callback<RateLimitOverview> done)
{
    const auto choice = installationOrAnonymous(installationId);
    fetchObject(Auth{choice.anonymous ? Auth::Mode::Anonymous : Auth::Mode::Installation, choice.id, {}},
                request("GET", u"/rate_limit"_s), context, std::move(done));
}

// --- repository endpoints -------------------------------------------------------------------

namespace {

QString repoPath(const RepoRef &repo)
{
    return u"/repos/"_s + segment(repo.owner) + u'/' + segment(repo.name);
}

} // namespace

void GitHubClient::getIssue(const RepoRef &repo, int number, QObject *context, Callback<Issue> done)
{
    fetchObject(Auth{Auth::Mode::Repository, 0, repo},
                request("GET", repoPath(repo) + u"/issues/%1"_s.arg(number)), context, std::move(done));
}

void GitHubClient::listIssueComments(const RepoRef &repo, int number, QObject *context,
                                     Callback<QList<IssueComment>> done)
{
    HttpRequest first = request("GET", repoPath(repo) + u"/issues/%1/comments"_s.arg(number));
    first.url.setQuery(perPage());
    fetchArray(Auth{Auth::Mode::Repository, 0, repo}, std::move(first), context, std::move(done));
}

void GitHubClient::createIssueComment(const RepoRef &repo, int number, const QString &body, QObject *context,
                                      Callback<IssueComment> done)
{
    HttpRequest post = request("POST", repoPath(repo) + u"/issues/%1/comments"_s.arg(number));
    post.body = toJsonBytes({{"body", body.toStdString()}});
    fetchObject(Auth{Auth::Mode::Repository, 0, repo}, std::move(post), context, std::move(done));
}

void GitHubClient::listPullsByHead(const RepoRef &repo, const QString &headOwner, const QString &branch,
                                   QObject *context, Callback<QList<PullRequest>> done)
{
    HttpRequest first = request("GET", repoPath(repo) + u"/pulls"_s);
    // Encoded by hand: QUrlQuery would leave a '+' in a branch name, which GitHub reads as a space.
    const QString head = QString::fromLatin1(QUrl::toPercentEncoding(headOwner + u':' + branch, ":"));
    first.url.setQuery(u"head="_s + head + u"&state=all&per_page=100"_s, QUrl::StrictMode);
    fetchArray(Auth{Auth::Mode::Repository, 0, repo}, std::move(first), context, std::move(done));
}

void GitHubClient::createPullRequest(const RepoRef &repo, const NewPullRequest &pull, QObject *context,
                                     Callback<PullRequest> done)
{
    HttpRequest post = request("POST", repoPath(repo) + u"/pulls"_s);
    post.body = toJsonBytes({{"title", pull.title.toStdString()},
                             {"head", pull.head.toStdString()},
                             {"base", pull.base.toStdString()},
                             {"body", pull.body.toStdString()},
                             {"draft", pull.draft},
                             {"maintainer_can_modify", pull.maintainerCanModify}});
    fetchObject(Auth{Auth::Mode::Repository, 0, repo}, std::move(post), context, std::move(done));
}

void GitHubClient::getBranch(const RepoRef &repo, const QString &branch, QObject *context, Callback<Branch> done)
{
    fetchObject(Auth{Auth::Mode::Repository, 0, repo},
                request("GET", repoPath(repo) + u"/branches/"_s + segment(branch)), context, std::move(done));
}

void GitHubClient::compare(const RepoRef &repo, const QString &base, const QString &head, QObject *context,
                           Callback<Comparison> done)
{
    fetchObject(Auth{Auth::Mode::Repository, 0, repo},
                request("GET", repoPath(repo) + u"/compare/"_s + segment(base) + u"..."_s + segment(head)),
                context, std::move(done));
}

void GitHubClient::compareDiff(const RepoRef &repo, const QString &base, const QString &head, QObject *context,
                               Callback<QString> done)
{
    HttpRequest get = request("GET", repoPath(repo) + u"/compare/"_s + segment(base) + u"..."_s + segment(head));
    get.setHeader("Accept", kDiffMediaType);
    send(Auth{Auth::Mode::Repository, 0, repo}, std::move(get), context, [done = std::move(done)](Responses responses) {
        if (!responses)
            done(std::unexpected(responses.error()));
        else
            done(QString::fromUtf8(responses->constFirst().body));
    });
}
