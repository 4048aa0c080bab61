#include "mainwindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "connectiondialog.h"
#include "consolesession.h"
#include "dialogfocusreturn.h"
#include "detailtabs.h"
#include "draftsworkspace.h"
#include "historyview.h"
#include "rolepolicy.h"
#include "installationsworkspace.h"
#include "usersworkspace.h"
#include "overviewworkspace.h"
#include "profilestore.h"
#include "recordnavigator.h"
#include "rolegate.h"
#include "schemabanner.h"
#include "secretstore.h"
#include "session.h"
#include "sessionsummary.h"
#include "shortcutsdialog.h"

using namespace Qt::StringLiterals;

namespace {

constexpr int kMaxWorkspaceShortcuts = 9;

// A status bar field. Its text ("Login: jane") is what a screen reader reads: no fixed accessible
// name, which would hide it.
QLabel *statusField(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setObjectName(name);
    label->setContentsMargins(6, 0, 6, 0);
    return label;
}

} // namespace

MainWindow::MainWindow(ProfileStore &profiles, SecretStore &secrets, QWidget *parent)
    : MainWindow(std::make_unique<ConsoleSession>(profiles, secrets), nullptr, parent)
{
}

MainWindow::MainWindow(ConsoleSession &session, QWidget *parent)
    : MainWindow(nullptr, &session, parent)
{
}

MainWindow::MainWindow(std::unique_ptr<ConsoleSession> own, ConsoleSession *external, QWidget *parent)
    : QMainWindow(parent)
    , m_ownConsole(std::move(own))
    , m_console(external ? *external : *m_ownConsole)
{
    setObjectName(u"mainWindow"_s);
    new DialogFocusReturn(this);
    m_banner = new SchemaBanner(this);
    m_workspaces = new QTabWidget(this);
    m_workspaces->setDocumentMode(true);
    m_workspaces->setAccessibleName(u"Workspaces"_s);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_workspaces, 1);
    setCentralWidget(central);

    buildActions();
    buildStatusBar();

    m_overview = new OverviewWorkspace(this);
    addWorkspace(m_overview, u"Overview"_s);
    connect(m_overview, &OverviewWorkspace::connectRequested, this, [this] { showConnectionDialog(); });
    m_drafts = new DraftsWorkspace;
    m_users = new UsersWorkspace;
    m_installations = new InstallationsWorkspace;
    const QList<std::pair<ListWorkspace *, QString>> lists{{m_drafts, u"Drafts"_s},
                                                           {m_users, u"Users"_s},
                                                           {m_installations, u"Installations"_s}};
    for (const auto &[list, title] : lists)
        addWorkspace(list, title);
    // The workspaces take the session's services (before its connection factory, which reloads them).
    connect(this, &MainWindow::sessionChanged, this, [this, current = QPointer<Session>()](Session *session) mutable {
        if (session == current)
            return;
        current = session;
        if (!session) {
            m_drafts->setServices(nullptr, nullptr, nullptr, nullptr);
            m_users->setServices(nullptr, nullptr);
            m_installations->setServices(nullptr, nullptr);
        } else {
            m_drafts->setServices(session->drafts(), session->draftClaims(), session->userDetails(), session->auditReader());
            m_users->setServices(session->userDetails(), session->auditReader());
            m_installations->setServices(session->installationDetails(), session->auditReader());
        }
        const ConnectionFactory factory = session ? session->connectionFactory() : ConnectionFactory();
        for (ListWorkspace *list : std::initializer_list<ListWorkspace *>{m_drafts, m_users, m_installations})
            list->setConnectionFactory(factory);
    });
    m_navigator = new RecordNavigator(*this, m_drafts, m_users, m_installations);
    QMenu *go = menuBar()->insertMenu(m_helpMenu->menuAction(), new QMenu(u"&Go"_s, this))->menu();
    for (QAction *action : {m_navigator->backAction(), m_navigator->forwardAction(), m_navigator->goToDraftAction()}) {
        go->addAction(action);
        addAction(action);
    }
    connect(m_navigator, &RecordNavigator::message, this, [this](const QString &text) {
        statusBar()->showMessage(text, 10000);
    });
    connect(m_banner, &SchemaBanner::migrateRequested, this, &MainWindow::confirmMigration);
    connect(m_workspaces, &QTabWidget::currentChanged, this, [this](int index) {
        QWidget *current = m_workspaces->widget(index);
        for (QAction *action : m_workspaceGroup->actions()) {
            if (action->property("workspace").value<QObject *>() == current)
                action->setChecked(true);
        }
        // Keyboard focus follows the switch, so the workspace's own shortcuts work at once.
        if (current && current->focusProxy())
            current->setFocus(Qt::TabFocusReason);
    });

    connect(&m_console, &ConsoleSession::stateChanged, this, &MainWindow::showSessionState);
    connect(&m_console, &ConsoleSession::sessionChanged, this, &MainWindow::onSessionChanged);
    connect(&m_console, &ConsoleSession::policyChanged, this, &MainWindow::applyPolicy);
    connect(&m_console, &ConsoleSession::connecting, m_overview, &OverviewWorkspace::showConnecting);
    connect(&m_console, &ConsoleSession::message, this, [this](const QString &text) {
        statusBar()->showMessage(text, 15000);
    });
    connect(&m_console, &ConsoleSession::connectFailed, this,
            [this](const QString &error, const ConnectionProfile &profile) { showConnectionDialog(error, profile); });
    connect(&m_console, &ConsoleSession::migrated, this, [this](const QStringList &steps) {
        statusBar()->showMessage(steps.isEmpty() ? u"Nothing to migrate."_s
                                                 : u"Migrated: %1 step(s) applied."_s.arg(steps.size()),
                                 15000);
    });
    connect(&m_console, &ConsoleSession::migrationFailed, this, [this](const DbError &error) {
        m_banner->showMigrationError(error.text());
    });
    applyPolicy(m_console.policy());
    showSessionState();
    restoreLayout();
}

