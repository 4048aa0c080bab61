#pragma once

#include <QWidget>

#include <optional>

#include "draftstore.h"
#include "rolepolicy.h"

class ComparisonPane;
class GitHubClient;
class IssueContextPane;
class MarkdownPreview;
class MetadataTree;
class QAction;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QToolButton;
class QTextBrowser;
class UserDetailStore;
struct UserDetail;

// The review editor for one draft: its Markdown source (monospace) beside a live preview, for a
// pull request its title, head and base (kept in metadata), the workflow run (copy, link from the
// run URL template), the metadata as a read-only tree, and the GitHub issue and comparison panes.
//
// Unsaved edits (source or PR fields) are tracked from QTextDocument::modificationChanged and the
// fields: modificationChanged() and the header's "*". save() writes through the DraftStore (not
// owned) based on the version the editor loaded; a conflict shows their version beside mine until
// the reviewer keeps mine, takes theirs or merges by hand. A lost connection keeps the edit and
// offers Retry. Read-only when the policy refuses EditDrafts, another login holds the draft, or
// the draft is not in 'draft' status.
class DraftEditor : public QWidget
{
    Q_OBJECT

public:
    explicit DraftEditor(QWidget *parent = nullptr);
    ~DraftEditor() override;

    void setStore(DraftStore *store);               // not owned
    // Where the owner's GitHub id, memberships and preferences are read (not owned; null: not shown).
    void setOwnerStore(UserDetailStore *store);
    void setGitHubClient(GitHubClient *client);
    // "https://…/runs/{id}": {id} becomes the percent-encoded workflow_run_id. Empty: no link.
    void setRunUrlTemplate(const QString &urlTemplate);
    void setPolicy(const RolePolicy &policy);
    // Empty: nobody else holds the draft. Else read-only, "Being reviewed by LOGIN", and a Take
    // over button when `canTakeOver`.
    void setClaimedBy(const QString &login, bool canTakeOver);
    // Why this console does not hold the claim (claiming, failed, lost), as a sentence; empty: no
    // problem. Non-empty makes the editor read-only; the edit stays.
    void setClaimError(const QString &sentence);

    void openDraft(const DraftDetail &draft);
    void closeDraft();
    bool hasDraft() const { return m_draft.has_value(); }
    qint64 draftId() const { return m_draft ? m_draft->id : -1; }
    std::optional<DraftDetail> draft() const { return m_draft; }
    QString basedOnVersion() const { return m_basedOn; }
    bool isModified() const { return m_modified; }
    bool isReadOnly() const;
    QString readOnlyReason() const;   // empty when editable
    bool isSaving() const { return m_saving; }
    bool isConflictShown() const;

    QAction *saveAction() const { return m_save; }
    QAction *backToListAction() const { return m_back; }
    QPlainTextEdit *source() const { return m_source; }
    MarkdownPreview *preview() const { return m_preview; }
    QLineEdit *titleField() const { return m_title; }
    QLineEdit *headField() const { return m_head; }
    QLineEdit *baseField() const { return m_base; }
    MetadataTree *metadataTree() const { return m_metadata; }
    IssueContextPane *issuePane() const { return m_issue; }
    ComparisonPane *comparisonPane() const { return m_comparison; }
    QString headerText() const;
    QString statusText() const;
    QString runUrl() const;           // the run's link, empty without a template
    QString ownerText() const;        // the owner's facts as shown (plain text)
    QString runIdText() const;
    QToolButton *copyRunIdButton() const { return m_copyRunId; }
    QPlainTextEdit *theirsView() const { return m_theirs; }
    QTextBrowser *conflictDiff() const { return m_diff; }
    QPushButton *keepMineButton() const { return m_keepMine; }
    QPushButton *takeTheirsButton() const { return m_takeTheirs; }
    QPushButton *mergeByHandButton() const { return m_mergeByHand; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *takeOverButton() const { return m_takeOver; }

public Q_SLOTS:
    void save();
    void keepMine();
    void takeTheirs();
    void mergeByHand();

Q_SIGNALS:
    void modificationChanged(bool modified);
    void saved(qint64 id, const QString &newVersion);
    void saveFailed(qint64 id);       // a conflict, a lost connection, a refusal
    void conflictShown(qint64 id);
    void takeOverRequested(qint64 id);
    void backToListRequested();

private:
    QWidget *buildConflictPanel();
    QWidget *buildFactsPanel();
    void load(const DraftDetail &draft);
    void loadOwner();
    void showOwner(const UserDetail &user);
    void showConflict(const DraftConflict &conflict);
    void hideConflict();
    void updateModified();
    void updateReadOnly();
    void updateHeader();
    void setStatus(const QString &text, bool retry = false);
    std::optional<PullRequestFields> pullRequestFields() const;
    bool isPullRequest() const;

    DraftStore *m_store = nullptr;
    UserDetailStore *m_ownerStore = nullptr;
    RolePolicy m_policy;
    QString m_runUrlTemplate;
    QString m_claimedBy;
    QString m_claimError;
    std::optional<DraftDetail> m_draft;
    std::optional<DraftDetail> m_theirsDraft;
    PullRequestFields m_loadedFields;
    QString m_basedOn;
    bool m_modified = false;
    bool m_saving = false;
    bool m_loading = false;
    quint64 m_generation = 0;

    QLabel *m_header = nullptr;
    QLabel *m_readOnlyNote = nullptr;
    QPushButton *m_takeOver = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_retry = nullptr;
    QWidget *m_prFields = nullptr;
    QLineEdit *m_title = nullptr;
    QLineEdit *m_head = nullptr;
    QLineEdit *m_base = nullptr;
    QPlainTextEdit *m_source = nullptr;
    MarkdownPreview *m_preview = nullptr;
    QWidget *m_conflict = nullptr;
    QLabel *m_conflictText = nullptr;
    QPlainTextEdit *m_theirs = nullptr;
    QTextBrowser *m_diff = nullptr;
    QPushButton *m_keepMine = nullptr;
    QPushButton *m_takeTheirs = nullptr;
    QPushButton *m_mergeByHand = nullptr;
    QTabWidget *m_context = nullptr;
    IssueContextPane *m_issue = nullptr;
    ComparisonPane *m_comparison = nullptr;
    MetadataTree *m_metadata = nullptr;
    QLabel *m_runId = nullptr;
    QLabel *m_runLink = nullptr;
    QLabel *m_owner = nullptr;
    QToolButton *m_copyRunId = nullptr;
    QAction *m_save = nullptr;
    QAction *m_back = nullptr;
};
