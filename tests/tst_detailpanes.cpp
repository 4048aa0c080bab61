#include <QAction>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

#include "auditreader.h"
#include "demoseeder.h"
#include "detailtabs.h"
#include "expectedcheck.h"
#include "historyview.h"
#include "installationdetailpane.h"
#include "installationdetailstore.h"
#include "installationsworkspace.h"
#include "listtableview.h"
#include "migrator.h"
#include "pagedlistmodel.h"
#include "pgfixture.h"
#include "shortcutsdialog.h"
#include "userdetailpane.h"
#include "userdetailstore.h"
#include "usersworkspace.h"

using namespace Qt::StringLiterals;

namespace {

ConnectionFactory factoryFor(const ConnectionProfile &profile)
{
    return [profile](const QString &purpose) { return PgConnection::open(profile, {}, purpose); };
}

int rowOf(const PagedListModel *model, qint64 id)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->idAt(row) == id)
            return row;
    }
    return -1;
}

QStringList column(const QTreeWidget *tree, int column)
{
    QStringList values;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        values.append(tree->topLevelItem(i)->text(column));
    return values;
}

} // namespace

class TestDetailPanes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void userShowsInstallationsPreferencesAndDrafts();
    void userHistoryShowsAnUpdate();
    void installationShowsItsMembers();
    void deletedRowsSayTheyAreGone_data();
    void deletedRowsSayTheyAreGone();
    void staleResultIsDropped();
    void shortcutsTriggerTheirActions_data();
    void shortcutsTriggerTheirActions();
    void exportShortcutWritesTheFile();
    void shortcutsDialogListsTheWorkspaceShortcuts();

private:
    void exec(const QString &sql, const QVariantList &binds = {});
    qint64 scalar(const QString &sql, const QVariantList &binds = {});
    template <typename Workspace>
    void selectId(Workspace &workspace, qint64 id);

    ConnectionProfile m_profile;
    std::unique_ptr<PgConnection> m_conn;
    // What a session gives the workspaces: they outlive every workspace of a test.
    struct Services
    {
        explicit Services(const ConnectionFactory &factory) : users(factory), installations(factory), audit(factory) {}
        UserDetailStore users;
        InstallationDetailStore installations;
        AuditReader audit;
    };
    std::unique_ptr<Services> m_services;
    qint64 m_user = 0;             // two preference rows, several installations
    qint64 m_installation = 0;
};

void TestDetailPanes::exec(const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(m_conn->db());
    QVERIFY2(q.prepare(sql), qPrintable(q.lastError().text()));
    for (const QVariant &value : binds)
        q.addBindValue(value);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
}

qint64 TestDetailPanes::scalar(const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(m_conn->db());
    const bool prepared = q.prepare(sql);
    for (const QVariant &value : binds)
        q.addBindValue(value);
    if (!prepared || !q.exec() || !q.next())
        qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    return q.value(0).toLongLong();
}

template <typename Workspace>
void TestDetailPanes::selectId(Workspace &workspace, qint64 id)
{
    QTRY_VERIFY(workspace.model()->isIdle());
    const int row = rowOf(workspace.model(), id);
    QVERIFY2(row >= 0, qPrintable(u"id %1 not in the list"_s.arg(id)));
    workspace.view()->selectRow(row);
}

void TestDetailPanes::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_profile = PgFixture::instance().freshDatabase(u"detailpanes"_s);
    m_conn = PgFixture::instance().connect(m_profile);
    m_services = std::make_unique<Services>(factoryFor(m_profile));
    const auto migrated = Migrator(m_conn->db()).migrate();
    QVERIFY2(migrated, migrated ? "" : qPrintable(migrated.error().text()));
    DemoSizes sizes;
    sizes.users = 12;
    sizes.installations = 4;
    sizes.drafts = 40;
    SC_VERIFY_OK(DemoSeeder(m_conn->db()).seed(sizes));

    m_user = scalar(u"SELECT user_id FROM user_installations GROUP BY user_id ORDER BY count(*) DESC, user_id LIMIT 1"_s);
    m_installation = scalar(u"SELECT installation_id FROM user_installations GROUP BY installation_id "
                            "ORDER BY count(*) DESC, installation_id LIMIT 1"_s);
    exec(u"DELETE FROM user_preferences WHERE user_id = ?"_s, {m_user});
    exec(u"INSERT INTO user_preferences (user_id, auto_publish_comments, auto_publish_prs, testing_mode, "
         "notification_settings) VALUES (?, true, false, NULL, CAST(? AS jsonb)), (?, false, true, true, NULL)"_s,
         {m_user, u"{\"digest\": {\"channel_id\": 9007199254740993, \"ratio\": 0.1000000000000000055511}}"_s, m_user});
}

