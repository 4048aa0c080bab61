#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

#include "github/githubclient.h"
#include "http/httpclient.h"
#include "http/pagination.h"
#include "demoappkey.h"
#include "sandboxgithub.h"

using namespace Qt::StringLiterals;

namespace {

// Shaped like an App JWT (RS256 header, claims, signature); the sandbox checks only the shape.
const QByteArray kJwt = "Bearer " + QByteArray(R"({"alg":"RS256","typ":"JWT"})").toBase64(
                                        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
    + '.' + QByteArray(R"({"iss":"424242"})").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
    + ".c2lnbmF0dXJl";

} // namespace

class TestSandboxGitHub : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void appAndInstallationsNeedAJwt();
    void installationTokenListsTheDemoRepositories();
    void issuesAreDeterministicAndGitHubShaped();
    void postedCommentsAreRecordedAndListed();
    void pullRequestsAreCreatedOnceAndFoundByHead();
    void unchangedAnswersGiveNotModified();
    void everyIssueHasAFewComments();
    void comparisonsFollowTheAiBranch();
    void comparisonOfUnknownBranchIsNotFound();
    void gitHubClientWorksAgainstTheSandbox();

private:
    HttpClient::Result get(const QString &path, const QByteArray &authorization);
    HttpClient::Result post(const QString &path, const QByteArray &authorization, const QJsonObject &body);
    QByteArray installationToken(const QString &installationId);

    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<SandboxGitHub> m_sandbox;
    std::unique_ptr<HttpClient> m_client;
    QUrl m_base;
};

void TestSandboxGitHub::init()
{
    m_network = std::make_unique<QNetworkAccessManager>();
    m_sandbox = std::make_unique<SandboxGitHub>();
    const auto base = m_sandbox->start();
    QVERIFY2(base, qPrintable(base ? QString() : base.error()));
    m_base = *base;
    m_sandbox->setInstallations({{u"12345678"_s, u"acme-robotics"_s, u"organization"_s},
                                 {u"23456789"_s, u"maria-chen"_s, u"user"_s}});
    HttpClientConfig config;
    config.writeSpacing = std::chrono::milliseconds(0);
    m_client = std::make_unique<HttpClient>(m_network.get(), config);
    m_client->setDefaultHeader("Accept", "application/vnd.github+json");
}

void TestSandboxGitHub::cleanup()
{
    m_client.reset();
    m_sandbox.reset();
    m_network.reset();
}

HttpClient::Result TestSandboxGitHub::get(const QString &path, const QByteArray &authorization)
{
    HttpRequest request = HttpRequest::get(QUrl(m_base.toString() + path));
    request.scope = m_base;
    if (!authorization.isEmpty())
        request.setHeader("Authorization", authorization);
    std::optional<HttpClient::Result> result;
    m_client->send(request, this, [&](HttpClient::Result r) { result = std::move(r); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000))
        return std::unexpected(ApiError::timeout(u"no answer from the sandbox"_s));
    return *result;
}

HttpClient::Result TestSandboxGitHub::post(const QString &path, const QByteArray &authorization, const QJsonObject &body)
{
    HttpRequest request = HttpRequest::post(QUrl(m_base.toString() + path), QJsonDocument(body).toJson());
    request.scope = m_base;
    request.setHeader("Authorization", authorization);
    std::optional<HttpClient::Result> result;
    m_client->send(request, this, [&](HttpClient::Result r) { result = std::move(r); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000))
        return std::unexpected(ApiError::timeout(u"no answer from the sandbox"_s));
    return *result;
}

QByteArray TestSandboxGitHub::installationToken(const QString &installationId)
{
    const auto created = post(u"/app/installations/%1/access_tokens"_s.arg(installationId), kJwt, {});
    if (!created)
        return {};
    return "token " + parseJsonBody(*created)->object().value("token"_L1).toString().toUtf8();
}

