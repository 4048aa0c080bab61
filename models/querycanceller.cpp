#include "querycanceller.h"

#include <QSqlDriver>
#include <QDeadlineTimer>
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
    {
        const QMutexLocker locker(&m_sending->mutex);
        ++m_sending->count;
    }
    // PQcancel returns once the server has taken the request (and signalled the backend).
    QThreadPool::globalInstance()->start([cancel, sending = m_sending] {
        char message[256];
        PQcancel(cancel.get(), message, int(sizeof message));
        const QMutexLocker locker(&sending->mutex);
        --sending->count;
        sending->done.wakeAll();
    });
}

void QueryCanceller::waitForSentCancels(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QMutexLocker locker(&m_sending->mutex);
    while (m_sending->count > 0) {
        if (!m_sending->done.wait(&m_sending->mutex, deadline))
            return;
    }
}