void TestDetailPanes::userShowsInstallationsPreferencesAndDrafts()
{
    UsersWorkspace workspace;
    workspace.resize(1200, 700);
    workspace.setServices(&m_services->users, &m_services->audit);
    workspace.setConnectionFactory(factoryFor(m_profile));
    QSignalSpy shown(workspace.detailTabs(), &DetailTabs::recordShown);
    selectId(workspace, m_user);
    QTRY_COMPARE(shown.size(), 1);
    QCOMPARE(shown.first().first().toLongLong(), m_user);
    UserDetailPane *pane = workspace.detailPane();
    QCOMPARE(pane->userId(), m_user);

    const QStringList expectedAccounts = [this] {
        QStringList accounts;
        QSqlQuery q(m_conn->db());
        if (!q.prepare(u"SELECT i.account_name FROM user_installations m JOIN github_app_installations i "
                       "ON i.id = m.installation_id WHERE m.user_id = ? ORDER BY i.account_name, i.id"_s))
            qFatal("%s", qPrintable(q.lastError().text()));
        q.addBindValue(m_user);
        if (!q.exec())
            qFatal("%s", qPrintable(q.lastError().text()));
        while (q.next())
            accounts.append(q.value(0).toString());
        return accounts;
    }();
    QVERIFY(!expectedAccounts.isEmpty());
    QCOMPARE(column(pane->installations(), 0), expectedAccounts);
    for (const QString &permission : column(pane->installations(), 3))
        QVERIFY2(QStringList({u"admin"_s, u"write"_s, u"read"_s}).contains(permission), qPrintable(permission));

    QCOMPARE(pane->preferenceRowCount(), 2);
    const QString preferences = pane->preferences()->toPlainText();
    QVERIFY2(preferences.contains(u"9007199254740993"_s), qPrintable(preferences));
    QVERIFY2(preferences.contains(u"0.1000000000000000055511"_s), qPrintable(preferences));
    QVERIFY2(preferences.contains(u"\"channel_id\": 9007199254740993"_s), qPrintable(preferences));
    QCOMPARE(preferences.count(u"Preferences #"_s), 2);
    QVERIFY2(preferences.contains(u"none (NULL)"_s), qPrintable(preferences));

    const qint64 drafts = scalar(u"SELECT count(*) FROM draft_content WHERE user_id = ?"_s, {m_user});
    const QString facts = pane->factsText();
    QVERIFY2(facts.contains(u"GitHub id: "_s), qPrintable(facts));
    if (drafts == 0)
        QVERIFY2(facts.contains(u"Drafts: none"_s), qPrintable(facts));
    else
        QVERIFY2(facts.contains(u"Drafts: "_s) && !facts.contains(u"Drafts: none"_s), qPrintable(facts));
}

void TestDetailPanes::userHistoryShowsAnUpdate()
{
    exec(u"UPDATE users SET stripe_customer_id = ? WHERE id = ?"_s, {u"cus_history_check"_s, m_user});
    UsersWorkspace workspace;
    workspace.setServices(&m_services->users, &m_services->audit);
    workspace.setConnectionFactory(factoryFor(m_profile));
    QSignalSpy loaded(workspace.detailTabs()->history(), &HistoryView::loaded);
    selectId(workspace, m_user);
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(loaded.first().first().toInt(), 1);
    QCOMPARE(workspace.detailTabs()->history()->entries()->topLevelItemCount(), 1);
    QTRY_VERIFY(workspace.detailPane()->factsText().contains(u"Stripe customer: cus_history_check"_s));
}

