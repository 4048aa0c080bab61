#pragma once

#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QUrl>

#include "session.h"

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QTabWidget;
class ConnectionDialog;
class DraftsWorkspace;
class GitHubLoginDirectory;
class InstallationsWorkspace;
class RecordNavigator;
class UsersWorkspace;
class OverviewWorkspace;
class ProfileStore;
class SchemaBanner;
class SecretStore;

// The console's main window: workspaces (Ctrl+1…Ctrl+9 in the order added, the Overview first),
// a schema banner, and a status bar saying where it is connected. It owns the current Session.
// The stores must outlive the window. Geometry and state persist in QSettings.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(ProfileStore &profiles, SecretStore &secrets, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds a workspace tab (the window takes ownership) with the next Ctrl+<n> shortcut.
    void addWorkspace(QWidget *workspace, const QString &title, const QIcon &icon = {});
    QWidget *currentWorkspace() const;
    void showWorkspace(QWidget *workspace);
    DraftsWorkspace *draftsWorkspace() const { return m_drafts; }
    UsersWorkspace *usersWorkspace() const { return m_users; }
    InstallationsWorkspace *installationsWorkspace() const { return m_installations; }
    // Links between records, Back/Forward and Go to draft (the Go menu).
    RecordNavigator *navigator() const { return m_navigator; }
    // Where the lists and details find GitHub logins (not owned; null: ids alone).
    void setLoginDirectory(GitHubLoginDirectory *directory);
    // Adds an action to the File menu above Quit (its shortcut works window-wide).
    void addFileAction(QAction *action);

    Session *session() const { return m_session; }
    // Takes ownership; loads it when not yet loaded. Replaces (and deletes) any current session.
    void openSession(Session *session);
    // Reads the profile's password from the keychain and connects; on failure, the dialog.
    void connectToProfile(const QString &name);
    void showConnectionDialog(const QString &error = {}, const QString &profileName = {});
    void showConnectionDialog(const QString &error, const ConnectionProfile &profile);
    // The `--config` file's [database] uri: the dialog opens with its fields and connects at once
    // when the keychain has its password (ConnectionDialog::loadManagedProfile).
    void connectToManagedProfile(const ConnectionProfile &profile);
    void disconnectSession();

    // Where GitHub requests go when not to GitHub itself (the demo: "sandbox" and its URL): the
    // label in the window title and the status bar, the URL in the Overview and the status tooltip.
    // An empty label: GitHub as configured, not shown.
    void showGitHubTarget(const QString &label, const QUrl &url);

    QString statusText() const;      // the status bar's facts as one line (tests)
    SchemaBanner *schemaBanner() const { return m_banner; }

signals:
    // A session finished loading (also after a refresh or migration); null after disconnecting.
    void sessionChanged(Session *session);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    ConnectionDialog *newConnectionDialog(); // null when one is open already (then raised)
    void buildActions();
    void buildStatusBar();
    void restoreLayout();
    void showSessionState();
    void onSessionReady();
    void onSessionFailed(const DbError &error);
    void confirmMigration();
    void showAbout();
    void showShortcuts();
    QAction *makeAction(QMenu *menu, const QString &text, const QKeySequence &shortcut,
                        const QString &accessibleName);

    ProfileStore &m_profiles;
    SecretStore &m_secrets;
    QPointer<Session> m_session;
    QPointer<QWidget> m_dialog;

    QTabWidget *m_workspaces = nullptr;
    DraftsWorkspace *m_drafts = nullptr;
    UsersWorkspace *m_users = nullptr;
    InstallationsWorkspace *m_installations = nullptr;
    RecordNavigator *m_navigator = nullptr;
    OverviewWorkspace *m_overview = nullptr;
    SchemaBanner *m_banner = nullptr;
    QMenu *m_fileMenu = nullptr;
    QAction *m_quit = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QActionGroup *m_workspaceGroup = nullptr;
    QAction *m_connect = nullptr;
    QAction *m_disconnect = nullptr;
    QAction *m_migrate = nullptr;
    QAction *m_refresh = nullptr;
    QLabel *m_statusServer = nullptr;
    QLabel *m_statusDatabase = nullptr;
    QLabel *m_statusLogin = nullptr;
    QLabel *m_statusRoles = nullptr;
    QLabel *m_statusSchema = nullptr;
    QLabel *m_statusSandbox = nullptr;
    QLabel *m_statusGitHub = nullptr;
    QString m_githubLabel;
};
