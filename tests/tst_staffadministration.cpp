#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "auditchangesview.h"
#include "auditlist.h"
#include "auditworkspace.h"
#include "consolesession.h"
#include "detailtabs.h"
#include "createlogindialog.h"
#include "demologindialog.h"
#include "demologins.h"
#include "draftservices.h"
#include "drafteditor.h"
#include "draftsworkspace.h"
#include "expectedcheck.h"
#include "historyview.h"
#include "listtableview.h"
#include "installationsworkspace.h"
#include "mainwindow.h"
#include "migrator.h"
#include "pagedlistmodel.h"
#include "pgfixture.h"
#include "rolegate.h"
#include "profilestore.h"
#include "secretstore.h"
#include "session.h"
#include "staffadministration.h"
#include "stafflogincreator.h"
#include "usersworkspace.h"

using namespace Qt::StringLiterals;

// Offscreen: the window follows the login's roles (actions, tooltips, the Audit workspace), the
// create-login dialog, the History view, and the demo logins.
class TestStaffAdministration : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void windowFollowsTheRole_data();
    void windowFollowsTheRole();
    void sessionOwnsThePolicy();
    void actionsNameTheRoleThatAllowsThem_data();
    void actionsNameTheRoleThatAllowsThem();
    void createLoginDialogShowsPasswordOnce();
    void createLoginDialogShowsRefusalInline();
    void historyViewShowsARowsChanges();
    void auditWorkspaceFiltersByRow();
    void auditListFilters_data();
    void auditListFilters();
    void draftsWorkspaceHasAHistoryTab();
    void unsavedEditAsksBeforeTheSessionGoes();
    void closingWhileLoadingIsSafe();
    void demoLoginsAreIdempotent();
    void demoLoginDialogEmitsChoice();

private:
    ConnectionProfile as(const QString &login) const
    {
        ConnectionProfile p = m_profile;
        p.user = login;
        return p;
    }
    ConnectionFactory factoryFor(const QString &login) const
    {
        return [profile = as(login)](const QString &purpose) { return PgConnection::open(profile, {}, purpose); };
    }

    QTemporaryDir m_dir;
    ConnectionProfile m_profile;
    std::unique_ptr<PgConnection> m_admin;
};

void TestStaffAdministration::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_profile = PgFixture::instance().freshDatabase(u"staffadmin"_s);
    m_admin = PgFixture::instance().connect(m_profile, u"owner"_s);
    const auto migrated = Migrator(m_admin->db()).migrate();
    if (!migrated)
        QFAIL(qPrintable(migrated.error().text()));
    QSqlQuery q(m_admin->db());
    for (const QString &sql : {
             u"INSERT INTO users (id, github_id) VALUES (1, '1001'), (2, '1002')"_s,
             u"INSERT INTO draft_content (id, user_id, workflow_run_id, content_type, github_issue_id, github_repo, content) "
             "VALUES (1, 1, 'run-1', 'comment', 7, 'acme/api', 'first'), (2, 2, 'run-2', 'comment', 8, 'acme/api', 'second')"_s,
             u"UPDATE draft_content SET content = 'first, edited', status = 'discarded' WHERE id = 1"_s,
             u"CREATE ROLE erin_creator LOGIN CREATEROLE"_s,
         })
        QVERIFY2(q.exec(sql), qPrintable(sql));
    SC_VERIFY_OK(DemoLogins::create(m_admin->db()));
}

void TestStaffAdministration::windowFollowsTheRole_data()
{
    QTest::addColumn<QString>("login");
    QTest::addColumn<bool>("mayCreateLogins");
    QTest::addColumn<bool>("mayReadAudit");
    QTest::addColumn<QString>("createTooltip");
    QTest::newRow("reviewer") << u"demo_reviewer"_s << false << true << u"Requires a login with the CREATEROLE attribute."_s;
    QTest::newRow("admin") << u"demo_admin"_s << false << true << u"Requires a login with the CREATEROLE attribute."_s;
    QTest::newRow("support") << u"demo_support"_s << false << true << u"Requires a login with the CREATEROLE attribute."_s;
    QTest::newRow("creator without staff role") << u"erin_creator"_s << true << false << u"Create a person's login with staff roles"_s;
    QTest::newRow("superuser") << u"postgres"_s << true << true << u"Create a person's login with staff roles"_s;
}

