#include <QNetworkAccessManager>
#include <QTest>

#include <memory>
#include <optional>

#include "fakehttpserver.h"
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

} // namespace

// Credentials and links stay within the configured origin and base path: redirects, scopes,
// and pagination links that point elsewhere.
class TestHttpScope : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void redirectsStayOnTheSameOrigin();
    void redirectsStayWithinTheScope();
    void scopeHoldsOriginAndBasePath_data();
    void scopeHoldsOriginAndBasePath();
    void credentialsGoOnlyWithinTheirScope_data();
    void credentialsGoOnlyWithinTheirScope();
    void paginationStopsAtAForeignNextLink_data();
    void paginationStopsAtAForeignNextLink();
    void paginationResolvesRelativeLinks();

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

void TestHttpScope::init()
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

void TestHttpScope::cleanup()
{
    m_context.reset();
    m_client.reset();
    m_clock.reset();
    m_server.reset();
    m_network.reset();
}

void TestHttpScope::redirectsStayOnTheSameOrigin()
{
    FakeHttpServer elsewhere;
    QVERIFY(elsewhere.listen());
    elsewhere.addRoute("GET", u"/stolen"_s, FakeResponse::json(200, "{}"));
    m_server->addRoute("GET", u"/repos/old/name"_s,
                       FakeResponse::json(301, R"({"message":"Moved Permanently"})")
                           .withHeader("Location", url(u"/repositories/42"_s).toEncoded()));
    m_server->addRoute("GET", u"/repositories/42"_s, FakeResponse::json(200, R"({"id":42})"));
    m_server->addRoute("GET", u"/away"_s,
                       FakeResponse::json(302, "{}").withHeader("Location",
                                                                elsewhere.baseUrl().toEncoded() + "/stolen"));
    m_client->setDefaultHeader("Authorization", "token secret");
    const auto scoped = [this](const QString &path) {
        HttpRequest request = HttpRequest::get(url(path));
        request.scope = m_server->baseUrl();
        return request;
    };

    auto moved = sendTo(*m_client, scoped(u"/repos/old/name"_s), m_context.get());
    QTRY_VERIFY(moved->result);
    QVERIFY(moved->result->has_value());
    QCOMPARE(moved->result->value().body, R"({"id":42})");
    QCOMPARE(moved->result->value().url.path(), u"/repositories/42"_s);
    QCOMPARE(m_server->requests("GET", u"/repositories/42"_s).constFirst().header("Authorization"), "token secret");

    auto away = sendTo(*m_client, scoped(u"/away"_s), m_context.get());
    QTRY_VERIFY(away->result);
    QVERIFY(!away->result->has_value());
    const ApiError error = away->result->error();
    QCOMPARE(error.kind, ApiError::Kind::ForeignOrigin);
    QCOMPARE(error.kindName(), u"foreign_origin"_s);
    QVERIFY2(error.text().contains(originText(elsewhere.baseUrl())), qPrintable(error.text()));
    QVERIFY2(error.text().contains(u"302"_s), qPrintable(error.text()));
    QVERIFY(!error.text().contains(u"secret"_s));
    QVERIFY(elsewhere.requests().isEmpty());
    QCOMPARE(elsewhere.connectionCount(), 0);

    // Without credentials or a scope, a redirect still stays on the request's origin.
    HttpClient plain(m_network.get());
    auto anonymous = sendTo(plain, HttpRequest::get(url(u"/away"_s)), m_context.get());
    QTRY_VERIFY(anonymous->result);
    QVERIFY(!anonymous->result->has_value());
    QCOMPARE(anonymous->result->error().kind, ApiError::Kind::ForeignOrigin);
    QCOMPARE(elsewhere.connectionCount(), 0);
}

void TestHttpScope::redirectsStayWithinTheScope()
{
    // GitHub Enterprise Server: the API lives under /api/v3 of a host that serves much else.
    m_server->addRoute("GET", u"/api/v3/app"_s,
                       FakeResponse::json(302, "{}").withHeader("Location", url(u"/login"_s).toEncoded()));
    m_server->addRoute("GET", u"/api/v3/old"_s,
                       FakeResponse::json(301, "{}").withHeader("Location", "/api/v3/new"));
    m_server->addRoute("GET", u"/api/v3/new"_s, FakeResponse::json(200, R"({"new":true})"));
    m_server->addRoute("GET", u"/login"_s, FakeResponse::html(200, "<html></html>"));
    const auto scoped = [this](const QString &path) {
        HttpRequest request = HttpRequest::get(url(path));
        request.scope = url(u"/api/v3"_s);
        request.setHeader("Authorization", "Bearer secret");
        return request;
    };

    auto followed = sendTo(*m_client, scoped(u"/api/v3/old"_s), m_context.get());
    QTRY_VERIFY(followed->result);
    QVERIFY(followed->result->has_value());
    QCOMPARE(followed->result->value().body, R"({"new":true})");

    auto refused = sendTo(*m_client, scoped(u"/api/v3/app"_s), m_context.get());
    QTRY_VERIFY(refused->result);
    QVERIFY(!refused->result->has_value());
    QCOMPARE(refused->result->error().kind, ApiError::Kind::ForeignOrigin);
    QVERIFY(m_server->requests("GET", u"/login"_s).isEmpty());
}

