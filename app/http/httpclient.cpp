#include "http/httpclient.h"

#include <QCryptographicHash>
#include <QJsonParseError>
#include <QLocale>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

struct HttpClient::Operation
{
    HttpRequest request;
    QPointer<QObject> context;
    bool hasContext = false;
    Callback done;
    QMetaObject::Connection contextConnection;
    QPointer<QNetworkReply> reply;
    QByteArray cacheKey;
    bool sentIfNoneMatch = false;
    bool timedOut = false;
    bool finished = false;
    QUrl refusedRedirect;       // a redirect target outside the request's scope: not followed
    int retries = 0;
    int rateLimitWaits = 0;
    int secondaryWaits = 0;
    QString reason;

    bool isWrite() const { return !request.isGet(); }
    QString describe() const
    {
        return QString::fromLatin1(request.method) + u' '
            + request.url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo | QUrl::RemoveFragment);
    }
};

namespace {

// A write's body that can be read once. Qt's HTTP layer silently sends a request again on a new
// connection when the old one closed before any answer (a keep-alive connection the server had
// dropped, or a server that stored the request and then lost the connection); for a write that is
// not safe to repeat that would be a duplicate (two comments). A body that cannot be rewound makes
// Qt report the error instead (ContentReSendError, no HTTP status: a transport error here).
class OneShotBody : public QIODevice
{
public:
    explicit OneShotBody(QByteArray data) : m_data(std::move(data)) { open(QIODevice::ReadOnly); }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_data.size() - m_read + QIODevice::bytesAvailable(); }
    bool reset() override { return false; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min<qint64>(maxSize, m_data.size() - m_read);
        std::memcpy(data, m_data.constData() + m_read, size_t(n));
        m_read += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_read = 0;
};

bool isTransportError(QNetworkReply::NetworkError error)
{
    const int code = int(error);
    return (code >= 1 && code < 200) || (code >= 300 && code < 400);
}

milliseconds toMs(qint64 seconds)
{
    return milliseconds(seconds * 1000);
}

// `retry-after` is seconds or an HTTP date.
std::optional<milliseconds> parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok)
        return toMs(std::max<qint64>(seconds, 0));
    const QDateTime date = QLocale::c().toDateTime(QString::fromLatin1(trimmed).replace(u" GMT"_s, QString()),
                                                   u"ddd, dd MMM yyyy hh:mm:ss"_s);
    if (!date.isValid())
        return std::nullopt;
    QDateTime utc = date;
    utc.setTimeSpec(Qt::UTC);
    return milliseconds(std::max<qint64>(now.msecsTo(utc), 0));
}

QString seconds(milliseconds ms)
{
    return QString::number(double(ms.count()) / 1000.0, 'g', 6);
}

} // namespace

