#include <QNetworkReply>
#include <QTemporaryFile>
#include <QSignalSpy>
#include <QTest>

#include <nlohmann/json.hpp>

#include "github/githubclientconfiguration.h"
#include "github/githublogindirectory.h"
#include "github/githubweblinks.h"
#include "githubharness.h"
#include "sandboxgithub.h"
#include "testrsakey.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// GET /user/{id} as GitHub answers it (the fixture), for the login "user-<id>"; 404 for id 404.
FakeResponse userById(const RecordedRequest &request, std::chrono::milliseconds delay)
{
    const QString id = request.path().section(u'/', 2, 2);
    if (id == u"404"_s)
        return FakeResponse::json(404, Fixtures::github(u"ERROR_404_not_found.json"_s)).withDelay(delay);
    auto user = nlohmann::json::parse(Fixtures::github(u"GET_user_by_id.json"_s).toStdString());
    user["id"] = id.toLongLong();
    user["login"] = QString(u"user-"_s + id).toStdString();
    return FakeResponse::json(200, QByteArray::fromStdString(user.dump())).withDelay(delay);
}

} // namespace

class TestGitHubLoginDirectory : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void loginArrivesInTheBackground();
    void loginsExpireAfterTheirTtl();
    void failuresAreRememberedBriefly();
    void concurrentLookupsAreLimited();
    void hintedInstallationTokenIsUsed();
    void loginResolvesToItsId();
    void nothingIsAskedWithoutCredentials();
    void clearForgetsEverything();
    void issueUrl_data();
    void issueUrl();
    void sandboxServesItsIssuePages();
    void clientFollowsTheSettings();

private:
    int userRequests() const { return int(m_harness->server.requests().count()) - otherRequests(); }
    int otherRequests() const;

    std::unique_ptr<TestRsaKey> m_key;
    std::unique_ptr<GitHubHarness> m_harness;
    std::unique_ptr<GitHubLoginDirectory> m_directory;
    QDateTime m_now;
    std::chrono::milliseconds m_delay{0};
};

void TestGitHubLoginDirectory::initTestCase()
{
    m_key = std::make_unique<TestRsaKey>();
}

void TestGitHubLoginDirectory::init()
{
    m_harness = std::make_unique<GitHubHarness>(m_key->pkcs1Pem());
    m_delay = 0ms;
    m_harness->server.addRoute("GET", u"/app/installations"_s,
                               FakeResponse::json(200, Fixtures::github(u"GET_app_installations.json"_s)));
    m_harness->server.addRoute("GET", QRegularExpression(u"/user/\\d+"_s),
                               [this](const RecordedRequest &request) { return userById(request, m_delay); });
    m_harness->server.addRoute("GET", u"/users/octocat"_s,
                               FakeResponse::json(200, Fixtures::github(u"GET_user_by_id.json"_s)));
    m_directory = std::make_unique<GitHubLoginDirectory>(&m_harness->client);
    m_now = QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC);
    m_directory->setClock([this] { return m_now; });
}

void TestGitHubLoginDirectory::cleanup()
{
    m_directory.reset();
    m_harness.reset();
}

int TestGitHubLoginDirectory::otherRequests() const
{
    int n = 0;
    for (const RecordedRequest &request : m_harness->server.requests()) {
        if (!request.path().startsWith(u"/user/"_s) && !request.path().startsWith(u"/users/"_s))
            ++n;
    }
    return n;
}

