#include <QCoreApplication>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <cstdio>

#include "draftclaims.h"
#include "draftstore.h"
#include "migrator.h"
#include "pgfixture.h"

using namespace Qt::StringLiterals;

namespace {

// A pull request's metadata with numbers a double would change: 2^53 + 1 and a decimal with more
// digits than a double keeps.
constexpr auto kPrMetadata = R"({"title": "Fix retries", "head": "ai/fix-retries-7", "base": "main",
    "tokens": 9007199254740993, "workflow": {"score": 0.1000000000000000055511, "run_id": "wr-42"},
    "labels": ["ai-generated"]})";

ConnectionFactory factoryFor(ConnectionProfile profile)
{
    return [profile](const QString &purpose) { return PgConnection::open(profile, {}, purpose); };
}

template <typename T, typename E>
std::expected<T, E> resultOf(QFuture<std::expected<T, E>> future)
{
    future.waitForFinished();
    if (future.resultCount() == 0)
        qFatal("the future ended without a result");
    return future.result();
}

bool claimed(DraftClaims &claims, qint64 draftId)
{
    const auto attempt = resultOf(claims.claim(draftId));
    return attempt && attempt->claimed;
}

// The child process of killedProcessReleasesItsClaim: claims a draft as a login, says "claimed",
// and waits to be killed.
int holdClaim(const char *uri, const char *draftId)
{
    int argc = 1;
    char name[] = "hold-claim";
    char *argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);
    const auto profile = ConnectionProfile::fromUri(QString::fromUtf8(uri));
    if (!profile)
        return 2;
    DraftClaims claims(factoryFor(*profile));
    const auto attempt = resultOf(claims.claim(QByteArray(draftId).toLongLong()));
    if (!attempt || !attempt->claimed) {
        std::fprintf(stdout, "not claimed: %s\n", attempt ? "held by another" : qPrintable(attempt.error().text()));
        std::fflush(stdout);
        return 1;
    }
    std::fprintf(stdout, "claimed\n");
    std::fflush(stdout);
    return app.exec();
}

} // namespace

// DraftStore's version-checked writes and DraftClaims, against the tests' PostgreSQL as the staff
// logins of migration 005 (and the guards of 012).
class TestDraftWrites : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void loadCarriesTheRowVersion();
    void saveWritesContentAndMergesPullRequestFields();
    void saveWithoutPullRequestFieldsLeavesMetadata();
    void concurrentChangeIsConflictWithTheirVersion();
    void zeroRowsUpdatedIsConflictNotSuccess();
    void deletedDraftSaysSo();
    void droppedConnectionIsNotClaimedAsSaved();
    void supportWritesAreRefusedByTheDatabase();
    void discardKeepsReasonAndUndoReturnsIt();
    void onlyAdminsRestoreDiscardedDrafts();
    void reviewerCannotRestoreEvenBypassingTheConsole();

    void claimIsSeenByAnotherLogin();
    void claimingAnotherDraftOrReleasingEndsTheClaim();
    void killedProcessReleasesItsClaim();
    void adminTakesOverAClaim();
    void reviewerCannotTakeOver();
    void takeOverWorksWhenANonSuperuserOwnsTheSchema();

private:
    ConnectionProfile as(const QString &login) const;
    QString scalar(const QString &sql) const;
    void exec(const QString &sql) const;
    QString version(qint64 id) const { return scalar(u"SELECT xmin::text FROM draft_content WHERE id = %1"_s.arg(id)); }
    // The newest audit row of a draft: login, operation and the changed columns' new values.
    QString lastAudit(qint64 id, const QString &field) const;

    ConnectionProfile m_profile;
    std::unique_ptr<PgConnection> m_admin;   // the superuser that migrated the database (its owner)
};

ConnectionProfile TestDraftWrites::as(const QString &login) const
{
    ConnectionProfile p = m_profile;
    p.user = login;
    return p;
}

