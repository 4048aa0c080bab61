#pragma once

#include <QFuture>
#include <QObject>

#include <expected>

#include "auditstore.h"
#include "connectionfactory.h"
#include "connectionthread.h"

// AuditStore off the UI thread: queries run on the reader's own ConnectionThread (opened through
// the factory on first use; a lost connection fails its query with ConnectionLost and the next
// query opens a new one). Results come back as futures, to be consumed with then(context, ...).
// Destroying the reader cancels the running query and waits for it.
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

    ConnectionThread m_thread;
};