void TestSandboxGitHub::appAndInstallationsNeedAJwt()
{
    const auto denied = get(u"/app"_s, {});
    QVERIFY(!denied);
    QCOMPARE(denied.error().httpStatus, 401);

    const auto app = get(u"/app"_s, kJwt);
    QVERIFY2(app, qPrintable(app ? QString() : app.error().text()));
    const QJsonObject appJson = parseJsonBody(*app)->object();
    QCOMPARE(appJson.value("name"_L1).toString(), m_sandbox->appName());
    QVERIFY(appJson.value("name"_L1).toString().contains(SandboxGitHub::label()));
    QCOMPARE(appJson.value("id"_L1).toInteger(), m_sandbox->appId());
    QVERIFY(m_client->rateLimit().isKnown());

    const auto installations = get(u"/app/installations"_s, kJwt);
    QVERIFY(installations);
    const QJsonArray list = parseJsonBody(*installations)->array();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).toObject().value("id"_L1).toInteger(), 12345678);
    QCOMPARE(list.at(0).toObject().value("account"_L1).toObject().value("login"_L1).toString(), u"acme-robotics"_s);
    QCOMPARE(list.at(0).toObject().value("target_type"_L1).toString(), u"Organization"_s);
    QCOMPARE(list.at(1).toObject().value("target_type"_L1).toString(), u"User"_s);

    const auto one = get(u"/repos/maria-chen/api/installation"_s, kJwt);
    QVERIFY(one);
    QCOMPARE(parseJsonBody(*one)->object().value("id"_L1).toInteger(), 23456789);
    QVERIFY(!get(u"/app/installations/999"_s, kJwt));
}

void TestSandboxGitHub::installationTokenListsTheDemoRepositories()
{
    const QByteArray token = installationToken(u"12345678"_s);
    QVERIFY(token.startsWith("token ghs_"));
    QVERIFY(!get(u"/installation/repositories"_s, kJwt));

    QStringList names;
    std::optional<std::expected<void, ApiError>> done;
    HttpRequest first = HttpRequest::get(QUrl(m_base.toString() + u"/installation/repositories?per_page=3"_s));
    first.scope = m_base;
    first.setHeader("Authorization", token);
    int pages = 0;
    fetchAllPages(
        m_client.get(), first, this,
        [&](const HttpResponse &page) {
            ++pages;
            for (const QJsonValue &repo : parseJsonBody(page)->object().value("repositories"_L1).toArray())
                names << repo.toObject().value("full_name"_L1).toString();
            return true;
        },
        [&](std::expected<void, ApiError> result) { done = result; });
    QTRY_VERIFY(done);
    QVERIFY(done->has_value());
    QCOMPARE(pages, 2);
    QCOMPARE(names, m_sandbox->catalog().repositoriesOf(u"acme-robotics"_s));
    QCOMPARE(names.size(), 4);
}

void TestSandboxGitHub::issuesAreDeterministicAndGitHubShaped()
{
    const QByteArray token = installationToken(u"12345678"_s);
    const auto first = get(u"/repos/acme-robotics/api/issues/42"_s, token);
    QVERIFY(first);
    const QJsonObject issue = parseJsonBody(*first)->object();
    QCOMPARE(issue.value("number"_L1).toInt(), 42);
    QVERIFY(!issue.value("title"_L1).toString().isEmpty());
    QVERIFY(issue.value("body"_L1).toString().contains(u"Steps to reproduce"_s));
    QCOMPARE(issue.value("html_url"_L1).toString(), QString(m_sandbox->webUrl() + u"/acme-robotics/api/issues/42"_s));
    QCOMPARE(issue.value("url"_L1).toString(), m_base.toString() + u"/repos/acme-robotics/api/issues/42"_s);
    QVERIFY(!issue.value("user"_L1).toObject().value("login"_L1).toString().isEmpty());

    SandboxGitHub other;
    QCOMPARE(other.catalog().issue(u"acme-robotics/api"_s, 42).title, issue.value("title"_L1).toString());
    QVERIFY(other.catalog().issue(u"acme-robotics/api"_s, 42).body != other.catalog().issue(u"acme-robotics/web"_s, 7).body);

    const auto user = get(u"/user/583231"_s, token);
    QVERIFY(user);
    const QString login = parseJsonBody(*user)->object().value("login"_L1).toString();
    const auto byLogin = get(u"/users/"_s + login, token);
    QVERIFY(byLogin);
    QCOMPARE(parseJsonBody(*byLogin)->object().value("id"_L1).toInteger(), 583231);
}