void TestStaffAdministration::windowFollowsTheRole()
{
    QFETCH(QString, login);
    QFETCH(bool, mayCreateLogins);
    QFETCH(bool, mayReadAudit);
    QFETCH(QString, createTooltip);

    ProfileStore profiles(m_dir.filePath(u"profiles.ini"_s));
    SecretStore secrets;
    MainWindow window(profiles, secrets);
    auto *administration = new StaffAdministration(window);
    QVERIFY(!administration->createLoginAction()->isEnabled()); // not connected yet
    QVERIFY(!administration->auditWorkspace()->isEnabled());
    window.show();

    window.openSession(new Session(as(login), {}, false));
    QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->isLoaded(), 20000);
    QCOMPARE(administration->createLoginAction()->isEnabled(), mayCreateLogins);
    QCOMPARE(administration->createLoginAction()->toolTip(), createTooltip);
    QCOMPARE(administration->auditWorkspace()->isEnabled(), mayReadAudit);
    if (!mayReadAudit) {
        QVERIFY(!administration->auditWorkspace()->model());
        QCOMPARE(administration->auditWorkspace()->toolTip(),
                 u"Requires a staff role (staff_reviewer, staff_admin or staff_support)."_s);
        return;
    }
    PagedListModel *model = administration->auditWorkspace()->model();
    QVERIFY(model);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 5 && model->isLoaded(0), 20000);
    QCOMPARE(model->data(model->index(0, AuditList::Login)).toString(), u"postgres"_s);  // newest first: the seed's UPDATE
    QCOMPARE(model->data(model->index(0, AuditList::Operation)).toString(), u"UPDATE"_s);
    QCOMPARE(model->data(model->index(0, AuditList::Changed)).toString(), u"content, status, updated_at"_s);

    // Selecting the entry shows its columns side by side.
    AuditWorkspace *audit = administration->auditWorkspace();
    audit->view()->setCurrentIndex(model->index(0, 0));
    QTRY_COMPARE_WITH_TIMEOUT(audit->changesView()->table()->rowCount(), 3, 10000);
    QCOMPARE(audit->changesView()->table()->item(0, 0)->text(), u"content"_s);
    QCOMPARE(audit->changesView()->table()->item(0, 1)->text(), u"first"_s);
    QCOMPARE(audit->changesView()->table()->item(0, 2)->text(), u"first, edited"_s);
}

namespace {

int historyTab(DetailTabs *tabs)
{
    return tabs->indexOf(tabs->history());
}

} // namespace

// The ConsoleSession holds the login's RolePolicy: it changes when a session loads and when it
// goes, and the window, the staff administration and the workspaces take it from there.
void TestStaffAdministration::sessionOwnsThePolicy()
{
    ProfileStore profiles(m_dir.filePath(u"profiles.ini"_s));
    SecretStore secrets;
    ConsoleSession console(profiles, secrets);
    MainWindow window(console);
    auto *administration = new StaffAdministration(window);
    QSignalSpy changed(&console, &ConsoleSession::policyChanged);
    QVERIFY(!console.policy().allows(RolePolicy::Capability::ReadAudit));
    QCOMPARE(console.policy(), RolePolicy());

    window.openSession(new Session(as(u"demo_support"_s), {}, false));
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 20000);
    QVERIFY(console.isLoaded());
    const RolePolicy support = console.policy();
    QCOMPARE(support.staffRoles(), QStringList{u"staff_support"_s});
    QCOMPARE(support, console.current()->policy());
    QCOMPARE(changed.constFirst().constFirst().value<RolePolicy>(), support);
    QCOMPARE(window.policy(), support);
    QCOMPARE(administration->policy(), support);
    QVERIFY(support.allows(RolePolicy::Capability::EditStripeLink));
    QVERIFY(!support.allows(RolePolicy::Capability::EditDrafts));
    QVERIFY(administration->auditWorkspace()->isEnabled());
    QVERIFY(window.usersWorkspace()->detailTabs()->isTabEnabled(historyTab(window.usersWorkspace()->detailTabs())));

    // A refresh that finds the same roles changes nothing.
    console.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!console.current()->isBusy(), 20000);
    QCOMPARE(changed.count(), 1);

    // Another login: the policy follows the new session.
    window.openSession(new Session(as(u"erin_creator"_s), {}, false));
    QTRY_VERIFY_WITH_TIMEOUT(console.isLoaded(), 20000);
    QCOMPARE(changed.count(), 3);   // nothing allowed once support's session is gone, then erin's
    QVERIFY(console.policy().allows(RolePolicy::Capability::CreateStaffLogin));
    QVERIFY(!console.policy().allows(RolePolicy::Capability::ReadAudit));
    const QString needsStaff = u"Requires a staff role (staff_reviewer, staff_admin or staff_support)."_s;
    QVERIFY(!administration->auditWorkspace()->isEnabled());
    QAction *showAudit = window.workspaceAction(administration->auditWorkspace());
    QVERIFY(showAudit);
    QVERIFY(!showAudit->isEnabled());
    QCOMPARE(showAudit->toolTip(), needsStaff);
    for (DetailTabs *tabs : {window.usersWorkspace()->detailTabs(), window.installationsWorkspace()->detailTabs()}) {
        QVERIFY(!tabs->isTabEnabled(historyTab(tabs)));
        QCOMPARE(tabs->tabToolTip(historyTab(tabs)), needsStaff);
    }

    window.disconnectSession();
    QCOMPARE(changed.count(), 4);
    QCOMPARE(console.policy(), RolePolicy());
    QVERIFY(!administration->createLoginAction()->isEnabled());
    QCOMPARE(administration->createLoginAction()->toolTip(), u"Connect to a database first."_s);
    QCOMPARE(showAudit->toolTip(), u"Connect to a database first."_s);
}

