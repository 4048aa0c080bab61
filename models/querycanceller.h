#pragma once

#include <QMutex>
#include <QSqlDatabase>
#include <QWaitCondition>

#include <memory>

struct pg_cancel;

// Cancels the statement running on one connection (libpq PQcancel). attach()/detach() and
// waitForSentCancels() are called on the connection's thread; cancel() from any thread: it sends the
// request from a pool thread and never blocks the caller. A cancel that reaches the server while the
// connection is idle has no effect; one still on its way when the next statement starts cancels that
// one (SQLSTATE 57014): the connection's thread waits for sent cancels before it starts a statement
// that must not be hit, and retries a 57014 once.
class QueryCanceller
{
public:
    void attach(const QSqlDatabase &db);
    void detach();
    void cancel();
    // Waits until every cancel requested so far has reached the server (at most `timeoutMs`).
    void waitForSentCancels(int timeoutMs = 1000);

private:
    struct Sending
    {
        QMutex mutex;
        QWaitCondition done;
        int count = 0;
    };

    QMutex m_mutex;
    std::shared_ptr<pg_cancel> m_cancel;
    std::shared_ptr<Sending> m_sending = std::make_shared<Sending>();
};
