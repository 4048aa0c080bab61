#pragma once

#include "listworkspace.h"

class DraftDetailPane;
class DraftStore;
class GitHubLoginDirectory;
class HistoryView;
class QComboBox;
class QDateEdit;
class QLineEdit;

// The reviewers' drafts list: filters (status, type, repository, user, created dates, content
// search) and the selected draft, read-only with its Markdown rendered, in a side pane.
class DraftsWorkspace : public ListWorkspace
{
    Q_OBJECT

public:
    explicit DraftsWorkspace(QWidget *parent = nullptr);
    ~DraftsWorkspace() override;

    DraftDetailPane *detailPane() const { return m_detail; }
    HistoryView *historyView() const { return m_history; }   // the History tab (audit log)
    QComboBox *statusFilter() const { return m_status; }
    QComboBox *typeFilter() const { return m_type; }
    QLineEdit *repositoryFilter() const { return m_repository; }
    QLineEdit *userFilter() const { return m_user; }
    QDateEdit *createdFromFilter() const { return m_from; }
    QDateEdit *createdToFilter() const { return m_to; }

    void setLoginDirectory(GitHubLoginDirectory *directory);   // the draft's user's login
    // Shows draft `id`: selected in the list when loaded, else in the detail pane alone
    // ("No draft #N" when there is none).
    void showDraft(qint64 id);
    // The drafts of one user (GitHub id) with one status ("" any): the other filters are cleared.
    void showUserDrafts(const QString &userGithubId, const QString &status);

signals:
    void draftShown(qint64 id);

protected:
    QVariantMap filterValues() const override;
    void currentRowChanged(int row) override;

private:
    void onModelChanged();
    void load(qint64 id);

    QComboBox *m_status = nullptr;
    QComboBox *m_type = nullptr;
    QLineEdit *m_repository = nullptr;
    QLineEdit *m_user = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QLineEdit *m_search = nullptr;
    DraftDetailPane *m_detail = nullptr;
    HistoryView *m_history = nullptr;
    std::unique_ptr<DraftStore> m_store;
    qint64 m_wanted = -1;
};
