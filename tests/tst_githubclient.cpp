#include <QTest>

#include <nlohmann/json.hpp>

#include "expectedcheck.h"
#include "githubharness.h"
#include "testrsakey.h"

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(FakeResponse)

namespace {

const RepoRef kRepo{u"octocat"_s, u"Hello-World"_s};

FakeResponse fixtureResponse(const QString &name, int status = 200)
{
    return FakeResponse::json(status, Fixtures::github(name));
}

nlohmann::json parseJson(const QByteArray &bytes)
{
    return nlohmann::json::parse(bytes.cbegin(), bytes.cend());
}

// The one request the server received for `method` + `path`; fails the test otherwise.
#define SC_ONE_REQUEST(var, harness, method, path)                                           \
    const auto var##All = (harness).server.requests(method, path);                            \
    QCOMPARE(var##All.size(), 1);                                                             \
    const RecordedRequest &var = var##All.constFirst()

// Every GitHub request carries these.
#define SC_VERIFY_GITHUB_HEADERS(request)                                                     \
    do {                                                                                      \
        QCOMPARE((request).header("Accept"), "application/vnd.github+json");                  \
        QCOMPARE((request).header("X-GitHub-Api-Version"), "2022-11-28");                     \
        QCOMPARE((request).header("User-Agent"), "staff-console/" STAFFCONSOLE_VERSION);      \
    } while (false)

bool isAppJwt(const RecordedRequest &request)
{
    const QByteArray value = request.header("Authorization");
    return value.startsWith("Bearer ey") && value.count('.') == 2;
}

} // namespace

class TestGitHubClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void getApp();
    void listAppInstallationsFollowsLinks();
    void getInstallation();
    void getRepoInstallation();
    void listInstallationRepositories();
    void getUserById();
    void getUserByLogin();
    void getIssue();
    void listIssueComments();
    void createIssueComment();
    void listPullsByHead();
    void createPullRequest();
    void getBranch();
    void compare();
    void compareDiffIsRawText();
    void getRateLimit();
    void enterpriseServerBaseUrl();
    void listsNeverFollowLinksToAnotherOrigin_data();
    void listsNeverFollowLinksToAnotherOrigin();
    void enterpriseListsStayUnderTheApiPath();
    void notFoundCarriesGitHubMessage();
    void validationFailedCarriesFieldErrors();
    void appNotInstalledOnRepository();
    void malformedBodiesAreDecodeErrors_data();
    void malformedBodiesAreDecodeErrors();
    void destroyedContextNeverCalledBack();

private:
    std::unique_ptr<TestRsaKey> m_key;
};

void TestGitHubClient::initTestCase()
{
    m_key = std::make_unique<TestRsaKey>();
}

void TestGitHubClient::getApp()
{
    GitHubHarness h(m_key->pkcs1Pem());
    h.server.addRoute("GET", u"/app"_s, fixtureResponse(u"GET_app.json"_s));
    Outcome<App> outcome;
    h.client.getApp(this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    SC_VERIFY_OK(*outcome);
    QCOMPARE((*outcome)->name, u"Octocat App"_s);
    QCOMPARE((*outcome)->slug, u"octoapp"_s);

    SC_ONE_REQUEST(request, h, "GET", u"/app"_s);
    QCOMPARE(request.target, "/app");
    SC_VERIFY_GITHUB_HEADERS(request);
    QVERIFY(isAppJwt(request));
}

void TestGitHubClient::listAppInstallationsFollowsLinks()
{
    GitHubHarness h(m_key->pkcs1Pem());
    const QByteArray next = h.server.baseUrl().toEncoded() + "/app/installations?per_page=100&page=2";
    h.server.addRoute("GET", u"/app/installations"_s,
                      fixtureResponse(u"GET_app_installations.json"_s)
                          .withHeader("Link", "<" + next + ">; rel=\"next\", <" + next + ">; rel=\"last\""));
    h.server.addRoute("GET", u"/app/installations?per_page=100&page=2"_s,
                      FakeResponse::json(200, R"([{"id": 9007199254740993, "app_id": 1, "target_type": "Organization",
                                                  "account": {"login": "hubot-org", "id": 2, "type": "Organization"}}])"));
    Outcome<QList<Installation>> outcome;
    h.client.listAppInstallations(this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    SC_VERIFY_OK(*outcome);
    QCOMPARE((*outcome)->size(), 2);
    QCOMPARE((*outcome)->at(0).account->login, u"octocat"_s);
    QCOMPARE((*outcome)->at(1).id, 9007199254740993LL);
    QCOMPARE((*outcome)->at(1).account->login, u"hubot-org"_s);

    const auto requests = h.server.requests("GET", u"/app/installations"_s);
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(0).target, "/app/installations?per_page=100");
    QCOMPARE(requests.at(1).target, "/app/installations?per_page=100&page=2");
    for (const RecordedRequest &request : requests) {
        SC_VERIFY_GITHUB_HEADERS(request);
        QVERIFY(isAppJwt(request));
    }
}

