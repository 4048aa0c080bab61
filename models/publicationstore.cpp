#include "publicationstore.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

constexpr auto kLoadTarget = R"(SELECT d.id, d.user_id, d.content_type, d.github_repo, d.github_issue_id, d.content,
    d.status, coalesce(d.metadata ->> 'title', ''), coalesce(d.metadata ->> 'head', ''),
    coalesce(d.metadata ->> 'base', ''),
    coalesce((SELECT bool_or(p.testing_mode) FROM user_preferences p WHERE p.user_id = d.user_id), false)
    FROM draft_content d WHERE d.id = :id)";

constexpr auto kLoadPermissions = R"(SELECT i.github_installation_id, ui.permission_level
    FROM user_installations ui JOIN github_app_installations i ON i.id = ui.installation_id
    WHERE ui.user_id = :user_id)";

constexpr auto kColumns = R"(id, draft_id, CAST(attempt_key AS text), login, kind, state, CAST(request AS text),
    github_id, github_url, coalesce(CAST(error AS text), ''), created_at, finished_at)";

// Locks the draft row so that its status cannot change between the check and the insert; the
// partial unique index refuses a second open publication (from any connection).
constexpr auto kLockDraft = R"(SELECT status FROM draft_content WHERE id = :id FOR UPDATE)";

constexpr auto kInsertOpen = R"(INSERT INTO draft_publications (draft_id, attempt_key, kind, request)
    VALUES (:draft_id, CAST(:key AS uuid), :kind, CAST(:request AS jsonb))
    ON CONFLICT (draft_id) WHERE state = 'open' DO NOTHING
    RETURNING %1)";

constexpr auto kOpenHolder = R"(SELECT %1 FROM draft_publications WHERE draft_id = :draft_id AND state = 'open')";

constexpr auto kInsertDryRun = R"(INSERT INTO draft_publications (draft_id, attempt_key, kind, state, request, finished_at)
    VALUES (:draft_id, CAST(:key AS uuid), :kind, 'dry_run', CAST(:request AS jsonb), now())
    RETURNING %1)";

constexpr auto kClose = R"(UPDATE draft_publications
    SET state = :state, github_id = :github_id, github_url = :github_url, finished_at = now()
    WHERE id = :id AND state = 'open'
    RETURNING draft_id)";

// Only github_id and github_url change in the metadata: every other key (and number) stays as
// stored. A NULL metadata becomes an object.
constexpr auto kPublishDraft = R"(UPDATE draft_content
    SET status = 'published',
        metadata = jsonb_set(jsonb_set(coalesce(metadata, CAST('{}' AS jsonb)),
                                       '{github_id}', to_jsonb(CAST(:github_id AS bigint))),
                             '{github_url}', to_jsonb(CAST(:github_url AS text)))
    WHERE id = :id AND status = 'draft')";

constexpr auto kFail = R"(UPDATE draft_publications
    SET state = 'failed', error = CAST(:error AS jsonb), finished_at = now()
    WHERE id = :id AND state = 'open')";

constexpr auto kListOpen = R"(SELECT %1 FROM draft_publications
    WHERE state = 'open' AND created_at <= now() - make_interval(secs => :age)
    ORDER BY created_at, id)";

constexpr auto kHistory = R"(SELECT %1 FROM draft_publications WHERE draft_id = :draft_id
    ORDER BY created_at DESC, id DESC)";

QByteArray withColumns(const char *statement)
{
    return QString::fromLatin1(statement).arg(QLatin1StringView(kColumns)).toUtf8();
}

