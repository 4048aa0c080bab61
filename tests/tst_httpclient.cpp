#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

#include "fakehttpserver.h"
#include "fixtures.h"
#include "http/httpclient.h"
#include "http/pagination.h"
#include "virtualclock.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

namespace {

struct Outcome
{
    std::optional<HttpClient::Result> result;
    int calls = 0;
};

std::shared_ptr<Outcome> sendTo(HttpClient &client, HttpRequest request, QObject *context)
{
    auto outcome = std::make_shared<Outcome>();
    client.send(std::move(request), context, [outcome](HttpClient::Result result) {
        ++outcome->calls;
        outcome->result = std::move(result);
    });
    return outcome;
}

QByteArray epochSeconds(const QDateTime &when)
{
    return QByteArray::number(when.toSecsSinceEpoch());
}

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void getReturnsBodyHeadersAndRateLimit();
    void defaultHeadersAreSentAndOverridable();
    void retryAfterIsWaited();
    void rateLimitResetIsWaited();
    void secondaryLimitWaitsAtLeastAMinuteThenBacksOff();
    void tooLongRateLimitWaitFailsAtOnce();
    void withoutGitHubRulesOnlyTooManyRequestsWaits();
    void forbiddenWithoutRateLimitIsNotRetried();
    void serverErrorIsRetriedOnlyWhenSafe_data();
    void serverErrorIsRetriedOnlyWhenSafe();
    void retriesStopAtConfiguredCount();
    void writesGoOneAtATimeOneSecondApart();
    void notModifiedIsServedFromEtagCache();
    void linkHeaderIsParsed();
    void paginationFollowsNextLinksAsGiven();
    void paginationStopsWhenAskedTo();
    void malformedJsonIsDecodeError();
    void htmlErrorPageIsHttpErrorWithCleanMessage();
    void githubErrorBodyIsDecoded();
    void githubErrorStringsAreDecoded();
    void stripeErrorBodyIsDecoded();
    void destroyedContextNeverCallsBack();
    void timeoutGivesTimeout();
    void droppedConnectionGivesTransport();
    void cancelAllGivesCancelled();

private:
    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(m_server->baseUrl().toString() + pathAndQuery);
    }

    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<VirtualClock> m_clock;
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<QObject> m_context;
};

void TestHttpClient::init()
{
    m_network = std::make_unique<QNetworkAccessManager>();
    m_server = std::make_unique<FakeHttpServer>();
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
    m_clock = std::make_unique<VirtualClock>();
    HttpClientConfig config;
    config.timeout = 5s;
    m_client = std::make_unique<HttpClient>(m_network.get(), config);
    m_client->setClock(m_clock.get());
    m_context = std::make_unique<QObject>();
}

void TestHttpClient::cleanup()
{
    m_context.reset();
    m_client.reset();
    m_clock.reset();
    m_server.reset();
    m_network.reset();
}

void TestHttpClient::getReturnsBodyHeadersAndRateLimit()
{
    m_server->addRoute("GET", u"/app"_s,
                       FakeResponse::json(200, Fixtures::github(u"GET_app.json"_s))
                           .withHeader("X-RateLimit-Limit", "5000")
                           .withHeader("X-RateLimit-Remaining", "4999")
                           .withHeader("X-RateLimit-Used", "1")
                           .withHeader("X-RateLimit-Reset", "1658208999")
                           .withHeader("X-RateLimit-Resource", "core"));
    QSignalSpy rateSpy(m_client.get(), &HttpClient::rateLimitChanged);

    auto outcome = sendTo(*m_client, HttpRequest::get(url(u"/app"_s)), m_context.get());
    QTRY_VERIFY(outcome->result);
    QVERIFY(outcome->result->has_value());
    const HttpResponse &response = outcome->result->value();
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, Fixtures::github(u"GET_app.json"_s));
    QCOMPARE(response.header("content-type"), "application/json; charset=utf-8");
    QVERIFY(!response.fromCache);
    const auto json = parseJsonBody(response);
    QVERIFY(json);
    QCOMPARE(json->object().value("slug"_L1).toString(), u"octoapp"_s);

    QCOMPARE(rateSpy.count(), 1);
    const RateLimit limit = m_client->rateLimit();
    QCOMPARE(limit.limit, 5000);
    QCOMPARE(limit.remaining, 4999);
    QCOMPARE(limit.used, 1);
    QCOMPARE(limit.resource, u"core"_s);
    QCOMPARE(limit.reset, QDateTime::fromSecsSinceEpoch(1658208999, Qt::UTC));
    QCOMPARE(outcome->calls, 1);
}