void TestSandboxGitHub::postedCommentsAreRecordedAndListed()
{
    const QByteArray token = installationToken(u"12345678"_s);
    QSignalSpy spy(m_sandbox.get(), &SandboxGitHub::published);
    const auto before = get(u"/repos/acme-robotics/web/issues/7/comments"_s, token);
    QVERIFY(before);
    const qsizetype seeded = parseJsonBody(*before)->array().size();

    const QString body = u"Looks like a race.\n\n<!-- staff-console:draft=17 -->"_s;
    const auto created = post(u"/repos/acme-robotics/web/issues/7/comments"_s, token, {{u"body"_s, body}});
    QVERIFY2(created, qPrintable(created ? QString() : created.error().text()));
    QCOMPARE(created->status, 201);
    const QJsonObject comment = parseJsonBody(*created)->object();
    QCOMPARE(comment.value("body"_L1).toString(), body);
    QVERIFY(comment.value("html_url"_L1).toString().startsWith(m_sandbox->webUrl() + u"/acme-robotics/web/issues/7#issuecomment-"_s));

    QCOMPARE(spy.count(), 1);
    QCOMPARE(m_sandbox->publications().size(), 1);
    const SandboxGitHub::Publication publication = m_sandbox->publications().first();
    QCOMPARE(publication.repository, u"acme-robotics/web"_s);
    QCOMPARE(publication.issueNumber, 7);
    QCOMPARE(publication.id, comment.value("id"_L1).toInteger());
    QCOMPARE(publication.body, body);

    const auto after = get(u"/repos/acme-robotics/web/issues/7/comments"_s, token);
    QVERIFY(after);
    const QJsonArray list = parseJsonBody(*after)->array();
    QCOMPARE(list.size(), seeded + 1);
    QCOMPARE(list.last().toObject().value("body"_L1).toString(), body);

    const auto page = get(comment.value("html_url"_L1).toString().section(u'#', 0, 0).mid(m_base.toString().size()), {});
    QVERIFY(page);
    QVERIFY(page->header("content-type").startsWith("text/html"));
    QVERIFY(page->body.contains("Looks like a race."));
    QVERIFY(page->body.contains("sandbox"));

    const auto empty = post(u"/repos/acme-robotics/web/issues/7/comments"_s, token, {});
    QVERIFY(!empty);
    QCOMPARE(empty.error().httpStatus, 422);
    QCOMPARE(empty.error().fieldErrors.value(0).field, u"body"_s);
}

void TestSandboxGitHub::pullRequestsAreCreatedOnceAndFoundByHead()
{
    const QByteArray token = installationToken(u"12345678"_s);
    const QJsonObject input{{u"title"_s, u"Fix race in token refresh"_s},
                            {u"head"_s, u"ai/fix-token-refresh-race-42"_s},
                            {u"base"_s, u"main"_s},
                            {u"body"_s, u"Fixes #42."_s}};
    const auto created = post(u"/repos/acme-robotics/api/pulls"_s, token, input);
    QVERIFY2(created, qPrintable(created ? QString() : created.error().text()));
    const QJsonObject pr = parseJsonBody(*created)->object();
    QCOMPARE(pr.value("title"_L1).toString(), u"Fix race in token refresh"_s);
    QCOMPARE(pr.value("head"_L1).toObject().value("ref"_L1).toString(), u"ai/fix-token-refresh-race-42"_s);
    QCOMPARE(pr.value("base"_L1).toObject().value("ref"_L1).toString(), u"main"_s);
    const int number = pr.value("number"_L1).toInt();
    QCOMPARE(pr.value("html_url"_L1).toString(), QString(m_sandbox->webUrl() + u"/acme-robotics/api/pull/%1"_s.arg(number)));

    const auto again = post(u"/repos/acme-robotics/api/pulls"_s, token, input);
    QVERIFY(!again);
    QCOMPARE(again.error().httpStatus, 422);
    QVERIFY(again.error().text().contains(u"already exists"_s));

    const auto found = get(u"/repos/acme-robotics/api/pulls?head=acme-robotics:ai/fix-token-refresh-race-42&state=all"_s, token);
    QVERIFY(found);
    QCOMPARE(parseJsonBody(*found)->array().size(), 1);
    const auto none = get(u"/repos/acme-robotics/api/pulls?head=acme-robotics:other&state=all"_s, token);
    QVERIFY(none);
    QCOMPARE(parseJsonBody(*none)->array().size(), 0);

    QVERIFY(get(u"/repos/acme-robotics/api/branches/ai%2Ffix-token-refresh-race-42"_s, token));
    QCOMPARE(get(u"/repos/acme-robotics/api/branches/nope"_s, token).error().httpStatus, 404);
    QCOMPARE(m_sandbox->publications().size(), 1);
    QCOMPARE(m_sandbox->publications().first().kind, SandboxGitHub::Publication::Kind::PullRequest);
}