QString TestDraftWrites::scalar(const QString &sql) const
{
    QSqlQuery q(m_admin->db());
    if (!q.exec(sql) || !q.next())
        qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    return q.value(0).toString();
}

void TestDraftWrites::exec(const QString &sql) const
{
    QSqlQuery q(m_admin->db());
    if (!q.exec(sql))
        qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
}

QString TestDraftWrites::lastAudit(qint64 id, const QString &field) const
{
    return scalar(u"SELECT coalesce(%2, '') FROM audit_log WHERE table_name = 'draft_content' "
                  "AND row_key = '{\"id\": %1}' ORDER BY id DESC LIMIT 1"_s.arg(id).arg(field));
}

void TestDraftWrites::initTestCase()
{
    m_profile = PgFixture::instance().freshDatabase(u"draftwrites"_s);
    m_admin = PgFixture::instance().connect(m_profile, u"owner"_s);
    Migrator migrator(m_admin->db());
    const auto migrated = migrator.migrate();
    if (!migrated)
        QFAIL(qPrintable(migrated.error().text()));
    for (const char *sql : {"CREATE ROLE alice_reviewer LOGIN IN ROLE staff_reviewer",
                            "CREATE ROLE dave_reviewer LOGIN IN ROLE staff_reviewer",
                            "CREATE ROLE bob_admin LOGIN IN ROLE staff_admin",
                            "CREATE ROLE carol_support LOGIN IN ROLE staff_support",
                            "INSERT INTO users (id, github_id) VALUES (1, '1001'), (2, '1002')"})
        exec(QString::fromLatin1(sql));
}

void TestDraftWrites::init()
{
    exec(u"DELETE FROM draft_content"_s);
    QSqlQuery q(m_admin->db());
    QVERIFY(q.prepare(u"INSERT INTO draft_content (id, user_id, workflow_run_id, content_type, github_issue_id, "
                      "github_repo, content, metadata, status) VALUES "
                      "(1, 1, 'wr-1', 'comment', 7, 'acme/api', 'first body', '{\"model\": \"m1\"}', 'draft'), "
                      "(2, 1, 'wr-42', 'pull_request', 8, 'acme/api', 'pr body', CAST(:meta AS jsonb), 'draft'), "
                      "(3, 2, 'wr-3', 'comment', 9, 'acme/web', 'third body', NULL, 'draft'), "
                      "(4, 2, 'wr-4', 'comment', 10, 'acme/web', 'fourth body', '{}', 'published')"_s));
    q.bindValue(u":meta"_s, QString::fromUtf8(kPrMetadata));
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
}

void TestDraftWrites::loadCarriesTheRowVersion()
{
    DraftStore store(factoryFor(as(u"alice_reviewer"_s)));
    const auto draft = resultOf(store.loadDraft(2));
    QVERIFY2(draft.has_value(), qPrintable(draft ? QString() : draft.error().text()));
    QCOMPARE(draft->version, version(2));
    QCOMPARE(draft->metadata, scalar(u"SELECT metadata::text FROM draft_content WHERE id = 2"_s));

    const auto missing = resultOf(store.loadDraft(99));
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, DbError::Kind::NotFound);
    QCOMPARE(missing.error().message, u"Draft #99 no longer exists."_s);
}

