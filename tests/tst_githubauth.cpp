#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QTest>
#include <QTimer>

#include <nlohmann/json.hpp>

#include "expectedcheck.h"
#include "githubharness.h"
#include "github/appjwt.h"
#include "github/githubclient.h"
#include "github/installationtokencache.h"
#include "http/httpclient.h"
#include "testrsakey.h"
#include "virtualclock.h"

using namespace Qt::StringLiterals;

namespace {

struct DecodedJwt
{
    nlohmann::json header;
    nlohmann::json claims;
    QByteArray signingInput;
    QByteArray signature;
};

nlohmann::json parseJson(const QByteArray &bytes)
{
    return nlohmann::json::parse(bytes.cbegin(), bytes.cend());
}

std::optional<DecodedJwt> decodeJwt(const QByteArray &token)
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return std::nullopt;
    const auto options = QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors;
    const auto header = QByteArray::fromBase64Encoding(parts.at(0), options);
    const auto claims = QByteArray::fromBase64Encoding(parts.at(1), options);
    const auto signature = QByteArray::fromBase64Encoding(parts.at(2), options);
    if (!header || !claims || !signature || parts.at(2).contains('='))
        return std::nullopt;
    return DecodedJwt{parseJson(*header), parseJson(*claims), parts.at(0) + '.' + parts.at(1), *signature};
}

QString text(const nlohmann::json &json)
{
    return json.is_string() ? QString::fromStdString(json.get<std::string>()) : QString::fromStdString(json.dump());
}

QByteArray bearer(const RecordedRequest &request)
{
    const QByteArray value = request.header("Authorization");
    return value.startsWith("Bearer ") ? value.mid(7) : QByteArray();
}

const QDateTime kStart = GitHubHarness::start();
using Harness = GitHubHarness;

const RepoRef kRepo{u"octocat"_s, u"Hello-World"_s};

} // namespace

class TestGitHubAuth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void jwtClaimsAndSignature_data();
    void jwtClaimsAndSignature();
    void jwtRemintedBeforeExpiry();
    void malformedKey_data();
    void malformedKey();
    void clientRejectsMalformedKey();
    void tokenCacheSharesOneFetch();
    void tokenCacheRenewsBeforeExpiry();
    void tokenCacheSkipsDestroyedContext();
    void installationTokenRequest();
    void tokenReusedUntilShortlyBeforeExpiry();
    void singleRetryAfter401();
    void second401IsReported();
    void tokensOfAnyFormat();
    void concurrentRequestsShareOneTokenFetch();
    void wrongAppIdGivesBadCredentials();
    void noCredentialsIsNotConfigured();

private:
    std::unique_ptr<TestRsaKey> m_key;
};

void TestGitHubAuth::initTestCase()
{
    m_key = std::make_unique<TestRsaKey>();
    QVERIFY(m_key->pkcs1Pem().startsWith("-----BEGIN RSA PRIVATE KEY-----"));
    QVERIFY(m_key->pkcs8Pem().startsWith("-----BEGIN PRIVATE KEY-----"));
}

void TestGitHubAuth::jwtClaimsAndSignature_data()
{
    QTest::addColumn<bool>("pkcs8");
    QTest::addColumn<QString>("issuer");
    QTest::newRow("PKCS#1, App ID") << false << u"123456"_s;
    QTest::newRow("PKCS#8, App ID") << true << u"123456"_s;
    QTest::newRow("PKCS#1, client ID") << false << u"Iv1.ab1112223334445c"_s;
    QTest::newRow("PKCS#8, client ID") << true << u"Iv23liAbCdEf0123"_s;
}

