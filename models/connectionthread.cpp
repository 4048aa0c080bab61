#include "connectionthread.h"

namespace {

// The thread's connection, owned by (and destroyed on) the thread.
class ThreadConnection : public QObject
{
public:
    std::expected<QSqlDatabase, DbError> database(const ConnectionFactory &factory, const QString &purpose)
    {
        if (!m_connection || !m_connection->db().isOpen()) {
            auto opened = factory(purpose);
            if (!opened)
                return std::unexpected(opened.error());
            m_connection = std::move(*opened);
        }
        return m_connection->db();
    }

private:
    std::unique_ptr<PgConnection> m_connection;
};

} // namespace

ConnectionThread::ConnectionThread(ConnectionFactory factory, QString purpose)
    : m_factory(std::move(factory))
    , m_purpose(std::move(purpose))
{
    m_context = new ThreadConnection;
    m_context->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.setObjectName(m_purpose);
    m_thread.start();
}

ConnectionThread::~ConnectionThread()
{
    m_thread.quit();
    m_thread.wait();
}

void ConnectionThread::post(std::function<void(const std::expected<QSqlDatabase, DbError> &)> work)
{
    auto *context = static_cast<ThreadConnection *>(m_context);
    QMetaObject::invokeMethod(m_context, [context, factory = m_factory, purpose = m_purpose, work = std::move(work)] {
        work(context->database(factory, purpose));
    }, Qt::QueuedConnection);
}