void TestDraftWrites::saveWritesContentAndMergesPullRequestFields()
{
    DraftStore store(factoryFor(as(u"alice_reviewer"_s)));
    const auto draft = resultOf(store.loadDraft(2));
    QVERIFY(draft.has_value());
    const QString before = scalar(u"SELECT metadata::text FROM draft_content WHERE id = 2"_s);
    QVERIFY(before.contains(u"9007199254740993"_s));
    QVERIFY(before.contains(u"0.1000000000000000055511"_s));

    const auto saved = resultOf(store.save(2, draft->version, u"corrected body\n\n- [x] done"_s,
                                           PullRequestFields{u"Fix retries with backoff"_s, u"ai/fix-retries-8"_s,
                                                             u"develop"_s}));
    QVERIFY2(saved.has_value(), qPrintable(saved ? QString() : saved.error().error.text()));
    QCOMPARE(*saved, version(2));
    QVERIFY(*saved != draft->version);

    QCOMPARE(scalar(u"SELECT content FROM draft_content WHERE id = 2"_s), u"corrected body\n\n- [x] done"_s);
    QString expected = before;
    expected.replace(u"\"title\": \"Fix retries\""_s, u"\"title\": \"Fix retries with backoff\""_s)
        .replace(u"\"head\": \"ai/fix-retries-7\""_s, u"\"head\": \"ai/fix-retries-8\""_s)
        .replace(u"\"base\": \"main\""_s, u"\"base\": \"develop\""_s);
    QVERIFY(expected != before);
    QCOMPARE(scalar(u"SELECT metadata::text FROM draft_content WHERE id = 2"_s), expected);

    QCOMPARE(lastAudit(2, u"login"_s), u"alice_reviewer"_s);
    QCOMPARE(lastAudit(2, u"after ->> 'content'"_s), u"corrected body\n\n- [x] done"_s);

    // The new version is what the next save is based on.
    const auto again = resultOf(store.save(2, *saved, u"second correction"_s));
    QVERIFY2(again.has_value(), qPrintable(again ? QString() : again.error().error.text()));
}

void TestDraftWrites::saveWithoutPullRequestFieldsLeavesMetadata()
{
    DraftStore store(factoryFor(as(u"alice_reviewer"_s)));
    const QString before = scalar(u"SELECT metadata::text FROM draft_content WHERE id = 2"_s);
    const auto saved = resultOf(store.save(2, version(2), u"only the text"_s));
    QVERIFY(saved.has_value());
    QCOMPARE(scalar(u"SELECT metadata::text FROM draft_content WHERE id = 2"_s), before);
    QCOMPARE(scalar(u"SELECT metadata IS NULL FROM draft_content WHERE id = 3"_s), u"true"_s);
    QVERIFY(resultOf(store.save(3, version(3), u"third, corrected"_s)).has_value());
    QCOMPARE(scalar(u"SELECT metadata IS NULL FROM draft_content WHERE id = 3"_s), u"true"_s);
}

void TestDraftWrites::concurrentChangeIsConflictWithTheirVersion()
{
    DraftStore alice(factoryFor(as(u"alice_reviewer"_s)));
    DraftStore bob(factoryFor(as(u"bob_admin"_s)));
    const auto mine = resultOf(alice.loadDraft(1));
    const auto theirsLoaded = resultOf(bob.loadDraft(1));
    QVERIFY(mine && theirsLoaded);
    QVERIFY(resultOf(bob.save(1, theirsLoaded->version, u"bob's words"_s)).has_value());

    const auto refused = resultOf(alice.save(1, mine->version, u"alice's words"_s));
    QVERIFY(!refused);
    QCOMPARE(refused.error().error.kind, DbError::Kind::Conflict);
    QVERIFY(refused.error().theirs.has_value());
    const DraftConflict &theirs = *refused.error().theirs;
    QCOMPARE(theirs.current.content, u"bob's words"_s);
    QCOMPARE(theirs.current.version, version(1));
    QCOMPARE(theirs.current.metadata, u"{\"model\": \"m1\"}"_s);
    QCOMPARE(theirs.changedBy, u"bob_admin"_s);
    QVERIFY(theirs.changedAt.isValid());
    QVERIFY2(refused.error().error.message.contains(u"bob_admin"_s), qPrintable(refused.error().error.message));
    QCOMPARE(scalar(u"SELECT content FROM draft_content WHERE id = 1"_s), u"bob's words"_s);

    // "Keep mine": saving again on their version goes through.
    QVERIFY(resultOf(alice.save(1, theirs.current.version, u"alice's words"_s)).has_value());
    QCOMPARE(scalar(u"SELECT content FROM draft_content WHERE id = 1"_s), u"alice's words"_s);
}

