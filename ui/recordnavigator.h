#pragma once

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <optional>

#include "recordref.h"

class AuditWorkspace;
class DraftsWorkspace;
class InstallationsWorkspace;
class MainWindow;
class NavigationHistory;
class QAction;
class UsersWorkspace;

// Going from one record to another across workspaces: the detail panes' links, the audit log's
// "Open record", "Go to draft #N" (Ctrl+G) and Back/Forward (Alt+Left / Alt+Right) over a
// NavigationHistory. goTo() switches to the record's workspace and shows it there (selected when
// its row is loaded, else in the detail pane alone). Records shown by selecting rows are visited
// too: browsing one list is one step, following a link another. Issue links open GitHub's web page
// in the browser. Owned by the window; the workspaces must outlive it.
class RecordNavigator : public QObject
{
    Q_OBJECT

public:
    RecordNavigator(MainWindow &window, DraftsWorkspace *drafts, UsersWorkspace *users,
                    InstallationsWorkspace *installations);

    void followAudit(AuditWorkspace *audit);
    // Where GitHub's web pages are (by default github.com): asked when an issue link is opened.
    void setWebBase(std::function<QUrl()> webBase);
    // Opens web pages (default QDesktopServices::openUrl); tests record them instead.
    void setUrlOpener(std::function<bool(const QUrl &)> open);

    NavigationHistory *history() const { return m_history; }
    QAction *backAction() const { return m_back; }
    QAction *forwardAction() const { return m_forward; }
    QAction *goToDraftAction() const { return m_goToDraft; }

    void goTo(const RecordRef &record);
    void openLink(const QUrl &url);       // a RecordRef or IssueRef URL; other URLs go to the browser
    QUrl issueUrl(const QString &repository, qint64 number) const;
    void back();
    void forward();
    void askForDraft();                   // Ctrl+G: a small non-modal input

signals:
    void message(const QString &text);    // e.g. an audit entry whose record has no view

private:
    void show(const RecordRef &record);
    void onShown(const RecordRef &record);
    void updateActions();

    MainWindow &m_window;
    DraftsWorkspace *m_drafts;
    UsersWorkspace *m_users;
    InstallationsWorkspace *m_installations;
    NavigationHistory *m_history;
    QAction *m_back = nullptr;
    QAction *m_forward = nullptr;
    QAction *m_goToDraft = nullptr;
    std::optional<RecordRef> m_linked;   // followed a link to it: its showing is a new step
    std::function<QUrl()> m_webBase;
    std::function<bool(const QUrl &)> m_open;
};
