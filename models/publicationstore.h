#pragma once

#include <QDateTime>
#include <QFuture>
#include <QHash>
#include <QList>
#include <QUuid>

#include <expected>
#include <optional>

#include "connectionfactory.h"
#include "connectionthread.h"
#include "dberror.h"

// What publishing a draft needs from the database: the draft, its owner's testing mode and the
// owner's permission on each installation (keyed by github_installation_id as text).
struct PublicationTarget
{
    qint64 draftId = 0;
    qint64 userId = 0;
    QString contentType;       // 'comment' or 'pull_request'
    QString githubRepo;        // owner/name
    qint32 githubIssueId = 0;
    QString content;
    QString status;
    QString title;             // pull requests: metadata title/head/base
    QString head;
    QString base;
    bool testingMode = false;  // any of the owner's preference rows has testing_mode
    QHash<QString, QString> permissions;   // github_installation_id → permission_level
};

// One row of draft_publications (migration 013).
struct Publication
{
    qint64 id = 0;
    qint64 draftId = 0;
    QUuid attemptKey;
    QString login;
    QString kind;              // 'comment' or 'pull_request'
    QString state;             // open, published, adopted, failed, dry_run
    QString request;           // JSONB as stored
    std::optional<qint64> githubId;
    QString githubUrl;
    QString error;             // JSONB as stored, empty when none
    QDateTime createdAt;
    std::optional<QDateTime> finishedAt;
};

// Why opening a publication was refused: another one is open (`holder`), or the draft is not a
// draft any more (`draftStatus`). error.kind is Conflict for both, NotFound for a missing draft.
struct OpenPublicationError
{
    OpenPublicationError(DbError e = {}) : error(std::move(e)) {}
    DbError error;
    std::optional<Publication> holder;
    QString draftStatus;
};
inline DbError &dbErrorOf(OpenPublicationError &e) { return e.error; }

// The SQL of publishing (the outbox of migration 013) on the store's own ConnectionThread; calls
// run in order, each write is one transaction. Consume the futures with whenFinished().
class PublicationStore
{
public:
    explicit PublicationStore(ConnectionFactory factory);

    // A missing draft is NotFound.
    QFuture<std::expected<PublicationTarget, DbError>> loadTarget(qint64 draftId);

    // Commits an open publication for a draft that is still 'draft'. Refused (Conflict) when the
    // draft already has an open publication (the holder is returned) or is not a draft.
    QFuture<std::expected<Publication, OpenPublicationError>>
    open(qint64 draftId, const QUuid &attemptKey, const QString &kind, const QByteArray &requestJson);

    // A finished 'dry_run' row: what would have been sent; the draft is not touched.
    QFuture<std::expected<Publication, DbError>>
    recordDryRun(qint64 draftId, const QUuid &attemptKey, const QString &kind, const QByteArray &requestJson);

    // In one transaction: the open publication becomes `state` ('published' or 'adopted') with the
    // GitHub id and URL, and its draft (if still 'draft') becomes 'published' with metadata
    // github_id/github_url set by jsonb_set (every other key stays as stored). Returns whether the
    // draft was changed. Conflict when the publication is no longer open.
    QFuture<std::expected<bool, DbError>> complete(qint64 publicationId, const QString &state, qint64 githubId,
                                                   const QString &githubUrl);
    // The open publication becomes 'failed' with `errorJson` ({"kind","status","message"}).
    QFuture<std::expected<void, DbError>> fail(qint64 publicationId, const QByteArray &errorJson);

    // Open publications created at least `minimumAge` ago, oldest first.
    QFuture<std::expected<QList<Publication>, DbError>> listOpen(std::chrono::seconds minimumAge);
    // A draft's publications, newest first.
    QFuture<std::expected<QList<Publication>, DbError>> history(qint64 draftId);

private:
    ConnectionThread m_thread;
};
