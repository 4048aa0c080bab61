#pragma once

#include <QDateTime>
#include <QFuture>

#include <expected>
#include <optional>

#include "connectionfactory.h"
#include "connectionthread.h"
#include "dberror.h"

struct DraftDetail
{
    qint64 id = 0;
    qint64 userId = 0;
    QString userGithubId;
    QString workflowRunId;
    QString contentType;
    qint32 githubIssueId = 0;
    QString githubRepo;
    QString content;
    QString metadata;       // JSONB as PostgreSQL wrote it (never passed through doubles)
    QString status;
    QDateTime createdAt;
    QDateTime updatedAt;    // for display only: a QDateTime drops the microseconds
    // The row version every write is checked against: the row's xmin (the id of the transaction
    // that wrote this row version) as text. Opaque to callers: pass it back unchanged.
    // Why xmin and not updated_at: a QDateTime loses updated_at's microseconds (false conflicts),
    // and updated_at comes from a clock (it can repeat or step back, and a write with triggers off
    // keeps it); xmin changes with every committed UPDATE of the row, whoever made it.
    QString version;
};

// The pull request fields of a pull_request draft, kept as top-level keys of its metadata.
struct PullRequestFields
{
    QString title;
    QString head;
    QString base;
};

// A draft someone else changed since it was loaded: the row as it is now (their version, with its
// content, metadata, status and version), and who changed it last and when, from the audit log
// (empty when the log could not be read).
struct DraftConflict
{
    DraftDetail current;
    QString changedBy;
    QDateTime changedAt;
};

// Why a DraftStore write did not happen. `error.kind`:
//   Conflict        the draft changed since `basedOnVersion` (theirs is set), or it is not in the
//                   state the write needs (e.g. discarding a published draft; theirs is set), or
//                   zero rows were updated for any other reason. Nothing was written.
//   NotFound        the draft no longer exists ("Draft #N no longer exists.").
//   Permission      the login's roles do not allow it (support may not write drafts; only admins
//                   restore a discarded draft). The server's text is in error.detail.
//   ConnectionLost  the connection dropped during the write: it is NOT known to be saved (a dropped
//                   COMMIT may or may not have landed); reload before writing again.
//   other kinds     as DbError says; nothing was written.
struct DraftWriteError
{
    DraftWriteError(DbError e = {}) : error(std::move(e)) {}   // implicit: every DbError is one

    DbError error;
    std::optional<DraftConflict> theirs;
};
inline DbError &dbErrorOf(DraftWriteError &e) { return e.error; }

// Reads and writes whole drafts on the store's own ConnectionThread (opened through the factory on
// first use; after a lost connection the failed call reports ConnectionLost and the next call
// reconnects: this connection holds no session state). Calls run in order; consume the futures
// with whenFinished().
//
// Every write is one transaction, checked against the version the caller loaded, and returns the
// draft's new version (to base the next write on). The database records each write in audit_log
// with the login (trigger of migration 007) and enforces the roles (005, 012).
class DraftStore
{
public:
    explicit DraftStore(ConnectionFactory factory);

    // A missing draft is DbError::Kind::NotFound.
    QFuture<std::expected<DraftDetail, DbError>> loadDraft(qint64 id);

    // Writes `content`; with `pullRequest`, sets metadata's "title", "head" and "base" on the
    // server (jsonb_set): every other metadata key and value stays byte for byte as stored.
    QFuture<std::expected<QString, DraftWriteError>> save(qint64 id, const QString &basedOnVersion, const QString &content,
                                                          const std::optional<PullRequestFields> &pullRequest = {});
    // 'draft' → 'discarded'; metadata.discard = {"reason": reason or null, "by": login, "at": time}.
    QFuture<std::expected<QString, DraftWriteError>> discard(qint64 id, const QString &basedOnVersion,
                                                             const QString &reason = {});
    // Undoes this login's discard: 'discarded' → 'draft', metadata.discard removed. The database
    // allows a reviewer this only for a discard they made in the last 30 s (offer it for 10 s).
    QFuture<std::expected<QString, DraftWriteError>> undoDiscard(qint64 id, const QString &versionAfterDiscard);
    // An admin returns a discarded draft to 'draft' (metadata.discard removed; the audit log keeps
    // it). Refused by the database (Permission) for logins without staff_admin.
    QFuture<std::expected<QString, DraftWriteError>> restore(qint64 id, const QString &basedOnVersion);

private:
    enum class Transition { Save, Discard, Undo, Restore };
    QFuture<std::expected<QString, DraftWriteError>> write(qint64 id, const QString &basedOnVersion, Transition transition,
                                                           const char *statement, QVariantMap values);

    ConnectionThread m_thread;
};
