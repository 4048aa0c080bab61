#pragma once

#include <QMutex>
#include <QSqlDatabase>

#include <memory>

struct pg_cancel;

// Cancels the statement running on one connection (libpq PQcancel). attach()/detach() are called
// on the connection's thread; cancel() from any thread: it sends the request from a pool thread
// and never blocks the caller. A cancel that arrives after the statement ended has no effect,
// or cancels the connection's next statement (SQLSTATE 57014): callers retry those.
class QueryCanceller
{
public:
    void attach(const QSqlDatabase &db);
    void detach();
    void cancel();

private:
    QMutex m_mutex;
    std::shared_ptr<pg_cancel> m_cancel;
};
