#include <QAccessible>
#include <QAction>
#include <QComboBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <nlohmann/json.hpp>

#include "auditlist.h"
#include "auditreader.h"
#include "auditworkspace.h"
#include "detailtabs.h"
#include "draftdetailpane.h"
#include "draftlist.h"
#include "draftservices.h"
#include "draftsworkspace.h"
#include "github/githublogindirectory.h"
#include "github/githubweblinks.h"
#include "githubharness.h"
#include "githublogindelegate.h"
#include "installationdetailpane.h"
#include "installationdetailstore.h"
#include "installationsworkspace.h"
#include "listseed.h"
#include "listtableview.h"
#include "mainwindow.h"
#include "navigationhistory.h"
#include "pagedlistmodel.h"
#include "profilestore.h"
#include "recordnavigator.h"
#include "secretstore.h"
#include "settingsaction.h"
#include "settingsdialog.h"
#include "testrsakey.h"
#include "userdetailpane.h"
#include "userdetailstore.h"
#include "userlist.h"
#include "usersworkspace.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

ConnectionFactory factoryFor(const ConnectionProfile &profile)
{
    return [profile](const QString &purpose) { return PgConnection::open(profile, {}, purpose); };
}

QByteArray userJson(qint64 id, const QString &login)
{
    auto user = nlohmann::json::parse(Fixtures::github(u"GET_user_by_id.json"_s).toStdString());
    user["id"] = id;
    user["login"] = login.toStdString();
    return QByteArray::fromStdString(user.dump());
}

// Activates the link of a detail pane's fact the way a click on it does: through the facts label.
bool activateFactLink(RecordPane *pane, const QString &fact, const QString &text = {})
{
    const QUrl url = pane->factLink(fact, text);
    if (!url.isValid())
        return false;
    const QString href = QString::fromUtf8(url.toEncoded()).toHtmlEscaped();
    for (QLabel *label : pane->findChildren<QLabel *>()) {
        if (label->text().contains(href)) {
            emit label->linkActivated(QString::fromUtf8(url.toEncoded()));
            return true;
        }
    }
    return false;
}

} // namespace

class TestNavigation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void usersListNeverWaitsForLogins();
    void detailPanesShowLogins();
    void loginSearchInUsers();
    void draftLinksToItsUser();
    void userLinksToInstallationAndDrafts();
    void installationMemberLinksToUser();
    void auditRowOpensItsRecord();
    void goToDraft();
    void recordOutsideTheLoadedRowsIsShown();
    void backAndForward();
    void issueLinkOpensGitHub();
    void recordLinksRoundTrip();
    void closingSettingsReportsTheEffectiveSettings();

private:
    qint64 value(const QString &sql) { return ListSeed::ids(m_profile, sql).first(); }

    ConnectionProfile m_profile;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestRsaKey> m_key;
    std::unique_ptr<GitHubHarness> m_github;
    std::unique_ptr<GitHubLoginDirectory> m_logins;
    std::unique_ptr<ProfileStore> m_profiles;
    SecretStore m_secrets;
    // What a session gives the workspaces (declared first: they outlive the window).
    std::unique_ptr<UserDetailStore> m_userDetails;
    std::unique_ptr<InstallationDetailStore> m_installationDetails;
    std::unique_ptr<AuditReader> m_auditReader;
    std::unique_ptr<DraftServices> m_draftServices;
    std::unique_ptr<MainWindow> m_window;
    std::chrono::milliseconds m_delay{0};
};

void TestNavigation::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    m_profile = ListSeed::create(u"navigation"_s, 3000);
    m_key = std::make_unique<TestRsaKey>();
    m_profiles = std::make_unique<ProfileStore>(m_settingsDir.filePath(u"profiles.ini"_s));
}

