#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

#include <QDir>

#include "expectedcheck.h"
#include "http/apierror.h"
#include "github/githubissuetypes.h"
#include "github/githubjson.h"
#include "github/githubtypes.h"

using namespace Qt::StringLiterals;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(STAFFCONSOLE_FIXTURES_DIR "/github/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return file.readAll();
}

// The response body of a recorded (nock) interaction.
QByteArray recordedBody(const QString &name)
{
    const QByteArray text = fixture(u"recorded/"_s + name);
    const std::string body = nlohmann::json::parse(text.cbegin(), text.cend()).at("response").dump();
    return QByteArray(body.data(), static_cast<qsizetype>(body.size()));
}

QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toUTC();
}

} // namespace

char *toString(AccountType value) { return qstrdup(qPrintable(accountTypeName(value))); }
char *toString(RepositorySelection value) { return qstrdup(qPrintable(repositorySelectionName(value))); }
char *toString(IssueState value) { return QTest::toString(static_cast<int>(value)); }
char *toString(ComparisonStatus value) { return QTest::toString(static_cast<int>(value)); }

class TestGitHubTypes : public QObject
{
    Q_OBJECT

private slots:
    void app();
    void installations();
    void repoInstallation();
    void installationRepositories();
    void installationToken();
    void userById();
    void issue();
    void issueComments();
    void createdComment();
    void pullRequest();
    void branch();
    void comparison();
    void rateLimit();
    void recordedRepository();
    void recordedIssuePage();
    void missingAndNullOptionalFields();
    void unknownFieldsAndEnumValues();
    void enterpriseAccount();
    void labelsAsPlainNames();
    void idAbove2To53Survives();
    void malformedBodies_data();
    void malformedBodies();
    void errorBodies_data();
    void errorBodies();
    void everyFixtureIsCovered();
};

void TestGitHubTypes::app()
{
    const auto app = decodeGitHubJson<App>(fixture(u"GET_app.json"_s));
    SC_VERIFY_OK(app);
    QCOMPARE(app->id, 1);
    QCOMPARE(app->name, u"Octocat App"_s);
    QCOMPARE(app->slug, u"octoapp"_s);
    QCOMPARE(app->clientId, u"Iv1.ab1112223334445c"_s);
    QCOMPARE(app->description, QString());
    QCOMPARE(app->htmlUrl, u"https://github.com/apps/octoapp"_s);
    QVERIFY(app->owner.has_value());
    QCOMPARE(app->owner->login, u"octocat"_s);
    QCOMPARE(app->owner->type, AccountType::User);
    QCOMPARE(app->permissions.value(u"issues"_s), u"write"_s);
    QCOMPARE(app->permissions.size(), 4);
    QCOMPARE(app->events, (QStringList{u"push"_s, u"pull_request"_s}));
    QCOMPARE(app->createdAt, utc("2017-07-08T20:18:44Z"));
    QVERIFY(!app->installationsCount.has_value());
}

void TestGitHubTypes::installations()
{
    const auto list = decodeGitHubJsonArray<Installation>(fixture(u"GET_app_installations.json"_s));
    SC_VERIFY_OK(list);
    QCOMPARE(list->size(), 1);
    const Installation &installation = list->constFirst();
    QCOMPARE(installation.id, 1);
    QVERIFY(installation.account.has_value());
    QCOMPARE(installation.account->login, u"octocat"_s);
    QCOMPARE(installation.account->id, 1);
    QCOMPARE(installation.account->type, AccountType::User);
    QCOMPARE(installation.targetType, u"Organization"_s);
    QCOMPARE(installation.repositorySelection, RepositorySelection::Selected);
    QCOMPARE(installation.permissions.value(u"checks"_s), u"write"_s);
    QCOMPARE(installation.events, (QStringList{u"push"_s, u"pull_request"_s}));
    QCOMPARE(installation.appSlug, u"github-actions"_s);
    QCOMPARE(installation.singleFileName, u"config.yaml"_s);
    QVERIFY(!installation.suspendedAt.has_value());
    QVERIFY(!installation.suspendedBy.has_value());
    QCOMPARE(installation.createdAt, utc("2017-07-08T20:18:44Z"));

    const auto single = decodeGitHubJson<Installation>(fixture(u"GET_app_installation.json"_s));
    SC_VERIFY_OK(single);
    QCOMPARE(single->id, 1);
    QCOMPARE(single->appId, 1);
    QCOMPARE(single->account->login, u"octocat"_s);
}