void TestGitHubLoginDirectory::loginArrivesInTheBackground()
{
    QSignalSpy resolved(m_directory.get(), &GitHubLoginDirectory::resolved);
    QCOMPARE(m_directory->login(583231), std::nullopt);   // answered at once, from nothing
    QCOMPARE(m_harness->server.requests().size(), 0);     // not even asked yet: after this event-loop pass
    QTRY_COMPARE(resolved.size(), 1);
    QCOMPARE(resolved.first().at(0).toLongLong(), 583231);
    QCOMPARE(resolved.first().at(1).toString(), u"user-583231"_s);
    QCOMPARE(m_directory->login(583231), std::optional<QString>(u"user-583231"_s));
    QCOMPARE(m_directory->login(u"583231"_s), std::optional<QString>(u"user-583231"_s));

    // The App's first installation (id 1) lends its token: the App JWT is refused by /user/{id}.
    const auto lookups = m_harness->server.requests("GET", u"/user/583231"_s);
    QCOMPARE(lookups.size(), 1);
    QCOMPARE(lookups.first().header("authorization"), QByteArray("Bearer ghs_1"));
    QCOMPARE(m_harness->server.requests("POST", u"/app/installations/1/access_tokens"_s).size(), 1);
    // Asked again: the cache answers, nothing is sent.
    QCOMPARE(m_directory->login(583231), std::optional<QString>(u"user-583231"_s));
    QTest::qWait(50);
    QCOMPARE(m_harness->server.requests("GET", u"/user/583231"_s).size(), 1);
    QCOMPARE(m_directory->login(u"not a number"_s), std::nullopt);
}

void TestGitHubLoginDirectory::loginsExpireAfterTheirTtl()
{
    m_directory->setTtl(600s, 60s);
    QSignalSpy resolved(m_directory.get(), &GitHubLoginDirectory::resolved);
    m_directory->login(7);
    QTRY_COMPARE(resolved.size(), 1);
    m_now = m_now.addSecs(599);
    QCOMPARE(m_directory->login(7), std::optional<QString>(u"user-7"_s));
    QCOMPARE(m_directory->lookupsStarted(), 2);   // the installations list and user 7
    m_now = m_now.addSecs(2);
    QCOMPARE(m_directory->login(7), std::nullopt);   // expired: asked again
    QTRY_COMPARE(resolved.size(), 2);
    QCOMPARE(m_harness->server.requests("GET", u"/user/7"_s).size(), 2);
    QCOMPARE(m_directory->login(7), std::optional<QString>(u"user-7"_s));
}

void TestGitHubLoginDirectory::failuresAreRememberedBriefly()
{
    m_directory->setTtl(3600s, 120s);
    m_directory->login(404);
    QTRY_COMPARE(m_harness->server.requests("GET", u"/user/404"_s).size(), 1);
    QTRY_COMPARE(m_directory->lookupsStarted(), 2);
    QTRY_VERIFY(m_directory->queuedCount() == 0 && m_directory->runningCount() == 0);   // the 404 is in
    for (int i = 0; i < 20; ++i)
        QCOMPARE(m_directory->login(404), std::nullopt);
    QTest::qWait(50);
    QCOMPARE(m_harness->server.requests("GET", u"/user/404"_s).size(), 1);   // not hammered
    m_now = m_now.addSecs(121);
    m_directory->login(404);
    QTRY_COMPARE(m_harness->server.requests("GET", u"/user/404"_s).size(), 2);
}

