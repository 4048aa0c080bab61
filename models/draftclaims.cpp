#include "draftclaims.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace {

constexpr auto kTryClaim = R"(SELECT pg_try_advisory_lock(CAST(:class AS integer), CAST(:id AS integer)))";
constexpr auto kRelease = R"(SELECT pg_advisory_unlock(CAST(:class AS integer), CAST(:id AS integer)))";
constexpr auto kTakeOver = R"(SELECT staff_take_over_draft_claim(CAST(:id AS integer)))";

// Two-key advisory locks appear in pg_locks as classid = key 1, objid = key 2, objsubid = 2.
constexpr auto kHolders = R"(SELECT CAST(l.objid AS bigint), a.usename, a.application_name,
           l.pid = pg_backend_pid()
      FROM pg_locks AS l
      JOIN pg_stat_activity AS a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
       AND l.database = (SELECT d.oid FROM pg_database AS d WHERE d.datname = current_database())
       AND CAST(l.classid AS bigint) = CAST(:class AS bigint)
       AND CAST(l.objid AS bigint) = ANY (CAST(:ids AS bigint[])))";

std::expected<QSqlQuery, DbError> exec(const QSqlDatabase &db, const char *statement, const QVariantMap &values,
                                       const QString &context)
{
    // The claims connection runs in autocommit: a lock taken here is the session's, not a transaction's.
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(QString::fromUtf8(statement)))
        return std::unexpected(DbError::fromSql(query.lastError(), context));
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        query.bindValue(it.key(), it.value());
    if (!query.exec())
        return std::unexpected(DbError::fromSql(query.lastError(), context));
    return query;
}

std::expected<QHash<qint64, DraftClaimHolder>, DbError> readHolders(const QSqlDatabase &db, const QList<qint64> &ids)
{
    QStringList list;
    for (qint64 id : ids)
        list << QString::number(id);
    auto query = exec(db, kHolders, {{u":class"_s, DraftClaims::kLockClass}, {u":ids"_s, u"{%1}"_s.arg(list.join(u','))}},
                      u"read who is reviewing drafts"_s);
    if (!query)
        return std::unexpected(query.error());
    QHash<qint64, DraftClaimHolder> holders;
    while (query->next()) {
        DraftClaimHolder holder{query->value(0).toLongLong(), query->value(1).toString(), query->value(2).toString(),
                                query->value(3).toBool()};
        holders.insert(holder.draftId, holder);
    }
    return holders;
}

// The claim this object holds. A claim lives on one connection: after a reconnect nothing is held.
qint64 heldOn(const QSqlDatabase &db, DraftClaims::Held &held)
{
    if (held.connection != db.connectionName())
        held = {db.connectionName(), 0};
    return held.draftId;
}

std::expected<void, DbError> releaseHeld(const QSqlDatabase &db, DraftClaims::Held &held)
{
    const qint64 draftId = heldOn(db, held);
    if (draftId == 0)
        return {};
    auto released = exec(db, kRelease, {{u":class"_s, DraftClaims::kLockClass}, {u":id"_s, draftId}},
                         u"release the claim on draft #%1"_s.arg(draftId));
    if (!released)
        return std::unexpected(released.error());
    held.draftId = 0;
    return {};
}

} // namespace

DraftClaims::DraftClaims(ConnectionFactory factory, QObject *parent)
    : QObject(parent)
    , m_held(std::make_shared<Held>())
    , m_thread(std::move(factory), u"claims"_s, ConnectionThread::Reconnect::OnRequest)
{
    connect(&m_thread, &ConnectionThread::connectionLost, this, &DraftClaims::claimLost);
}

DraftClaims::~DraftClaims() = default;   // closing the connection ends its claim

QFuture<std::expected<DraftClaimAttempt, DbError>> DraftClaims::claim(qint64 draftId)
{
    return claimJob(draftId, false);
}

QFuture<std::expected<DraftClaimAttempt, DbError>> DraftClaims::takeOver(qint64 draftId)
{
    return claimJob(draftId, true);
}

QFuture<std::expected<DraftClaimAttempt, DbError>> DraftClaims::claimJob(qint64 draftId, bool takeOver)
{
    return m_thread.run<DraftClaimAttempt>([held = m_held, draftId, takeOver](const QSqlDatabase &db)
                                               -> std::expected<DraftClaimAttempt, DbError> {
        DraftClaimAttempt attempt;
        if (heldOn(db, *held) == draftId) {
            attempt.claimed = true;
            return attempt;
        }
        if (auto released = releaseHeld(db, *held); !released)
            return std::unexpected(released.error());
        if (takeOver) {
            auto ended = exec(db, kTakeOver, {{u":id"_s, draftId}}, u"take over draft #%1"_s.arg(draftId));
            if (!ended)
                return std::unexpected(ended.error());
            if (ended->next())
                attempt.tookOverFrom = ended->value(0).toString();
        }
        auto tried = exec(db, kTryClaim, {{u":class"_s, kLockClass}, {u":id"_s, draftId}},
                          u"claim draft #%1"_s.arg(draftId));
        if (!tried)
            return std::unexpected(tried.error());
        if (tried->next() && tried->value(0).toBool()) {
            held->draftId = draftId;
            attempt.claimed = true;
            return attempt;
        }
        auto holders = readHolders(db, {draftId});
        if (!holders)
            return std::unexpected(holders.error());
        if (holders->contains(draftId))
            attempt.holder = holders->value(draftId);
        return attempt;
    });
}

QFuture<std::expected<void, DbError>> DraftClaims::release()
{
    return m_thread.run<void>([held = m_held](const QSqlDatabase &db) { return releaseHeld(db, *held); });
}

QFuture<std::expected<QHash<qint64, DraftClaimHolder>, DbError>> DraftClaims::holders(const QList<qint64> &draftIds)
{
    return m_thread.run<QHash<qint64, DraftClaimHolder>>(
        [draftIds](const QSqlDatabase &db) { return readHolders(db, draftIds); });
}

void DraftClaims::reconnect()
{
    m_thread.reconnect();
}