void TestDraftWrites::zeroRowsUpdatedIsConflictNotSuccess()
{
    // A trigger that silently skips the update: the version matches, yet no row changes.
    exec(u"CREATE FUNCTION skip_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$"_s);
    exec(u"CREATE TRIGGER skip_update BEFORE UPDATE ON draft_content FOR EACH ROW EXECUTE FUNCTION skip_update()"_s);
    DraftStore store(factoryFor(as(u"alice_reviewer"_s)));
    const QString before = version(1);
    const auto saved = resultOf(store.save(1, before, u"never written"_s));
    exec(u"DROP TRIGGER skip_update ON draft_content"_s);
    exec(u"DROP FUNCTION skip_update()"_s);
    QVERIFY(!saved);
    QCOMPARE(saved.error().error.kind, DbError::Kind::Conflict);
    QVERIFY(saved.error().theirs.has_value());
    QCOMPARE(saved.error().theirs->current.content, u"first body"_s);
    QCOMPARE(scalar(u"SELECT content FROM draft_content WHERE id = 1"_s), u"first body"_s);
    QCOMPARE(version(1), before);
}

void TestDraftWrites::deletedDraftSaysSo()
{
    DraftStore store(factoryFor(as(u"alice_reviewer"_s)));
    const auto draft = resultOf(store.loadDraft(3));
    QVERIFY(draft.has_value());
    exec(u"DELETE FROM draft_content WHERE id = 3"_s);
    const auto saved = resultOf(store.save(3, draft->version, u"too late"_s));
    QVERIFY(!saved);
    QCOMPARE(saved.error().error.kind, DbError::Kind::NotFound);
    QCOMPARE(saved.error().error.message, u"Draft #3 no longer exists."_s);
    QVERIFY(!saved.error().theirs);
}