void TestGitHubAuth::jwtClaimsAndSignature()
{
    QFETCH(bool, pkcs8);
    QFETCH(QString, issuer);
    const QDateTime now(QDate(2026, 5, 4), QTime(3, 2, 1), Qt::UTC);
    auto jwt = AppJwt::create(pkcs8 ? m_key->pkcs8Pem() : m_key->pkcs1Pem(), issuer, [now] { return now; });
    QVERIFY(jwt.has_value());
    const auto token = jwt->token();
    QVERIFY(token.has_value());

    const auto decoded = decodeJwt(*token);
    QVERIFY2(decoded, token->constData());
    QCOMPARE(text(decoded->header.at("alg")), u"RS256"_s);
    QCOMPARE(text(decoded->header.at("typ")), u"JWT"_s);
    const qint64 nowSecs = now.toSecsSinceEpoch();
    QCOMPARE(decoded->claims.at("iat").get<qint64>(), nowSecs - 60);
    const qint64 exp = decoded->claims.at("exp").get<qint64>();
    QVERIFY(exp > nowSecs);
    QVERIFY(exp - nowSecs <= 600);
    QCOMPARE(exp - nowSecs, 540);
    const nlohmann::json &iss = decoded->claims.at("iss");
    if (issuer.front().isDigit()) {
        QVERIFY(iss.is_number_integer());
        QCOMPARE(iss.get<qint64>(), issuer.toLongLong());
    } else {
        QVERIFY(iss.is_string());
        QCOMPARE(QString::fromStdString(iss.get<std::string>()), issuer);
    }
    QVERIFY(m_key->verifyRs256(decoded->signingInput, decoded->signature));

    // The signature covers the claims: a changed issuer does not verify.
    nlohmann::json claims = decoded->claims;
    claims["iss"] = "someone-else";
    const std::string forgedClaims = claims.dump();
    const QByteArray forged = decoded->signingInput.left(decoded->signingInput.indexOf('.') + 1)
        + QByteArray::fromStdString(forgedClaims).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QVERIFY(!m_key->verifyRs256(forged, decoded->signature));
    TestRsaKey other(1024);
    QVERIFY(!other.verifyRs256(decoded->signingInput, decoded->signature));
}

void TestGitHubAuth::jwtRemintedBeforeExpiry()
{
    QDateTime now = kStart;
    auto jwt = AppJwt::create(m_key->pkcs1Pem(), u"42"_s, [&now] { return now; });
    QVERIFY(jwt.has_value());
    const QByteArray first = jwt->token().value();
    QCOMPARE(jwt->expiresAt(), kStart.addSecs(540));

    now = kStart.addSecs(7 * 60);  // two minutes left: still good
    QCOMPARE(jwt->token().value(), first);

    now = kStart.addSecs(8 * 60 + 1);  // less than a minute left: a new one
    const QByteArray second = jwt->token().value();
    QVERIFY(second != first);
    const auto decoded = decodeJwt(second);
    QVERIFY(decoded);
    QCOMPARE(decoded->claims.at("iat").get<qint64>(), now.toSecsSinceEpoch() - 60);
    QCOMPARE(decoded->claims.at("exp").get<qint64>(), now.toSecsSinceEpoch() + 540);
    QVERIFY(m_key->verifyRs256(decoded->signingInput, decoded->signature));
}

void TestGitHubAuth::malformedKey_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<int>("kind");
    const auto malformed = static_cast<int>(KeyError::Kind::Malformed);
    QTest::newRow("empty") << QByteArray() << malformed;
    QTest::newRow("not PEM") << QByteArray("ssh-rsa AAAAB3NzaC1yc2E user@host") << malformed;
    QByteArray truncated = m_key->pkcs1Pem();
    truncated.chop(200);
    QTest::newRow("truncated PKCS#1") << truncated << malformed;
    QByteArray corrupted = m_key->pkcs8Pem();
    corrupted[100] = corrupted[100] == 'A' ? 'B' : 'A';
    corrupted[101] = '*';
    QTest::newRow("corrupted PKCS#8") << corrupted << malformed;
    QTest::newRow("public key") << m_key->publicPem() << malformed;
    QTest::newRow("EC key") << TestRsaKey::ecPrivateKeyPem() << static_cast<int>(KeyError::Kind::NotRsa);
}

void TestGitHubAuth::malformedKey()
{
    QFETCH(QByteArray, pem);
    QFETCH(int, kind);
    const auto validated = AppJwt::validatePrivateKey(pem);
    QVERIFY(!validated.has_value());
    QCOMPARE(static_cast<int>(validated.error().kind), kind);
    QVERIFY(!validated.error().message.isEmpty());
    const auto jwt = AppJwt::create(pem, u"1"_s);
    QVERIFY(!jwt.has_value());
    QCOMPARE(static_cast<int>(jwt.error().kind), kind);

    QVERIFY(AppJwt::validatePrivateKey(m_key->pkcs1Pem()).has_value());
    QVERIFY(AppJwt::validatePrivateKey(m_key->pkcs8Pem()).has_value());
}

