#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

#include "comparisonpane.h"
#include "draftdetailpane.h"
#include "drafteditor.h"
#include "draftlist.h"
#include "draftstatusdelegate.h"
#include "draftservices.h"
#include "draftsworkspace.h"
#include "githubharness.h"
#include "issuecontextpane.h"
#include "listtableview.h"
#include "metadatatree.h"
#include "migrator.h"
#include "pagedlistmodel.h"
#include "pgfixture.h"
#include "rolepolicy.h"
#include "shortcutsdialog.h"
#include "testrsakey.h"

using namespace Qt::StringLiterals;

namespace {

constexpr auto kPrMetadata = R"({"title": "Fix retries", "head": "topic", "base": "master",
    "tokens": 9007199254740993, "workflow": {"score": 0.1000000000000000055511, "run_id": "wr-42"}})";

ConnectionFactory factoryFor(ConnectionProfile profile)
{
    return [profile](const QString &purpose) { return PgConnection::open(profile, {}, purpose); };
}

QRegularExpression exactly(const QString &path)
{
    return QRegularExpression(QRegularExpression::escape(path) + u"(\\?.*)?"_s);
}

// Replaces the text as typing would (setPlainText() would reset the document's modified flag).
void typeOver(QPlainTextEdit *source, const QString &text)
{
    source->selectAll();
    source->insertPlainText(text);
}

RolePolicy policyOf(const QString &role)
{
    return RolePolicy({role}, false, false);
}

} // namespace

// The review editor in the Drafts workspace against a real PostgreSQL (staff logins of migration
// 005, guards of 012) and the fake GitHub serving the fixtures.
class TestDraftEditor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void enterOpensTheEditorWithItsContext();
    void editsAreMarkedAndSaveWritesContentAndPullRequestFields();
    void conflictShowsBothVersionsAndWritesNothingUntilChosen();
    void takeTheirsLoadsTheirVersion();
    void movingWithUnsavedEditsAsksSaveDiscardOrStay();
    void discardWithReasonUndoAndAdminRestore();
    void claimIsShownReadOnlyToASecondLoginAndAdminTakesOver();
    void rolesEnableOrRefuseTheActions();
    void keyboardTriage();
    void singleKeyShortcutsReallyOff();
    void shortcutsDialogListsTheTriageKeys();
    void undoEndsWhenItsWindowCloses();

private:
    std::unique_ptr<DraftsWorkspace> workspaceAs(const QString &login, const QString &role, const QString &status = u"draft"_s);
    int rowOf(DraftsWorkspace &w, qint64 id) const;
    void select(DraftsWorkspace &w, qint64 id) const;
    void openInEditor(DraftsWorkspace &w, qint64 id) const;
    QString scalar(const QString &sql) const;
    void exec(const QString &sql) const;

    ConnectionProfile m_profile;
    std::unique_ptr<PgConnection> m_admin;
    std::unique_ptr<TestRsaKey> m_key;
    std::unique_ptr<GitHubHarness> m_github;
};

QString TestDraftEditor::scalar(const QString &sql) const
{
    QSqlQuery q(m_admin->db());
    if (!q.exec(sql) || !q.next())
        qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    return q.value(0).toString();
}

void TestDraftEditor::exec(const QString &sql) const
{
    QSqlQuery q(m_admin->db());
    if (!q.exec(sql))
        qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
}

