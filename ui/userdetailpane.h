#pragma once

#include <QPointer>

#include "recordpane.h"
#include "userdetailstore.h"

class GitHubLoginDirectory;
class QTextBrowser;
class QTreeWidget;

// Read-only view of one user: ids, creation time, draft counts by status, their installations with
// permission levels, and each preference row (notification settings exactly as PostgreSQL stores them).
// The GitHub login shows beside the id once the directory knows it. Links (linkActivated): each
// draft count opens the user's drafts of that status; an installation row (activated) opens it.
class UserDetailPane : public RecordPane
{
    Q_OBJECT

public:
    explicit UserDetailPane(QWidget *parent = nullptr);

    void setLoginDirectory(GitHubLoginDirectory *directory);
    void showUser(const UserDetail &user);
    qint64 userId() const { return m_id; }
    QTreeWidget *installations() const { return m_installations; }
    QTextBrowser *preferences() const { return m_preferences; }
    int preferenceRowCount() const { return m_preferenceRows; }

protected:
    void clearRecord() override;

private:
    void showFacts();

    QPointer<GitHubLoginDirectory> m_logins;
    UserDetail m_user;
    qint64 m_id = -1;
    int m_preferenceRows = 0;
    QTreeWidget *m_installations = nullptr;
    QTextBrowser *m_preferences = nullptr;
};
