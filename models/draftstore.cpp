#include "draftstore.h"

#include <QPromise>
#include <QSqlError>
#include <QSqlQuery>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr auto kLoadDraft = R"(SELECT d.id, d.user_id, u.github_id, d.workflow_run_id, d.content_type,
    d.github_issue_id, d.github_repo, d.content, CAST(d.metadata AS text), d.status, d.created_at, d.updated_at
    FROM draft_content d LEFT JOIN users u ON u.id = d.user_id WHERE d.id = :id)";

// The store's connection, owned by (and destroyed on) the store's thread.
class StoreConnection : public QObject
{
public:
    std::unique_ptr<PgConnection> connection;
};

} // namespace

DraftStore::DraftStore(ConnectionFactory factory, QObject *parent)
    : QObject(parent)
    , m_factory(std::move(factory))
{
    m_context = new StoreConnection;
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.setObjectName(u"draft store"_s);
    m_thread.start();
}

DraftStore::~DraftStore()
{
    m_thread.quit();
    m_thread.wait();
}

QFuture<std::expected<DraftDetail, DbError>> DraftStore::loadDraft(qint64 id)
{
    using Result = std::expected<DraftDetail, DbError>;
    auto promise = std::make_shared<QPromise<Result>>();
    promise->start();
    QFuture<Result> future = promise->future();
    auto *context = static_cast<StoreConnection *>(m_context);
    QMetaObject::invokeMethod(m_context, [promise, context, factory = m_factory, id] {
        auto finish = [&promise](Result result) {
            promise->addResult(std::move(result));
            promise->finish();
        };
        if (!context->connection || !context->connection->db().isOpen()) {
            auto opened = factory(u"draft store"_s);
            if (!opened)
                return finish(std::unexpected(opened.error()));
            context->connection = std::move(*opened);
        }
        QSqlQuery query(context->connection->db());
        query.setForwardOnly(true);
        query.prepare(QString::fromLatin1(kLoadDraft));
        query.bindValue(u":id"_s, id);
        if (!query.exec())
            return finish(std::unexpected(DbError::fromSql(query.lastError(), u"load draft %1"_s.arg(id))));
        if (!query.next())
            return finish(std::unexpected(DbError{DbError::Kind::NotFound, u"Draft %1 no longer exists."_s.arg(id), {}, {}}));
        DraftDetail d;
        d.id = query.value(0).toLongLong();
        d.userId = query.value(1).toLongLong();
        d.userGithubId = query.value(2).toString();
        d.workflowRunId = query.value(3).toString();
        d.contentType = query.value(4).toString();
        d.githubIssueId = query.value(5).toInt();
        d.githubRepo = query.value(6).toString();
        d.content = query.value(7).toString();
        d.metadata = query.value(8).toString();
        d.status = query.value(9).toString();
        d.createdAt = query.value(10).toDateTime();
        d.updatedAt = query.value(11).toDateTime();
        finish(std::move(d));
    }, Qt::QueuedConnection);
    return future;
}