void TestGitHubTypes::repoInstallation()
{
    const auto installation = decodeGitHubJson<Installation>(fixture(u"GET_repo_installation.json"_s));
    SC_VERIFY_OK(installation);
    QCOMPARE(installation->account->login, u"github"_s);
    QCOMPARE(installation->account->type, AccountType::Organization);
    QCOMPARE(installation->repositorySelection, RepositorySelection::All);
    QCOMPARE(installation->clientId, u"Iv1.ab1112223334445c"_s);
    QCOMPARE(installation->createdAt, utc("2018-02-09T20:51:14Z"));
}

void TestGitHubTypes::installationRepositories()
{
    const auto page = decodeGitHubJson<InstallationRepositories>(fixture(u"GET_installation_repositories.json"_s));
    SC_VERIFY_OK(page);
    QCOMPARE(page->totalCount, 1);
    QCOMPARE(page->repositories.size(), 1);
    const Repository &repo = page->repositories.constFirst();
    QCOMPARE(repo.id, 1296269);
    QCOMPARE(repo.fullName, u"octocat/Hello-World"_s);
    QCOMPARE(repo.owner->login, u"octocat"_s);
    QCOMPARE(repo.description, u"This your first repo!"_s);
    QCOMPARE(repo.defaultBranch, u"master"_s);
    QVERIFY(!repo.language.has_value());
    QCOMPARE(repo.visibility, u"public"_s);
    QVERIFY(!repo.isPrivate);
    QCOMPARE(repo.stargazersCount, 80);
    QCOMPARE(repo.pushedAt, utc("2011-01-26T19:06:43Z"));
}

void TestGitHubTypes::installationToken()
{
    const auto token = decodeGitHubJson<InstallationToken>(fixture(u"POST_app_installation_access_token.json"_s));
    SC_VERIFY_OK(token);
    QCOMPARE(token->token, u"ghs_16C7e42F292c6912E7710c838347Ae178B4a"_s);
    QCOMPARE(token->expiresAt, utc("2016-07-11T22:14:10Z"));
    QCOMPARE(token->permissions.value(u"issues"_s), u"write"_s);
    QCOMPARE(token->permissions.value(u"contents"_s), u"read"_s);
    QCOMPARE(token->repositorySelection, RepositorySelection::Selected);
    QCOMPARE(token->repositoryNames, QStringList{u"octocat/Hello-World"_s});
}

void TestGitHubTypes::userById()
{
    const auto user = decodeGitHubJson<User>(fixture(u"GET_user_by_id.json"_s));
    SC_VERIFY_OK(user);
    QCOMPARE(user->login, u"octocat"_s);
    QCOMPARE(user->id, 1);
    QCOMPARE(user->type, AccountType::User);
    QCOMPARE(user->name, u"monalisa octocat"_s);
    QCOMPARE(user->company, u"GitHub"_s);
    QCOMPARE(user->blog, u"https://github.com/blog"_s);
    QCOMPARE(user->location, u"San Francisco"_s);
    QCOMPARE(user->email, u"octocat@github.com"_s);
    QCOMPARE(user->twitterUsername, u"monatheoctocat"_s);
    QCOMPARE(user->hireable, false);
    QCOMPARE(user->publicRepos, 2);
    QCOMPARE(user->followers, 20);
    QCOMPARE(user->following, 0);
    QVERIFY(!user->siteAdmin);
    QCOMPARE(user->createdAt, utc("2008-01-14T04:33:35Z"));
}

void TestGitHubTypes::issue()
{
    const auto issue = decodeGitHubJson<Issue>(fixture(u"GET_issue.json"_s));
    SC_VERIFY_OK(issue);
    QCOMPARE(issue->number, 1347);
    QCOMPARE(issue->title, u"Found a bug"_s);
    QCOMPARE(issue->state, IssueState::Open);
    QCOMPARE(issue->stateReason, u"completed"_s);
    QCOMPARE(issue->body, u"I'm having a problem with this."_s);
    QCOMPARE(issue->user->login, u"octocat"_s);
    QCOMPARE(issue->labels.size(), 1);
    QCOMPARE(issue->labels.constFirst().name, u"bug"_s);
    QCOMPARE(issue->labels.constFirst().color, u"f29513"_s);
    QCOMPARE(issue->labels.constFirst().id, 208045946);
    QCOMPARE(issue->assignees, QStringList{u"octocat"_s});
    QCOMPARE(issue->comments, 0);
    QVERIFY(issue->locked);
    QVERIFY(issue->isPullRequest);
    QCOMPARE(issue->pullRequestHtmlUrl, u"https://github.com/octocat/Hello-World/pull/1347"_s);
    QCOMPARE(issue->htmlUrl, u"https://github.com/octocat/Hello-World/issues/1347"_s);
    QVERIFY(!issue->closedAt.has_value());
    QCOMPARE(issue->createdAt, utc("2011-04-22T13:33:48Z"));
}

