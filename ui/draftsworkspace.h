#pragma once

#include <QHash>
#include <QMessageBox>
#include <QPointer>

#include <functional>
#include <optional>

#include "draftclaims.h"
#include "draftstore.h"
#include "listworkspace.h"
#include "rolepolicy.h"

class AuditReader;
class DateRangeFilter;
class DraftDetailPane;
class DraftEditor;
class DraftFilterSuggestions;
class GitHubClient;
class GitHubLoginDirectory;
class HistoryView;
class QComboBox;
class QCompleter;
class QDateEdit;
class QFrame;
class QLabel;
class QLineEdit;
class QPushButton;
class QStringListModel;
class QTabWidget;
class QTimer;
class QToolBar;
class UserDetailStore;
class SelectionKeeper;

// The reviewers' drafts list: filters (status, type, repository prefix with completion, user's
// GitHub id, created date range, search of content and titles) and the selected draft, read-only
// with its Markdown rendered and the search term marked, in a side pane. The selected draft stays
// selected across filter changes while it still matches (and is on the first page).
//
// The review editor (DraftEditor) is a tab of the same side pane: Enter or a double-click opens the
// current draft in it. Opening claims the draft (DraftClaims, on its own connection): a draft
// another login holds opens read-only, "being reviewed by LOGIN" in the list and the detail; an
// admin may take it over. Moving to another draft or leaving with unsaved edits asks Save /
// Discard edit / Stay (a non-modal message box).
//
// Keyboard triage (while the focus is in the list or the detail): j / k next / previous draft,
// Enter open, e edit, d discard (asks for an optional reason), u undo the discard (from the
// notification bar, for kUndoSeconds); Ctrl+S saves and Escape returns to the list from the editor.
// The single-key ones can be turned off (WCAG 2.1.4). Every writing action is enabled from the
// RolePolicy, its tooltip naming the role when it is not allowed.
class DraftsWorkspace : public ListWorkspace
{
    Q_OBJECT

public:
    static constexpr int kUndoSeconds = 10;
    static constexpr int kClaimRefreshMs = 5000;   // how often the list's claims are read

    explicit DraftsWorkspace(QWidget *parent = nullptr);
    ~DraftsWorkspace() override;

    DraftDetailPane *detailPane() const { return m_detail; }
    HistoryView *historyView() const { return m_history; }   // the History tab (audit log)
    DraftEditor *editor() const { return m_editor; }          // the Editor tab
    QTabWidget *detailTabs() const { return m_tabs; }
    QComboBox *statusFilter() const { return m_status; }
    QComboBox *typeFilter() const { return m_type; }
    QLineEdit *repositoryFilter() const { return m_repository; }
    QCompleter *repositoryCompleter() const { return m_repositoryCompleter; }
    QLineEdit *userFilter() const { return m_user; }
    QString userFilterMessage() const;          // why the user filter's text is not applied; empty if it is
    DateRangeFilter *createdFilter() const { return m_dates; }
    QDateEdit *createdFromFilter() const;
    QDateEdit *createdToFilter() const;

    // The session's services (not owned; they outlive their use here): drafts are read and
    // written through `drafts`, the editor's claim held by `claims`, the owner's switches read from
    // `owners`, the History tab from `audit`. Null: disconnected. New services close the editor's
    // draft (its unsaved edit is dropped: ask first with askToLeave()).
    void setServices(DraftStore *drafts, DraftClaims *claims, UserDetailStore *owners, AuditReader *audit);
    void setLoginDirectory(GitHubLoginDirectory *directory);   // the draft's user's login
    // What the login may do (from the session); default: nothing.
    void setRolePolicy(const RolePolicy &policy);
    // The one GitHub client of the console (not owned; null: the context panes say GitHub is not set up).
    void setGitHubClient(GitHubClient *client);
    // "[workflow] run_url": "https://…/runs/{id}"; empty: no link.
    void setRunUrlTemplate(const QString &urlTemplate);
    void setSingleKeyShortcutsEnabled(bool enabled);   // j k e d u
    bool singleKeyShortcutsEnabled() const { return m_singleKeys; }

    // Shows draft `id`: selected in the list when loaded, else in the detail pane alone
    // ("No draft #N" when there is none).
    void showDraft(qint64 id);
    // The drafts of one user (GitHub id) with one status ("" any): the other filters are cleared.
    void showUserDrafts(const QString &userGithubId, const QString &status);
    // Opens `id` in the editor (asks first when the open draft has unsaved edits).
    void openDraft(qint64 id);
    // Calls `proceed` now when nothing is unsaved, else after the reviewer chose Save (once saved)
    // or Discard edit; never when they chose Stay. For closing the window or the session.
    void askToLeave(std::function<void()> proceed);
    bool hasUnsavedChanges() const;
    qint64 selectedDraftId() const;             // the list's current row; -1 for none
    // The login holding each draft's claim as last read ("" for this console's own claim).
    QString claimHolder(qint64 draftId) const;

