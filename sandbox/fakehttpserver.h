#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QRegularExpression>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <utility>

class QTcpServer;
class QTcpSocket;

using FakeHeaders = QList<std::pair<QByteArray, QByteArray>>;

// One request as the fake server received it.
struct RecordedRequest
{
    QByteArray method;
    QByteArray target;          // path and query, as sent
    FakeHeaders headers;
    QByteArray body;

    QString path() const;       // decoded path without the query
    QString query(const QString &key) const;
    QByteArray header(QByteArrayView name) const;  // case-insensitive, first value
    bool hasHeader(QByteArrayView name) const;
};

// One answer: status, headers, body; or a delay, or a dropped connection.
struct FakeResponse
{
    int status = 200;
    FakeHeaders headers;        // Content-Length and Connection are set by the server
    QByteArray body;
    std::chrono::milliseconds delay{0};
    bool dropConnection = false;  // close the connection instead of answering

    FakeResponse &withHeader(const QByteArray &name, const QByteArray &value);
    FakeResponse &withDelay(std::chrono::milliseconds value);

    static FakeResponse json(int status, const QByteArray &body);
    static FakeResponse html(int status, const QByteArray &body);
    static FakeResponse text(int status, const QByteArray &body, const QByteArray &contentType);
    static FakeResponse dropped();
    // A nock record (octokit/fixtures: status, response, rawHeaders). Content-Length, Connection,
    // Transfer-Encoding and Content-Encoding of the recording are dropped; `rebaseFrom` in header
    // values and the body (e.g. https://api.github.com) is replaced by `rebaseTo` when given.
    static FakeResponse fromNockRecord(const QByteArray &recordJson, const QByteArray &rebaseFrom = {},
                                       const QByteArray &rebaseTo = {});
};

// An in-process HTTP/1.1 server on 127.0.0.1 (random port) for tests and the demo sandbox.
// Records every request and answers from routes: the most recently added matching route wins;
// a route with several queued answers gives them one per request, repeating the last one.
// Handles keep-alive and Content-Length bodies. Lives in the thread that created it.
class FakeHttpServer : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<FakeResponse(const RecordedRequest &request)>;

    explicit FakeHttpServer(QObject *parent = nullptr);
    ~FakeHttpServer() override;

    // Listens on 127.0.0.1:`port` (0: a free one). False (with errorString()) when it cannot.
    bool listen(quint16 port = 0);
    QString errorString() const;
    QUrl baseUrl() const;       // http://127.0.0.1:PORT (no trailing slash)
    quint16 port() const;

    // `path` matches the path without query, or path and query when it contains '?'.
    void addRoute(const QByteArray &method, const QString &path, FakeResponse response);
    void addRoute(const QByteArray &method, const QString &path, QList<FakeResponse> answers);
    // `pattern` must match the whole path and query; `handler` builds the answer.
    void addRoute(const QByteArray &method, const QRegularExpression &pattern, Handler handler);
    void addRoute(const QByteArray &method, const QRegularExpression &pattern, FakeResponse response);
    // Answers with a recorded nock interaction at its recorded method and path.
    void addNockRecord(const QByteArray &recordJson, const QByteArray &rebaseFrom = {},
                       const QByteArray &rebaseTo = {});
    void clearRoutes();
    // Answer for requests no route matches (default: 404 with a GitHub-shaped body).
    void setFallback(Handler handler);

    QList<RecordedRequest> requests() const { return m_requests; }
    QList<RecordedRequest> requests(const QByteArray &method, const QString &path) const;
    void clearRequests() { m_requests.clear(); }
    int connectionCount() const { return m_connectionCount; }

Q_SIGNALS:
    // Emitted when a complete request arrived, before it is answered.
    void requestReceived(const RecordedRequest &request);

private:
    struct Route;
    struct Connection;

    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void processBuffer(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const RecordedRequest &request, bool keepAlive);
    FakeResponse responseFor(const RecordedRequest &request);

    QTcpServer *m_server;
    QList<std::shared_ptr<Route>> m_routes;
    Handler m_fallback;
    QList<RecordedRequest> m_requests;
    QHash<QTcpSocket *, std::shared_ptr<Connection>> m_connections;
    int m_connectionCount = 0;
};