void TestDraftEditor::initTestCase()
{
    m_profile = PgFixture::instance().freshDatabase(u"drafteditor"_s);
    m_admin = PgFixture::instance().connect(m_profile, u"owner"_s);
    const auto migrated = Migrator(m_admin->db()).migrate();
    if (!migrated)
        QFAIL(qPrintable(migrated.error().text()));
    for (const char *sql : {"CREATE ROLE alice_reviewer LOGIN IN ROLE staff_reviewer",
                            "CREATE ROLE dave_reviewer LOGIN IN ROLE staff_reviewer",
                            "CREATE ROLE bob_admin LOGIN IN ROLE staff_admin",
                            "CREATE ROLE carol_support LOGIN IN ROLE staff_support",
                            "INSERT INTO users (id, github_id) VALUES (1, '1001'), (2, '1002')",
                            "INSERT INTO github_app_installations (id, github_installation_id, account_name, account_type) "
                            "VALUES (1, '555', 'octocat', 'user')",
                            "INSERT INTO user_installations (user_id, installation_id, permission_level) VALUES (1, 1, 'write')",
                            "INSERT INTO user_preferences (user_id, auto_publish_comments, auto_publish_prs, testing_mode) "
                            "VALUES (1, false, true, true)"})
        exec(QString::fromLatin1(sql));

    m_key = std::make_unique<TestRsaKey>();
    m_github = std::make_unique<GitHubHarness>(m_key->pkcs1Pem());
    m_github->server.addRoute("GET", exactly(u"/repos/octocat/Hello-World/issues/1347"_s),
                              FakeResponse::json(200, Fixtures::github(u"GET_issue.json"_s)));
    m_github->server.addRoute("GET", exactly(u"/repos/octocat/Hello-World/issues/1347/comments"_s),
                              FakeResponse::json(200, Fixtures::github(u"GET_issue_comments.json"_s)));
    const QByteArray diff = Fixtures::github(u"GET_compare.diff"_s);
    m_github->server.addRoute("GET", exactly(u"/repos/octocat/Hello-World/compare/master...topic"_s),
                              [diff](const RecordedRequest &request) {
        if (request.header("accept").contains("diff"))
            return FakeResponse::text(200, diff, "application/vnd.github.diff; charset=utf-8");
        return FakeResponse::json(200, Fixtures::github(u"GET_compare.json"_s));
    });
}

void TestDraftEditor::init()
{
    // Claims of an earlier test's consoles end with their connections.
    QTRY_COMPARE(scalar(u"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 1396917315"_s), u"0"_s);
    exec(u"DELETE FROM draft_content"_s);
    QSqlQuery q(m_admin->db());
    QVERIFY(q.prepare(u"INSERT INTO draft_content (id, user_id, workflow_run_id, content_type, github_issue_id, "
                      "github_repo, content, metadata, status, created_at) VALUES "
                      "(1, 1, 'wr-1', 'comment', 1347, 'octocat/Hello-World', 'first body', '{\"model\": \"m1\"}', 'draft', now()), "
                      "(2, 1, 'wr-42', 'pull_request', 1347, 'octocat/Hello-World', 'pr body', CAST(:meta AS jsonb), 'draft', now() - interval '1 hour'), "
                      "(3, 2, 'wr/3', 'comment', 9, 'acme/web', 'third body', NULL, 'draft', now() - interval '2 hours'), "
                      "(4, 2, 'wr-4', 'comment', 10, 'acme/web', 'fourth body', '{}', 'discarded', now() - interval '3 hours')"_s));
    q.bindValue(u":meta"_s, QString::fromUtf8(kPrMetadata));
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
}

std::unique_ptr<DraftsWorkspace> TestDraftEditor::workspaceAs(const QString &login, const QString &role, const QString &status)
{
    auto w = std::make_unique<DraftsWorkspace>();
    w->resize(1400, 900);
    ConnectionProfile profile = m_profile;
    profile.user = login;
    w->setRolePolicy(policyOf(role));
    w->setGitHubClient(&m_github->client);
    w->setRunUrlTemplate(u"https://ci.example.com/runs/{id}"_s);
    w->statusFilter()->setCurrentIndex(w->statusFilter()->findData(status));
    // The services (and this login's claim) go when the workspace has gone, as a session's do.
    auto *services = new DraftServices(factoryFor(profile));
    connect(w.get(), &QObject::destroyed, [services] { delete services; });
    services->serve(*w);
    w->show();
    [&] { QTRY_VERIFY(w->model() && w->model()->isIdle() && w->model()->rowCount() > 0); }();
    return w;
}

int TestDraftEditor::rowOf(DraftsWorkspace &w, qint64 id) const
{
    for (int row = 0; row < w.model()->rowCount(); ++row) {
        if (w.model()->idAt(row) == id)
            return row;
    }
    return -1;
}

void TestDraftEditor::select(DraftsWorkspace &w, qint64 id) const
{
    const int row = rowOf(w, id);
    QVERIFY(row >= 0);
    w.view()->selectRow(row);
    QTRY_COMPARE(w.detailPane()->draftId(), id);
}

void TestDraftEditor::openInEditor(DraftsWorkspace &w, qint64 id) const
{
    select(w, id);
    QSignalSpy opened(&w, &DraftsWorkspace::draftOpened);
    w.openAction()->trigger();
    QTRY_VERIFY(!opened.isEmpty());
    QCOMPARE(opened.last().first().toLongLong(), id);
    QCOMPARE(w.editor()->draftId(), id);
}