void TestStaffAdministration::actionsNameTheRoleThatAllowsThem_data()
{
    QTest::addColumn<QString>("login");
    QTest::addColumn<QStringList>("allowed");      // capabilities by name
    QTest::addColumn<QStringList>("refusals");     // the others' tooltips, in Capability order
    const QString reviewer = u"Requires the staff_reviewer role."_s, admin = u"Requires the staff_admin role."_s,
                  support = u"Requires the staff_support role."_s,
                  createRole = u"Requires a login with the CREATEROLE attribute."_s;
    QTest::newRow("reviewer") << u"demo_reviewer"_s
                              << QStringList{u"EditDrafts"_s, u"PublishDrafts"_s, u"ReadAudit"_s}
                              << QStringList{admin, admin, support, createRole};
    QTest::newRow("admin") << u"demo_admin"_s
                           << QStringList{u"EditDrafts"_s, u"PublishDrafts"_s, u"EditPreferences"_s,
                                          u"EditMemberships"_s, u"ReadAudit"_s}
                           << QStringList{support, createRole};
    QTest::newRow("support") << u"demo_support"_s << QStringList{u"EditStripeLink"_s, u"ReadAudit"_s}
                             << QStringList{reviewer, reviewer, admin, admin, createRole};
}

// Every action the window gates (and any gated by RoleGate) is enabled exactly as the login's
// PostgreSQL roles say; a refused one names the role that would allow it.
void TestStaffAdministration::actionsNameTheRoleThatAllowsThem()
{
    QFETCH(QString, login);
    QFETCH(QStringList, allowed);
    QFETCH(QStringList, refusals);
    using Capability = RolePolicy::Capability;
    const QList<std::pair<Capability, QString>> capabilities{
        {Capability::EditDrafts, u"EditDrafts"_s},           {Capability::PublishDrafts, u"PublishDrafts"_s},
        {Capability::EditPreferences, u"EditPreferences"_s}, {Capability::EditMemberships, u"EditMemberships"_s},
        {Capability::EditStripeLink, u"EditStripeLink"_s},   {Capability::ReadAudit, u"ReadAudit"_s},
        {Capability::CreateStaffLogin, u"CreateStaffLogin"_s}};

    ProfileStore profiles(m_dir.filePath(u"profiles.ini"_s));
    SecretStore secrets;
    MainWindow window(profiles, secrets);
    auto *administration = new StaffAdministration(window);
    QList<QAction *> gated;
    for (int i = 0; i < capabilities.size(); ++i) {
        auto *action = new QAction(capabilities.at(i).second, &window);
        gated << action;
        connect(&window, &MainWindow::policyChanged, action, [action, capability = capabilities.at(i).first](const RolePolicy &policy) {
            RoleGate::apply(action, policy, capability, u"allowed"_s);
        });
    }
    window.openSession(new Session(as(login), {}, false));
    QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->isLoaded(), 20000);

    QStringList refused;
    for (int i = 0; i < capabilities.size(); ++i) {
        QAction *action = gated.at(i);
        QCOMPARE(action->isEnabled(), allowed.contains(capabilities.at(i).second));
        if (action->isEnabled()) {
            QCOMPARE(action->toolTip(), u"allowed"_s);
        } else {
            refused << action->toolTip();
            QCOMPARE(action->statusTip(), action->toolTip());
        }
    }
    QCOMPARE(refused, refusals);

    // The window's own: Create staff login (CREATEROLE: none of the three), the Audit workspace
    // and the History tabs (every staff role).
    QVERIFY(!administration->createLoginAction()->isEnabled());
    QCOMPARE(administration->createLoginAction()->toolTip(), u"Requires a login with the CREATEROLE attribute."_s);
    QVERIFY(administration->auditWorkspace()->isEnabled());
    QVERIFY(window.workspaceAction(administration->auditWorkspace())->isEnabled());
    for (DetailTabs *tabs : {window.usersWorkspace()->detailTabs(), window.installationsWorkspace()->detailTabs()})
        QVERIFY(tabs->isTabEnabled(historyTab(tabs)));
}