void TestGitHubTypes::issueComments()
{
    const auto comments = decodeGitHubJsonArray<IssueComment>(fixture(u"GET_issue_comments.json"_s));
    SC_VERIFY_OK(comments);
    QCOMPARE(comments->size(), 1);
    const IssueComment &comment = comments->constFirst();
    QCOMPARE(comment.id, 1);
    QCOMPARE(comment.body, u"Me too"_s);
    QCOMPARE(comment.user->login, u"octocat"_s);
    QCOMPARE(comment.htmlUrl, u"https://github.com/octocat/Hello-World/issues/1347#issuecomment-1"_s);
    QCOMPARE(comment.authorAssociation, u"COLLABORATOR"_s);
    QCOMPARE(comment.createdAt, utc("2011-04-14T16:00:49Z"));
}

void TestGitHubTypes::createdComment()
{
    const auto comment = decodeGitHubJson<IssueComment>(fixture(u"POST_issue_comment.json"_s));
    SC_VERIFY_OK(comment);
    QCOMPARE(comment->id, 1);
    QCOMPARE(comment->body, u"Me too"_s);
    QCOMPARE(comment->htmlUrl, u"https://github.com/octocat/Hello-World/issues/1347#issuecomment-1"_s);
}

void TestGitHubTypes::pullRequest()
{
    const auto pull = decodeGitHubJson<PullRequest>(fixture(u"POST_pull.json"_s));
    SC_VERIFY_OK(pull);
    QCOMPARE(pull->number, 1347);
    QCOMPARE(pull->title, u"Amazing new feature"_s);
    QCOMPARE(pull->state, IssueState::Open);
    QCOMPARE(pull->body, u"Please pull these awesome changes in!"_s);
    QCOMPARE(pull->htmlUrl, u"https://github.com/octocat/Hello-World/pull/1347"_s);
    QCOMPARE(pull->head.ref, u"new-topic"_s);
    QCOMPARE(pull->head.label, u"octocat:new-topic"_s);
    QCOMPARE(pull->head.sha, u"6dcb09b5b57875f334f61aebed695e2e4193db5e"_s);
    QCOMPARE(pull->head.repoFullName, u"octocat/Hello-World"_s);
    QCOMPARE(pull->base.ref, u"master"_s);
    QCOMPARE(pull->draft, false);
    QCOMPARE(pull->merged, false);
    QCOMPARE(pull->mergedAt, utc("2011-01-26T19:01:12Z"));
    QCOMPARE(pull->user->login, u"octocat"_s);
}

void TestGitHubTypes::branch()
{
    const auto branch = decodeGitHubJson<Branch>(fixture(u"GET_repo_branch.json"_s));
    SC_VERIFY_OK(branch);
    QCOMPARE(branch->name, u"main"_s);
    QCOMPARE(branch->commitSha, u"7fd1a60b01f91b314f59955a4e4d4e80d8edf11d"_s);
    QCOMPARE(branch->commitMessage, u"Merge pull request #6 from Spaceghost/patch-1\n\nNew line at end of file."_s);
    QCOMPARE(branch->commitDate, utc("2012-03-06T23:06:50Z"));
    QVERIFY(!branch->isProtected);
}