void TestSandboxGitHub::unchangedAnswersGiveNotModified()
{
    const auto first = get(u"/app"_s, kJwt);
    QVERIFY(first);
    QVERIFY(!first->fromCache);
    const auto second = get(u"/app"_s, kJwt);
    QVERIFY(second);
    QVERIFY(second->fromCache);
    QCOMPARE(second->body, first->body);
    QCOMPARE(m_sandbox->server()->requests().constLast().header("if-none-match"), first->header("etag"));
}

void TestSandboxGitHub::everyIssueHasAFewComments()
{
    const QByteArray token = installationToken(u"12345678"_s);
    for (int number : {1, 7, 42, 123, 4242}) {
        const auto comments = get(u"/repos/acme-robotics/web/issues/%1/comments"_s.arg(number), token);
        QVERIFY(comments);
        const QJsonArray list = parseJsonBody(*comments)->array();
        QVERIFY2(list.size() >= 1 && list.size() <= 4, qPrintable(QString::number(list.size())));
        QCOMPARE(list.size(), m_sandbox->catalog().issue(u"acme-robotics/web"_s, number).seededComments);
        const auto issue = get(u"/repos/acme-robotics/web/issues/%1"_s.arg(number), token);
        QVERIFY(issue);
        QCOMPARE(parseJsonBody(*issue)->object().value("comments"_L1).toInt(), list.size());
    }
}

void TestSandboxGitHub::comparisonsFollowTheAiBranch()
{
    const QByteArray token = installationToken(u"12345678"_s);
    const QString path = u"/repos/acme-robotics/api/compare/main...ai%2Ffix-retry-backoff-42"_s;
    const auto json = get(path, token);
    QVERIFY2(json, qPrintable(json ? QString() : json.error().text()));
    const QJsonObject comparison = parseJsonBody(*json)->object();
    QCOMPARE(comparison.value("status"_L1).toString(), u"ahead"_s);
    QCOMPARE(comparison.value("ahead_by"_L1).toInt(), 1);
    QCOMPARE(comparison.value("commits"_L1).toArray().size(), 1);
    QVERIFY(comparison.value("commits"_L1).toArray().first().toObject().value("commit"_L1).toObject()
                .value("message"_L1).toString().startsWith(u"Retry with exponential backoff and jitter"_s));
    const QJsonArray files = comparison.value("files"_L1).toArray();
    QVERIFY(files.size() >= 2);
    QCOMPARE(files.at(0).toObject().value("filename"_L1).toString(), u"app/http/retry.py"_s);
    QCOMPARE(files.at(1).toObject().value("filename"_L1).toString(), u"tests/test_retry_backoff.py"_s);
    QCOMPARE(files.at(1).toObject().value("status"_L1).toString(), u"added"_s);

    HttpRequest request = HttpRequest::get(QUrl(m_base.toString() + path));
    request.scope = m_base;   // the token is sent to the sandbox's origin only
    request.setHeader("Authorization", token);
    request.setHeader("Accept", "application/vnd.github.diff");
    std::optional<HttpClient::Result> diff;
    m_client->send(request, this, [&](HttpClient::Result r) { diff = std::move(r); });
    QTRY_VERIFY(diff);
    QVERIFY(diff->has_value());
    const QString text = QString::fromUtf8(diff->value().body);
    QVERIFY(text.startsWith(u"diff --git a/app/http/retry.py b/app/http/retry.py\n"_s));
    QVERIFY(text.contains(u"+++ b/tests/test_retry_backoff.py\n"_s));

    // The JSON's counts and patches are the diff's, and each hunk header counts its lines.
    for (const QJsonValue &value : files) {
        const QJsonObject file = value.toObject();
        const QString patch = file.value("patch"_L1).toString();
        QVERIFY(text.contains(patch));
        int additions = 0;
        int deletions = 0;
        int oldLines = 0;
        int newLines = 0;
        const QStringList lines = patch.split(u'\n');
        const QRegularExpressionMatch header =
            QRegularExpression(u"^@@ -(\\d+),(\\d+) \\+(\\d+),(\\d+) @@"_s).match(lines.first());
        QVERIFY2(header.hasMatch(), qPrintable(lines.first()));
        for (const QString &line : lines.mid(1)) {
            additions += line.startsWith(u'+');
            deletions += line.startsWith(u'-');
            oldLines += !line.startsWith(u'+');
            newLines += !line.startsWith(u'-');
        }
        QCOMPARE(file.value("additions"_L1).toInt(), additions);
        QCOMPARE(file.value("deletions"_L1).toInt(), deletions);
        QCOMPARE(header.captured(2).toInt(), oldLines);
        QCOMPARE(header.captured(4).toInt(), newLines);
    }
    // Deterministic: the same branch gives the same change; another branch another one.
    QCOMPARE(m_sandbox->catalog().comparison(u"acme-robotics/api"_s, u"main"_s, u"ai/fix-retry-backoff-42"_s).diff, text);
    QVERIFY(m_sandbox->catalog().comparison(u"acme-robotics/api"_s, u"main"_s, u"ai/fix-utc-timestamps-7"_s).diff
                .contains(u"app/util/time.py"_s));
    QCOMPARE(m_sandbox->catalog().comparison(u"acme-robotics/api"_s, u"main"_s, u"main"_s).status, u"identical"_s);
}