void TestDraftWrites::droppedConnectionIsNotClaimedAsSaved()
{
    DraftStore store(factoryFor(as(u"alice_reviewer"_s)));
    const auto draft = resultOf(store.loadDraft(1));
    QVERIFY(draft.has_value());

    // Hold the row so that the save waits inside its transaction, then drop its connection.
    auto locker = PgFixture::instance().connect(m_profile, u"locker"_s);
    QSqlQuery lock(locker->db());
    QVERIFY(lock.exec(u"BEGIN"_s));
    QVERIFY(lock.exec(u"SELECT 1 FROM draft_content WHERE id = 1 FOR UPDATE"_s));
    auto saving = store.save(1, draft->version, u"lost on the way"_s);
    QTRY_COMPARE_WITH_TIMEOUT(scalar(u"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                     "AND application_name = 'staff-console (draft store)' AND wait_event_type = 'Lock'"_s),
                              u"1"_s, 10000);
    QCOMPARE(scalar(u"SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND application_name = 'staff-console (draft store)'"_s),
             u"1"_s);
    const auto saved = resultOf(saving);
    QVERIFY(lock.exec(u"ROLLBACK"_s));
    QVERIFY(!saved);
    QCOMPARE(saved.error().error.kind, DbError::Kind::ConnectionLost);
    QCOMPARE(scalar(u"SELECT content FROM draft_content WHERE id = 1"_s), u"first body"_s);
    QCOMPARE(version(1), draft->version);

    // This store holds no session state: the next call reconnects.
    const auto retried = resultOf(store.save(1, draft->version, u"saved on retry"_s));
    QVERIFY2(retried.has_value(), qPrintable(retried ? QString() : retried.error().error.text()));
    QCOMPARE(scalar(u"SELECT content FROM draft_content WHERE id = 1"_s), u"saved on retry"_s);
}

void TestDraftWrites::supportWritesAreRefusedByTheDatabase()
{
    DraftStore store(factoryFor(as(u"carol_support"_s)));
    const QString before = version(2);
    const QString metadata = scalar(u"SELECT metadata::text FROM draft_content WHERE id = 2"_s);
    const auto saved = resultOf(store.save(2, before, u"support was here"_s,
                                           PullRequestFields{u"t"_s, u"h"_s, u"b"_s}));
    QVERIFY(!saved);
    QCOMPARE(saved.error().error.kind, DbError::Kind::Permission);
    QCOMPARE(saved.error().error.sqlState, u"42501"_s);
    const auto discarded = resultOf(store.discard(2, before, u"no"_s));
    QVERIFY(!discarded);
    QCOMPARE(discarded.error().error.kind, DbError::Kind::Permission);
    QCOMPARE(scalar(u"SELECT content FROM draft_content WHERE id = 2"_s), u"pr body"_s);
    QCOMPARE(scalar(u"SELECT metadata::text FROM draft_content WHERE id = 2"_s), metadata);
    QCOMPARE(version(2), before);
}

void TestDraftWrites::discardKeepsReasonAndUndoReturnsIt()
{
    DraftStore store(factoryFor(as(u"alice_reviewer"_s)));
    const QString metadataBefore = scalar(u"SELECT metadata::text FROM draft_content WHERE id = 2"_s);
    const auto discarded = resultOf(store.discard(2, version(2), u"duplicate of #1"_s));
    QVERIFY2(discarded.has_value(), qPrintable(discarded ? QString() : discarded.error().error.text()));
    QCOMPARE(scalar(u"SELECT status FROM draft_content WHERE id = 2"_s), u"discarded"_s);
    QCOMPARE(scalar(u"SELECT metadata -> 'discard' ->> 'reason' FROM draft_content WHERE id = 2"_s), u"duplicate of #1"_s);
    QCOMPARE(scalar(u"SELECT metadata -> 'discard' ->> 'by' FROM draft_content WHERE id = 2"_s), u"alice_reviewer"_s);
    QCOMPARE(scalar(u"SELECT (metadata -> 'discard' ->> 'at') IS NOT NULL FROM draft_content WHERE id = 2"_s), u"true"_s);
    QVERIFY(scalar(u"SELECT metadata::text FROM draft_content WHERE id = 2"_s).contains(u"9007199254740993"_s));
    QCOMPARE(lastAudit(2, u"login"_s), u"alice_reviewer"_s);
    QCOMPARE(lastAudit(2, u"after ->> 'status'"_s), u"discarded"_s);

    // Only a draft can be discarded.
    const auto published = resultOf(store.discard(4, version(4)));
    QVERIFY(!published);
    QCOMPARE(published.error().error.kind, DbError::Kind::Conflict);
    QVERIFY2(published.error().error.message.contains(u"published"_s), qPrintable(published.error().error.message));

    const auto undone = resultOf(store.undoDiscard(2, *discarded));
    QVERIFY2(undone.has_value(), qPrintable(undone ? QString() : undone.error().error.text()));
    QCOMPARE(scalar(u"SELECT status FROM draft_content WHERE id = 2"_s), u"draft"_s);
    QCOMPARE(scalar(u"SELECT metadata::text FROM draft_content WHERE id = 2"_s), metadataBefore);
    QCOMPARE(lastAudit(2, u"after ->> 'status'"_s), u"draft"_s);
    QCOMPARE(lastAudit(2, u"login"_s), u"alice_reviewer"_s);

    // Without a reason: metadata.discard.reason is null.
    QVERIFY(resultOf(store.discard(3, version(3))).has_value());
    QCOMPARE(scalar(u"SELECT jsonb_typeof(metadata -> 'discard' -> 'reason') FROM draft_content WHERE id = 3"_s),
             u"null"_s);
}

void TestDraftWrites::onlyAdminsRestoreDiscardedDrafts()
{
    DraftStore alice(factoryFor(as(u"alice_reviewer"_s)));
    DraftStore dave(factoryFor(as(u"dave_reviewer"_s)));
    DraftStore bob(factoryFor(as(u"bob_admin"_s)));
    const auto discarded = resultOf(alice.discard(1, version(1), u"off topic"_s));
    QVERIFY(discarded.has_value());

    // Another reviewer may not bring it back, not even as an "undo".
    for (auto refused : {resultOf(dave.restore(1, *discarded)), resultOf(dave.undoDiscard(1, *discarded))}) {
        QVERIFY(!refused);
        QCOMPARE(refused.error().error.kind, DbError::Kind::Permission);
        QVERIFY2(refused.error().error.detail.contains(u"only staff_admin may restore"_s),
                 qPrintable(refused.error().error.detail));
    }
    // Nor may the reviewer who discarded it once the undo window has passed.
    exec(u"UPDATE audit_log SET at = at - interval '1 minute' WHERE table_name = 'draft_content' "
         "AND row_key = '{\"id\": 1}'"_s);
    const auto late = resultOf(alice.undoDiscard(1, *discarded));
    QVERIFY(!late);
    QCOMPARE(late.error().error.kind, DbError::Kind::Permission);
    QCOMPARE(scalar(u"SELECT status FROM draft_content WHERE id = 1"_s), u"discarded"_s);
    QCOMPARE(version(1), *discarded);

    const auto restored = resultOf(bob.restore(1, *discarded));
    QVERIFY2(restored.has_value(), qPrintable(restored ? QString() : restored.error().error.text()));
    QCOMPARE(scalar(u"SELECT status FROM draft_content WHERE id = 1"_s), u"draft"_s);
    QCOMPARE(scalar(u"SELECT metadata::text FROM draft_content WHERE id = 1"_s), u"{\"model\": \"m1\"}"_s);
    QCOMPARE(lastAudit(1, u"login"_s), u"bob_admin"_s);
    QCOMPARE(lastAudit(1, u"after ->> 'status'"_s), u"draft"_s);
    QCOMPARE(lastAudit(1, u"before ->> 'status'"_s), u"discarded"_s);

    // Restoring what is not discarded changes nothing.
    const auto notDiscarded = resultOf(bob.restore(1, *restored));
    QVERIFY(!notDiscarded);
    QCOMPARE(notDiscarded.error().error.kind, DbError::Kind::Conflict);
}

void TestDraftWrites::reviewerCannotRestoreEvenBypassingTheConsole()
{
    exec(u"UPDATE draft_content SET status = 'discarded' WHERE id = 3"_s);
    auto alice = PgFixture::instance().connect(as(u"alice_reviewer"_s), u"psql-like"_s);
    QSqlQuery q(alice->db());
    QVERIFY(!q.exec(u"UPDATE draft_content SET status = 'draft' WHERE id = 3"_s));
    QCOMPARE(q.lastError().nativeErrorCode(), u"42501"_s);
    // Content edits of a discarded draft and discarding stay a reviewer's right.
    QVERIFY2(q.exec(u"UPDATE draft_content SET content = 'fixed typo' WHERE id = 3"_s), qPrintable(q.lastError().text()));
    QVERIFY2(q.exec(u"UPDATE draft_content SET status = 'discarded' WHERE id = 1"_s), qPrintable(q.lastError().text()));
    QCOMPARE(scalar(u"SELECT status FROM draft_content WHERE id = 3"_s), u"discarded"_s);
}

void TestDraftWrites::claimIsSeenByAnotherLogin()
{
    DraftClaims alice(factoryFor(as(u"alice_reviewer"_s)));
    DraftClaims bob(factoryFor(as(u"bob_admin"_s)));
    const auto mine = resultOf(alice.claim(1));
    QVERIFY2(mine.has_value(), qPrintable(mine ? QString() : mine.error().text()));
    QVERIFY(mine->claimed);
    QVERIFY(claimed(alice, 1));   // claiming again: still mine

    const auto refused = resultOf(bob.claim(1));
    QVERIFY(refused.has_value());
    QVERIFY(!refused->claimed);
    QVERIFY(refused->holder.has_value());
    QCOMPARE(refused->holder->login, u"alice_reviewer"_s);
    QCOMPARE(refused->holder->application, u"staff-console (claims)"_s);
    QVERIFY(!refused->holder->mine);

    const auto seenByBob = resultOf(bob.holders({1, 2, 3}));
    QVERIFY2(seenByBob.has_value(), qPrintable(seenByBob ? QString() : seenByBob.error().text()));
    QCOMPARE(seenByBob->size(), 1);
    QCOMPARE(seenByBob->value(1).login, u"alice_reviewer"_s);
    const auto seenByAlice = resultOf(alice.holders({1, 2}));
    QVERIFY(seenByAlice.has_value());
    QVERIFY(seenByAlice->value(1).mine);

    // What a staff login sees of another login's connection: its login and application name, not
    // its start time (pg_stat_activity hides that without pg_read_all_stats).
    auto bobSql = PgFixture::instance().connect(as(u"bob_admin"_s), u"look"_s);
    QSqlQuery q(bobSql->db());
    QVERIFY(q.exec(u"SELECT usename, application_name, backend_start IS NULL FROM pg_stat_activity "
                   "WHERE usename = 'alice_reviewer'"_s));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), u"alice_reviewer"_s);
    QCOMPARE(q.value(1).toString(), u"staff-console (claims)"_s);
    QCOMPARE(q.value(2).toBool(), true);
}

