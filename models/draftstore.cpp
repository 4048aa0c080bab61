#include "draftstore.h"

#include <QRegularExpression>
#include <QSqlQuery>

#include "detailquery.h"

using namespace Qt::StringLiterals;

namespace {

constexpr auto kLoadDraft = R"(SELECT d.id, d.user_id, u.github_id, d.workflow_run_id, d.content_type,
    d.github_issue_id, d.github_repo, d.content, CAST(d.metadata AS text), d.status, d.created_at, d.updated_at,
    CAST(d.xmin AS text)
    FROM draft_content d LEFT JOIN users u ON u.id = d.user_id WHERE d.id = :id)";

// Who changed the draft last, for a conflict. Staff roles may read the audit log (007).
constexpr auto kLastChange = R"(SELECT login, at FROM audit_log
    WHERE table_name = 'draft_content' AND row_key = jsonb_build_object('id', CAST(:id AS integer))
    ORDER BY at DESC, id DESC LIMIT 1)";

// The PR fields are merged on the server: only these three keys change, every other key and
// number stays as stored. A NULL metadata becomes an object.
constexpr auto kSave = R"(UPDATE draft_content
    SET content = :content,
        metadata = CASE WHEN CAST(:set_pr AS boolean) THEN
                       jsonb_set(jsonb_set(jsonb_set(coalesce(metadata, CAST('{}' AS jsonb)),
                                                     '{title}', to_jsonb(coalesce(CAST(:title AS text), ''))),
                                           '{head}', to_jsonb(coalesce(CAST(:head AS text), ''))),
                                 '{base}', to_jsonb(coalesce(CAST(:base AS text), '')))
                   ELSE metadata END
    WHERE id = :id AND xmin = CAST(:based_on AS xid)
    RETURNING CAST(xmin AS text))";

constexpr auto kDiscard = R"(UPDATE draft_content
    SET status = 'discarded',
        metadata = jsonb_set(coalesce(metadata, CAST('{}' AS jsonb)), '{discard}',
                             jsonb_build_object('reason', nullif(CAST(:reason AS text), ''),
                                                'by', session_user, 'at', now()))
    WHERE id = :id AND xmin = CAST(:based_on AS xid) AND status = 'draft'
    RETURNING CAST(xmin AS text))";

// Undo and restore write the same change; the database decides who may (migration 012).
constexpr auto kBackToDraft = R"(UPDATE draft_content
    SET status = 'draft', metadata = metadata - 'discard'
    WHERE id = :id AND xmin = CAST(:based_on AS xid) AND status = 'discarded'
    RETURNING CAST(xmin AS text))";

std::expected<std::optional<DraftDetail>, DbError> readDraft(const QSqlDatabase &db, qint64 id)
{
    DetailQuery load(db, kLoadDraft, id);
    if (!load.exec(u"load draft #%1"_s.arg(id)))
        return std::unexpected(load.error());
    QSqlQuery &query = load.query();
    if (!query.next())
        return std::nullopt;
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
    d.version = query.value(12).toString();
    return d;
}

DbError goneError(qint64 id)
{
    return DbError{DbError::Kind::NotFound, u"Draft #%1 no longer exists."_s.arg(id), {}, {}};
}

QString verb(int transition)
{
    static const char *const verbs[] = {"save", "discard", "undo the discard of", "restore"};
    return QString::fromLatin1(verbs[transition]);
}

const char *requiredStatus(int transition)
{
    static const char *const statuses[] = {nullptr, "draft", "discarded", "discarded"};
    return statuses[transition];
}

} // namespace

DraftStore::DraftStore(ConnectionFactory factory)
    : m_thread(std::move(factory), u"draft store"_s)
{
}

QFuture<std::expected<DraftDetail, DbError>> DraftStore::loadDraft(qint64 id)
{
    return m_thread.run<DraftDetail>([id](const QSqlDatabase &db) -> std::expected<DraftDetail, DbError> {
        auto draft = readDraft(db, id);
        if (!draft)
            return std::unexpected(draft.error());
        if (!*draft)
            return std::unexpected(goneError(id));
        return **draft;
    });
}