void TestHttpScope::scopeHoldsOriginAndBasePath_data()
{
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("within");
    QTest::newRow("same origin") << u"https://api.github.com"_s << u"https://api.github.com/app?page=2"_s << true;
    QTest::newRow("default port written") << u"https://api.github.com"_s << u"https://api.github.com:443/app"_s << true;
    QTest::newRow("host case") << u"https://api.github.com"_s << u"https://API.GitHub.com/app"_s << true;
    QTest::newRow("other host") << u"https://api.github.com"_s << u"https://api.example.com/app"_s << false;
    QTest::newRow("look-alike host") << u"https://api.github.com"_s << u"https://api.github.com.evil.test/app"_s << false;
    QTest::newRow("other port") << u"http://127.0.0.1:8080"_s << u"http://127.0.0.1:8081/app"_s << false;
    QTest::newRow("http for https") << u"https://api.github.com"_s << u"http://api.github.com/app"_s << false;
    QTest::newRow("user info") << u"https://api.github.com"_s << u"https://x@evil.test/app"_s << false;
    QTest::newRow("GHES path") << u"https://ghe.test/api/v3"_s << u"https://ghe.test/api/v3/app"_s << true;
    QTest::newRow("GHES base itself") << u"https://ghe.test/api/v3/"_s << u"https://ghe.test/api/v3"_s << true;
    QTest::newRow("GHES outside") << u"https://ghe.test/api/v3"_s << u"https://ghe.test/login"_s << false;
    QTest::newRow("GHES prefix only") << u"https://ghe.test/api/v3"_s << u"https://ghe.test/api/v30/app"_s << false;
    QTest::newRow("dot segments") << u"https://ghe.test/api/v3"_s << u"https://ghe.test/api/v3/../../admin"_s << false;
    QTest::newRow("encoded dot segments") << u"https://ghe.test/api/v3"_s << u"https://ghe.test/api/v3/%2e%2e/admin"_s
                                          << false;
    QTest::newRow("no scope") << QString() << u"https://api.github.com/app"_s << false;
    QTest::newRow("relative scope") << u"/api/v3"_s << u"https://ghe.test/api/v3/app"_s << false;
}

void TestHttpScope::scopeHoldsOriginAndBasePath()
{
    QFETCH(QString, scope);
    QFETCH(QString, url);
    QFETCH(bool, within);
    QCOMPARE(isWithinScope(QUrl(url), QUrl(scope)), within);
}

void TestHttpScope::credentialsGoOnlyWithinTheirScope_data()
{
    QTest::addColumn<QString>("scope");         // "self": the first server; "none": no scope
    QTest::addColumn<bool>("asDefaultHeader");  // the credential comes from the client's default headers
    QTest::addColumn<bool>("sentHere");         // the URL is on the first server (else on the other)
    QTest::addColumn<bool>("sent");
    QTest::newRow("within the scope") << u"self"_s << false << true << true;
    QTest::newRow("to another port") << u"self"_s << false << false << false;
    QTest::newRow("default header, to another port") << u"self"_s << true << false << false;
    QTest::newRow("outside the base path") << u"self/api/v3"_s << false << true << false;
    QTest::newRow("no scope named") << u"none"_s << false << true << false;
    QTest::newRow("default header, no scope named") << u"none"_s << true << true << false;
}

