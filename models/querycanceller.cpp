#include "querycanceller.h"

#include <QSqlDriver>
#include <QThreadPool>
#include <QVariant>

#include <libpq-fe.h>

void QueryCanceller::attach(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return;
    PGconn *connection = *static_cast<PGconn *const *>(handle.constData());
    if (!connection)
        return;
    std::shared_ptr<pg_cancel> cancel(PQgetCancel(connection), [](PGcancel *c) {
        if (c)
            PQfreeCancel(c);
    });
    const QMutexLocker locker(&m_mutex);
    m_cancel = std::move(cancel);
}

void QueryCanceller::detach()
{
    const QMutexLocker locker(&m_mutex);
    m_cancel.reset();
}

void QueryCanceller::cancel()
{
    std::shared_ptr<pg_cancel> cancel;
    {
        const QMutexLocker locker(&m_mutex);
        cancel = m_cancel;
    }
    if (!cancel)
        return;
    QThreadPool::globalInstance()->start([cancel] {
        char message[256];
        PQcancel(cancel.get(), message, int(sizeof message));
    });
}