Publication readPublication(const QSqlQuery &q)
{
    Publication p;
    p.id = q.value(0).toLongLong();
    p.draftId = q.value(1).toLongLong();
    p.attemptKey = QUuid::fromString(q.value(2).toString());
    p.login = q.value(3).toString();
    p.kind = q.value(4).toString();
    p.state = q.value(5).toString();
    p.request = q.value(6).toString();
    if (!q.value(7).isNull())
        p.githubId = q.value(7).toLongLong();
    p.githubUrl = q.value(8).toString();
    p.error = q.value(9).toString();
    p.createdAt = q.value(10).toDateTime();
    if (!q.value(11).isNull())
        p.finishedAt = q.value(11).toDateTime();
    return p;
}

std::expected<QList<Publication>, DbError> readAll(const QSqlDatabase &db, const QByteArray &statement,
                                                   const QVariantMap &values, const QString &context)
{
    WriteTransaction reader(db);
    auto q = reader.exec(statement.constData(), values, context);
    if (!q)
        return std::unexpected(q.error());
    QList<Publication> rows;
    while (q->next())
        rows.append(readPublication(*q));
    return rows;
}

DbError goneError(qint64 id)
{
    return DbError{DbError::Kind::NotFound, u"Draft #%1 no longer exists."_s.arg(id), {}, {}};
}

} // namespace

PublicationStore::PublicationStore(ConnectionFactory factory)
    : m_thread(std::move(factory), u"publications"_s)
{
}

QFuture<std::expected<PublicationTarget, DbError>> PublicationStore::loadTarget(qint64 draftId)
{
    return m_thread.run<PublicationTarget>([draftId](const QSqlDatabase &db) -> std::expected<PublicationTarget, DbError> {
        WriteTransaction reader(db);
        const QString context = u"load draft #%1 for publishing"_s.arg(draftId);
        auto q = reader.exec(kLoadTarget, {{u":id"_s, draftId}}, context);
        if (!q)
            return std::unexpected(q.error());
        if (!q->next())
            return std::unexpected(goneError(draftId));
        PublicationTarget t;
        t.draftId = q->value(0).toLongLong();
        t.userId = q->value(1).toLongLong();
        t.contentType = q->value(2).toString();
        t.githubRepo = q->value(3).toString();
        t.githubIssueId = q->value(4).toInt();
        t.content = q->value(5).toString();
        t.status = q->value(6).toString();
        t.title = q->value(7).toString();
        t.head = q->value(8).toString();
        t.base = q->value(9).toString();
        t.testingMode = q->value(10).toBool();
        auto perms = reader.exec(kLoadPermissions, {{u":user_id"_s, t.userId}}, context);
        if (!perms)
            return std::unexpected(perms.error());
        while (perms->next())
            t.permissions.insert(perms->value(0).toString(), perms->value(1).toString());
        return t;
    });
}

QFuture<std::expected<Publication, OpenPublicationError>>
PublicationStore::open(qint64 draftId, const QUuid &attemptKey, const QString &kind, const QByteArray &requestJson)
{
    const QVariantMap values{{u":draft_id"_s, draftId},
                             {u":key"_s, attemptKey.toString(QUuid::WithoutBraces)},
                             {u":kind"_s, kind},
                             {u":request"_s, QString::fromUtf8(requestJson)}};
    return m_thread.write<Publication, OpenPublicationError>(
        [draftId, values](WriteTransaction &tx) -> std::expected<Publication, OpenPublicationError> {
            const QString context = u"open a publication of draft #%1"_s.arg(draftId);
            auto status = tx.exec(kLockDraft, {{u":id"_s, draftId}}, context);
            if (!status)
                return std::unexpected(status.error());
            if (!status->next())
                return std::unexpected(goneError(draftId));
            const QString current = status->value(0).toString();
            if (current != u"draft"_s) {
                OpenPublicationError e(DbError{DbError::Kind::Conflict,
                                               u"Draft #%1 is %2, not a draft."_s.arg(draftId).arg(current), {}, {}});
                e.draftStatus = current;
                return std::unexpected(std::move(e));
            }
            auto inserted = tx.exec(withColumns(kInsertOpen).constData(), values, context);
            if (!inserted)
                return std::unexpected(inserted.error());
            if (inserted->next())
                return readPublication(*inserted);
            OpenPublicationError e(DbError{DbError::Kind::Conflict,
                                           u"Draft #%1 is already being published."_s.arg(draftId), {}, {}});
            e.draftStatus = current;
            if (auto holder = tx.exec(withColumns(kOpenHolder).constData(), {{u":draft_id"_s, draftId}}, context);
                holder && holder->next()) {
                e.holder = readPublication(*holder);
                e.error.message = u"Draft #%1 is already being published by %2 (since %3)."_s.arg(draftId)
                                      .arg(e.holder->login, e.holder->createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s));
            }
            return std::unexpected(std::move(e));
        });
}

