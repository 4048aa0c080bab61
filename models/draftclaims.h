#pragma once

#include <QFuture>
#include <QHash>
#include <QObject>

#include <expected>
#include <memory>
#include <optional>

#include "connectionfactory.h"
#include "connectionthread.h"
#include "dberror.h"

// Who holds the claim on a draft, as every staff login can see it (pg_locks and
// pg_stat_activity: the login and application name of other logins' connections are visible to
// all; their start time is not).
struct DraftClaimHolder
{
    qint64 draftId = 0;
    QString login;
    QString application;   // e.g. "staff-console (claims)"
    bool mine = false;     // held by this DraftClaims' connection
};

struct DraftClaimAttempt
{
    bool claimed = false;                    // this login holds the claim now
    std::optional<DraftClaimHolder> holder;  // not claimed: who holds it (unset if they let go in between: try again)
    QString tookOverFrom;                    // takeOver(): the login whose claim was ended, if any
};

// "Being reviewed by LOGIN": the editor's claim on the draft it has open, crash-safe.
//
// A claim is a session-level advisory lock (class kLockClass, key = the draft id) held by this
// object's own connection, used for nothing else (its own ConnectionThread, Reconnect::OnRequest).
// It ends when the holder releases it or claims another draft, when this object is destroyed,
// or when the connection or the process ends (PostgreSQL drops a backend's locks with it), so a
// crashed console never leaves a draft claimed. One claim at a time.
//
// When the connection is lost (network, server restart, an admin's take-over), claimLost() is
// emitted (at once, even while idle) and every call fails with ConnectionLost until reconnect():
// the editor must then treat its draft as unclaimed (read-only) and claim again.
class DraftClaims : public QObject
{
    Q_OBJECT

public:
    static constexpr qint32 kLockClass = 1396917315;   // "SCDC"; also in migration 012

    explicit DraftClaims(ConnectionFactory factory, QObject *parent = nullptr);
    ~DraftClaims() override;

    // Releases the claim held before (if another draft), then tries to claim `draftId` without
    // waiting. Claiming the draft already held succeeds at once.
    QFuture<std::expected<DraftClaimAttempt, DbError>> claim(qint64 draftId);
    // Releases the held claim, if any.
    QFuture<std::expected<void, DbError>> release();
    // The claimed drafts among `draftIds` (for the list's "being reviewed by"), this login's own
    // claim included (mine = true). Drafts nobody claims are absent.
    QFuture<std::expected<QHash<qint64, DraftClaimHolder>, DbError>> holders(const QList<qint64> &draftIds);
    // Admins (EXECUTE on staff_take_over_draft_claim, migration 012): ends the connection of the
    // login that holds `draftId` (its console sees claimLost()), then claims it. Others get
    // DbError::Kind::Permission; a superuser's claim cannot be taken over.
    QFuture<std::expected<DraftClaimAttempt, DbError>> takeOver(qint64 draftId);

    // After claimLost(): open a new claims connection (holding nothing) for the next call.
    void reconnect();

    // Implementation detail, shared with the jobs on the claims thread.
    struct Held
    {
        QString connection;   // the claims connection's name: a claim does not survive a reconnect
        qint64 draftId = 0;   // 0: none
    };

signals:
    void claimLost(const DbError &error);

private:
    QFuture<std::expected<DraftClaimAttempt, DbError>> claimJob(qint64 draftId, bool takeOver);

    std::shared_ptr<Held> m_held;   // touched only on m_thread's thread
    ConnectionThread m_thread;
};