void TestStaffAdministration::createLoginDialogShowsPasswordOnce()
{
    CreateLoginDialog dialog(factoryFor(u"erin_creator"_s));
    dialog.show();
    QVERIFY(!dialog.createButton()->isEnabled());
    dialog.loginField()->setText(u"Bad Name"_s);
    QVERIFY(!dialog.errorLabel()->text().isEmpty());
    QVERIFY(!dialog.createButton()->isEnabled());
    dialog.loginField()->setText(u"new_reviewer"_s);
    QVERIFY(dialog.errorLabel()->text().isEmpty());
    QVERIFY(!dialog.createButton()->isEnabled()); // no role yet
    dialog.roleBox(u"staff_reviewer"_s)->setChecked(true);
    QVERIFY(dialog.createButton()->isEnabled());

    QSignalSpy created(&dialog, &CreateLoginDialog::loginCreated);
    QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 20000);
    QCOMPARE(dialog.passwordField()->text().size(), 24);
    QVERIFY(dialog.passwordField()->isVisible());
    QVERIFY(dialog.passwordField()->isReadOnly());
    QVERIFY(!dialog.createButton()->isVisible());

    QSqlQuery q(m_admin->db());
    QVERIFY(q.exec(u"SELECT pg_has_role('new_reviewer', 'staff_reviewer', 'MEMBER')"_s) && q.next());
    QVERIFY(q.value(0).toBool());
}

void TestStaffAdministration::createLoginDialogShowsRefusalInline()
{
    CreateLoginDialog dialog(factoryFor(u"demo_admin"_s)); // no CREATEROLE
    dialog.show();
    dialog.loginField()->setText(u"sneaky_admin"_s);
    dialog.roleBox(u"staff_admin"_s)->setChecked(true);
    QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 20000);
    QVERIFY2(dialog.errorLabel()->text().contains(u"permission denied"_s), qPrintable(dialog.errorLabel()->text()));
    QVERIFY(dialog.passwordField()->text().isEmpty());
    QVERIFY(!dialog.passwordField()->isVisible());
}

void TestStaffAdministration::historyViewShowsARowsChanges()
{
    HistoryView history;
    history.show();
    history.setConnectionFactory(factoryFor(u"demo_support"_s));
    QSignalSpy loaded(&history, &HistoryView::loaded);
    history.showRow(u"draft_content"_s, u"1"_s);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
    QCOMPARE(loaded.at(0).at(0).toInt(), 2);
    QCOMPARE(history.entries()->topLevelItemCount(), 2);
    QCOMPARE(history.entries()->topLevelItem(0)->text(HistoryView::Operation), u"UPDATE"_s);
    QCOMPARE(history.entries()->topLevelItem(1)->text(HistoryView::Operation), u"INSERT"_s);

    history.entries()->setCurrentItem(history.entries()->topLevelItem(0));
    QTRY_COMPARE_WITH_TIMEOUT(history.changesView()->table()->rowCount(), 3, 10000);
    QCOMPARE(history.changesView()->table()->item(1, 0)->text(), u"status"_s);
    QCOMPARE(history.changesView()->table()->item(1, 1)->text(), u"draft"_s);
    QCOMPARE(history.changesView()->table()->item(1, 2)->text(), u"discarded"_s);

    history.showRow(u"user_installations"_s, u"1"_s); // needs two key parts
    QCOMPARE(loaded.count(), 2);
    QCOMPARE(loaded.at(1).at(0).toInt(), -1);
    QCOMPARE(history.entries()->topLevelItemCount(), 0);

    // A login without SELECT on the audit log sees PostgreSQL's refusal, not an empty history.
    QVERIFY(QSqlQuery(m_admin->db()).exec(u"CREATE ROLE outsider LOGIN"_s));
    history.setConnectionFactory(factoryFor(u"outsider"_s));
    history.showRow(u"draft_content"_s, u"1"_s);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 3, 20000);
    QVERIFY2(history.statusText().contains(u"permission denied"_s), qPrintable(history.statusText()));
}

