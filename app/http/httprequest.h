#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QUrl>

#include <chrono>
#include <optional>
#include <utility>

using HttpHeaders = QList<std::pair<QByteArray, QByteArray>>;

// What to send. GETs are always safe to repeat; a write is repeated (after a transport error,
// timeout or 5xx) only when its caller sets safeToRepeat.
struct HttpRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    HttpHeaders headers;        // added to (and overriding) the client's default headers
    // The base URL of the service the request is for (https://api.github.com, https://HOST/api/v3).
    // A request that carries credentials (Authorization) must name it and is sent only to a URL
    // within it (isWithinScope); Link pagination follows only links within it.
    QUrl scope;
    QByteArray body;
    bool safeToRepeat = false;
    std::chrono::milliseconds timeout{0};  // 0: the client's default

    bool isGet() const { return method == "GET"; }
    bool isRepeatable() const { return isGet() || safeToRepeat; }
    void setHeader(const QByteArray &name, const QByteArray &value);  // replaces (case-insensitive)

    static HttpRequest get(const QUrl &url);
    static HttpRequest post(const QUrl &url, const QByteArray &jsonBody);
};

// Credentials (e.g. a token, a JWT, an API key) travel in these headers; names are case-insensitive.
bool isCredentialHeader(QByteArrayView name);

// `url`'s origin as "scheme://host:port", the port always written (443/80 when the URL has none);
// no user info, path or query: safe to show.
QString originText(const QUrl &url);

// `scope` as it is shown in messages: without user info, query or fragment.
QString scopeText(const QUrl &scope);

// True when `url` has the scheme, host and port (default ports filled in) of `scope`, and its path
// is the scope's path or below it (https://HOST/api/v3 holds /api/v3/app, not /api/v30 or /admin)
// with no "." or ".." segment. An empty or relative `scope` holds nothing.
bool isWithinScope(const QUrl &url, const QUrl &scope);

// What came back. Any status is a response here; HttpClient turns non-2xx into ApiError::Http.
struct HttpResponse
{
    int status = 0;
    QByteArray body;
    HttpHeaders headers;
    bool fromCache = false;     // a 304 answered from the ETag cache (status is then the cached one)
    QUrl url;                   // the URL finally answered (after redirects)

    // First value of the header, case-insensitive; empty when absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
};

// GitHub's rate limit as last reported by the `x-ratelimit-*` headers. limit < 0: not known yet.
struct RateLimit
{
    int limit = -1;
    int remaining = -1;
    int used = -1;
    QDateTime reset;            // UTC
    QString resource;           // `core`, `search`, ...

    bool isKnown() const { return limit >= 0; }
    bool operator==(const RateLimit &) const = default;
    // Parsed from response headers; nullopt when they carry no rate limit.
    static std::optional<RateLimit> fromHeaders(const HttpHeaders &headers);
};
