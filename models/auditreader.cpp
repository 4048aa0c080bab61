#include "auditreader.h"

using namespace Qt::StringLiterals;

AuditReader::AuditReader(ConnectionFactory factory, QObject *parent)
    : QObject(parent)
    , m_thread(std::move(factory), u"audit"_s)
{
}

AuditReader::~AuditReader() = default;

template <typename T>
QFuture<std::expected<T, DbError>>
AuditReader::run(std::function<std::expected<T, DbError>(const AuditStore &)> query)
{
    return m_thread.run<T>([query = std::move(query)](const QSqlDatabase &db) { return query(AuditStore(db)); });
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