void TestDraftWrites::claimingAnotherDraftOrReleasingEndsTheClaim()
{
    DraftClaims alice(factoryFor(as(u"alice_reviewer"_s)));
    DraftClaims bob(factoryFor(as(u"bob_admin"_s)));
    QVERIFY(claimed(alice, 1));
    QVERIFY(claimed(alice, 2));   // moving on
    QVERIFY(claimed(bob, 1));
    QVERIFY(!claimed(bob, 2));    // bob moved on to 2, which alice holds: bob lets go of 1
    QVERIFY(resultOf(alice.release()).has_value());
    QVERIFY(claimed(bob, 2));
    QVERIFY(claimed(alice, 1));
}

void TestDraftWrites::killedProcessReleasesItsClaim()
{
    QProcess holder;
    holder.start(QCoreApplication::applicationFilePath(),
                 {u"--hold-claim"_s, as(u"alice_reviewer"_s).toUri(), u"3"_s});
    QVERIFY(holder.waitForStarted());
    QByteArray said;
    QTRY_VERIFY_WITH_TIMEOUT((said += holder.readAllStandardOutput()).endsWith('\n')
                                 || holder.state() == QProcess::NotRunning,
                             20000);
    QCOMPARE(said, QByteArray("claimed\n"));
    QCOMPARE(holder.state(), QProcess::Running);

    DraftClaims bob(factoryFor(as(u"bob_admin"_s)));
    const auto refused = resultOf(bob.claim(3));
    QVERIFY(refused.has_value() && !refused->claimed);
    QCOMPARE(refused->holder->login, u"alice_reviewer"_s);

    holder.kill();   // SIGKILL: no clean-up in the child
    QVERIFY(holder.waitForFinished());
    QTRY_VERIFY_WITH_TIMEOUT(claimed(bob, 3), 5000);
}

