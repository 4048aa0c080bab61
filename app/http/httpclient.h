#pragma once

#include <QHash>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <expected>
#include <functional>
#include <memory>

#include "http/apierror.h"
#include "http/httpclock.h"
#include "http/httprequest.h"

class QNetworkReply;

struct HttpClientConfig
{
    std::chrono::milliseconds timeout{30000};           // default per request
    int maxRetries = 3;                                 // transport error, timeout, 5xx (safe requests)
    std::chrono::milliseconds retryBaseDelay{1000};     // backoff: base * 2^n, "equal jitter"
    std::chrono::milliseconds retryMaxDelay{30000};
    int maxRateLimitWaits = 3;                          // rate-limit waits per request (any method)
    // GitHub's rules (403/429 with retry-after, x-ratelimit-reset or a secondary limit). Off (e.g.
    // Stripe): only a 429 waits, for retry-after or else the usual backoff, within maxRateLimitWaits.
    bool gitHubRateLimits = true;
    std::chrono::milliseconds secondaryLimitWait{60000};  // first wait; doubles after each
    std::chrono::milliseconds maxRateLimitWait{3600000};  // a longer wait fails at once (Kind::Http)
    std::chrono::milliseconds writeSpacing{1000};       // between the end of a write and the next
    int etagCacheEntries = 500;
};

// Asynchronous HTTP for one remote API (GitHub or Stripe) over a QNetworkAccessManager that all
// API clients share. Lives in and is used from one thread (the UI thread); never blocks.
//
// send() calls `done` exactly once, later (never from inside send()), unless `context` is
// destroyed first: then the request is aborted and `done` is never called. 2xx (and a 304 served
// from the ETag cache) is a value; anything else an ApiError (HTTP status → Kind::Http with the
// API's error body decoded by the error-body decoder).
// Rules: timeout on every request; retries with backoff only for repeatable requests; GitHub's
// rate-limit waits (retry-after, x-ratelimit-reset, secondary limit) for any method; writes
// (non-GET) one at a time, `writeSpacing` apart; an ETag cache for GETs (keyed by URL and Accept).
// Credentials never leave their service: a request carrying a credential header (Authorization,
// also as a default header) is sent only when its URL lies within the request's `scope`, and
// redirects are followed only within that scope (without a scope: within the request's origin);
// anything else is Kind::ForeignOrigin, with nothing sent to the foreign origin.
class HttpClient : public QObject
{
    Q_OBJECT

public:
    using Result = std::expected<HttpResponse, ApiError>;
    using Callback = std::function<void(Result)>;
    using ErrorBodyDecoder = std::function<void(const QByteArray &body, ApiError &error)>;

    // `network` is not owned and must outlive the client.
    explicit HttpClient(QNetworkAccessManager *network, HttpClientConfig config = {},
                        QObject *parent = nullptr);
    ~HttpClient() override;  // aborts what is in flight; no callbacks after

    void send(HttpRequest request, QObject *context, Callback done);

    // Sent with every request unless the request sets the same header (e.g. Accept, User-Agent,
    // X-GitHub-Api-Version). Never put credentials here when the client is shared.
    void setDefaultHeader(const QByteArray &name, const QByteArray &value);
    // Decodes an error body into an Http ApiError. Default: decodeGitHubErrorBody.
    void setErrorBodyDecoder(ErrorBodyDecoder decoder);
    // `clock` is not owned and must outlive the client. Default: SystemHttpClock::instance().
    void setClock(HttpClock *clock);

    const HttpClientConfig &config() const { return m_config; }
    void setConfig(const HttpClientConfig &config) { m_config = config; }
    QNetworkAccessManager *network() const { return m_network; }

    RateLimit rateLimit() const { return m_rateLimit; }
    void clearEtagCache();

    // Fail every pending request with Kind::Cancelled (callbacks whose context still exists).
    void cancelAll();

Q_SIGNALS:
    void rateLimitChanged(const RateLimit &rateLimit);
    // A request waits for a rate limit (retry-after, reset or secondary limit) until `until`.
    void rateLimitWait(const QUrl &url, const QDateTime &until);

private:
    struct Operation;
    struct CacheEntry
    {
        QByteArray etag;
        HttpResponse response;
        quint64 sequence = 0;
    };

    void attempt(const std::shared_ptr<Operation> &op);
    void onFinished(const std::shared_ptr<Operation> &op, QNetworkReply *reply);
    void retryAfter(const std::shared_ptr<Operation> &op, std::chrono::milliseconds delay);
    void finish(const std::shared_ptr<Operation> &op, Result result);
    void drop(const std::shared_ptr<Operation> &op);
    void startNextWrite();
    bool handleRateLimit(const std::shared_ptr<Operation> &op, const HttpResponse &response);
    std::chrono::milliseconds backoff(int retry) const;
    void updateRateLimit(const HttpHeaders &headers);
    QByteArray cacheKey(const HttpRequest &request) const;
    HttpHeaders effectiveHeaders(const HttpRequest &request) const;
    std::optional<ApiError> credentialRefusal(const Operation &op) const;
    static bool mayFollow(const Operation &op, const QUrl &target);
    ApiError httpError(const Operation &op, const HttpResponse &response) const;

    QNetworkAccessManager *m_network;
    HttpClientConfig m_config;
    HttpClock *m_clock;
    HttpHeaders m_defaultHeaders;
    ErrorBodyDecoder m_errorDecoder;
    RateLimit m_rateLimit;
    QHash<QByteArray, CacheEntry> m_etagCache;
    quint64 m_cacheSequence = 0;
    QList<std::shared_ptr<Operation>> m_operations;   // every unfinished operation
    QList<std::shared_ptr<Operation>> m_writeQueue;   // writes waiting for their turn
    std::shared_ptr<Operation> m_activeWrite;
    QDateTime m_lastWriteEnd;
};

// Parse a 2xx JSON body; malformed or non-JSON (e.g. an HTML page) → Kind::Decode with a short,
// clean message (no body dump).
std::expected<QJsonDocument, ApiError> parseJsonBody(const HttpResponse &response);