void TestGitHubLoginDirectory::concurrentLookupsAreLimited()
{
    m_delay = 400ms;   // the answers take a while: what is in flight piles up
    m_directory->setMaxConcurrent(3);
    QSignalSpy resolved(m_directory.get(), &GitHubLoginDirectory::resolved);
    for (qint64 id = 1; id <= 10; ++id)
        m_directory->login(id);
    QTRY_COMPARE(userRequests(), 3);
    QTest::qWait(200);
    QCOMPARE(userRequests(), 3);          // the others wait for one of these to end
    QCOMPARE(resolved.size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(resolved.size(), 10, 10000);
    // The most recently asked went first (they are the rows being painted now).
    const auto requests = m_harness->server.requests();
    QStringList order;
    for (const RecordedRequest &request : requests) {
        if (request.path().startsWith(u"/user/"_s))
            order << request.path().section(u'/', 2);
    }
    QCOMPARE(order.mid(0, 3), (QStringList{u"10"_s, u"9"_s, u"8"_s}));
}

void TestGitHubLoginDirectory::hintedInstallationTokenIsUsed()
{
    QSignalSpy resolved(m_directory.get(), &GitHubLoginDirectory::resolved);
    m_directory->login(42, 31415);
    QTRY_COMPARE(resolved.size(), 1);
    QCOMPARE(m_harness->server.requests("POST", u"/app/installations/31415/access_tokens"_s).size(), 1);
}

void TestGitHubLoginDirectory::loginResolvesToItsId()
{
    QSignalSpy looked(m_directory.get(), &GitHubLoginDirectory::userLookedUp);
    QCOMPARE(m_directory->userId(u"OctoCat"_s).state, GitHubLoginDirectory::UserLookup::State::Pending);
    QTRY_COMPARE(looked.size(), 1);
    QCOMPARE(looked.first().at(0).toString(), u"octocat"_s);
    const auto found = m_directory->userId(u"octocat"_s);
    QCOMPARE(found.state, GitHubLoginDirectory::UserLookup::State::Found);
    QCOMPARE(found.id, 1);   // GET_user_by_id.json
    QCOMPARE(m_harness->server.requests("GET", u"/users/octocat"_s).size(), 1);
    QCOMPARE(m_directory->login(1), std::optional<QString>(u"octocat"_s));   // learnt on the way

    QCOMPARE(m_directory->userId(u"nobody-here"_s).state, GitHubLoginDirectory::UserLookup::State::Pending);
    QTRY_COMPARE(looked.size(), 2);
    QCOMPARE(m_directory->userId(u"nobody-here"_s).state, GitHubLoginDirectory::UserLookup::State::Missing);
}

void TestGitHubLoginDirectory::nothingIsAskedWithoutCredentials()
{
    m_harness->client.clearAppCredentials();
    QVERIFY(!m_directory->isAvailable());
    QCOMPARE(m_directory->login(583231), std::nullopt);
    const auto lookup = m_directory->userId(u"octocat"_s);
    QCOMPARE(lookup.state, GitHubLoginDirectory::UserLookup::State::Failed);
    QVERIFY(lookup.error.contains(u"not configured"_s));
    QTest::qWait(50);
    QCOMPARE(m_harness->server.requests().size(), 0);
}

void TestGitHubLoginDirectory::clearForgetsEverything()
{
    QSignalSpy resolved(m_directory.get(), &GitHubLoginDirectory::resolved);
    QSignalSpy cleared(m_directory.get(), &GitHubLoginDirectory::cleared);
    m_directory->login(5);
    QTRY_COMPARE(resolved.size(), 1);
    m_directory->clear();
    QCOMPARE(cleared.size(), 1);
    QCOMPARE(m_directory->login(5), std::nullopt);
    QTRY_COMPARE(resolved.size(), 2);
    // The installation is asked for again: the settings (and so the App) may have changed.
    QCOMPARE(m_harness->server.requests("GET", u"/app/installations"_s).size(), 2);
}

void TestGitHubLoginDirectory::issueUrl_data()
{
    QTest::addColumn<QString>("apiBase");
    QTest::addColumn<QString>("repository");
    QTest::addColumn<qint64>("number");
    QTest::addColumn<QString>("expected");
    QTest::newRow("github.com") << u"https://api.github.com"_s << u"octocat/Hello-World"_s << qint64(1347)
                                << u"https://github.com/octocat/Hello-World/issues/1347"_s;
    QTest::newRow("enterprise") << u"https://ghe.example.com/api/v3"_s << u"acme/widgets"_s << qint64(7)
                                << u"https://ghe.example.com/acme/widgets/issues/7"_s;
    QTest::newRow("enterprise, trailing slash") << u"https://ghe.example.com/api/v3/"_s << u"acme/widgets"_s
                                                << qint64(7) << u"https://ghe.example.com/acme/widgets/issues/7"_s;
    QTest::newRow("enterprise on a port") << u"https://ghe.example.com:8443/api/v3"_s << u"a/b"_s << qint64(2)
                                          << u"https://ghe.example.com:8443/a/b/issues/2"_s;
    QTest::newRow("not owner/name") << u"https://api.github.com"_s << u"widgets"_s << qint64(7) << QString();
    QTest::newRow("no number") << u"https://api.github.com"_s << u"a/b"_s << qint64(0) << QString();
}

void TestGitHubLoginDirectory::issueUrl()
{
    QFETCH(QString, apiBase);
    QFETCH(QString, repository);
    QFETCH(qint64, number);
    QFETCH(QString, expected);
    const QUrl url = GitHubWebLinks::issueUrl(GitHubWebLinks::webBase(QUrl(apiBase)), repository, number);
    QCOMPARE(url.toString(), expected);
}

void TestGitHubLoginDirectory::sandboxServesItsIssuePages()
{
    SandboxGitHub sandbox;
    QVERIFY(sandbox.start().has_value());
    const QUrl page = GitHubWebLinks::issueUrl(QUrl(sandbox.webUrl()), u"acme/widgets"_s, 12);
    QCOMPARE(page.toString(), sandbox.webUrl() + u"/acme/widgets/issues/12"_s);
    QNetworkAccessManager network;
    QNetworkReply *reply = network.get(QNetworkRequest(page));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(reply->readAll().contains("acme/widgets"));
    reply->deleteLater();
}

void TestGitHubLoginDirectory::clientFollowsTheSettings()
{
    m_harness->client.clearAppCredentials();
    GitHubClientConfiguration configuration(&m_harness->client, nullptr);
    QSignalSpy configured(&configuration, &GitHubClientConfiguration::configured);

    Settings settings;   // the demo's run override: base URL, App ID and an in-memory key
    settings.github.baseUrl = m_harness->server.baseUrl();
    settings.github.appId = u"12345"_s;
    settings.github.privateKeyPem = m_key->pkcs8Pem();
    settings.timeout = std::chrono::seconds(7);
    settings.retries = 1;
    configuration.apply(settings);
    QTRY_COMPARE(configured.size(), 1);
    QCOMPARE(configured.first().at(0).toBool(), true);
    QVERIFY(m_harness->client.hasAppCredentials());
    QCOMPARE(m_harness->client.baseUrl(), m_harness->server.baseUrl());
    QCOMPARE(m_harness->http.config().timeout, std::chrono::milliseconds(7000));
    QCOMPARE(m_harness->http.config().maxRetries, 1);
    // The directory works through it.
    QSignalSpy resolved(m_directory.get(), &GitHubLoginDirectory::resolved);
    m_directory->login(99);
    QTRY_COMPARE(resolved.size(), 1);

    // A key file that is not a key: no credentials, and the reason.
    QTemporaryFile notAKey;
    QVERIFY(notAKey.open());
    notAKey.write("not a key");
    notAKey.close();
    settings.github.privateKeyPem.clear();
    settings.github.privateKeyFile = notAKey.fileName();
    configuration.apply(settings);
    QTRY_COMPARE(configured.size(), 2);
    QCOMPARE(configured.last().at(0).toBool(), false);
    QVERIFY(!configured.last().at(1).toString().isEmpty());
    QVERIFY(!m_harness->client.hasAppCredentials());
    QCOMPARE(m_directory->login(100), std::nullopt);

    // No App ID: nothing to use, nothing wrong. A superseded apply() reports nothing.
    settings.github.privateKeyFile.clear();
    settings.github.privateKeyPem = m_key->pkcs8Pem();
    configuration.apply(settings);
    settings.github.appId.clear();
    configuration.apply(settings);
    QTRY_COMPARE(configured.size(), 3);
    QTest::qWait(20);
    QCOMPARE(configured.size(), 3);
    QCOMPARE(configured.last().at(0).toBool(), true);
    QVERIFY(!m_harness->client.hasAppCredentials());
}

QTEST_GUILESS_MAIN(TestGitHubLoginDirectory)
#include "tst_githublogindirectory.moc"