QFuture<std::expected<QString, DraftWriteError>>
DraftStore::save(qint64 id, const QString &basedOnVersion, const QString &content,
                 const std::optional<PullRequestFields> &pullRequest)
{
    return write(id, basedOnVersion, Transition::Save, kSave,
                 {{u":content"_s, content},
                  {u":set_pr"_s, pullRequest.has_value()},
                  {u":title"_s, pullRequest ? pullRequest->title : QString()},
                  {u":head"_s, pullRequest ? pullRequest->head : QString()},
                  {u":base"_s, pullRequest ? pullRequest->base : QString()}});
}

QFuture<std::expected<QString, DraftWriteError>> DraftStore::discard(qint64 id, const QString &basedOnVersion,
                                                                     const QString &reason)
{
    return write(id, basedOnVersion, Transition::Discard, kDiscard, {{u":reason"_s, reason.trimmed()}});
}

QFuture<std::expected<QString, DraftWriteError>> DraftStore::undoDiscard(qint64 id, const QString &versionAfterDiscard)
{
    return write(id, versionAfterDiscard, Transition::Undo, kBackToDraft, {});
}

QFuture<std::expected<QString, DraftWriteError>> DraftStore::restore(qint64 id, const QString &basedOnVersion)
{
    return write(id, basedOnVersion, Transition::Restore, kBackToDraft, {});
}

QFuture<std::expected<QString, DraftWriteError>>
DraftStore::write(qint64 id, const QString &basedOnVersion, Transition transition, const char *statement,
                  QVariantMap values)
{
    static const QRegularExpression versionShape(u"^[0-9]{1,10}$"_s);
    const int step = int(transition);
    const QString context = u"%1 draft #%2"_s.arg(verb(step)).arg(id);
    if (!versionShape.match(basedOnVersion).hasMatch()) {
        // Checked here so that a bad argument never reaches the database as a cast error.
        QPromise<std::expected<QString, DraftWriteError>> refused;
        refused.start();
        refused.addResult(std::unexpected(DraftWriteError(DbError{
            DbError::Kind::Other, u"Could not %1: “%2” is not a draft version."_s.arg(context, basedOnVersion), {}, {}})));
        refused.finish();
        return refused.future();
    }
    values.insert(u":id"_s, id);
    values.insert(u":based_on"_s, basedOnVersion);
    return m_thread.write<QString, DraftWriteError>(
        [id, basedOnVersion, step, context, statement, values](WriteTransaction &tx)
            -> std::expected<QString, DraftWriteError> {
            auto written = tx.execOneRow(statement, values, context);
            if (written)
                return written->value(0).toString();
            if (written.error().kind != DbError::Kind::Conflict)
                return std::unexpected(written.error());

            // Nothing was written: say why, with the draft as it is now.
            auto now = readDraft(tx.db(), id);
            if (!now)
                return std::unexpected(now.error());
            if (!*now)
                return std::unexpected(goneError(id));
            DraftWriteError error(written.error());
            DraftConflict theirs{**now, {}, {}};
            if (auto last = tx.exec(kLastChange, {{u":id"_s, id}}, u"read the audit log"_s); last && last->next()) {
                theirs.changedBy = last->value(0).toString();
                theirs.changedAt = last->value(1).toDateTime();
            }
            const char *required = requiredStatus(step);
            if (theirs.current.version != basedOnVersion) {
                error.error.message = theirs.changedBy.isEmpty()
                    ? u"Could not %1: it was changed since you loaded it."_s.arg(context)
                    : u"Could not %1: %2 changed it since you loaded it."_s.arg(context, theirs.changedBy);
            } else if (required && theirs.current.status != QLatin1StringView(required)) {
                error.error.message = u"Could not %1: it is %2, not %3."_s.arg(context, theirs.current.status,
                                                                               QString::fromLatin1(required));
            }
            error.theirs = std::move(theirs);
            return std::unexpected(std::move(error));
        });
}