void TestStaffAdministration::auditWorkspaceFiltersByRow()
{
    AuditWorkspace audit;
    audit.show();
    audit.setConnectionFactory(factoryFor(u"demo_reviewer"_s));
    audit.showRow(u"draft_content"_s, u"2"_s);
    PagedListModel *model = audit.model();
    QTRY_VERIFY_WITH_TIMEOUT(model->isIdle() && model->rowCount() == 1 && model->isLoaded(0), 20000);
    QCOMPARE(model->data(model->index(0, AuditList::RowKey)).toString(), u"{\"id\": 2}"_s);
    QCOMPARE(model->data(model->index(0, AuditList::Operation)).toString(), u"INSERT"_s);
}

void TestStaffAdministration::auditListFilters_data()
{
    QTest::addColumn<QVariantMap>("filters");
    QTest::addColumn<int>("rows");
    const QDateTime future(QDate(2100, 1, 1), QTime(0, 0), Qt::UTC);
    const QDateTime past(QDate(2001, 1, 1), QTime(0, 0), Qt::UTC);
    QTest::newRow("all") << QVariantMap{} << 5;
    QTest::newRow("table") << QVariantMap{{u"table"_s, u"users"_s}} << 2;
    QTest::newRow("row") << QVariantMap{{u"table"_s, u"draft_content"_s}, {u"rowKey"_s, u"{\"id\": 1}"_s}} << 2;
    QTest::newRow("login") << QVariantMap{{u"login"_s, u"postgres"_s}} << 5;
    QTest::newRow("other login") << QVariantMap{{u"login"_s, u"demo_admin"_s}} << 0;
    QTest::newRow("from the future") << QVariantMap{{u"from"_s, future}} << 0;
    QTest::newRow("before the past") << QVariantMap{{u"to"_s, past}} << 0;
    QTest::newRow("between") << QVariantMap{{u"from"_s, past}, {u"to"_s, future}} << 5;
}

void TestStaffAdministration::auditListFilters()
{
    QFETCH(QVariantMap, filters);
    QFETCH(int, rows);
    PagedListModel model(AuditList::definition(), factoryFor(u"demo_support"_s));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFilters(filters);
    QTRY_VERIFY_WITH_TIMEOUT(model.isIdle() && model.lastError().isEmpty() && model.rowCount() == rows
                                 && (rows == 0 || model.isLoaded(rows - 1)), 20000);
    for (int row = 1; row < rows; ++row) // newest first
        QVERIFY(model.data(model.index(row - 1, AuditList::When), Qt::EditRole).toDateTime()
                >= model.data(model.index(row, AuditList::When), Qt::EditRole).toDateTime());
}

void TestStaffAdministration::draftsWorkspaceHasAHistoryTab()
{
    DraftServices services(factoryFor(u"demo_reviewer"_s));
    DraftsWorkspace drafts;
    drafts.show();
    services.serve(drafts);
    PagedListModel *model = drafts.model();
    QTRY_VERIFY_WITH_TIMEOUT(model->isIdle() && model->rowCount() == 1 && model->isLoaded(0), 20000); // status "draft"
    QSignalSpy loaded(drafts.historyView(), &HistoryView::loaded);
    drafts.view()->setCurrentIndex(model->index(0, 0));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
    QCOMPARE(loaded.at(0).at(0).toInt(), 1);
    QCOMPARE(drafts.historyView()->entries()->topLevelItem(0)->text(HistoryView::Operation), u"INSERT"_s);
}