void TestSandboxGitHub::comparisonOfUnknownBranchIsNotFound()
{
    const QByteArray token = installationToken(u"12345678"_s);
    const auto missing = get(u"/repos/acme-robotics/api/compare/main...feature%2Fnope"_s, token);
    QVERIFY(!missing);
    QCOMPARE(missing.error().httpStatus, 404);
}

void TestSandboxGitHub::gitHubClientWorksAgainstTheSandbox()
{
    const auto key = DemoAppKey::generatePem();
    QVERIFY2(key, qPrintable(key ? QString() : key.error()));
    QVERIFY(key->startsWith("-----BEGIN PRIVATE KEY-----"));
    GitHubClient client(m_client.get());
    client.setBaseUrl(m_base);
    QVERIFY(client.setAppCredentials(QString::number(m_sandbox->appId()), *key));

    std::optional<std::expected<App, GitHubError>> app;
    client.getApp(this, [&](std::expected<App, GitHubError> r) { app = std::move(r); });
    QTRY_VERIFY(app);
    QVERIFY2(app->has_value(), qPrintable(app->has_value() ? QString() : app->error().message));
    QCOMPARE(app->value().name, m_sandbox->appName());

    std::optional<std::expected<QList<Installation>, GitHubError>> installations;
    client.listAppInstallations(this, [&](auto r) { installations = std::move(r); });
    QTRY_VERIFY(installations);
    QVERIFY(installations->has_value());
    QCOMPARE(installations->value().size(), 2);

    const RepoRef repo{u"acme-robotics"_s, u"api"_s};
    std::optional<std::expected<Issue, GitHubError>> issue;
    client.getIssue(repo, 42, this, [&](auto r) { issue = std::move(r); });
    QTRY_VERIFY(issue);
    QVERIFY2(issue->has_value(), qPrintable(issue->has_value() ? QString() : issue->error().message));
    QCOMPARE(issue->value().title, m_sandbox->catalog().issue(u"acme-robotics/api"_s, 42).title);

    std::optional<std::expected<IssueComment, GitHubError>> comment;
    client.createIssueComment(repo, 42, u"Hello from the demo"_s, this, [&](auto r) { comment = std::move(r); });
    QTRY_VERIFY(comment);
    QVERIFY2(comment->has_value(), qPrintable(comment->has_value() ? QString() : comment->error().message));
    QCOMPARE(m_sandbox->publications().size(), 1);
    QCOMPARE(comment->value().htmlUrl, m_sandbox->publications().first().htmlUrl);

    std::optional<std::expected<PullRequest, GitHubError>> pull;
    NewPullRequest input;
    input.title = u"Fix race in token refresh"_s;
    input.head = u"ai/fix-token-refresh-race-42"_s;
    input.base = u"main"_s;
    input.body = u"Fixes #42."_s;
    client.createPullRequest(repo, input, this, [&](auto r) { pull = std::move(r); });
    QTRY_VERIFY(pull);
    QVERIFY2(pull->has_value(), qPrintable(pull->has_value() ? QString() : pull->error().message));

    std::optional<std::expected<QList<PullRequest>, GitHubError>> found;
    client.listPullsByHead(repo, u"acme-robotics"_s, u"ai/fix-token-refresh-race-42"_s, this,
                           [&](auto r) { found = std::move(r); });
    QTRY_VERIFY(found);
    QVERIFY(found->has_value());
    QCOMPARE(found->value().size(), 1);

    std::optional<std::expected<QString, GitHubError>> diff;
    client.compareDiff(repo, u"main"_s, u"ai/fix-token-refresh-race-42"_s, this, [&](auto r) { diff = std::move(r); });
    QTRY_VERIFY(diff);
    QVERIFY(diff->has_value());
    QVERIFY(diff->value().startsWith(u"diff --git"_s));
}

QTEST_GUILESS_MAIN(TestSandboxGitHub)
#include "tst_sandboxgithub.moc"