void TestGitHubTypes::comparison()
{
    const auto comparison = decodeGitHubJson<Comparison>(fixture(u"GET_compare.json"_s));
    SC_VERIFY_OK(comparison);
    QCOMPARE(comparison->status, ComparisonStatus::Behind);
    QCOMPARE(comparison->aheadBy, 1);
    QCOMPARE(comparison->behindBy, 2);
    QCOMPARE(comparison->totalCommits, 1);
    QCOMPARE(comparison->htmlUrl, u"https://github.com/octocat/Hello-World/compare/master...topic"_s);
    QCOMPARE(comparison->commitShas, QStringList{u"6dcb09b5b57875f334f61aebed695e2e4193db5e"_s});
    QCOMPARE(comparison->files.size(), 1);
    const ComparisonFile &file = comparison->files.constFirst();
    QCOMPARE(file.filename, u"file1.txt"_s);
    QCOMPARE(file.status, u"added"_s);
    QCOMPARE(file.additions, 103);
    QCOMPARE(file.deletions, 21);
    QCOMPARE(file.changes, 124);
    QVERIFY(file.patch.has_value());
    QVERIFY(file.patch->startsWith(u"@@ -132,7 +132,7 @@"_s));
    QVERIFY(!file.previousFilename.has_value());
}

void TestGitHubTypes::rateLimit()
{
    const auto overview = decodeGitHubJson<RateLimitOverview>(fixture(u"GET_rate_limit.json"_s));
    SC_VERIFY_OK(overview);
    QCOMPARE(overview->core.limit, 5000);
    QCOMPARE(overview->core.remaining, 4999);
    QCOMPARE(overview->core.used, 1);
    QCOMPARE(overview->core.reset, QDateTime::fromSecsSinceEpoch(1691591363, Qt::UTC));
    QCOMPARE(overview->resources.size(), 10);
    QCOMPARE(overview->resources.value(u"search"_s).limit, 30);
    QCOMPARE(overview->resources.value(u"search"_s).remaining, 18);

    // Without `resources`, the deprecated top-level `rate` is the core limit.
    const auto legacy = decodeGitHubJson<RateLimitOverview>(
        R"({"rate": {"limit": 60, "remaining": 59, "reset": 1372700873}})");
    SC_VERIFY_OK(legacy);
    QCOMPARE(legacy->core.limit, 60);
    QCOMPARE(legacy->core.used, 1);
}

void TestGitHubTypes::recordedRepository()
{
    const auto repo = decodeGitHubJson<Repository>(recordedBody(u"GET_repo.json"_s));
    SC_VERIFY_OK(repo);
    QCOMPARE(repo->id, 103703892);
    QCOMPARE(repo->fullName, u"octokit-fixture-org/hello-world"_s);
    QCOMPARE(repo->owner->type, AccountType::Organization);
    QCOMPARE(repo->owner->id, 31898100);
    QCOMPARE(repo->defaultBranch, u"master"_s);
    QVERIFY(!repo->description.has_value());
    QVERIFY(!repo->language.has_value());
    QCOMPARE(repo->createdAt, utc("2017-09-15T21:43:08Z"));
}

void TestGitHubTypes::recordedIssuePage()
{
    const auto issues = decodeGitHubJsonArray<Issue>(recordedBody(u"GET_repo_issues_page1.json"_s));
    SC_VERIFY_OK(issues);
    QCOMPARE(issues->size(), 3);
    QCOMPARE(issues->at(0).number, 13);
    QCOMPARE(issues->at(0).id, 1308969059);
    QCOMPARE(issues->at(0).title, u"Test issue 13"_s);
    QVERIFY(!issues->at(0).body.has_value());  // "body": null
    QVERIFY(!issues->at(0).isPullRequest);
    QCOMPARE(issues->at(0).user->login, u"octokit-fixture-user-a"_s);
    QCOMPARE(issues->at(2).number, 11);
}

void TestGitHubTypes::missingAndNullOptionalFields()
{
    const auto user = decodeGitHubJson<User>(R"({"login": "ghost", "id": 10137, "name": null, "email": null})");
    SC_VERIFY_OK(user);
    QCOMPARE(user->login, u"ghost"_s);
    QVERIFY(!user->name.has_value());
    QVERIFY(!user->email.has_value());
    QVERIFY(!user->company.has_value());
    QVERIFY(!user->createdAt.isValid());
    QCOMPARE(user->publicRepos, 0);

    const auto installation = decodeGitHubJson<Installation>(
        R"({"id": 5, "account": null, "suspended_at": "2024-01-02T03:04:05Z",
            "suspended_by": {"login": "admin", "id": 2, "type": "User"}})");
    SC_VERIFY_OK(installation);
    QVERIFY(!installation->account.has_value());
    QCOMPARE(installation->suspendedAt, utc("2024-01-02T03:04:05Z"));
    QCOMPARE(installation->suspendedBy->login, u"admin"_s);
    QVERIFY(installation->permissions.isEmpty());
    QCOMPARE(installation->repositorySelection, RepositorySelection::Unknown);

    const auto issue = decodeGitHubJson<Issue>(
        R"({"id": 1, "number": 2, "title": "t", "user": null, "labels": null, "body": null})");
    SC_VERIFY_OK(issue);
    QVERIFY(!issue->user.has_value());
    QVERIFY(issue->labels.isEmpty());
    QVERIFY(!issue->isPullRequest);

    const auto app = decodeGitHubJson<App>(R"({"id": 3, "name": "x", "owner": null, "slug": null})");
    SC_VERIFY_OK(app);
    QVERIFY(!app->owner.has_value());
    QVERIFY(!app->slug.has_value());
}