HttpClient::HttpClient(QNetworkAccessManager *network, HttpClientConfig config, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_config(config)
    , m_clock(SystemHttpClock::instance())
    , m_errorDecoder(decodeGitHubErrorBody)
{
}

HttpClient::~HttpClient()
{
    const auto operations = m_operations;
    for (const auto &op : operations) {
        op->finished = true;
        QObject::disconnect(op->contextConnection);
        if (op->reply)
            op->reply->abort();
    }
}

void HttpClient::setDefaultHeader(const QByteArray &name, const QByteArray &value)
{
    m_defaultHeaders.removeIf(
        [&](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    m_defaultHeaders.append({name, value});
}

void HttpClient::setErrorBodyDecoder(ErrorBodyDecoder decoder)
{
    m_errorDecoder = std::move(decoder);
}

void HttpClient::setClock(HttpClock *clock)
{
    m_clock = clock ? clock : SystemHttpClock::instance();
}

void HttpClient::clearEtagCache()
{
    m_etagCache.clear();
}

void HttpClient::send(HttpRequest request, QObject *context, Callback done)
{
    auto op = std::make_shared<Operation>();
    op->request = std::move(request);
    op->context = context;
    op->hasContext = context != nullptr;
    op->done = std::move(done);
    if (context) {
        std::weak_ptr<Operation> weak = op;
        op->contextConnection = connect(context, &QObject::destroyed, this, [this, weak] {
            if (auto alive = weak.lock())
                drop(alive);
        });
    }
    m_operations.append(op);
    if (auto refused = credentialRefusal(*op)) {
        // Nothing is sent; the caller still hears back later, never from inside send().
        std::weak_ptr<Operation> weak = op;
        QTimer::singleShot(0, this, [this, weak, error = std::move(*refused)] {
            if (auto alive = weak.lock())
                finish(alive, std::unexpected(error));
        });
        return;
    }
    if (op->isWrite()) {
        m_writeQueue.append(op);
        startNextWrite();
    } else {
        attempt(op);
    }
}

void HttpClient::startNextWrite()
{
    if (m_activeWrite || m_writeQueue.isEmpty())
        return;
    auto op = m_writeQueue.takeFirst();
    m_activeWrite = op;
    milliseconds wait{0};
    if (m_lastWriteEnd.isValid())
        wait = std::max(milliseconds(m_clock->now().msecsTo(m_lastWriteEnd.addMSecs(m_config.writeSpacing.count()))), 0ms);
    if (wait > 0ms) {
        std::weak_ptr<Operation> weak = op;
        m_clock->callAfter(wait, this, [this, weak] {
            if (auto alive = weak.lock(); alive && !alive->finished)
                attempt(alive);
        });
    } else {
        attempt(op);
    }
}

HttpHeaders HttpClient::effectiveHeaders(const HttpRequest &request) const
{
    HttpHeaders headers;
    for (const auto &h : m_defaultHeaders) {
        const bool overridden = std::any_of(request.headers.begin(), request.headers.end(), [&](const auto &r) {
            return r.first.compare(h.first, Qt::CaseInsensitive) == 0;
        });
        if (!overridden)
            headers.append(h);
    }
    headers.append(request.headers);
    return headers;
}

std::optional<ApiError> HttpClient::credentialRefusal(const Operation &op) const
{
    const HttpHeaders headers = effectiveHeaders(op.request);
    const bool credentials = std::any_of(headers.begin(), headers.end(),
                                         [](const auto &h) { return isCredentialHeader(h.first) && !h.second.isEmpty(); });
    if (!credentials)
        return std::nullopt;
    if (op.request.scope.isEmpty())
        return ApiError::foreignOrigin(op.describe()
                                       + u": not sent: it carries credentials but names no service they belong to"_s);
    if (isWithinScope(op.request.url, op.request.scope))
        return std::nullopt;
    return ApiError::foreignOrigin(op.describe() + u": not sent: credentials for "_s + scopeText(op.request.scope)
                                   + u" never go to "_s + originText(op.request.url));
}

bool HttpClient::mayFollow(const Operation &op, const QUrl &target)
{
    if (!op.request.scope.isEmpty())
        return isWithinScope(target, op.request.scope);
    QUrl origin = op.request.url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
    return isWithinScope(target, origin);
}

QByteArray HttpClient::cacheKey(const HttpRequest &request) const
{
    HttpResponse view;
    view.headers = effectiveHeaders(request);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(request.url.toEncoded());
    hash.addData("\n");
    hash.addData(view.header("accept"));
    // Not the Authorization header: tokens rotate (a JWT every few minutes) and the server
    // validates the ETag against what the current credentials may see.
    return hash.result();
}

void HttpClient::attempt(const std::shared_ptr<Operation> &op)
{
    if (op->finished)
        return;
    QNetworkRequest request(op->request.url);
    // Qt copies every header of the request, Authorization included, onto the redirected request.
    // So each redirect is checked here (UserVerifiedRedirectPolicy): followed only within the
    // request's scope (or its origin when it has none), else refused before anything is sent.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
    const HttpHeaders headers = effectiveHeaders(op->request);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);

    op->sentIfNoneMatch = false;
    if (op->request.isGet()) {
        op->cacheKey = cacheKey(op->request);
        const auto cached = m_etagCache.constFind(op->cacheKey);
        if (cached != m_etagCache.cend() && !request.hasRawHeader("If-None-Match")) {
            request.setRawHeader("If-None-Match", cached->etag);
            op->sentIfNoneMatch = true;
        }
    }

    QNetworkReply *reply = nullptr;
    if (op->request.isGet())
        reply = m_network->get(request);
    else if (op->request.isRepeatable())
        reply = m_network->sendCustomRequest(request, op->request.method, op->request.body);
    else {
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        request.setHeader(QNetworkRequest::ContentLengthHeader, op->request.body.size());
        auto *body = new OneShotBody(op->request.body);
        reply = m_network->sendCustomRequest(request, op->request.method, body);
        body->setParent(reply);
    }
    op->reply = reply;
    op->timedOut = false;

    const milliseconds timeout = op->request.timeout > 0ms ? op->request.timeout : m_config.timeout;
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, [op, reply] {
        op->timedOut = true;
        reply->abort();
    });
    timer->start(timeout);

    connect(reply, &QNetworkReply::redirected, this, [op, reply](const QUrl &target) {
        const QUrl resolved = reply->url().resolved(target);
        if (mayFollow(*op, resolved)) {
            Q_EMIT reply->redirectAllowed();
            return;
        }
        op->refusedRedirect = resolved;
        reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, op, reply] { onFinished(op, reply); });
}

void HttpClient::onFinished(const std::shared_ptr<Operation> &op, QNetworkReply *reply)
{
    reply->deleteLater();
    if (op->reply == reply)
        op->reply = nullptr;
    if (op->finished)
        return;

    const bool repeatable = op->request.isRepeatable();
    const bool canRetry = repeatable && op->retries < m_config.maxRetries;
    const QNetworkReply::NetworkError error = reply->error();

    if (op->timedOut) {
        if (canRetry)
            return retryAfter(op, backoff(op->retries));
        const milliseconds timeout = op->request.timeout > 0ms ? op->request.timeout : m_config.timeout;
        return finish(op, std::unexpected(ApiError::timeout(
                              op->describe() + u": no answer within "_s + seconds(timeout) + u" s"_s)));
    }

    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (op->refusedRedirect.isValid()) {
        const QString where = op->request.scope.isEmpty() ? originText(op->request.url) : scopeText(op->request.scope);
        const QString status = statusAttribute.isValid() ? u"HTTP "_s + statusAttribute.toString() + u' ' : QString();
        return finish(op, std::unexpected(ApiError::foreignOrigin(
                              op->describe() + u": "_s + status + u"redirect to "_s + originText(op->refusedRedirect)
                              + u", outside "_s + where + u", not followed"_s)));
    }
    if (error == QNetworkReply::InsecureRedirectError || error == QNetworkReply::TooManyRedirectsError) {
        const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
        return finish(op, std::unexpected(ApiError::http(
                              status, op->describe() + u": HTTP "_s + QString::number(status)
                                  + (error == QNetworkReply::TooManyRedirectsError
                                         ? u" (too many redirects)"_s
                                         : u" (insecure redirect not followed)"_s))));
    }
    if (!statusAttribute.isValid() || isTransportError(error)) {
        if (canRetry)
            return retryAfter(op, backoff(op->retries));
        return finish(op, std::unexpected(ApiError::transport(op->describe() + u": "_s + reply->errorString())));
    }

    HttpResponse response;
    response.status = statusAttribute.toInt();
    response.body = reply->readAll();
    response.headers = reply->rawHeaderPairs();
    response.url = reply->url();
    op->reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    updateRateLimit(response.headers);

    if (response.status == 304 && op->sentIfNoneMatch) {
        const auto cached = m_etagCache.constFind(op->cacheKey);
        if (cached != m_etagCache.cend()) {
            HttpResponse fromCache = cached->response;
            for (const auto &[name, value] : std::as_const(response.headers)) {
                if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                    continue;
                fromCache.headers.removeIf(
                    [&](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
                fromCache.headers.append({name, value});
            }
            fromCache.fromCache = true;
            fromCache.url = response.url;
            return finish(op, std::move(fromCache));
        }
    }

    if (response.status >= 200 && response.status < 300) {
        const QByteArray etag = response.header("etag");
        if (op->request.isGet() && !etag.isEmpty()) {
            if (m_etagCache.size() >= m_config.etagCacheEntries && !m_etagCache.contains(op->cacheKey)) {
                auto oldest = std::min_element(m_etagCache.begin(), m_etagCache.end(),
                                               [](const CacheEntry &a, const CacheEntry &b) {
                                                   return a.sequence < b.sequence;
                                               });
                if (oldest != m_etagCache.end())
                    m_etagCache.erase(oldest);
            }
            m_etagCache.insert(op->cacheKey, CacheEntry{etag, response, ++m_cacheSequence});
        }
        return finish(op, std::move(response));
    }

    if (handleRateLimit(op, response))
        return;

    if (response.status >= 500 && canRetry)
        return retryAfter(op, backoff(op->retries));

    finish(op, std::unexpected(httpError(*op, response)));
}

bool HttpClient::handleRateLimit(const std::shared_ptr<Operation> &op, const HttpResponse &response)
{
    if (response.status != 429 && (response.status != 403 || !m_config.gitHubRateLimits))
        return false;
    const QDateTime now = m_clock->now();
    std::optional<milliseconds> wait;
    if (response.hasHeader("retry-after"))
        wait = parseRetryAfter(response.header("retry-after"), now);
    if (!wait && !m_config.gitHubRateLimits)
        wait = backoff(op->rateLimitWaits);
    if (!wait && response.header("x-ratelimit-remaining").trimmed() == "0") {
        bool ok = false;
        const qint64 reset = response.header("x-ratelimit-reset").trimmed().toLongLong(&ok);
        if (ok)
            wait = std::max(milliseconds(now.msecsTo(QDateTime::fromSecsSinceEpoch(reset, Qt::UTC))), 1000ms);
    }
    if (!wait) {
        const QByteArray body = response.body.toLower();
        const bool secondary = body.contains("secondary rate limit") || body.contains("abuse detection");
        if (!secondary && response.status != 429)
            return false;
        wait = m_config.secondaryLimitWait * (qint64(1) << std::min(op->secondaryWaits, 20));
        ++op->secondaryWaits;
    }

    if (op->rateLimitWaits >= m_config.maxRateLimitWaits || *wait > m_config.maxRateLimitWait) {
        ApiError error = httpError(*op, response);
        error.message += u" (rate limited; retry after "_s
            + now.addMSecs(wait->count()).toString(Qt::ISODate) + u')';
        finish(op, std::unexpected(std::move(error)));
        return true;
    }
    ++op->rateLimitWaits;
    Q_EMIT rateLimitWait(op->request.url, now.addMSecs(wait->count()));
    std::weak_ptr<Operation> weak = op;
    m_clock->callAfter(*wait, this, [this, weak] {
        if (auto alive = weak.lock(); alive && !alive->finished)
            attempt(alive);
    });
    return true;
}

void HttpClient::retryAfter(const std::shared_ptr<Operation> &op, milliseconds delay)
{
    ++op->retries;
    if (op->isWrite())
        delay = std::max(delay, m_config.writeSpacing);
    std::weak_ptr<Operation> weak = op;
    m_clock->callAfter(delay, this, [this, weak] {
        if (auto alive = weak.lock(); alive && !alive->finished)
            attempt(alive);
    });
}

milliseconds HttpClient::backoff(int retry) const
{
    const qint64 base = m_config.retryBaseDelay.count();
    const qint64 full = std::min<qint64>(base << std::min(retry, 20), m_config.retryMaxDelay.count());
    const qint64 half = full / 2;
    return milliseconds(half + qint64(QRandomGenerator::global()->bounded(double(full - half + 1))));
}

ApiError HttpClient::httpError(const Operation &op, const HttpResponse &response) const
{
    QString message = op.describe() + u": HTTP "_s + QString::number(response.status);
    if (!op.reason.isEmpty())
        message += u' ' + op.reason;
    ApiError error = ApiError::http(response.status, message);
    QByteArray requestId = response.header("x-github-request-id");
    if (requestId.isEmpty())
        requestId = response.header("request-id");
    error.requestId = QString::fromLatin1(requestId);
    if (m_errorDecoder)
        m_errorDecoder(response.body, error);
    return error;
}

void HttpClient::updateRateLimit(const HttpHeaders &headers)
{
    const auto limit = RateLimit::fromHeaders(headers);
    if (!limit || *limit == m_rateLimit)
        return;
    m_rateLimit = *limit;
    Q_EMIT rateLimitChanged(m_rateLimit);
}

void HttpClient::finish(const std::shared_ptr<Operation> &op, Result result)
{
    if (op->finished)
        return;
    op->finished = true;
    QObject::disconnect(op->contextConnection);
    if (op->reply) {
        QNetworkReply *reply = op->reply;
        op->reply = nullptr;
        reply->abort();
    }
    m_operations.removeOne(op);
    m_writeQueue.removeOne(op);
    if (m_activeWrite == op) {
        m_activeWrite.reset();
        m_lastWriteEnd = m_clock->now();
        startNextWrite();
    }
    if (op->hasContext && !op->context)
        return;
    Callback done = std::move(op->done);
    if (done)
        done(std::move(result));
}

void HttpClient::drop(const std::shared_ptr<Operation> &op)
{
    if (op->finished)
        return;
    op->done = nullptr;
    op->context = nullptr;
    op->hasContext = true;
    finish(op, std::unexpected(ApiError::cancelled(op->describe())));
}

void HttpClient::cancelAll()
{
    const auto queued = m_writeQueue;
    m_writeQueue.clear();
    for (const auto &op : queued)
        finish(op, std::unexpected(ApiError::cancelled(op->describe() + u": cancelled"_s)));
    const auto operations = m_operations;
    for (const auto &op : operations)
        finish(op, std::unexpected(ApiError::cancelled(op->describe() + u": cancelled"_s)));
}

std::expected<QJsonDocument, ApiError> parseJsonBody(const HttpResponse &response)
{
    const QString where = response.url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo | QUrl::RemoveFragment);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(response.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray contentType = response.header("content-type");
        QString what = u"malformed JSON ("_s + parseError.errorString() + u" at offset "_s
            + QString::number(parseError.offset) + u')';
        if (response.body.trimmed().isEmpty())
            what = u"an empty body instead of JSON"_s;
        else if (contentType.contains("html") || response.body.trimmed().startsWith('<'))
            what = u"an HTML page instead of JSON"_s;
        return std::unexpected(ApiError::decode(where + u": "_s + what));
    }
    return doc;
}