void TestHttpScope::credentialsGoOnlyWithinTheirScope()
{
    QFETCH(QString, scope);
    QFETCH(bool, asDefaultHeader);
    QFETCH(bool, sentHere);
    QFETCH(bool, sent);
    FakeHttpServer other;
    QVERIFY(other.listen());
    m_server->addRoute("GET", u"/app"_s, FakeResponse::json(200, "{}"));
    other.addRoute("GET", u"/app"_s, FakeResponse::json(200, "{}"));

    HttpRequest request = HttpRequest::get(QUrl((sentHere ? m_server.get() : &other)->baseUrl().toString() + u"/app"_s));
    if (scope != u"none"_s)
        request.scope = QUrl(m_server->baseUrl().toString() + scope.mid(4));
    if (asDefaultHeader)
        m_client->setDefaultHeader("Authorization", "Bearer ey.secret.jwt");
    else
        request.setHeader("Authorization", "Bearer ey.secret.jwt");

    auto outcome = sendTo(*m_client, request, m_context.get());
    QCOMPARE(outcome->calls, 0);  // never from inside send()
    QTRY_VERIFY(outcome->result);
    QCOMPARE(outcome->calls, 1);
    if (sent) {
        QVERIFY(outcome->result->has_value());
        QCOMPARE(m_server->requests().constFirst().header("Authorization"), "Bearer ey.secret.jwt");
        return;
    }
    QVERIFY(!outcome->result->has_value());
    const ApiError error = outcome->result->error();
    QCOMPARE(error.kind, ApiError::Kind::ForeignOrigin);
    QVERIFY(!error.text().contains(u"secret"_s));
    if (!sentHere)
        QVERIFY2(error.text().contains(originText(other.baseUrl())), qPrintable(error.text()));
    QVERIFY(m_server->requests().isEmpty());
    QCOMPARE(m_server->connectionCount(), 0);
    QVERIFY(other.requests().isEmpty());
    QCOMPARE(other.connectionCount(), 0);
}

void TestHttpScope::paginationStopsAtAForeignNextLink_data()
{
    QTest::addColumn<bool>("withCredentials");
    QTest::newRow("with a token and scope") << true;
    QTest::newRow("anonymous, no scope") << false;
}

void TestHttpScope::paginationStopsAtAForeignNextLink()
{
    QFETCH(bool, withCredentials);
    FakeHttpServer other;
    QVERIFY(other.listen());
    other.addRoute("GET", u"/items"_s, FakeResponse::json(200, "[]"));
    const QByteArray foreign = other.baseUrl().toEncoded() + "/items?page=2";
    m_server->addRoute("GET", u"/items"_s,
                       FakeResponse::json(200, "[1]").withHeader("Link", "<" + foreign + ">; rel=\"next\""));

    HttpRequest first = HttpRequest::get(url(u"/items"_s));
    if (withCredentials) {
        first.scope = m_server->baseUrl();
        first.setHeader("Authorization", "token ghs_secret");
    }
    int pages = 0;
    std::optional<std::expected<void, ApiError>> done;
    fetchAllPages(
        m_client.get(), first, m_context.get(), [&](const HttpResponse &) { return ++pages > 0; },
        [&](std::expected<void, ApiError> result) { done = result; });
    QTRY_VERIFY(done);
    QVERIFY(!done->has_value());
    const ApiError error = done->error();
    QCOMPARE(error.kind, ApiError::Kind::ForeignOrigin);
    QVERIFY2(error.text().contains(originText(other.baseUrl())), qPrintable(error.text()));
    QCOMPARE(originText(other.baseUrl()), u"http://127.0.0.1:%1"_s.arg(other.port()));
    QVERIFY(!error.text().contains(u"ghs_secret"_s));
    QCOMPARE(pages, 1);
    QCOMPARE(m_server->requests().size(), 1);
    QVERIFY(other.requests().isEmpty());
    QCOMPARE(other.connectionCount(), 0);
}

void TestHttpScope::paginationResolvesRelativeLinks()
{
    m_server->addRoute("GET", u"/api/v3/items"_s,
                       FakeResponse::json(200, "[1]").withHeader("Link", R"(</api/v3/items?page=2>; rel="next")"));
    m_server->addRoute("GET", u"/api/v3/items?page=2"_s,
                       FakeResponse::json(200, "[2]").withHeader("Link", R"(<items?page=3>; rel="next")"));
    m_server->addRoute("GET", u"/api/v3/items?page=3"_s,
                       FakeResponse::json(200, "[3]").withHeader("Link", R"(</elsewhere?page=4>; rel="next")"));
    HttpRequest first = HttpRequest::get(url(u"/api/v3/items"_s));
    first.scope = url(u"/api/v3"_s);
    first.setHeader("Authorization", "token ghs_secret");
    QByteArrayList bodies;
    std::optional<std::expected<void, ApiError>> done;
    fetchAllPages(
        m_client.get(), first, m_context.get(),
        [&](const HttpResponse &page) {
            bodies << page.body;
            return true;
        },
        [&](std::expected<void, ApiError> result) { done = result; });
    QTRY_VERIFY(done);
    QCOMPARE(bodies, (QByteArrayList{"[1]", "[2]", "[3]"}));
    // The third page's link leaves the base path: not followed.
    QVERIFY(!done->has_value());
    QCOMPARE(done->error().kind, ApiError::Kind::ForeignOrigin);
    QCOMPARE(m_server->requests().size(), 3);
    for (const RecordedRequest &request : m_server->requests())
        QCOMPARE(request.header("Authorization"), "token ghs_secret");
}

QTEST_GUILESS_MAIN(TestHttpScope)
#include "tst_httpscope.moc"
