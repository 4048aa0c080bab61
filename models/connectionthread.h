#pragma once

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>
#include <QVariantMap>

#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

#include "connectionfactory.h"
#include "dberror.h"

class QueryCanceller;

inline DbError &dbErrorOf(DbError &error) { return error; }

// A write job's transaction (ConnectionThread::write). Lives on the connection's thread for the
// length of the job. Each statement is prepared (a failed PREPARE is never executed) and run with
// the bound values.
class WriteTransaction
{
public:
    explicit WriteTransaction(QSqlDatabase db) : m_db(std::move(db)) {}

    const QSqlDatabase &db() const { return m_db; }

    // Runs `statement` with `values` bound by name (":id" → value). `context` completes the
    // sentence "Could not …" of the error.
    std::expected<QSqlQuery, DbError> exec(const char *statement, const QVariantMap &values,
                                           const QString &context) const;
    // The same for a statement that must change a row (an UPDATE … WHERE version = …): zero rows
    // changed is DbError::Kind::Conflict, never success. With RETURNING, the returned query is
    // positioned on its first row.
    std::expected<QSqlQuery, DbError> execOneRow(const char *statement, const QVariantMap &values,
                                                 const QString &context) const;

private:
    QSqlDatabase m_db;
    mutable QList<QSqlQuery> m_queries;
};

// The console's database-thread primitive: one thread, one connection, jobs run in order.
//
// - run(): a read job (autocommit). write(): a job inside a transaction (BEGIN … COMMIT; ROLLBACK
//   when the job returns an error; a failed COMMIT is the job's error, the server has rolled
//   back). Both may be called from any thread; each returns a future that ends with the job's
//   result (consume it with whenFinished()/then(context, …)).
// - The connection is opened through the factory on the first job.
// - Connection loss (a statement failing on a dropped connection, or the server closing the idle
//   connection, seen at once through its socket) is never hidden: the job that met it ends with
//   DbError::Kind::ConnectionLost, and connectionLost() is emitted once per lost connection. What the
//   connection held (an uncommitted transaction, session advisory locks) is gone with it.
//   Reconnect::OnNextJob: the next job opens a new connection (for connections that hold no
//   session state: readers, single-transaction writers). Reconnect::OnRequest: every later job
//   fails with ConnectionLost until the owner calls reconnect() (for connections whose session
//   state matters, e.g. DraftClaims' advisory locks).
// - The destructor cancels the running statement (libpq cancel), then waits for the job to end;
//   queued jobs are dropped and their futures end without a result (whenFinished() calls nothing).
class ConnectionThread : public QObject
{
    Q_OBJECT

public:
    enum class Reconnect { OnNextJob, OnRequest };

    ConnectionThread(ConnectionFactory factory, QString purpose, Reconnect reconnect = Reconnect::OnNextJob);
    ~ConnectionThread() override;

    // E is DbError, or an error type that is constructible from a DbError and carries more
    // (found through dbErrorOf(E &), e.g. DraftWriteError).
    template <typename T, typename E = DbError>
    QFuture<std::expected<T, E>> run(std::type_identity_t<std::function<std::expected<T, E>(const QSqlDatabase &db)>> job)
    {
        return post<T, E>([job = std::move(job)](const QSqlDatabase &db) { return job(db); });
    }

    template <typename T, typename E = DbError>
    QFuture<std::expected<T, E>> write(std::type_identity_t<std::function<std::expected<T, E>(WriteTransaction &tx)>> job)
    {
        return post<T, E>([job = std::move(job)](const QSqlDatabase &db) { return inTransaction<T, E>(db, job); });
    }

    // Opens a new connection for the next job (the lost one, or the current one, is closed first).
    // Queued behind the jobs already posted.
    void reconnect();

signals:
    // Emitted from the connection's thread (receivers get it queued) once per lost connection.
    void connectionLost(const DbError &error);

private:
    // Runs on the thread with the connection (or why there is none) and a check that turns an
    // error met on a dropped connection into ConnectionLost.
    using Work = std::function<void(const std::expected<QSqlDatabase, DbError> &db,
                                    const std::function<void(DbError &)> &checkFailure)>;

    template <typename T, typename E, typename Job>
    QFuture<std::expected<T, E>> post(Job job)
    {
        using Result = std::expected<T, E>;
        auto promise = std::make_shared<QPromise<Result>>();
        promise->start();
        QFuture<Result> future = promise->future();
        postWork([promise, job = std::move(job)](const std::expected<QSqlDatabase, DbError> &db,
                                             const std::function<void(DbError &)> &checkFailure) {
            Result result = db ? job(*db) : Result(std::unexpected(E(db.error())));
            if (!result)
                checkFailure(dbErrorOf(result.error()));
            promise->addResult(std::move(result));
            promise->finish();
        });
        return future;
    }

    template <typename T, typename E>
    static std::expected<T, E> inTransaction(const QSqlDatabase &db,
                                             const std::function<std::expected<T, E>(WriteTransaction &)> &job)
    {
        if (auto begun = begin(db); !begun)
            return std::unexpected(E(begun.error()));
        WriteTransaction tx(db);
        std::expected<T, E> result = job(tx);
        if (!result) {
            rollback(db);
            return result;
        }
        if (auto committed = commit(db); !committed)
            return std::unexpected(E(committed.error()));
        return result;
    }
    static std::expected<void, DbError> begin(const QSqlDatabase &db);
    static std::expected<void, DbError> commit(const QSqlDatabase &db);
    static void rollback(const QSqlDatabase &db);

    void postWork(Work work);

    ConnectionFactory m_factory;
    QString m_purpose;
    Reconnect m_reconnect;
    std::shared_ptr<QueryCanceller> m_canceller;
    QThread m_thread;
    QObject *m_context = nullptr;   // lives on m_thread, owns the connection
};
