#include "draftfiltersuggestions.h"

#include <QSqlError>
#include <QSqlQuery>

#include "listdefinition.h"

using namespace Qt::StringLiterals;

namespace {

// A loose index scan: each step reads the next distinct lower(github_repo) after the previous one
// from idx_draft_content_repo_lower_prefix (text_pattern_ops: ~>~ and ~<~ are its order), then the
// name as stored is read for each. The prefix is LIKE-escaped by the caller.
constexpr auto kRepositories = R"(WITH RECURSIVE names(name) AS (
        (SELECT lower(d.github_repo) FROM draft_content d
         WHERE lower(d.github_repo) LIKE lower(CAST(:prefix AS text)) || '%'
         ORDER BY lower(d.github_repo) USING ~<~ LIMIT 1)
        UNION ALL
        SELECT (SELECT lower(d.github_repo) FROM draft_content d
                WHERE lower(d.github_repo) ~>~ n.name
                  AND lower(d.github_repo) LIKE lower(CAST(:prefix AS text)) || '%'
                ORDER BY lower(d.github_repo) USING ~<~ LIMIT 1)
        FROM names n WHERE n.name IS NOT NULL)
    SELECT (SELECT d.github_repo FROM draft_content d WHERE lower(d.github_repo) = n.name LIMIT 1)
    FROM names n WHERE n.name IS NOT NULL LIMIT :limit)";

constexpr auto kNewestDraft = R"(SELECT max(d.created_at) FROM draft_content d)";

} // namespace

DraftFilterSuggestions::DraftFilterSuggestions(ConnectionFactory factory)
    : m_thread(std::move(factory), u"draft filter suggestions"_s)
{
}

QFuture<std::expected<QStringList, DbError>> DraftFilterSuggestions::repositories(const QString &prefix, int limit)
{
    const QString escaped = CompiledFilter::escapeLike(prefix.trimmed());
    return m_thread.run<QStringList>([escaped, limit](const QSqlDatabase &db) -> std::expected<QStringList, DbError> {
        const QString context = u"list the repositories for completion"_s;
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!query.prepare(QString::fromLatin1(kRepositories)))
            return std::unexpected(DbError::fromSql(query.lastError(), context));
        query.bindValue(u":prefix"_s, escaped);
        query.bindValue(u":limit"_s, limit);
        if (!query.exec())
            return std::unexpected(DbError::fromSql(query.lastError(), context));
        QStringList names;
        while (query.next())
            names.append(query.value(0).toString());
        return names;
    });
}

QFuture<std::expected<QDate, DbError>> DraftFilterSuggestions::newestDraftDay()
{
    return m_thread.run<QDate>([](const QSqlDatabase &db) -> std::expected<QDate, DbError> {
        const QString context = u"find the newest draft"_s;
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!query.prepare(QString::fromLatin1(kNewestDraft)))
            return std::unexpected(DbError::fromSql(query.lastError(), context));
        if (!query.exec() || !query.next())
            return std::unexpected(DbError::fromSql(query.lastError(), context));
        return query.value(0).toDateTime().toLocalTime().date();
    });
}