void TestHttpClient::defaultHeadersAreSentAndOverridable()
{
    m_server->addRoute("GET", u"/rate_limit"_s, FakeResponse::json(200, "{}"));
    m_client->setDefaultHeader("Accept", "application/vnd.github+json");
    m_client->setDefaultHeader("X-GitHub-Api-Version", "2022-11-28");
    HttpRequest request = HttpRequest::get(url(u"/rate_limit"_s));
    request.setHeader("accept", "application/vnd.github.diff");
    auto outcome = sendTo(*m_client, request, m_context.get());
    QTRY_VERIFY(outcome->result);
    QVERIFY(outcome->result->has_value());
    const RecordedRequest received = m_server->requests().constLast();
    QCOMPARE(received.method, "GET");
    QCOMPARE(received.header("Accept"), "application/vnd.github.diff");
    QCOMPARE(received.header("X-GitHub-Api-Version"), "2022-11-28");
}

void TestHttpClient::retryAfterIsWaited()
{
    m_server->addRoute("GET", u"/app"_s,
                       QList<FakeResponse>{
                           FakeResponse::json(429, Fixtures::github(u"ERROR_403_secondary_rate_limit.json"_s))
                               .withHeader("Retry-After", "30"),
                           FakeResponse::json(200, "{}"),
                       });
    QSignalSpy waitSpy(m_client.get(), &HttpClient::rateLimitWait);
    const QDateTime start = m_clock->now();
    auto outcome = sendTo(*m_client, HttpRequest::get(url(u"/app"_s)), m_context.get());
    QTRY_VERIFY(outcome->result);
    QVERIFY(outcome->result->has_value());
    QCOMPARE(m_clock->delays(), QList<milliseconds>{30s});
    QCOMPARE(m_server->requests().size(), 2);
    QCOMPARE(waitSpy.count(), 1);
    QCOMPARE(waitSpy.at(0).at(1).toDateTime(), start.addSecs(30));
}

void TestHttpClient::rateLimitResetIsWaited()
{
    const QDateTime reset = m_clock->now().addSecs(120);
    m_server->addRoute("POST", u"/repos/o/r/issues/1/comments"_s,
                       QList<FakeResponse>{
                           FakeResponse::json(403, Fixtures::github(u"ERROR_403_rate_limit.json"_s))
                               .withHeader("x-ratelimit-limit", "5000")
                               .withHeader("x-ratelimit-remaining", "0")
                               .withHeader("x-ratelimit-used", "5000")
                               .withHeader("x-ratelimit-reset", epochSeconds(reset)),
                           FakeResponse::json(201, Fixtures::github(u"POST_issue_comment.json"_s)),
                       });
    auto outcome = sendTo(*m_client, HttpRequest::post(url(u"/repos/o/r/issues/1/comments"_s), R"({"body":"x"})"),
                          m_context.get());
    QTRY_VERIFY(outcome->result);
    QVERIFY(outcome->result->has_value());
    QCOMPARE(outcome->result->value().status, 201);
    QCOMPARE(m_clock->delays(), QList<milliseconds>{120s});
    QCOMPARE(m_server->requests().size(), 2);
    QCOMPARE(m_server->requests().at(1).body, R"({"body":"x"})");
    QCOMPARE(m_client->rateLimit().remaining, 0);
}

void TestHttpClient::secondaryLimitWaitsAtLeastAMinuteThenBacksOff()
{
    const FakeResponse secondary = FakeResponse::json(403, Fixtures::github(u"ERROR_403_secondary_rate_limit.json"_s));
    m_server->addRoute("GET", u"/installation/repositories"_s,
                       QList<FakeResponse>{secondary, secondary, FakeResponse::json(200, "{}")});
    auto outcome = sendTo(*m_client, HttpRequest::get(url(u"/installation/repositories"_s)), m_context.get());
    QTRY_VERIFY(outcome->result);
    QVERIFY(outcome->result->has_value());
    const QList<milliseconds> expected{60s, 120s};
    QCOMPARE(m_clock->delays(), expected);
    QCOMPARE(m_server->requests().size(), 3);
}

