#pragma once

#include <QFuture>
#include <QObject>
#include <QThread>

#include <expected>

#include "auditstore.h"
#include "connectionfactory.h"

// AuditStore off the UI thread: queries run on the reader's own thread and connection (opened
// through the factory on first use, and again after it was lost). Results come back as futures, to be
// consumed with then(context, ...). Destroying the reader waits for the running query.
class AuditReader : public QObject
{
    Q_OBJECT

public:
    explicit AuditReader(ConnectionFactory factory, QObject *parent = nullptr);
    ~AuditReader() override;

    QFuture<std::expected<QList<AuditChange>, DbError>> changes(qint64 entryId);
    QFuture<std::expected<QList<AuditEntry>, DbError>> history(const QString &table, const QString &rowKey,
                                                               int limit = 200);

private:
    template <typename T>
    QFuture<std::expected<T, DbError>> run(std::function<std::expected<T, DbError>(const AuditStore &)> query);

    ConnectionFactory m_factory;
    QThread m_thread;
    QObject *m_context = nullptr;   // lives on m_thread, owns the connection
};