void TestGitHubAuth::clientRejectsMalformedKey()
{
    QNetworkAccessManager network;
    HttpClient http(&network);
    GitHubClient client(&http);
    const auto result = client.setAppCredentials(u"12345"_s, "-----BEGIN RSA PRIVATE KEY-----\nnope\n-----END RSA PRIVATE KEY-----\n");
    QVERIFY(!result.has_value());
    QCOMPARE(result.error().kind, GitHubError::Kind::MalformedKey);
    QVERIFY(!client.hasAppCredentials());
    QVERIFY(!result.error().text().contains(u"nope"_s));

    const auto noIssuer = client.setAppCredentials(QString(), m_key->pkcs1Pem());
    QVERIFY(!noIssuer.has_value());
    QCOMPARE(noIssuer.error().kind, GitHubError::Kind::NotConfigured);
}

void TestGitHubAuth::tokenCacheSharesOneFetch()
{
    QList<std::function<void(InstallationTokenCache::TokenResult)>> pending;
    QList<qint64> fetched;
    InstallationTokenCache cache([&](qint64 id, QObject *, std::function<void(InstallationTokenCache::TokenResult)> done) {
        fetched.append(id);
        pending.append(std::move(done));
    });
    const QDateTime now = kStart;
    cache.setClock([&now] { return now; });

    QObject context;
    QStringList got;
    for (int i = 0; i < 3; ++i)
        cache.token(7, &context, [&got](std::expected<QString, GitHubError> token) { got.append(token.value()); });
    QCOMPARE(fetched, QList<qint64>{7});
    QVERIFY(got.isEmpty());
    pending.takeFirst()(InstallationToken{u"t-7"_s, now.addSecs(3600), {}, {}, {}});
    QCOMPARE(got, (QStringList{u"t-7"_s, u"t-7"_s, u"t-7"_s}));

    // Another installation has its own token; a cached one answers later without a fetch.
    std::optional<GitHubError> failure;
    cache.token(8, &context, [&failure](std::expected<QString, GitHubError> token) { failure = token.error(); });
    cache.token(7, &context, [&got](std::expected<QString, GitHubError> token) { got.append(token.value()); });
    QCOMPARE(fetched, (QList<qint64>{7, 8}));
    QTRY_COMPARE(got.size(), 4);
    QCOMPARE(got.last(), u"t-7"_s);
    QCOMPARE(pending.size(), 1);

    // A failed fetch reaches every waiter and is not cached.
    pending.takeFirst()(std::unexpected(GitHubError::local(GitHubError::Kind::MissingKey, u"no key"_s)));
    QVERIFY(failure.has_value());
    QCOMPARE(failure->kind, GitHubError::Kind::MissingKey);
    QCOMPARE(got.size(), 4);
    QCOMPARE(cache.fetchCount(), 2);
}

void TestGitHubAuth::tokenCacheRenewsBeforeExpiry()
{
    int fetches = 0;
    QDateTime now = kStart;
    InstallationTokenCache cache([&](qint64, QObject *context, std::function<void(InstallationTokenCache::TokenResult)> done) {
        ++fetches;
        const QString token = u"tok-"_s + QString::number(fetches);
        QTimer::singleShot(0, context, [done, token, expires = now.addSecs(3600)] {
            done(InstallationToken{token, expires, {}, {}, {}});
        });
    });
    cache.setClock([&now] { return now; });
    cache.setRenewMargin(std::chrono::minutes(5));

    QObject context;
    QString token;
    const auto ask = [&] {
        token.clear();
        cache.token(1, &context, [&token](std::expected<QString, GitHubError> t) { token = t.value(); });
        QTRY_VERIFY(!token.isEmpty());
    };
    ask();
    QCOMPARE(token, u"tok-1"_s);
    now = kStart.addSecs(54 * 60);  // six minutes left
    ask();
    QCOMPARE(token, u"tok-1"_s);
    now = kStart.addSecs(55 * 60 + 1);  // under five minutes left
    ask();
    QCOMPARE(token, u"tok-2"_s);
    QCOMPARE(fetches, 2);

    cache.invalidate(1, u"tok-1"_s);  // an old token: no effect
    ask();
    QCOMPARE(fetches, 2);
    cache.invalidate(1, u"tok-2"_s);
    ask();
    QCOMPARE(token, u"tok-3"_s);
}

void TestGitHubAuth::tokenCacheSkipsDestroyedContext()
{
    std::function<void(InstallationTokenCache::TokenResult)> pending;
    InstallationTokenCache cache([&](qint64, QObject *, std::function<void(InstallationTokenCache::TokenResult)> done) {
        pending = std::move(done);
    });
    bool called = false;
    auto context = std::make_unique<QObject>();
    cache.token(1, context.get(), [&called](std::expected<QString, GitHubError>) { called = true; });
    context.reset();
    pending(InstallationToken{u"t"_s, QDateTime::currentDateTimeUtc().addSecs(3600), {}, {}, {}});
    QVERIFY(!called);
}