QFuture<std::expected<Publication, DbError>>
PublicationStore::recordDryRun(qint64 draftId, const QUuid &attemptKey, const QString &kind, const QByteArray &requestJson)
{
    const QVariantMap values{{u":draft_id"_s, draftId},
                             {u":key"_s, attemptKey.toString(QUuid::WithoutBraces)},
                             {u":kind"_s, kind},
                             {u":request"_s, QString::fromUtf8(requestJson)}};
    return m_thread.write<Publication>([draftId, values](WriteTransaction &tx) -> std::expected<Publication, DbError> {
        auto q = tx.execOneRow(withColumns(kInsertDryRun).constData(), values,
                               u"record the dry run of draft #%1"_s.arg(draftId));
        if (!q)
            return std::unexpected(q.error());
        return readPublication(*q);
    });
}

QFuture<std::expected<bool, DbError>> PublicationStore::complete(qint64 publicationId, const QString &state,
                                                                 qint64 githubId, const QString &githubUrl)
{
    return m_thread.write<bool>([=](WriteTransaction &tx) -> std::expected<bool, DbError> {
        const QString context = u"record publication %1 as %2"_s.arg(publicationId).arg(state);
        auto closed = tx.execOneRow(kClose,
                                    {{u":id"_s, publicationId}, {u":state"_s, state},
                                     {u":github_id"_s, githubId}, {u":github_url"_s, githubUrl}},
                                    context);
        if (!closed)
            return std::unexpected(closed.error());
        const qint64 draftId = closed->value(0).toLongLong();
        auto draft = tx.exec(kPublishDraft,
                             {{u":id"_s, draftId}, {u":github_id"_s, githubId}, {u":github_url"_s, githubUrl}},
                             u"mark draft #%1 published"_s.arg(draftId));
        if (!draft)
            return std::unexpected(draft.error());
        return draft->numRowsAffected() == 1;
    });
}

QFuture<std::expected<void, DbError>> PublicationStore::fail(qint64 publicationId, const QByteArray &errorJson)
{
    return m_thread.write<void>([=](WriteTransaction &tx) -> std::expected<void, DbError> {
        auto q = tx.execOneRow(kFail, {{u":id"_s, publicationId}, {u":error"_s, QString::fromUtf8(errorJson)}},
                               u"record publication %1 as failed"_s.arg(publicationId));
        if (!q)
            return std::unexpected(q.error());
        return {};
    });
}

QFuture<std::expected<QList<Publication>, DbError>> PublicationStore::listOpen(std::chrono::seconds minimumAge)
{
    const qint64 age = minimumAge.count();
    return m_thread.run<QList<Publication>>([age](const QSqlDatabase &db) {
        return readAll(db, withColumns(kListOpen), {{u":age"_s, double(age)}}, u"list open publications"_s);
    });
}

QFuture<std::expected<QList<Publication>, DbError>> PublicationStore::history(qint64 draftId)
{
    return m_thread.run<QList<Publication>>([draftId](const QSqlDatabase &db) {
        return readAll(db, withColumns(kHistory), {{u":draft_id"_s, draftId}},
                       u"read the publications of draft #%1"_s.arg(draftId));
    });
}
