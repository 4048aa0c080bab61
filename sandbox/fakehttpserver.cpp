#include "fakehttpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype kMaxHeaderBytes = 64 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
    }
}

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

struct FakeHttpServer::Route
{
    QByteArray method;
    QString exactPath;
    QRegularExpression pattern;
    Handler handler;
    QList<FakeResponse> answers;

    bool matches(const RecordedRequest &request) const
    {
        if (!sameName(method, request.method))
            return false;
        if (!exactPath.isEmpty()) {
            if (exactPath.contains(u'?'))
                return exactPath == QString::fromLatin1(request.target);
            return exactPath == request.path();
        }
        return pattern.match(QString::fromLatin1(request.target)).hasMatch();
    }
};

struct FakeHttpServer::Connection
{
    QByteArray buffer;
    bool busy = false;          // an answer is pending (delayed)
};

QString RecordedRequest::path() const
{
    const qsizetype q = target.indexOf('?');
    return QUrl::fromPercentEncoding(q < 0 ? target : target.left(q));
}

QString RecordedRequest::query(const QString &key) const
{
    const qsizetype q = target.indexOf('?');
    if (q < 0)
        return {};
    return QUrlQuery(QString::fromLatin1(target.mid(q + 1))).queryItemValue(key, QUrl::FullyDecoded);
}

QByteArray RecordedRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (sameName(key, name))
            return value;
    }
    return {};
}

bool RecordedRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (sameName(h.first, name))
            return true;
    }
    return false;
}

FakeResponse &FakeResponse::withHeader(const QByteArray &name, const QByteArray &value)
{
    headers.removeIf([&](const auto &h) { return sameName(h.first, name); });
    headers.append({name, value});
    return *this;
}

FakeResponse &FakeResponse::withDelay(std::chrono::milliseconds value)
{
    delay = value;
    return *this;
}

FakeResponse FakeResponse::json(int status, const QByteArray &body)
{
    return text(status, body, "application/json; charset=utf-8");
}

FakeResponse FakeResponse::html(int status, const QByteArray &body)
{
    return text(status, body, "text/html; charset=utf-8");
}

FakeResponse FakeResponse::text(int status, const QByteArray &body, const QByteArray &contentType)
{
    FakeResponse r;
    r.status = status;
    r.body = body;
    r.headers.append({"Content-Type", contentType});
    return r;
}

FakeResponse FakeResponse::dropped()
{
    FakeResponse r;
    r.dropConnection = true;
    return r;
}

FakeResponse FakeResponse::fromNockRecord(const QByteArray &recordJson, const QByteArray &rebaseFrom,
                                          const QByteArray &rebaseTo)
{
    const QJsonObject record = QJsonDocument::fromJson(recordJson).object();
    FakeResponse r;
    r.status = record.value("status"_L1).toInt(200);
    const QJsonValue body = record.value("response"_L1);
    if (body.isString())
        r.body = body.toString().toUtf8();
    else if (body.isArray())
        r.body = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    else if (body.isObject())
        r.body = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    const bool rebase = !rebaseFrom.isEmpty();
    if (rebase)
        r.body.replace(rebaseFrom, rebaseTo);
    const QJsonArray raw = record.value("rawHeaders"_L1).toArray();
    for (qsizetype i = 0; i + 1 < raw.size(); i += 2) {
        const QByteArray name = raw.at(i).toString().toLatin1();
        QByteArray value = raw.at(i + 1).toString().toUtf8();
        if (sameName(name, "content-length") || sameName(name, "connection")
            || sameName(name, "transfer-encoding") || sameName(name, "content-encoding"))
            continue;
        if (rebase)
            value.replace(rebaseFrom, rebaseTo);
        r.headers.append({name, value});
    }
    return r;
}

FakeHttpServer::FakeHttpServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &FakeHttpServer::onNewConnection);
    m_fallback = [](const RecordedRequest &) {
        return FakeResponse::json(404, R"({"message":"Not Found","documentation_url":"https://docs.github.com/rest"})");
    };
}

FakeHttpServer::~FakeHttpServer() = default;

bool FakeHttpServer::listen(quint16 port)
{
    return m_server->listen(QHostAddress::LocalHost, port);
}

QString FakeHttpServer::errorString() const
{
    return m_server->errorString();
}

quint16 FakeHttpServer::port() const
{
    return m_server->serverPort();
}

QUrl FakeHttpServer::baseUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_server->serverPort());
    return url;
}

void FakeHttpServer::addRoute(const QByteArray &method, const QString &path, FakeResponse response)
{
    addRoute(method, path, QList<FakeResponse>{std::move(response)});
}

void FakeHttpServer::addRoute(const QByteArray &method, const QString &path, QList<FakeResponse> answers)
{
    auto route = std::make_shared<Route>();
    route->method = method;
    route->exactPath = path;
    route->answers = std::move(answers);
    m_routes.append(route);
}