void TestDetailPanes::installationShowsItsMembers()
{
    InstallationsWorkspace workspace;
    workspace.setServices(&m_services->installations, &m_services->audit);
    workspace.setConnectionFactory(factoryFor(m_profile));
    QSignalSpy shown(workspace.detailTabs(), &DetailTabs::recordShown);
    selectId(workspace, m_installation);
    QTRY_COMPARE(shown.size(), 1);
    InstallationDetailPane *pane = workspace.detailPane();
    QCOMPARE(pane->installationId(), m_installation);
    const qint64 members = scalar(u"SELECT count(*) FROM user_installations WHERE installation_id = ?"_s, {m_installation});
    QVERIFY(members > 0);
    QCOMPARE(pane->members()->topLevelItemCount(), int(members));
    const qint64 admins = scalar(u"SELECT count(*) FROM user_installations WHERE installation_id = ? "
                                 "AND permission_level = 'admin'"_s, {m_installation});
    QCOMPARE(column(pane->members(), 1).count(u"admin"_s), int(admins));
    const QString facts = pane->factsText();
    QVERIFY2(facts.contains(u"GitHub installation id: "_s) && facts.contains(u"Members: %1"_s.arg(members)),
             qPrintable(facts));
}

void TestDetailPanes::deletedRowsSayTheyAreGone_data()
{
    QTest::addColumn<bool>("user");
    QTest::newRow("user") << true;
    QTest::newRow("installation") << false;
}

void TestDetailPanes::deletedRowsSayTheyAreGone()
{
    QFETCH(bool, user);
    const qint64 id = user ? scalar(u"INSERT INTO users (github_id) VALUES ('gone-user') RETURNING id"_s)
                           : scalar(u"INSERT INTO github_app_installations (github_installation_id, account_name, "
                                    "account_type) VALUES ('99999', 'gone-org', 'organization') RETURNING id"_s);
    std::unique_ptr<ListWorkspace> workspace;
    DetailTabs *tabs = nullptr;
    RecordPane *pane = nullptr;
    if (user) {
        auto *users = new UsersWorkspace;
        users->setServices(&m_services->users, &m_services->audit);
        tabs = users->detailTabs();
        pane = users->detailPane();
        workspace.reset(users);
    } else {
        auto *installations = new InstallationsWorkspace;
        installations->setServices(&m_services->installations, &m_services->audit);
        tabs = installations->detailTabs();
        pane = installations->detailPane();
        workspace.reset(installations);
    }
    workspace->setConnectionFactory(factoryFor(m_profile));
    QTRY_VERIFY(workspace->model()->isIdle());
    const int row = rowOf(workspace->model(), id);
    QVERIFY(row >= 0);
    exec(user ? u"DELETE FROM users WHERE id = ?"_s : u"DELETE FROM github_app_installations WHERE id = ?"_s, {id});
    QSignalSpy shown(tabs, &DetailTabs::recordShown);
    workspace->view()->selectRow(row);
    const QString gone = user ? u"This user no longer exists."_s : u"This installation no longer exists."_s;
    QTRY_COMPARE(pane->titleText(), gone);
    QCOMPARE(shown.size(), 0);
    QCOMPARE(pane->factsText(), QString());
}

void TestDetailPanes::staleResultIsDropped()
{
    UsersWorkspace workspace;
    workspace.setServices(&m_services->users, &m_services->audit);
    workspace.setConnectionFactory(factoryFor(m_profile));
    QTRY_VERIFY(workspace.model()->isIdle() && workspace.model()->rowCount() > 2);
    QSignalSpy shown(workspace.detailTabs(), &DetailTabs::recordShown);
    workspace.view()->selectRow(0);
    workspace.view()->selectRow(1);   // before the first load can have come back
    QTRY_COMPARE(shown.size(), 1);
    QCOMPARE(shown.first().first().toLongLong(), workspace.model()->idAt(1));
    QTest::qWait(200);   // the first answer, had it not been dropped, would have arrived by now
    QCOMPARE(shown.size(), 1);
    QCOMPARE(workspace.detailPane()->userId(), workspace.model()->idAt(1));
}

void TestDetailPanes::shortcutsTriggerTheirActions_data()
{
    QTest::addColumn<int>("workspace");   // 0: users, 1: installations
    QTest::newRow("users") << 0;
    QTest::newRow("installations") << 1;
}