void TestHttpClient::tooLongRateLimitWaitFailsAtOnce()
{
    const QDateTime reset = m_clock->now().addSecs(2 * 3600);
    m_server->addRoute("GET", u"/app"_s,
                       FakeResponse::json(403, Fixtures::github(u"ERROR_403_rate_limit.json"_s))
                           .withHeader("x-ratelimit-limit", "60")
                           .withHeader("x-ratelimit-remaining", "0")
                           .withHeader("x-ratelimit-reset", epochSeconds(reset)));
    auto outcome = sendTo(*m_client, HttpRequest::get(url(u"/app"_s)), m_context.get());
    QTRY_VERIFY(outcome->result);
    QVERIFY(!outcome->result->has_value());
    const ApiError error = outcome->result->error();
    QCOMPARE(error.kind, ApiError::Kind::Http);
    QCOMPARE(error.httpStatus, 403);
    QVERIFY(error.apiMessage.startsWith(u"API rate limit exceeded"_s));
    QVERIFY2(error.text().contains(reset.toString(Qt::ISODate)), qPrintable(error.text()));
    QVERIFY(m_clock->delays().isEmpty());
    QCOMPARE(m_server->requests().size(), 1);
}

void TestHttpClient::withoutGitHubRulesOnlyTooManyRequestsWaits()
{
    HttpClientConfig config = m_client->config();
    config.gitHubRateLimits = false;
    m_client->setConfig(config);
    m_client->setErrorBodyDecoder(decodeStripeErrorBody);
    m_server->addRoute("POST", u"/v1/customers"_s,
                       QList<FakeResponse>{FakeResponse::json(429, Fixtures::stripe(u"error_rate_limit.json"_s)),
                                           FakeResponse::json(200, Fixtures::stripe(u"customer.json"_s))});
    m_server->addRoute("GET", u"/v1/customers/cus_x"_s,
                       FakeResponse::json(403, Fixtures::github(u"ERROR_403_secondary_rate_limit.json"_s)));

    auto created = sendTo(*m_client, HttpRequest::post(url(u"/v1/customers"_s), "{}"), m_context.get());
    QTRY_VERIFY(created->result);
    QVERIFY(created->result->has_value());
    QCOMPARE(m_clock->delays().size(), 1);
    QVERIFY(m_clock->delays().at(0) >= 500ms && m_clock->delays().at(0) <= 1000ms);

    auto forbidden = sendTo(*m_client, HttpRequest::get(url(u"/v1/customers/cus_x"_s)), m_context.get());
    QTRY_VERIFY(forbidden->result);
    QVERIFY(!forbidden->result->has_value());
    QCOMPARE(forbidden->result->error().httpStatus, 403);
    QCOMPARE(m_clock->delays().size(), 1);
}

void TestHttpClient::forbiddenWithoutRateLimitIsNotRetried()
{
    m_server->addRoute("GET", u"/app"_s,
                       FakeResponse::json(403, R"({"message":"Resource not accessible by integration"})"));
    auto outcome = sendTo(*m_client, HttpRequest::get(url(u"/app"_s)), m_context.get());
    QTRY_VERIFY(outcome->result);
    QVERIFY(!outcome->result->has_value());
    QCOMPARE(outcome->result->error().kind, ApiError::Kind::Http);
    QCOMPARE(outcome->result->error().apiMessage, u"Resource not accessible by integration"_s);
    QCOMPARE(m_server->requests().size(), 1);
    QVERIFY(m_clock->delays().isEmpty());
}

void TestHttpClient::serverErrorIsRetriedOnlyWhenSafe_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("safeToRepeat");
    QTest::addColumn<int>("expectedRequests");
    QTest::addColumn<bool>("succeeds");
    QTest::newRow("GET") << QByteArray("GET") << false << 3 << true;
    QTest::newRow("POST") << QByteArray("POST") << false << 1 << false;
    QTest::newRow("POST safe to repeat") << QByteArray("POST") << true << 3 << true;
    QTest::newRow("PATCH") << QByteArray("PATCH") << false << 1 << false;
}

