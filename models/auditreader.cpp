#include "auditreader.h"

#include <QPromise>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

class ReaderConnection : public QObject
{
public:
    std::unique_ptr<PgConnection> connection;
};

} // namespace

AuditReader::AuditReader(ConnectionFactory factory, QObject *parent)
    : QObject(parent)
    , m_factory(std::move(factory))
{
    m_context = new ReaderConnection;
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.setObjectName(u"audit reader"_s);
    m_thread.start();
}

AuditReader::~AuditReader()
{
    m_thread.quit();
    m_thread.wait();
}

template <typename T>
QFuture<std::expected<T, DbError>>
AuditReader::run(std::function<std::expected<T, DbError>(const AuditStore &)> query)
{
    using Result = std::expected<T, DbError>;
    auto promise = std::make_shared<QPromise<Result>>();
    promise->start();
    QFuture<Result> future = promise->future();
    auto *context = static_cast<ReaderConnection *>(m_context);
    QMetaObject::invokeMethod(m_context, [promise, context, factory = m_factory, query = std::move(query)] {
        auto finish = [&promise](Result result) {
            promise->addResult(std::move(result));
            promise->finish();
        };
        if (!context->connection || !context->connection->db().isOpen()) {
            auto opened = factory(u"audit"_s);
            if (!opened)
                return finish(std::unexpected(opened.error()));
            context->connection = std::move(*opened);
        }
        Result result = query(AuditStore(context->connection->db()));
        if (!result && result.error().kind == DbError::Kind::Unreachable)
            context->connection.reset(); // the next call reconnects
        finish(std::move(result));
    });
    return future;
}

QFuture<std::expected<QList<AuditChange>, DbError>> AuditReader::changes(qint64 entryId)
{
    return run<QList<AuditChange>>([entryId](const AuditStore &store) { return store.changes(entryId); });
}

QFuture<std::expected<QList<AuditEntry>, DbError>> AuditReader::history(const QString &table, const QString &rowKey,
                                                                        int limit)
{
    return run<QList<AuditEntry>>([table, rowKey, limit](const AuditStore &store) {
        return store.history(table, rowKey, limit);
    });
}