void TestNavigation::init()
{
    m_delay = 0ms;
    m_github = std::make_unique<GitHubHarness>(m_key->pkcs1Pem());
    m_github->server.addRoute("GET", u"/app/installations"_s,
                              FakeResponse::json(200, Fixtures::github(u"GET_app_installations.json"_s)));
    m_github->server.addRoute("GET", QRegularExpression(u"/user/\\d+"_s), [this](const RecordedRequest &request) {
        const qint64 id = request.path().section(u'/', 2, 2).toLongLong();
        return FakeResponse::json(200, userJson(id, u"login-%1"_s.arg(id))).withDelay(m_delay);
    });
    m_github->server.addRoute("GET", u"/users/octocat"_s, FakeResponse::json(200, userJson(100007, u"octocat"_s)));
    m_logins = std::make_unique<GitHubLoginDirectory>(&m_github->client);

    m_window = std::make_unique<MainWindow>(*m_profiles, m_secrets);
    m_window->resize(1300, 800);
    m_window->setLoginDirectory(m_logins.get());
    m_userDetails = std::make_unique<UserDetailStore>(factoryFor(m_profile));
    m_installationDetails = std::make_unique<InstallationDetailStore>(factoryFor(m_profile));
    m_auditReader = std::make_unique<AuditReader>(factoryFor(m_profile));
    m_draftServices = std::make_unique<DraftServices>(factoryFor(m_profile));
    m_window->draftsWorkspace()->setServices(&m_draftServices->drafts, &m_draftServices->claims,
                                             m_userDetails.get(), m_auditReader.get());
    m_window->usersWorkspace()->setServices(m_userDetails.get(), m_auditReader.get());
    m_window->installationsWorkspace()->setServices(m_installationDetails.get(), m_auditReader.get());
    for (ListWorkspace *list : std::initializer_list<ListWorkspace *>{
             m_window->draftsWorkspace(), m_window->usersWorkspace(), m_window->installationsWorkspace()})
        list->setConnectionFactory(factoryFor(m_profile));
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestNavigation::cleanup()
{
    m_window.reset();
    m_auditReader.reset();
    m_installationDetails.reset();
    m_userDetails.reset();
    m_logins.reset();
    m_github.reset();
}

void TestNavigation::usersListNeverWaitsForLogins()
{
    m_delay = 1000ms;   // GitHub is slow today
    m_logins->setMaxConcurrent(10);
    UsersWorkspace *users = m_window->usersWorkspace();
    m_window->showWorkspace(users);
    QSignalSpy resolved(m_logins.get(), &GitHubLoginDirectory::resolved);
    QTRY_VERIFY(users->model()->isIdle() && users->model()->isLoaded(0));
    const QString firstId = users->model()->index(0, UserList::GithubId).data().toString();
    // The rows are painted, and asked GitHub for their logins, which have not come back yet.
    QTRY_VERIFY(m_logins->runningCount() > 0);
    QCOMPARE(resolved.size(), 0);
    QCOMPARE(users->loginDelegate()->textAt(0), firstId);
    QVERIFY(users->model()->rowCount() == 500);
    // Then the login shows beside the id (the row is repainted).
    QTRY_COMPARE_WITH_TIMEOUT(users->loginDelegate()->textAt(0), firstId + u" · login-"_s + firstId, 20000);
    // A screen reader hears what the cell shows, login included.
    QAccessibleTableInterface *cells = QAccessible::queryAccessibleInterface(users->view())->tableInterface();
    QVERIFY(cells);
    QCOMPARE(cells->cellAt(0, UserList::GithubId)->text(QAccessible::Name), users->loginDelegate()->textAt(0));
    QVERIFY(!m_github->server.requests("GET", u"/user/"_s + firstId).isEmpty());
    QVERIFY(resolved.size() >= 1);
    QVERIFY(m_logins->runningCount() <= m_logins->maxConcurrent());
}

void TestNavigation::detailPanesShowLogins()
{
    const qint64 draftId = 11;
    const QString githubId = QString::number(value(u"SELECT u.github_id::bigint FROM draft_content d "
                                                   "JOIN users u ON u.id = d.user_id WHERE d.id = 11"_s));
    m_window->navigator()->goTo(RecordRef::draft(draftId));
    DraftDetailPane *draft = m_window->draftsWorkspace()->detailPane();
    QTRY_COMPARE(draft->draftId(), draftId);
    QTRY_VERIFY2(draft->factsText().contains(u"User: %1 · login-%1"_s.arg(githubId)), qPrintable(draft->factsText()));

    const qint64 installationId = 3;
    m_window->navigator()->goTo(RecordRef::installation(installationId));
    InstallationDetailPane *installation = m_window->installationsWorkspace()->detailPane();
    QTRY_COMPARE(installation->installationId(), installationId);
    QVERIFY(installation->members()->topLevelItemCount() > 0);
    QTreeWidgetItem *member = installation->members()->topLevelItem(0);
    const QString memberId = member->data(0, Qt::UserRole + 1).toString();
    QTRY_COMPARE(member->text(0), u"%1 · login-%1"_s.arg(memberId));
    // Read with this installation's own token (github_installation_id 900003).
    QVERIFY(!m_github->server.requests("POST", u"/app/installations/900003/access_tokens"_s).isEmpty());
}

void TestNavigation::loginSearchInUsers()
{
    UsersWorkspace *users = m_window->usersWorkspace();
    QTRY_VERIFY(users->model()->isIdle());
    users->searchField()->setText(u"octocat"_s);
    QTRY_VERIFY(users->loginSearchText().startsWith(u"resolving"_s));
    QTRY_COMPARE(users->model()->filters().value(u"search"_s).toString(), u"100007"_s);
    QTRY_VERIFY(users->model()->isIdle());
    QCOMPARE(users->model()->rowCount(), 1);
    QCOMPARE(users->model()->index(0, UserList::GithubId).data().toString(), u"100007"_s);
    QCOMPARE(users->loginSearchText(), u"GitHub user octocat is id 100007"_s);
    QTRY_COMPARE(users->detailPane()->userId(), value(u"SELECT id FROM users WHERE github_id = '100007'"_s));
    QCOMPARE(m_github->server.requests("GET", u"/users/octocat"_s).size(), 1);

    users->searchField()->setText(u"no-such-user"_s);
    QTRY_COMPARE(users->loginSearchText(), u"no GitHub user no-such-user"_s);
    QTRY_VERIFY(users->model()->isIdle());
    QCOMPARE(users->model()->rowCount(), 0);

    users->searchField()->setText(u"cus_00012"_s);   // not a login: a prefix search as before
    QTRY_COMPARE(users->model()->filters().value(u"search"_s).toString(), u"cus_00012"_s);
    QCOMPARE(users->loginSearchText(), QString());
    QTRY_VERIFY(users->model()->isIdle());
    QCOMPARE(users->model()->rowCount(), 10);
    QVERIFY(!UsersWorkspace::isLogin(u"12345"_s));
    QVERIFY(!UsersWorkspace::isLogin(u"-bad"_s));
    QVERIFY(!UsersWorkspace::isLogin(u"a--b"_s));
    QVERIFY(UsersWorkspace::isLogin(u"mona-lisa2"_s));
}

void TestNavigation::draftLinksToItsUser()
{
    const qint64 userId = value(u"SELECT user_id FROM draft_content WHERE id = 42"_s);
    m_window->navigator()->goTo(RecordRef::draft(42));
    DraftDetailPane *draft = m_window->draftsWorkspace()->detailPane();
    QTRY_COMPARE(draft->draftId(), 42);
    QCOMPARE(m_window->currentWorkspace(), m_window->draftsWorkspace());
    QVERIFY(activateFactLink(draft, u"User"_s));
    QCOMPARE(m_window->currentWorkspace(), m_window->usersWorkspace());
    QTRY_COMPARE(m_window->usersWorkspace()->detailPane()->userId(), userId);
}

void TestNavigation::userLinksToInstallationAndDrafts()
{
    const qint64 userId = 77;
    const QString githubId = QString::number(value(u"SELECT github_id::bigint FROM users WHERE id = 77"_s));
    const qint64 installationId = value(u"SELECT installation_id FROM user_installations WHERE user_id = 77"_s);
    m_window->navigator()->goTo(RecordRef::user(userId));
    UserDetailPane *user = m_window->usersWorkspace()->detailPane();
    QTRY_COMPARE(user->userId(), userId);

    // An installation row opens the installation.
    QCOMPARE(user->installations()->topLevelItemCount(), 1);
    emit user->installations()->itemActivated(user->installations()->topLevelItem(0), 0);
    QCOMPARE(m_window->currentWorkspace(), m_window->installationsWorkspace());
    QTRY_COMPARE(m_window->installationsWorkspace()->detailPane()->installationId(), installationId);

    // A draft count opens the Drafts list of that user and status.
    m_window->navigator()->back();
    QTRY_COMPARE(user->userId(), userId);
    const qint64 published = value(u"SELECT count(*) FROM draft_content WHERE user_id = 77 AND status = 'published'"_s);
    QVERIFY(published > 0);
    QVERIFY(activateFactLink(user, u"Drafts"_s, u"%1 published"_s.arg(published)));
    DraftsWorkspace *drafts = m_window->draftsWorkspace();
    QCOMPARE(m_window->currentWorkspace(), drafts);
    QCOMPARE(drafts->model()->filters().value(u"user"_s).toString(), githubId);
    QCOMPARE(drafts->model()->filters().value(u"status"_s).toString(), u"published"_s);
    QCOMPARE(drafts->userFilter()->text(), githubId);
    QCOMPARE(drafts->statusFilter()->currentData().toString(), u"published"_s);
    QTRY_VERIFY(drafts->model()->isIdle() && drafts->model()->isCountKnown());
    QCOMPARE(drafts->model()->rowCount(), int(published));
    for (int row = 0; row < drafts->model()->rowCount(); ++row) {
        QCOMPARE(drafts->model()->index(row, DraftList::User).data().toString(), githubId);
        QCOMPARE(drafts->model()->index(row, DraftList::Status).data().toString(), u"published"_s);
    }
}

void TestNavigation::installationMemberLinksToUser()
{
    m_window->navigator()->goTo(RecordRef::installation(5));
    InstallationDetailPane *installation = m_window->installationsWorkspace()->detailPane();
    QTRY_COMPARE(installation->installationId(), 5);
    QTreeWidgetItem *member = installation->members()->topLevelItem(0);
    const qint64 userId = member->data(0, Qt::UserRole).toLongLong();
    QVERIFY(userId > 0);
    emit installation->members()->itemActivated(member, 0);
    QCOMPARE(m_window->currentWorkspace(), m_window->usersWorkspace());
    QTRY_COMPARE(m_window->usersWorkspace()->detailPane()->userId(), userId);
}

void TestNavigation::auditRowOpensItsRecord()
{
    qint64 preferencesUserId = 0;
    {
        auto conn = PgFixture::instance().connect(m_profile, u"audit"_s);
        QSqlQuery q(conn->db());
        QVERIFY(q.exec(u"UPDATE draft_content SET content = content || ' (edited)' WHERE id = 123"_s));
        QVERIFY(q.exec(u"UPDATE user_installations SET permission_level = 'read' WHERE user_id = 88"_s));
        // A preference row: its entry opens the user whose preferences they are.
        QVERIFY(q.exec(u"INSERT INTO user_preferences (user_id, testing_mode) "
                       "SELECT min(id), true FROM users WHERE id <> 88 RETURNING user_id"_s));
        QVERIFY(q.next());
        preferencesUserId = q.value(0).toLongLong();
    }
    AuditWorkspace audit;
    audit.setAuditReader(m_auditReader.get());
    audit.setConnectionFactory(factoryFor(m_profile));
    m_window->navigator()->followAudit(&audit);
    QTRY_VERIFY(audit.model()->isIdle() && audit.model()->isLoaded(2));
    // Newest first: the preference change, the membership change, then the draft's.
    QCOMPARE(audit.model()->index(0, AuditList::Table).data(Qt::EditRole).toString(), u"user_preferences"_s);
    QCOMPARE(audit.model()->index(1, AuditList::Table).data(Qt::EditRole).toString(), u"user_installations"_s);
    QCOMPARE(audit.model()->index(2, AuditList::Table).data(Qt::EditRole).toString(), u"draft_content"_s);

    audit.view()->selectRow(2);
    audit.openRecordAction()->trigger();
    QCOMPARE(m_window->currentWorkspace(), m_window->draftsWorkspace());
    QTRY_COMPARE(m_window->draftsWorkspace()->detailPane()->draftId(), 123);

    // Return (activated) on a membership entry opens its user.
    audit.view()->selectRow(1);
    emit audit.view()->activated(audit.view()->currentIndex());
    QCOMPARE(m_window->currentWorkspace(), m_window->usersWorkspace());
    QTRY_COMPARE(m_window->usersWorkspace()->detailPane()->userId(), 88);

    // A preference entry opens the user whose preferences changed.
    QVERIFY(preferencesUserId > 0 && preferencesUserId != 88);
    audit.view()->selectRow(0);
    audit.openRecordAction()->trigger();
    QTRY_COMPARE(m_window->usersWorkspace()->detailPane()->userId(), preferencesUserId);

    QCOMPARE(RecordRef::fromAuditRow(u"github_app_installations"_s, uR"({"id": 4})"_s), RecordRef::installation(4));
    QCOMPARE(RecordRef::fromAuditRow(u"users"_s, uR"({"id": 9})"_s), RecordRef::user(9));
    QCOMPARE(RecordRef::fromAuditRow(u"user_preferences"_s, uR"({"id": 9, "user_id": "31"})"_s), RecordRef::user(31));
    QCOMPARE(RecordRef::fromAuditRow(u"user_preferences"_s, uR"({"id": 9})"_s), std::nullopt);
}

void TestNavigation::goToDraft()
{
    QAction *goTo = m_window->navigator()->goToDraftAction();
    QCOMPARE(goTo->shortcut(), QKeySequence(u"Ctrl+G"_s));
    QVERIFY(m_window->actions().contains(goTo));
    QTRY_VERIFY(m_window->draftsWorkspace()->model()->isIdle());
    goTo->trigger();
    QInputDialog *input = nullptr;
    QTRY_VERIFY((input = m_window->findChild<QInputDialog *>()) && input->isVisible());
    input->setIntValue(2345);
    input->accept();
    QCOMPARE(m_window->currentWorkspace(), m_window->draftsWorkspace());
    QTRY_COMPARE(m_window->draftsWorkspace()->detailPane()->draftId(), 2345);

    goTo->trigger();
    QTRY_VERIFY((input = m_window->findChild<QInputDialog *>()) && input->isVisible());
    input->setIntValue(987654);
    input->accept();
    QTRY_COMPARE(m_window->draftsWorkspace()->detailPane()->titleText(), u"No draft #987654"_s);
    QCOMPARE(m_window->draftsWorkspace()->detailPane()->draftId(), -1);
}

void TestNavigation::recordOutsideTheLoadedRowsIsShown()
{
    // The list shows only cus_00001… users; user 400 is not among its rows.
    UsersWorkspace *users = m_window->usersWorkspace();
    users->searchField()->setText(u"cus_00001"_s);
    QTRY_COMPARE(users->model()->filters().value(u"search"_s).toString(), u"cus_00001"_s);
    QTRY_VERIFY(users->model()->isIdle() && users->model()->rowCount() == 10);
    m_window->navigator()->goTo(RecordRef::user(400));
    QTRY_COMPARE(users->detailPane()->userId(), 400);
    QVERIFY(!users->view()->currentIndex().isValid());
    // One that is in the list is selected there.
    const qint64 listed = users->model()->idAt(3);
    m_window->navigator()->goTo(RecordRef::user(listed));
    QTRY_COMPARE(users->detailPane()->userId(), listed);
    QCOMPARE(users->view()->currentIndex().row(), 3);
}

void TestNavigation::backAndForward()
{
    RecordNavigator *navigator = m_window->navigator();
    QCOMPARE(navigator->backAction()->shortcut(), QKeySequence(u"Alt+Left"_s));
    QCOMPARE(navigator->forwardAction()->shortcut(), QKeySequence(u"Alt+Right"_s));
    QVERIFY(!navigator->backAction()->isEnabled());
    const qint64 userId = value(u"SELECT user_id FROM draft_content WHERE id = 5"_s);
    const qint64 installationId = value(u"SELECT installation_id FROM user_installations WHERE user_id = %1"_s.arg(userId));

    DraftsWorkspace *drafts = m_window->draftsWorkspace();
    m_window->showWorkspace(drafts);
    QTRY_VERIFY(drafts->model()->isIdle() && drafts->model()->isLoaded(0));
    drafts->view()->selectRow(0);                       // browsing the list
    const qint64 first = drafts->model()->idAt(0);
    QTRY_COMPARE(drafts->detailPane()->draftId(), first);
    drafts->view()->selectRow(1);                       // still the same step
    const qint64 second = drafts->model()->idAt(1);
    QTRY_COMPARE(drafts->detailPane()->draftId(), second);
    navigator->goTo(RecordRef::draft(5));               // a link: a new step
    QTRY_COMPARE(drafts->detailPane()->draftId(), 5);
    QVERIFY(activateFactLink(drafts->detailPane(), u"User"_s));
    QTRY_COMPARE(m_window->usersWorkspace()->detailPane()->userId(), userId);
    UserDetailPane *user = m_window->usersWorkspace()->detailPane();
    emit user->installations()->itemActivated(user->installations()->topLevelItem(0), 0);
    QTRY_COMPARE(m_window->installationsWorkspace()->detailPane()->installationId(), installationId);
    const QList<RecordRef> expected{RecordRef::draft(second), RecordRef::draft(5), RecordRef::user(userId),
                                    RecordRef::installation(installationId)};
    QTRY_COMPARE(navigator->history()->entries(), expected);

    // Alt+Left goes back step by step, Alt+Right forward again, across workspaces.
    QTest::keyClick(m_window.get(), Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(m_window->currentWorkspace(), m_window->usersWorkspace());
    QTRY_COMPARE(user->userId(), userId);
    QTest::keyClick(m_window.get(), Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(m_window->currentWorkspace(), drafts);
    QTRY_COMPARE(drafts->detailPane()->draftId(), 5);
    navigator->backAction()->trigger();
    QTRY_COMPARE(drafts->detailPane()->draftId(), second);
    QVERIFY(!navigator->backAction()->isEnabled());
    QTest::keyClick(m_window.get(), Qt::Key_Right, Qt::AltModifier);
    QTRY_COMPARE(drafts->detailPane()->draftId(), 5);
    navigator->forwardAction()->trigger();
    QCOMPARE(m_window->currentWorkspace(), m_window->usersWorkspace());
    QTRY_COMPARE(user->userId(), userId);
    navigator->forwardAction()->trigger();
    QCOMPARE(m_window->currentWorkspace(), m_window->installationsWorkspace());
    QTRY_COMPARE(m_window->installationsWorkspace()->detailPane()->installationId(), installationId);
    QVERIFY(!navigator->forwardAction()->isEnabled());
    QCOMPARE(navigator->history()->entries(), expected);   // moving did not add steps
}

void TestNavigation::issueLinkOpensGitHub()
{
    QList<QUrl> opened;
    RecordNavigator *navigator = m_window->navigator();
    navigator->setUrlOpener([&opened](const QUrl &url) {
        opened << url;
        return true;
    });
    const qint64 issue = value(u"SELECT github_issue_id FROM draft_content WHERE id = 64"_s);
    const qint64 repoNumber = value(u"SELECT substr(github_repo, 10)::int FROM draft_content WHERE id = 64"_s);
    navigator->goTo(RecordRef::draft(64));
    DraftDetailPane *draft = m_window->draftsWorkspace()->detailPane();
    QTRY_COMPARE(draft->draftId(), 64);
    QVERIFY(activateFactLink(draft, u"Issue"_s));
    QCOMPARE(opened, (QList<QUrl>{QUrl(u"https://github.com/acme/repo%1/issues/%2"_s.arg(repoNumber).arg(issue))}));

    navigator->setWebBase([] { return GitHubWebLinks::webBase(QUrl(u"https://ghe.example.com/api/v3"_s)); });
    QVERIFY(activateFactLink(draft, u"Issue"_s));
    QCOMPARE(opened.last(), QUrl(u"https://ghe.example.com/acme/repo%1/issues/%2"_s.arg(repoNumber).arg(issue)));
}

void TestNavigation::recordLinksRoundTrip()
{
    for (const RecordRef &record : {RecordRef::draft(3), RecordRef::user(12), RecordRef::installation(7),
                                    RecordRef::userDrafts(u"583231"_s, u"draft"_s)})
        QCOMPARE(RecordRef::fromUrl(record.toUrl()), std::optional<RecordRef>(record));
    const IssueRef issue{u"octo-org/hello.world"_s, 1347};
    const auto back = IssueRef::fromUrl(issue.toUrl());
    QVERIFY(back);
    QCOMPARE(back->repository, issue.repository);
    QCOMPARE(back->number, issue.number);
    QCOMPARE(RecordRef::fromUrl(QUrl(u"https://github.com/"_s)), std::nullopt);
}

void TestNavigation::closingSettingsReportsTheEffectiveSettings()
{
    auto *action = new SettingsAction(*m_window, m_secrets, m_github->client);   // the console's one client
    RunOverride run;
    run.label = u"sandbox"_s;
    run.githubBaseUrl = m_github->server.baseUrl();
    run.githubAppId = u"4242"_s;
    action->setRunOverride(run);
    QSignalSpy changed(action, &SettingsAction::settingsChanged);
    action->showDialog();
    SettingsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<SettingsDialog *>()) && dialog->isVisible());
    QCOMPARE(changed.size(), 0);
    dialog->reject();   // a key may have been imported even so: main.cpp reconfigures its client
    QCOMPARE(changed.size(), 1);
    const auto settings = changed.first().at(0).value<Settings>();
    QCOMPARE(settings.github.appId, u"4242"_s);
    QCOMPARE(settings.github.baseUrl, m_github->server.baseUrl());
}

QTEST_MAIN(TestNavigation)
#include "tst_navigation.moc"
