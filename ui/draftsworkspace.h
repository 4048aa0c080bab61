#pragma once

#include <QPointer>

#include <functional>
#include <optional>

#include "draftstore.h"
#include "listworkspace.h"
#include "rolepolicy.h"

class DraftClaims;
class DraftDetailPane;
class DraftEditor;
class GitHubClient;
class HistoryView;
class QComboBox;
class QDateEdit;
class QFrame;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPushButton;
class QTabWidget;
class QTimer;

// The reviewers' drafts list: filters (status, type, repository, user, created dates, content
// search), the selected draft read-only in a side pane, and the review editor (DraftEditor) in the
// same pane for the draft opened with Enter or a double-click. Opening claims the draft
// (DraftClaims): another login's claim makes the editor read-only. Moving to another draft with
// unsaved edits asks Save / Discard changes / Stay (non-blocking).
//
// Keyboard triage (shortcuts while the focus is in the workspace): j / k next / previous draft,
// Enter open, e edit, Ctrl+S save, d discard (asks for an optional reason), u undo the discard
// (10 s notification bar), Escape back to the list. The single-key ones can be turned off.
// Every writing action is enabled from the RolePolicy, its tooltip naming the role when disabled.
class DraftsWorkspace : public ListWorkspace
{
    Q_OBJECT

public:
    static constexpr int kUndoSeconds = 10;

    explicit DraftsWorkspace(QWidget *parent = nullptr);
    ~DraftsWorkspace() override;

    void setRolePolicy(const RolePolicy &policy);
    void setGitHubClient(GitHubClient *client);       // not owned; null: the context panes say so
    void setRunUrlTemplate(const QString &urlTemplate);
    void setSingleKeyShortcutsEnabled(bool enabled);  // j k e d u (WCAG 2.1.4)
    bool singleKeyShortcutsEnabled() const { return m_singleKeys; }

    DraftDetailPane *detailPane() const { return m_detail; }
    DraftEditor *editor() const { return m_editor; }
    HistoryView *historyView() const { return m_history; }   // the History tab (audit log)
    QTabWidget *detailTabs() const { return m_tabs; }
    QComboBox *statusFilter() const { return m_status; }
    QComboBox *typeFilter() const { return m_type; }
    QLineEdit *repositoryFilter() const { return m_repository; }
    QLineEdit *userFilter() const { return m_user; }
    QDateEdit *createdFromFilter() const { return m_from; }
    QDateEdit *createdToFilter() const { return m_to; }

    QAction *openAction() const { return m_open; }
    QAction *nextAction() const { return m_next; }
    QAction *previousAction() const { return m_previous; }
    QAction *editAction() const { return m_edit; }
    QAction *discardAction() const { return m_discard; }
    QAction *undoDiscardAction() const { return m_undo; }
    QAction *restoreAction() const { return m_restore; }
    QFrame *notificationBar() const { return m_notification; }
    QString notificationText() const;
    QPushButton *notificationUndoButton() const { return m_notificationUndo; }
    bool hasUnsavedChanges() const;
    qint64 selectedDraftId() const;

    // Opens `id` in the editor (asks first when the open draft has unsaved edits).
    void openDraft(qint64 id);

signals:
    void draftShown(qint64 id);                 // the selected draft's detail is shown
    void draftOpened(qint64 id);                // loaded into the editor
    void discarded(qint64 id);
    void discardUndone(qint64 id);
    void restored(qint64 id);
    void writeFailed(const QString &message);

protected:
    QVariantMap filterValues() const override;
    void currentRowChanged(int row) override;

private:
    void buildTriageActions();
    QAction *addTriageAction(const QString &text, const QString &name, const QKeySequence &shortcut, bool singleKey);
    void onModelChanged();
    void openNow(qint64 id);
    void askToLeave(std::function<void()> proceed);
    void showEditor();
    void moveBy(int delta);
    void editSelected();
    void discardSelected();
    void discardNow(qint64 id, const QString &version, const QString &reason);
    void undoDiscard();
    void restoreSelected();
    void claim(qint64 id, bool takeOver);
    void showNotification(const QString &text, bool undo);
    void updateActions();
    std::optional<DraftDetail> selectedDraft() const;
    void reloadAfterWrite(qint64 id);

    QComboBox *m_status = nullptr;
    QComboBox *m_type = nullptr;
    QLineEdit *m_repository = nullptr;
    QLineEdit *m_user = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QLineEdit *m_search = nullptr;
    QTabWidget *m_tabs = nullptr;
    DraftDetailPane *m_detail = nullptr;
    DraftEditor *m_editor = nullptr;
    HistoryView *m_history = nullptr;
    QFrame *m_notification = nullptr;
    QLabel *m_notificationText = nullptr;
    QPushButton *m_notificationUndo = nullptr;
    QTimer *m_undoWindow = nullptr;
    std::unique_ptr<DraftStore> m_store;
    std::unique_ptr<DraftClaims> m_claims;
    RolePolicy m_policy;
    bool m_singleKeys = true;
    qint64 m_wanted = -1;
    qint64 m_opening = -1;
    std::optional<DraftDetail> m_shown;             // the selected draft, as last loaded
    struct Discarded { qint64 id = -1; QString version; };
    std::optional<Discarded> m_lastDiscard;         // undoable while m_undoWindow runs
    std::function<void()> m_afterSave;              // the move that waits for a Save
    QPointer<QMessageBox> m_leavePrompt;

    QAction *m_open = nullptr;
    QAction *m_next = nullptr;
    QAction *m_previous = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_discard = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_restore = nullptr;
    QList<std::pair<QAction *, QKeySequence>> m_singleKeyActions;
};