void TestGitHubClient::getInstallation()
{
    GitHubHarness h(m_key->pkcs1Pem());
    h.server.addRoute("GET", u"/app/installations/1"_s, fixtureResponse(u"GET_app_installation.json"_s));
    Outcome<Installation> outcome;
    h.client.getInstallation(1, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    SC_VERIFY_OK(*outcome);
    QCOMPARE((*outcome)->account->login, u"octocat"_s);
    SC_ONE_REQUEST(request, h, "GET", u"/app/installations/1"_s);
    SC_VERIFY_GITHUB_HEADERS(request);
    QVERIFY(isAppJwt(request));
}

void TestGitHubClient::getRepoInstallation()
{
    GitHubHarness h(m_key->pkcs1Pem());
    Outcome<Installation> outcome;
    h.client.getRepoInstallation(kRepo, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    SC_VERIFY_OK(*outcome);
    QCOMPARE((*outcome)->account->login, u"github"_s);
    QCOMPARE(h.client.cachedInstallationId(kRepo), std::optional<qint64>(1));
    SC_ONE_REQUEST(request, h, "GET", u"/repos/octocat/Hello-World/installation"_s);
    SC_VERIFY_GITHUB_HEADERS(request);
    QVERIFY(isAppJwt(request));
}

void TestGitHubClient::listInstallationRepositories()
{
    GitHubHarness h(m_key->pkcs1Pem());
    const QByteArray next = h.server.baseUrl().toEncoded() + "/installation/repositories?per_page=100&page=2";
    h.server.addRoute("GET", u"/installation/repositories"_s,
                      fixtureResponse(u"GET_installation_repositories.json"_s).withHeader("Link", "<" + next + ">; rel=\"next\""));
    h.server.addRoute("GET", u"/installation/repositories?per_page=100&page=2"_s,
                      FakeResponse::json(200, R"({"total_count": 2, "repositories": [{"id": 7, "name": "Spoon-Knife",
                                                  "full_name": "octocat/Spoon-Knife", "private": true}]})"));
    Outcome<QList<Repository>> outcome;
    h.client.listInstallationRepositories(1, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    SC_VERIFY_OK(*outcome);
    QCOMPARE((*outcome)->size(), 2);
    QCOMPARE((*outcome)->at(0).fullName, u"octocat/Hello-World"_s);
    QCOMPARE((*outcome)->at(1).fullName, u"octocat/Spoon-Knife"_s);
    QVERIFY((*outcome)->at(1).isPrivate);

    const auto requests = h.server.requests("GET", u"/installation/repositories"_s);
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(0).target, "/installation/repositories?per_page=100");
    for (const RecordedRequest &request : requests) {
        SC_VERIFY_GITHUB_HEADERS(request);
        QCOMPARE(request.header("Authorization"), "Bearer ghs_1");
    }
}

void TestGitHubClient::getUserById()
{
    GitHubHarness h(m_key->pkcs1Pem());
    h.server.addRoute("GET", u"/user/583231"_s, fixtureResponse(u"GET_user_by_id.json"_s));
    Outcome<User> withToken;
    h.client.getUserById(1, 583231, this, capture(withToken));
    QTRY_VERIFY(withToken.has_value());
    SC_VERIFY_OK(*withToken);
    QCOMPARE((*withToken)->name, u"monalisa octocat"_s);

    Outcome<User> anonymous;
    h.client.getUserById(std::nullopt, 583231, this, capture(anonymous));
    QTRY_VERIFY(anonymous.has_value());
    SC_VERIFY_OK(*anonymous);

    const auto requests = h.server.requests("GET", u"/user/583231"_s);
    QCOMPARE(requests.size(), 2);
    SC_VERIFY_GITHUB_HEADERS(requests.at(0));
    QCOMPARE(requests.at(0).header("Authorization"), "Bearer ghs_1");
    SC_VERIFY_GITHUB_HEADERS(requests.at(1));
    QVERIFY(!requests.at(1).hasHeader("Authorization"));
}