void TestDraftEditor::enterOpensTheEditorWithItsContext()
{
    auto w = workspaceAs(u"alice_reviewer"_s, u"staff_reviewer"_s);
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    select(*w, 2);
    w->view()->setFocus();
    QSignalSpy opened(w.get(), &DraftsWorkspace::draftOpened);
    QTest::keyClick(w->view(), Qt::Key_Return);
    QTRY_VERIFY(!opened.isEmpty());
    DraftEditor *e = w->editor();
    QCOMPARE(w->detailTabs()->currentWidget(), e);
    QCOMPARE(e->draftId(), 2);
    QCOMPARE(e->source()->toPlainText(), u"pr body"_s);
    QCOMPARE(e->titleField()->text(), u"Fix retries"_s);
    QCOMPARE(e->headField()->text(), u"topic"_s);
    QCOMPARE(e->baseField()->text(), u"master"_s);
    QVERIFY2(!e->isReadOnly(), qPrintable(e->readOnlyReason()));
    // Metadata numbers exactly as stored, an integer above 2^53 included.
    QCOMPARE(e->metadataTree()->valueOf(u"tokens"_s), u"9007199254740993"_s);
    const auto score = e->metadataTree()->findItems(u"score"_s, Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(score.size(), 1);
    QCOMPARE(score.first()->text(MetadataTree::ValueColumn), u"0.1000000000000000055511"_s);
    // The run, linked through the template, id percent-encoded.
    QCOMPARE(e->runIdText(), u"wr-42"_s);
    QCOMPARE(e->runUrl(), u"https://ci.example.com/runs/wr-42"_s);
    // The owner as the database has them.
    QTRY_VERIFY2(e->ownerText().contains(u"write"_s), qPrintable(e->ownerText()));
    QVERIFY(e->ownerText().contains(u"GitHub id 1001"_s));
    QVERIFY(e->ownerText().contains(u"installation 555"_s));
    QVERIFY2(e->ownerText().contains(u"testing mode on · auto-publish comments off · auto-publish pull requests on"_s),
             qPrintable(e->ownerText()));
    // The issue and the comparison load without blocking the editor.
    QTRY_COMPARE(e->issuePane()->state(), GitHubContextPane::State::Loaded);
    QVERIFY(e->issuePane()->renderedText().contains(u"Found a bug"_s));
    QTRY_COMPARE(e->comparisonPane()->state(), GitHubContextPane::State::Loaded);
    QVERIFY(e->comparisonPane()->fileList()->topLevelItemCount() > 0);

    // A double-click opens another one; a comment has no comparison.
    const int row = rowOf(*w, 3);
    const QRect cell = w->view()->visualRect(w->model()->index(row, 1));
    QTest::mouseClick(w->view()->viewport(), Qt::LeftButton, {}, cell.center());   // a double-click's first press
    QTest::mouseDClick(w->view()->viewport(), Qt::LeftButton, {}, cell.center());
    QTRY_COMPARE(e->draftId(), 3);
    QVERIFY(!e->headField()->isVisibleTo(e));
    QCOMPARE(e->runUrl(), u"https://ci.example.com/runs/wr%2F3"_s);
    QTRY_VERIFY2(e->ownerText().contains(u"No installation of acme"_s), qPrintable(e->ownerText()));
    QVERIFY(e->ownerText().contains(u"No preferences row"_s));
}

void TestDraftEditor::editsAreMarkedAndSaveWritesContentAndPullRequestFields()
{
    auto w = workspaceAs(u"alice_reviewer"_s, u"staff_reviewer"_s);
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    openInEditor(*w, 2);
    DraftEditor *e = w->editor();
    QTRY_VERIFY2(!e->isReadOnly(), qPrintable(e->readOnlyReason()));
    QVERIFY(!e->headerText().startsWith(u"*"_s));
    e->source()->setFocus();
    e->source()->moveCursor(QTextCursor::End);
    QTest::keyClicks(e->source(), u" edited"_s);
    QVERIFY(e->isModified());
    QVERIFY(e->headerText().startsWith(u"* "_s));
    QCOMPARE(w->detailTabs()->tabText(w->detailTabs()->indexOf(e)), u"Editor *"_s);
    auto *statusDelegate = qobject_cast<DraftStatusDelegate *>(w->view()->itemDelegateForColumn(DraftList::Status));
    QVERIFY(statusDelegate);
    QVERIFY2(statusDelegate->textAt(rowOf(*w, 2)).contains(u"unsaved edits"_s), qPrintable(statusDelegate->textAt(rowOf(*w, 2))));
    e->titleField()->setText(u"Fix retries properly"_s);

    QSignalSpy saved(e, &DraftEditor::saved);
    QTest::keyClick(e->source(), Qt::Key_S, Qt::ControlModifier);
    QTRY_COMPARE(saved.count(), 1);
    QVERIFY(!e->isModified());
    QVERIFY(!e->headerText().startsWith(u"*"_s));
    QCOMPARE(scalar(u"SELECT content FROM draft_content WHERE id = 2"_s), u"pr body edited"_s);
    QCOMPARE(scalar(u"SELECT metadata->>'title' FROM draft_content WHERE id = 2"_s), u"Fix retries properly"_s);
    QCOMPARE(scalar(u"SELECT metadata->>'tokens' FROM draft_content WHERE id = 2"_s), u"9007199254740993"_s);
    QCOMPARE(scalar(u"SELECT metadata->'workflow'->>'score' FROM draft_content WHERE id = 2"_s),
             u"0.1000000000000000055511"_s);
    QCOMPARE(scalar(u"SELECT login FROM audit_log WHERE table_name = 'draft_content' ORDER BY id DESC LIMIT 1"_s),
             u"alice_reviewer"_s);
    QTRY_VERIFY(!statusDelegate->textAt(rowOf(*w, 2)).contains(u"unsaved"_s));
}

void TestDraftEditor::conflictShowsBothVersionsAndWritesNothingUntilChosen()
{
    auto w = workspaceAs(u"alice_reviewer"_s, u"staff_reviewer"_s);
    openInEditor(*w, 1);
    DraftEditor *e = w->editor();
    QTRY_VERIFY(!e->isReadOnly());
    typeOver(e->source(), u"my version of the body"_s);
    exec(u"UPDATE draft_content SET content = 'their version of the body' WHERE id = 1"_s);
    const QString auditRows = scalar(u"SELECT count(*) FROM audit_log"_s);
    QSignalSpy conflict(e, &DraftEditor::conflictShown);
    e->save();
    QTRY_COMPARE(conflict.count(), 1);
    QVERIFY(e->isConflictShown());
    QCOMPARE(e->theirsView()->toPlainText(), u"their version of the body"_s);
    QVERIFY(e->conflictDiff()->toPlainText().contains(u"their"_s));
    QVERIFY(e->conflictDiff()->toPlainText().contains(u"my"_s));
    QCOMPARE(e->source()->toPlainText(), u"my version of the body"_s);
    QVERIFY(e->isModified());
    // Nothing written until a choice is made.
    QCOMPARE(scalar(u"SELECT content FROM draft_content WHERE id = 1"_s), u"their version of the body"_s);
    QCOMPARE(scalar(u"SELECT count(*) FROM audit_log"_s), auditRows);

    QSignalSpy saved(e, &DraftEditor::saved);
    e->keepMineButton()->click();
    QTRY_COMPARE(saved.count(), 1);
    QVERIFY(!e->isConflictShown());
    QCOMPARE(scalar(u"SELECT content FROM draft_content WHERE id = 1"_s), u"my version of the body"_s);
}

void TestDraftEditor::takeTheirsLoadsTheirVersion()
{
    auto w = workspaceAs(u"alice_reviewer"_s, u"staff_reviewer"_s);
    openInEditor(*w, 1);
    DraftEditor *e = w->editor();
    QTRY_VERIFY(!e->isReadOnly());
    typeOver(e->source(), u"mine"_s);
    exec(u"UPDATE draft_content SET content = 'theirs' WHERE id = 1"_s);
    QSignalSpy conflict(e, &DraftEditor::conflictShown);
    e->save();
    QTRY_COMPARE(conflict.count(), 1);
    e->takeTheirsButton()->click();
    QCOMPARE(e->source()->toPlainText(), u"theirs"_s);
    QVERIFY(!e->isModified());
    QVERIFY(!e->isConflictShown());
    QCOMPARE(scalar(u"SELECT content FROM draft_content WHERE id = 1"_s), u"theirs"_s);
    // Merging by hand: their version stays beside mine, and saving replaces it.
    typeOver(e->source(), u"mine again"_s);
    exec(u"UPDATE draft_content SET content = 'theirs again' WHERE id = 1"_s);
    e->save();
    QTRY_COMPARE(conflict.count(), 2);
    e->mergeByHandButton()->click();
    QVERIFY(e->isConflictShown());
    typeOver(e->source(), u"mine and theirs again"_s);
    QSignalSpy saved(e, &DraftEditor::saved);
    e->save();
    QTRY_COMPARE(saved.count(), 1);
    QCOMPARE(scalar(u"SELECT content FROM draft_content WHERE id = 1"_s), u"mine and theirs again"_s);
}

void TestDraftEditor::movingWithUnsavedEditsAsksSaveDiscardOrStay()
{
    auto w = workspaceAs(u"alice_reviewer"_s, u"staff_reviewer"_s);
    openInEditor(*w, 1);
    DraftEditor *e = w->editor();
    QTRY_VERIFY(!e->isReadOnly());
    typeOver(e->source(), u"unsaved one"_s);

    w->openDraft(3);
    QTRY_VERIFY(w->leavePrompt() && w->leavePrompt()->isVisible());
    auto button = [&](const QString &text) {
        for (QAbstractButton *b : w->leavePrompt()->buttons()) {
            if (b->text().remove(u'&') == text)
                return b;
        }
        return static_cast<QAbstractButton *>(nullptr);
    };
    QVERIFY(button(u"Save"_s) && button(u"Discard edit"_s) && button(u"Stay"_s));
    button(u"Stay"_s)->click();
    QTRY_VERIFY(!w->leavePrompt());
    QCOMPARE(e->draftId(), 1);
    QCOMPARE(e->source()->toPlainText(), u"unsaved one"_s);

    w->openDraft(3);
    QTRY_VERIFY(w->leavePrompt() && w->leavePrompt()->isVisible());
    button(u"Save"_s)->click();
    QTRY_COMPARE(e->draftId(), 3);
    QCOMPARE(scalar(u"SELECT content FROM draft_content WHERE id = 1"_s), u"unsaved one"_s);

    QTRY_VERIFY(!e->isReadOnly());
    typeOver(e->source(), u"dropped"_s);
    w->openDraft(1);
    QTRY_VERIFY(w->leavePrompt() && w->leavePrompt()->isVisible());
    button(u"Discard edit"_s)->click();
    QTRY_COMPARE(e->draftId(), 1);
    QCOMPARE(scalar(u"SELECT content FROM draft_content WHERE id = 3"_s), u"third body"_s);
}

void TestDraftEditor::discardWithReasonUndoAndAdminRestore()
{
    auto w = workspaceAs(u"alice_reviewer"_s, u"staff_reviewer"_s);
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    int asked = 0;
    w->setDiscardReasonAsker([&asked] {
        ++asked;
        return std::optional<QString>(u"duplicate of #1"_s);
    });
    select(*w, 3);
    w->view()->setFocus();
    QSignalSpy discarded(w.get(), &DraftsWorkspace::discarded);
    QTest::keyClick(w->view(), Qt::Key_D);
    QTRY_COMPARE(discarded.count(), 1);
    QCOMPARE(asked, 1);
    QCOMPARE(scalar(u"SELECT status FROM draft_content WHERE id = 3"_s), u"discarded"_s);
    QCOMPARE(scalar(u"SELECT metadata->'discard'->>'reason' FROM draft_content WHERE id = 3"_s), u"duplicate of #1"_s);
    QCOMPARE(scalar(u"SELECT login FROM audit_log WHERE table_name = 'draft_content' ORDER BY id DESC LIMIT 1"_s),
             u"alice_reviewer"_s);
    QVERIFY(w->notificationText().contains(u"Draft #3 discarded"_s));
    // The list goes on at the row where the discarded draft was (now the last row: draft 2).
    QTRY_COMPARE(w->detailPane()->draftId(), 2);
    QCOMPARE(w->selectedDraftId(), 2);
    QVERIFY(w->notificationUndoButton()->isVisible());
    QVERIFY(w->undoDiscardAction()->isEnabled());

    QSignalSpy undone(w.get(), &DraftsWorkspace::discardUndone);
    w->view()->setFocus();
    QTest::keyClick(w->view(), Qt::Key_U);
    QTRY_COMPARE(undone.count(), 1);
    QCOMPARE(scalar(u"SELECT status FROM draft_content WHERE id = 3"_s), u"draft"_s);
    QCOMPARE(scalar(u"SELECT metadata ? 'discard' FROM draft_content WHERE id = 3"_s), u"false"_s);
    QVERIFY(!w->undoDiscardAction()->isEnabled());

    // A reviewer may not restore a draft discarded earlier: the action names the role.
    auto discardedList = workspaceAs(u"alice_reviewer"_s, u"staff_reviewer"_s, u"discarded"_s);
    select(*discardedList, 4);
    QVERIFY(!discardedList->restoreAction()->isEnabled());
    QVERIFY2(discardedList->restoreAction()->toolTip().contains(u"staff_admin"_s),
             qPrintable(discardedList->restoreAction()->toolTip()));
    discardedList.reset();

    auto admin = workspaceAs(u"bob_admin"_s, u"staff_admin"_s, u"discarded"_s);
    select(*admin, 4);
    QTRY_VERIFY(admin->restoreAction()->isEnabled());
    QSignalSpy restored(admin.get(), &DraftsWorkspace::restored);
    admin->restoreAction()->trigger();
    QTRY_COMPARE(restored.count(), 1);
    QCOMPARE(scalar(u"SELECT status FROM draft_content WHERE id = 4"_s), u"draft"_s);
    QCOMPARE(scalar(u"SELECT login FROM audit_log WHERE table_name = 'draft_content' ORDER BY id DESC LIMIT 1"_s),
             u"bob_admin"_s);
}

void TestDraftEditor::claimIsShownReadOnlyToASecondLoginAndAdminTakesOver()
{
    auto alice = workspaceAs(u"alice_reviewer"_s, u"staff_reviewer"_s);
    openInEditor(*alice, 1);
    QTRY_VERIFY2(!alice->editor()->isReadOnly(), qPrintable(alice->editor()->readOnlyReason()));
    typeOver(alice->editor()->source(), u"alice's edit"_s);

    auto dave = workspaceAs(u"dave_reviewer"_s, u"staff_reviewer"_s);
    select(*dave, 1);
    QTRY_COMPARE(dave->detailPane()->claimNote(), u"being reviewed by alice_reviewer"_s);
    auto *statusDelegate = qobject_cast<DraftStatusDelegate *>(dave->view()->itemDelegateForColumn(DraftList::Status));
    QVERIFY(statusDelegate->textAt(rowOf(*dave, 1)).contains(u"being reviewed by alice_reviewer"_s));
    QVERIFY(!statusDelegate->textAt(rowOf(*dave, 3)).contains(u"being reviewed"_s));
    QVERIFY(!dave->discardAction()->isEnabled());
    openInEditor(*dave, 1);
    QVERIFY(dave->editor()->isReadOnly());
    QVERIFY(dave->editor()->source()->isReadOnly());
    QVERIFY2(dave->editor()->readOnlyReason().contains(u"Being reviewed by alice_reviewer"_s),
             qPrintable(dave->editor()->readOnlyReason()));
    QVERIFY(!dave->editor()->saveAction()->isEnabled());
    QVERIFY(!dave->editor()->takeOverButton()->isVisibleTo(dave->editor()));
    QVERIFY(!dave->takeOverAction()->isEnabled());
    QVERIFY(dave->takeOverAction()->toolTip().contains(u"staff_admin"_s));
    dave.reset();

    auto bob = workspaceAs(u"bob_admin"_s, u"staff_admin"_s);
    openInEditor(*bob, 1);
    QVERIFY(bob->editor()->isReadOnly());
    QVERIFY(bob->editor()->takeOverButton()->isVisibleTo(bob->editor()));
    QTRY_VERIFY(bob->takeOverAction()->isEnabled());
    bob->takeOverAction()->trigger();
    QTRY_VERIFY2(!bob->editor()->isReadOnly(), qPrintable(bob->editor()->readOnlyReason() + u" / "_s + bob->notificationText()));
    // Alice's console lost the claim: her edit stays, read-only, and says who has the draft now.
    QTRY_VERIFY2_WITH_TIMEOUT(alice->editor()->readOnlyReason().contains(u"bob_admin"_s),
                              qPrintable(alice->editor()->readOnlyReason()), 3 * DraftsWorkspace::kClaimRefreshMs);
    QVERIFY(alice->editor()->isReadOnly());
    QCOMPARE(alice->editor()->source()->toPlainText(), u"alice's edit"_s);
}

void TestDraftEditor::rolesEnableOrRefuseTheActions()
{
    auto support = workspaceAs(u"carol_support"_s, u"staff_support"_s);
    select(*support, 1);
    QVERIFY(!support->discardAction()->isEnabled());
    QVERIFY2(support->discardAction()->toolTip().contains(u"Requires the staff_reviewer role"_s),
             qPrintable(support->discardAction()->toolTip()));
    QVERIFY(!support->restoreAction()->isEnabled());
    openInEditor(*support, 1);
    DraftEditor *e = support->editor();
    QVERIFY(e->isReadOnly());
    QVERIFY(e->readOnlyReason().contains(u"staff_reviewer"_s));
    QVERIFY(!e->saveAction()->isEnabled());
    QVERIFY(e->saveAction()->toolTip().contains(u"staff_reviewer"_s));
    // Support opens without claiming: nobody sees it "being reviewed".
    QCOMPARE(scalar(u"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 1396917315"_s), u"0"_s);
    // Even a save forced past the UI writes nothing.
    e->source()->setReadOnly(false);
    typeOver(e->source(), u"support's text"_s);
    e->save();
    QTest::qWait(200);
    QCOMPARE(scalar(u"SELECT content FROM draft_content WHERE id = 1"_s), u"first body"_s);
    support.reset();

    auto reviewer = workspaceAs(u"alice_reviewer"_s, u"staff_reviewer"_s);
    select(*reviewer, 1);
    QTRY_VERIFY(reviewer->discardAction()->isEnabled());
    QVERIFY(!reviewer->restoreAction()->isEnabled());
    QVERIFY(reviewer->restoreAction()->toolTip().contains(u"staff_admin"_s));
    openInEditor(*reviewer, 1);
    QTRY_VERIFY(reviewer->editor()->saveAction()->isEnabled());
    reviewer.reset();

    auto admin = workspaceAs(u"bob_admin"_s, u"staff_admin"_s);
    select(*admin, 1);
    QTRY_VERIFY(admin->discardAction()->isEnabled());
    openInEditor(*admin, 1);
    QTRY_VERIFY(admin->editor()->saveAction()->isEnabled());
}

void TestDraftEditor::keyboardTriage()
{
    auto w = workspaceAs(u"alice_reviewer"_s, u"staff_reviewer"_s);
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    select(*w, 1);
    QCOMPARE(w->view()->currentIndex().row(), 0);
    w->view()->setFocus();
    QTest::keyClick(w->view(), Qt::Key_J);
    QCOMPARE(w->view()->currentIndex().row(), 1);
    QTest::keyClick(w->view(), Qt::Key_J);
    QCOMPARE(w->view()->currentIndex().row(), 2);
    QTest::keyClick(w->view(), Qt::Key_K);
    QCOMPARE(w->view()->currentIndex().row(), 1);
    QTRY_COMPARE(w->detailPane()->draftId(), 2);

    QSignalSpy opened(w.get(), &DraftsWorkspace::draftOpened);
    QTest::keyClick(w->view(), Qt::Key_Return);
    QTRY_COMPARE(opened.count(), 1);
    QCOMPARE(w->editor()->draftId(), 2);
    QTest::keyClick(w->view(), Qt::Key_E);
    QTRY_VERIFY(w->editor()->source()->hasFocus());
    // Typing in the editor types: "j" is a letter there, not a move.
    QTest::keyClick(w->editor()->source(), Qt::Key_J);
    QCOMPARE(w->view()->currentIndex().row(), 1);
    QVERIFY(w->editor()->source()->toPlainText().contains(u'j'));
    QTest::keyClick(w->editor()->source(), Qt::Key_Escape);
    QTRY_VERIFY(w->view()->hasFocus());
    // With the editor in front, j opens the next draft in it (asking about the unsaved "j" first).
    QTest::keyClick(w->view(), Qt::Key_J);
    QTRY_VERIFY(w->leavePrompt() && w->leavePrompt()->isVisible());
    for (QAbstractButton *b : w->leavePrompt()->buttons()) {
        if (b->text().remove(u'&') == u"Discard edit"_s)
            b->click();
    }
    QTRY_COMPARE(w->editor()->draftId(), 3);
}

void TestDraftEditor::singleKeyShortcutsReallyOff()
{
    auto w = workspaceAs(u"alice_reviewer"_s, u"staff_reviewer"_s);
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    int asked = 0;
    w->setDiscardReasonAsker([&asked] {
        ++asked;
        return std::optional<QString>(QString());
    });
    w->setSingleKeyShortcutsEnabled(false);
    QVERIFY(!w->singleKeyShortcutsEnabled());
    select(*w, 1);
    w->view()->setFocus();
    QTest::keyClick(w->view(), Qt::Key_J);
    QTest::keyClick(w->view(), Qt::Key_D);
    QTest::qWait(100);
    QCOMPARE(w->view()->currentIndex().row(), 0);
    QCOMPARE(asked, 0);
    QCOMPARE(scalar(u"SELECT count(*) FROM draft_content WHERE status = 'discarded'"_s), u"1"_s);
    // The letters went where typing in the list goes: the search field.
    QVERIFY2(w->searchField()->text().contains(u'j'), qPrintable(w->searchField()->text()));
    // Enter and Ctrl+S are not single keys: still there.
    QCOMPARE(w->openAction()->shortcut(), QKeySequence(Qt::Key_Return));
    QCOMPARE(w->editor()->saveAction()->shortcut(), QKeySequence(QKeySequence::Save));

    w->setSingleKeyShortcutsEnabled(true);
    w->searchField()->clear();
    select(*w, 1);
    w->view()->setFocus();
    QTest::keyClick(w->view(), Qt::Key_J);
    QCOMPARE(w->view()->currentIndex().row(), 1);
}

// F1 lists the workspace's shortcuts as they are: the single keys while on, not once turned off.
void TestDraftEditor::shortcutsDialogListsTheTriageKeys()
{
    QWidget window;
    auto *w = new DraftsWorkspace(&window);
    auto listed = [&window] {
        ShortcutsDialog dialog({}, &window);
        auto *table = dialog.findChild<QTableWidget *>();
        QStringList rows;
        for (int row = 0; table && row < table->rowCount(); ++row)
            rows.append(table->item(row, 0)->text() + u" = "_s + table->item(row, 1)->text());
        return rows;
    };
    const QStringList always{u"Open in the editor = Return"_s, u"Save draft = Ctrl+S"_s,
                             u"Back to the list = Esc"_s, u"Restore = Ctrl+Shift+Z"_s, u"Take over = Ctrl+Shift+T"_s};
    const QStringList singleKeys{u"Next draft = J"_s, u"Previous draft = K"_s, u"Edit = E"_s,
                                 u"Discard = D"_s, u"Undo discard = U"_s};
    QStringList rows = listed();
    for (const QString &line : always + singleKeys)
        QVERIFY2(rows.count(line) == 1, qPrintable(line + u" in: "_s + rows.join(u"; "_s)));

    w->setSingleKeyShortcutsEnabled(false);
    rows = listed();
    for (const QString &line : always)
        QVERIFY2(rows.count(line) == 1, qPrintable(line + u" in: "_s + rows.join(u"; "_s)));
    for (const QString &line : singleKeys)
        QVERIFY2(!rows.contains(line), qPrintable(line));
}

// The undo of a discard is offered for kUndoSeconds; after that the discard stays.
void TestDraftEditor::undoEndsWhenItsWindowCloses()
{
    auto w = workspaceAs(u"alice_reviewer"_s, u"staff_reviewer"_s);
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    w->setDiscardReasonAsker([] { return std::optional<QString>(QString()); });
    select(*w, 2);
    QSignalSpy discarded(w.get(), &DraftsWorkspace::discarded);
    w->discardAction()->trigger();
    QTRY_COMPARE(discarded.count(), 1);
    QVERIFY(w->undoDiscardAction()->isEnabled());
    QVERIFY(w->notificationUndoButton()->isVisible());
    QTest::qWait(DraftsWorkspace::kUndoSeconds * 1000 - 2000);
    QVERIFY(w->undoDiscardAction()->isEnabled());   // still within the window
    QTRY_VERIFY_WITH_TIMEOUT(!w->undoDiscardAction()->isEnabled(), 4000);
    QVERIFY(!w->notificationUndoButton()->isVisible());
    QSignalSpy undone(w.get(), &DraftsWorkspace::discardUndone);
    w->view()->setFocus();
    QTest::keyClick(w->view(), Qt::Key_U);
    QTest::qWait(200);
    QCOMPARE(undone.count(), 0);
    QCOMPARE(scalar(u"SELECT status FROM draft_content WHERE id = 2"_s), u"discarded"_s);
}

QTEST_MAIN(TestDraftEditor)
#include "tst_drafteditor.moc"