    QAction *openAction() const { return m_open; }
    QAction *nextAction() const { return m_next; }
    QAction *previousAction() const { return m_previous; }
    QAction *editAction() const { return m_edit; }
    QAction *discardAction() const { return m_discard; }
    QAction *undoDiscardAction() const { return m_undo; }
    QAction *restoreAction() const { return m_restore; }
    QAction *takeOverAction() const { return m_takeOver; }
    QFrame *notificationBar() const { return m_notification; }
    QString notificationText() const;
    QPushButton *notificationUndoButton() const { return m_notificationUndo; }
    QMessageBox *leavePrompt() const { return m_leavePrompt; }

    // Replaces the discard reason dialog (tests): returns the reason, or nullopt to cancel.
    void setDiscardReasonAsker(std::function<std::optional<QString>()> asker);

signals:
    void draftShown(qint64 id);                 // the selected draft's detail is shown
    void repositorySuggestionsShown(const QStringList &names);
    // Text that is not a numeric GitHub id was typed in the user filter (on every change). It is not
    // applied; a resolver of GitHub logins connects here and puts the id in the field.
    void userLoginTyped(const QString &text);
    void draftOpened(qint64 id);                // loaded into the editor (claim settled)
    void claimsRead();                          // the list's claims were read
    void discarded(qint64 id);
    void discardUndone(qint64 id);
    void restored(qint64 id);
    void writeFailed(const QString &message);

protected:
    QVariantMap filterValues() const override;
    void currentRowChanged(int row) override;

private:
    void buildTriageActions();
    void buildSidePane();
    QAction *addTriageAction(const QString &text, const QString &accessibleName, const QKeySequence &shortcut,
                             bool singleKey);
    void onModelChanged();
    void suggestRepositories(const QString &prefix);
    void checkUserFilter();
    void clearDetail();
    QString appliedSearch() const;
    void load(qint64 id);
    void openNow(qint64 id);
    void claim(qint64 id, bool takeOver);
    void moveBy(int delta);
    void editSelected();
    void discardSelected();
    void discardNow(qint64 id, const QString &version, const QString &reason);
    static QString describeWriteError(qint64 id, const DraftWriteError &error);
    std::optional<DraftDetail> actionTarget() const;
    void onClaimLost(const DbError &error);
    QString claimNote(qint64 draftId) const;
    QString listNote(qint64 draftId) const;
    void repaintList();
    void undoDiscard();
    void restoreSelected();
    void showNotification(const QString &text, bool undo);
    void hideNotification();
    void updateActions();
    void refreshClaims();
    void updateClaimRefresh();
    void afterWrite(qint64 id);
    void backToList();

    QComboBox *m_status = nullptr;
    QComboBox *m_type = nullptr;
    QLineEdit *m_repository = nullptr;
    QCompleter *m_repositoryCompleter = nullptr;
    QStringListModel *m_repositoryNames = nullptr;
    QLineEdit *m_user = nullptr;
    QLabel *m_userProblem = nullptr;
    DateRangeFilter *m_dates = nullptr;
    QLineEdit *m_search = nullptr;
    QTabWidget *m_tabs = nullptr;
    DraftDetailPane *m_detail = nullptr;
    DraftEditor *m_editor = nullptr;
    HistoryView *m_history = nullptr;
    QFrame *m_notification = nullptr;
    QLabel *m_notificationText = nullptr;
    QPushButton *m_notificationUndo = nullptr;
    QTimer *m_undoWindow = nullptr;
    QTimer *m_claimRefresh = nullptr;
    QToolBar *m_toolBar = nullptr;
    SelectionKeeper *m_keeper = nullptr;
    DraftStore *m_store = nullptr;                  // the session's services (not owned)
    DraftClaims *m_claims = nullptr;
    UserDetailStore *m_owners = nullptr;
    bool m_editorClaimed = false;                   // this console holds the editor's draft
    qint64 m_editorTarget = -1;                     // the draft open, or opening, in the editor
    std::unique_ptr<DraftFilterSuggestions> m_suggestions;
    int m_suggestionRequest = 0;
    qint64 m_wanted = -1;
    std::optional<DraftDetail> m_shown;             // the selected draft, as last loaded
    QHash<qint64, DraftClaimHolder> m_holders;      // the list's claims, as last read
    RolePolicy m_policy;
    bool m_singleKeys = true;
    quint64 m_openGeneration = 0;
    struct Discarded { qint64 id = -1; QString version; };
    std::optional<Discarded> m_lastDiscard;         // undoable while m_undoWindow runs
    QPointer<QMessageBox> m_leavePrompt;
    std::function<std::optional<QString>()> m_askReason;

    QAction *m_open = nullptr;
    QAction *m_next = nullptr;
    QAction *m_previous = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_discard = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_restore = nullptr;
    QAction *m_takeOver = nullptr;
    QList<std::pair<QAction *, QKeySequence>> m_singleKeyActions;
};