void TestDraftWrites::adminTakesOverAClaim()
{
    DraftClaims alice(factoryFor(as(u"alice_reviewer"_s)));
    DraftClaims bob(factoryFor(as(u"bob_admin"_s)));
    QSignalSpy aliceLost(&alice, &DraftClaims::claimLost);
    QVERIFY(claimed(alice, 2));

    const auto taken = resultOf(bob.takeOver(2));
    QVERIFY2(taken.has_value(), qPrintable(taken ? QString() : taken.error().text()));
    QVERIFY(taken->claimed);
    QCOMPARE(taken->tookOverFrom, u"alice_reviewer"_s);

    // Alice's console learns at once that its claim is gone, and is not silently reconnected.
    QTRY_COMPARE_WITH_TIMEOUT(aliceLost.count(), 1, 5000);
    const auto afterLoss = resultOf(alice.claim(2));
    QVERIFY(!afterLoss);
    QCOMPARE(afterLoss.error().kind, DbError::Kind::ConnectionLost);
    alice.reconnect();
    const auto again = resultOf(alice.claim(2));
    QVERIFY2(again.has_value(), qPrintable(again ? QString() : again.error().text()));
    QVERIFY(!again->claimed);
    QCOMPARE(again->holder->login, u"bob_admin"_s);

    // Nobody holds draft 3: a take-over simply claims it.
    const auto free = resultOf(bob.takeOver(3));
    QVERIFY(free.has_value() && free->claimed);
    QVERIFY(free->tookOverFrom.isEmpty());
}