void TestGitHubTypes::unknownFieldsAndEnumValues()
{
    const auto issue = decodeGitHubJson<Issue>(
        R"({"id": 1, "number": 2, "title": "t", "state": "archived", "brand_new_field": {"x": [1, 2]},
            "user": {"login": "bot[bot]", "id": 9, "type": "Mannequin", "future": true}})");
    SC_VERIFY_OK(issue);
    QCOMPARE(issue->state, IssueState::Unknown);
    QCOMPARE(issue->stateName, u"archived"_s);
    QCOMPARE(issue->user->type, AccountType::Unknown);
    QCOMPARE(issue->user->typeName, u"Mannequin"_s);

    const auto comparison = decodeGitHubJson<Comparison>(R"({"status": "sideways", "ahead_by": 3})");
    SC_VERIFY_OK(comparison);
    QCOMPARE(comparison->status, ComparisonStatus::Unknown);
    QCOMPARE(comparison->statusName, u"sideways"_s);

    const auto installation = decodeGitHubJson<Installation>(R"({"id": 5, "repository_selection": "some"})");
    SC_VERIFY_OK(installation);
    QCOMPARE(installation->repositorySelection, RepositorySelection::Unknown);
}

void TestGitHubTypes::enterpriseAccount()
{
    const auto installation = decodeGitHubJson<Installation>(
        R"({"id": 7, "target_type": "Enterprise",
            "account": {"id": 42, "slug": "acme", "name": "Acme Corp", "html_url": "https://github.com/enterprises/acme"}})");
    SC_VERIFY_OK(installation);
    QCOMPARE(installation->account->login, u"acme"_s);
    QCOMPARE(installation->account->name, u"Acme Corp"_s);
    QCOMPARE(installation->account->type, AccountType::Enterprise);
}

void TestGitHubTypes::labelsAsPlainNames()
{
    const auto issue = decodeGitHubJson<Issue>(R"({"id": 1, "number": 2, "title": "t", "labels": ["bug", {"name": "docs"}]})");
    SC_VERIFY_OK(issue);
    QCOMPARE(issue->labels.size(), 2);
    QCOMPARE(issue->labels.at(0).name, u"bug"_s);
    QVERIFY(!issue->labels.at(0).id.has_value());
    QCOMPARE(issue->labels.at(1).name, u"docs"_s);
}

void TestGitHubTypes::idAbove2To53Survives()
{
    // 2^53 + 1 is not representable as a double.
    constexpr qint64 big = 9007199254740993LL;
    const auto user = decodeGitHubJson<User>(R"({"login": "big", "id": 9007199254740993})");
    SC_VERIFY_OK(user);
    QCOMPARE(user->id, big);

    const auto installations = decodeGitHubJsonArray<Installation>(
        R"([{"id": 9223372036854775807, "app_id": 9007199254740993,
             "account": {"login": "o", "id": 9007199254740995}}])");
    SC_VERIFY_OK(installations);
    QCOMPARE(installations->constFirst().id, std::numeric_limits<qint64>::max());
    QCOMPARE(installations->constFirst().appId, big);
    QCOMPARE(installations->constFirst().account->id, big + 2);
}

void TestGitHubTypes::malformedBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("truncated") << QByteArray(R"({"login": "x", "id": )");
    QTest::newRow("html error page") << QByteArray("<html><body>502 Bad Gateway</body></html>");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("array instead of object") << QByteArray("[]");
    QTest::newRow("missing required id") << QByteArray(R"({"login": "x"})");
    QTest::newRow("id as string") << QByteArray(R"({"login": "x", "id": "1"})");
    QTest::newRow("id as float") << QByteArray(R"({"login": "x", "id": 1.5})");
    QTest::newRow("login null") << QByteArray(R"({"login": null, "id": 1})");
}

