#pragma once

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QSqlDatabase>
#include <QThread>

#include <expected>
#include <functional>
#include <memory>

#include "connectionfactory.h"
#include "dberror.h"

// Runs read jobs on its own thread and connection (opened through the factory on first use and
// reopened when closed). run() may be called from any thread; the job runs on the connection's
// thread. Destroying it waits for the running job; queued jobs are dropped and their futures end
// without a result (whenFinished() then calls nothing).
class ConnectionThread
{
public:
    ConnectionThread(ConnectionFactory factory, QString purpose);
    ~ConnectionThread();
    ConnectionThread(const ConnectionThread &) = delete;
    ConnectionThread &operator=(const ConnectionThread &) = delete;

    template <typename T>
    QFuture<std::expected<T, DbError>> run(std::function<std::expected<T, DbError>(const QSqlDatabase &db)> job)
    {
        using Result = std::expected<T, DbError>;
        auto promise = std::make_shared<QPromise<Result>>();
        promise->start();
        QFuture<Result> future = promise->future();
        post([promise, job = std::move(job)](const std::expected<QSqlDatabase, DbError> &db) {
            promise->addResult(db ? job(*db) : Result(std::unexpected(db.error())));
            promise->finish();
        });
        return future;
    }

private:
    void post(std::function<void(const std::expected<QSqlDatabase, DbError> &)> work);

    ConnectionFactory m_factory;
    QString m_purpose;
    QThread m_thread;
    QObject *m_context = nullptr;   // lives on m_thread, owns the connection
};
