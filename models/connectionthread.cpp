#include "connectionthread.h"

#include <QSocketNotifier>
#include <QSqlDriver>
#include <QSqlError>

#include <libpq-fe.h>

#include "querycanceller.h"

using namespace Qt::StringLiterals;

namespace {

PGconn *pgHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return nullptr;
    return *static_cast<PGconn *const *>(handle.constData());
}

bool isBroken(const QSqlDatabase &db)
{
    PGconn *connection = pgHandle(db);
    return !connection || PQstatus(connection) == CONNECTION_BAD;
}

} // namespace

// The thread's connection, owned by (and destroyed on) the thread. Watches the idle connection's
// socket so that the server closing it is noticed without waiting for the next job.
class ThreadConnection : public QObject
{
public:
    ThreadConnection(ConnectionThread *owner, ConnectionFactory factory, QString purpose,
                     ConnectionThread::Reconnect reconnect, std::shared_ptr<QueryCanceller> canceller)
        : m_owner(owner)
        , m_factory(std::move(factory))
        , m_purpose(std::move(purpose))
        , m_reconnect(reconnect)
        , m_canceller(std::move(canceller))
    {
    }
    ~ThreadConnection() override { close(); }

    std::expected<QSqlDatabase, DbError> database()
    {
        if (m_lost && m_reconnect == ConnectionThread::Reconnect::OnRequest)
            return std::unexpected(DbError::connectionLost(m_purpose, m_lostCause));
        if (!m_connection) {
            auto opened = m_factory(m_purpose);
            if (!opened)
                return std::unexpected(opened.error());
            m_connection = std::move(*opened);
            m_lost = false;
            m_lostCause.clear();
            const QSqlDatabase db = m_connection->db();
            m_canceller->attach(db);
            if (PGconn *handle = pgHandle(db); handle && PQsocket(handle) >= 0) {
                m_notifier = std::make_unique<QSocketNotifier>(PQsocket(handle), QSocketNotifier::Read);
                QObject::connect(m_notifier.get(), &QSocketNotifier::activated, this, [this] { checkIdle(); });
            }
        }
        return m_connection->db();
    }

    // After a failed job: a broken connection turns the error into ConnectionLost. The connection
    // is closed by afterJob(), once the job's queries are gone.
    void checkFailure(DbError &error)
    {
        if (!m_connection || !isBroken(m_connection->db()))
            return;
        const QString cause = error.detail.isEmpty() ? error.message : error.detail;
        error = DbError::connectionLost(m_purpose, cause);
        m_brokenCause = cause;
    }

    void afterJob()
    {
        if (m_brokenCause)
            lose(*std::exchange(m_brokenCause, std::nullopt));
    }

    void reopenNext()
    {
        close();
        m_lost = false;
        m_lostCause.clear();
    }

private:
    void checkIdle()
    {
        if (!m_connection)
            return;
        PGconn *handle = pgHandle(m_connection->db());
        if (handle && PQconsumeInput(handle) == 1 && PQstatus(handle) != CONNECTION_BAD)
            return;
        lose(handle ? QString::fromUtf8(PQerrorMessage(handle)).trimmed() : QString());
    }

    void lose(const QString &cause)
    {
        close();
        m_lost = true;
        m_lostCause = cause;
        emit m_owner->connectionLost(DbError::connectionLost(m_purpose, cause));
    }

    void close()
    {
        m_notifier.reset();
        m_canceller->detach();
        m_connection.reset();
    }

    ConnectionThread *m_owner;
    ConnectionFactory m_factory;
    QString m_purpose;
    ConnectionThread::Reconnect m_reconnect;
    std::shared_ptr<QueryCanceller> m_canceller;
    std::unique_ptr<PgConnection> m_connection;
    std::unique_ptr<QSocketNotifier> m_notifier;
    bool m_lost = false;
    QString m_lostCause;
    std::optional<QString> m_brokenCause;   // seen by the job that just ran
};

std::expected<QSqlQuery, DbError> WriteTransaction::exec(const char *statement, const QVariantMap &values,
                                                         const QString &context) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const bool ok = query.prepare(QString::fromUtf8(statement)) && [&] {
        for (auto it = values.cbegin(); it != values.cend(); ++it)
            query.bindValue(it.key(), it.value());
        return query.exec();
    }();
    // Kept until the transaction has ended (a copy shares the statement; prepare() and exec() of a
    // shared query would detach, hence after them): a statement freed inside a failed transaction
    // cannot be deallocated on the server.
    m_queries.append(query);
    if (!ok)
        return std::unexpected(DbError::fromSql(query.lastError(), context));
    return query;
}

std::expected<QSqlQuery, DbError> WriteTransaction::execOneRow(const char *statement, const QVariantMap &values,
                                                               const QString &context) const
{
    auto query = exec(statement, values, context);
    if (!query)
        return query;
    // With RETURNING the rows are counted as read (QPSQL reads forward-only results row by row, so
    // the command tag's count is not there yet); without, the command tag says.
    const bool changed = query->isSelect() ? query->next() : query->numRowsAffected() > 0;
    if (!changed)
        return std::unexpected(DbError{DbError::Kind::Conflict,
                                       u"Could not %1: the row changed or is gone (no row was updated)."_s.arg(context),
                                       {}, {}});
    return query;
}

ConnectionThread::ConnectionThread(ConnectionFactory factory, QString purpose, Reconnect reconnect)
    : m_factory(std::move(factory))
    , m_purpose(std::move(purpose))
    , m_reconnect(reconnect)
    , m_canceller(std::make_shared<QueryCanceller>())
{
    m_context = new ThreadConnection(this, m_factory, m_purpose, m_reconnect, m_canceller);
    m_context->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.setObjectName(m_purpose);
    m_thread.start();
}

ConnectionThread::~ConnectionThread()
{
    m_thread.quit();
    m_canceller->cancel();
    m_thread.wait();
}

void ConnectionThread::reconnect()
{
    auto *context = static_cast<ThreadConnection *>(m_context);
    QMetaObject::invokeMethod(m_context, [context] { context->reopenNext(); }, Qt::QueuedConnection);
}

void ConnectionThread::postWork(Work work)
{
    auto *context = static_cast<ThreadConnection *>(m_context);
    QMetaObject::invokeMethod(m_context, [context, work = std::move(work)] {
        work(context->database(), [context](DbError &error) { context->checkFailure(error); });
        context->afterJob();
    }, Qt::QueuedConnection);
}

std::expected<void, DbError> ConnectionThread::begin(const QSqlDatabase &db)
{
    QSqlDatabase handle = db;
    if (!handle.transaction())
        return std::unexpected(DbError::fromSql(handle.lastError(), u"begin a transaction"_s));
    return {};
}

std::expected<void, DbError> ConnectionThread::commit(const QSqlDatabase &db)
{
    QSqlDatabase handle = db;
    if (handle.commit())
        return {};
    // A failed COMMIT ends the transaction on the server (rolled back).
    return std::unexpected(DbError::fromSql(handle.lastError(), u"commit"_s));
}

void ConnectionThread::rollback(const QSqlDatabase &db)
{
    QSqlDatabase handle = db;
    handle.rollback();
}