void FakeHttpServer::addRoute(const QByteArray &method, const QRegularExpression &pattern, Handler handler)
{
    auto route = std::make_shared<Route>();
    route->method = method;
    route->pattern = QRegularExpression(QRegularExpression::anchoredPattern(pattern.pattern()),
                                        pattern.patternOptions());
    route->handler = std::move(handler);
    m_routes.append(route);
}

void FakeHttpServer::addRoute(const QByteArray &method, const QRegularExpression &pattern, FakeResponse response)
{
    addRoute(method, pattern, [response](const RecordedRequest &) { return response; });
}

void FakeHttpServer::addNockRecord(const QByteArray &recordJson, const QByteArray &rebaseFrom,
                                   const QByteArray &rebaseTo)
{
    const QJsonObject record = QJsonDocument::fromJson(recordJson).object();
    addRoute(record.value("method"_L1).toString().toUpper().toLatin1(), record.value("path"_L1).toString(),
             FakeResponse::fromNockRecord(recordJson, rebaseFrom, rebaseTo));
}

void FakeHttpServer::clearRoutes()
{
    m_routes.clear();
}

void FakeHttpServer::setFallback(Handler handler)
{
    m_fallback = std::move(handler);
}

QList<RecordedRequest> FakeHttpServer::requests(const QByteArray &method, const QString &path) const
{
    QList<RecordedRequest> result;
    for (const RecordedRequest &r : m_requests) {
        if (sameName(r.method, method) && r.path() == path)
            result.append(r);
    }
    return result;
}

void FakeHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        ++m_connectionCount;
        m_connections.insert(socket, std::make_shared<Connection>());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_connections.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeHttpServer::onReadyRead(QTcpSocket *socket)
{
    const auto connection = m_connections.value(socket);
    if (!connection)
        return;
    connection->buffer += socket->readAll();
    processBuffer(socket);
}

void FakeHttpServer::processBuffer(QTcpSocket *socket)
{
    const auto connection = m_connections.value(socket);
    if (!connection || connection->busy)
        return;
    QByteArray &buffer = connection->buffer;
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (buffer.size() > kMaxHeaderBytes)
            socket->abort();
        return;
    }
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() < 3) {
        socket->abort();
        return;
    }
    RecordedRequest request;
    request.method = requestLine.at(0);
    request.target = requestLine.at(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    const qsizetype length = request.header("content-length").toLongLong();
    if (buffer.size() < headerEnd + 4 + length)
        return;
    request.body = buffer.mid(headerEnd + 4, length);
    buffer.remove(0, headerEnd + 4 + length);

    const bool http10 = requestLine.at(2) == "HTTP/1.0";
    const QByteArray connectionHeader = request.header("connection").toLower();
    const bool keepAlive = http10 ? connectionHeader == "keep-alive" : connectionHeader != "close";

    m_requests.append(request);
    Q_EMIT requestReceived(request);
    answer(socket, request, keepAlive);
}

FakeResponse FakeHttpServer::responseFor(const RecordedRequest &request)
{
    for (auto it = m_routes.crbegin(); it != m_routes.crend(); ++it) {
        Route &route = **it;
        if (!route.matches(request))
            continue;
        if (route.handler)
            return route.handler(request);
        if (route.answers.isEmpty())
            continue;
        return route.answers.size() > 1 ? route.answers.takeFirst() : route.answers.first();
    }
    return m_fallback(request);
}

void FakeHttpServer::answer(QTcpSocket *socket, const RecordedRequest &request, bool keepAlive)
{
    const FakeResponse response = responseFor(request);
    const auto connection = m_connections.value(socket);
    auto send = [this, socket, response, keepAlive, head = request.method == "HEAD"] {
        if (response.dropConnection) {
            socket->abort();
            return;
        }
        QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
            + reasonPhrase(response.status) + "\r\n";
        for (const auto &[name, value] : response.headers) {
            if (!sameName(name, "content-length") && !sameName(name, "connection"))
                out += name + ": " + value + "\r\n";
        }
        const bool hasBody = response.status != 204 && response.status != 304;
        if (hasBody)
            out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
        out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
        out += "\r\n";
        if (hasBody && !head)
            out += response.body;
        socket->write(out);
        if (!keepAlive) {
            socket->disconnectFromHost();
            return;
        }
        if (const auto c = m_connections.value(socket)) {
            c->busy = false;
            if (!c->buffer.isEmpty())
                processBuffer(socket);
        }
    };
    if (response.delay.count() > 0) {
        if (connection)
            connection->busy = true;
        QTimer::singleShot(response.delay, socket, send);
    } else {
        send();
    }
}