void TestGitHubAuth::installationTokenRequest()
{
    Harness h(m_key->pkcs8Pem(), u"Iv1.ab1112223334445c"_s);
    h.server.addRoute("GET", u"/installation/repositories"_s,
                      FakeResponse::json(200, Fixtures::github(u"GET_installation_repositories.json"_s)));
    Outcome<QList<Repository>> outcome;
    h.client.listInstallationRepositories(1, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    SC_VERIFY_OK(*outcome);
    QCOMPARE((*outcome)->size(), 1);

    const auto tokenRequests = h.server.requests("POST", u"/app/installations/1/access_tokens"_s);
    QCOMPARE(tokenRequests.size(), 1);
    const RecordedRequest &post = tokenRequests.constFirst();
    QCOMPARE(post.header("Accept"), "application/vnd.github+json");
    QCOMPARE(post.header("X-GitHub-Api-Version"), "2022-11-28");
    QCOMPARE(post.header("User-Agent"), "staff-console/" STAFFCONSOLE_VERSION);
    QCOMPARE(post.body, "{}");
    const auto jwt = decodeJwt(bearer(post));
    QVERIFY(jwt);
    QCOMPARE(text(jwt->claims.at("iss")), u"Iv1.ab1112223334445c"_s);
    QCOMPARE(jwt->claims.at("iat").get<qint64>(), kStart.toSecsSinceEpoch() - 60);
    QVERIFY(m_key->verifyRs256(jwt->signingInput, jwt->signature));

    const auto listRequests = h.server.requests("GET", u"/installation/repositories"_s);
    QCOMPARE(listRequests.size(), 1);
    QCOMPARE(listRequests.constFirst().header("Authorization"), "Bearer ghs_1");
}

void TestGitHubAuth::tokenReusedUntilShortlyBeforeExpiry()
{
    Harness h(m_key->pkcs1Pem());
    h.server.addRoute("GET", u"/repos/octocat/Hello-World/issues/1347"_s,
                      FakeResponse::json(200, Fixtures::github(u"GET_issue.json"_s)));
    const auto fetchIssue = [&]() -> QByteArray {
        Outcome<Issue> outcome;
        h.client.getIssue(kRepo, 1347, this, capture(outcome));
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }) || !outcome->has_value())
            return "failed";
        return h.server.requests("GET", u"/repos/octocat/Hello-World/issues/1347"_s).last().header("Authorization");
    };
    QCOMPARE(fetchIssue(), "Bearer ghs_1");
    h.clock.setNow(kStart.addSecs(50 * 60));
    QCOMPARE(fetchIssue(), "Bearer ghs_1");
    h.clock.setNow(kStart.addSecs(56 * 60));  // the token expires at +60 min: renewed 5 min before
    QCOMPARE(fetchIssue(), "Bearer ghs_2");
    QCOMPARE(h.tokensIssued, 2);
    // The repository's installation was looked up once.
    QCOMPARE(h.server.requests("GET", u"/repos/octocat/Hello-World/installation"_s).size(), 1);
    QCOMPARE(h.client.cachedInstallationId(kRepo), std::optional<qint64>(1));
}

