#pragma once

#include "listworkspace.h"

class DateRangeFilter;
class DraftDetailPane;
class DraftFilterSuggestions;
class DraftStore;
class GitHubLoginDirectory;
class HistoryView;
class QComboBox;
class QCompleter;
class QDateEdit;
class QLabel;
class QLineEdit;
class QStringListModel;
class SelectionKeeper;

// The reviewers' drafts list: filters (status, type, repository prefix with completion, user's
// GitHub id, created date range, search of content and titles) and the selected draft, read-only
// with its Markdown rendered and the search term marked, in a side pane. The selected draft stays
// selected across filter changes while it still matches (and is on the first page).
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
    QCompleter *repositoryCompleter() const { return m_repositoryCompleter; }
    QLineEdit *userFilter() const { return m_user; }
    QString userFilterMessage() const;          // why the user filter's text is not applied; empty if it is
    DateRangeFilter *createdFilter() const { return m_dates; }
    QDateEdit *createdFromFilter() const;
    QDateEdit *createdToFilter() const;

    void setLoginDirectory(GitHubLoginDirectory *directory);   // the draft's user's login
    // Shows draft `id`: selected in the list when loaded, else in the detail pane alone
    // ("No draft #N" when there is none).
    void showDraft(qint64 id);
    // The drafts of one user (GitHub id) with one status ("" any): the other filters are cleared.
    void showUserDrafts(const QString &userGithubId, const QString &status);

signals:
    void draftShown(qint64 id);
    void repositorySuggestionsShown(const QStringList &names);
    // Text that is not a numeric GitHub id was typed in the user filter (on every change). It is not
    // applied; a resolver of GitHub logins connects here and puts the id in the field.
    void userLoginTyped(const QString &text);

protected:
    QVariantMap filterValues() const override;
    void currentRowChanged(int row) override;

private:
    void onModelChanged();
    void suggestRepositories(const QString &prefix);
    void checkUserFilter();
    void clearDetail();
    QString appliedSearch() const;
    void load(qint64 id);

    QComboBox *m_status = nullptr;
    QComboBox *m_type = nullptr;
    QLineEdit *m_repository = nullptr;
    QCompleter *m_repositoryCompleter = nullptr;
    QStringListModel *m_repositoryNames = nullptr;
    QLineEdit *m_user = nullptr;
    QLabel *m_userProblem = nullptr;
    DateRangeFilter *m_dates = nullptr;
    QLineEdit *m_search = nullptr;
    DraftDetailPane *m_detail = nullptr;
    HistoryView *m_history = nullptr;
    SelectionKeeper *m_keeper = nullptr;
    std::unique_ptr<DraftStore> m_store;
    std::unique_ptr<DraftFilterSuggestions> m_suggestions;
    int m_suggestionRequest = 0;
    qint64 m_wanted = -1;
};
