#include "http/httprequest.h"

#include <QDateTime>
#include <QStringList>

using namespace Qt::StringLiterals;

void HttpRequest::setHeader(const QByteArray &name, const QByteArray &value)
{
    headers.removeIf([&](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    headers.append({name, value});
}

HttpRequest HttpRequest::get(const QUrl &url)
{
    HttpRequest r;
    r.url = url;
    return r;
}

HttpRequest HttpRequest::post(const QUrl &url, const QByteArray &jsonBody)
{
    HttpRequest r;
    r.method = QByteArrayLiteral("POST");
    r.url = url;
    r.body = jsonBody;
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    return r;
}

bool isCredentialHeader(QByteArrayView name)
{
    return name.compare("authorization", Qt::CaseInsensitive) == 0
        || name.compare("proxy-authorization", Qt::CaseInsensitive) == 0
        || name.compare("cookie", Qt::CaseInsensitive) == 0;
}

namespace {

int effectivePort(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.port(scheme == u"https"_s ? 443 : scheme == u"http"_s ? 80 : -1);
}

} // namespace

QString originText(const QUrl &url)
{
    QUrl origin;
    origin.setScheme(url.scheme().toLower());
    origin.setHost(url.host().toLower());
    origin.setPort(effectivePort(url));
    return origin.toString();
}

QString scopeText(const QUrl &scope)
{
    return scope.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
}

bool isWithinScope(const QUrl &url, const QUrl &scope)
{
    if (!url.isValid() || !scope.isValid() || scope.isRelative() || scope.host().isEmpty())
        return false;
    if (url.scheme().compare(scope.scheme(), Qt::CaseInsensitive) != 0
        || url.host().compare(scope.host(), Qt::CaseInsensitive) != 0
        || effectivePort(url) != effectivePort(scope))
        return false;
    const QString path = url.path(QUrl::FullyDecoded);
    const QStringList segments = path.split(u'/');
    if (segments.contains(u"."_s) || segments.contains(u".."_s))
        return false;
    QString base = scope.path(QUrl::FullyDecoded);
    while (base.endsWith(u'/'))
        base.chop(1);
    return base.isEmpty() || path == base || path.startsWith(base + u'/');
}

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpResponse::hasHeader(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

std::optional<RateLimit> RateLimit::fromHeaders(const HttpHeaders &headers)
{
    HttpResponse view;
    view.headers = headers;
    bool limitOk = false;
    bool remainingOk = false;
    const int limit = view.header("x-ratelimit-limit").trimmed().toInt(&limitOk);
    const int remaining = view.header("x-ratelimit-remaining").trimmed().toInt(&remainingOk);
    if (!limitOk || !remainingOk)
        return std::nullopt;
    RateLimit r;
    r.limit = limit;
    r.remaining = remaining;
    bool ok = false;
    const int used = view.header("x-ratelimit-used").trimmed().toInt(&ok);
    r.used = ok ? used : limit - remaining;
    const qint64 reset = view.header("x-ratelimit-reset").trimmed().toLongLong(&ok);
    if (ok)
        r.reset = QDateTime::fromSecsSinceEpoch(reset, Qt::UTC);
    r.resource = QString::fromLatin1(view.header("x-ratelimit-resource").trimmed());
    return r;
}