// Disconnecting or opening another session closes the editor's draft: an unsaved edit asks Save /
// Discard edit / Stay first, and Stay keeps the session and the edit.
void TestStaffAdministration::unsavedEditAsksBeforeTheSessionGoes()
{
    ProfileStore profiles(m_dir.filePath(u"profiles.ini"_s));
    SecretStore secrets;
    MainWindow window(profiles, secrets);
    window.show();
    window.openSession(new Session(as(u"demo_reviewer"_s), {}, false));
    QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->isLoaded(), 20000);
    Session *first = window.session();
    DraftsWorkspace *drafts = window.draftsWorkspace();
    window.showWorkspace(drafts);
    PagedListModel *model = drafts->model();
    QTRY_VERIFY_WITH_TIMEOUT(model && model->isIdle() && model->rowCount() == 1 && model->isLoaded(0), 20000);
    drafts->view()->setCurrentIndex(model->index(0, 0));
    QSignalSpy opened(drafts, &DraftsWorkspace::draftOpened);
    drafts->openAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!opened.isEmpty() && drafts->editor()->hasDraft(), 20000);
    QPlainTextEdit *source = drafts->editor()->source();
    QVERIFY(!source->isReadOnly());
    source->selectAll();
    source->insertPlainText(u"an edit not saved yet"_s);
    QVERIFY(drafts->hasUnsavedChanges());

    auto answer = [drafts](const QString &text) {
        QTRY_VERIFY(drafts->leavePrompt() && drafts->leavePrompt()->isVisible());
        for (QAbstractButton *button : drafts->leavePrompt()->buttons()) {
            if (button->text().remove(u'&') == text) {
                button->click();
                return;
            }
        }
        QFAIL(qPrintable(u"no button "_s + text));
    };
    auto *disconnect = window.findChild<QAction *>(u"Disconnect from the database"_s);
    QVERIFY(disconnect);
    disconnect->trigger();
    answer(u"Stay"_s);
    QTRY_VERIFY(!drafts->leavePrompt());
    QCOMPARE(window.session(), first);
    QCOMPARE(source->toPlainText(), u"an edit not saved yet"_s);

    QPointer<Session> second = new Session(as(u"demo_admin"_s), {}, false);
    window.openSession(second);
    answer(u"Stay"_s);
    QTRY_VERIFY(second.isNull());   // never opened, dropped
    QCOMPARE(window.session(), first);
    QVERIFY(drafts->hasUnsavedChanges());

    disconnect->trigger();
    answer(u"Discard edit"_s);
    QTRY_VERIFY(!window.session());
    QVERIFY(!drafts->editor()->hasDraft());
    QSqlQuery q(m_admin->db());
    QVERIFY(q.exec(u"SELECT count(*) FROM draft_content WHERE content = 'an edit not saved yet'"_s) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
}

void TestStaffAdministration::closingWhileLoadingIsSafe()
{
    auto *history = new HistoryView;
    history->setConnectionFactory(factoryFor(u"demo_support"_s));
    history->showRow(u"draft_content"_s, u"1"_s);
    delete history; // waits for its reader; the late answer goes nowhere

    auto *dialog = new CreateLoginDialog(factoryFor(u"erin_creator"_s));
    dialog->loginField()->setText(u"late_login"_s);
    dialog->roleBox(u"staff_support"_s)->setChecked(true);
    QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
    delete dialog;
    QSqlQuery q(m_admin->db());
    QTRY_VERIFY_WITH_TIMEOUT(q.exec(u"SELECT 1 FROM pg_roles WHERE rolname = 'late_login'"_s) && q.next(), 20000);
    QCoreApplication::processEvents(); // delivers the finished future to nobody
}

void TestStaffAdministration::demoLoginsAreIdempotent()
{
    SC_VERIFY_OK(DemoLogins::create(m_admin->db())); // second run: nothing to do, no error
    QSqlQuery q(m_admin->db());
    for (const DemoLogins::Login &login : DemoLogins::logins()) {
        QVERIFY(q.prepare(u"SELECT r.rolcanlogin, pg_has_role(r.oid, :role, 'MEMBER') FROM pg_roles r WHERE r.rolname = :login"_s));
        q.bindValue(u":role"_s, login.role);
        q.bindValue(u":login"_s, login.name);
        QVERIFY(q.exec() && q.next());
        QVERIFY(q.value(0).toBool());
        QVERIFY2(q.value(1).toBool(), qPrintable(login.name));
    }
}

void TestStaffAdministration::demoLoginDialogEmitsChoice()
{
    DemoLoginDialog dialog;
    QCOMPARE(dialog.chosenLogin(), u"demo_reviewer"_s);
    dialog.choose(u"demo_support"_s);
    QSignalSpy chosen(&dialog, &DemoLoginDialog::chosen);
    dialog.accept();
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), u"demo_support"_s);
}

QTEST_MAIN(TestStaffAdministration)
#include "tst_staffadministration.moc"