MainWindow::~MainWindow()
{
    // A session of its own goes first, while the workspaces that use its services still exist.
    if (m_ownConsole) {
        m_ownConsole->disconnect(this);
        m_ownConsole.reset();
    }
}

QAction *MainWindow::makeAction(QMenu *menu, const QString &text, const QKeySequence &shortcut,
                                const QString &accessibleName)
{
    auto *action = menu->addAction(text);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WindowShortcut);
    action->setObjectName(accessibleName);
    action->setStatusTip(accessibleName);
    action->setToolTip(accessibleName);
    return action;
}

void MainWindow::buildActions()
{
    QMenu *file = m_fileMenu = menuBar()->addMenu(u"&File"_s);
    m_connect = makeAction(file, u"&Connect…"_s, QKeySequence(u"Ctrl+O"_s), u"Connect to a database"_s);
    connect(m_connect, &QAction::triggered, this, [this] { showConnectionDialog(); });
    m_disconnect = makeAction(file, u"&Disconnect"_s, QKeySequence(u"Ctrl+Shift+D"_s),
                              u"Disconnect from the database"_s);
    connect(m_disconnect, &QAction::triggered, this, &MainWindow::disconnectSession);
    m_migrate = makeAction(file, u"&Migrate schema…"_s, QKeySequence(u"Ctrl+Shift+M"_s),
                           u"Apply the missing schema migrations"_s);
    connect(m_migrate, &QAction::triggered, this, &MainWindow::confirmMigration);
    file->addSeparator();
    QAction *quit = m_quit = makeAction(file, u"&Quit"_s, QKeySequence(u"Ctrl+Q"_s), u"Quit Staff Console"_s);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    m_viewMenu = menuBar()->addMenu(u"&View"_s);
    m_refresh = makeAction(m_viewMenu, u"&Refresh connection details"_s, QKeySequence(u"F5"_s),
                           u"Read the connection details and schema status again"_s);
    connect(m_refresh, &QAction::triggered, this, [this] {
        m_console.refresh();
    });
    QAction *previous = makeAction(m_viewMenu, u"&Previous workspace"_s, QKeySequence(u"Ctrl+PgUp"_s),
                                   u"Show the previous workspace"_s);
    connect(previous, &QAction::triggered, this, [this] {
        const int n = m_workspaces->count();
        m_workspaces->setCurrentIndex((m_workspaces->currentIndex() + n - 1) % n);
    });
    QAction *next = makeAction(m_viewMenu, u"&Next workspace"_s, QKeySequence(u"Ctrl+PgDown"_s),
                               u"Show the next workspace"_s);
    connect(next, &QAction::triggered, this, [this] {
        m_workspaces->setCurrentIndex((m_workspaces->currentIndex() + 1) % m_workspaces->count());
    });
    m_viewMenu->addSeparator();
    m_workspaceGroup = new QActionGroup(this);
    m_workspaceGroup->setExclusive(true);

    QMenu *help = m_helpMenu = menuBar()->addMenu(u"&Help"_s);
    QAction *shortcuts = makeAction(help, u"&Keyboard shortcuts"_s, QKeySequence(u"F1"_s),
                                    u"List the keyboard shortcuts"_s);
    connect(shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    QAction *about = makeAction(help, u"&About Staff Console"_s, QKeySequence(u"Ctrl+F1"_s),
                                u"About Staff Console"_s);
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::buildStatusBar()
{
    m_statusServer = statusField(this, u"Server"_s);
    m_statusDatabase = statusField(this, u"Database"_s);
    m_statusLogin = statusField(this, u"Login"_s);
    m_statusRoles = statusField(this, u"Staff roles"_s);
    m_statusSchema = statusField(this, u"Schema version"_s);
    m_statusSandbox = statusField(this, u"Sandbox"_s);
    m_statusSandbox->setText(u"SANDBOX"_s);
    m_statusSandbox->setToolTip(u"A private demo database on this computer: nothing here touches production."_s);
    m_statusSandbox->setStyleSheet(u"QLabel { background: #2e7d32; color: white; font-weight: bold; "
                                   u"border-radius: 3px; padding: 1px 6px; }"_s);
    m_statusSandbox->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    m_statusSandbox->hide();
    statusBar()->addWidget(m_statusSandbox);
    m_statusGitHub = statusField(this, u"GitHub"_s);
    m_statusGitHub->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    m_statusGitHub->hide();
    statusBar()->addWidget(m_statusGitHub);
    for (QLabel *label : {m_statusServer, m_statusDatabase, m_statusLogin, m_statusRoles, m_statusSchema})
        statusBar()->addPermanentWidget(label);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(u"mainWindow/geometry"_s).toByteArray()))
        resize(1200, 760);
    restoreState(settings.value(u"mainWindow/state"_s).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Review editor (issue 10): unsaved edits ask Save / Discard edit / Stay first.
    if (m_drafts->hasUnsavedChanges()) {
        event->ignore();
        m_drafts->askToLeave([this] { close(); });
        return;
    }
    QSettings settings;
    settings.setValue(u"mainWindow/geometry"_s, saveGeometry());
    settings.setValue(u"mainWindow/state"_s, saveState());
    event->accept();
}

void MainWindow::addFileAction(QAction *action)
{
    m_fileMenu->insertAction(m_quit, action);
    m_fileMenu->insertSeparator(m_quit);
    addAction(action);
}

void MainWindow::addWorkspace(QWidget *workspace, const QString &title, const QIcon &icon)
{
    const int index = m_workspaces->addTab(workspace, icon, title);
    if (workspace->accessibleName().isEmpty())
        workspace->setAccessibleName(title);
    auto *action = new QAction(icon, title, this);
    action->setCheckable(true);
    action->setObjectName(u"Show the %1 workspace"_s.arg(title));
    action->setStatusTip(action->objectName());
    if (index < kMaxWorkspaceShortcuts)
        action->setShortcut(QKeySequence(u"Ctrl+%1"_s.arg(index + 1)));
    connect(action, &QAction::triggered, this, [this, workspace] {
        if (const int i = m_workspaces->indexOf(workspace); i >= 0)
            m_workspaces->setCurrentIndex(i);
    });
    connect(workspace, &QObject::destroyed, action, &QObject::deleteLater);
    m_workspaceGroup->addAction(action);
    m_viewMenu->addAction(action);
    action->setProperty("workspace", QVariant::fromValue<QObject *>(workspace));
    if (index == m_workspaces->currentIndex())
        action->setChecked(true);
}

QAction *MainWindow::workspaceAction(QWidget *workspace) const
{
    for (QAction *action : m_workspaceGroup->actions()) {
        if (action->property("workspace").value<QObject *>() == workspace)
            return action;
    }
    return nullptr;
}

QWidget *MainWindow::currentWorkspace() const
{
    return m_workspaces->currentWidget();
}

void MainWindow::showWorkspace(QWidget *workspace)
{
    if (const int index = m_workspaces->indexOf(workspace); index >= 0)
        m_workspaces->setCurrentIndex(index);
}

void MainWindow::setLoginDirectory(GitHubLoginDirectory *directory)
{
    m_drafts->setLoginDirectory(directory);
    m_users->setLoginDirectory(directory);
    m_installations->setLoginDirectory(directory);
}

Session *MainWindow::session() const
{
    return m_console.current();
}

const RolePolicy &MainWindow::policy() const
{
    return m_console.policy();
}

// Replacing or closing the session closes the editor's draft: an unsaved edit asks Save / Discard
// edit / Stay first, and Stay keeps the current session.
void MainWindow::openSession(Session *session)
{
    if (!session)
        return;
    // Until it is opened the new session is only held here: Stay drops it with the last copy.
    std::shared_ptr<Session> pending(session, [](Session *s) {
        if (!s->parent())
            delete s;
    });
    m_drafts->askToLeave([this, pending] { m_console.open(pending.get()); });
}

void MainWindow::connectToProfile(const QString &name)
{
    m_drafts->askToLeave([this, name] { m_console.connectToProfile(name); });
}

// The workspaces follow the login's policy: the History tabs need ReadAudit.
void MainWindow::applyPolicy(const RolePolicy &policy)
{
    m_users->detailTabs()->setRolePolicy(policy);
    m_installations->detailTabs()->setRolePolicy(policy);
    m_drafts->setRolePolicy(policy);   // the review editor's actions
    // The Drafts' History tab, wherever the workspace puts it.
    for (QWidget *page = m_drafts->historyView(); page; page = page->parentWidget()) {
        if (auto *tabs = qobject_cast<QTabWidget *>(page->parentWidget() ? page->parentWidget()->parentWidget() : nullptr);
            tabs && tabs->indexOf(page) >= 0) {
            RoleGate::applyTab(tabs, tabs->indexOf(page), policy, RolePolicy::Capability::ReadAudit);
            break;
        }
    }
    emit policyChanged(policy);
}

void MainWindow::onSessionChanged(Session *session)
{
    showSessionState();
    emit sessionChanged(session);
}

void MainWindow::showConnectionDialog(const QString &error, const QString &profileName)
{
    showConnectionDialog(error, m_console.profiles().load(profileName).value_or(ConnectionProfile()));
}

void MainWindow::showConnectionDialog(const QString &error, const ConnectionProfile &profile)
{
    ConnectionDialog *dialog = newConnectionDialog();
    if (!dialog)
        return;
    if (m_console.profiles().names().contains(profile.name))
        dialog->loadProfile(profile.name);
    else if (!profile.host.isEmpty())
        dialog->setProfile(profile);
    if (!error.isEmpty())
        dialog->showError(error);
    dialog->open();
}

void MainWindow::connectToManagedProfile(const ConnectionProfile &profile)
{
    ConnectionDialog *dialog = newConnectionDialog();
    if (!dialog)
        return;
    dialog->loadManagedProfile(profile);
    dialog->open();
}

ConnectionDialog *MainWindow::newConnectionDialog()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return nullptr;
    }
    auto *dialog = new ConnectionDialog(m_console.profiles(), m_console.secrets(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (const QString note = dialog->keychainNote(); !note.isEmpty())
            statusBar()->showMessage(note, 20000);
        openSession(dialog->takeSession());
    });
    m_dialog = dialog;
    return dialog;
}