void TestHttpClient::serverErrorIsRetriedOnlyWhenSafe()
{
    QFETCH(QByteArray, method);
    QFETCH(bool, safeToRepeat);
    QFETCH(int, expectedRequests);
    QFETCH(bool, succeeds);
    m_server->addRoute(method, u"/thing"_s,
                       QList<FakeResponse>{
                           FakeResponse::json(500, R"({"message":"Server Error"})"),
                           FakeResponse::html(502, "<html><body>Bad gateway</body></html>"),
                           FakeResponse::json(200, "{}"),
                       });
    HttpRequest request;
    request.method = method;
    request.url = url(u"/thing"_s);
    request.body = "{}";
    request.safeToRepeat = safeToRepeat;
    auto outcome = sendTo(*m_client, request, m_context.get());
    QTRY_VERIFY(outcome->result);
    QCOMPARE(outcome->result->has_value(), succeeds);
    QCOMPARE(m_server->requests().size(), expectedRequests);
    if (!succeeds) {
        QCOMPARE(outcome->result->error().kind, ApiError::Kind::Http);
        QCOMPARE(outcome->result->error().httpStatus, 500);
        QCOMPARE(outcome->result->error().apiMessage, u"Server Error"_s);
        QVERIFY(m_clock->delays().isEmpty());
        return;
    }
    const QList<milliseconds> delays = m_clock->delays();
    QCOMPARE(delays.size(), 2);
    // Backoff with jitter: retry n waits between half and all of base * 2^n (writes at least 1 s).
    QVERIFY2(delays.at(0) >= (safeToRepeat ? 1000ms : 500ms) && delays.at(0) <= 1000ms,
             qPrintable(QString::number(delays.at(0).count())));
    QVERIFY2(delays.at(1) >= 1000ms && delays.at(1) <= 2000ms, qPrintable(QString::number(delays.at(1).count())));
}

void TestHttpClient::retriesStopAtConfiguredCount()
{
    HttpClientConfig config = m_client->config();
    config.maxRetries = 2;
    m_client->setConfig(config);
    m_server->addRoute("GET", u"/app"_s, FakeResponse::json(503, "{}"));
    auto outcome = sendTo(*m_client, HttpRequest::get(url(u"/app"_s)), m_context.get());
    QTRY_VERIFY(outcome->result);
    QVERIFY(!outcome->result->has_value());
    QCOMPARE(outcome->result->error().httpStatus, 503);
    QCOMPARE(m_server->requests().size(), 3);
    QCOMPARE(m_clock->delays().size(), 2);
}