void TestDraftWrites::reviewerCannotTakeOver()
{
    DraftClaims bob(factoryFor(as(u"bob_admin"_s)));
    DraftClaims dave(factoryFor(as(u"dave_reviewer"_s)));
    QVERIFY(claimed(bob, 1));
    const auto refused = resultOf(dave.takeOver(1));
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, DbError::Kind::Permission);
    const auto stillBobs = resultOf(dave.holders({1}));
    QVERIFY(stillBobs.has_value());
    QCOMPARE(stillBobs->value(1).login, u"bob_admin"_s);
}

void TestDraftWrites::takeOverWorksWhenANonSuperuserOwnsTheSchema()
{
    // Production shape: the tables' owner (CREATEROLE, not a superuser) runs the migrations; 012
    // grants it pg_signal_backend so that its SECURITY DEFINER take-over may end a claim.
    exec(u"CREATE ROLE product_owner LOGIN CREATEROLE"_s);
    ConnectionProfile owned = PgFixture::instance().freshDatabase(u"draftwrites_owned"_s);
    exec(u"ALTER DATABASE draftwrites_owned OWNER TO product_owner"_s);
    ConnectionProfile asOwner = owned;
    asOwner.user = u"product_owner"_s;
    {
        auto owner = PgFixture::instance().connect(asOwner, u"product-owner"_s);
        Migrator migrator(owner->db());
        const auto migrated = migrator.migrate();
        if (!migrated)
            QFAIL(qPrintable(migrated.error().text()));
    }
    QCOMPARE(scalar(u"SELECT pg_has_role('product_owner', 'pg_signal_backend', 'MEMBER')"_s), u"true"_s);

    ConnectionProfile alicePart = owned, bobPart = owned;
    alicePart.user = u"alice_reviewer"_s;
    bobPart.user = u"bob_admin"_s;
    DraftClaims alice(factoryFor(alicePart));
    DraftClaims bob(factoryFor(bobPart));
    QSignalSpy aliceLost(&alice, &DraftClaims::claimLost);
    QVERIFY(claimed(alice, 5));
    const auto taken = resultOf(bob.takeOver(5));
    QVERIFY2(taken.has_value(), qPrintable(taken ? QString() : taken.error().text()));
    QVERIFY(taken->claimed);
    QCOMPARE(taken->tookOverFrom, u"alice_reviewer"_s);
    QTRY_COMPARE_WITH_TIMEOUT(aliceLost.count(), 1, 5000);
}

int main(int argc, char **argv)
{
    if (argc == 4 && qstrcmp(argv[1], "--hold-claim") == 0)
        return holdClaim(argv[2], argv[3]);
    QCoreApplication app(argc, argv);
    TestDraftWrites test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_draftwrites.moc"