void MainWindow::disconnectSession()
{
    m_drafts->askToLeave([this] { m_console.closeSession(); });
}

void MainWindow::showSessionState()
{
    const Session *s = session();
    const bool loaded = s && s->isLoaded();
    if (loaded) {
        setWindowTitle(m_githubLabel.isEmpty() ? u"Staff Console — "_s + s->title()
                                               : u"Staff Console — %1 — GitHub: %2"_s.arg(s->title(), m_githubLabel));
        const SessionSummary summary(*s);
        m_statusServer->setText(u"Server: "_s + summary.address());
        m_statusServer->setToolTip(summary.server());
        m_statusDatabase->setText(u"Database: "_s + s->database());
        m_statusLogin->setText(u"Login: "_s + s->login());
        m_statusRoles->setText(u"Roles: "_s + summary.roles());
        m_statusSchema->setText(u"Schema: "_s + summary.schemaShort());
        m_statusSchema->setToolTip(u"Schema "_s + summary.schema());
    } else {
        setWindowTitle(s ? u"Staff Console — connecting to "_s + s->profile().displayName()
                         : u"Staff Console — not connected"_s);
        m_statusServer->setText(s ? u"Connecting…"_s : u"Not connected"_s);
        for (QLabel *label : {m_statusDatabase, m_statusLogin, m_statusRoles, m_statusSchema})
            label->clear();
    }
    for (QLabel *label : {m_statusDatabase, m_statusLogin, m_statusRoles, m_statusSchema})
        label->setVisible(loaded);
    m_statusSandbox->setVisible(s && s->sandbox());
    m_overview->showSession(loaded ? s : nullptr);
    m_banner->showSession(loaded ? s : nullptr);
    m_disconnect->setEnabled(s != nullptr);
    m_refresh->setEnabled(loaded);
    const auto &schema = loaded ? s->schema() : std::optional<SchemaStatus>();
    m_migrate->setEnabled(schema && schema->canMigrate
                          && (schema->state == SchemaStatus::State::Empty
                              || schema->state == SchemaStatus::State::Behind));
}