void TestGitHubTypes::malformedBodies()
{
    QFETCH(QByteArray, body);
    const auto user = decodeGitHubJson<User>(body);
    QVERIFY(!user.has_value());
    QVERIFY(!user.error().isEmpty());
}

void TestGitHubTypes::errorBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("documentationUrl");
    QTest::addColumn<int>("fieldErrors");
    QTest::newRow("404") << fixture(u"ERROR_404_not_found.json"_s) << u"Not Found"_s
                         << u"https://docs.github.com/rest/billing/budgets#create-a-budget-for-an-organization"_s << 0;
    QTest::newRow("422") << fixture(u"ERROR_422_validation_failed.json"_s) << u"Validation Failed"_s
                         << u"https://docs.github.com/rest/reference/issues#create-a-label"_s << 1;
    QTest::newRow("403 rate limit") << fixture(u"ERROR_403_rate_limit.json"_s)
                                    << u"API rate limit exceeded for xxx.xxx.xxx.xxx. (But here's the good news: "
                                       "Authenticated requests get a higher rate limit. Check out the documentation "
                                       "for more details.)"_s
                                    << u"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"_s << 0;
    QTest::newRow("403 secondary") << fixture(u"ERROR_403_secondary_rate_limit.json"_s)
                                   << u"You have exceeded a secondary rate limit and have been temporarily blocked from "
                                      "content creation. Please retry your request again later."_s
                                   << u"https://docs.github.com/rest/overview/resources-in-the-rest-api#secondary-rate-limits"_s
                                   << 0;
    QTest::newRow("recorded 404") << recordedBody(u"GET_branch_protection_404.json"_s) << u"Branch not protected"_s
                                  << u"https://docs.github.com/rest/reference/repos#get-branch-protection"_s << 0;
    QTest::newRow("recorded 422") << recordedBody(u"POST_repo_labels_422.json"_s) << u"Validation Failed"_s
                                  << u"https://docs.github.com/rest/reference/issues#create-a-label"_s << 1;
}

// Error bodies are the HTTP layer's to decode; the console shows these fields.
void TestGitHubTypes::errorBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QFETCH(QString, documentationUrl);
    QFETCH(int, fieldErrors);
    ApiError error = ApiError::http(0, u"test"_s);
    decodeGitHubErrorBody(body, error);
    QCOMPARE(error.apiMessage, message);
    QCOMPARE(error.documentationUrl, documentationUrl);
    QCOMPARE(error.fieldErrors.size(), fieldErrors);
}

// A fixture added later must get a decoding test here.
void TestGitHubTypes::everyFixtureIsCovered()
{
    const QStringList covered = {
        u"ERROR_403_rate_limit.json"_s, u"ERROR_403_secondary_rate_limit.json"_s, u"ERROR_404_not_found.json"_s,
        u"ERROR_422_validation_failed.json"_s, u"GET_app.json"_s, u"GET_app_installation.json"_s,
        u"GET_app_installations.json"_s, u"GET_compare.diff"_s, u"GET_compare.json"_s,
        u"GET_installation_repositories.json"_s, u"GET_issue.json"_s, u"GET_issue_comments.json"_s,
        u"GET_rate_limit.json"_s, u"GET_repo_branch.json"_s, u"GET_repo_installation.json"_s,
        u"GET_user_by_id.json"_s, u"POST_app_installation_access_token.json"_s, u"POST_issue_comment.json"_s,
        u"POST_pull.json"_s, u"recorded/GET_branch_protection_404.json"_s, u"recorded/GET_repo.json"_s,
        u"recorded/GET_repo_issues_page1.json"_s, u"recorded/POST_repo_labels_422.json"_s};
    const QDir dir(QStringLiteral(STAFFCONSOLE_FIXTURES_DIR "/github"));
    QStringList present = dir.entryList(QDir::Files);
    const QStringList recorded = QDir(dir.filePath(u"recorded"_s)).entryList(QDir::Files);
    for (const QString &name : recorded)
        present.append(u"recorded/"_s + name);
    present.sort();
    QCOMPARE(present, covered);
    // The diff is raw text (tst_githubclient serves it to compareDiff).
    QVERIFY(fixture(u"GET_compare.diff"_s).startsWith("diff --git a/testfile b/testfile"));
}

QTEST_GUILESS_MAIN(TestGitHubTypes)
#include "tst_githubtypes.moc"
