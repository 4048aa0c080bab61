#include "draftstore.h"

#include <QSqlQuery>

#include "detailquery.h"

using namespace Qt::StringLiterals;

namespace {

constexpr auto kLoadDraft = R"(SELECT d.id, d.user_id, u.github_id, d.workflow_run_id, d.content_type,
    d.github_issue_id, d.github_repo, d.content, CAST(d.metadata AS text), d.status, d.created_at, d.updated_at
    FROM draft_content d LEFT JOIN users u ON u.id = d.user_id WHERE d.id = :id)";

} // namespace

DraftStore::DraftStore(ConnectionFactory factory)
    : m_thread(std::move(factory), u"draft store"_s)
{
}

QFuture<std::expected<DraftDetail, DbError>> DraftStore::loadDraft(qint64 id)
{
    return m_thread.run<DraftDetail>([id](const QSqlDatabase &db) -> std::expected<DraftDetail, DbError> {
        DetailQuery load(db, kLoadDraft, id);
        if (!load.exec(u"load draft %1"_s.arg(id)))
            return std::unexpected(load.error());
        QSqlQuery &query = load.query();
        if (!query.next())
            return std::unexpected(DbError{DbError::Kind::NotFound, u"Draft %1 no longer exists."_s.arg(id), {}, {}});
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
        return d;
    });
}