void MainWindow::showGitHubTarget(const QString &label, const QUrl &url)
{
    m_githubLabel = label;
    const QString where = label.isEmpty() ? QString()
                                          : u"GitHub requests of this run go to the %1 at %2, never to "
                                            u"github.com."_s.arg(label, url.toString());
    m_statusGitHub->setText(label.isEmpty() ? QString() : u"GitHub: "_s + label);
    m_statusGitHub->setToolTip(where);
    m_statusGitHub->setVisible(!label.isEmpty());
    m_overview->showGitHubTarget(label.isEmpty() ? QString() : u"%1 at %2"_s.arg(label, url.toString()));
    showSessionState();
}

QString MainWindow::statusText() const
{
    QStringList parts;
    if (!m_statusGitHub->text().isEmpty())
        parts << m_statusGitHub->text();
    for (const QLabel *label : {m_statusServer, m_statusDatabase, m_statusLogin, m_statusRoles, m_statusSchema}) {
        if (!label->text().isEmpty())
            parts << label->text();
    }
    return parts.join(u" | "_s);
}

void MainWindow::confirmMigration()
{
    const Session *current = session();
    if (!current || !current->schema() || !m_migrate->isEnabled() || current->isBusy())
        return;
    const SchemaStatus &schema = *current->schema();
    QStringList steps;
    for (const MigrationStep &step : schema.pending)
        steps << step.label();
    auto *box = new QMessageBox(QMessageBox::Question, u"Migrate the schema — Staff Console"_s,
                                u"Apply %1 migration step(s) to %2?"_s.arg(steps.size())
                                    .arg(current->profile().displayName()),
                                QMessageBox::Cancel, this);
    box->setInformativeText(steps.join(u'\n')
                            + u"\n\nThey run in one transaction: if a step fails, nothing changes."_s);
    QPushButton *apply = box->addButton(u"&Migrate now"_s, QMessageBox::AcceptRole);
    box->setDefaultButton(apply);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, apply](QAbstractButton *clicked) {
        if (clicked != static_cast<QAbstractButton *>(apply) || !session())
            return;
        m_banner->showMigrating();
        m_migrate->setEnabled(false);
        m_console.migrate();
    });
    box->open();
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(QMessageBox::Information, u"About Staff Console"_s,
                                u"Staff Console %1"_s.arg(QString::fromLatin1(STAFFCONSOLE_VERSION)),
                                QMessageBox::Close, this);
    box->setInformativeText(u"The desktop console for the staff of the AI GitHub App: review drafts, "
                            u"look after users, installations and their preferences. Built with Qt %1."_s
                                .arg(QString::fromLatin1(qVersion())));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showShortcuts()
{
    QList<QAction *> actions;
    for (QAction *menu : menuBar()->actions()) {
        if (menu->menu())
            actions << menu->menu()->actions();
    }
    auto *dialog = new ShortcutsDialog(actions, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}