void TestDetailPanes::shortcutsTriggerTheirActions()
{
    QFETCH(int, workspace);
    std::unique_ptr<ListWorkspace> list(workspace == 0 ? static_cast<ListWorkspace *>(new UsersWorkspace)
                                                       : new InstallationsWorkspace);
    list->setConnectionFactory(factoryFor(m_profile));
    list->show();
    list->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(list.get()));
    QTRY_VERIFY(list->model()->isIdle());

    for (QAction *action : {list->focusSearchAction(), list->exportAction(), list->reloadAction(),
                            list->countExactlyAction()}) {
        QCOMPARE(action->shortcutContext(), Qt::WidgetWithChildrenShortcut);
        QVERIFY(!action->objectName().isEmpty());
        QVERIFY2(action->toolTip().contains(action->shortcut().toString(QKeySequence::NativeText)),
                 qPrintable(action->toolTip()));
        QVERIFY(list->actions().contains(action));
    }

    list->view()->setFocus();
    QTRY_VERIFY(list->view()->hasFocus());
    QTest::keyClick(list->view(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(list->searchField()->hasFocus());

    QTest::keyClicks(list->searchField(), u"zz"_s);
    QCOMPARE(list->searchField()->text(), u"zz"_s);
    QTest::keyClick(list->searchField(), Qt::Key_Escape);
    QCOMPARE(list->searchField()->text(), QString());

    QSignalSpy reset(list->model(), &QAbstractItemModel::modelReset);
    QSignalSpy reloaded(list->reloadAction(), &QAction::triggered);
    list->view()->setFocus();
    QTest::keyClick(list->view(), Qt::Key_R, Qt::ControlModifier);
    QCOMPARE(reloaded.size(), 1);
    QTRY_VERIFY(reset.size() >= 1);

    QSignalSpy counted(list->countExactlyAction(), &QAction::triggered);
    QTest::keyClick(list->view(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(counted.size(), list->model()->isCountEstimated() ? 1 : 0);
}

void TestDetailPanes::exportShortcutWritesTheFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"users.csv"_s);
    UsersWorkspace users;
    InstallationsWorkspace other;   // same shortcuts, other widget: must not fire
    QString suggested;
    users.setSaveFileChooser([&suggested, path](const QString &proposal) -> QString {
        suggested = proposal;
        return path;
    });
    other.setSaveFileChooser([](const QString &) -> QString {
        qFatal("the installations workspace must not export");
        return {};
    });
    users.setConnectionFactory(factoryFor(m_profile));
    other.setConnectionFactory(factoryFor(m_profile));
    users.show();
    other.show();
    users.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&users));
    QTRY_VERIFY(users.model()->isIdle());
    users.view()->setFocus();
    QSignalSpy finished(&users, &ListWorkspace::exportFinished);
    QTest::keyClick(users.view(), Qt::Key_E, Qt::ControlModifier);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(1).toString(), QString());
    QVERIFY(suggested.endsWith(u"users.csv"_s));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const qint64 userCount = scalar(u"SELECT count(*) FROM users"_s);
    QCOMPARE(file.readAll().count('\n'), userCount + 1);   // header and one line per user
}

void TestDetailPanes::shortcutsDialogListsTheWorkspaceShortcuts()
{
    QWidget window;
    auto *users = new UsersWorkspace(&window);
    new InstallationsWorkspace(&window);
    ShortcutsDialog dialog({}, &window);
    auto *table = dialog.findChild<QTableWidget *>();
    QVERIFY(table);
    QStringList rows;
    for (int row = 0; row < table->rowCount(); ++row)
        rows.append(table->item(row, 0)->text() + u" = "_s + table->item(row, 1)->text());
    const QStringList expected{
        u"Search the list = "_s + users->focusSearchAction()->shortcut().toString(QKeySequence::NativeText),
        u"Export CSV = Ctrl+E"_s, u"Reload the list = Ctrl+R"_s, u"Count exactly = Ctrl+Shift+C"_s,
        u"Clear the search = Esc"_s};
    for (const QString &line : expected)
        QVERIFY2(rows.count(line) == 1, qPrintable(rows.join(u"; "_s)));
}

QTEST_MAIN(TestDetailPanes)
#include "tst_detailpanes.moc"