void TestGitHubClient::getUserByLogin()
{
    GitHubHarness h(m_key->pkcs1Pem());
    h.server.addRoute("GET", u"/users/octocat"_s, fixtureResponse(u"GET_user_by_id.json"_s));
    Outcome<User> outcome;
    h.client.getUserByLogin(1, u"octocat"_s, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    SC_VERIFY_OK(*outcome);
    QCOMPARE((*outcome)->login, u"octocat"_s);
    SC_ONE_REQUEST(request, h, "GET", u"/users/octocat"_s);
    SC_VERIFY_GITHUB_HEADERS(request);
    QCOMPARE(request.header("Authorization"), "Bearer ghs_1");
}

void TestGitHubClient::getIssue()
{
    GitHubHarness h(m_key->pkcs1Pem());
    h.server.addRoute("GET", u"/repos/octocat/Hello-World/issues/1347"_s, fixtureResponse(u"GET_issue.json"_s));
    Outcome<Issue> outcome;
    h.client.getIssue(kRepo, 1347, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    SC_VERIFY_OK(*outcome);
    QCOMPARE((*outcome)->title, u"Found a bug"_s);
    SC_ONE_REQUEST(request, h, "GET", u"/repos/octocat/Hello-World/issues/1347"_s);
    SC_VERIFY_GITHUB_HEADERS(request);
    QCOMPARE(request.header("Authorization"), "Bearer ghs_1");
    // The token came from the repository's installation.
    QCOMPARE(h.server.requests("POST", u"/app/installations/1/access_tokens"_s).size(), 1);
}

void TestGitHubClient::listIssueComments()
{
    GitHubHarness h(m_key->pkcs1Pem());
    h.server.addRoute("GET", u"/repos/octocat/Hello-World/issues/1347/comments"_s,
                      fixtureResponse(u"GET_issue_comments.json"_s));
    Outcome<QList<IssueComment>> outcome;
    h.client.listIssueComments(kRepo, 1347, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    SC_VERIFY_OK(*outcome);
    QCOMPARE((*outcome)->size(), 1);
    QCOMPARE((*outcome)->constFirst().body, u"Me too"_s);
    SC_ONE_REQUEST(request, h, "GET", u"/repos/octocat/Hello-World/issues/1347/comments"_s);
    QCOMPARE(request.target, "/repos/octocat/Hello-World/issues/1347/comments?per_page=100");
    SC_VERIFY_GITHUB_HEADERS(request);
    QCOMPARE(request.header("Authorization"), "Bearer ghs_1");
}

void TestGitHubClient::createIssueComment()
{
    GitHubHarness h(m_key->pkcs1Pem());
    h.server.addRoute("POST", u"/repos/octocat/Hello-World/issues/1347/comments"_s,
                      fixtureResponse(u"POST_issue_comment.json"_s, 201));
    const QString body = u"Looks good \u2014 \"quoted\"\n<!-- staff-console:draft 42 -->"_s;
    Outcome<IssueComment> outcome;
    h.client.createIssueComment(kRepo, 1347, body, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    SC_VERIFY_OK(*outcome);
    QCOMPARE((*outcome)->htmlUrl, u"https://github.com/octocat/Hello-World/issues/1347#issuecomment-1"_s);
    SC_ONE_REQUEST(request, h, "POST", u"/repos/octocat/Hello-World/issues/1347/comments"_s);
    SC_VERIFY_GITHUB_HEADERS(request);
    QCOMPARE(request.header("Authorization"), "Bearer ghs_1");
    QCOMPARE(request.header("Content-Type"), "application/json");
    QVERIFY(parseJson(request.body) == nlohmann::json({{"body", body.toStdString()}}));
}

void TestGitHubClient::listPullsByHead()
{
    GitHubHarness h(m_key->pkcs1Pem());
    const QByteArray pull = Fixtures::github(u"POST_pull.json"_s);
    h.server.addRoute("GET", u"/repos/octocat/Hello-World/pulls"_s, FakeResponse::json(200, '[' + pull + ']'));
    Outcome<QList<PullRequest>> outcome;
    h.client.listPullsByHead(kRepo, u"octocat"_s, u"fix/c++ build"_s, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    SC_VERIFY_OK(*outcome);
    QCOMPARE((*outcome)->size(), 1);
    QCOMPARE((*outcome)->constFirst().head.ref, u"new-topic"_s);
    SC_ONE_REQUEST(request, h, "GET", u"/repos/octocat/Hello-World/pulls"_s);
    QCOMPARE(request.target, "/repos/octocat/Hello-World/pulls?head=octocat:fix%2Fc%2B%2B%20build&state=all&per_page=100");
    QCOMPARE(request.query(u"head"_s), u"octocat:fix/c++ build"_s);
    QCOMPARE(request.query(u"state"_s), u"all"_s);
    SC_VERIFY_GITHUB_HEADERS(request);
    QCOMPARE(request.header("Authorization"), "Bearer ghs_1");
}

void TestGitHubClient::createPullRequest()
{
    GitHubHarness h(m_key->pkcs1Pem());
    h.server.addRoute("POST", u"/repos/octocat/Hello-World/pulls"_s, fixtureResponse(u"POST_pull.json"_s, 201));
    NewPullRequest pull{u"Amazing new feature"_s, u"new-topic"_s, u"master"_s, u"Please pull these awesome changes in!"_s,
                        true, false};
    Outcome<PullRequest> outcome;
    h.client.createPullRequest(kRepo, pull, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    SC_VERIFY_OK(*outcome);
    QCOMPARE((*outcome)->number, 1347);
    QCOMPARE((*outcome)->htmlUrl, u"https://github.com/octocat/Hello-World/pull/1347"_s);
    SC_ONE_REQUEST(request, h, "POST", u"/repos/octocat/Hello-World/pulls"_s);
    SC_VERIFY_GITHUB_HEADERS(request);
    QCOMPARE(request.header("Authorization"), "Bearer ghs_1");
    const nlohmann::json expected = {{"title", "Amazing new feature"}, {"head", "new-topic"}, {"base", "master"},
                                     {"body", "Please pull these awesome changes in!"}, {"draft", true},
                                     {"maintainer_can_modify", false}};
    QVERIFY(parseJson(request.body) == expected);
}

void TestGitHubClient::getBranch()
{
    GitHubHarness h(m_key->pkcs1Pem());
    h.server.addRoute("GET", QRegularExpression(u"/repos/octocat/Hello-World/branches/.*"_s),
                      fixtureResponse(u"GET_repo_branch.json"_s));
    Outcome<Branch> outcome;
    h.client.getBranch(kRepo, u"release/2.0"_s, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    SC_VERIFY_OK(*outcome);
    QCOMPARE((*outcome)->commitSha, u"7fd1a60b01f91b314f59955a4e4d4e80d8edf11d"_s);
    const auto requests = h.server.requests();
    const auto branch = std::find_if(requests.cbegin(), requests.cend(), [](const RecordedRequest &r) {
        return r.target.startsWith("/repos/octocat/Hello-World/branches/");
    });
    QVERIFY(branch != requests.cend());
    QCOMPARE(branch->method, "GET");
    QCOMPARE(branch->target, "/repos/octocat/Hello-World/branches/release%2F2.0");
    SC_VERIFY_GITHUB_HEADERS(*branch);
    QCOMPARE(branch->header("Authorization"), "Bearer ghs_1");
}

void TestGitHubClient::compare()
{
    GitHubHarness h(m_key->pkcs1Pem());
    h.server.addRoute("GET", u"/repos/octocat/Hello-World/compare/master...topic"_s, fixtureResponse(u"GET_compare.json"_s));
    Outcome<Comparison> outcome;
    h.client.compare(kRepo, u"master"_s, u"topic"_s, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    SC_VERIFY_OK(*outcome);
    QCOMPARE((*outcome)->status, ComparisonStatus::Behind);
    QCOMPARE((*outcome)->aheadBy, 1);
    QCOMPARE((*outcome)->files.constFirst().filename, u"file1.txt"_s);
    SC_ONE_REQUEST(request, h, "GET", u"/repos/octocat/Hello-World/compare/master...topic"_s);
    SC_VERIFY_GITHUB_HEADERS(request);
    QCOMPARE(request.header("Authorization"), "Bearer ghs_1");
}

void TestGitHubClient::compareDiffIsRawText()
{
    GitHubHarness h(m_key->pkcs1Pem());
    const QByteArray diff = Fixtures::github(u"GET_compare.diff"_s);
    h.server.addRoute("GET", u"/repos/octocat/Hello-World/compare/master...topic"_s,
                      FakeResponse::text(200, diff, "application/vnd.github.diff; charset=utf-8"));
    Outcome<QString> outcome;
    h.client.compareDiff(kRepo, u"master"_s, u"topic"_s, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    SC_VERIFY_OK(*outcome);
    QCOMPARE(**outcome, QString::fromUtf8(diff));
    QVERIFY((*outcome)->startsWith(u"diff --git a/testfile b/testfile"_s));
    SC_ONE_REQUEST(request, h, "GET", u"/repos/octocat/Hello-World/compare/master...topic"_s);
    QCOMPARE(request.header("Accept"), "application/vnd.github.diff");
    QCOMPARE(request.header("X-GitHub-Api-Version"), "2022-11-28");
    QCOMPARE(request.header("User-Agent"), "staff-console/" STAFFCONSOLE_VERSION);
    QCOMPARE(request.header("Authorization"), "Bearer ghs_1");
}

void TestGitHubClient::getRateLimit()
{
    GitHubHarness h(m_key->pkcs1Pem());
    h.server.addRoute("GET", u"/rate_limit"_s, fixtureResponse(u"GET_rate_limit.json"_s));
    Outcome<RateLimitOverview> outcome;
    h.client.getRateLimit(1, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    SC_VERIFY_OK(*outcome);
    QCOMPARE((*outcome)->core.limit, 5000);
    QCOMPARE((*outcome)->core.reset, QDateTime::fromSecsSinceEpoch(1691591363, Qt::UTC));
    SC_ONE_REQUEST(request, h, "GET", u"/rate_limit"_s);
    SC_VERIFY_GITHUB_HEADERS(request);
    QCOMPARE(request.header("Authorization"), "Bearer ghs_1");
}

void TestGitHubClient::enterpriseServerBaseUrl()
{
    GitHubHarness h(m_key->pkcs1Pem(), u"12345"_s, u"/api/v3"_s);
    QUrl base = h.server.baseUrl();
    base.setPath(u"/api/v3/"_s);  // a trailing slash does not double
    h.client.setBaseUrl(base);
    h.server.addRoute("GET", u"/api/v3/app"_s, fixtureResponse(u"GET_app.json"_s));
    h.server.addRoute("GET", u"/api/v3/repos/octocat/Hello-World/issues/1347"_s, fixtureResponse(u"GET_issue.json"_s));
    Outcome<App> app;
    h.client.getApp(this, capture(app));
    QTRY_VERIFY(app.has_value());
    SC_VERIFY_OK(*app);
    Outcome<Issue> issue;
    h.client.getIssue(kRepo, 1347, this, capture(issue));
    QTRY_VERIFY(issue.has_value());
    SC_VERIFY_OK(*issue);
    QCOMPARE(h.server.requests("GET", u"/api/v3/app"_s).size(), 1);
    QCOMPARE(h.server.requests("GET", u"/api/v3/repos/octocat/Hello-World/installation"_s).size(), 1);
    QCOMPARE(h.server.requests("POST", u"/api/v3/app/installations/1/access_tokens"_s).size(), 1);
    QCOMPARE(h.server.requests("GET", u"/api/v3/repos/octocat/Hello-World/issues/1347"_s).size(), 1);
}

void TestGitHubClient::listsNeverFollowLinksToAnotherOrigin_data()
{
    QTest::addColumn<QString>("list");
    QTest::newRow("app installations (App JWT)") << u"installations"_s;
    QTest::newRow("installation repositories (installation token)") << u"repositories"_s;
    QTest::newRow("issue comments (repository's installation token)") << u"comments"_s;
}

void TestGitHubClient::listsNeverFollowLinksToAnotherOrigin()
{
    QFETCH(QString, list);
    GitHubHarness h(m_key->pkcs1Pem());
    FakeHttpServer other;  // what GitHub's OpenAPI example Links name: not the configured GitHub
    QVERIFY(other.listen());
    const QByteArray foreign = other.baseUrl().toEncoded() + "/app/installations?per_page=100&page=2";
    const auto nextElsewhere = [&foreign](FakeResponse response) {
        return response.withHeader("Link", "<" + foreign + ">; rel=\"next\", <" + foreign + ">; rel=\"last\"");
    };
    h.server.addRoute("GET", u"/app/installations"_s, nextElsewhere(fixtureResponse(u"GET_app_installations.json"_s)));
    h.server.addRoute("GET", u"/installation/repositories"_s,
                      nextElsewhere(fixtureResponse(u"GET_installation_repositories.json"_s)));
    h.server.addRoute("GET", u"/repos/octocat/Hello-World/issues/1347/comments"_s,
                      nextElsewhere(fixtureResponse(u"GET_issue_comments.json"_s)));

    bool finished = false;
    std::optional<GitHubError> error;
    const auto onDone = [&](auto result) {
        finished = true;
        if (!result)
            error = result.error();
    };
    QString path;
    if (list == u"installations"_s) {
        h.client.listAppInstallations(this, onDone);
        path = u"/app/installations"_s;
    } else if (list == u"repositories"_s) {
        h.client.listInstallationRepositories(1, this, onDone);
        path = u"/installation/repositories"_s;
    } else {
        h.client.listIssueComments(kRepo, 1347, this, onDone);
        path = u"/repos/octocat/Hello-World/issues/1347/comments"_s;
    }
    QTRY_VERIFY(finished);
    QVERIFY2(error.has_value(), "a list whose next page lies elsewhere must fail, not end early");
    QCOMPARE(error->kind, GitHubError::Kind::Api);
    QVERIFY(error->api.has_value());
    QCOMPARE(error->api->kind, ApiError::Kind::ForeignOrigin);
    QCOMPARE(error->kindName(), u"foreign_origin"_s);
    const QString text = error->text();
    QVERIFY2(text.contains(originText(other.baseUrl())), qPrintable(text));
    QVERIFY2(!text.contains(u"Bearer"_s) && !text.contains(u"ghs_"_s) && !text.contains(u"eyJ"_s),
             qPrintable(text));
    // The first page came from the configured GitHub with its credentials; nothing went elsewhere.
    SC_ONE_REQUEST(firstPage, h, "GET", path);
    QVERIFY(firstPage.hasHeader("Authorization"));
    QVERIFY(other.requests().isEmpty());
    QCOMPARE(other.connectionCount(), 0);
}

void TestGitHubClient::enterpriseListsStayUnderTheApiPath()
{
    GitHubHarness h(m_key->pkcs1Pem(), u"12345"_s, u"/api/v3"_s);
    const QByteArray host = h.server.baseUrl().toEncoded();
    h.server.addRoute("GET", u"/api/v3/app/installations"_s,
                      fixtureResponse(u"GET_app_installations.json"_s)
                          .withHeader("Link", "<" + host + "/api/v3/app/installations?per_page=100&page=2>; rel=\"next\""));
    h.server.addRoute("GET", u"/api/v3/app/installations?per_page=100&page=2"_s,
                      fixtureResponse(u"GET_app_installations.json"_s)
                          .withHeader("Link", R"(</app/installations?per_page=100&page=3>; rel="next")"));
    Outcome<QList<Installation>> outcome;
    h.client.listAppInstallations(this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    QVERIFY(!outcome->has_value());
    QCOMPARE(outcome->error().kindName(), u"foreign_origin"_s);
    QCOMPARE(h.server.requests("GET", u"/api/v3/app/installations"_s).size(), 2);
    QVERIFY(h.server.requests("GET", u"/app/installations"_s).isEmpty());
}

void TestGitHubClient::notFoundCarriesGitHubMessage()
{
    GitHubHarness h(m_key->pkcs1Pem());
    h.server.addRoute("GET", u"/repos/octocat/Hello-World/issues/9999"_s, fixtureResponse(u"ERROR_404_not_found.json"_s, 404));
    Outcome<Issue> outcome;
    h.client.getIssue(kRepo, 9999, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    QVERIFY(!outcome->has_value());
    const GitHubError &error = outcome->error();
    QCOMPARE(error.kind, GitHubError::Kind::Api);
    QVERIFY(error.api.has_value());
    QCOMPARE(error.api->kind, ApiError::Kind::Http);
    QCOMPARE(error.httpStatus(), 404);
    QCOMPARE(error.api->apiMessage, u"Not Found"_s);
    QCOMPARE(error.api->documentationUrl, u"https://docs.github.com/rest/billing/budgets#create-a-budget-for-an-organization"_s);
    QVERIFY(error.text().contains(u"Not Found"_s));
    // A 404 is an answer: not retried.
    QCOMPARE(h.server.requests("GET", u"/repos/octocat/Hello-World/issues/9999"_s).size(), 1);
}

void TestGitHubClient::validationFailedCarriesFieldErrors()
{
    GitHubHarness h(m_key->pkcs1Pem());
    h.server.addRoute("POST", u"/repos/octocat/Hello-World/pulls"_s,
                      fixtureResponse(u"ERROR_422_validation_failed.json"_s, 422));
    Outcome<PullRequest> outcome;
    h.client.createPullRequest(kRepo, NewPullRequest{u"t"_s, u"topic"_s, u"main"_s, u"b"_s}, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    QVERIFY(!outcome->has_value());
    const GitHubError &error = outcome->error();
    QCOMPARE(error.httpStatus(), 422);
    QCOMPARE(error.api->apiMessage, u"Validation Failed"_s);
    QCOMPARE(error.api->documentationUrl, u"https://docs.github.com/rest/reference/issues#create-a-label"_s);
    QCOMPARE(error.api->fieldErrors.size(), 1);
    QCOMPARE(error.api->fieldErrors.constFirst().field, u"color"_s);
    QCOMPARE(error.api->fieldErrors.constFirst().code, u"invalid"_s);
    // A write that failed with 422 is not repeated.
    QCOMPARE(h.server.requests("POST", u"/repos/octocat/Hello-World/pulls"_s).size(), 1);
}

void TestGitHubClient::appNotInstalledOnRepository()
{
    GitHubHarness h(m_key->pkcs1Pem());
    Outcome<Issue> outcome;
    h.client.getIssue(RepoRef{u"someone"_s, u"elsewhere"_s}, 1, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    QVERIFY(!outcome->has_value());
    QCOMPARE(outcome->error().httpStatus(), 404);
    QCOMPARE(h.server.requests("GET", u"/repos/someone/elsewhere/installation"_s).size(), 1);
    QCOMPARE(h.server.requests("GET", u"/repos/someone/elsewhere/issues/1"_s).size(), 0);
    QCOMPARE(h.tokensIssued, 0);
}

void TestGitHubClient::malformedBodiesAreDecodeErrors_data()
{
    QTest::addColumn<FakeResponse>("response");
    QTest::newRow("truncated JSON") << FakeResponse::json(200, R"({"id": 1, "slug": "octo)");
    QTest::newRow("HTML page") << FakeResponse::html(200, "<!DOCTYPE html><html><body>Unicorn!</body></html>");
    QTest::newRow("array") << FakeResponse::json(200, "[]");
    QTest::newRow("missing name") << FakeResponse::json(200, R"({"id": 1})");
}

void TestGitHubClient::malformedBodiesAreDecodeErrors()
{
    QFETCH(FakeResponse, response);
    GitHubHarness h(m_key->pkcs1Pem());
    h.server.addRoute("GET", u"/app"_s, response);
    Outcome<App> outcome;
    h.client.getApp(this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    QVERIFY(!outcome->has_value());
    QCOMPARE(outcome->error().kind, GitHubError::Kind::Api);
    QCOMPARE(outcome->error().api->kind, ApiError::Kind::Decode);
    QVERIFY(outcome->error().text().contains(u"/app"_s));
}

void TestGitHubClient::destroyedContextNeverCalledBack()
{
    GitHubHarness h(m_key->pkcs1Pem());
    h.server.addRoute("GET", u"/repos/octocat/Hello-World/issues/1347"_s,
                      fixtureResponse(u"GET_issue.json"_s).withDelay(std::chrono::milliseconds(200)));
    bool called = false;
    auto owner = std::make_unique<QObject>();
    h.client.getIssue(kRepo, 1347, owner.get(), [&called](std::expected<Issue, GitHubError>) { called = true; });
    QTRY_COMPARE(h.server.requests("GET", u"/repos/octocat/Hello-World/issues/1347"_s).size(), 1);
    owner.reset();
    // A later request that answers after the first one did: by then a stray callback would have run.
    h.server.addRoute("GET", u"/app"_s, fixtureResponse(u"GET_app.json"_s).withDelay(std::chrono::milliseconds(300)));
    Outcome<App> later;
    h.client.getApp(this, capture(later));
    QTRY_VERIFY(later.has_value());
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestGitHubClient)
#include "tst_githubclient.moc"