void TestHttpClient::writesGoOneAtATimeOneSecondApart()
{
    QList<QDateTime> received;
    connect(m_server.get(), &FakeHttpServer::requestReceived, this,
            [&](const RecordedRequest &) { received.append(m_clock->now()); });
    m_server->addRoute("POST", QRegularExpression(u"/repos/o/r/issues/\\d+/comments"_s),
                       FakeResponse::json(201, Fixtures::github(u"POST_issue_comment.json"_s)).withDelay(50ms));
    QList<std::shared_ptr<Outcome>> outcomes;
    for (int i = 1; i <= 3; ++i) {
        outcomes.append(sendTo(*m_client,
                               HttpRequest::post(url(u"/repos/o/r/issues/%1/comments"_s.arg(i)), "{}"),
                               m_context.get()));
    }
    QTRY_VERIFY(outcomes.at(2)->result);
    for (const auto &outcome : std::as_const(outcomes))
        QVERIFY(outcome->result && outcome->result->has_value());
    const QList<RecordedRequest> requests = m_server->requests();
    QCOMPARE(requests.size(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(requests.at(i).path(), u"/repos/o/r/issues/%1/comments"_s.arg(i + 1));
    QCOMPARE(received.size(), 3);
    QVERIFY(received.at(0).msecsTo(received.at(1)) >= 1000);
    QVERIFY(received.at(1).msecsTo(received.at(2)) >= 1000);
    const QList<milliseconds> expected{1s, 1s};
    QCOMPARE(m_clock->delays(), expected);
}

void TestHttpClient::notModifiedIsServedFromEtagCache()
{
    const QString path = Fixtures::recordedPath(u"GET_repo.json"_s);
    const FakeResponse recorded = Fixtures::recorded(u"GET_repo.json"_s, *m_server);
    QByteArray etag;
    for (const auto &[name, value] : recorded.headers) {
        if (name.compare("etag", Qt::CaseInsensitive) == 0)
            etag = value;
    }
    QVERIFY(!etag.isEmpty());
    FakeResponse notModified;
    notModified.status = 304;
    notModified.headers = {{"ETag", etag},
                           {"X-RateLimit-Limit", "5000"},
                           {"X-RateLimit-Remaining", "4961"},
                           {"X-RateLimit-Reset", "1658208999"}};
    m_server->addRoute("GET", path, QList<FakeResponse>{recorded, notModified});

    HttpRequest request = HttpRequest::get(url(path));
    request.scope = m_server->baseUrl();
    request.setHeader("Authorization", "token first");
    auto first = sendTo(*m_client, request, m_context.get());
    QTRY_VERIFY(first->result);
    QVERIFY(first->result->has_value());
    QVERIFY(!first->result->value().fromCache);
    QCOMPARE(m_client->rateLimit().remaining, 4962);

    request.setHeader("Authorization", "token rotated");  // a new token still revalidates the entry
    auto second = sendTo(*m_client, request, m_context.get());
    QTRY_VERIFY(second->result);
    QVERIFY(second->result->has_value());
    const HttpResponse &cached = second->result->value();
    QVERIFY(cached.fromCache);
    QCOMPARE(cached.status, 200);
    QCOMPARE(cached.body, first->result->value().body);
    QCOMPARE(parseJsonBody(cached)->object().value("full_name"_L1).toString(), u"octokit-fixture-org/hello-world"_s);
    QCOMPARE(m_client->rateLimit().remaining, 4961);

    const QList<RecordedRequest> requests = m_server->requests();
    QCOMPARE(requests.size(), 2);
    QVERIFY(!requests.at(0).hasHeader("If-None-Match"));
    QCOMPARE(requests.at(1).header("If-None-Match"),
             "\"b6bf76818c02a332828422c6fa78009ad1f08f302c18524af715ed641f004227\"");

    request.setHeader("Accept", "application/vnd.github.raw+json");  // another representation
    auto third = sendTo(*m_client, request, m_context.get());
    QTRY_VERIFY(third->result);
    QVERIFY(!m_server->requests().constLast().hasHeader("If-None-Match"));
}

void TestHttpClient::linkHeaderIsParsed()
{
    const auto links = parseLinkHeader(
        R"(<https://api.github.com/repositories/515435940/issues?per_page=3&page=2>; rel="next", )"
        R"(<https://api.github.com/repositories/515435940/issues?per_page=3&page=5>; rel="last")");
    QCOMPARE(links.size(), 2);
    QCOMPARE(links.value(u"next"_s), QUrl(u"https://api.github.com/repositories/515435940/issues?per_page=3&page=2"_s));
    QCOMPARE(links.value(u"last"_s), QUrl(u"https://api.github.com/repositories/515435940/issues?per_page=3&page=5"_s));
    QVERIFY(parseLinkHeader("").isEmpty());
    QCOMPARE(parseLinkHeader(R"(<https://x.test/a?b=1>; rel="prev first")").value(u"first"_s),
             QUrl(u"https://x.test/a?b=1"_s));
}

void TestHttpClient::paginationFollowsNextLinksAsGiven()
{
    const QString firstPath = Fixtures::recordedPath(u"GET_repo_issues_page1.json"_s);
    m_server->addRoute("GET", firstPath, Fixtures::recorded(u"GET_repo_issues_page1.json"_s, *m_server));
    const QByteArray base = m_server->baseUrl().toEncoded();
    auto page = [&](int number, const QByteArray &link) {
        QJsonArray issues;
        for (int i = 0; i < 3; ++i)
            issues.append(QJsonObject{{u"number"_s, 13 - (number - 1) * 3 - i}});
        return FakeResponse::json(200, QJsonDocument(issues).toJson(QJsonDocument::Compact)).withHeader("Link", link);
    };
    m_server->addRoute("GET", u"/repositories/515435940/issues?per_page=3&page=2"_s,
                       page(2, "<" + base + "/repositories/515435940/issues?per_page=3&page=3>; rel=\"next\", <" + base
                                   + "/repositories/515435940/issues?per_page=3&page=3>; rel=\"last\", <" + base
                                   + "/repositories/515435940/issues?per_page=3&page=1>; rel=\"first\""));
    m_server->addRoute("GET", u"/repositories/515435940/issues?per_page=3&page=3"_s,
                       page(3, "<" + base + "/repositories/515435940/issues?per_page=3&page=2>; rel=\"prev\", <" + base
                                   + "/repositories/515435940/issues?per_page=3&page=1>; rel=\"first\""));

    QList<int> numbers;
    std::optional<std::expected<void, ApiError>> done;
    fetchAllPages(
        m_client.get(), HttpRequest::get(url(firstPath)), m_context.get(),
        [&](const HttpResponse &response) {
            const QJsonArray items = parseJsonBody(response)->array();
            for (const QJsonValue &item : items)
                numbers.append(item.toObject().value("number"_L1).toInt());
            return true;
        },
        [&](std::expected<void, ApiError> result) { done = result; });
    QTRY_VERIFY(done);
    QVERIFY(done->has_value());
    const QList<int> expected{13, 12, 11, 10, 9, 8, 7, 6, 5};
    QCOMPARE(numbers, expected);
    const QList<RecordedRequest> requests = m_server->requests();
    QCOMPARE(requests.size(), 3);
    QCOMPARE(QString::fromLatin1(requests.at(0).target), firstPath);
    QCOMPARE(requests.at(1).target, "/repositories/515435940/issues?per_page=3&page=2");
    QCOMPARE(requests.at(2).target, "/repositories/515435940/issues?per_page=3&page=3");
}

void TestHttpClient::paginationStopsWhenAskedTo()
{
    const QString firstPath = Fixtures::recordedPath(u"GET_repo_issues_page1.json"_s);
    m_server->addRoute("GET", firstPath, Fixtures::recorded(u"GET_repo_issues_page1.json"_s, *m_server));
    int pages = 0;
    std::optional<std::expected<void, ApiError>> done;
    fetchAllPages(
        m_client.get(), HttpRequest::get(url(firstPath)), m_context.get(),
        [&](const HttpResponse &) { return ++pages < 1; },
        [&](std::expected<void, ApiError> result) { done = result; });
    QTRY_VERIFY(done);
    QVERIFY(done->has_value());
    QCOMPARE(pages, 1);
    QCOMPARE(m_server->requests().size(), 1);
}

void TestHttpClient::malformedJsonIsDecodeError()
{
    m_server->addRoute("GET", u"/app"_s, FakeResponse::json(200, R"({"id": 1, "name": )"));
    auto outcome = sendTo(*m_client, HttpRequest::get(url(u"/app?secret=zzz"_s)), m_context.get());
    QTRY_VERIFY(outcome->result);
    QVERIFY(outcome->result->has_value());
    const auto json = parseJsonBody(outcome->result->value());
    QVERIFY(!json);
    QCOMPARE(json.error().kind, ApiError::Kind::Decode);
    QVERIFY2(json.error().text().contains(u"malformed JSON"_s), qPrintable(json.error().text()));
    QVERIFY(!json.error().text().contains(u"zzz"_s));
}

void TestHttpClient::htmlErrorPageIsHttpErrorWithCleanMessage()
{
    const QByteArray page = "<!DOCTYPE html><html><head><title>Unicorn!</title></head><body>No server is "
                            "currently available to service your request.</body></html>";
    m_server->addRoute("GET", u"/app"_s, FakeResponse::html(503, page));
    m_server->addRoute("GET", u"/portal"_s, FakeResponse::html(200, page));
    HttpClientConfig config = m_client->config();
    config.maxRetries = 0;
    m_client->setConfig(config);

    auto outcome = sendTo(*m_client, HttpRequest::get(url(u"/app"_s)), m_context.get());
    QTRY_VERIFY(outcome->result);
    QVERIFY(!outcome->result->has_value());
    const ApiError error = outcome->result->error();
    QCOMPARE(error.kind, ApiError::Kind::Http);
    QCOMPARE(error.httpStatus, 503);
    QVERIFY(error.apiMessage.isEmpty());
    QVERIFY2(error.text().contains(u"HTTP 503"_s), qPrintable(error.text()));
    QVERIFY(!error.text().contains(u'<'));

    auto portal = sendTo(*m_client, HttpRequest::get(url(u"/portal"_s)), m_context.get());
    QTRY_VERIFY(portal->result);
    QVERIFY(portal->result->has_value());
    const auto json = parseJsonBody(portal->result->value());
    QVERIFY(!json);
    QCOMPARE(json.error().kind, ApiError::Kind::Decode);
    QVERIFY2(json.error().text().contains(u"HTML page"_s), qPrintable(json.error().text()));
    QVERIFY(!json.error().text().contains(u'<'));
}

void TestHttpClient::githubErrorBodyIsDecoded()
{
    const QString path = Fixtures::recordedPath(u"POST_repo_labels_422.json"_s);
    m_server->addRoute("POST", path, Fixtures::recorded(u"POST_repo_labels_422.json"_s, *m_server));
    m_client->setDefaultHeader("Authorization", "token 0000000000000000000000000000000000000001");
    HttpRequest request = HttpRequest::post(url(path), R"({"name":"x","color":"nope"})");
    request.scope = m_server->baseUrl();
    auto outcome = sendTo(*m_client, request, m_context.get());
    QTRY_VERIFY(outcome->result);
    QVERIFY(!outcome->result->has_value());
    const ApiError error = outcome->result->error();
    QCOMPARE(error.kind, ApiError::Kind::Http);
    QCOMPARE(error.httpStatus, 422);
    QCOMPARE(error.apiMessage, u"Validation Failed"_s);
    QCOMPARE(error.documentationUrl, u"https://docs.github.com/rest/reference/issues#create-a-label"_s);
    QCOMPARE(error.requestId, u"0681:62D5:1E22F03:626F1F6:62D63512"_s);
    QCOMPARE(error.fieldErrors.size(), 1);
    QCOMPARE(error.fieldErrors.at(0).resource, u"Label"_s);
    QCOMPARE(error.fieldErrors.at(0).field, u"color"_s);
    QCOMPARE(error.fieldErrors.at(0).code, u"invalid"_s);
    QVERIFY2(error.text().contains(u"Label.color invalid"_s), qPrintable(error.text()));
    QVERIFY(!error.text().contains(u"0000000000000000000000000000000000000001"_s));
    QCOMPARE(m_server->requests().at(0).header("authorization"), "token 0000000000000000000000000000000000000001");
}

void TestHttpClient::githubErrorStringsAreDecoded()
{
    ApiError error = ApiError::http(422, u"POST x: HTTP 422"_s);
    decodeGitHubErrorBody(R"({"message":"Validation Failed","errors":["Head sha can't be blank",)"
                          R"({"resource":"PullRequest","code":"custom","message":"No commits between main and x"}]})",
                          error);
    QCOMPARE(error.fieldErrors.size(), 2);
    QCOMPARE(error.fieldErrors.at(0).message, u"Head sha can't be blank"_s);
    QCOMPARE(error.fieldErrors.at(1).message, u"No commits between main and x"_s);
    QVERIFY2(error.text().contains(u"Head sha can't be blank"_s), qPrintable(error.text()));

    ApiError notJson = ApiError::http(500, u"GET x: HTTP 500"_s);
    decodeGitHubErrorBody("<html>oops</html>", notJson);
    QVERIFY(notJson.apiMessage.isEmpty());
    QCOMPARE(notJson.text(), u"GET x: HTTP 500"_s);

    ApiError notFound = ApiError::http(404, u"GET x: HTTP 404"_s);
    decodeGitHubErrorBody(Fixtures::github(u"ERROR_404_not_found.json"_s), notFound);
    QCOMPARE(notFound.apiMessage, u"Not Found"_s);
    QVERIFY(notFound.documentationUrl.startsWith(u"https://docs.github.com/rest/billing"_s));
}

void TestHttpClient::stripeErrorBodyIsDecoded()
{
    ApiError error = ApiError::http(404, u"GET /v1/customers/cus_x: HTTP 404"_s);
    decodeStripeErrorBody(Fixtures::stripe(u"error_invalid_request.json"_s), error);
    QCOMPARE(error.apiMessage, u"The requested resource doesn’t exist."_s);
    QCOMPARE(error.apiCode, u"resource_missing"_s);
    QCOMPARE(error.documentationUrl, u"https://stripe.com/docs/error-codes/resource-missing"_s);
    QCOMPARE(error.fieldErrors.size(), 1);
    QCOMPARE(error.fieldErrors.at(0).field, u"id"_s);

    ApiError rate = ApiError::http(429, u"GET /v1/customers: HTTP 429"_s);
    decodeStripeErrorBody(Fixtures::stripe(u"error_rate_limit.json"_s), rate);
    QCOMPARE(rate.apiCode, u"invalid_request_error"_s);
    QVERIFY(rate.apiMessage.startsWith(u"Too many requests"_s));
}

void TestHttpClient::destroyedContextNeverCallsBack()
{
    m_server->addRoute("GET", u"/slow"_s, FakeResponse::json(200, "{}").withDelay(300ms));
    m_server->addRoute("GET", u"/later"_s, FakeResponse::json(200, "{}").withDelay(400ms));
    auto owner = std::make_unique<QObject>();
    auto lost = sendTo(*m_client, HttpRequest::get(url(u"/slow"_s)), owner.get());
    QTRY_COMPARE(m_server->requests().size(), 1);
    owner.reset();
    // Answered after the abandoned request would have been: by then it would have called back.
    auto later = sendTo(*m_client, HttpRequest::get(url(u"/later"_s)), m_context.get());
    QTRY_VERIFY(later->result);
    QVERIFY(later->result->has_value());
    QCOMPARE(lost->calls, 0);
    QCOMPARE(m_server->requests().size(), 2);
}

void TestHttpClient::timeoutGivesTimeout()
{
    m_server->addRoute("GET", u"/slow"_s, FakeResponse::json(200, "{}").withDelay(3s));
    HttpClientConfig config = m_client->config();
    config.maxRetries = 1;
    m_client->setConfig(config);
    HttpRequest request = HttpRequest::get(url(u"/slow"_s));
    request.timeout = 150ms;
    auto outcome = sendTo(*m_client, request, m_context.get());
    QTRY_VERIFY(outcome->result);
    QVERIFY(!outcome->result->has_value());
    QCOMPARE(outcome->result->error().kind, ApiError::Kind::Timeout);
    QVERIFY2(outcome->result->error().text().contains(u"0.15 s"_s), qPrintable(outcome->result->error().text()));
    QCOMPARE(m_server->requests().size(), 2);
    QCOMPARE(m_clock->delays().size(), 1);
}

void TestHttpClient::droppedConnectionGivesTransport()
{
    m_server->addRoute("GET", u"/drop"_s, FakeResponse::dropped());
    HttpClientConfig config = m_client->config();
    config.maxRetries = 0;
    m_client->setConfig(config);
    auto outcome = sendTo(*m_client, HttpRequest::get(url(u"/drop"_s)), m_context.get());
    QTRY_VERIFY(outcome->result);
    QVERIFY(!outcome->result->has_value());
    QCOMPARE(outcome->result->error().kind, ApiError::Kind::Transport);
    QCOMPARE(outcome->result->error().httpStatus, 0);
    QVERIFY(!m_server->requests().isEmpty());
}

void TestHttpClient::cancelAllGivesCancelled()
{
    m_server->addRoute("GET", u"/slow"_s, FakeResponse::json(200, "{}").withDelay(2s));
    m_server->addRoute("POST", u"/write"_s, FakeResponse::json(201, "{}").withDelay(2s));
    auto get = sendTo(*m_client, HttpRequest::get(url(u"/slow"_s)), m_context.get());
    auto write1 = sendTo(*m_client, HttpRequest::post(url(u"/write"_s), "{}"), m_context.get());
    auto write2 = sendTo(*m_client, HttpRequest::post(url(u"/write"_s), "{}"), m_context.get());
    QTRY_COMPARE(m_server->requests().size(), 2);
    m_client->cancelAll();
    for (const auto &outcome : {get, write1, write2}) {
        QVERIFY(outcome->result);
        QCOMPARE(outcome->calls, 1);
        QCOMPARE(outcome->result->error().kind, ApiError::Kind::Cancelled);
    }
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