void TestGitHubAuth::singleRetryAfter401()
{
    Harness h(m_key->pkcs1Pem());
    const QByteArray unauthorized = R"({"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"})";
    h.server.addRoute("POST", u"/repos/octocat/Hello-World/issues/1347/comments"_s,
                      QList<FakeResponse>{FakeResponse::json(401, unauthorized),
                                          FakeResponse::json(201, Fixtures::github(u"POST_issue_comment.json"_s))});
    Outcome<IssueComment> outcome;
    h.client.createIssueComment(kRepo, 1347, u"Me too"_s, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    SC_VERIFY_OK(*outcome);
    QCOMPARE((*outcome)->id, 1);

    const auto posts = h.server.requests("POST", u"/repos/octocat/Hello-World/issues/1347/comments"_s);
    QCOMPARE(posts.size(), 2);
    QCOMPARE(posts.at(0).header("Authorization"), "Bearer ghs_1");
    QCOMPARE(posts.at(1).header("Authorization"), "Bearer ghs_2");
    QVERIFY(parseJson(posts.at(1).body) == nlohmann::json({{"body", "Me too"}}));
    QCOMPARE(posts.at(1).header("Content-Type"), "application/json");
    QCOMPARE(h.server.requests("POST", u"/app/installations/1/access_tokens"_s).size(), 2);
}

void TestGitHubAuth::second401IsReported()
{
    Harness h(m_key->pkcs1Pem());
    h.server.addRoute("GET", u"/repos/octocat/Hello-World/issues/1347"_s,
                      FakeResponse::json(401, R"({"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"})"));
    Outcome<Issue> outcome;
    h.client.getIssue(kRepo, 1347, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    QVERIFY(!outcome->has_value());
    const GitHubError &error = outcome->error();
    QCOMPARE(error.kind, GitHubError::Kind::Api);
    QCOMPARE(error.httpStatus(), 401);
    QCOMPARE(error.api->apiMessage, u"Bad credentials"_s);
    QCOMPARE(h.server.requests("GET", u"/repos/octocat/Hello-World/issues/1347"_s).size(), 2);
    QCOMPARE(h.tokensIssued, 2);
}

void TestGitHubAuth::tokensOfAnyFormat()
{
    Harness h(m_key->pkcs1Pem());
    h.tokenPrefix = u"v1."_s + QString(300, u'x') + u"-_~+/="_s;
    h.server.addRoute("GET", u"/rate_limit"_s, FakeResponse::json(200, Fixtures::github(u"GET_rate_limit.json"_s)));
    Outcome<RateLimitOverview> outcome;
    h.client.getRateLimit(5, this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    SC_VERIFY_OK(*outcome);
    QCOMPARE((*outcome)->core.remaining, 4999);
    const auto requests = h.server.requests("GET", u"/rate_limit"_s);
    QCOMPARE(requests.size(), 1);
    QCOMPARE(bearer(requests.constFirst()), (h.tokenPrefix + u'1').toUtf8());
}

void TestGitHubAuth::concurrentRequestsShareOneTokenFetch()
{
    Harness h(m_key->pkcs1Pem());
    h.server.addRoute("GET", u"/installation/repositories"_s,
                      FakeResponse::json(200, Fixtures::github(u"GET_installation_repositories.json"_s)));
    Outcome<QList<Repository>> first;
    Outcome<QList<Repository>> second;
    h.client.listInstallationRepositories(1, this, capture(first));
    h.client.listInstallationRepositories(1, this, capture(second));
    QTRY_VERIFY(first.has_value() && second.has_value());
    SC_VERIFY_OK(*first);
    SC_VERIFY_OK(*second);
    QCOMPARE(h.tokensIssued, 1);
    QCOMPARE(h.server.requests("GET", u"/installation/repositories"_s).size(), 2);
}

void TestGitHubAuth::wrongAppIdGivesBadCredentials()
{
    Harness h(m_key->pkcs1Pem(), u"999999"_s);
    h.server.addRoute("GET", u"/app"_s,
                      FakeResponse::json(401, R"({"message":"'Issuer' claim ('iss') must be an Integer","documentation_url":"https://docs.github.com/rest"})"));
    Outcome<App> outcome;
    h.client.getApp(this, capture(outcome));
    QTRY_VERIFY(outcome.has_value());
    QVERIFY(!outcome->has_value());
    const GitHubError &error = outcome->error();
    QCOMPARE(error.kind, GitHubError::Kind::BadCredentials);
    QCOMPARE(error.kindName(), u"bad_credentials"_s);
    QCOMPARE(error.httpStatus(), 401);
    QCOMPARE(error.api->apiMessage, u"'Issuer' claim ('iss') must be an Integer"_s);
    QVERIFY(error.text().contains(u"App ID"_s));
    // A JWT request is not retried.
    QCOMPARE(h.server.requests("GET", u"/app"_s).size(), 1);
}

void TestGitHubAuth::noCredentialsIsNotConfigured()
{
    QNetworkAccessManager network;
    HttpClient http(&network);
    GitHubClient client(&http);
    Outcome<App> outcome;
    client.getApp(this, capture(outcome));
    QVERIFY(!outcome.has_value());  // never from inside the call
    QTRY_VERIFY(outcome.has_value());
    QCOMPARE(outcome->error().kind, GitHubError::Kind::NotConfigured);
}

QTEST_GUILESS_MAIN(TestGitHubAuth)
#include "tst_githubauth.moc"
