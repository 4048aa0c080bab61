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
    QByteArray body;
    bool safeToRepeat = false;
    std::chrono::milliseconds timeout{0};  // 0: the client's default

    bool isGet() const { return method == "GET"; }
    bool isRepeatable() const { return isGet() || safeToRepeat; }
    void setHeader(const QByteArray &name, const QByteArray &value);  // replaces (case-insensitive)

    static HttpRequest get(const QUrl &url);
    static HttpRequest post(const QUrl &url, const QByteArray &jsonBody);
};

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
